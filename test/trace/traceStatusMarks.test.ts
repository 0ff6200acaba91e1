import { describe, expect, it } from 'vitest'
import { pathWithDrop as path, runPerColumn as runs, runsMap } from './helpers'

import { type ColumnRuns, RUN_MARK, RUN_UNDER } from '../../src/shared/trace/columnRuns'
import type { PathStep } from '../../src/shared/trace/monotonePath'
import { traceStatus } from '../../src/shared/trace/traceStatus'

/**
 * Issue 10, silent failures under dense censor marks: where black "+" marks (NEJM) hide a coloured
 * curve for several columns, the trace follows the marks' ink, and its level there is a guess
 * unless the curve's own ink on both sides pins it. Such stretches are listed as `under` censor
 * marks; pinned ones, short ones, and a few scattered over a long curve are not.
 */
describe('trace status under censor marks', () => {
  // 10 px per month; a 1 px line (minLen: 3 widths + 4 px = 7 columns, above 1% of 500 px).
  const map = runsMap
  const status = (p: PathStep[], r: ColumnRuns) =>
    traceStatus(p, r, map, 0, 1, 500, [{ color: '#0072b5', arm: 1 }])
  /** Marks over columns [from, to), with a one-column speck of the curve's own ink every `speck`. */
  const marks =
    (from: number, to: number, speck = 0) =>
    (x: number) =>
      x >= from && x < to && !(speck > 0 && (x - from) % speck === speck - 1) ? RUN_MARK : 0

  it('lists a drop hidden under marks as a stretch under censor marks, with its times', () => {
    // Marks over columns 20–39, with specks of the curve's own ink between them (every 4th
    // column): the path drops 8 px at column 30, where nothing of its own shows.
    const s = status(path(60, 30, 8), runs(60, marks(20, 40, 4)))
    expect(s.status).toBe('inferred')
    expect(s.stretches).toHaveLength(1)
    const [m] = s.stretches
    expect(m).toMatchObject({ kind: 'under', x0: 20, x1: 39, underMarks: true })
    expect(m.underColor).toBeUndefined()
    expect(m.underArm).toBeUndefined()
    // Columns are 0.1 month wide; the stretch ends at its last column of marks (39 is a speck),
    // and `to` is the time of the column after it.
    expect(m.from).toBeCloseTo(2.0, 6)
    expect(m.to).toBeCloseTo(3.9, 6)
  })

  it('does not list marks when the curve’s own ink on both sides pins the level', () => {
    // The same marks, the path level through them: a curve that never rises cannot have dropped
    // in between; and a drop on its own ink just after the marks is seen, not guessed.
    expect(status(path(60, 50, 8), runs(60, marks(20, 40, 4)))).toEqual({
      status: 'whole',
      stretches: [],
    })
    expect(status(path(60, 41, 8), runs(60, marks(20, 40, 4)))).toEqual({
      status: 'whole',
      stretches: [],
    })
  })

  it('does not list a drop of a pixel or two under marks', () => {
    expect(status(path(60, 30, 3), runs(60, marks(20, 40, 4))).status).toBe('whole')
    expect(status(path(60, 30, 4), runs(60, marks(20, 40, 4))).status).toBe('inferred')
  })

  it('does not list marks shorter than a stretch', () => {
    // Six columns of marks: a single "+" over a 1 px line, whatever the path did there.
    expect(status(path(60, 30, 8), runs(60, marks(27, 33))).status).toBe('whole')
  })

  it('is not ended by specks of own ink between marks', () => {
    // Marks in pairs with a two-column speck of own ink between each pair: each pair is shorter
    // than a stretch, the whole run of them is one.
    const pairs = (x: number) => (x >= 20 && x < 44 && (x - 20) % 4 < 2 ? RUN_MARK : 0)
    const s = status(path(60, 30, 8), runs(60, pairs))
    expect(s.stretches).toMatchObject([{ kind: 'under', x0: 20, x1: 42, underMarks: true }])
    // Own ink five columns long between the marks pins the level there: two stretches of six
    // columns, each too short to list.
    const split = (x: number) => ((x >= 20 && x < 26) || (x >= 31 && x < 37) ? RUN_MARK : 0)
    expect(status(path(60, 30, 8), runs(60, split)).status).toBe('whole')
  })

  it('does not list a few stretches under marks scattered along a long curve', () => {
    // Nineteen columns under marks in a trace of 100: under a fifth of it.
    const s = status(path(100, 30, 8), runs(100, marks(20, 40, 4)))
    expect(s.status).toBe('whole')
    // The same stretch in a trace of 90 columns is over a fifth of it.
    expect(status(path(90, 30, 8), runs(90, marks(20, 40, 4))).status).toBe('inferred')
  })

  it('names the marks when they hide more of the stretch than another curve does', () => {
    // Marks over 20–33, another curve's ink over 34–39: one stretch, mostly marks.
    const mixed = (x: number) => (x >= 20 && x < 34 ? RUN_MARK : x >= 34 && x < 40 ? RUN_UNDER : 0)
    const s = status(path(60, 30, 8), runs(60, mixed))
    expect(s.stretches.some((t) => t.underMarks === true && t.x0 === 20)).toBe(true)
  })

  it('leaves a short stretch mostly under another curve to that curve’s rule', () => {
    // Eight columns of a 40-column path (a fifth of it): six of another curve's ink (too short to
    // list under it) and two of marks.
    const mostlyOther = (x: number) =>
      x >= 22 && x < 28 ? RUN_UNDER : x >= 28 && x < 30 ? RUN_MARK : 0
    expect(status(path(40, 25, 8), runs(40, mostlyOther)).status).toBe('whole')
    // The same with marks and the other curve's ink swapped: under marks.
    const mostlyMarks = (x: number) =>
      x >= 22 && x < 28 ? RUN_MARK : x >= 28 && x < 30 ? RUN_UNDER : 0
    expect(status(path(40, 25, 8), runs(40, mostlyMarks)).stretches).toMatchObject([
      { kind: 'under', x0: 22, x1: 30, underMarks: true },
    ])
  })
})
