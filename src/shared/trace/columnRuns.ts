import type { CoverageMap } from './coverage'

/** A pixel at least this much covered is inside a line; below it, at most its anti-aliased edge. */
export const CORE = 0.45
/** A straight line counts as a gridline or an axis when it covers this share of the area. */
const LINE_SHARE = 0.85
/** ... and is present in this share of the area's first and last tenth. */
const END_SHARE = 0.5

/** Bit flags of a run. */
export const RUN_NEXT_TO_OTHER = 1
/** A run set aside as more likely a lighter or darker sibling curve's (siblingRuns.ts). */
export const RUN_SIBLING = 2

/**
 * The vertical runs of curve pixels in each column of a coverage map: `start[c]`…`start[c+1]` are
 * the runs of column c (area-relative). Edges are in image pixels, continuous (a pixel row r spans
 * [r, r+1)): `top`/`bottom` are the run's centroid ∓ half its covered length, which is exact for a
 * box-filtered line of any sub-pixel position; `r0`/`r1` are its first and last pixel rows.
 */
export interface ColumnRuns {
  x0: number
  columns: number
  start: Int32Array
  top: Float64Array
  bottom: Float64Array
  centre: Float64Array
  mass: Float64Array
  /** The run's largest pixel coverage. */
  peak: Float64Array
  r0: Int32Array
  r1: Int32Array
  flags: Uint8Array
  /** Rows and columns (image pixels) taken for gridlines or axes, whose runs were dropped. */
  gridRows: number[]
  gridColumns: number[]
}

/**
 * Rows (or columns) that a straight line of curve-coloured core pixels crosses from end to end:
 * gridlines, axes and the plot frame. A KM plateau covers much of the width too, but never both
 * ends (it would be a curve without events), which is what keeps plateaus from being erased as
 * WebPlotDigitizer's grid removal erases them.
 */
function straightLines(
  map: CoverageMap,
  along: 'row' | 'column',
): { index: number; count: number }[] {
  const { width, height, cover } = map
  const lines = along === 'row' ? height : width
  const length = along === 'row' ? width : height
  const end = Math.max(1, Math.floor(length / 10))
  const found: { index: number; count: number }[] = []
  for (let l = 0; l < lines; l++) {
    let n = 0
    let head = 0
    let tail = 0
    for (let k = 0; k < length; k++) {
      const v = along === 'row' ? cover[l * width + k] : cover[k * width + l]
      if (v >= CORE) {
        n++
        if (k < end) head++
        if (k >= length - end) tail++
      }
    }
    if (n >= LINE_SHARE * length && head >= END_SHARE * end && tail >= END_SHARE * end) {
      found.push({ index: l, count: n })
    }
  }
  return found
}

/**
 * Finds the runs of every column. A run is a stretch of core pixels (coverage ≥ CORE) with the
 * partly covered pixel at each end; its covered length is corrected for a tinted local background
 * (a confidence band, a gridline beneath) by taking the coverage just outside each end as that
 * side's background. Runs that lie within a gridline or axis row, and all runs of gridline or axis
 * columns, are dropped: the curve is bridged across them later. Runs touching pixels of another
 * curve's colour are flagged, for they may be that curve's anti-aliased edge.
 */
export function columnRuns(map: CoverageMap): ColumnRuns {
  const { width, height, cover, other, area } = map
  const rowLines = new Uint8Array(height)
  for (const { index } of straightLines(map, 'row')) rowLines[index] = 1
  const colLines = new Uint8Array(width)
  for (const { index } of straightLines(map, 'column')) colLines[index] = 1

  const start = new Int32Array(width + 1)
  const top: number[] = []
  const bottom: number[] = []
  const centre: number[] = []
  const mass: number[] = []
  const peak: number[] = []
  const r0s: number[] = []
  const r1s: number[] = []
  const flags: number[] = []
  const at = (x: number, y: number) => (y < 0 || y >= height ? 0 : cover[y * width + x])
  const isOther = (x: number, y: number) => y >= 0 && y < height && other[y * width + x] === 1

  for (let x = 0; x < width; x++) {
    start[x] = top.length
    if (colLines[x]) continue
    let y = 0
    while (y < height) {
      if (at(x, y) < CORE) {
        y++
        continue
      }
      let a = y
      let b = y
      while (b + 1 < height && at(x, b + 1) >= CORE) b++
      y = b + 1
      if (a > 0 && at(x, a - 1) > 0) a--
      if (b + 1 < height && at(x, b + 1) > 0 && at(x, b + 2) < CORE) b++
      let inLine = true
      for (let r = a; r <= b && inLine; r++) {
        if (!rowLines[r] && !(r === a && rowLines[r + 1]) && !(r === b && rowLines[r - 1])) {
          inLine = false
        }
      }
      if (inLine) {
        y = Math.max(y, b + 1)
        continue
      }
      const bgTop = at(x, a - 1) < CORE ? at(x, a - 1) : 0
      const bgBottom = at(x, b + 1) < CORE ? at(x, b + 1) : 0
      const bgCore = Math.min(bgTop, bgBottom)
      let m = 0
      let my = 0
      let vmax = 0
      for (let r = a; r <= b; r++) {
        const v = at(x, r)
        vmax = Math.max(vmax, v)
        const bg = r === a && v < CORE ? bgTop : r === b && v < CORE ? bgBottom : bgCore
        const c = Math.min(1, Math.max(0, (v - bg) / (1 - bg)))
        m += c
        my += c * (r + 0.5)
      }
      if (m <= 0) continue
      const cy = my / m
      top.push(area.y0 + cy - m / 2)
      bottom.push(area.y0 + cy + m / 2)
      centre.push(area.y0 + cy)
      mass.push(m)
      peak.push(vmax)
      r0s.push(area.y0 + a)
      r1s.push(area.y0 + b)
      flags.push(isOther(x, a - 1) || isOther(x, b + 1) ? RUN_NEXT_TO_OTHER : 0)
      y = Math.max(y, b + 1)
    }
  }
  start[width] = top.length
  const gridRows: number[] = []
  rowLines.forEach((v, i) => v && gridRows.push(area.y0 + i))
  const gridColumns: number[] = []
  colLines.forEach((v, i) => v && gridColumns.push(area.x0 + i))
  return {
    x0: area.x0,
    columns: width,
    start,
    top: Float64Array.from(top),
    bottom: Float64Array.from(bottom),
    centre: Float64Array.from(centre),
    mass: Float64Array.from(mass),
    peak: Float64Array.from(peak),
    r0: Int32Array.from(r0s),
    r1: Int32Array.from(r1s),
    flags: Uint8Array.from(flags),
    gridRows,
    gridColumns,
  }
}
