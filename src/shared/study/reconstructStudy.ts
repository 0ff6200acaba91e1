/**
 * Reconstruction of a whole study, curve by curve, with the summaries a reviewer checks: the app's
 * live panel, its exports and `kmpool reconstruct --study` all call this one function, so they
 * give the same numbers.
 */
import { referenceCurveId } from '../model/referenceArm'
import type { Study } from '../model/study'
import { ReconstructError, reconstruct } from '../reconstruct'
import type { CurvePoint, IpdRow, ReconstructReport, RiskRow } from '../reconstruct/types'
import { coxTwoGroup, kaplanMeier, logrank, median, survivalAt } from '../survival'

export type TimeUnit = 'days' | 'weeks' | 'months' | 'years'

export interface StudyCurveInput {
  id: string
  name: string
  /** Survival as a proportion, in the order the curve stores its points. */
  points: CurvePoint[]
  risk: RiskRow[]
  totalN?: number
  totalEvents?: number
  /** Times of the censor marks read off the figure; the reconstruction censors there. */
  censorTimes?: number[]
}

export interface StudyReconstructionInput {
  timeUnit: TimeUnit
  curves: StudyCurveInput[]
  /** The reference (control) arm's curve id; the first curve when absent. */
  referenceId?: string
}

/** Where a problem is, for the app to select the point or the risk-table row it concerns. */
export interface CurveProblem {
  message: string
  point?: number
  riskRow?: number
}

export interface SurvivalAtYear {
  years: number
  /** The same time in the figure's unit. */
  time: number
  surv: number
  se: number | null
  lower: number | null
  upper: number | null
  nRisk: number
}

export interface CurveSummary {
  n: number
  events: number
  censored: number
  median: number | null
  medianLower: number | null
  medianUpper: number | null
  /** Survival at 1 to 5 years, only where the reconstructed follow-up reaches. */
  years: SurvivalAtYear[]
}

export type CurveOutcome =
  | { id: string; name: string; status: 'incomplete'; reason: string }
  | { id: string; name: string; status: 'failed'; problem: CurveProblem }
  | {
      id: string
      name: string
      status: 'done'
      ipd: IpdRow[]
      report: ReconstructReport
      summary: CurveSummary
      /** The reconstructed KM step function: S(t) from time[i] on, starting at (0, 1). */
      km: { time: number[]; surv: number[] }
    }

export interface Comparison {
  /** The reference (control) curve and the other, by id and name; n is each arm's patients. */
  refId: string
  otherId: string
  ref: string
  other: string
  hr: number | null
  lower: number | null
  upper: number | null
  pLogrank: number | null
  nRef: number
  nOther: number
}

export interface StudyReconstruction {
  timeUnit: TimeUnit
  curves: CurveOutcome[]
  /** With exactly two reconstructed curves: the other against the reference arm. */
  comparison: Comparison | null
}

/** A curve's outcome without its patients: what the app's panel and overlay show. */
export type CurveView = CurveOutcome extends infer C
  ? C extends { ipd: unknown }
    ? Omit<C, 'ipd'>
    : C
  : never

/** A study's reconstruction as the app receives it: the patients stay in main (exports use them). */
export interface StudyReconstructionView extends Omit<StudyReconstruction, 'curves'> {
  curves: CurveView[]
}

export function withoutIpd(result: StudyReconstruction): StudyReconstructionView {
  return {
    ...result,
    curves: result.curves.map((c) => {
      if (c.status !== 'done') return c
      const { ipd: _ipd, ...view } = c
      return view
    }),
  }
}

/** How many of the figure's time units make a year. */
export const UNITS_PER_YEAR: Record<TimeUnit, number> = {
  days: 365.25,
  weeks: 365.25 / 7,
  months: 12,
  years: 1,
}

/** What a study's curves give the reconstruction: the data units of their points, not pixels. */
export function studyReconstructionInput(study: Study): StudyReconstructionInput {
  const reference = referenceCurveId(study)
  return {
    timeUnit: study.calibration?.timeUnit ?? 'months',
    curves: study.curves.map((c) => ({
      id: c.id,
      name: c.name,
      points: c.points.map((p) => ({ time: p.time, surv: p.surv })),
      risk: c.risk.map((r) => ({ time: r.time, nRisk: r.nRisk })),
      ...(c.totalN === undefined ? {} : { totalN: c.totalN }),
      ...(c.totalEvents === undefined ? {} : { totalEvents: c.totalEvents }),
      ...(c.censorTimes === undefined ? {} : { censorTimes: c.censorTimes }),
    })),
    ...(reference === null ? {} : { referenceId: reference }),
  }
}

function incompleteReason(curve: StudyCurveInput): string | null {
  if (curve.points.length < 2) return 'digitize at least two points of this curve'
  if (curve.risk.length === 0 && curve.totalN === undefined) {
    return 'enter its number-at-risk table or its total N'
  }
  return null
}

function summarise(ipd: IpdRow[], unitsPerYear: number) {
  const fit = kaplanMeier(
    ipd.map((r) => r.time),
    ipd.map((r) => r.event),
  )
  const med = median(fit)
  const lastTime = fit.time.length ? fit.time[fit.time.length - 1] : 0
  const yearTimes = [1, 2, 3, 4, 5]
    .map((years) => ({ years, time: years * unitsPerYear }))
    .filter((y) => y.time <= lastTime)
  const at = survivalAt(
    fit,
    yearTimes.map((y) => y.time),
  )
  const summary: CurveSummary = {
    n: fit.n,
    events: fit.events,
    censored: fit.n - fit.events,
    median: med.quantile,
    medianLower: med.lower,
    medianUpper: med.upper,
    years: yearTimes.map((y, i) => ({
      years: y.years,
      time: y.time,
      surv: at[i].surv,
      se: at[i].se,
      lower: at[i].lower,
      upper: at[i].upper,
      nRisk: at[i].nRisk,
    })),
  }
  return { summary, km: { time: [0, ...fit.time], surv: [1, ...fit.surv] } }
}

function reconstructCurve(curve: StudyCurveInput, unitsPerYear: number): CurveOutcome {
  const { id, name } = curve
  const reason = incompleteReason(curve)
  if (reason) return { id, name, status: 'incomplete', reason }
  try {
    const { ipd, report } = reconstruct({
      points: curve.points,
      risk: curve.risk,
      totalN: curve.totalN,
      totalEvents: curve.totalEvents,
      censorTimes: curve.censorTimes,
      // Points are stored as proportions whatever the figure's axis reads.
      options: { scale: 'proportion' },
    })
    return { id, name, status: 'done', ipd, report, ...summarise(ipd, unitsPerYear) }
  } catch (e) {
    if (!(e instanceof ReconstructError)) throw e
    const problem: CurveProblem = { message: e.message }
    if (e.where === 'points' && e.index !== null) problem.point = e.index
    if (e.where === 'risk' && e.index !== null) problem.riskRow = e.index
    return { id, name, status: 'failed', problem }
  }
}

function compare(curves: CurveOutcome[], referenceId: string | undefined): Comparison | null {
  if (curves.length !== 2) return null
  const [a, b] = curves[1].id === referenceId ? [curves[1], curves[0]] : curves
  if (a.status !== 'done' || b.status !== 'done') return null
  const rows = [...a.ipd.map((r) => ({ ...r, g: 0 })), ...b.ipd.map((r) => ({ ...r, g: 1 }))]
  const time = rows.map((r) => r.time)
  const event = rows.map((r) => r.event)
  const group = rows.map((r) => r.g)
  const cox = coxTwoGroup(time, event, group, { ref: 0 })
  const lr = logrank(time, event, group)
  return {
    refId: a.id,
    otherId: b.id,
    ref: a.name,
    other: b.name,
    hr: cox.hr,
    lower: cox.lower,
    upper: cox.upper,
    pLogrank: lr.p,
    nRef: a.summary.n,
    nOther: b.summary.n,
  }
}

/**
 * Reconstructs every curve of a study. A curve without enough data is `incomplete`, one the
 * reconstruction refuses is `failed` with the point or risk row to blame; neither stops the others.
 */
export function reconstructStudy(input: StudyReconstructionInput): StudyReconstruction {
  const unitsPerYear = UNITS_PER_YEAR[input.timeUnit]
  const curves = input.curves.map((c) => reconstructCurve(c, unitsPerYear))
  return { timeUnit: input.timeUnit, curves, comparison: compare(curves, input.referenceId) }
}
