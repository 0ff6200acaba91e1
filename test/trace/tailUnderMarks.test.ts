import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'

/**
 * A tail under a row of black censor marks (NEJM's "+"): the path, passing through a mark, left
 * it at a level a pixel or two below the line (its anti-aliased edge), from which the line beyond
 * read as above it, where a curve that never rises cannot follow; the trace stopped while the
 * marks and the curve's own ink between them went on (pathEnd.ts: stepUnderMarks). Development
 * seed 3005 in NEJM style (test/generator/seeds.ts), traced with its true colours: the blue arm's
 * trace stopped at month 49.1; the arm's last time is 58.4.
 */
describe('a tail under a row of black marks', () => {
  it('is followed to its end where its own ink reappears between the marks (seed 3005, arm B)', () => {
    const { curve, whole: w, span } = tracedStyled(3005, 'nejm')[1]
    expect(Math.abs(w.endGap)).toBeLessThan(0.02 * span)
    expect(w.whole).toBe(true)
    expect(curve.warnings.map((x) => x.code)).not.toContain('ink-beyond-end')
  })

  it("is not followed along the marks' anti-aliased edges (seed 3037, arm C)", () => {
    // The orange arm's line lies under the marks 4 px below where its trace ends; the marks' edges
    // read as fragments of its colour a pixel or two lower than that end. Followed, the tail ran
    // 80 columns off its line: 170 of 1070 columns more than 2 px off, against 91 of 991 unfollowed.
    const { whole: w } = tracedStyled(3037, 'nejm')[2]
    expect(w.within).toBeGreaterThan(0.9)
  })
})
