import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { logGamma, regularizedGamma } from '../../src/shared/distributions'

describe('log-gamma and the regularized incomplete gamma functions', () => {
  it('log-gamma at known values', () => {
    expectClose(logGamma(0.5), 0.5 * Math.log(Math.PI), { rel: 1e-15 }, 'lgamma(1/2)')
    expectClose(logGamma(10), Math.log(362880), { rel: 1e-15 }, 'lgamma(10)')
    // lgamma(1) = 0 exactly: the one place here an absolute floor is needed
    expectClose(logGamma(1), 0, { abs: 1e-14 }, 'lgamma(1)')
  })
  it('P(1, x) = 1 − e^(−x) and the two tails add to 1', () => {
    for (const x of [0.01, 0.5, 1, 3, 20]) {
      const g = regularizedGamma(1, x)
      expectClose(g.upper, Math.exp(-x), { rel: 1e-14 }, `Q(1, ${x})`)
      expectClose(g.lower + g.upper, 1, { rel: 1e-14 }, 'g.lower + g.upper')
    }
  })
  it('edge arguments', () => {
    expect(regularizedGamma(2.5, 0)).toEqual({ lower: 0, upper: 1 })
    expect(regularizedGamma(2.5, Infinity)).toEqual({ lower: 1, upper: 0 })
    expect(Number.isNaN(logGamma(0))).toBe(true)
  })
})
