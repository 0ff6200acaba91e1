/**
 * What a forest plot of one outcome shows, as plain data in display units (survival in percent,
 * medians in the review's time unit, hazard ratios as ratios) with its texts already written, so
 * that the SVG figure and the app's view draw the same thing.
 */
import type { ReviewSettings } from '../model/review'
import type { OutcomeAnalysis } from './analyseOutcome'
import { estimateText, fixed, heterogeneityText, pEquals } from './numberText'

export interface ForestStudyRow {
  label: string
  n: number | null
  value: number | null
  lower: number | null
  upper: number | null
  /** Percent of the overall model's weight; sizes the square. */
  weight: number | null
  estimate: string
  weightText: string
  /** Why the study is not pooled here; the figure gives it as a footnote. */
  excludedReason: string | null
}

export interface ForestSummary {
  label: string
  k: number
  value: number
  lower: number
  upper: number
  /** Prediction interval, when the model has one. */
  piLower: number | null
  piUpper: number | null
  estimate: string
  piText: string | null
  /** 'Heterogeneity: τ² = …, I² = …, Q = …, df = …, p = …'; null for k < 2. */
  heterogeneity: string | null
}

export interface ForestGroup {
  /** The subgroup's name; null when the review has no subgroups. */
  label: string | null
  rows: ForestStudyRow[]
  summary: ForestSummary | null
}

export interface ForestPlotData {
  id: string
  title: string
  /** Header of the estimate column, e.g. 'Survival, % (95% CI)'. */
  estimateHeader: string
  axis: {
    scale: 'linear' | 'log'
    label: string
    /** A vertical line of no effect (1 for hazard ratios); null when none. */
    reference: number | null
    /** Limits no value can pass (0 and 100 for survival in percent); null when open. */
    limits: [number, number] | null
  }
  groups: ForestGroup[]
  overall: ForestSummary | null
  /** Lines under the plot: the test for subgroup differences and the model. */
  footer: string[]
}

const SCALE_WORDS: Record<ReviewSettings['scale'], string> = {
  identity: 'untransformed',
  log: 'log',
  cloglog: 'complementary log–log',
  logit: 'logit',
  arcsine: 'arcsine square-root',
}

/** The model in a phrase: 'Random effects (REML), HKSJ CIs'. */
export function modelPhrase(settings: ReviewSettings): string {
  if (settings.method === 'FE') return 'Common effect (inverse variance)'
  return `Random effects (${settings.method})${settings.hksj ? ', Hartung–Knapp–Sidik–Jonkman CIs' : ''}`
}

function display(a: OutcomeAnalysis, x: number | null): number | null {
  return x === null ? null : a.kind === 'survival' ? 100 * x : x
}

function summary(
  a: OutcomeAnalysis,
  label: string,
  fit: OutcomeAnalysis['pool'],
  pi: OutcomeAnalysis['prediction'],
): ForestSummary | null {
  if (!fit.pooled) return null
  const d = (x: number) => display(a, x) as number
  return {
    // One study is that study's own estimate, not a pooled one.
    label: fit.k === 1 ? `${label}: one study, not pooled` : `${label} (k = ${fit.k})`,
    k: fit.k,
    value: d(fit.pooled.value),
    lower: d(fit.pooled.lower),
    upper: d(fit.pooled.upper),
    piLower: pi ? d(pi.lower) : null,
    piUpper: pi ? d(pi.upper) : null,
    estimate: estimateText(a.kind, fit.pooled.value, fit.pooled.lower, fit.pooled.upper),
    piText: pi
      ? estimateText(a.kind, fit.pooled.value, pi.lower, pi.upper).replace(/^\S+ /, '')
      : null,
    heterogeneity: fit.k >= 2 ? `Heterogeneity: ${heterogeneityText(fit)}` : null,
  }
}

/** The forest plot of one analysed outcome, with subgroup blocks when the review has them. */
export function forestData(a: OutcomeAnalysis, settings: ReviewSettings): ForestPlotData {
  const unit = settings.timeUnit
  const rows = a.studies.map((s): ForestStudyRow => ({
    label: s.study,
    n: s.n,
    value: display(a, s.value),
    lower: display(a, s.lower),
    upper: display(a, s.upper),
    weight: s.weight,
    estimate: s.excluded ? '—' : estimateText(a.kind, s.value, s.lower, s.upper),
    weightText: s.weight === null ? '' : `${fixed(s.weight, 1)}%`,
    excludedReason: s.excluded ? s.reason : null,
  }))
  const groups: ForestGroup[] = a.subgroups.length
    ? a.subgroups.map((g) => ({
        label: g.subgroup ?? 'No subgroup',
        rows: rows.filter((_, i) => a.studies[i].subgroup === g.subgroup),
        summary: summary(a, 'Subtotal', g.fit, g.prediction),
      }))
    : [{ label: null, rows, summary: null }]
  const footer: string[] = []
  if (a.subgroups.length > 1 && a.pool.Q_between !== null) {
    footer.push(
      `Test for subgroup differences: Q = ${fixed(a.pool.Q_between, 2)}, df = ${a.pool.Q_between_df}, ${pEquals(a.pool.Q_between_p)}`,
    )
  }
  const scaleNote =
    a.kind === 'survival'
      ? `pooled on the ${SCALE_WORDS[settings.scale]} scale`
      : a.kind === 'median'
        ? `pooled on the ${settings.medianScale === 'raw' ? 'untransformed' : 'log'} scale`
        : 'pooled on the log scale'
  footer.push(`${modelPhrase(settings)}; ${scaleNote}; 95% CIs.`)
  const what =
    a.kind === 'survival'
      ? { header: 'Survival, % (95% CI)', axis: `${a.title} (%)` }
      : a.kind === 'median'
        ? { header: `Median, ${unit} (95% CI)`, axis: `Median survival (${unit})` }
        : { header: 'HR (95% CI)', axis: 'Hazard ratio' }
  return {
    id: a.id,
    title: a.title,
    estimateHeader: what.header,
    axis: {
      scale:
        a.kind === 'survival' || (settings.medianScale === 'raw' && a.kind === 'median')
          ? 'linear'
          : 'log',
      label: what.axis,
      reference: a.kind === 'hr' ? 1 : null,
      limits: a.kind === 'survival' ? [0, 100] : null,
    },
    groups,
    overall: summary(a, 'Overall', a.pool, a.prediction),
    footer,
  }
}
