import { describe, expect, it } from 'vitest'
import { zeroin } from '../../src/shared/meta/zeroin'
import { expectClose } from '../helpers/close'
import { metaMutants } from './metaMutantsGolden'

/**
 * Brent's method against R's uniroot on functions that take the branches the smooth cases of
 * test/meta/zeroin.test.ts never take (docs/mutation.md, meta): a root at an end point, an iterate
 * exactly on the root, a step function (|f(a)| = |f(b)|, bisection only), a pole, steep and flat
 * functions, an infinite value at an end point, and a search stopped by maxiter. kmpool ports R_zeroin2 step for step, so the root
 * matches to the last bits and the iteration count exactly.
 */
const FUNCTIONS: Record<string, (x: number) => number> = {
  x: (x) => x,
  'x - 1': (x) => x - 1,
  'x - 0.5': (x) => x - 0.5,
  'x - 0.5, tol 1e-12': (x) => x - 0.5,
  'step at 0.3': (x) => (x < 0.3 ? -1 : 1),
  'step at 0.3, tol 1e-10': (x) => (x < 0.3 ? -1 : 1),
  'atan(1000 (x - 0.3))': (x) => Math.atan(1000 * (x - 0.3)),
  'pole 1/(x - 0.7)': (x) => 1 / (x - 0.7),
  '(x - 1)^3': (x) => (x - 1) ** 3,
  'x^9 - 0.5': (x) => x ** 9 - 0.5,
  'exp(10 x) - 2': (x) => Math.exp(10 * x) - 2,
  'log(x) on [0.01, 10]': (x) => Math.log(x),
  'log(x)': (x) => Math.log(x),
  'exp(x) - 1/(100 x^2)': (x) => Math.exp(x) - 1 / (100 * x * x),
  '(x - 2.193999) |x - 2.193999|': (x) => (x - 2.193999) * Math.abs(x - 2.193999),
  '(x - 0.203787) |x - 0.203787|': (x) => (x - 0.203787) * Math.abs(x - 0.203787),
  '1/(1 + x) - 0.01': (x) => 1 / (1 + x) - 0.01,
  'cos(x)': (x) => Math.cos(x),
  'tanh(5 (x - 2))': (x) => Math.tanh(5 * (x - 2)),
  'x^2 - 2, maxiter 3': (x) => x * x - 2,
  'step at 0.3, maxiter 5': (x) => (x < 0.3 ? -1 : 1),
}

interface UnirootCase {
  name: string
  lower: number
  upper: number
  tol: number
  maxiter: number
  root: number
  iter: number
  converged: boolean
}

describe('zeroin = R uniroot on hard and degenerate functions (test/golden/metaMutants.R)', () => {
  for (const c of metaMutants.zeroin as UnirootCase[]) {
    it(c.name, () => {
      const f = FUNCTIONS[c.name]
      expect(f, `a JavaScript function for ${c.name}`).toBeDefined()
      const r = zeroin(f, c.lower, c.upper, f(c.lower), f(c.upper), c.tol, c.maxiter)
      // Same iterates give the same root to the last bit or two (powers and exp may differ from
      // R's in the last bit); a different iterate moves it by the tolerance, 1e-12 or more.
      expectClose(r.root, c.root, { rel: 1e-14 }, 'root')
      expect(r.iterations, 'iterations').toBe(c.iter)
      expect(r.converged, 'converged').toBe(c.converged)
    })
  }
})
