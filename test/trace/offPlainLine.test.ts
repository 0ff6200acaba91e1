import { describe, expect, it } from 'vitest'
import { axisMap } from '../../src/shared/trace'
import { auditTrace, offPlainLine } from '../../src/shared/trace/traceAudit'
import { type HandRun, handRuns } from './helpers'

/**
 * Issue 10, no silent wrong answer: a trace that lies off its line where that line is plainly
 * seen (traceAudit.ts: offPlainLine, warning `off-plain-line`), on hand-made runs.
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

  it("says so in the trace's warnings, with the stretch's times", () => {
    // Ten units of time over the 100 columns, survival 1 at row 0 and 0 at row 200. (Random 3018
    // Arm A, whose trace cut such a corner under open circles in silence, is traced whole since
    // stepCorners reads a mark's legs about the line; the hand-made corner stands in for it.)
    const map = axisMap({
      x1: { px: 0, py: 200, value: 0 },
      x2: { px: 100, py: 200, value: 10 },
      y1: { px: 0, py: 200, value: 0 },
      y2: { px: 0, py: 0, value: 1 },
      yScale: 'proportion',
    })
    const inData = (ps: { x: number; y: number }[]) =>
      ps.map((p) => ({ ...p, ...map.toData(p.x, p.y) }))
    const cut = inData([
      { x: 0, y: 101.5 },
      { x: 40, y: 101.5 },
      { x: 60, y: 121.5 },
      { x: 99, y: 121.5 },
    ])
    const audit = (points: typeof cut) =>
      auditTrace({ points, runs: handRuns(cols()), lineWidth: 3, map, name: '#377eb8' })
    const w = audit(cut).find((x) => x.code === 'off-plain-line')
    expect(w?.message).toMatch(
      /^the trace of colour #377eb8 lies more than 2 px off its line between time 4\.30 and 5\.50 \(12 columns\), where the line is plainly seen on its own/,
    )
    expect(audit(inData(stairs(60))).map((x) => x.code)).not.toContain('off-plain-line')
  })
})
