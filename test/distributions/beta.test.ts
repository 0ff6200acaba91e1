import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { regularizedBeta } from '../../src/shared/distributions'

describe('regularized incomplete beta', () => {
  it('is symmetric: I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    const r1 = regularizedBeta(0.3, 2.5, 7)
    const r2 = regularizedBeta(0.7, 7, 2.5)
    expectClose(r1.lower, r2.upper, { rel: 1e-14 }, 'I_0.3(2.5, 7) vs 1 − I_0.7(7, 2.5)')
  })
  it('I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
    for (const x of [0.05, 0.4, 0.9]) {
      expectClose(regularizedBeta(x, 3.5, 1).lower, x ** 3.5, { rel: 1e-14 }, `I_${x}(3.5, 1)`)
      expectClose(regularizedBeta(x, 1, 4).upper, (1 - x) ** 4, { rel: 1e-14 }, `1 − I_${x}(1, 4)`)
    }
  })
  it('edge arguments', () => {
    expect(regularizedBeta(0, 2, 3)).toEqual({ lower: 0, upper: 1 })
    expect(regularizedBeta(1, 2, 3)).toEqual({ lower: 1, upper: 0 })
  })
})
