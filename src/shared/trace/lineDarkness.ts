import { luma } from './color'
import type { Rgb, RgbaImage } from './types'

/** A trace's rows per column (traceAudit.ts: traceRowsOf); null for a trace under two corners. */
export type TraceRows = { x0: number; x1: number; lo: Float64Array; hi: Float64Array } | null

/** A column is clear of the other trace where they lie this many pixels past a line width apart. */
const APART_PX = 4
/** Pixels beyond a traced line's rows still read for its darkest pixel (its anti-aliased edge). */
const EDGE_PX = 1

/**
 * How dark the line under a trace is: over the columns where the trace is level (a drop's
 * column mixes the line with its steps) and lies clear of the other trace `other`, the median of
 * the column's darkest pixel within the trace's rows, half the line width and EDGE_PX around, as
 * a share of the background's luma (Rec. 601) below it: 0 background, 1 black. Returns that and
 * the number of columns read.
 */
export function lineDarkness(
  image: RgbaImage,
  background: Rgb,
  own: TraceRows,
  other: TraceRows,
  lineWidth: number,
): { darkness: number; columns: number } {
  if (!own) return { darkness: 0, columns: 0 }
  const bg = luma(...background)
  const half = lineWidth / 2 + EDGE_PX
  const values: number[] = []
  for (let x = own.x0; x <= own.x1; x++) {
    const k = x - own.x0
    // A column the trace does not reach (its last), or one of a drop.
    if (!(own.lo[k] <= own.hi[k]) || own.hi[k] - own.lo[k] > 1) continue
    const o = other ? x - other.x0 : -1
    if (other && x <= other.x1 && o >= 0 && other.lo[o] <= other.hi[o]) {
      const gap = Math.max(other.lo[o] - own.hi[k], own.lo[k] - other.hi[o])
      if (gap < lineWidth + APART_PX) continue
    }
    let darkest = 0
    const y0 = Math.max(0, Math.floor(own.lo[k] - half))
    const y1 = Math.min(image.height - 1, Math.ceil(own.hi[k] + half))
    for (let y = y0; y <= y1; y++) {
      const p = 4 * (y * image.width + x)
      const d = (bg - luma(image.data[p], image.data[p + 1], image.data[p + 2])) / bg
      if (d > darkest) darkest = d
    }
    values.push(darkest)
  }
  if (values.length === 0) return { darkness: 0, columns: 0 }
  values.sort((a, b) => a - b)
  return { darkness: values[values.length >> 1], columns: values.length }
}

/** The rows of a trace over its columns from…to only (for lineDarkness over a stretch). */
export function rowsWithin(rows: TraceRows, from: number, to: number): TraceRows {
  if (!rows) return null
  const x0 = Math.max(rows.x0, from)
  const x1 = Math.min(rows.x1, to)
  if (x1 < x0) return null
  return {
    x0,
    x1,
    lo: rows.lo.subarray(x0 - rows.x0, x1 - rows.x0 + 1),
    hi: rows.hi.subarray(x0 - rows.x0, x1 - rows.x0 + 1),
  }
}
