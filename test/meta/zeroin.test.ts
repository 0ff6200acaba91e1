import { describe, expect, it } from 'vitest'
import { UNIROOT_TOL, zeroin } from '../../src/shared/meta/zeroin'
import { expectClose } from '../helpers/close'
import { golden } from './golden'

describe('zeroin is R uniroot step for step', () => {
  const fns: Record<string, (x: number) => number> = {
    'x^2 - 2': (x) => x * x - 2,
    'cos(x) - x': (x) => Math.cos(x) - x,
    'exp(x) - 5': (x) => Math.exp(x) - 5,
    'x^3 - 0.001': (x) => x * x * x - 0.001,
  }
  for (const c of golden.uniroot) {
    it(c.name, () => {
      const f = fns[c.name]
      const r = zeroin(f, c.lower, c.upper, f(c.lower), f(c.upper), c.tol, 1000)
      expectClose(r.root, c.root, { rel: 1e-14 }, `root of ${c.name}`)
      expect(r.iterations).toBe(c.iter)
      expect(r.converged).toBe(true)
    })
  }
  it('default tolerance is eps^0.25', () => {
    expect(UNIROOT_TOL).toBe(0.0001220703125)
  })
})
