import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'

/**
 * Arms whose trace was not whole with no warning (the worst outcome) in forced-JCO and -NEJM
 * development figures, each for a different reason: a tail seen only as its ticks, a tail
 * under ticks drawn every column, and a grey box frame read as the curve at survival 1 (now
 * traced again off the frame).
 */
describe('silent ends of JCO and NEJM traces', () => {
  it('reads a pale thin tail again when only its ticks show beyond the end (3036 A, JCO)', () => {
    // Arm A (#0073C2, 0.6 px split across two rows) goes on 3.8 months past where its first
    // reading stopped; only 8 columns of its ticks showed beyond, too few to warn of.
    const { whole } = tracedStyled(3036, 'jco')[0]
    expect(Math.abs(whole.endGap)).toBeLessThan(0.02 * 60)
    expect(whole.whole).toBe(true)
  })

  it('carries the last plateau on under ticks in every column (4016 B, JCO)', () => {
    // Arm B's (#EFC000) last 15 columns each hold an upward tick: no column there is flat, and the
    // trace stopped at the last plain one, 0.6 months (2.6% of the time span) early.
    const { whole } = tracedStyled(4016, 'jco')[1]
    expect(Math.abs(whole.endGap)).toBeLessThan(0.01 * 24)
    expect(whole.whole).toBe(true)
  })

  // These traces ran along the frame's top edge at survival 1 and were warned never-falls; each is
  // now traced again off that edge (retraceNeverFalls.ts) and follows its line.
  it('traces again off the frame a trace that never fell (4114 A, JCO; 4075 B, NEJM)', () => {
    for (const [seed, style, arm] of [
      [4114, 'jco', 0],
      [4075, 'nejm', 1],
    ] as const) {
      const { curve, whole } = tracedStyled(seed, style)[arm]
      expect(curve.warnings.map((w) => w.code)).not.toContain('never-falls')
      expect(whole.within).toBeGreaterThan(0.95)
    }
  })
})
