import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import {
  chiSquareCdf,
  criticalValue,
  normalCdf,
  normalDensity,
  normalQuantile,
} from '../../src/shared/distributions'
import { metaGolden, survivalGolden } from './golden'

describe('normal distribution against R', () => {
  it('qnorm (metafor golden)', () => {
    for (const c of metaGolden.qnorm) {
      expectClose(normalQuantile(c.p), c.value, { rel: 1e-13 }, `qnorm(${c.p})`)
    }
  })
  it('pnorm, both tails (metafor golden)', () => {
    for (const c of metaGolden.pnorm) {
      expectClose(normalCdf(c.x), c.value, { rel: 1e-12 }, `pnorm(${c.x})`)
      expectClose(normalCdf(c.x, true), c.upper, { rel: 1e-12 }, `pnorm(${c.x}, upper)`)
    }
  })
  it('pnorm(x, lower.tail = FALSE) (survival golden)', () => {
    const { x, p } = survivalGolden.pnorm_upper
    x.forEach((v, i) => expectClose(normalCdf(v, true), p[i], { rel: 1e-8 }, `pnorm(${v}, upper)`))
  })
  it('qnorm (survival golden)', () => {
    const { p, q } = survivalGolden.qnorm
    p.forEach((v, i) => expectClose(normalQuantile(v), q[i], { rel: 1e-8 }, `qnorm(${v})`))
  })
  it('keeps full relative precision far into both tails (Cody, as R)', () => {
    // R's pnorm is Cody's algorithm too: the tails at x = ±8, ±20, ±37 agree to the last bits.
    const { x, p } = survivalGolden.pnorm_upper
    x.forEach((v, i) => {
      expectClose(normalCdf(v, true), p[i], { rel: 1e-15 }, `pnorm(${v}, upper)`)
      expectClose(normalCdf(-v), p[i], { rel: 1e-15 }, `pnorm(${-v})`)
    })
  })
})

describe('normal distribution conventions', () => {
  it('tails are complements and mirror images', () => {
    for (const x of [-6, -1.5, -0.2, 0, 0.4, 2.5, 7]) {
      expectClose(normalCdf(x) + normalCdf(x, true), 1, { rel: 1e-15 }, `P + Q at ${x}`)
      expect(normalCdf(x)).toBe(normalCdf(-x, true))
    }
  })
  it('the quantile inverts the CDF and the critical value is qnorm(1 − α/2)', () => {
    expectClose(
      normalCdf(normalQuantile(0.3)),
      0.3,
      { rel: 1e-14 },
      'normalCdf(normalQuantile(0.3))',
    )
    expectClose(
      chiSquareCdf(criticalValue(0.95) ** 2, 1, true),
      0.05,
      { rel: 1e-14 },
      'chiSquareCdf(criticalValue(0.95) ** 2, 1, true)',
    )
    expect(criticalValue(0.95)).toBe(normalQuantile(0.975))
  })
  it('density', () => {
    expectClose(normalDensity(0), 1 / Math.sqrt(2 * Math.PI), { rel: 1e-15 }, 'normalDensity(0)')
    expectClose(
      normalDensity(3),
      Math.exp(-4.5) / Math.sqrt(2 * Math.PI),
      { rel: 1e-15 },
      'dnorm(3)',
    )
  })
  it('edge arguments follow R: ±Inf at 0 and 1, NaN outside; 0 and 1 for infinite x', () => {
    expect(normalQuantile(0)).toBe(-Infinity)
    expect(normalQuantile(1)).toBe(Infinity)
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true)
    expect(Number.isNaN(normalQuantile(Number.NaN))).toBe(true)
    expect(normalCdf(Infinity)).toBe(1)
    expect(normalCdf(-Infinity)).toBe(0)
    expect(normalCdf(Infinity, true)).toBe(0)
    expect(Number.isNaN(normalCdf(Number.NaN))).toBe(true)
  })
  it('criticalValue rejects a confidence level outside (0, 1)', () => {
    expect(() => criticalValue(1)).toThrow(/\(0, 1\)/)
    expect(() => criticalValue(0)).toThrow(/\(0, 1\)/)
  })
})
