import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'

/**
 * A tail hidden to its end under a row of black "+" marks drawn closer than their bars are wide
 * (NEJM style): the bars join into one black line over the curve's, no ink of its colour shows
 * there, and the path, having stepped off the bars onto specks of its colour bled below them,
 * ended 1.5–3.6 px below the row, where nothing carried it on (pathEnd.ts: alongMarkRow).
 * Development seeds in NEJM style, traced with their true colours: on the old code the trace of
 * seed 4010's arm A ended 3.2% of the time span early, seed 4070's arm B 6.5%.
 */
describe('a tail hidden to its end under a row of black marks', () => {
  it.each([
    [4010, 0],
    [4070, 1],
  ])(
    'is followed along the row to its end, reported as under marks (seed %i, arm %i)',
    (seed, arm) => {
      const { curve, whole: w, span } = tracedStyled(seed, 'nejm')[arm]
      expect(Math.abs(w.endGap)).toBeLessThan(0.02 * span)
      expect(w.whole).toBe(true)
      const codes = curve.warnings.map((x) => x.code)
      expect(codes).not.toContain('marks-beyond-end')
      // The hidden stretch is said to be so, up to the trace's end (within a column or two).
      const last = curve.status.stretches[curve.status.stretches.length - 1]
      expect(last).toMatchObject({ kind: 'under', underMarks: true })
      expect(Math.abs(last.to - curve.points[curve.points.length - 1].time)).toBeLessThan(
        0.005 * span,
      )
    },
  )
})
