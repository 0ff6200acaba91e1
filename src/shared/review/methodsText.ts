/**
 * The statistical methods of a review in words, generated from its settings and from the methods
 * its studies actually needed, each named with its reference, ready to paste into a manuscript.
 */
import { REASON_ZERO_EXCLUDED } from '../meta/survivalAtTime'
import type { ReviewSettings } from '../model/review'
import type { OutcomeAnalysis } from './analyseOutcome'
import type { PooledCurves } from './pooledCurves'
import { timeText } from './numberText'
import type { PreparedStudy } from './types'

export interface MethodsText {
  paragraphs: string[]
  /** The works cited, sorted by first author, one per entry. */
  references: string[]
}

const REFERENCES = {
  guyot:
    'Guyot P, Ades AE, Ouwens MJ, Welton NJ. Enhanced secondary analysis of survival data: reconstructing the data from published Kaplan-Meier survival curves. BMC Med Res Methodol. 2012;12:9.',
  greenwood:
    'Greenwood M. The natural duration of cancer. Reports on Public Health and Medical Subjects 33. London: HMSO; 1926.',
  brookmeyer:
    'Brookmeyer R, Crowley J. A confidence interval for the median survival time. Biometrics. 1982;38:29–41.',
  cox: 'Cox DR. Regression models and life-tables. J R Stat Soc B. 1972;34:187–220.',
  efron:
    "Efron B. The efficiency of Cox's likelihood function for censored data. J Am Stat Assoc. 1977;72:557–565.",
  peto: 'Peto R, Pike MC, Armitage P, et al. Design and analysis of randomized clinical trials requiring prolonged observation of each patient. II. Analysis and examples. Br J Cancer. 1977;35:1–39.',
  haldane:
    'Haldane JBS. The estimation and significance of the logarithm of a ratio of frequencies. Ann Hum Genet. 1956;20:309–311.',
  hozo: 'Hozo SP, Djulbegovic B, Hozo I. Estimating the mean and variance from the median, range, and the size of a sample. BMC Med Res Methodol. 2005;5:13.',
  wan: 'Wan X, Wang W, Liu J, Tong T. Estimating the sample mean and standard deviation from the sample size, median, range and/or interquartile range. BMC Med Res Methodol. 2014;14:135.',
  mcgrath:
    'McGrath S, Sohn H, Steele R, Benedetti A. Meta-analysis of the difference of medians. Biom J. 2020;62:69–98.',
  mcgrathbc:
    'McGrath S, Zhao X, Steele R, Thombs BD, Benedetti A; DEPRESsion Screening Data (DEPRESSD) Collaboration. Estimating the sample mean and standard deviation from commonly reported quantiles in meta-analysis. Stat Methods Med Res. 2020;29:2520–2537.',
  cai: 'Cai S, Zhou J, Pan J. Estimating the sample mean and standard deviation from order statistics and sample size in meta-analysis. Stat Methods Med Res. 2021;30:2701–2719.',
  risca:
    'Foucher Y. RISCA: Causal Inference and Prediction in Cohort-Based Analyses. R package version 1.0.7; 2025.',
  luo: 'Luo D, Wan X, Liu J, Tong T. Optimally estimating the sample mean from the sample size, median, mid-range, and/or mid-quartile range. Stat Methods Med Res. 2018;27:1785–1805.',
  parmar:
    'Parmar MKB, Torri V, Stewart L. Extracting summary statistics to perform meta-analyses of the published literature for survival endpoints. Stat Med. 1998;17:2815–2834.',
  dl: 'DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials. 1986;7:177–188.',
  reml: 'Viechtbauer W. Bias and efficiency of meta-analytic variance estimators in the random-effects model. J Educ Behav Stat. 2005;30:261–293.',
  pm: 'Paule RC, Mandel J. Consensus values and weighting factors. J Res Natl Bur Stand. 1982;87:377–385.',
  ml: 'Hardy RJ, Thompson SG. A likelihood approach to meta-analysis with random effects. Stat Med. 1996;15:619–629.',
  sj: 'Sidik K, Jonkman JN. Simple heterogeneity variance estimation for meta-analysis. J R Stat Soc C. 2005;54:367–384.',
  hs: 'Hunter JE, Schmidt FL. Methods of meta-analysis: correcting error and bias in research findings. 2nd ed. Thousand Oaks: Sage; 2004.',
  he: 'Hedges LV, Olkin I. Statistical methods for meta-analysis. San Diego: Academic Press; 1985.',
  eb: 'Morris CN. Parametric empirical Bayes inference: theory and applications. J Am Stat Assoc. 1983;78:47–55.',
  hartung:
    'Hartung J, Knapp G. On tests of the overall treatment effect in meta-analysis with normally distributed responses. Stat Med. 2001;20:1771–1782.',
  sidik:
    'Sidik K, Jonkman JN. A simple confidence interval for meta-analysis. Stat Med. 2002;21:3153–3159.',
  qprofile:
    'Viechtbauer W. Confidence intervals for the amount of heterogeneity in meta-analysis. Stat Med. 2007;26:37–52.',
  higgins2002:
    'Higgins JPT, Thompson SG. Quantifying heterogeneity in a meta-analysis. Stat Med. 2002;21:1539–1558.',
  higgins2009:
    'Higgins JPT, Thompson SG, Spiegelhalter DJ. A re-evaluation of random-effects meta-analysis. J R Stat Soc A. 2009;172:137–159.',
  combescure:
    'Combescure C, Foucher Y, Jackson D. Meta-analysis of single-arm survival studies: a distribution-free approach for estimating summary survival curves with random effects. Stat Med. 2014;33:2521–2537.',
  egger:
    'Egger M, Davey Smith G, Schneider M, Minder C. Bias in meta-analysis detected by a simple, graphical test. BMJ. 1997;315:629–634.',
  sterne:
    'Sterne JAC, Sutton AJ, Ioannidis JPA, et al. Recommendations for examining and interpreting funnel plot asymmetry in meta-analyses of randomised controlled trials. BMJ. 2011;343:d4002.',
  metafor:
    'Viechtbauer W. Conducting meta-analyses in R with the metafor package. J Stat Softw. 2010;36(3):1–48.',
} as const

type RefKey = keyof typeof REFERENCES

/** Each τ² estimator: its name, and how to cite it inside the parenthesis after the name. */
const ESTIMATORS: Record<
  Exclude<ReviewSettings['method'], 'FE'>,
  { name: string; abbrev: string | null; ref: RefKey; cite: string }
> = {
  REML: {
    name: 'restricted maximum likelihood',
    abbrev: 'REML',
    ref: 'reml',
    cite: 'Viechtbauer 2005',
  },
  DL: {
    name: 'the DerSimonian–Laird method',
    abbrev: null,
    ref: 'dl',
    cite: 'DerSimonian & Laird 1986',
  },
  PM: { name: 'the Paule–Mandel method', abbrev: null, ref: 'pm', cite: 'Paule & Mandel 1982' },
  ML: { name: 'maximum likelihood', abbrev: 'ML', ref: 'ml', cite: 'Hardy & Thompson 1996' },
  SJ: { name: 'the Sidik–Jonkman method', abbrev: null, ref: 'sj', cite: 'Sidik & Jonkman 2005' },
  HS: { name: 'the Hunter–Schmidt method', abbrev: null, ref: 'hs', cite: 'Hunter & Schmidt 2004' },
  HE: { name: 'the Hedges method', abbrev: null, ref: 'he', cite: 'Hedges & Olkin 1985' },
  EB: { name: 'the empirical Bayes method', abbrev: null, ref: 'eb', cite: 'Morris 1983' },
}

const SURVIVAL_SCALE_WORDS: Record<ReviewSettings['scale'], string> = {
  identity: 'untransformed',
  log: 'log',
  cloglog: 'complementary log–log (log(−log S))',
  logit: 'logit',
  arcsine: 'arcsine square-root',
}

function list(words: string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

function usesMethod(outcomes: readonly OutcomeAnalysis[], pattern: RegExp): number {
  const studies = new Set<string>()
  for (const a of outcomes) {
    for (const s of a.studies) if (!s.excluded && pattern.test(s.method)) studies.add(s.study)
  }
  return studies.size
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']

/** '2 studies', 'one study': numbers below ten in words, as journals print them. */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n < WORDS.length ? WORDS[n] : n} ${n === 1 ? one : many}`
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/**
 * Writes the methods: reconstruction (Guyot et al. 2012 with kmpool's changes) where curves were
 * reconstructed, the per-study estimates and their standard errors by the methods the studies
 * needed (Greenwood, Peto, Brookmeyer–Crowley, Hozo/Wan/Luo, Parmar, Cox), the model (τ²
 * estimator, HKSJ, Q-profile, I², prediction intervals), subgroups, pooled curves (Combescure),
 * leave-one-out, funnel plots and Egger's test, and the software (metafor's definitions).
 * `version` is kmpool's version, named in the text.
 */
/** Below this many pooled studies the methods text says the CIs rest on few studies. */
const FEW_STUDIES = 5

export function methodsText(
  settings: ReviewSettings,
  studies: readonly PreparedStudy[],
  outcomes: readonly OutcomeAnalysis[],
  curves: PooledCurves | null,
  version: string,
): MethodsText {
  const cited = new Set<RefKey>()
  const cite = (key: RefKey, text: string) => {
    cited.add(key)
    return text
  }
  const unit = settings.timeUnit
  const kmpool = version ? `kmpool ${version}` : 'kmpool'
  const paragraphs: string[] = []
  const reconstructed = studies.filter((s) => s.source === 'reconstructed').length
  const published = studies.filter((s) => s.source === 'published').length
  const survival = outcomes.filter((a) => a.kind === 'survival')
  const median = outcomes.find((a) => a.kind === 'median')
  const hr = outcomes.find((a) => a.kind === 'hr')

  const data: string[] = []
  if (reconstructed) {
    data.push(
      `For ${count(reconstructed, 'study', 'studies')}, individual patient data were reconstructed from the digitized Kaplan–Meier curve and the published numbers at risk with the algorithm of Guyot et al. (${cite('guyot', '2012')}) as implemented in ${kmpool}, which reads the number at risk before each drop from the size of the drop, guided by the published table, and carries the censoring rate per patient-time into the last interval; monotonicity of the digitized points was restored by isotonic regression.`,
    )
  }
  const times = settings.survivalTimes.map(timeText)
  if (survival.length) {
    const parts = [
      `Survival at ${list(times)} ${unit} was taken from the Kaplan–Meier estimate of the reconstructed data with Greenwood's standard error (${cite('greenwood', 'Greenwood 1926')})`,
    ]
    if (usesMethod(survival, /^peto/)) {
      parts.push(
        `from published survival and numbers at risk with Peto's standard error (${cite('peto', 'Peto et al. 1977')})`,
      )
    }
    if (usesMethod(survival, /^(se|ci) \(published/)) {
      parts.push('from published standard errors or confidence intervals')
    }
    data.push(`${list(parts)}.`)
    if (
      survival.some((a) =>
        a.studies.some((x) => x.excluded && /nobody at risk/.test(x.reason ?? '')),
      )
    ) {
      data.push(
        'A study with nobody left at risk at a time (its follow-up ended earlier) was left out of the pooled survival at that time.',
      )
    }
    if (usesMethod(survival, /continuity/)) {
      data.push(
        `Survival of 0% or 100% was given a continuity correction of 0.5 added to survivors and deaths (${cite('haldane', 'Haldane 1956')})${settings.zeroSurvival === 'exclude' ? '' : ', counting, where survival had reached 0% with nobody left at risk, the patients at risk just before it did (those actually followed), not the study size'}; a sensitivity analysis left the corrected studies out.`,
      )
    }
    if (
      survival.some((a) => a.studies.some((x) => x.excluded && x.reason === REASON_ZERO_EXCLUDED))
    ) {
      data.push(
        'A study whose survival had reached 0% with nobody left at risk was left out of the pooled survival at that time rather than corrected (the zero-survival setting).',
      )
    }
  }
  if (median) {
    if (usesMethod([median], /Brookmeyer/)) {
      data.push(
        `Median survival and its 95% CI were taken from the reconstructed data by the method of Brookmeyer and Crowley (${cite('brookmeyer', '1982')}).`,
      )
    }
    const notReached = median.studies.filter((s) => /not reached/.test(s.reason ?? '')).length
    if (notReached) {
      data.push(
        `${count(notReached, 'study', 'studies')} whose median was not reached (the curve stayed above 50%) ${notReached === 1 ? 'was' : 'were'} left out of the pooled median; being among the best-surviving, their absence pulls it down.`,
      )
    }
    data.push(
      'Beside the random-effects pool of the medians, the median table gives the median of the study medians weighted by sample size, with its normal-approximation CI, as the R package metamedian computes it.',
    )
    if (usesMethod([median], /published CI/)) {
      data.push(
        'Standard errors of published medians were derived from the width of their 95% CIs.',
      )
    }
    const ranged = usesMethod([median], /^range/)
    if (ranged) {
      // What each study reported beside its median (the published-median suffix of its method).
      const both = usesMethod([median], /^range.*published median, range [^,]*, IQR /)
      const iqrOnly = usesMethod([median], /^range.*published median, IQR /)
      const kinds = [
        [ranged - both - iqrOnly, 'the range'],
        [iqrOnly, 'the interquartile range'],
        [both, 'both'],
      ].filter(([k]) => (k as number) > 0) as [number, string][]
      const reported =
        kinds.length === 1
          ? kinds[0][1]
          : kinds.map(([k, w]) => `${w} (${k < WORDS.length ? WORDS[k] : k})`).join(', ')
      const what = `For ${count(ranged, 'study', 'studies')} reporting a median with ${reported} and the sample size`
      if (settings.rangeMethod === 'qe') {
        data.push(
          `${what}, the variance of the median was estimated by the quantile estimation method of McGrath et al. (${cite('mcgrath', '2020')}): normal, log-normal, gamma and Weibull distributions were fitted to the reported quantiles by least squares, the best-fitting one was kept, and the variance of the median was taken as 1/(4nf(m)²), f(m) its density at the median.`,
        )
      } else {
        const how =
          settings.rangeMethod === 'hozo'
            ? `the method of Hozo et al. (${cite('hozo', '2005')}), from the range only`
            : settings.rangeMethod === 'wan'
              ? `the method of Wan et al. (${cite('wan', '2014')})`
              : settings.rangeMethod === 'bc'
                ? `the Box–Cox method of McGrath et al. (${cite('mcgrathbc', '2020')}): the power transform that makes the reported quantiles most symmetric, the mean of Luo et al. (${cite('luo', '2018')}) and the standard deviation of Wan et al. (${cite('wan', '2014')}) on the transformed scale, and the mean and standard deviation of the back-transformed distribution computed exactly (R's estmeansd draws them at random)`
                : settings.rangeMethod === 'mln'
                  ? `the MLN method of Cai et al. (${cite('cai', '2021')}): a Box–Cox transform chosen and the normal mean and standard deviation of the transformed data estimated by maximum likelihood from the reported order statistics, and the mean and standard deviation of the back-transformed distribution computed exactly (R's estmeansd draws them at random)`
                  : `the mean of Luo et al. (${cite('luo', '2018')}) and the standard deviation of Wan et al. (${cite('wan', '2014')})`
        data.push(
          `${what}, a mean and standard deviation were estimated by ${how}, and the standard deviation divided by √n (the standard error of a mean) was used as the standard error of the median.`,
        )
      }
    }
  }
  if (hr) {
    const parts: string[] = []
    if (usesMethod([hr], /^Cox/)) {
      parts.push(
        `from the reconstructed data of both arms by Cox regression (${cite('cox', 'Cox 1972')}) with Efron's handling of ties (${cite('efron', 'Efron 1977')}), the other arm against the study's reference (control) arm`,
      )
    }
    if (usesMethod([hr], /^ci-log/)) {
      parts.push(
        `from published hazard ratios and their 95% CIs (${cite('parmar', 'Parmar et al. 1998')})`,
      )
    }
    if (parts.length)
      data.push(`Log hazard ratios of two-arm studies were obtained ${list(parts)}.`)
  }
  if (published) {
    data.push(
      `${capital(count(published, 'study', 'studies'))} without a usable figure contributed ${published === 1 ? 'its' : 'their'} published numbers.`,
    )
  }
  if (data.length) paragraphs.push(data.join(' '))

  const model: string[] = []
  const scales = [
    survival.length ? `survival on the ${SURVIVAL_SCALE_WORDS[settings.scale]} scale` : null,
    median
      ? `medians on the ${settings.medianScale === 'raw' ? 'untransformed' : 'log'} scale`
      : null,
    hr ? 'hazard ratios on the log scale' : null,
  ].filter((x): x is string => x !== null)
  // A review with nothing pooled yet has no scales to list ("models, ; the …" before).
  const onScales = scales.length > 0 ? `, ${list(scales)}` : ''
  if (settings.method === 'FE') {
    model.push(
      `Estimates were pooled with inverse-variance common-effect (fixed-effect) models${onScales}.`,
    )
  } else {
    const est = ESTIMATORS[settings.method]
    const citation = cite(est.ref, est.cite)
    model.push(
      `Estimates were pooled with inverse-variance random-effects models${onScales}; the between-study variance τ² was estimated by ${est.name} (${est.abbrev ? `${est.abbrev}; ${citation}` : citation}), with its 95% CI by the Q-profile method (${cite('qprofile', 'Viechtbauer 2007')}).`,
    )
    if (settings.hksj) {
      model.push(
        `Confidence intervals of pooled estimates used the Hartung–Knapp–Sidik–Jonkman method (${cite('hartung', 'Hartung & Knapp 2001')}; ${cite('sidik', 'Sidik & Jonkman 2002')}), with t distributions on k − 1 degrees of freedom.`,
      )
    }
    model.push(
      `Heterogeneity was described by Cochran's Q and I² (${cite('higgins2002', 'Higgins & Thompson 2002')}), and 95% prediction intervals were computed (${cite('higgins2009', 'Higgins et al. 2009')}).`,
    )
    const few = outcomes.some(
      (a) =>
        (a.pool.k >= 2 && a.pool.k < FEW_STUDIES) ||
        a.subgroups.some((g) => g.fit.k >= 2 && g.fit.k < FEW_STUDIES),
    )
    if (few) {
      model.push(
        `Some estimates pooled fewer than ${FEW_STUDIES} studies: their confidence intervals rest on few studies, and τ² is poorly estimated${settings.hksj ? '' : ' (the Hartung–Knapp–Sidik–Jonkman adjustment, one setting, gives wider intervals)'}.`,
      )
    }
  }
  if (settings.subgroupBy) {
    model.push(
      `Studies were pooled separately by ${settings.subgroupBy === 'subgroup' ? 'subgroup' : 'study design'}, and subgroups were compared with the test for subgroup differences (Q between subgroups on G − 1 degrees of freedom).`,
    )
  }
  if (curves && curves.groups.some((g) => g.curve.times.length)) {
    model.push(
      `Pooled survival curves${settings.subgroupBy ? ' by subgroup' : ''} were estimated by the method of Combescure et al. (${cite('combescure', '2014')}): conditional survival in intervals of ${timeText(curves.step)} ${unit}, transformed by the corrected arcsine asin√((np + 0.25)/(n + 0.5)) with variance 1/(4(n + 0.5)) and pooled over all intervals at once with the random-effects method-of-moments estimator of the authors' R package RISCA (${cite('risca', 'survival.summary')}), with pointwise 95% confidence bands on the log scale; the median is where each pooled curve crosses 50% (linear interpolation), with its 95% CI from 10,000 simulated curves.`,
    )
  }
  const withK = outcomes.filter((a) => a.pool.k >= 3)
  if (withK.length) {
    model.push(
      `Robustness was examined by leave-one-out analysis, and small-study effects by funnel plots and Egger's regression test (${cite('egger', 'Egger et al. 1997')}) for outcomes with at least three studies${withK.some((a) => a.pool.k < 10) ? `, interpreted with caution below ten studies (${cite('sterne', 'Sterne et al. 2011')})` : ''}.`,
    )
  }
  const converted = studies.some((s) => s.converted)
  model.push(
    `Times are in ${unit}${converted ? ' (converted with a year of 365.25 days, 12 months or 52.18 weeks)' : ''}. All analyses were run in ${kmpool}, whose meta-analysis follows the definitions of the R package metafor (${cite('metafor', 'Viechtbauer 2010')}) and reproduces its results to 10⁻⁶.`,
  )
  paragraphs.push(model.join(' '))
  const references = [...cited].map((k) => REFERENCES[k]).sort((a, b) => a.localeCompare(b))
  return { paragraphs, references }
}

/** The methods as Markdown: the paragraphs, then a numbered-free reference list. */
export function methodsMarkdown(m: MethodsText, title: string): string {
  const head = title ? `# Statistical methods: ${title}\n\n` : '# Statistical methods\n\n'
  return `${head}${m.paragraphs.join('\n\n')}\n\n## References\n\n${m.references.map((r) => `- ${r}`).join('\n')}\n`
}
