import { describe, expect, it } from 'vitest'
import { markedCurve } from './helpers'
import { settleSharedMarks } from '../../src/shared/trace/sharedMarks'
import type { CensorMark, Rgb, TracedCurve, TracedPoint } from '../../src/shared/trace'

/** NEJM's red and blue. */
const RED: Rgb = [0xbc, 0x3c, 0x29]
const BLUE: Rgb = [0x00, 0x72, 0xb5]

/** A path flat at row `y` from column 0 to 300, with a drop to `y + 8` at column 200. */
function path(y: number): TracedPoint[] {
  const at = (x: number, row: number) => ({ x, y: row, time: x / 10, surv: 1 - row / 400 })
  return [at(0, y), at(200, y), at(200, y + 8), at(300, y + 8)]
}

/** A traced curve along row `y` with what settleSharedMarks reads. */
function curve(color: Rgb, y: number, marks: CensorMark[]): TracedCurve {
  return markedCurve(color, marks, path(y))
}

const mark = (x: number, y: number, inkY: number, black = 1): CensorMark => ({
  x,
  y,
  time: x / 10,
  surv: 0.5,
  inkY,
  black,
})

describe('a black mark centred on another curve’s line (issue 10: NEJM arms read each other’s "+")', () => {
  it('is left out of the marks of the curve that reads it from beside that line', () => {
    // b's "+" at column 100 is drawn on b's line (row 60); a's line runs 6 rows below and reads
    // the "+" as a mark of its own, its ink centred on b's line. b did not read it (a crowd of
    // its own marks): it is still not a's.
    const a = curve(RED, 66, [mark(100, 66, 60.3), mark(150, 66, 66.2)])
    const b = curve(BLUE, 60, [mark(150, 60, 60.1, 0)])
    settleSharedMarks([a, b])
    expect(a.censorMarks.map((m) => m.x)).toEqual([150])
    expect(b.censorMarks.map((m) => m.x)).toEqual([150])
    expect([...a.warnings, ...b.warnings]).toEqual([])
  })

  it('reads the other line where it drops, as the rows its drop spans', () => {
    // At column 200 b drops from row 60 to 68: ink at row 64 lies on b's drop (a mark's centre
    // falls within a column, a little right of the drop's corners).
    const a = curve(RED, 72, [mark(200.3, 72, 64)])
    const b = curve(BLUE, 60, [])
    settleSharedMarks([a, b])
    expect(a.censorMarks).toEqual([])
  })

  it('keeps a mark whose ink lies between the lines, or near the other line but not on it', () => {
    const a = curve(RED, 66, [mark(100, 66, 63), mark(120, 66, 61), mark(140, 66, 60.3, 0.2)])
    const b = curve(BLUE, 60, [])
    settleSharedMarks([a, b])
    // 63: 3 rows from either line; 61: 1 row off b's line; a coloured mark is a's own ink.
    expect(a.censorMarks.map((m) => m.x)).toEqual([100, 120, 140])
  })

  it('keeps a mark where the two lines run together', () => {
    // Lines 2.4 rows apart (within the line width and a pixel) are one line: the "+" on it is
    // whose nothing says, and this rule leaves it to the pairing of marks read by both.
    const a = curve(RED, 62.4, [mark(100, 62.4, 60)])
    const b = curve(BLUE, 60, [])
    settleSharedMarks([a, b])
    expect(a.censorMarks.map((m) => m.x)).toEqual([100])
  })
})
