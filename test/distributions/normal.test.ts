import { describe, expect, it } from 'vitest'
import {
  chiSquareCdf,
  criticalValue,
  normalCdf,
  normalDensity,
  normalQuantile,
} from '../../src/shared/distributions'
import { expectRelClose, metaGolden, survivalGolden } from './golden'

describe('normal distribution against R', () => {
  it('qnorm (metafor golden)', () => {
    for (const c of metaGolden.qnorm) {
      expectRelClose(normalQuantile(c.p), c.value, 1e-13, `qnorm(${c.p})`)
    }
  })
  it('pnorm, both tails (metafor golden)', () => {
    for (const c of metaGolden.pnorm) {
      expectRelClose(normalCdf(c.x), c.value, 1e-12, `pnorm(${c.x})`)
      expectRelClose(normalCdf(c.x, true), c.upper, 1e-12, `pnorm(${c.x}, upper)`)
    }
  })
  it('pnorm(x, lower.tail = FALSE) (survival golden)', () => {
    const { x, p } = survivalGolden.pnorm_upper
    x.forEach((v, i) => expectRelClose(normalCdf(v, true), p[i], 1e-8, `pnorm(${v}, upper)`))
  })
  it('qnorm (survival golden)', () => {
    const { p, q } = survivalGolden.qnorm
    p.forEach((v, i) => expectRelClose(normalQuantile(v), q[i], 1e-8, `qnorm(${v})`))
  })
  it('keeps full relative precision far into both tails (Cody, as R)', () => {
    // R's pnorm is Cody's algorithm too: the tails at x = ±8, ±20, ±37 agree to the last bits.
    const { x, p } = survivalGolden.pnorm_upper
    x.forEach((v, i) => {
      expectRelClose(normalCdf(v, true), p[i], 1e-15, `pnorm(${v}, upper)`)
      expectRelClose(normalCdf(-v), p[i], 1e-15, `pnorm(${-v})`)
    })
  })
})

describe('normal distribution conventions', () => {
  it('tails are complements and mirror images', () => {
    for (const x of [-6, -1.5, -0.2, 0, 0.4, 2.5, 7]) {
      expect(normalCdf(x) + normalCdf(x, true)).toBeCloseTo(1, 15)
      expect(normalCdf(x)).toBe(normalCdf(-x, true))
    }
  })
  it('the quantile inverts the CDF and the critical value is qnorm(1 − α/2)', () => {
    expect(normalCdf(normalQuantile(0.3))).toBeCloseTo(0.3, 15)
    expect(chiSquareCdf(criticalValue(0.95) ** 2, 1, true)).toBeCloseTo(0.05, 15)
    expect(criticalValue(0.95)).toBe(normalQuantile(0.975))
  })
  it('density', () => {
    expect(normalDensity(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16)
    expectRelClose(normalDensity(3), Math.exp(-4.5) / Math.sqrt(2 * Math.PI), 1e-15, 'dnorm(3)')
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
