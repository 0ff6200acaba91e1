import { describe, expect, it } from 'vitest'
import { logGamma, regularizedGamma } from '../../src/shared/distributions'
import { expectRelClose } from './golden'

describe('log-gamma and the regularized incomplete gamma functions', () => {
  it('log-gamma at known values', () => {
    expectRelClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15, 'lgamma(1/2)')
    expectRelClose(logGamma(10), Math.log(362880), 1e-15, 'lgamma(10)')
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14)
  })
  it('P(1, x) = 1 − e^(−x) and the two tails add to 1', () => {
    for (const x of [0.01, 0.5, 1, 3, 20]) {
      const g = regularizedGamma(1, x)
      expectRelClose(g.upper, Math.exp(-x), 1e-14, `Q(1, ${x})`)
      expect(g.lower + g.upper).toBeCloseTo(1, 15)
    }
  })
  it('edge arguments', () => {
    expect(regularizedGamma(2.5, 0)).toEqual({ lower: 0, upper: 1 })
    expect(regularizedGamma(2.5, Infinity)).toEqual({ lower: 1, upper: 0 })
    expect(Number.isNaN(logGamma(0))).toBe(true)
  })
})
