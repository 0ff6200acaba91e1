import { describe, expect, it } from 'vitest'
import { type HandRun, handRuns, tracedWithWholeness } from './helpers'
import { offPlainLine } from '../../src/shared/trace/traceAudit'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { isFlagged } from './wholeness'

/**
 * Issue 10, no silent wrong answer: a trace that lies off its line where that line is plainly
 * seen (traceAudit.ts: offPlainLine, warning `off-plain-line`), on hand-made runs and on a
 * development seed (never a held-out one).
 */
describe('trace audit: a trace off its plainly seen line', () => {
  // A 3 px line at rows 100–103 over columns 0…59, a drop in column 60 to rows 120–123, on to 99.
  const upper: HandRun = [100, 103]
  const lower: HandRun = [120, 123]
  const cols = (extra: (x: number) => HandRun[] = () => []): HandRun[][] =>
    Array.from({ length: 100 }, (_, x) => [
      ...(x < 60 ? [upper] : x === 60 ? [[100, 123] as HandRun] : [lower]),
      ...extra(x),
    ])
  const stairs = (at: number) => [
    { x: 0, y: 101.5 },
    { x: at, y: 101.5 },
    { x: at, y: 121.5 },
    { x: 99, y: 121.5 },
  ]

  it('measures a corner cut across blank paper', () => {
    // A sloped segment from column 40 on the plateau to column 60 on the line below: 20 px under
    // the plateau at its foot.
    const cut = [
      { x: 0, y: 101.5 },
      { x: 40, y: 101.5 },
      { x: 60, y: 121.5 },
      { x: 99, y: 121.5 },
    ]
    const off = offPlainLine(cut, handRuns(cols()), 3, 3)
    expect(off.columns).toBeGreaterThanOrEqual(10)
    expect(off.first).toBeGreaterThan(40)
    expect(off.last).toBeLessThan(60)
  })

  it('does not count a trace on its line, or a drop placed within 2 columns of its own', () => {
    expect(offPlainLine(stairs(60), handRuns(cols()), 3, 3).columns).toBe(0)
    expect(offPlainLine(stairs(62), handRuns(cols()), 3, 3).columns).toBe(0)
  })

  it('does not judge columns where other ink lies near the line', () => {
    // Black marks (or another curve) just under the plateau over columns 30…59: the line is not
    // plainly seen there, whatever the trace does.
    const marks = (x: number): HandRun[] => (x >= 30 && x < 60 ? [[106, 110, 'mark']] : [])
    const cut = [
      { x: 0, y: 101.5 },
      { x: 40, y: 101.5 },
      { x: 60, y: 121.5 },
      { x: 99, y: 121.5 },
    ]
    expect(offPlainLine(cut, handRuns(cols(marks)), 3, 3).columns).toBe(0)
  })

  it('warns of a trace that cut a corner under open circles (random 3018, Arm A)', () => {
    // Arm A's 4 px line carries open circles in its own colour; at about 4 months the trace ran
    // from the foot of one a sloped segment 4–12 px under the plateau to the next drop, and at
    // about 30.5 months again. Its status said whole and no other check warned.
    const { curve, whole } = tracedWithWholeness(
      renderKmFigure(styledFigureSpec(3018, 'random')),
    )[0]
    if (whole.whole) return
    expect(isFlagged(curve)).toBe(true)
    const w = curve.warnings.find((x) => x.code === 'off-plain-line')
    expect(w?.message).toMatch(
      /#377eb8 lies more than 2 px off its line between time [\d.]+ and [\d.]+ \(\d+ columns\)/,
    )
  })
})
