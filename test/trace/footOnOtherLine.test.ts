import { describe, expect, it } from 'vitest'
import { armOf, tracedStyled } from './helpers'

/**
 * Issue 10, tails lost: a trace that stops at the foot of a drop onto another curve's line, which
 * runs on at that level, has most likely lost its flat tail under that line (traceAudit.ts:
 * footOnOtherLine). JCO development seed 7179 (no seed of 3000–4119 shows the case): the blue
 * arm's last drop lands on the yellow arm's line and its tail, ticks and all, lies under it; the
 * trace ended at the drop, 4% of the time span early, whole by its status and warned of nothing.
 */
describe('a trace ending at the foot of a drop onto another curve', () => {
  const arms = tracedStyled(7179, 'jco')

  it('is warned of, with the time the other line goes on to (code ends-under-other)', () => {
    const blue = armOf(arms, { name: 'Arm A' })
    const w = blue.curve.warnings.find((x) => x.code === 'ends-under-other')
    expect(w?.message).toMatch(
      /^the trace of colour #0073c2 ends at time 55\.9 at the foot of a drop onto another curve's line, which goes on at that level to about time 5\d\.\d: its tail may lie hidden under that line; check the end of the curve against the figure$/,
    )
  })

  it('is not warned of for the curve whose line runs on', () => {
    const yellow = armOf(arms, { name: 'Arm B' })
    expect(yellow.curve.warnings.map((x) => x.code)).not.toContain('ends-under-other')
  })
})
