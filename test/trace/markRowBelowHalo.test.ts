import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'

describe('a line hidden under dense "+" marks, only its colour bled past their strokes seen', () => {
  // Forced-NEJM development seeds: the path, on the colour bled above a mark's stroke (2–3 px
  // above the line), could not step down onto the marks' bars on the line, and went down a
  // stroke to the row of another arm's marks below instead (monotonePath.ts: HALO_OFFSET).
  it.each([
    [6058, 0],
    [6024, 2],
  ])('traces seed %i arm %i on its line', (seed, arm) => {
    expect(tracedStyled(seed, 'nejm')[arm].whole).toMatchObject({ whole: true })
  })
})
