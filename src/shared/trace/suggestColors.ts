import { axisMap, plotArea } from './calibration'
import { type Lab, deltaE, rgbToLab } from './color'
import { backgroundColor, relation } from './coverage'
import { DEFAULT_TOLERANCE, traceCurve } from './traceCurve'
import { TraceError } from './traceError'
import type { Calibration, Rgb, RgbaImage, TraceOptions, TracedCurve } from './types'

/** Lab histogram bin size (ΔE units): the anti-aliased blends of one colour spread over a few. */
const BIN = 6
/** Colours closer than this (ΔE) are one curve's. */
const SAME = 14
/** A pixel this far (ΔE) from the background is ink. */
const INK = 20
/** Candidates traced, at most. */
const MAX_CANDIDATES = 8
/** A curve is seen over at least this share of the plot's width. */
const MIN_SPAN = 0.15
/** A lighter shade of a commoner colour with this much of its ink is that colour's anti-aliased edge. */
const EDGE_SHADE = 0.6
/** A colour with chroma (ΔE from the neutral axis) below this is a grey. */
const NEUTRAL = 8
/** Two greys this far apart in L* are two inks (black and grey arms), not one and its edge. */
const GREY_STEP = 18
/** Two traces closer than this (mean survival difference) are one curve found twice. */
const DUPLICATE = 0.01

interface Peak {
  count: number
  r: number
  g: number
  b: number
}

/**
 * The distinct ink colours of the plot area, commonest first: a histogram of the ink pixels in
 * CIELAB (bins of BIN), its local maxima, each refined to the mean colour of its bin and merged
 * with any other within SAME. SurvdigitizeR clusters curve colours with k-medoids in HSL, which
 * needs the number of arms; the peaks of the histogram do not, and the anti-aliased blends of a
 * colour with the background, which run in a line from it, do not form peaks of their own.
 */
export function inkColors(
  image: RgbaImage,
  calibration: Calibration,
  options: TraceOptions = {},
): Rgb[] {
  const map = axisMap(calibration)
  const area = options.area ?? plotArea(calibration, map, image.width, image.height)
  const bg = options.background ?? backgroundColor(image, area)
  const bgLab = rgbToLab(...bg)
  const bins = new Map<number, Peak>()
  const labs = new Map<number, Lab>()
  const key = (lab: Lab) => {
    const l = Math.round(lab[0] / BIN)
    const a = Math.round(lab[1] / BIN) + 64
    const b = Math.round(lab[2] / BIN) + 64
    return (l * 256 + a) * 256 + b
  }
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) {
      const i = y * image.width + x
      if (options.mask && options.mask[i]) continue
      const o = i * 4
      const rgb = (image.data[o] << 16) | (image.data[o + 1] << 8) | image.data[o + 2]
      let lab = labs.get(rgb)
      if (!lab) {
        lab = rgbToLab(image.data[o], image.data[o + 1], image.data[o + 2])
        labs.set(rgb, lab)
      }
      if (deltaE(lab, bgLab) < INK) continue
      const k = key(lab)
      const p = bins.get(k)
      if (p) {
        p.count++
        p.r += image.data[o]
        p.g += image.data[o + 1]
        p.b += image.data[o + 2]
      } else bins.set(k, { count: 1, r: image.data[o], g: image.data[o + 1], b: image.data[o + 2] })
    }
  }
  const neighbours = (k: number) => {
    const out: number[] = []
    for (let dl = -1; dl <= 1; dl++) {
      for (let da = -1; da <= 1; da++) {
        for (let db = -1; db <= 1; db++)
          if (dl || da || db) out.push(k + (dl * 256 + da) * 256 + db)
      }
    }
    return out
  }
  const total = [...bins.values()].reduce((s, p) => s + p.count, 0)
  const peaks: { color: Rgb; lab: Lab; count: number }[] = []
  for (const [k, p] of bins) {
    if (p.count < Math.max(20, 0.005 * total)) continue
    if (neighbours(k).some((n) => (bins.get(n)?.count ?? 0) > p.count)) continue
    const color: Rgb = [p.r / p.count, p.g / p.count, p.b / p.count]
    peaks.push({ color, lab: rgbToLab(...color), count: p.count })
  }
  peaks.sort((a, b) => b.count - a.count)
  const merged: typeof peaks = []
  for (const p of peaks) if (!merged.some((m) => deltaE(m.lab, p.lab) < SAME)) merged.push(p)
  return merged.map((m) => m.color.map(Math.round) as unknown as Rgb)
}

/**
 * Whether two colours are greys of clearly different lightness: on a black-and-grey figure the
 * grey arm's ink lies on the black one's blend line with the background, yet it is an ink of its
 * own, kept if it traces a long falling curve that is not the black one again.
 */
function greysApart(p: Rgb, q: Rgb): boolean {
  const a = rgbToLab(...p)
  const b = rgbToLab(...q)
  const neutral = (c: Lab) => Math.hypot(c[1], c[2]) < NEUTRAL
  return neutral(a) && neutral(b) && Math.abs(a[0] - b[0]) >= GREY_STEP
}

/** Mean absolute difference of two traced step functions over the times both cover. */
function traceDistance(a: TracedCurve, b: TracedCurve): number {
  const at = (c: TracedCurve, t: number) => {
    let s = 1
    for (const p of c.points) if (p.time <= t) s = p.surv
    return s
  }
  const end = Math.min(a.points[a.points.length - 1].time, b.points[b.points.length - 1].time)
  if (!(end > 0)) return Infinity
  let sum = 0
  for (let k = 1; k <= 100; k++) sum += Math.abs(at(a, (k * end) / 101) - at(b, (k * end) / 101))
  return sum / 100
}

/**
 * Finds the figure's curves with no colour given: the ink colours of the plot area
 * (inkColors) are each traced, and those whose trace is a curve — seen over a good part of the
 * plot's width and falling at least once — are kept, one per arm, and traced again each knowing
 * the others. Axes, text
 * and gridlines fail that test; a colour that merely traces another curve again (the anti-aliased
 * edge of a black line is grey) is dropped in favour of the one seen in more columns, or of its
 * darker shade (the ink rather than its edge). A grey clearly lighter than a black (greysApart) is
 * traced although it lies on the black's blend line: it is kept only if it traces a long falling
 * curve that is not the black one again. Black and grey arms are told apart by their ink (see
 * siblingRuns.ts). Throws a TraceError when no curve is found.
 */
export function traceAllCurves(
  image: RgbaImage,
  calibration: Calibration,
  options: TraceOptions = {},
): TracedCurve[] {
  const map = axisMap(calibration)
  const area = options.area ?? plotArea(calibration, map, image.width, image.height)
  const colors = inkColors(image, calibration, { ...options, area }).slice(0, MAX_CANDIDATES)
  const bg = options.background ?? backgroundColor(image, area)
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE
  const trace = (color: Rgb, others: readonly Rgb[]): TracedCurve | null => {
    try {
      return traceCurve(image, calibration, color, { ...options, area, otherColors: others })
    } catch (e) {
      if (e instanceof TraceError) return null
      throw e
    }
  }
  // First each candidate beside the candidates of other hues (a lighter blend of a colour is
  // usually its anti-aliased edge, not a curve, and a dark shade of a commoner one surely is);
  // then the curves found, each beside the others.
  const found: TracedCurve[] = []
  for (const [i, color] of colors.entries()) {
    const shadeOf = colors.some((c, j) => {
      if (j === i) return false
      const r = relation(c, color, bg, tolerance)
      return r.kind === 'lighter' && r.strength > EDGE_SHADE && !greysApart(c, color)
    })
    if (shadeOf) continue
    const distinct = colors.filter(
      (c) => c !== color && relation(color, c, bg, tolerance).kind === 'distinct',
    )
    const curve = trace(color, distinct)
    if (!curve) continue
    const drops = curve.points.filter((p, i) => i > 0 && p.surv < curve.points[i - 1].surv).length
    if (curve.columnsSeen < MIN_SPAN * (area.x1 - area.x0) || drops === 0) continue
    const twin = found.findIndex((c) => traceDistance(c, curve) < DUPLICATE)
    if (twin < 0) found.push(curve)
    else if (
      curve.columnsSeen > found[twin].columnsSeen ||
      relation(curve.color, found[twin].color, bg, tolerance).kind === 'lighter'
    )
      found[twin] = curve
  }
  const kept = found.map((c) => c.color)
  const curves = kept
    .map((color) =>
      trace(
        color,
        kept.filter((c) => c !== color),
      ),
    )
    .filter((c): c is TracedCurve => c !== null)
  if (curves.length === 0) {
    throw new TraceError('no curve found in the plot area; give the curve colours with --color')
  }
  return curves
}
