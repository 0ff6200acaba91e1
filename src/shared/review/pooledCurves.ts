/**
 * Pooled survival curves of a review, one per subgroup and one over all studies, by the method
 * of Combescure et al. (2014) on a regular time grid, with the numbers at risk summed over the
 * studies for the figure's table.
 */
import type { ReviewSettings } from '../model/review'
import { type CombescureCurve, combescureCurve, type CombescureStudy } from '../meta'
import { survivalAt } from '../survival'
import type { PreparedStudy } from './types'

export interface PooledCurveGroup {
  /** The curve over all studies, rather than one subgroup's. */
  overall: boolean
  subgroup: string | null
  label: string
  /** Studies that contribute at least one interval. */
  k: number
  curve: CombescureCurve
  /** Patients at risk at `ticks`, summed over the contributing studies; null where unknown. */
  atRisk: (number | null)[]
}

export interface PooledCurves {
  /** The time grid (review unit): step, 2·step, … up to the last survival time. */
  grid: number[]
  step: number
  /** Times for the axis and the numbers at risk: 0 and the review's survival times. */
  ticks: number[]
  groups: PooledCurveGroup[]
}

/** Grid points per curve when the review does not set a step. */
const DEFAULT_GRID_POINTS = 20

/** A published time counts as a grid time when within 1% of it (365 days is 12 months). */
function near(a: number, t: number): boolean {
  return Math.abs(a - t) <= 0.01 * t
}

/**
 * A study's survival and numbers at risk on the grid. From the reconstructed IPD: S at each grid
 * time up to the last follow-up time (unknown after it unless everyone has died), n at risk from
 * the fit. From published numbers: the rows that fall on grid times. Null when the study has no
 * survival to offer.
 */
export function curveInput(p: PreparedStudy, grid: readonly number[]): CombescureStudy | null {
  if (p.fit) {
    const fit = p.fit
    const last = fit.time.length ? fit.time[fit.time.length - 1] : 0
    const at = survivalAt(fit, grid)
    return {
      study: p.label,
      n: fit.n,
      surv: at.map((a, j) => (grid[j] <= last || a.surv === 0 ? a.surv : null)),
      nRisk: at.map((a) => a.nRisk),
    }
  }
  const rows = p.published?.survival ?? []
  if (!rows.length) return null
  const on = grid.map((t) => rows.find((r) => near(r.time, t)) ?? null)
  return {
    study: p.label,
    n: p.n ?? 0,
    surv: on.map((r) => r?.surv ?? null),
    nRisk: on.map((r) => r?.nRisk ?? null),
  }
}

function atRiskAt(p: PreparedStudy, ticks: readonly number[]): (number | null)[] {
  if (p.fit) return survivalAt(p.fit, ticks).map((a) => a.nRisk)
  const rows = p.published?.survival ?? []
  return ticks.map((t) => (t === 0 ? p.n : (rows.find((r) => near(r.time, t))?.nRisk ?? null)))
}

/**
 * The time grid of the pooled curves: multiples of `curveStep` (by default a twentieth of the
 * last survival time) up to the last survival time; empty without survival times.
 */
export function curveGrid(settings: ReviewSettings): { grid: number[]; step: number } {
  const end = settings.survivalTimes.length
    ? settings.survivalTimes[settings.survivalTimes.length - 1]
    : 0
  if (!(end > 0)) return { grid: [], step: 0 }
  const step = settings.curveStep ?? end / DEFAULT_GRID_POINTS
  const grid: number[] = []
  for (let j = 1; j * step <= end * (1 + 1e-9); j++) grid.push(Math.round(j * step * 1e9) / 1e9)
  return { grid, step }
}

/**
 * One pooled curve per subgroup (in order of first appearance) and one over all studies; `combescureCurve` on arcsine-transformed conditional
 * survival. Studies with no survival to offer (a median only) take no part; those whose data
 * give no interval are listed in each curve's `studies` with the reason. Null without a grid.
 */
export function pooledCurves(
  studies: readonly PreparedStudy[],
  settings: ReviewSettings,
): PooledCurves | null {
  const { grid, step } = curveGrid(settings)
  if (!grid.length) return null
  const ticks = [0, ...settings.survivalTimes]
  const inputs = studies
    .map((p) => ({ p, input: curveInput(p, grid) }))
    .filter((x): x is { p: PreparedStudy; input: CombescureStudy } => x.input !== null)
  const build = (
    overall: boolean,
    subgroup: string | null,
    label: string,
    members: typeof inputs,
  ): PooledCurveGroup => {
    const curve = combescureCurve(
      grid,
      members.map((m) => m.input),
    )
    const contributing = members.filter((_, i) => !curve.studies[i].excluded)
    const counts = contributing.map((m) => atRiskAt(m.p, ticks))
    const atRisk = ticks.map((_, j) =>
      counts.every((c) => c[j] !== null)
        ? counts.reduce((sum, c) => sum + (c[j] as number), 0)
        : null,
    )
    return { overall, subgroup, label, k: contributing.length, curve, atRisk }
  }
  const groups: PooledCurveGroup[] = []
  if (settings.subgroupBy) {
    const order: (string | null)[] = []
    for (const x of inputs) if (!order.includes(x.p.subgroup)) order.push(x.p.subgroup)
    for (const g of order) {
      groups.push(
        build(
          false,
          g,
          g ?? 'No subgroup',
          inputs.filter((x) => x.p.subgroup === g),
        ),
      )
    }
  }
  groups.push(build(true, null, 'All studies', inputs))
  return { grid, step, ticks, groups }
}
