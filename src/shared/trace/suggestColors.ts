import { type Lab, deltaE, formatColor, rgbToLab } from './color'
import { type PixelIndex, relation } from './coverage'
import { type CandidatePixels, type LineGroup, candidatePixels, lineGroups } from './lineGroups'
import { prepareFigure, traceInFigure } from './traceCurve'
import { nameUnderArms } from './traceCurves'
import { TraceError } from './traceError'
import type {
  Calibration,
  FoundCurves,
  Rgb,
  RgbaImage,
  TraceOptions,
  TraceWarning,
  TracedCurve,
} from './types'

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
/** Two traces closer than this (mean survival difference) are one curve found twice. */
const DUPLICATE = 0.01
/** Ink spanning this share of the plot's width as a line would is reported when no curve comes of it. */
const LINE_SPAN = 0.3
/** A line lying this much along the curves found (lineGroups.ts) is a shade of theirs, not unreported ink. */
const PART_OF_FOUND = 0.5
/** Ink heaped thicker than this share of the plot's height per column is a filled area, not a line. */
const THICK = 0.1

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
  return inkColorsOf(prepareFigure(image, calibration, options).index)
}

/** inkColors of an indexed plot area (coverage.ts: indexPixels). */
export function inkColorsOf(index: PixelIndex): Rgb[] {
  const bgLab = rgbToLab(...index.background)
  const bins = new Map<number, Peak>()
  const key = (lab: Lab) => {
    const l = Math.round(lab[0] / BIN)
    const a = Math.round(lab[1] / BIN) + 64
    const b = Math.round(lab[2] / BIN) + 64
    return (l * 256 + a) * 256 + b
  }
  const pixels = new Int32Array(index.count)
  for (const id of index.ids) if (id >= 0) pixels[id]++
  const { colors } = index
  for (let c = 0; c < index.count; c++) {
    const n = pixels[c]
    if (n === 0) continue
    const r = colors[3 * c]
    const g = colors[3 * c + 1]
    const b = colors[3 * c + 2]
    const lab = index.labs[c]
    if (deltaE(lab, bgLab) < INK) continue
    const k = key(lab)
    const p = bins.get(k)
    if (p) {
      p.count += n
      p.r += n * r
      p.g += n * g
      p.b += n * b
    } else bins.set(k, { count: n, r: n * r, g: n * g, b: n * b })
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
 * How much of the plot's width a group's ink spans as a line would: columns holding its pixels
 * above the x axis, outside rows and columns it fills for half the area or more (axes, gridlines,
 * the frame); zero when it is heaped thicker per column than a curve can be (a confidence band's
 * fill). Text and legend samples span little.
 */
function lineSpan(
  pixels: CandidatePixels,
  indices: readonly number[],
  width: number,
  height: number,
  zeroRow: number,
): number {
  // Membership by label + 1 (label −1 is no candidate's).
  const member = new Uint8Array(MAX_CANDIDATES + 1)
  for (const k of indices) member[k + 1] = 1
  const rows = new Int32Array(height)
  const cols = new Int32Array(width)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (member[pixels.label[y * width + x] + 1]) {
        rows[y]++
        cols[x]++
      }
    }
  }
  let columns = 0
  let count = 0
  for (let x = 0; x < width; x++) {
    if (cols[x] >= 0.5 * height) continue
    let any = false
    for (let y = 0; y < Math.min(height, zeroRow - 1); y++) {
      if (rows[y] < 0.5 * width && member[pixels.label[y * width + x] + 1]) {
        any = true
        count++
      }
    }
    if (any) columns++
  }
  if (columns === 0 || count / columns > THICK * height) return 0
  return columns / width
}

/**
 * Finds the figure's curves with no colour given, one per drawn line, and says what it could not
 * trace. The ink colours of the plot area (inkColors) are grouped into lines by where their pixels
 * lie (lineGroups.ts: a core and its anti-aliased or JPEG halo, or two shades of one stroke, are
 * one line; arms of similar hue that lie apart are two; filled areas such as confidence bands are
 * no line), and each line is traced from its core,
 * beside the other lines' cores. Those whose trace is a curve — seen over a good part of the plot's
 * width and falling at least once — are kept, one per arm, and traced again each beside the others
 * kept (and the filled areas). Axes, text and gridlines fail that test; a line that merely traces a kept curve again is
 * dropped in favour of the one seen in more columns, or of its darker shade (the ink rather than
 * its edge). Black and grey arms are told apart by their ink (see siblingRuns.ts).
 *
 * A line that is drawn like a curve (its ink spans LINE_SPAN of the width, above the x axis and
 * outside axes and gridlines, and does not lie along the curves found) but gives no curve is reported in `warnings`
 * (`candidate-not-traced`), never dropped silently. Throws a TraceError when no curve is found.
 */
export function findCurves(
  image: RgbaImage,
  calibration: Calibration,
  options: TraceOptions = {},
): FoundCurves {
  const figure = prepareFigure(image, calibration, options)
  const { index, area, map } = figure
  const candidates = inkColorsOf(index).slice(0, MAX_CANDIDATES)
  const pixels = candidatePixels(index, candidates)
  const { groups, along } = lineGroups(index, candidates, pixels)
  const bg = index.background
  const tolerance = figure.tolerance
  const shadesOf = (color: Rgb) => groups.find((g) => g.core === color)?.members ?? []
  const trace = (color: Rgb, others: readonly Rgb[]): TracedCurve | string => {
    try {
      return traceInFigure(figure, color, others, shadesOf(color))
    } catch (e) {
      if (e instanceof TraceError) return e.message
      throw e
    }
  }
  const width = area.x1 - area.x0
  const found: TracedCurve[] = []
  const refused: { group: LineGroup; why: string }[] = []
  for (const group of groups) {
    if (group.filled) continue
    const curve = trace(
      group.core,
      groups.filter((g) => g !== group && !g.filled).map((g) => g.core),
    )
    if (typeof curve === 'string') {
      refused.push({ group, why: curve })
      continue
    }
    const drops = curve.points.filter((p, i) => i > 0 && p.surv < curve.points[i - 1].surv).length
    if (curve.columnsSeen < MIN_SPAN * width || drops === 0) {
      refused.push({
        group,
        why:
          drops === 0
            ? 'its trace never falls'
            : `its trace was seen over only ${Math.round((100 * curve.columnsSeen) / width)}% of the plot's width`,
      })
      continue
    }
    const twin = found.findIndex((c) => traceDistance(c, curve) < DUPLICATE)
    if (twin < 0) found.push(curve)
    else if (
      curve.columnsSeen > found[twin].columnsSeen ||
      relation(curve.color, found[twin].color, bg, tolerance).kind === 'lighter'
    )
      found[twin] = curve
  }
  const kept = found.map((c) => c.color)
  const curves: TracedCurve[] = []
  const warnings: TraceWarning[] = []
  // Beside the other curves kept, and also beside the filled areas when there are any: a band's
  // tint is not the curve's ink, but a line drawn over it blends with it and may read as the
  // tint's; of the two traces, the one that sees more of its own line is kept.
  const fills = groups.filter((g) => g.filled).map((g) => g.core)
  const seen = (c: TracedCurve | string) => (typeof c === 'string' ? -1 : c.columnsSeen)
  for (const color of kept) {
    const others = kept.filter((c) => c !== color)
    const plain = trace(color, others)
    const beside = fills.length ? trace(color, [...others, ...fills]) : plain
    const curve = seen(beside) >= seen(plain) ? beside : plain
    if (typeof curve === 'string') {
      warnings.push({
        code: 'candidate-not-traced',
        message: `the curve of colour ${formatColor(color)} could not be traced beside the others: ${curve}`,
      })
    } else curves.push(curve)
  }
  nameUnderArms(curves, kept)
  const zeroRow = Math.round(map.toPixel(0, 0).py) - area.y0
  // A shade that lies along the lines found is part of them, not a line of its own.
  const setOf = (g: LineGroup) => g.indices.reduce((m, k) => m | (1 << k), 0)
  const keptSet = groups.filter((g) => kept.includes(g.core)).reduce((m, g) => m | setOf(g), 0)
  for (const { group, why } of refused) {
    if (keptSet && along(setOf(group), keptSet) >= PART_OF_FOUND) continue
    const span = lineSpan(pixels, group.indices, width, area.y1 - area.y0, zeroRow)
    if (span < LINE_SPAN) continue
    warnings.push({
      code: 'candidate-not-traced',
      message: `ink of colour ${formatColor(group.core)} is drawn across ${Math.round(100 * span)}% of the plot's width, but no survival curve could be traced in it (${why}); if it is an arm, give its colour with --color or mask what hides it`,
    })
  }
  if (curves.length === 0) {
    const also = warnings.length ? ` (${warnings.map((w) => w.message).join('; ')})` : ''
    throw new TraceError(
      `no curve found in the plot area; give the curve colours with --color${also}`,
    )
  }
  return { curves, warnings }
}

/** The curves of findCurves alone, for callers that report its warnings some other way. */
export function traceAllCurves(
  image: RgbaImage,
  calibration: Calibration,
  options: TraceOptions = {},
): TracedCurve[] {
  return findCurves(image, calibration, options).curves
}
