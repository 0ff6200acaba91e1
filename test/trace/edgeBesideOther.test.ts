import { describe, expect, it } from 'vitest'
import { RUN_FRINGE, columnRuns } from '../../src/shared/trace/columnRuns'
import { type CoverageMap, MARK_INK } from '../../src/shared/trace/coverage'

/**
 * A hand-made coverage map 40 × 40 px: in columns 10–19 a pixel of this curve's colour at row 20
 * covered `peak`, and another curve's ink (code 1) in rows `otherTop`–`otherTop + 3`, in column
 * `otherColumn` only, or in all of them when it is undefined. Nothing else.
 */
function mapWith(peak: number, otherTop: number, otherColumn?: number): CoverageMap {
  const width = 40
  const height = 40
  const cover = new Float32Array(width * height)
  const other = new Uint8Array(width * height)
  for (let x = 10; x < 20; x++) {
    cover[20 * width + x] = peak
    if (otherColumn !== undefined && x !== otherColumn) continue
    for (let y = otherTop; y < otherTop + 4; y++) other[y * width + x] = 1
  }
  const start = new Int32Array(width + 1)
  const rows: number[] = []
  const rowStart = new Int32Array(height + 1)
  const inkAt: number[] = []
  for (let x = 0; x < width; x++) {
    start[x] = rows.length
    for (let y = 0; y < height; y++)
      if (cover[y * width + x] > 0 || other[y * width + x]) rows.push(y)
  }
  start[width] = rows.length
  for (let y = 0; y < height; y++) {
    rowStart[y] = inkAt.length
    for (let x = 0; x < width; x++) {
      if (cover[y * width + x] > 0 || other[y * width + x]) inkAt.push(y * width + x)
    }
  }
  rowStart[height] = inkAt.length
  return {
    area: { x0: 0, y0: 0, x1: width, y1: height },
    width,
    height,
    cover,
    other,
    inkAt: Int32Array.from(inkAt),
    columns: { start, rows: Int32Array.from(rows), rowStart },
  }
}

/** The flags of the run of this curve's colour in column x, read with ridges (thin pale lines). */
function ownRunFlags(map: CoverageMap, x: number): number {
  const runs = columnRuns(map, true)
  for (let j = runs.start[x]; j < runs.start[x + 1]; j++) {
    if (runs.r0[j] <= 20 && runs.r1[j] >= 20) return runs.flags[j]
  }
  throw new Error(`no run at row 20 in column ${x}`)
}

describe('a faint run just off another curve’s line', () => {
  // Lancet development seed 6466, arm C (grey #808080 beside navy #00468B): the navy line's
  // anti-aliased edge, a row of grey 0.3–0.7 covered one blank row from the navy ink, drew the
  // grey arm's path 3–5 px below its own faint line for 20 columns.
  it('is doubted when the other ink lies one row beyond it', () => {
    expect(ownRunFlags(mapWith(0.6, 22), 15) & RUN_FRINGE).toBe(RUN_FRINGE)
    expect(ownRunFlags(mapWith(0.6, 15), 15) & RUN_FRINGE).toBe(RUN_FRINGE)
  })

  it('is doubted when the other ink touches it in the column beside it', () => {
    expect(ownRunFlags(mapWith(0.6, 21, 16), 15) & RUN_FRINGE).toBe(RUN_FRINGE)
  })

  // NEJM development seeds 3008 C, 3020 C, 3110 C: the anti-aliased tip of a black "+" mark's
  // arm on the pale orange line read as the red arm's ink, and its fringe ended the trace early.
  it('is not doubted when the other ink is the tip of a mark beside it', () => {
    const map = mapWith(0.6, 21, 16)
    for (let y = 21; y <= 24; y++) map.other[y * map.width + 17] = MARK_INK
    expect(ownRunFlags(map, 15) & RUN_FRINGE).toBe(0)
    // Mark ink on one side but the other curve's ink going on along the row on the other: a line.
    map.other[21 * map.width + 15] = 1
    expect(ownRunFlags(map, 15) & RUN_FRINGE).toBe(RUN_FRINGE)
  })

  it('is not doubted when it is fully inked or the other ink lies further', () => {
    expect(ownRunFlags(mapWith(1, 22), 15) & RUN_FRINGE).toBe(0)
    expect(ownRunFlags(mapWith(0.6, 23), 15) & RUN_FRINGE).toBe(0)
    expect(ownRunFlags(mapWith(0.6, 22, 17), 15) & RUN_FRINGE).toBe(0)
  })
})
