import type { AxisMap } from './calibration'
import {
  HUE_KEPT,
  type Lab,
  deltaE,
  formatColor,
  hueShare,
  rgbToLab,
  sameColor,
  sameHue,
} from './color'
import { type PixelIndex, coverageMapsDone, inkColumns, relation } from './coverage'
import {
  type CandidatePixels,
  LINE_INK,
  type LineGroup,
  candidatePixels,
  lineGroups,
} from './lineGroups'
import { prepareFigure, traceAuditLater, withAudit, type TraceToAudit } from './traceCurve'
import { retraceAlongOthers, warnLeaps } from './retraceAlongOthers'
import {
  type MarksOn,
  ON_SOME_CURVES,
  darker,
  isNeutral,
  marksInInk,
  marksOnCurves,
} from './markInk'
import { settleSharedMarks } from './sharedMarks'
import { nameUnderArms } from './traceCurves'
import { TraceError } from './traceError'
import { DASH_GAP, GAP, uncoveredInk } from './uncoveredInk'
import { lineInk } from './lineInk'
import { warnLineBeyondEnd } from './lineBeyondEnd'
import { hueModes } from './hueModes'
import { huesOnOneCurve } from './huesOnOneCurve'
import type { TraceStatusKind } from './traceStatus'
import type {
  Calibration,
  FoundCurves,
  PixelRect,
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
/** Ink this far (ΔE in a*b*) from the background's chroma is coloured (inkColors). */
const COLOURED = 8
/**
 * A hue family of the coloured ink (hueModes.ts) with at least this many pixels per column of the
 * plot is a line's: NEJM's lines on dev seeds 7052, 7088, 7208 and 7346 had 0.6–2.4 (the 1-px
 * orange arm of 7088, 1.2); JPEG tints about other lines and text (7094, 7184, 7232) had
 * 0.04–0.26.
 */
const HUE_LINE = 0.5
/**
 * Columns a hue family's runs bridge (uncoveredInk.ts) when looking for an arm no curve follows: a
 * thin line under NEJM's dense black "+" marks keeps its hue only between them (dev seed 7088).
 */
const MARKS_GAP = 12
/** Candidates traced, at most. */
const MAX_CANDIDATES = 8
/** A curve is seen over at least this share of the plot's width. */
const MIN_SPAN = 0.15
/** Two traces closer than this (mean survival difference) are one curve found twice. */
const DUPLICATE = 0.01
/**
 * Ink darker than this (L*) is black: NEJM draws its "+" marks in black. Only a black trace is
 * judged again against coloured lines traced without it (a grey one is a JAMA or Lancet arm
 * more often than marks, and the extra traces cost time).
 */
const BLACK = 30
/** Two pixels this close (pixels, in both directions) touch (alongOffRules; as lineGroups.ts). */
const REACH = 2
/** Ink spanning this share of the plot's width as a line would is reported when no curve comes of it. */
const LINE_SPAN = 0.3
/** A line lying this much along the curves found (lineGroups.ts) is a shade of theirs, not unreported ink. */
const PART_OF_FOUND = 0.5
/** Black and greys kept among the candidates when coloured inks are left out (candidateColors). */
const NEUTRALS = 3
/** A trace along the rules' rows (alongRules) over this share of its length is a rule's. */
const ON_RULES = 0.6
/** Rows (columns) inked over this share of the plot's width (height) are left out of a line's span. */
const HALF = 0.5
/** ... and over this share, the frame's edges or gridlines (rules a trace may run along). */
const FULL = 0.9
/** Rows (columns) of ink in a run thicker than this are a filled area, not a rule. */
const RULE_THICK = 4
/**
 * A group refused for running along rules with this share of its ink in them is the rules' ink,
 * left unreported. Frame and gridline inks refused so had 0.84–0.98 (dev seeds 3000–3119,
 * 4000–4119, check seeds 5000–5119, ../shared/cases); an arm with no event, flat along the
 * frame's row at survival 1 (dev seed 3004 so drawn), has 0.71: reported, not dropped in silence.
 */
const IN_RULES = 0.8
/** Times sampled along a trace by alongRules. */
const RULE_SAMPLES = 100
/** Ink heaped thicker than this share of the plot's height per column is a filled area, not a line. */
const THICK = 0.1
/**
 * A candidate's ink lying away from every curve offered over this share of the plot's width
 * (uncoveredInk.ts) is reported: an arm no curve follows.
 */
const UNCOVERED = 0.1
/** A candidate this much along one already reported so (lineGroups.ts: along) is its shade. */
const SHADE_OF = 0.5
/**
 * A grey or black line traced again in its own ink's colour is kept seeing this share of the
 * columns the first trace saw or more: the first colour, darker than the line, also took the
 * line's anti-aliased edge and a few columns of other dark ink beside it (JAMA development seeds
 * 6437 and 6443: 1183 of 1187 and 708 of 713 columns).
 */
const SEEN_AGAIN = 0.97
/** Trace statuses from best to worst: a line traced again is kept only if no worse. */
const STATUS_ORDER: readonly TraceStatusKind[] = ['whole', 'inferred', 'gaps']
/** Why a trace along the frame or a gridline is refused. */
const RULE = 'its trace runs along the frame or a gridline'

interface Peak {
  count: number
  r: number
  g: number
  b: number
}

/**
 * The distinct ink colours of the plot area: a histogram of the ink pixels in CIELAB (bins of
 * BIN), its local maxima, each refined to the mean colour of its bin, commonest first; then the
 * local maxima of the histogram summed over each bin's neighbours (a thin line that JPEG spreads
 * over many bins, none a peak alone), each the mean colour of its neighbourhood; then the same
 * for the coloured bins alone (a thin coloured line that JPEG has greyed, outweighed by the grey
 * ramp beside it); then for the coloured bins far from the background (a line outweighed by its
 * pale JPEG halo or its band's tint); each merged with any earlier within SAME (a coloured peak
 * only with an earlier colour that is coloured too or keeps HUE_KEPT of its hue, never a grey).
 * SurvdigitizeR clusters curve colours with k-medoids in HSL, which
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

/** How many ink pixels of an indexed plot area are of each of its colours. */
function inkPerColour(index: PixelIndex): Int32Array {
  const pixels = new Int32Array(index.count)
  for (let k = 0; k < index.inkAt.length; k++) pixels[index.ids[index.inkAt[k]]]++
  return pixels
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
  const pixels = inkPerColour(index)
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
  // Density of each bin with its neighbours': JPEG spreads a thin line's ink over a blob of
  // bins, none of which alone may hold many pixels, while their sum does.
  const near = new Map<number, Peak>()
  for (const k of bins.keys()) {
    const sum: Peak = { ...bins.get(k)! }
    for (const n of neighbours(k)) {
      const q = bins.get(n)
      if (!q) continue
      sum.count += q.count
      sum.r += q.r
      sum.g += q.g
      sum.b += q.b
    }
    near.set(k, sum)
  }
  const localPeaks = (hist: Map<number, Peak>) => {
    const peaks: { color: Rgb; lab: Lab; count: number }[] = []
    for (const [k, p] of hist) {
      if (p.count < Math.max(20, 0.005 * total)) continue
      if (
        neighbours(k).some((n) => {
          const c = hist.get(n)?.count ?? 0
          return c > p.count || (c === p.count && n < k)
        })
      )
        continue
      const color: Rgb = [p.r / p.count, p.g / p.count, p.b / p.count]
      peaks.push({ color, lab: rgbToLab(...color), count: p.count })
    }
    return peaks.sort((a, b) => b.count - a.count)
  }
  // A thin coloured line that JPEG has greyed (chroma subsampling halves its chroma, and more on
  // a low quality) spreads over many bins of little chroma, beside the grey ramp of the text and
  // the frame's anti-aliased edges: summed with its neighbours, each of its bins is outweighed by
  // the greys next to it and no peak of its own. The density of the coloured bins alone has its
  // peaks where such a line's ink lies: bins whose neighbourhood's mean colour is COLOURED from
  // the background's chroma (taken by the neighbourhood, not the bin alone, so that a stray bin
  // of chroma at the grey ramp's edge is left out: on dev seeds 3000–3119 and 4000–4119 the bin
  // alone found 5 fewer arms).
  const peaksAmong = (keep: (lab: Lab) => boolean) => {
    const coloured = new Map<number, Peak>()
    for (const [k, p] of near) {
      const lab = rgbToLab(p.r / p.count, p.g / p.count, p.b / p.count)
      if (!keep(lab)) continue
      coloured.set(k, { count: 0, r: 0, g: 0, b: 0 })
    }
    for (const k of coloured.keys()) {
      const sum = coloured.get(k)!
      for (const n of [k, ...neighbours(k)]) {
        const q = bins.get(n)
        if (!q || !coloured.has(n)) continue
        sum.count += q.count
        sum.r += q.r
        sum.g += q.g
        sum.b += q.b
      }
    }
    for (const [k, p] of coloured) if (p.count === 0) coloured.delete(k)
    return localPeaks(coloured)
  }
  const merged: { color: Rgb; lab: Lab; count: number }[] = []
  // The bins' own peaks first; then the peaks of the density that none of them is near; then
  // those of the coloured ink alone; then those of the inky coloured ink alone.
  const colouredPeaks = peaksAmong(
    (lab) => Math.hypot(lab[1] - bgLab[1], lab[2] - bgLab[2]) >= COLOURED,
  )
  // Pale ink of many pixels can outweigh a line's own ink in every neighbourhood: a JPEG's pale
  // yellow halo about JCO's yellow line (dev seeds 3015, 3027, 3063, 4011: the line was traced
  // from the halo, #fefac9, and not whole where its true colour's trace is), a band's tint about
  // its line. The inky coloured bins alone (LINE_INK) have their peaks at the line.
  const inkyPeaks = peaksAmong(
    (lab) =>
      Math.hypot(lab[1] - bgLab[1], lab[2] - bgLab[2]) >= COLOURED &&
      deltaE(lab, bgLab) >= LINE_INK,
  )
  for (const p of [...localPeaks(bins), ...localPeaks(near)]) {
    if (!merged.some((m) => deltaE(m.lab, p.lab) < SAME)) merged.push(p)
  }
  // A coloured peak is a shade of an earlier colour only if that one is coloured too or keeps
  // HUE_KEPT of its hue: a line that JPEG greyed to C* 11 lay within SAME of a grey arm's ink and
  // was merged into it, never a candidate, and the arm was lost without a word (dev seed 3118;
  // 4024 likewise). A pale shade of the line itself keeps its hue, and merges as before, grey as
  // it may read (a 1-px blue line at JPEG quality 0.4, test/trace/arms.test.ts: its halo at C* 6
  // keeps 0.54 of its hue; kept apart, the line's ink split three ways and the halo was reported).
  const chroma = (lab: Lab) => Math.hypot(lab[1] - bgLab[1], lab[2] - bgLab[2])
  const shadeOf = (m: Lab, p: Lab) =>
    deltaE(m, p) < SAME && (chroma(m) >= COLOURED || hueShare(m, p, bgLab) >= HUE_KEPT)
  for (const p of [...colouredPeaks, ...inkyPeaks]) {
    if (!merged.some((m) => shadeOf(m.lab, p.lab))) merged.push(p)
  }
  return merged.map((m) => m.color.map(Math.round) as unknown as Rgb)
}

/** The note for a black or grey ink taken for the censor marks of coloured curves. */
function marksNote(m: MarksOn): string {
  const dark = rgbToLab(...m.curve.color)[0] < BLACK ? 'black' : 'grey'
  const on = m.on.map((c) => formatColor(c.color))
  const curves =
    on.length === 0
      ? 'the coloured curves'
      : on.length === 1
        ? `the ${on[0]} curve`
        : `the ${on.slice(0, -1).join(', ')} and ${on[on.length - 1]} curves`
  const them = on.length === 1 ? 'that curve' : 'them'
  return `${dark} ink (${formatColor(m.curve.color)}) between time ${m.from.toFixed(1)} and ${m.to.toFixed(1)} lies in small pieces along ${curves}: read as censor marks on ${them}, not a curve of its own; if it is an arm, give its colour with --color`
}

/**
 * The ink colours traced as candidates: the MAX_CANDIDATES commonest, except that black and greys
 * beyond the NEUTRALS commonest give way to coloured inks left out. A figure's blacks and greys
 * are many (text, axes, a frame, marks and the anti-aliased and JPEG shades of each), while a thin
 * coloured line that JPEG has greyed may be among the rarer inks and yet be an arm; so do pale
 * shades of a chosen line's hue (its JPEG halo), to a line ink of another hue left out.
 */
function candidateColors(colors: readonly Rgb[], background: Rgb): Rgb[] {
  const neutral = colors.map(isNeutral)
  const chosen = colors.slice(0, MAX_CANDIDATES).map((_, k) => k)
  const left = colors.map((_, k) => k).filter((k) => k >= MAX_CANDIDATES && !neutral[k])
  for (;;) {
    const greys = chosen.filter((k) => neutral[k])
    if (greys.length <= NEUTRALS || left.length === 0) break
    chosen.splice(chosen.indexOf(greys[greys.length - 1]), 1)
    chosen.push(left.shift()!)
  }
  // Then pale coloured inks that are shades of an inkier one chosen (a line's JPEG halo) give way
  // to coloured line inks left out of another hue: on NEJM's figures the halos of the orange and
  // blue lines outnumbered a thin red line's ink, which was no candidate and its arm was lost
  // without a word (dev seed 7448).
  const bg = rgbToLab(...background)
  const labs = colors.map((c) => rgbToLab(...c))
  const inky = (k: number) => deltaE(labs[k], bg) >= LINE_INK
  const hueOfChosen = (k: number) =>
    chosen.some((j) => j !== k && inky(j) && sameHue(labs[j], labs[k], bg))
  for (const k of left.filter(inky)) {
    if (hueOfChosen(k)) continue
    const pale = chosen.filter((j) => !neutral[j] && !inky(j) && hueOfChosen(j))
    if (pale.length === 0) break
    chosen.splice(chosen.indexOf(pale[pale.length - 1]), 1)
    chosen.push(k)
  }
  return chosen.sort((a, b) => a - b).map((k) => colors[k])
}

/**
 * A trace's step function read at times that never decrease: the survival of the last corner at
 * or before the time asked (`before` where there is none). Corners are in time order (stepCorners
 * walks the path left to right), so one pass over them serves all the times.
 */
function stepReader(curve: TracedCurve, before: number): (t: number) => number {
  const { points } = curve
  let i = 0
  let s = before
  return (t) => {
    while (i < points.length && points[i].time <= t) s = points[i++].surv
    return s
  }
}

/** Mean absolute difference of two traced step functions over the times both cover. */
function traceDistance(a: TracedCurve, b: TracedCurve): number {
  const end = Math.min(a.points[a.points.length - 1].time, b.points[b.points.length - 1].time)
  if (!(end > 0)) return Infinity
  const atA = stepReader(a, 1)
  const atB = stepReader(b, 1)
  let sum = 0
  for (let k = 1; k <= 100; k++) sum += Math.abs(atA((k * end) / 101) - atB((k * end) / 101))
  return sum / 100
}

/**
 * The rows and columns of the plot area that are rules — the frame, axes, gridlines: ink of any
 * colour over half the width (height) or more, in runs of at most RULE_THICK such rows (columns).
 * A filled area (a confidence band, a shaded panel) fills many rows in a run, and is no rule.
 */
interface InkLines {
  row: Uint8Array
  col: Uint8Array
}

/** Ink pixels per row and per column of the plot area. */
interface InkCounts {
  rows: Int32Array
  cols: Int32Array
}

function inkCounts(index: PixelIndex): InkCounts {
  const { width, height, inkAt } = index
  const rows = new Int32Array(height)
  const cols = new Int32Array(width)
  for (let k = 0; k < inkAt.length; k++) {
    const i = inkAt[k]
    const y = Math.floor(i / width)
    rows[y]++
    cols[i - y * width]++
  }
  return { rows, cols }
}

function inkLines({ rows, cols }: InkCounts, share: number): InkLines {
  const height = rows.length
  const width = cols.length
  const rules = (counts: Int32Array, full: number) => {
    const out = new Uint8Array(counts.length)
    for (let i = 0; i < counts.length;) {
      let j = i
      while (j < counts.length && counts[j] >= full) j++
      if (j > i && j - i <= RULE_THICK) out.fill(1, i, j)
      i = j > i ? j : i + 1
    }
    return out
  }
  return { row: rules(rows, share * width), col: rules(cols, share * height) }
}

/**
 * Share of a trace's length that runs along the rules' rows (inkLines): a frame's
 * top edge or a gridline, which a trace of their ink follows from S = 1 (or a gridline's level)
 * to the frame's corner, dropping once down its side.
 */
function alongRules(curve: TracedCurve, ink: InkLines, map: AxisMap, area: PixelRect): number {
  const from = curve.points[0].time
  const to = curve.points[curve.points.length - 1].time
  if (!(to > from)) return 0
  let on = 0
  const at = stepReader(curve, curve.points[0].surv)
  for (let k = 0; k < RULE_SAMPLES; k++) {
    const t = from + ((k + 0.5) * (to - from)) / RULE_SAMPLES
    const s = at(t)
    const y = Math.round(map.toPixel(t, s).py) - area.y0
    let full = false
    for (let d = -1; d <= 1; d++) full ||= (ink.row[y + d] ?? 0) === 1
    if (full) on++
  }
  return on / RULE_SAMPLES
}

/** Share of a group's pixels in the rules' rows and columns (inkLines). */
function inRules(
  ink: InkLines,
  pixels: CandidatePixels,
  indices: readonly number[],
  width: number,
): number {
  const height = ink.row.length
  const member = new Uint8Array(MAX_CANDIDATES + 1)
  for (const k of indices) member[k + 1] = 1
  let inside = 0
  let total = 0
  for (let y = 0; y < height; y++) {
    const fullRow = ink.row[y] === 1
    for (let x = 0; x < width; x++) {
      if (!member[pixels.label[y * width + x] + 1]) continue
      total++
      if (fullRow || ink.col[x] === 1) inside++
    }
  }
  return total > 0 ? inside / total : 0
}

/**
 * How much of the plot's width a group's ink spans as a line would: columns holding its pixels
 * above the x axis, outside the rules' rows and columns (inkLines: axes, gridlines, the frame,
 * whose JPEG shades fall to several candidates); zero when it is heaped thicker per column than
 * a curve can be (a confidence band's fill). Text and legend samples span little.
 */
function lineSpan(
  ink: InkLines,
  pixels: CandidatePixels,
  indices: readonly number[],
  index: PixelIndex,
  zeroRow: number,
): number {
  const { width, height } = index
  // Membership by label + 1 (label −1 is no candidate's).
  const member = new Uint8Array(MAX_CANDIDATES + 1)
  for (const k of indices) member[k + 1] = 1
  // Only ink pixels are labelled: each column's ink rows (in order) are all there is to visit.
  const { start, rows } = inkColumns(index)
  const below = Math.min(height, zeroRow - 1)
  let columns = 0
  let count = 0
  for (let x = 0; x < width; x++) {
    if (ink.col[x]) continue
    let any = false
    for (let p = start[x]; p < start[x + 1] && rows[p] < below; p++) {
      const y = rows[p]
      if (!ink.row[y] && member[pixels.label[y * width + x] + 1]) {
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
 * Share of the ink of candidates `mine` (bits of their indices) lying outside the rules' rows and
 * columns that has ink of candidates `others` within REACH pixels: how much of it edges those
 * lines or marks. (lineGroups' `along` counts the frame's and gridlines' ink too, which a grey
 * shade of NEJM's black marks shares with the frame: there it lies 0.2–0.4 along the marks, and was
 * reported as a line no curve could be traced in.)
 */
function alongOffRules(
  index: PixelIndex,
  pixels: CandidatePixels,
  rules: InkLines,
  mine: number,
  others: number,
): number {
  const { width, height, inkAt } = index
  const { label } = pixels
  const bit = (i: number) => (label[i] < 0 ? 0 : 1 << label[i])
  let inside = 0
  let total = 0
  // Only ink pixels are labelled: inkAt lists them.
  for (let j = 0; j < inkAt.length; j++) {
    const i = inkAt[j]
    const y = Math.floor(i / width)
    const x = i - y * width
    if (rules.row[y] || rules.col[x] || !(bit(i) & mine)) continue
    total++
    search: for (let yy = Math.max(0, y - REACH); yy <= Math.min(height - 1, y + REACH); yy++) {
      for (let xx = Math.max(0, x - REACH); xx <= Math.min(width - 1, x + REACH); xx++) {
        if (bit(yy * width + xx) & others) {
          inside++
          break search
        }
      }
    }
  }
  return total > 0 ? inside / total : 0
}

/**
 * Finds the figure's curves with no colour given, one per drawn line, and says what it could not
 * trace. The ink colours of the plot area (inkColors; candidateColors) are grouped into lines by
 * where their pixels lie (lineGroups.ts: a core and its anti-aliased or JPEG halo, or two shades of
 * one stroke, are one line; arms of similar hue that lie apart are two; filled areas such as
 * confidence bands are no line), and each line is traced from its core, beside the other lines'
 * cores. Those whose trace is a curve — seen over a good part of the plot's width, falling at
 * least once, and not running along the frame or a gridline (alongRules) — are kept, one per arm
 * (a line refused is first traced again without the other lines refused, whose ink may have
 * taken its pixels, and kept if that trace is a curve; a black one beside coloured lines is not),
 * and traced again each beside the others kept (and the filled areas, the frame and gridlines;
 * a trace that is not whole also without the frame and gridlines, kept if it sees more).
 * A black or grey trace that lies along the coloured curves is their censor marks (markInk.ts),
 * judged also, when black and with gaps, against the coloured lines traced without it (beside
 * it, a line JPEG greyed is followed only part of the way), and, when black, by its ink lying in
 * small crosses on the coloured lines (marksInInk; the coloured lines refused beside it, and the
 * coloured shades grouped with it, are then traced without it): not offered, and reported
 * (`candidate-is-marks`); the coloured lines are not traced beside it. A line that merely traces
 * a kept curve again is dropped in favour of the one seen in more columns, or of its darker shade
 * (the ink rather than its edge), and a coloured line always wins over black or grey marks on it.
 * Black and grey arms are told apart by their ink (see siblingRuns.ts). A kept line whose trace
 * runs along another's is traced again with that line left out (retraceAlongOthers.ts).
 *
 * A line that is drawn like a curve (its ink spans LINE_SPAN of the width, above the x axis and
 * outside axes and gridlines, and does not lie along the curves found) but gives no curve is
 * reported in `warnings` (`candidate-not-traced`), never dropped silently; so is a candidate's
 * ink that lies away from every curve offered, as a line's would (uncoveredInk.ts), over UNCOVERED
 * of the width, whatever became of its colour (joined to another line's group, its trace dropped
 * as another's, refused, or traced into a curve that follows another line), with what became of
 * it. Throws a TraceError
 * when no curve is found.
 */
export function findCurves(
  image: RgbaImage,
  calibration: Calibration,
  options: TraceOptions = {},
): FoundCurves {
  const figure = prepareFigure(image, calibration, options)
  const { index, area, map } = figure
  const candidates = candidateColors(inkColorsOf(index), index.background)
  const pixels = candidatePixels(index, candidates)
  const { groups, along } = lineGroups(index, candidates, pixels)
  const bg = index.background
  const tolerance = figure.tolerance
  const shadesOf = (color: Rgb) => groups.find((g) => g.core === color)?.members ?? []
  // The first round's traces, by colour and the others beside it (in order: the coverage map
  // gives a pixel to the first other that explains it): a kept line traced again beside the same
  // others is the same trace, and only its check (traceAudit.ts) is left to run.
  const firstRound = new Map<string, TraceToAudit | string>()
  const key = (color: Rgb, others: readonly Rgb[]) => [color, ...others].join(';')
  const trace = (color: Rgb, others: readonly Rgb[], audit = true): TracedCurve | string => {
    const before = firstRound.get(key(color, others))
    if (before !== undefined) {
      return typeof before === 'string' ? before : audit ? withAudit(before) : before.curve
    }
    try {
      const traced = traceAuditLater(figure, color, others, shadesOf(color), true)
      if (!audit) firstRound.set(key(color, others), traced)
      return audit ? withAudit(traced) : traced.curve
    } catch (e) {
      if (!(e instanceof TraceError)) throw e
      if (!audit) firstRound.set(key(color, others), e.message)
      return e.message
    } finally {
      // The trace is done with its coverage map: the next one may reuse its arrays.
      coverageMapsDone(index)
    }
  }
  const width = area.x1 - area.x0
  const counts = inkCounts(index)
  const ink = inkLines(counts, HALF)
  // A trace is refused as a rule's only along rows inked across nearly the whole plot, as a
  // frame's edge or a gridline is: a curve's long flat tail (AML's maintained arm, flat over
  // two thirds of the axis) inks half the width at its level and is no rule.
  const fullRules = inkLines(counts, FULL)
  const traced: TracedCurve[] = []
  // Inks of the frame and gridlines: traced beside, lest a curve that starts along the frame's
  // top edge follow it.
  const rules: Rgb[] = []
  const refused: { group: LineGroup; why: string }[] = []
  // Why a first-round trace is not kept as a line (undefined: it is kept).
  const refusal = (curve: TracedCurve) => {
    if (alongRules(curve, fullRules, map, area) >= ON_RULES) return RULE
    const drops = curve.points.filter((p, i) => i > 0 && p.surv < curve.points[i - 1].surv).length
    if (drops === 0) return 'its trace never falls'
    if (curve.columnsSeen < MIN_SPAN * width) {
      return `its trace was seen over only ${Math.round((100 * curve.columnsSeen) / width)}% of the plot's width`
    }
    return undefined
  }
  const lineCores = groups.filter((g) => !g.filled).map((g) => g.core)
  for (const group of groups) {
    if (group.filled) continue
    // Traced to choose the lines kept, which are traced again (and checked) below.
    const curve = trace(
      group.core,
      lineCores.filter((c) => c !== group.core),
      false,
    )
    const why = typeof curve === 'string' ? curve : refusal(curve)
    if (why === RULE) rules.push(group.core)
    if (why !== undefined) refused.push({ group, why })
    else if (typeof curve !== 'string') traced.push(curve)
  }
  // A line refused beside inks that gave no curve either may have lost its pixels to them: a
  // dashed grey arm beside its own pale JPEG edge, a grey too far in lightness to join its group
  // (dev seed 4097: 9 columns beside it, whole beside the black alone); a greyed blue line beside
  // the greys of NEJM's "+" marks (4082). It is traced again without the other lines refused so,
  // and kept if that trace passes. Not a black refused beside coloured lines: NEJM's black marks,
  // which traced again were taken for a curve (an extra trace, and the marks' ink unjudged).
  const colouredLines = traced.some((c) => !isNeutral(c.color))
  const lost = refused.filter(
    (r) =>
      !rules.includes(r.group.core) &&
      !(colouredLines && isNeutral(r.group.core) && rgbToLab(...r.group.core)[0] < BLACK),
  )
  const setOf = (g: LineGroup) => g.indices.reduce((m, k) => m | (1 << k), 0)
  // Two greys each lying along the other are one stroke's shades (a halo lies along its core both
  // ways), kept apart by lightness; neither took the other's line (NEJM's marks and their edge):
  // traced again, they gave nothing (dev seeds 3002, 3014 at 1400 × 1000) and cost time.
  const shadesBothWays = (a: LineGroup, b: LineGroup) =>
    isNeutral(a.core) &&
    isNeutral(b.core) &&
    along(setOf(a), setOf(b)) >= SHADE_OF &&
    along(setOf(b), setOf(a)) >= SHADE_OF
  for (const r of lost) {
    if (lost.some((l) => l !== r && shadesBothWays(r.group, l.group))) continue
    const others = lineCores.filter(
      (c) => c !== r.group.core && !lost.some((l) => l.group.core === c),
    )
    if (others.length === lineCores.length - 1) continue
    const curve = trace(r.group.core, others, false)
    if (typeof curve === 'string' || refusal(curve) !== undefined) continue
    refused.splice(refused.indexOf(r), 1)
    traced.push(curve)
  }
  // A black trace whose ink lies in small crosses on the coloured lines is their censor marks
  // (NEJM's black "+"), whatever its path: beside the marks' ink, the coloured lines that JPEG
  // greyed are traced only part of the way, or refused, too little to judge the path by
  // (marksOnCurves), and the black trace stood in for their arms (dev seeds 4010, 4064, 4106). The
  // coloured lines refused beside it, and coloured shades grouped with it (a greyed red joined to
  // the black where the marks lie on it, 4004; not a dark one, the marks' own JPEG edge tinted by
  // the line under them, 4064), are traced again without it; it is marks if its trace lies on the
  // coloured traces over ON_SOME_CURVES of the times at least (else it also follows a line whose
  // colour gave no candidate, its only trace: an orange arm's dark edge, 3038).
  const inMarks: TracedCurve[] = []
  const colouredInk = candidates.map((k) => !isNeutral(k))
  for (const c of colouredLines ? [...traced] : []) {
    if (!isNeutral(c.color) || rgbToLab(...c.color)[0] >= BLACK) continue
    const mine = new Set(groups.find((g) => g.core === c.color)?.indices ?? [])
    // The labels are the plot area's, indexed from its corner.
    const shape = marksInInk(
      pixels.label,
      index.width,
      { x0: 0, y0: 0, x1: index.width, y1: index.height },
      (k) => mine.has(k),
      (k) => colouredInk[k],
    )
    if (!shape.marks) continue
    const others = lineCores.filter((k) => k !== c.color && !inMarks.some((m) => m.color === k))
    const again = [
      ...refused
        .map((r) => r.group.core)
        .filter((k) => !isNeutral(k) && !rules.includes(k))
        .map((k) => ({ color: k, beside: others.filter((o) => o !== k) })),
      ...[...mine]
        .map((k) => candidates[k])
        .filter((k) => !isNeutral(k) && rgbToLab(...k)[0] >= BLACK)
        .map((k) => ({ color: k, beside: others })),
    ].flatMap(({ color, beside }) => {
      if (traced.some((t) => t.color === color)) return []
      const curve = trace(color, beside, false)
      return typeof curve === 'string' || refusal(curve) !== undefined ? [] : [curve]
    })
    const coloured = [...traced.filter((t) => !isNeutral(t.color)), ...again]
    if (marksOnCurves([c, ...coloured], map, ON_SOME_CURVES).length === 0) continue
    inMarks.push(c)
    for (const curve of again) {
      const r = refused.findIndex((x) => x.group.core === curve.color)
      if (r >= 0) refused.splice(r, 1)
      traced.push(curve)
    }
  }
  // Censor marks in another colour than their curves are no curve: reported, not offered.
  const marks = marksOnCurves(
    traced.filter((c) => !inMarks.includes(c)),
    map,
  )
  for (const curve of inMarks) {
    const on = traced.filter((c) => !isNeutral(c.color))
    const end = curve.points[curve.points.length - 1].time
    marks.push({ curve, on, from: curve.points[0].time, to: end })
  }
  // Traced beside a black trace with gaps, coloured lines that JPEG greyed lose their dark
  // pixels to it and are followed only part of the way, too little to see that the black ink
  // lies on them (NEJM's "+" marks and the lines' dark edge, traced as one curve). They are traced
  // again beside the other lines but not that ink, and it is judged against those traces. (Beside
  // the other coloured lines alone, a lone coloured line would take a grey arm's ink too, and the
  // grey arm would be judged its marks.)
  const colouredTraced = traced.filter((c) => !isNeutral(c.color))
  const unjudged = traced.filter(
    (c) =>
      isNeutral(c.color) &&
      rgbToLab(...c.color)[0] < BLACK &&
      c.status.status !== 'whole' &&
      !marks.some((m) => m.curve === c),
  )
  if (unjudged.length > 0 && colouredTraced.length > 0) {
    const lines = groups
      .filter((g) => !g.filled && !unjudged.some((u) => u.color === g.core))
      .map((g) => g.core)
    const without = colouredTraced.flatMap((c) => {
      const again = trace(
        c.color,
        lines.filter((k) => k !== c.color),
        false,
      )
      return typeof again === 'string' ? [] : [again]
    })
    for (const m of marksOnCurves([...unjudged, ...without], map)) {
      if (!unjudged.includes(m.curve)) continue
      const on = m.on.map((o) => colouredTraced.find((c) => c.color === o.color) ?? o)
      marks.push({ ...m, on })
    }
  }
  // Of a black or grey trace with gaps and a coloured one that follow the same path, the black
  // or grey ink is the marks drawn on the coloured line (it is seen wherever a mark is, and may
  // be seen in more columns than the line JPEG has greyed).
  const marksOf = (a: TracedCurve, b: TracedCurve) =>
    isNeutral(a.color) && a.status.status !== 'whole' && !isNeutral(b.color) && darker(a, b)
  const found: TracedCurve[] = []
  // Why a line's trace was not kept: it traced another line's curve again.
  const dropped = new Map<Rgb, string>()
  // Coloured lines dropped as the twin of a curve of another hue, with that curve: two hues are two
  // lines, so one trace took the other's line, and an arm may be lost (NEJM 6326: the blue arm's
  // trace followed the red line where the two run together, and the blue arm was not offered).
  const otherHue: { color: Rgb; on: Rgb }[] = []
  const bgLab = rgbToLab(...bg)
  const drop = (color: Rgb, on: Rgb) => {
    dropped.set(color, `its trace followed the ${formatColor(on)} line`)
    if (!isNeutral(color) && !isNeutral(on) && !sameHue(rgbToLab(...color), rgbToLab(...on), bgLab))
      otherHue.push({ color, on })
  }
  for (const curve of traced) {
    if (marks.some((m) => m.curve === curve)) continue
    const twin = found.findIndex((c) => traceDistance(c, curve) < DUPLICATE)
    if (twin < 0) found.push(curve)
    else if (marksOf(curve, found[twin])) continue
    else if (
      marksOf(found[twin], curve) ||
      curve.columnsSeen > found[twin].columnsSeen ||
      relation(curve.color, found[twin].color, bg, tolerance).kind === 'lighter'
    ) {
      drop(found[twin].color, curve.color)
      found[twin] = curve
    } else drop(curve.color, found[twin].color)
  }
  // A black or grey trace dropped as a coloured one's twin traced its marks (a lighter grey one
  // dropped so is a JPEG shade of the line, part of it).
  for (const curve of traced) {
    if (found.includes(curve)) continue
    const twin = found.find((c) => traceDistance(c, curve) < DUPLICATE)
    if (twin && marksOf(curve, twin) && !marks.some((m) => m.curve === curve)) {
      const end = curve.points[curve.points.length - 1].time
      marks.push({ curve, on: [twin], from: curve.points[0].time, to: end })
    }
  }
  // The marks' note names the curves offered: a curve the marks lie on that was dropped as another
  // one's twin is named as that one (NEJM development seed 7100: the marks were said to lie along a
  // pale red trace, dropped as the red curve's twin and offered nowhere, beside the red curve).
  const offeredAs = (c: TracedCurve) =>
    found.includes(c) ? c : found.find((f) => traceDistance(f, c) < DUPLICATE)
  const warnings: TraceWarning[] = marks.map((m) => ({
    code: 'candidate-is-marks',
    message: marksNote({
      ...m,
      on: [...new Set(m.on.map(offeredAs).filter((c): c is TracedCurve => c !== undefined))],
    }),
  }))
  // Beside the other curves kept, and also beside the filled areas when there are any: a band's
  // tint is not the curve's ink, but a line drawn over it blends with it and may read as the
  // tint's; of the two traces, the one that sees more of its own line is kept.
  const fills = groups.filter((g) => g.filled).map((g) => g.core)
  const seen = (c: TracedCurve | string) => (typeof c === 'string' ? -1 : c.columnsSeen)
  // `notLines`: curves kept that are not traced beside (their ink is of another colour).
  const traceKept = (kept: readonly Rgb[], notLines: readonly Rgb[] = []) =>
    kept.map((color) => {
      const curves = kept.filter((c) => c !== color && !notLines.includes(c))
      const others = [...curves, ...rules]
      let plain = trace(color, others)
      // Beside the frame's and gridlines' grey ink, a line that JPEG greyed loses its grey pixels
      // to it: a trace that is not whole is traced again without them, and that trace is kept if
      // it sees more columns and does not run along the rules.
      if (rules.length > 0 && typeof plain !== 'string' && plain.status.status !== 'whole') {
        const free = trace(color, curves)
        if (
          typeof free !== 'string' &&
          free.columnsSeen > plain.columnsSeen &&
          alongRules(free, fullRules, map, area) < ON_RULES
        )
          plain = free
      }
      const beside = fills.length ? trace(color, [...others, ...fills]) : plain
      return seen(beside) >= seen(plain) ? beside : plain
    })
  let kept = found.map((c) => c.color)
  let traces = traceKept(kept)
  // Traced beside the curves kept, a coloured line that JPEG greyed is followed further, and a
  // black or grey trace may now be seen to follow it: its marks. The rest are traced again
  // without them.
  const marksNow = traces.map((n) =>
    typeof n === 'string'
      ? undefined
      : traces.find(
          (c): c is TracedCurve =>
            typeof c !== 'string' && c !== n && marksOf(n, c) && traceDistance(n, c) < DUPLICATE,
        ),
  )
  if (marksNow.some((c) => c)) {
    marksNow.forEach((line, i) => {
      if (!line) return
      const curve = traces[i] as TracedCurve
      const m: MarksOn = {
        curve,
        on: [line],
        from: curve.points[0].time,
        to: curve.points[curve.points.length - 1].time,
      }
      marks.push(m)
      warnings.push({ code: 'candidate-is-marks', message: marksNote(m) })
    })
    kept = kept.filter((_, i) => !marksNow[i])
    traces = traceKept(kept)
  }
  // A coloured curve whose trace rests on ink of another colour (inkColour.ts) is no line of its
  // colour: survminer's green and blue bands blend into a teal (#9dcecc) that traced as a curve.
  // Beside the others it takes their lines' edge pixels, and what they follow under another line
  // is lost (development seed 6001 Strata 2, under the blue line near its start: inferred with
  // true colours, whole beside the teal). The others are traced again without it; it stays
  // offered, with its warning. Development seeds 6000–6239 and 7000–7239, suggested colours
  // (2026-12-08, not asserted): silent arms 23 → 21 (6001 Strata 2, NEJM 7058 B), false alarms
  // 314 → 315; 3000–3119 and 4000–4119 unchanged.
  const notLines = kept.filter((c, i) => {
    const t = traces[i]
    return (
      typeof t !== 'string' &&
      !isNeutral(c) &&
      t.warnings.some((w) => w.code === 'ink-other-colour')
    )
  })
  if (notLines.length > 0) traces = traceKept(kept, notLines)
  // A grey or black candidate whose trace rests on ink of another colour (inkColour.ts) names its
  // line wrongly: a grey arm's ink joined to the axes' and labels' black as one candidate traced
  // as #020202 (JCO development seed 6453). The line's own ink, picked along the trace, is traced
  // instead, and kept if that trace rests on its colour, sees as much of the line, and follows
  // the same line and no other curve's (JAMA 7073: the ink picked along a black trace was the grey
  // arm's, traced again as a second grey curve).
  kept.forEach((color, i) => {
    const t = traces[i]
    if (typeof t === 'string' || !isNeutral(color)) return
    if (!t.warnings.some((w) => w.code === 'ink-other-colour')) return
    const ink = lineInk(index, t.points, t.lineWidth)
    if (!ink || sameColor(ink, color)) return
    const again = trace(ink, [...kept.filter((_, j) => j !== i), ...rules])
    if (
      typeof again === 'string' ||
      again.warnings.some((w) => w.code === 'ink-other-colour') ||
      again.columnsSeen < SEEN_AGAIN * t.columnsSeen ||
      STATUS_ORDER.indexOf(again.status.status) > STATUS_ORDER.indexOf(t.status.status) ||
      traceDistance(again, t) >= DUPLICATE ||
      traces.some((o, j) => j !== i && typeof o !== 'string' && traceDistance(again, o) < DUPLICATE)
    )
      return
    kept[i] = ink
    traces[i] = again
  })
  // A curve that strayed onto another's line is traced again without that line, as
  // traceEachCurve does.
  const retraced = retraceAlongOthers(
    traces.map((t) => (typeof t === 'string' ? null : t)),
    image,
    figure,
    options,
    (masked, i) => {
      const others = [...kept.filter((_, j) => j !== i), ...rules]
      return withAudit(traceAuditLater(masked, kept[i], others, shadesOf(kept[i]), true))
    },
  )
  retraced.forEach((c, i) => {
    if (c) traces[i] = c
  })
  const curves: TracedCurve[] = []
  traces.forEach((curve, i) => {
    if (typeof curve === 'string') {
      warnings.push({
        code: 'candidate-not-traced',
        message: `the curve of colour ${formatColor(kept[i])} could not be traced beside the others: ${curve}`,
      })
    } else curves.push(curve)
  })
  // A drop across the background onto another curve's line, where no re-trace was kept (as
  // traceEachCurve warns).
  warnLeaps(curves, image)
  // A trace that stops where its line goes on in another shade.
  warnLineBeyondEnd(curves, index, map)
  // Numbered among the curves returned (a candidate not traced has no number).
  nameUnderArms(
    curves,
    curves.map((c) => c.color),
  )
  settleSharedMarks(curves)
  const zeroRow = Math.round(map.toPixel(0, 0).py) - area.y0
  // A shade that lies along the lines found is part of them, not a line of its own.
  const keptSet = groups
    .filter((g) => kept.includes(g.core) || marks.some((m) => m.curve.color === g.core))
    .reduce((m, g) => m | setOf(g), 0)
  for (const { group, why } of refused) {
    if (
      keptSet &&
      (along(setOf(group), keptSet) >= PART_OF_FOUND ||
        alongOffRules(index, pixels, ink, setOf(group), keptSet) >= PART_OF_FOUND)
    )
      continue
    // The frame's or a gridline's ink (its trace runs along them, and much of it lies in them).
    if (rules.includes(group.core) && inRules(fullRules, pixels, group.indices, width) >= IN_RULES)
      continue
    const span = lineSpan(ink, pixels, group.indices, index, zeroRow)
    if (span < LINE_SPAN) continue
    warnings.push({
      code: 'candidate-not-traced',
      message: `ink of colour ${formatColor(group.core)} is drawn across ${Math.round(100 * span)}% of the plot's width, but no survival curve could be traced in it (${why}); if it is an arm, give its colour with --color or mask what hides it`,
    })
  }
  for (const { color, on } of otherHue) {
    if (!curves.some((c) => c.color === on) || curves.some((c) => c.color === color)) continue
    warnings.push({
      code: 'candidate-not-traced',
      message: `ink of colour ${formatColor(color)} is traced along the ${formatColor(on)} curve's line, of another hue, and is not offered: if it is an arm drawn under or along that line, give its colour with --color`,
    })
  }
  // An arm no curve follows, whatever became of its colour, is reported; so is the ink of a
  // curve offered that lies away from its trace, as a line's would (its trace followed another
  // line, and its own is lost: dev seeds 6341, 6353, 7325, 7403, a thin grey dashed JAMA arm
  // whose pale ink traced the orange one). Skipped: filled areas, the marks, and the inks already
  // reported as not traced (by their colour in the message; a marks note also names the curves
  // the marks lie on, one of which may be a candidate dropped as another's twin, dev seed 7448).
  const skip = new Set<number>()
  const warned = warnings
    .filter((w) => w.code === 'candidate-not-traced')
    .map((w) => w.message)
    .join(' ')
  groups.forEach((g) => {
    const isMarks = marks.some((m) => m.curve.color === g.core)
    if (g.filled || isMarks || warned.includes(formatColor(g.core)))
      g.indices.forEach((k) => skip.add(k))
  })
  const reported: number[] = []
  // Greys other than black: the colours of the arms dashed lines draw (uncoveredInk.ts).
  const grey = (k: number) => isNeutral(candidates[k]) && rgbToLab(...candidates[k])[0] >= BLACK
  const gap = (k: number) => (grey(k) ? DASH_GAP : GAP)
  // Chains of segments (uncoveredInk.ts) only for greys no curve was traced from: a grey curve's
  // own ink away from its trace so chained reads its JPEG edges and marks as a line (Bonner 2006).
  const dashed = (k: number) =>
    grey(k) && !curves.some((c) => c.color.every((v, i) => v === candidates[k][i]))
  for (const u of uncoveredInk(index, area, map, pixels, curves, skip, ink, zeroRow, gap, dashed)) {
    if (u.share < UNCOVERED) break
    if (reported.some((r) => along(1 << u.candidate, 1 << r) >= SHADE_OF)) continue
    reported.push(u.candidate)
    const color = candidates[u.candidate]
    const group = groups.find((g) => g.indices.includes(u.candidate))!
    const inkier = deltaE(rgbToLab(...color), bgLab) > deltaE(rgbToLab(...group.core), bgLab)
    const from = map.toData(u.x0, area.y0).time
    const to = map.toData(u.x1, area.y0).time
    const share = Math.round(100 * u.share)
    if (curves.some((c) => c.color === color)) {
      warnings.push({
        code: 'candidate-not-traced',
        message: `ink of colour ${formatColor(color)} is drawn like a line over ${share}% of the plot's width between time ${from.toFixed(1)} and ${to.toFixed(1)}, away from the ${formatColor(color)} curve traced from it: that curve may follow another line there, or another arm be drawn in a similar colour; check its overlay, and give each arm's colour with --color`,
      })
      continue
    }
    const why =
      group.core !== color && kept.includes(group.core)
        ? inkier
          ? `the ${formatColor(group.core)} curve was traced from a paler shade of its ink, which may be a confidence band's tint rather than the line`
          : `its ink was taken for a shade of the ${formatColor(group.core)} curve's line`
        : (dropped.get(group.core) ??
          refused.find((r) => r.group === group)?.why ??
          'its line was taken for part of another')
    warnings.push({
      code: 'candidate-not-traced',
      message: `ink of colour ${formatColor(color)} is drawn like a line over ${share}% of the plot's width between time ${from.toFixed(1)} and ${to.toFixed(1)}, away from every curve found, but no curve follows it (${why}); if it is an arm, give its colour with --color`,
    })
  }
  // The hue families of the coloured ink (hueModes.ts) with a line's pixels.
  const hueFamilies = hueModes(
    index.colors,
    index.labs,
    inkPerColour(index),
    bgLab,
    INK,
    HUE_LINE * width,
  )
  // Two arms of neighbouring hues taken for one ink leave two families of the one curve's hue.
  const curveLabs = curves.map((c) => (isNeutral(c.color) ? null : rgbToLab(...c.color)))
  for (const { curve, families } of huesOnOneCurve(curveLabs, hueFamilies, bgLab)) {
    const [p, q] = families.map((f) => formatColor(f.color.map(Math.round) as unknown as Rgb))
    warnings.push({
      code: 'candidate-not-traced',
      message: `ink of two hues (about ${p} and ${q}) makes up the ${formatColor(curves[curve].color)} curve: two arms of neighbouring colours may be drawn there and traced as one, and one of them lost; check its overlay, and give each arm's colour with --color`,
    })
  }
  // An arm whose colour gave no candidate at all (a thin line that JPEG greyed and lightened,
  // its ink taken for shades of another arm's: NEJM dev seed 7088's orange arm among the red
  // one's pale shades) leaves its hue: a hue family of the coloured ink with a line's pixels, of
  // no curve's hue, drawn like a line away from every curve, is reported. Only where nothing
  // else is: a note about the arm's ink comes first.
  if (!warnings.some((w) => w.code === 'candidate-not-traced')) {
    const families = hueFamilies.filter(
      (f) =>
        !curves.some((c) => !isNeutral(c.color) && sameHue(rgbToLab(...c.color), f.lab, bgLab)),
    )
    if (families.length > 0) {
      const label = new Int8Array(index.ids.length).fill(-1)
      for (let j = 0; j < index.inkAt.length; j++) {
        const i = index.inkAt[j]
        label[i] = families.findIndex((f) => f.members[index.ids[i]] === 1)
      }
      const byHue = { label, counts: families.map((f) => f.count) }
      const none = new Set<number>()
      const bridge = () => MARKS_GAP
      for (const u of uncoveredInk(index, area, map, byHue, curves, none, ink, zeroRow, bridge)) {
        if (u.share < UNCOVERED) break
        const from = map.toData(u.x0, area.y0).time
        const to = map.toData(u.x1, area.y0).time
        const color = families[u.candidate].color.map(Math.round) as unknown as Rgb
        warnings.push({
          code: 'candidate-not-traced',
          message: `ink of another hue than every curve found (about ${formatColor(color)}) is drawn like a line over ${Math.round(100 * u.share)}% of the plot's width between time ${from.toFixed(1)} and ${to.toFixed(1)}, away from them all: an arm of that colour may be lost; if so, give each arm's colour with --color`,
        })
      }
    }
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
