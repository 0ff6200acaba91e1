import { describe, expect, it } from 'vitest'
import {
  chiSquareCdf,
  chiSquareQuantile,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedBeta,
  tCdf,
  tQuantile,
} from '../../src/shared/meta/distributions'
import { UNIROOT_TOL, zeroin } from '../../src/shared/meta/zeroin'
import { expectRelClose, golden } from './golden'

const d = golden.distributions

describe('distribution functions agree with R', () => {
  it('qnorm', () => {
    for (const c of d.qnorm) expectRelClose(normalQuantile(c.p), c.value, 1e-13, `qnorm(${c.p})`)
  })
  it('pnorm, both tails', () => {
    for (const c of d.pnorm) {
      expectRelClose(normalCdf(c.x), c.value, 1e-12, `pnorm(${c.x})`)
      expectRelClose(normalCdf(c.x, true), c.upper, 1e-12, `pnorm(${c.x}, upper)`)
    }
  })
  it('qt', () => {
    for (const c of d.qt)
      expectRelClose(tQuantile(c.p, c.df), c.value, 1e-12, `qt(${c.p}, ${c.df})`)
  })
  it('pt, both tails', () => {
    for (const c of d.pt) {
      expectRelClose(tCdf(c.x, c.df), c.value, 1e-12, `pt(${c.x}, ${c.df})`)
      expectRelClose(tCdf(c.x, c.df, true), c.upper, 1e-12, `pt(${c.x}, ${c.df}, upper)`)
    }
  })
  it('qchisq', () => {
    for (const c of d.qchisq) {
      expectRelClose(chiSquareQuantile(c.p, c.df), c.value, 1e-12, `qchisq(${c.p}, ${c.df})`)
    }
  })
  it('pchisq, both tails', () => {
    for (const c of d.pchisq) {
      expectRelClose(chiSquareCdf(c.x, c.df), c.value, 1e-12, `pchisq(${c.x}, ${c.df})`)
      if (c.upper > 0) {
        expectRelClose(chiSquareCdf(c.x, c.df, true), c.upper, 1e-11, `pchisq upper(${c.x})`)
      } else expect(chiSquareCdf(c.x, c.df, true)).toBeLessThan(1e-300)
    }
  })
})

describe('special functions', () => {
  it('log-gamma at known values', () => {
    expectRelClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15, 'lgamma(1/2)')
    expectRelClose(logGamma(10), Math.log(362880), 1e-15, 'lgamma(10)')
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14)
  })
  it('regularized beta is symmetric: I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    const r1 = regularizedBeta(0.3, 2.5, 7)
    const r2 = regularizedBeta(0.7, 7, 2.5)
    expect(Math.abs(r1.lower - r2.upper)).toBeLessThan(1e-15)
  })
  it('quantiles invert the CDFs', () => {
    for (const df of [1, 2, 3, 7.5, 30, 500]) {
      for (const p of [1e-6, 0.025, 0.4, 0.975]) {
        expectRelClose(tCdf(tQuantile(p, df), df), p, 1e-11, `t df ${df} p ${p}`)
        expectRelClose(chiSquareCdf(chiSquareQuantile(p, df), df), p, 1e-11, `chi2 df ${df} p ${p}`)
      }
    }
  })
  it('edge arguments', () => {
    expect(normalQuantile(0)).toBe(-Infinity)
    expect(normalQuantile(1)).toBe(Infinity)
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true)
    expect(chiSquareCdf(-1, 3)).toBe(0)
    expect(tQuantile(0.5, 4)).toBe(0)
  })
})

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
      expect(Math.abs(r.root - c.root)).toBeLessThan(1e-14)
      expect(r.iterations).toBe(c.iter)
      expect(r.converged).toBe(true)
    })
  }
  it('default tolerance is eps^0.25', () => {
    expect(UNIROOT_TOL).toBe(0.0001220703125)
  })
})
