import { describe, expect, it } from 'vitest'
import { criticalValue } from '../../src/shared/distributions'
import {
  TIMEFIX_TOLERANCE,
  confint,
  coxTwoGroup,
  kaplanMeier,
  logrank,
  median,
  quantile,
  rmst,
  stdErr,
  survivalAt,
} from '../../src/shared/survival'
import { expectClose } from '../helpers/close'

// Behaviour that the R golden values do not pin down: input checking and API conventions. Speed is
// measured by the benchmark (test/bench/pooling.ts), not asserted here.

describe('input checking', () => {
  it('rejects negative, NaN and infinite times with the position', () => {
    expect(() => kaplanMeier([1, -2], [1, 0])).toThrow(/time\[1\]/)
    expect(() => kaplanMeier([NaN], [1])).toThrow(/time\[0\]/)
    expect(() => kaplanMeier([Infinity], [1])).toThrow(/finite/)
  })
  it('rejects events other than 0/1, length mismatches and empty data', () => {
    expect(() => kaplanMeier([1, 2], [1, 2])).toThrow(/event\[1\] must be 0 or 1/)
    expect(() => kaplanMeier([1, 2], [1])).toThrow(/2 values but event has 1/)
    expect(() => kaplanMeier([], [])).toThrow(/empty/)
  })
  it('rejects bad options and arguments', () => {
    const fit = kaplanMeier([1, 2, 3], [1, 0, 1])
    expect(() => confint(fit, { conf: 1 })).toThrow(/confidence level/)
    expect(() => confint(fit, { type: 'logit' as never })).toThrow(/unknown confidence/)
    expect(() => quantile(fit, 1.5)).toThrow(/\[0, 1\]/)
    expect(() => rmst(fit, -1)).toThrow(/tau/)
    expect(() => survivalAt(fit, [NaN])).toThrow(/finite/)
  })
  it('logrank and Cox need two groups with patients', () => {
    expect(() => logrank([1, 2], [1, 1], ['a', 'a'])).toThrow(/two groups/)
    expect(() => logrank([1, 2], [1, 1], ['a', 'b'], { levels: ['a', 'b', 'c'] })).toThrow(
      /no patients/,
    )
    expect(() => coxTwoGroup([1, 2, 3], [1, 1, 1], ['a', 'b', 'c'])).toThrow(/exactly two/)
    expect(() => coxTwoGroup([1, 2], [1, 1], ['a', 'b'], { ref: 'z' })).toThrow(/ref z/)
    expect(() => logrank([1, 2], [1, 1], ['a'])).toThrow(/group has 1 values/)
  })
})

describe('conventions', () => {
  it('a hand-computed KM: S, Greenwood SE and the log CI', () => {
    // n = 4, events at 1 and 3, censored at 2 and 4: S = 3/4, then 3/4 · 1/2
    const fit = kaplanMeier([4, 1, 3, 2], [0, 1, 1, 0])
    expect(fit.time).toEqual([1, 2, 3, 4])
    expect(fit.surv).toEqual([0.75, 0.75, 0.375, 0.375])
    const g = 1 / (4 * 3) + 1 / (2 * 1)
    expectClose(fit.greenwood[2], g, { rel: 1e-14 }, 'fit.greenwood[2]')
    expectClose(stdErr(fit, 2), 0.375 * Math.sqrt(g), { rel: 1e-14 }, 'stdErr(fit, 2)')
    const z = criticalValue(0.95)
    expectClose(
      confint(fit).lower[2],
      0.375 * Math.exp(-z * Math.sqrt(g)),
      { rel: 1e-14 },
      'confint(fit).lower[2]',
    )
  })
  it('a last event that takes everyone gives S = 0 and null variance and limits', () => {
    const fit = kaplanMeier([1, 2], [1, 1])
    expect(fit.surv).toEqual([0.5, 0])
    expect(fit.greenwood[1]).toBeNull()
    expect(stdErr(fit, 1)).toBeNull()
    for (const type of ['log', 'log-log', 'plain'] as const) {
      expect(confint(fit, { type }).lower[1]).toBeNull()
    }
  })
  it('survivalAt sorts the times and extends past the end with nobody at risk', () => {
    const fit = kaplanMeier([1, 2, 3], [1, 1, 0])
    const rows = survivalAt(fit, [10, 0.5, 2])
    expect(rows.map((r) => r.time)).toEqual([0.5, 2, 10])
    expect(rows.map((r) => r.nEvent)).toEqual([0, 2, 0])
    expect(rows.map((r) => r.nRisk)).toEqual([3, 2, 0])
    expectClose(rows[2].surv, 1 / 3, { rel: 1e-14 }, 'rows[2].surv')
  })
  it('a median that is not reached is null, as are its limits', () => {
    const fit = kaplanMeier([1, 2, 3, 4, 5], [1, 0, 0, 0, 0])
    expect(median(fit)).toEqual({ p: 0.5, quantile: null, lower: null, upper: null })
  })
  it('the median of a flat stretch at exactly 0.5 is its midpoint', () => {
    expect(median(kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1])).quantile).toBe(2.5)
  })
  it('times closer than the timefix tolerance are one time', () => {
    const fit = kaplanMeier([1, 1 + TIMEFIX_TOLERANCE / 2, 2], [1, 1, 0])
    expect(fit.time).toEqual([1, 2])
    expect(fit.nEvent).toEqual([2, 0])
  })
  it('logrank orders groups ascending by default and numerically for numbers', () => {
    expect(logrank([1, 2, 3, 4], [1, 1, 0, 1], ['b', 'a', 'b', 'a']).groups).toEqual(['a', 'b'])
    expect(logrank([1, 2, 3, 4], [1, 1, 0, 1], [10, 9, 10, 9]).groups).toEqual([9, 10])
  })
  it('logrank handles three groups (df = 2)', () => {
    const r = logrank(
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
      [1, 1, 0, 1, 1, 1, 0, 1, 1],
      [0, 1, 2, 0, 1, 2, 0, 1, 2],
    )
    expect(r.df).toBe(2)
    expect(r.p).not.toBeNull()
    expect(r.observed.reduce((a, b) => a + b)).toBe(7)
    expectClose(
      r.expected.reduce((a, b) => a + b),
      7,
      { rel: 1e-11 },
      'sum of expected',
    )
  })
  it('the Cox hazard ratio flips with the reference group', () => {
    const time = [1, 2, 3, 4, 5, 6, 7, 8]
    const event = [1, 1, 0, 1, 1, 0, 1, 1]
    const group = ['a', 'b', 'a', 'b', 'a', 'b', 'b', 'a']
    const ab = coxTwoGroup(time, event, group)
    const ba = coxTwoGroup(time, event, group, { ref: 'b' })
    expect(ab.ref).toBe('a')
    expectClose(ab.beta, -(ba.beta as number), { rel: 1e-9 }, 'ab.beta')
    expectClose(ab.pLR, ba.pLR, { rel: 1e-11 }, 'ab.pLR')
  })
})
