import type { AxisMap } from './calibration'
import { type PixelIndex, inkColumns } from './coverage'
import type { CandidatePixels } from './lineGroups'
import type { PixelRect, TracedCurve } from './types'

/** A pixel this far (pixels, in both directions) from every curve's path lies away from them. */
const AWAY = 3
/** A column's ink away from the curves spanning more rows than this is not a level line's. */
const TALL = 5
/** A curve's ink rises at most this many rows (JPEG noise) from one column to the next along a run. */
const STEP = 2
/** Columns of a candidate's ink away from the curves, with gaps this wide or less, are one run. */
export const GAP = 3
/**
 * ... and for a grey ink (`dashed`), gaps this wide or less: the grey arms of JAMA and Lancet
 * figures are often dashed, their dashes parted by 3 line widths, four columns of a thin line
 * (dev seeds 7283, 7462: such an arm, lost, had no run of MIN_RUN with GAP). Not for every ink:
 * coloured band tints and black marks then made runs beside curves found whole (7240–7479, this
 * gap for every ink: ten more such notes).
 */
export const DASH_GAP = 4
/**
 * Runs shorter than this share of the plot's width are left out: a censor mark's upright stroke
 * (a column or two), a word of text, a legend's sample line. A line parts from the curve it
 * runs beside over longer stretches.
 */
const MIN_RUN = 0.04

/** A candidate colour's ink lying away from every curve offered, as a line would. */
export interface UncoveredInk {
  /** The candidate's index. */
  candidate: number
  /** Share of the plot's width in runs of such columns (each at least MIN_RUN long). */
  share: number
  /** First and last column of those runs, in image pixels. */
  x0: number
  x1: number
}

/**
 * Marks the pixels within AWAY of each curve's path (its step function drawn through its
 * corners: level to the next corner's time, then down) in a plot-area-sized mask.
 */
function nearCurves(curves: readonly TracedCurve[], map: AxisMap, area: PixelRect): Uint8Array {
  const width = area.x1 - area.x0
  const height = area.y1 - area.y0
  const near = new Uint8Array(width * height)
  const box = (xa: number, ya: number, xb: number, yb: number) => {
    const x0 = Math.max(0, Math.floor(Math.min(xa, xb)) - AWAY - area.x0)
    const x1 = Math.min(width - 1, Math.ceil(Math.max(xa, xb)) + AWAY - area.x0)
    const y0 = Math.max(0, Math.floor(Math.min(ya, yb)) - AWAY - area.y0)
    const y1 = Math.min(height - 1, Math.ceil(Math.max(ya, yb)) + AWAY - area.y0)
    for (let y = y0; y <= y1; y++) near.fill(1, y * width + x0, y * width + x1 + 1)
  }
  for (const c of curves) {
    const p = c.points.map((q) => map.toPixel(q.time, q.surv))
    for (let i = 0; i + 1 < p.length; i++) {
      box(p[i].px, p[i].py, p[i + 1].px, p[i].py)
      box(p[i + 1].px, p[i].py, p[i + 1].px, p[i + 1].py)
    }
    if (p.length === 1) box(p[0].px, p[0].py, p[0].px, p[0].py)
  }
  return near
}

/**
 * The candidate colours (other than `skip`) whose ink lies away from every curve offered along
 * runs of columns as a line's would: an arm that no curve offered follows — its colour joined to
 * another line's group, or its trace dropped as another's, or refused — which must be reported,
 * never lost in silence. Columns of the rules (`ruleCol`) and ink in their rows (`ruleRow`), and
 * ink on or below the x axis (`zeroRow`, in plot-area rows), are left out. A candidate's runs
 * bridge gaps of `gap(candidate)` columns (GAP; DASH_GAP for a colour that may be drawn dashed).
 * Commonest share first.
 */
export function uncoveredInk(
  index: PixelIndex,
  area: PixelRect,
  map: AxisMap,
  pixels: CandidatePixels,
  curves: readonly TracedCurve[],
  skip: ReadonlySet<number>,
  rules: { row: Uint8Array; col: Uint8Array },
  zeroRow: number,
  gap: (candidate: number) => number,
): UncoveredInk[] {
  const { width, height } = index
  const n = pixels.counts.length
  const near = nearCurves(curves, map, area)
  const { start, rows } = inkColumns(index)
  const below = Math.min(height, zeroRow - 1)
  // Rows of candidate k's ink away from the curves in column x: top[k * width + x] to
  // bottom[...] (top −1: none).
  const top = new Int32Array(n * width).fill(-1)
  const bottom = new Int32Array(n * width)
  for (let x = 0; x < width; x++) {
    if (rules.col[x]) continue
    for (let p = start[x]; p < start[x + 1] && rows[p] < below; p++) {
      const y = rows[p]
      const i = y * width + x
      const k = pixels.label[i]
      if (k < 0 || skip.has(k) || rules.row[y] || near[i]) continue
      if (top[k * width + x] < 0) top[k * width + x] = y
      bottom[k * width + x] = y
    }
  }
  // A column holds a line's ink when that ink is no taller than a line with its edges: text,
  // whose letters' strokes span its height, holds it in few columns of a word.
  const away = new Uint8Array(n * width)
  for (let j = 0; j < n * width; j++) away[j] = top[j] >= 0 && bottom[j] - top[j] <= TALL ? 1 : 0
  const out: UncoveredInk[] = []
  for (let k = 0; k < n; k++) {
    if (skip.has(k)) continue
    let columns = 0
    let x0 = -1
    let x1 = -1
    for (let x = 0; x < width;) {
      if (!away[k * width + x]) {
        x++
        continue
      }
      // A run: columns away from the curves, bridging gaps of `gap` columns or less, the ink of
      // each rising at most STEP rows above the last one's (a survival curve only falls, in
      // steps; the anti-aliased edges of text jump up and down between its letters' feet and
      // tops).
      const bridged = gap(k)
      let end = x
      let count = 0
      const mid = (c: number) => top[k * width + c] + bottom[k * width + c]
      for (let c = x; c < width && c - end <= bridged + 1; c++) {
        if (away[k * width + c] && (c === x || mid(end) - mid(c) <= 2 * STEP)) {
          end = c
          count++
        }
      }
      if (count >= MIN_RUN * width) {
        columns += count
        if (x0 < 0) x0 = x
        x1 = end
      }
      x = end + 1
    }
    if (columns > 0)
      out.push({ candidate: k, share: columns / width, x0: x0 + area.x0, x1: x1 + area.x0 })
  }
  return out.sort((a, b) => b.share - a.share)
}
