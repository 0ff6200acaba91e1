import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'
import { isFlagged } from './wholeness'

/**
 * A thin pale line in a JPEG leaves so few core pixels (JAMA's orange dashed arm), or reads so
 * much like a lighter sibling's (a slate line under a pixel wide beside grey), that no path from
 * (time 0, survival 1) scored above the empty one and the arm was refused with its true colour
 * ("no curve of colour … starts near survival 1 at time 0"). Read with ridges as core, it is
 * found. Development seeds in their own style (JAMA 6047, Lancet 6178).
 */
describe('a thin pale arm refused at its start', () => {
  it.each([
    [6047, 0],
    [6047, 2],
    [6178, 1],
  ])('is traced (seed %i, arm %i), and flagged where not whole', (seed, arm) => {
    const { curve, whole } = tracedStyled(seed)[arm]
    expect(whole.whole || isFlagged(curve)).toBe(true)
  })
})
