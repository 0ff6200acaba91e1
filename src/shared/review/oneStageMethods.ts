/**
 * The methods paragraph of a review's one-stage section (issue 16), with its references, merged
 * into the review's methods text.
 */
import type { ReviewSettings } from '../model/review'
import type { MethodsText } from './methodsText'
import { timeText } from './numberText'
import type { OneStageResult } from './oneStage'

const REFERENCES = {
  // The same text as methodsText's, so that the merged list holds each work once.
  cox: 'Cox DR. Regression models and life-tables. J R Stat Soc B. 1972;34:187–220.',
  efron:
    "Efron B. The efficiency of Cox's likelihood function for censored data. J Am Stat Assoc. 1977;72:557–565.",
  grambsch:
    'Grambsch PM, Therneau TM. Proportional hazards tests and diagnostics based on weighted residuals. Biometrika. 1994;81:515–526.',
  linwei:
    'Lin DY, Wei LJ. The robust inference for the Cox proportional hazards model. J Am Stat Assoc. 1989;84:1074–1078.',
  royston:
    'Royston P, Parmar MKB. Restricted mean survival time: an alternative to the hazard ratio for the design and analysis of randomized trials with a time-to-event outcome. BMC Med Res Methodol. 2013;13:152.',
  uno: 'Uno H, Claggett B, Tian L, et al. Moving beyond the hazard ratio in quantifying the between-group difference in survival analysis. J Clin Oncol. 2014;32:2380–2385.',
  therneau:
    'Therneau TM, Grambsch PM. Modeling Survival Data: Extending the Cox Model. New York: Springer; 2000.',
} as const

/** The one-stage paragraph and the works it cites; null when there is no one-stage section. */
export function oneStageMethods(
  one: OneStageResult | null,
  settings: ReviewSettings,
): MethodsText | null {
  if (!one) return null
  const cited = new Set<keyof typeof REFERENCES>()
  const cite = (k: keyof typeof REFERENCES, text: string) => {
    cited.add(k)
    return text
  }
  const unit = settings.timeUnit
  const s: string[] = [
    'One-stage analyses used the reconstructed patients of all studies together, each patient keeping its study.',
  ]
  const stratified = one.cox.find((r) => !r.observational)
  if (stratified) {
    s.push(
      `Across the ${stratified.k} two-arm studies, the hazard ratio of the other arm against the reference arm was estimated by a Cox model stratified by study, with a baseline hazard of its own for each study and Efron's handling of tied times (${cite('cox', 'Cox 1972')}; ${cite('efron', 'Efron 1977')}), with a Wald 95% CI and Wald and likelihood-ratio tests; proportional hazards were tested on the scaled Schoenfeld residuals against the Kaplan–Meier transform of time (${cite('grambsch', 'Grambsch & Therneau 1994')}).`,
    )
  }
  if (one.cox.some((r) => r.observational)) {
    s.push(
      `Subgroups of single-arm studies, which cannot be compared within a study, were compared by a Cox model with a robust variance clustered by study (${cite('linwei', 'Lin & Wei 1989')}; ${cite('therneau', 'Therneau & Grambsch 2000')}); its likelihood-ratio test ignores the clustering. These comparisons are observational across studies. A shared gamma frailty model was not fitted.`,
    )
  }
  s.push(
    `Restricted mean survival time (RMST) up to τ = ${timeText(one.tau)} ${unit} (${one.tauSet ? 'set by the reviewer' : 'the shortest last follow-up of any arm'}) was estimated for each study and arm as the area under its Kaplan–Meier curve, with the variance of the R package survRM2 (${cite('royston', 'Royston & Parmar 2013')}; ${cite('uno', 'Uno et al. 2014')}).`,
  )
  if (one.rmstComparisons.some((c) => c.method === 'two-stage')) {
    s.push(
      'Differences and ratios of RMST between arms were pooled with the random-effects model of the review (two-stage) and, one-stage, from each arm’s RMST averaged over the studies with weights proportional to their numbers of patients (stratified by study: each study keeps its own Kaplan–Meier curve).',
    )
  }
  s.push(
    'Kaplan–Meier curves of the combined patients by arm and by subgroup are descriptive: they ignore the differences between studies. The Cox models reproduce the R package survival (coxph, cox.zph) to 10⁻⁶.',
  )
  return { paragraphs: [s.join(' ')], references: [...cited].map((k) => REFERENCES[k]) }
}

/** `methods` with the one-stage paragraph added and the references merged, each once, sorted. */
export function withOneStageMethods(methods: MethodsText, extra: MethodsText | null): MethodsText {
  if (!extra) return methods
  return {
    paragraphs: [...methods.paragraphs, ...extra.paragraphs],
    references: [...new Set([...methods.references, ...extra.references])].sort((a, b) =>
      a.localeCompare(b),
    ),
  }
}
