import { carryForwardMinimum, isotonicNonIncreasing } from './isotonic'
import { ReconstructError } from './reconstructError'
import type { CurvePoint, PreprocessStep, ReconstructOptions, ReconstructWarning } from './types'

/** A cleaned point; `index` is its position in the input, or -1 for the added start (0, 1). */
export interface CleanPoint {
  time: number
  surv: number
  index: number
}

export interface Preprocessed {
  points: CleanPoint[]
  steps: PreprocessStep[]
  warnings: ReconstructWarning[]
  /** Points closer in time than this are clicks on one vertical segment of the step curve. */
  timeTolerance: number
}

/** Values above this are percentages (DESIGN.md section 3). */
const PERCENT_THRESHOLD = 1.5
/** A click this far (in survival) out of line with both neighbours is taken as a stray click. */
const OUTLIER_JUMP = 0.01
/** Within this of the neighbours, the rest of the curve agrees that a click is the odd one out. */
const OUTLIER_AGREE = 0.002
/** Fraction of the time span within which two clicks are taken as the same vertical segment. */
const VERTICAL_FRACTION = 0.002
/** A step back in time longer than this fraction of the span is a misplaced click, not jitter. */
const MAX_JITTER_FRACTION = 0.02

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString()
}

/**
 * Turns raw clicks into a non-increasing curve that starts at (0, 1), reporting each change:
 * percent or proportion; times before 0 moved to 0 (a click left of the axis); sorting by time,
 * with the two clicks of one vertical segment kept top before bottom whatever their jitter in
 * time; survival clamped to [0, 1]; exact duplicates removed; stray clicks (a single point far
 * out of line with both neighbours, where IPDfromKM uses Tukey fences on jump sizes) removed;
 * monotone repair by isotonic regression or carry-forward minimum; the start (0, 1) added.
 * Throws a ReconstructError naming the point for a value that is not a finite number.
 */
export function preprocessPoints(
  input: readonly CurvePoint[],
  options: ReconstructOptions = {},
): Preprocessed {
  const steps: PreprocessStep[] = []
  const warnings: ReconstructWarning[] = []
  if (input.length === 0) throw new ReconstructError('points', null, 'the curve has no points')
  input.forEach((p, i) => {
    if (!Number.isFinite(p.time) || !Number.isFinite(p.surv)) {
      throw new ReconstructError('points', i, 'time and survival must both be numbers')
    }
  })

  // A loop, not Math.max(...values): spreading a long curve overflows the call stack.
  const maxSurv = input.reduce((m, p) => Math.max(m, p.surv), -Infinity)
  const requested = options.scale ?? 'auto'
  const percent = requested === 'auto' ? maxSurv > PERCENT_THRESHOLD : requested === 'percent'
  if (requested === 'proportion' && maxSurv > PERCENT_THRESHOLD) {
    const at = input.findIndex((p) => p.surv === maxSurv)
    throw new ReconstructError(
      'points',
      at,
      `survival ${maxSurv} is above 1 but the curve was declared a proportion; declare it as percent`,
    )
  }
  steps.push({
    step: 'scale',
    changed: percent ? input.length : 0,
    detail: `${percent ? 'percent' : 'proportion'} (${requested === 'auto' ? 'detected' : 'as declared'})`,
  })

  // Fresh objects, changed in place below: the caller's points are never modified.
  const pts: CleanPoint[] = input.map((p, index) => ({
    time: p.time,
    surv: percent ? p.surv / 100 : p.surv,
    index,
  }))

  let negative = 0
  for (const p of pts) {
    if (p.time < 0) {
      p.time = 0
      negative++
    }
  }
  steps.push({
    step: 'negative-times',
    changed: negative,
    detail: negative ? `${negative} point(s) before time 0 moved to 0` : 'none',
  })

  const span = pts.reduce((m, p) => Math.max(m, p.time), 0) || 1
  // Clicks made along the curve come top-then-bottom on each drop, so where the input runs back in
  // time between consecutive clicks, that is the hand's jitter on one vertical segment: it sets
  // how close in time two clicks must be to count as one segment.
  let jitter = 0
  for (let i = 1; i < pts.length; i++) {
    const back = pts[i - 1].time - pts[i].time
    if (back > 0 && pts[i].surv <= pts[i - 1].surv && back < span * MAX_JITTER_FRACTION) {
      jitter = Math.max(jitter, back)
    }
  }
  const timeTolerance = Math.max(span * VERTICAL_FRACTION, 2 * jitter)
  const order = pts.map((_, i) => i)
  order.sort((a, b) => pts[a].time - pts[b].time || a - b)
  const sorted = order.map((i) => pts[i])
  // Two clicks on one drop can come out in either order in time (the hand jitters by a pixel); a
  // step curve goes down its vertical segments, so among near-simultaneous clicks the higher one
  // comes first.
  let swapped = 0
  for (let pass = 0; pass < 3; pass++) {
    let any = false
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1]
      const b = sorted[i]
      if (b.time - a.time <= timeTolerance && b.surv > a.surv) {
        sorted[i - 1] = b
        sorted[i] = a
        swapped++
        any = true
      }
    }
    if (!any) break
  }
  const moved = order.filter((orig, pos) => orig !== pos).length
  steps.push({
    step: 'sort',
    changed: moved + swapped,
    detail:
      moved + swapped
        ? `${moved} point(s) reordered by time, ${swapped} pair(s) on one drop put top before bottom`
        : 'already in order',
  })

  let clamped = 0
  for (const p of sorted) {
    const surv = Math.min(1, Math.max(0, p.surv))
    if (surv !== p.surv) clamped++
    p.surv = surv
  }
  steps.push({
    step: 'clamp',
    changed: clamped,
    detail: clamped ? `${clamped} value(s) outside [0, 1] clamped` : 'none',
  })

  const deduped: CleanPoint[] = []
  for (const p of sorted) {
    const last = deduped[deduped.length - 1]
    if (last && last.time === p.time && last.surv === p.surv) continue
    deduped.push(p)
  }
  steps.push({
    step: 'duplicates',
    changed: sorted.length - deduped.length,
    detail: sorted.length - deduped.length ? `${sorted.length - deduped.length} removed` : 'none',
  })

  const kept: CleanPoint[] = []
  const strays: CleanPoint[] = []
  for (let i = 0; i < deduped.length; i++) {
    const prev = kept[kept.length - 1]
    const p = deduped[i]
    const next = deduped[i + 1]
    if (prev && next && next.surv <= prev.surv + OUTLIER_AGREE) {
      const spike = p.surv > prev.surv + OUTLIER_JUMP
      const dip = p.surv < next.surv - OUTLIER_JUMP
      if (spike || dip) {
        strays.push(p)
        continue
      }
    }
    kept.push(p)
  }
  for (const p of strays) {
    warnings.push({
      code: 'stray-click',
      message: `point at time ${fmt(p.time)}, survival ${fmt(p.surv)} is out of line with its neighbours and was left out`,
      point: p.index,
    })
  }
  steps.push({
    step: 'outliers',
    changed: strays.length,
    detail: strays.length ? `${strays.length} stray click(s) left out` : 'none',
  })

  const method = options.monotone ?? 'isotonic'
  const surv = kept.map((p) => p.surv)
  const repaired = method === 'isotonic' ? isotonicNonIncreasing(surv) : carryForwardMinimum(surv)
  let changed = 0
  let worst = 0
  let worstAt = -1
  repaired.forEach((s, i) => {
    const d = Math.abs(s - surv[i])
    if (d > 1e-12) changed++
    if (d > worst) {
      worst = d
      worstAt = i
    }
  })
  const clean = kept.map((p, i) => ({ time: p.time, surv: repaired[i], index: p.index }))
  steps.push({
    step: 'monotone',
    changed,
    detail: changed
      ? `${changed} point(s) moved by ${method === 'isotonic' ? 'isotonic regression' : 'carry-forward minimum'}, at most ${fmt(worst)}`
      : 'already non-increasing',
  })
  if (worst > 0.02) {
    warnings.push({
      code: 'non-monotone',
      message: `the curve rises by ${fmt(worst)} near time ${fmt(kept[worstAt].time)}; check the clicks there`,
      point: kept[worstAt].index,
    })
  }

  const first = clean[0]
  if (first.time > 0 || first.surv < 1) {
    clean.unshift({ time: 0, surv: 1, index: -1 })
    steps.push({
      step: 'start',
      changed: 1,
      detail:
        first.time === 0
          ? `the curve starts at ${fmt(first.surv)}: (0, 1) added, so the first drop is at time 0`
          : '(0, 1) added',
    })
    if (first.time === 0 && first.surv < 0.98) {
      warnings.push({
        code: 'start-below-one',
        message: `the curve starts at ${fmt(first.surv)} at time 0; check the y-axis calibration`,
        point: first.index,
      })
    }
  } else {
    steps.push({ step: 'start', changed: 0, detail: 'starts at (0, 1)' })
  }
  return { points: clean, steps, warnings, timeTolerance }
}
