import { axisMap } from './calibration'
import { warnLeavesPlot } from './leavesPlot'
import { findCurves as findFalling } from './suggestColors'
import { warnFollowsOther } from './traceAudit'
import { TraceError } from './traceError'
import { isTraced, traceEachCurve as traceEachFalling } from './traceCurves'
import type { Calibration, FoundCurves, Rgb, RgbaImage, TraceOptions, TracedCurve } from './types'

/**
 * Whether survival 1 is drawn below survival 0, as on a figure of cumulative incidence (the y
 * axis shows 1 − S, calibration.yShows) whose curves rise: the tracer follows curves that fall
 * from survival 1, so such a figure is traced upside down.
 */
export function drawnRising(calibration: Calibration): boolean {
  const map = axisMap(calibration)
  return map.toPixel(map.startTime, 1).py > map.toPixel(map.startTime, 0).py
}

/** The image's rows in reverse order. */
function flipImage(image: RgbaImage): RgbaImage {
  const { width, height } = image
  const row = width * 4
  const data = new Uint8ClampedArray(image.data.length)
  for (let y = 0; y < height; y++) {
    data.set(image.data.subarray(y * row, (y + 1) * row), (height - 1 - y) * row)
  }
  return { data, width, height }
}

/**
 * The figure turned upside down (rows reversed), with its calibration, mask and area turned
 * with it: pixel row j becomes row H − 1 − j, so a pixel coordinate y (rows centred at j + ½)
 * becomes H − y. The calibration keeps its values, so the data a pixel maps to is unchanged.
 */
function flipped(
  image: RgbaImage,
  calibration: Calibration,
  options: TraceOptions,
): { image: RgbaImage; calibration: Calibration; options: TraceOptions } {
  const H = image.height
  const point = (p: Calibration['x1']) => ({ ...p, py: H - p.py })
  const out: TraceOptions = { ...options }
  if (options.mask) {
    const mask = new Uint8Array(options.mask.length)
    const w = image.width
    for (let y = 0; y < H; y++) {
      mask.set(options.mask.subarray(y * w, (y + 1) * w), (H - 1 - y) * w)
    }
    out.mask = mask
  }
  if (options.area) out.area = { ...options.area, y0: H - options.area.y1, y1: H - options.area.y0 }
  return {
    image: flipImage(image),
    calibration: {
      ...calibration,
      x1: point(calibration.x1),
      x2: point(calibration.x2),
      y1: point(calibration.y1),
      y2: point(calibration.y2),
    },
    options: out,
  }
}

/** A curve traced in the flipped figure, with its pixel positions turned back. */
function unflip(curve: TracedCurve, height: number): TracedCurve {
  return {
    ...curve,
    points: curve.points.map((p) => ({ ...p, y: height - p.y })),
    censorMarks: curve.censorMarks.map((m) => ({ ...m, y: height - m.y })),
  }
}

/**
 * A message of the tracer, which reads every figure as falling from survival 1, in the terms of
 * a rising figure as its user sees it: its curves start near 0 at time 0 on the y axis.
 */
export function risingTerms(message: string): string {
  return message.replace(
    /starts near survival 1 at time 0/g,
    'starts near 0 at time 0 (the y axis is calibrated as cumulative incidence, so curves rise from 0)',
  )
}

/** Runs a trace of the flipped figure, its refusal said in the rising figure's terms. */
function inRisingTerms<T>(trace: () => T): T {
  try {
    return trace()
  } catch (e) {
    if (e instanceof TraceError) throw new TraceError(risingTerms(e.message))
    throw e
  }
}

/**
 * The curves, each warned of when it leaves the plot at the edge of its y axis (leavesPlot.ts),
 * and when its trace runs along another's (traceAudit.ts: warnFollowsOther).
 */
function checked(curves: TracedCurve[], calibration: Calibration): TracedCurve[] {
  for (const c of curves) warnLeavesPlot(c, calibration)
  warnFollowsOther(curves)
  return curves
}

/**
 * The tracer's entry points for figures drawn either way: a figure whose curves fall (survival)
 * is traced as it is; one whose curves rise (cumulative incidence, 1 − S) is traced turned upside
 * down, where they fall from survival 1 at the top, and its corners and censor marks are given
 * back in the figure's own pixels. Times and survival come from the calibration either way, so
 * `surv` is S = 1 − y on a rising figure, which is what reconstruction takes. Either way, a curve
 * that ends on the edge of a y axis that does not reach survival 0 is warned of (leavesPlot.ts).
 */
export function traceCurve(
  image: RgbaImage,
  calibration: Calibration,
  color: Rgb,
  options: TraceOptions = {},
): TracedCurve {
  return traceCurves(image, calibration, [color], options)[0]
}

/**
 * Several curves of one figure, each traced knowing the others' colours and checked against
 * their traces (traceEachCurve below); every colour must be traced: the first refusal is thrown.
 */
export function traceCurves(
  image: RgbaImage,
  calibration: Calibration,
  colors: readonly Rgb[],
  options: TraceOptions = {},
): TracedCurve[] {
  const results = traceEachCurve(image, calibration, colors, options)
  for (const r of results) if (!isTraced(r)) throw r
  return results.filter(isTraced)
}

/**
 * traceCurves.ts's traceEachCurve, for figures drawn either way (see traceCurve above): each
 * colour's curve or the TraceError that says why not, the curves traced checked against each
 * other (a curve that follows another's line is warned of however many of the others failed).
 */
export function traceEachCurve(
  image: RgbaImage,
  calibration: Calibration,
  colors: readonly Rgb[],
  options: TraceOptions = {},
): (TracedCurve | TraceError)[] {
  const traced = (results: (TracedCurve | TraceError)[]) => {
    checked(results.filter(isTraced), calibration)
    return results
  }
  if (!drawnRising(calibration)) {
    return traced(traceEachFalling(image, calibration, colors, options))
  }
  const f = flipped(image, calibration, options)
  const results = inRisingTerms(() => traceEachFalling(f.image, f.calibration, colors, f.options))
  return traced(
    results.map((r) =>
      r instanceof TraceError ? new TraceError(risingTerms(r.message)) : unflip(r, image.height),
    ),
  )
}

/** suggestColors.ts's findCurves, for figures drawn either way (see traceCurve above). */
export function findCurves(
  image: RgbaImage,
  calibration: Calibration,
  options: TraceOptions = {},
): FoundCurves {
  if (!drawnRising(calibration)) {
    const found = findFalling(image, calibration, options)
    return { ...found, curves: checked(found.curves, calibration) }
  }
  const f = flipped(image, calibration, options)
  const found = inRisingTerms(() => findFalling(f.image, f.calibration, f.options))
  const curves = found.curves.map((c) => unflip(c, image.height))
  const warnings = found.warnings.map((w) => ({ ...w, message: risingTerms(w.message) }))
  return { ...found, curves: checked(curves, calibration), warnings }
}

/** suggestColors.ts's traceAllCurves, for figures drawn either way (see traceCurve above). */
export function traceAllCurves(
  image: RgbaImage,
  calibration: Calibration,
  options: TraceOptions = {},
): TracedCurve[] {
  return findCurves(image, calibration, options).curves
}
