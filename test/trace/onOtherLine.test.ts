import { describe, expect, it } from 'vitest'
import { armOf, tracedStyled } from './helpers'
import { isFlagged } from './wholeness'

/** The grey arm of a JAMA-style development seed, traced beside the others in true colours. */
function greyArm(seed: number) {
  const { curve, whole } = armOf(tracedStyled(seed, 'jama'), { color: '#808080' })
  return { curve, whole: whole.whole }
}

/**
 * A grey arm whose trace rests on a slate arm's line (or its edge) while the grey line itself
 * shows at another level in those columns passed in silence: neither trace follows the other
 * far enough for `follows-other`.
 */
describe('a trace on another curve’s line while its own line shows elsewhere', () => {
  it('is warned of (on-other-line) along the slate plateau at survival 1 (seed 6239)', () => {
    // The grey trace stayed on the slate line at survival 1 for 63 columns while its own line
    // fell away below it.
    const { curve, whole } = greyArm(6239)
    expect(whole).toBe(false)
    expect(curve.warnings.map((w) => w.code)).toContain('on-other-line')
    expect(isFlagged(curve)).toBe(true)
  })

  it('is no longer needed along the slate line’s lower edge (seed 6113)', () => {
    // The grey trace ran on the slate line's anti-aliased lower edge, 3 px under the grey line
    // that shows above the slate one, for 56 columns, and was warned of. With the grey ticks that
    // reach above the level last reached read at their centre (stepCorners.ts, RISE) it keeps to
    // its own line (0.976 of its columns within 2 px), and nothing is warned of.
    const { curve, whole } = greyArm(6113)
    expect(whole).toBe(true)
    expect(curve.warnings.map((w) => w.code)).not.toContain('on-other-line')
  })
})
