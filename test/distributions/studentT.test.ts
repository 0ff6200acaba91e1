import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { tCdf, tQuantile } from '../../src/shared/distributions'
import { metaGolden } from './golden'

describe('Student t against R (metafor golden)', () => {
  it('qt', () => {
    for (const c of metaGolden.qt) {
      expectClose(tQuantile(c.p, c.df), c.value, { rel: 1e-12 }, `qt(${c.p}, ${c.df})`)
    }
  })
  it('pt, both tails', () => {
    for (const c of metaGolden.pt) {
      expectClose(tCdf(c.x, c.df), c.value, { rel: 1e-12 }, `pt(${c.x}, ${c.df})`)
      expectClose(tCdf(c.x, c.df, true), c.upper, { rel: 1e-12 }, `pt(${c.x}, ${c.df}, upper)`)
    }
  })
})

describe('Student t conventions', () => {
  it('the quantile inverts the CDF', () => {
    for (const df of [1, 2, 3, 7.5, 30, 500]) {
      for (const p of [1e-6, 0.025, 0.4, 0.975]) {
        expectClose(tCdf(tQuantile(p, df), df), p, { rel: 1e-11 }, `t df ${df} p ${p}`)
      }
    }
  })
  it('edge arguments', () => {
    expect(tQuantile(0.5, 4)).toBe(0)
    expect(tQuantile(0, 4)).toBe(-Infinity)
    expect(tQuantile(1, 4)).toBe(Infinity)
    expect(tCdf(Infinity, 4)).toBe(1)
    expect(Number.isNaN(tCdf(1, 0))).toBe(true)
  })
})
