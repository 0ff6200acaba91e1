import { describe, expect, it } from 'vitest'
import { roundHalfEven } from '../../src/shared/reconstruct'
import { carryForwardMinimum, isotonicNonIncreasing } from '../../src/shared/reconstruct/isotonic'

describe('roundHalfEven', () => {
  // R: round(c(0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001)) → 0 2 2 0 -2 2 3
  it('rounds halves to even as R does', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([
      0, 2, 2, 0, -2, 2, 3,
    ])
  })
})

describe('monotone repair', () => {
  it('isotonic regression pools a violation to its mean; carry-forward takes the minimum', () => {
    // R: rev(isoreg(rev(c(1, 0.9, 0.95, 0.8)))$yf) → 1.000 0.925 0.925 0.800
    expect(isotonicNonIncreasing([1, 0.9, 0.95, 0.8])).toEqual([1, 0.925, 0.925, 0.8])
    expect(carryForwardMinimum([1, 0.9, 0.95, 0.8])).toEqual([1, 0.9, 0.9, 0.8])
  })
})
