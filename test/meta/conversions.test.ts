import { describe, expect, it } from 'vitest'
import {
  REASON_HR_CI_EXCLUDES,
  REASON_HR_MISSING,
  REASON_HR_NONPOSITIVE,
  hazardRatioFromLog,
  logHazardRatioFromCi,
} from '../../src/shared/meta/hazardRatioFromCi'
import {
  REASON_MEDIAN_CI_EXCLUDES,
  REASON_MEDIAN_MISSING,
  REASON_MEDIAN_NO_CI,
  REASON_MEDIAN_NONPOSITIVE,
  REASON_MEDIAN_ZERO_WIDTH,
  backTransformMedian,
  medianFromCi,
} from '../../src/shared/meta/medianFromCi'
import {
  REASON_RANGE_INVALID,
  REASON_RANGE_ZERO,
  meanSdFromMedianRange,
  medianFromRange,
} from '../../src/shared/meta/medianFromRange'
import { expectClose } from '../helpers/close'
import { rma } from '../../src/shared/meta/rma'
import { golden } from './golden'

const Z = 1.959963984540054

describe('median from a published CI', () => {
  it('log scale by default: SE = (log U − log L)/(2z)', () => {
    const e = medianFromCi({ study: 'x', median: 59.6, lower: 33.3, upper: 66 })
    expect(e.method).toBe('ci-log')
    expectClose(e.yi, Math.log(59.6), { rel: 1e-14 }, 'yi')
    expectClose(e.se, (Math.log(66) - Math.log(33.3)) / (2 * Z), { rel: 1e-14 }, 'se')
    expectClose(e.vi, e.se! ** 2, { rel: 1e-15 }, 'vi')
  })
  it('raw scale: SE = (U − L)/(2z)', () => {
    const e = medianFromCi({ study: 'x', median: 14, lower: 6.7, upper: 21.3, scale: 'raw' })
    expect(e.method).toBe('ci-raw')
    expect(e.yi).toBe(14)
    expectClose(e.se, 14.6 / (2 * Z), { rel: 1e-13 }, 'se')
  })
  it('another level uses its own quantile', () => {
    const e = medianFromCi({
      study: 'x',
      median: 10,
      lower: 8,
      upper: 12,
      level: 0.9,
      scale: 'raw',
    })
    expectClose(e.se, 4 / (2 * 1.6448536269514722), { rel: 1e-13 }, 'se')
  })
  it('upper limit not reached: SE from the lower half-width, marked', () => {
    const e = medianFromCi({ study: 'x', median: 40, lower: 25, upper: null })
    expect(e.method).toBe('ci-lower-half-log')
    expectClose(e.se, (Math.log(40) - Math.log(25)) / Z, { rel: 1e-14 }, 'se')
    expect(e.note).toContain('lower half-width')
  })
  it('unusable inputs are excluded with the reason', () => {
    expect(medianFromCi({ study: 'x', median: null, lower: 1, upper: 2 }).excludedReason).toBe(
      REASON_MEDIAN_MISSING,
    )
    expect(medianFromCi({ study: 'x', median: 5, lower: null, upper: null }).excludedReason).toBe(
      REASON_MEDIAN_NO_CI,
    )
    expect(medianFromCi({ study: 'x', median: 5, lower: 0, upper: 9 }).excludedReason).toBe(
      REASON_MEDIAN_NONPOSITIVE,
    )
    expect(medianFromCi({ study: 'x', median: 5, lower: 6, upper: 9 }).excludedReason).toBe(
      REASON_MEDIAN_CI_EXCLUDES,
    )
    expect(medianFromCi({ study: 'x', median: 5, lower: 5, upper: 5 }).excludedReason).toBe(
      REASON_MEDIAN_ZERO_WIDTH,
    )
  })
})

describe('median, range and n (Hozo 2005; Wan 2014; Luo 2018) against R', () => {
  for (const c of golden.range_cases) {
    it(`min ${c.min}, median ${c.median}, max ${c.max}, n ${c.n}`, () => {
      const hozo = meanSdFromMedianRange(c.median, c.min, c.max, c.n, 'hozo')!
      const wan = meanSdFromMedianRange(c.median, c.min, c.max, c.n, 'wan')!
      const luo = meanSdFromMedianRange(c.median, c.min, c.max, c.n, 'luo')!
      expectClose(hozo.mean, c.hozo_mean, { rel: 1e-11 }, 'hozo.mean')
      expectClose(hozo.sd, c.hozo_sd, { rel: 1e-11 }, 'hozo.sd')
      expectClose(wan.mean, c.wan_mean, { rel: 1e-11 }, 'wan.mean')
      expectClose(wan.sd, c.wan_sd, { rel: 1e-11 }, 'wan.sd')
      expectClose(luo.mean, c.luo_mean, { rel: 1e-11 }, 'luo.mean')
      expectClose(luo.sd, c.luo_sd, { rel: 1e-11 }, 'luo.sd')
    })
  }
  it('Hozo names the rule that applied', () => {
    expect(meanSdFromMedianRange(25, 10, 60, 12, 'hozo')!.method).toBe(
      'range-hozo-2005 (n ≤ 15: variance formula)',
    )
    expect(meanSdFromMedianRange(14, 3, 40, 40, 'hozo')!.method).toBe(
      'range-hozo-2005 (15 < n ≤ 70: range/4)',
    )
    expect(meanSdFromMedianRange(30, 5, 90, 150, 'hozo')!.method).toBe(
      'range-hozo-2005 (n > 70: range/6)',
    )
  })
  it('effect size: the median with SE = SD/√n, marked with the method', () => {
    const e = medianFromRange({ study: 'x', median: 25, min: 10, max: 60, n: 12, method: 'hozo' })
    const sd = Math.sqrt(((10 - 50 + 60) ** 2 / 4 + 50 ** 2) / 12)
    expect(e.yi).toBe(25)
    expectClose(e.se, sd / Math.sqrt(12), { rel: 1e-13 }, 'se')
    expect(e.method).toBe('range-hozo-2005 (n ≤ 15: variance formula)')
    const log = medianFromRange({
      study: 'x',
      median: 25,
      min: 10,
      max: 60,
      n: 12,
      scale: 'log',
      method: 'wan',
    })
    expectClose(log.yi, Math.log(25), { rel: 1e-14 }, 'log.yi')
    expect(log.method).toBe('range-wan-2014')
  })
  it('invalid ranges are excluded with the reason', () => {
    expect(
      medianFromRange({ study: 'x', median: 70, min: 10, max: 60, n: 12 }).excludedReason,
    ).toBe(REASON_RANGE_INVALID)
    expect(medianFromRange({ study: 'x', median: 7, min: 7, max: 7, n: 12 }).excludedReason).toBe(
      REASON_RANGE_ZERO,
    )
    expect(medianFromRange({ study: 'x', median: 7, min: 1, max: 9, n: 1 }).excludedReason).toBe(
      REASON_RANGE_INVALID,
    )
  })
})

describe('hazard ratio from a published CI', () => {
  it('log HR and SE = (log U − log L)/(2z)', () => {
    const e = logHazardRatioFromCi({ study: 'Bonner 2006', hr: 0.68, lower: 0.52, upper: 0.89 })
    expectClose(e.yi, Math.log(0.68), { rel: 1e-14 }, 'yi')
    expectClose(e.se, (Math.log(0.89) - Math.log(0.52)) / (2 * Z), { rel: 1e-14 }, 'se')
    expect(e.note).toBeNull()
  })
  it('an off-centre CI is kept with a note', () => {
    expect(logHazardRatioFromCi({ study: 'x', hr: 0.5, lower: 0.45, upper: 0.9 }).note).toContain(
      'not centred',
    )
  })
  it('invalid inputs are excluded with the reason', () => {
    expect(
      logHazardRatioFromCi({ study: 'x', hr: 0.5, lower: null, upper: 1 }).excludedReason,
    ).toBe(REASON_HR_MISSING)
    expect(logHazardRatioFromCi({ study: 'x', hr: 0, lower: 0, upper: 1 }).excludedReason).toBe(
      REASON_HR_NONPOSITIVE,
    )
    expect(logHazardRatioFromCi({ study: 'x', hr: 2, lower: 0.5, upper: 1 }).excludedReason).toBe(
      REASON_HR_CI_EXCLUDES,
    )
  })
  it('conversions feed rma directly, exclusions included', () => {
    const r = rma([
      logHazardRatioFromCi({ study: 'Bonner 2006', hr: 0.68, lower: 0.52, upper: 0.89 }),
      logHazardRatioFromCi({ study: 'KEYNOTE-189', hr: 0.49, lower: 0.38, upper: 0.64 }),
      logHazardRatioFromCi({ study: 'broken', hr: 2, lower: 0.5, upper: 1 }),
    ])
    expect(r.k).toBe(2)
    expect(r.studies[2]).toMatchObject({ excluded: true, reason: REASON_HR_CI_EXCLUDES })
    const hr = hazardRatioFromLog(r.estimate!, r.ci_lower!, r.ci_upper!)
    expectClose(hr.value, Math.exp(r.estimate!), { rel: 1e-14 }, 'hr.value')
    expect(hr.lower).toBeLessThan(hr.value)
  })
  it('pooled medians go back to the time scale', () => {
    const r = rma([
      medianFromCi({ study: 'a', median: 72.8, lower: 63, upper: 82.5 }),
      medianFromCi({ study: 'b', median: 34.8, lower: 22.3, upper: 47.2 }),
    ])
    const m = backTransformMedian(r.estimate!, r.ci_lower!, r.ci_upper!, 'log')
    expectClose(m.value, Math.exp(r.estimate!), { rel: 1e-11 }, 'm.value')
    expect(backTransformMedian(1, 0, 2, 'raw')).toEqual({ value: 1, lower: 0, upper: 2 })
  })
})
