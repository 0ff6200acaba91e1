import { describe, expect, it } from 'vitest'
import { markedCurve } from './helpers'
import { settleSharedMarks } from '../../src/shared/trace/sharedMarks'
import type { CensorMark, Rgb } from '../../src/shared/trace'

const curve = (color: Rgb, marks: CensorMark[]) => markedCurve(color, marks)

/** NEJM's red and blue. */
const RED: Rgb = [0xbc, 0x3c, 0x29]
const BLUE: Rgb = [0x00, 0x72, 0xb5]

const mark = (x: number, y: number, inkY: number, black: number, time = x / 10): CensorMark => ({
  x,
  y,
  time,
  surv: 0.5,
  inkY,
  black,
})

describe('censor marks read by several curves (issue 10: marks where arms overlap)', () => {
  it('gives a black mark on a shared line to neither curve, and says so with its time', () => {
    const a = curve(RED, [mark(100, 50, 50.2, 1), mark(200, 80, 80, 1)])
    const b = curve(BLUE, [mark(101, 50.5, 50.4, 1)])
    settleSharedMarks([a, b])
    expect(a.censorMarks.map((m) => m.x)).toEqual([200])
    expect(b.censorMarks).toEqual([])
    expect(a.warnings.map((w) => w.code)).toEqual(['marks-shared'])
    expect(a.warnings[0].message).toBe(
      "1 censor mark at time 10 lies where this curve and the curve of colour #0072b5 share one line: either curve's, so counted for neither; add it by hand to the curve it belongs to",
    )
    expect(b.warnings[0].message).toMatch(/^1 censor mark at time 10\.1 lies .* colour #bc3c29/)
  })

  it('lists a few shared marks by time, and many by their range', () => {
    const shared = (n: number) => {
      const xs = Array.from({ length: n }, (_, k) => 100 + 10 * k)
      const a = curve(
        RED,
        xs.map((x) => mark(x, 50, 50, 1)),
      )
      const b = curve(
        BLUE,
        xs.map((x) => mark(x, 50, 50, 1)),
      )
      settleSharedMarks([a, b])
      return a.warnings[0].message
    }
    expect(shared(6)).toMatch(/^6 censor marks at times 10, 11, 12, 13, 14, 15 lie where/)
    expect(shared(7)).toMatch(/^7 censor marks between times 10 and 16 lie where/)
  })

  it('gives a black mark between two lines apart to the line its ink is centred on', () => {
    // b's "+" is drawn on b's line (row 60); a's line runs 6 rows below and reads its lower arm.
    const a = curve(RED, [mark(100, 66, 62, 1)])
    const b = curve(BLUE, [mark(100.5, 60, 60.3, 1)])
    settleSharedMarks([a, b])
    expect(a.censorMarks).toEqual([])
    expect(b.censorMarks).toEqual([{ x: 100.5, y: 60, time: 10.05, surv: 0.5 }])
    expect([...a.warnings, ...b.warnings]).toEqual([])
  })

  it('keeps marks in each curve’s own colour, and black marks of separate lines, for both', () => {
    // Coloured ink is read only by its own curve: two reads are two marks.
    const a = curve(RED, [mark(100, 50, 50, 0), mark(300, 40, 40, 1)])
    const b = curve(BLUE, [mark(100, 50, 50, 0), mark(300, 70, 70, 1)])
    settleSharedMarks([a, b])
    expect(a.censorMarks.map((m) => m.x)).toEqual([100, 300])
    expect(b.censorMarks.map((m) => m.x)).toEqual([100, 300])
    expect(a.censorMarks[0]).not.toHaveProperty('inkY')
  })
})
