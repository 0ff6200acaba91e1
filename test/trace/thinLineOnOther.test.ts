import { describe, expect, it } from 'vitest'
import { isFlagged } from './wholeness'
import { armOf, tracedStyled } from './helpers'

/**
 * A thin line's trace carried along another arm's line for a stretch, the covering line's
 * anti-aliased fringe read in the thin line's colour in a few of its columns (traceStatus.ts:
 * followedPastSlivers). Each such sliver split the stretch under the other arm into pieces too
 * short to list, and the arm was neither whole nor told of. No development seed of 3000–4119
 * shows it; this one is from the 7240–7479 dev range.
 */
describe('a thin line carried along another arm past slivers of its colour', () => {
  // JCO development seed 7443: the 0.75 px grey arm's line runs 3.5 px below the blue arm's from
  // month 17.3 to 18.5, tinted blue by JPEG; its trace rode the blue line there, on the blue
  // line's grey-read fringe in 8 of 40 columns.
  it('lists the stretch as under the other arm (seed 7443)', () => {
    const grey = armOf(tracedStyled(7443, 'jco'), { color: '#868686' })
    expect(grey.whole.whole).toBe(false)
    const under = grey.curve.status.stretches.filter((s) => s.kind === 'under')
    expect(under.some((s) => s.from < 17.8 && s.to > 18 && s.underColor === '#0073c2')).toBe(true)
    expect(isFlagged(grey.curve)).toBe(true)
  })
})
