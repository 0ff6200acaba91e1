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
 * A grey ink's (`dashed`) runs are also sought as chains of segments (rows of its ink in one
 * column, this many rows apart or less: JPEG leaves holes in a thin line), not only of whole
 * columns: a pale dashed arm's dashes lie above the legend's sample lines of the same grey, in
 * columns whose ink, top to bottom, is too tall for a line (dev seed 7301: JAMA's grey and pale
 * orange dashed arms, lost without a word).
 */
const SEGMENT_GAP = 2
/**
 * ... bridging gaps this wide or less: 7301's grey dashes, by their labelled cores, are parted by
 * 5–10 columns; the arm is reported with 5. Measured on dev seeds 7000–7479 (not asserted), with
 * AWAY for DASHED_AWAY: 8 made notes on 13 more figures whose every arm was found, 5 on 6 more.
 */
const DASHED_GAP = 5
/**
 * ... made only of ink this far (pixels) from every curve's path: the ends of censor marks'
 * upright strokes and JPEG halos just beyond AWAY, split from each other into segments, chain
 * along a curve as a dashed line would (JAMA's #bfc0c0 beside a curve found whole). An arm no
 * curve follows lies farther away than that where it parts. Measured on dev seeds 7000–7479 and
 * 6000–6239 (not asserted), with the greys traced as curves left out too (suggestColors.ts):
 * figures with notes though every arm was found 52 → 53 and 20 → 21.
 */
const DASHED_AWAY = 7
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
function nearCurves(
  curves: readonly TracedCurve[],
  map: AxisMap,
  area: PixelRect,
  away = AWAY,
): Uint8Array {
  const width = area.x1 - area.x0
  const height = area.y1 - area.y0
  const near = new Uint8Array(width * height)
  const box = (xa: number, ya: number, xb: number, yb: number) => {
    const x0 = Math.max(0, Math.floor(Math.min(xa, xb)) - away - area.x0)
    const x1 = Math.min(width - 1, Math.ceil(Math.max(xa, xb)) + away - area.x0)
    const y0 = Math.max(0, Math.floor(Math.min(ya, yb)) - away - area.y0)
    const y1 = Math.min(height - 1, Math.ceil(Math.max(ya, yb)) + away - area.y0)
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
 * bridge gaps of `gap(candidate)` columns (GAP; DASH_GAP for a colour that may be drawn dashed);
 * a `dashed` one's are also sought as chains of segments (segmentRuns). Commonest share first.
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
  dashed: (candidate: number) => boolean = () => false,
): UncoveredInk[] {
  const found = columnExtentRuns(index, area, map, pixels, curves, skip, rules, zeroRow, gap)
  const others = new Set(skip)
  for (let k = 0; k < pixels.counts.length; k++) if (!dashed(k)) others.add(k)
  // No dashed ink left to read: the segments' pass (a mask of the plot, every ink pixel) is not run.
  if (others.size === pixels.counts.length) return found.sort((a, b) => b.share - a.share)
  for (const u of segmentRuns(index, area, map, pixels, curves, others, rules, zeroRow)) {
    const i = found.findIndex((f) => f.candidate === u.candidate)
    if (i < 0) found.push(u)
    else if (u.share > found[i].share) found[i] = u
  }
  return found.sort((a, b) => b.share - a.share)
}

/** uncoveredInk's runs of whole columns (each column's ink away from the curves no taller than TALL). */
function columnExtentRuns(
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

/** uncoveredInk's runs of segments, for the `dashed` inks (SEGMENT_GAP, DASHED_GAP, DASHED_AWAY). */
function segmentRuns(
  index: PixelIndex,
  area: PixelRect,
  map: AxisMap,
  pixels: CandidatePixels,
  curves: readonly TracedCurve[],
  skip: ReadonlySet<number>,
  rules: { row: Uint8Array; col: Uint8Array },
  zeroRow: number,
): UncoveredInk[] {
  const { width, height } = index
  const n = pixels.counts.length
  const near = nearCurves(curves, map, area, DASHED_AWAY)
  const { start, rows } = inkColumns(index)
  const below = Math.min(height, zeroRow - 1)
  // Each candidate's ink away from the curves, column by column, as segments of rows (a row or
  // two apart at most: JPEG leaves holes in a thin line): a segment no taller than TALL may be a
  // line's; taller ones (text's letters, a drop's stroke) are not. Per segment, not per column:
  // a dashed arm's dashes above a legend's sample lines of the same grey, or above the ink of
  // another candidate's line, are in columns that also hold that ink, and were read as one
  // column of ink too tall for a line (dev seed 7301: two pale dashed JAMA arms, lost in silence).
  const segCol: number[][] = Array.from({ length: n }, () => [])
  const segTop: number[][] = Array.from({ length: n }, () => [])
  const segBottom: number[][] = Array.from({ length: n }, () => [])
  const openTop = new Int32Array(n).fill(-1)
  const openBottom = new Int32Array(n)
  const close = (k: number, x: number) => {
    if (openTop[k] >= 0 && openBottom[k] - openTop[k] <= TALL) {
      segCol[k].push(x)
      segTop[k].push(openTop[k])
      segBottom[k].push(openBottom[k])
    }
    openTop[k] = -1
  }
  for (let x = 0; x < width; x++) {
    if (rules.col[x]) continue
    for (let p = start[x]; p < start[x + 1] && rows[p] < below; p++) {
      const y = rows[p]
      const i = y * width + x
      const k = pixels.label[i]
      if (k < 0 || skip.has(k) || rules.row[y] || near[i]) continue
      if (openTop[k] >= 0 && y - openBottom[k] > SEGMENT_GAP) close(k, x)
      if (openTop[k] < 0) openTop[k] = y
      openBottom[k] = y
    }
    for (let k = 0; k < n; k++) close(k, x)
  }
  const out: UncoveredInk[] = []
  const counted = new Uint8Array(width)
  for (let k = 0; k < n; k++) {
    if (skip.has(k) || segCol[k].length === 0) continue
    // Runs: chains of segments in columns apart by DASHED_GAP or less, each segment's centre rising
    // at most STEP rows above the last one's (a survival curve only falls, in steps; the
    // anti-aliased edges of text jump up and down between its letters' feet and tops). A
    // segment joins the chain it falls least from; one that joins none starts a chain.
    const bridged = DASHED_GAP
    const cols = segCol[k]
    const mids = segTop[k].map((t, j) => t + segBottom[k][j])
    const chains: { x0: number; end: number; mid: number; columns: number[] }[] = []
    const done: { x0: number; end: number; columns: number[] }[] = []
    for (let j = 0; j < cols.length;) {
      const x = cols[j]
      for (let c = chains.length - 1; c >= 0; c--) {
        if (x - chains[c].end > bridged + 1) done.push(...chains.splice(c, 1))
      }
      // The column's segments, each to the chain it continues best (chains extended in this
      // column are not extended again).
      const extended = new Set<number>()
      for (; j < cols.length && cols[j] === x; j++) {
        let best = -1
        for (let c = 0; c < chains.length; c++) {
          const fall = mids[j] - chains[c].mid
          if (extended.has(c) || chains[c].end >= x || fall < -2 * STEP) continue
          if (best < 0 || fall < mids[j] - chains[best].mid) best = c
        }
        if (best < 0) {
          chains.push({ x0: x, end: x, mid: mids[j], columns: [x] })
          extended.add(chains.length - 1)
        } else {
          const ch = chains[best]
          ch.end = x
          ch.mid = mids[j]
          ch.columns.push(x)
          extended.add(best)
        }
      }
    }
    done.push(...chains)
    counted.fill(0)
    let columns = 0
    let x0 = -1
    let x1 = -1
    for (const ch of done) {
      if (ch.columns.length < MIN_RUN * width) continue
      for (const c of ch.columns) {
        if (!counted[c]) columns++
        counted[c] = 1
      }
      if (x0 < 0 || ch.x0 < x0) x0 = ch.x0
      x1 = Math.max(x1, ch.end)
    }
    if (columns > 0)
      out.push({ candidate: k, share: columns / width, x0: x0 + area.x0, x1: x1 + area.x0 })
  }
  return out.sort((a, b) => b.share - a.share)
}
