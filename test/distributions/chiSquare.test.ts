import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { chiSquareCdf, chiSquareQuantile, normalCdf } from '../../src/shared/distributions'
import { metaGolden, survivalGolden } from './golden'

describe('chi-square against R', () => {
  it('qchisq (metafor golden)', () => {
    for (const c of metaGolden.qchisq) {
      expectClose(chiSquareQuantile(c.p, c.df), c.value, { rel: 1e-12 }, `qchisq(${c.p}, ${c.df})`)
    }
  })
  it('pchisq, both tails (metafor golden)', () => {
    for (const c of metaGolden.pchisq) {
      expectClose(chiSquareCdf(c.x, c.df), c.value, { rel: 1e-12 }, `pchisq(${c.x}, ${c.df})`)
      // Where R's upper tail underflows to 0, kmpool may return a tiny positive number instead:
      // an absolute floor of 1e-300, far below any p-value a reader sees.
      expectClose(
        chiSquareCdf(c.x, c.df, true),
        c.upper,
        { rel: 1e-11, abs: 1e-300 },
        `pchisq upper(${c.x}, ${c.df})`,
      )
    }
  })
  it('pchisq(x, df, lower.tail = FALSE) (survival golden)', () => {
    for (const { df, x, p } of survivalGolden.pchisq_upper) {
      x.forEach((v, i) =>
        expectClose(chiSquareCdf(v, df, true), p[i], { rel: 1e-8 }, `pchisq(${v}, ${df}, upper)`),
      )
    }
  })
})

describe('chi-square conventions', () => {
  it('the quantile inverts the CDF', () => {
    for (const df of [1, 2, 3, 7.5, 30, 500]) {
      for (const p of [1e-6, 0.025, 0.4, 0.975]) {
        expectClose(
          chiSquareCdf(chiSquareQuantile(p, df), df),
          p,
          { rel: 1e-11 },
          `df ${df} p ${p}`,
        )
      }
    }
  })
  it('closed forms: df = 2 is exponential, df = 1 is a squared normal', () => {
    for (const x of [0.1, 2, 30, 400]) {
      expectClose(chiSquareCdf(x, 2, true), Math.exp(-x / 2), { rel: 1e-13 }, `Q_2(${x})`)
      const z = Math.sqrt(x)
      expectClose(chiSquareCdf(x, 1, true), 2 * normalCdf(z, true), { rel: 1e-12 }, `Q_1(${x})`)
    }
  })
  it('edge arguments', () => {
    expect(chiSquareCdf(-1, 3)).toBe(0)
    expect(chiSquareCdf(-1, 3, true)).toBe(1)
    expect(chiSquareCdf(Infinity, 3, true)).toBe(0)
    expect(Number.isNaN(chiSquareCdf(1, 0))).toBe(true)
    expect(chiSquareQuantile(0, 3)).toBe(0)
    expect(chiSquareQuantile(1, 3)).toBe(Infinity)
  })
})
