/**
 * Every branch, message and boundary of the medians from a range and/or quartiles
 * (`medianFromRange`, `meanSdFromMedianRange`, `meanSdFromQuartiles`), the QE variance
 * (`qeMedianVariance`) and its box-constrained minimizer (`boxMinimize`), written against the
 * mutants that conversions.test.ts, qeMedian.test.ts and boxCoxMeanSd.test.ts let survive
 * (docs/mutation.md). Expected values: test/golden/medianMutants.R (Hozo's rules at their
 * boundaries, metaBLUE's Luo mean and Wan SD at n = 2, 3, 10, 1000, metamedian's QE variance
 * where a quantile is negative or 0), test/golden/qe.R (each family's least-squares value in
 * estmeansd's qe.fit), and the closed forms the functions cite.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { boxMinimize } from '../../src/shared/meta/boxMinimize'
import {
  REASON_BOXCOX_INVALID,
  REASON_BOXCOX_NO_FIT,
  REASON_QE_NO_FIT,
  REASON_RANGE_HOZO_IQR,
  REASON_RANGE_INVALID,
  REASON_RANGE_LOG_NONPOSITIVE,
  REASON_RANGE_ZERO,
  RANGE_METHODS,
  meanSdFromMedianRange,
  meanSdFromQuartiles,
  medianFromRange,
  type MedianRangeInput,
} from '../../src/shared/meta/medianFromRange'
import {
  QE_FAMILIES,
  qeMedianVariance,
  summaryScenario,
  type MedianSummary,
  type QeFamily,
} from '../../src/shared/meta/qeMedianVariance'
import { boxCoxMeanSd } from '../../src/shared/meta/boxCoxMeanSd'
import { mlnMeanSd } from '../../src/shared/meta/mlnMeanSd'
import { expectClose } from '../helpers/close'

interface RangeCase {
  min: number
  median: number
  max: number
  n: number
  hozo_mean: number
  hozo_sd: number
  wan_mean: number
  wan_sd: number
  luo_mean: number
}
interface QuartileCase extends MedianSummary {
  scenario: 'S2' | 'S3'
  q1: number
  q3: number
  wan_mean: number
  wan_sd: number
  luo_mean: number
}
interface QeCase extends MedianSummary {
  label: string
  sei: number
  family: QeFamily
  values: Record<QeFamily, number | null>
}
const mutants: { range: RangeCase[]; quartiles: QuartileCase[]; qe: QeCase[] } = JSON.parse(
  readFileSync(new URL('../golden/medianMutants.json', import.meta.url), 'utf8'),
)
const qeGolden: { qe: QeCase[] } = JSON.parse(
  readFileSync(new URL('../golden/qe.json', import.meta.url), 'utf8'),
)

describe("Hozo's rules at the n where they change, Wan's and Luo's at n = 2 and 3 (R)", () => {
  for (const c of mutants.range) {
    it(`min ${c.min}, median ${c.median}, max ${c.max}, n ${c.n}`, () => {
      const hozo = meanSdFromMedianRange(c.median, c.min, c.max, c.n, 'hozo')!
      expectClose(hozo.mean, c.hozo_mean, { rel: 1e-14 }, 'Hozo mean')
      expectClose(hozo.sd, c.hozo_sd, { rel: 1e-14 }, 'Hozo SD')
      const rule =
        c.n <= 15
          ? 'n ≤ 15: variance formula'
          : c.n <= 70
            ? '15 < n ≤ 70: range/4'
            : 'n > 70: range/6'
      expect(hozo.method).toBe(`range-hozo-2005 (${rule})`)
      const wan = meanSdFromMedianRange(c.median, c.min, c.max, c.n, 'wan')!
      expectClose(wan.mean, c.wan_mean, { rel: 1e-14 }, 'Wan mean')
      expectClose(wan.sd, c.wan_sd, { rel: 1e-12 }, 'Wan SD')
      const luo = meanSdFromMedianRange(c.median, c.min, c.max, c.n, 'luo')!
      expectClose(luo.mean, c.luo_mean, { rel: 1e-12 }, 'Luo mean')
      expectClose(luo.sd, c.wan_sd, { rel: 1e-12 }, 'Luo SD (Wan)')
      expect(luo.method).toBe('range-luo-2018 (mean), wan-2014 (SD)')
    })
  }
  it('refuses non-finite numbers, numbers out of order and n < 2', () => {
    for (const [m, a, b, n] of [
      [Number.NaN, 1, 9, 10],
      [5, Number.NEGATIVE_INFINITY, 9, 10],
      [5, 1, Number.NaN, 10],
      [5, 1, 9, Number.POSITIVE_INFINITY],
      [5, 6, 9, 10],
      [5, 1, 4, 10],
      [5, 1, 9, 1.5],
    ]) {
      for (const method of ['hozo', 'wan', 'luo'] as const) {
        expect(meanSdFromMedianRange(m, a, b, n, method), `${[m, a, b, n]} ${method}`).toBeNull()
      }
    }
    expect(meanSdFromMedianRange(5, 5, 5, 2, 'wan')).toEqual({
      mean: 5,
      sd: 0,
      method: 'range-wan-2014',
    })
  })
})

describe("Wan's and Luo's quartile forms (S2, S3) = metaBLUE, at n = 2, 3, 10, 1000", () => {
  for (const c of mutants.quartiles) {
    it(`${c.scenario} n ${c.n}`, () => {
      const wan = meanSdFromQuartiles(c, 'wan')!
      const luo = meanSdFromQuartiles(c, 'luo')!
      expectClose(wan.mean, c.wan_mean, { rel: 1e-14 }, 'Wan mean')
      expectClose(wan.sd, c.wan_sd, { rel: 1e-12 }, 'Wan SD')
      expectClose(luo.mean, c.luo_mean, { rel: 1e-12 }, 'Luo mean')
      expectClose(luo.sd, c.wan_sd, { rel: 1e-12 }, 'Luo SD (Wan)')
      const what = c.scenario === 'S2' ? 'IQR' : 'range and IQR'
      expect(wan.method).toBe(`wan-2014 (${what})`)
      expect(luo.method).toBe(`luo-2018 (mean), wan-2014 (SD) (${what})`)
    })
  }
  it('refuses other methods, n < 2 and numbers out of order; takes ties', () => {
    const s = { median: 7, q1: 4, q3: 15, n: 10 }
    for (const m of ['hozo', 'qe', 'bc', 'mln'] as const)
      expect(meanSdFromQuartiles(s, m)).toBeNull()
    expect(meanSdFromQuartiles({ ...s, n: 1.9 }, 'wan')).toBeNull()
    expect(meanSdFromQuartiles({ ...s, q1: 8 }, 'wan')).toBeNull()
    expect(meanSdFromQuartiles({ ...s, q3: 6 }, 'luo')).toBeNull()
    expect(meanSdFromQuartiles({ ...s, min: 5, max: 30 }, 'wan')).toBeNull()
    expect(meanSdFromQuartiles({ ...s, min: 1, max: 14 }, 'luo')).toBeNull()
    expect(meanSdFromQuartiles({ ...s, q1: 7, q3: 7, n: 2 }, 'wan')).toEqual({
      mean: 7,
      sd: 0,
      method: 'wan-2014 (IQR)',
    })
    const tied = meanSdFromQuartiles({ ...s, min: 4, max: 15 }, 'wan')!
    expect(tied.method).toBe('wan-2014 (range and IQR)')
  })
  it('with only one end of the range it uses the quartiles alone', () => {
    const s = { median: 7, q1: 4, q3: 15, n: 10 }
    const iqr = meanSdFromQuartiles(s, 'wan')!
    expect(meanSdFromQuartiles({ ...s, min: 1, max: null }, 'wan')).toEqual(iqr)
    expect(meanSdFromQuartiles({ ...s, min: 1, max: undefined }, 'wan')).toEqual(iqr)
    expect(meanSdFromQuartiles({ ...s, min: undefined, max: 33 }, 'wan')).toEqual(iqr)
    expect(meanSdFromQuartiles({ ...s, min: null, max: 33 }, 'wan')).toEqual(iqr)
  })
})

describe('medianFromRange: messages, fields and every path', () => {
  const base: MedianRangeInput = { study: 's', median: 14, min: 3, max: 40, n: 30 }
  const run = (x: Partial<MedianRangeInput>) => medianFromRange({ ...base, ...x })

  it('says in plain words why a study is left out', () => {
    expect(REASON_RANGE_INVALID).toBe(
      'median with its range and/or quartiles and n must be numbers in order (min ≤ q1 ≤ median ≤ q3 ≤ max) with n ≥ 2',
    )
    expect(REASON_RANGE_HOZO_IQR).toBe(
      'Hozo et al. (2005) need the range (min and max), not quartiles',
    )
    expect(REASON_QE_NO_FIT).toBe(
      'no distribution could be fitted to the reported numbers (QE): no variance for the median',
    )
    expect(REASON_RANGE_ZERO).toBe('zero range: the estimated SD is 0 (infinite weight)')
    expect(REASON_BOXCOX_INVALID).toBe(
      'the Box–Cox methods (BC, MLN) need every reported number > 0, in order, and n ≥ 3',
    )
    expect(REASON_BOXCOX_NO_FIT).toBe(
      'the Box–Cox transform could not be fitted to the reported numbers: no mean and SD',
    )
    expect(REASON_RANGE_LOG_NONPOSITIVE).toBe('median ≤ 0 cannot be put on the log scale')
    expect(RANGE_METHODS).toEqual(['qe', 'hozo', 'wan', 'luo', 'bc', 'mln'])
  })

  it('an excluded study keeps its names and scale and names its method', () => {
    expect(run({ study: 'A', subgroup: 'B', median: null })).toEqual({
      study: 'A',
      subgroup: 'B',
      scale: 'raw',
      yi: null,
      vi: null,
      se: null,
      method: 'range-qe',
      excludedReason: REASON_RANGE_INVALID,
      note: null,
    })
    const codes: Record<string, string> = {
      qe: 'range-qe',
      hozo: 'range-hozo',
      wan: 'range-wan',
      luo: 'range-luo',
      bc: 'range-bc-mcgrath-2020',
      mln: 'range-mln-cai-2021',
    }
    for (const method of RANGE_METHODS) {
      const r = run({ method, n: null, scale: 'log' })
      expect(r.method).toBe(codes[method])
      expect(r.scale).toBe('log')
      expect(r.subgroup).toBeNull()
      expect(r.excludedReason).toBe(REASON_RANGE_INVALID)
    }
  })

  it('needs a median, n and a range or both quartiles', () => {
    expect(run({ n: null }).excludedReason).toBe(REASON_RANGE_INVALID)
    expect(run({ max: null }).excludedReason).toBe(REASON_RANGE_INVALID)
    expect(run({ min: null, max: null, q1: 5, q3: null }).excludedReason).toBe(REASON_RANGE_INVALID)
  })

  it('the log scale needs a positive median', () => {
    for (const method of RANGE_METHODS) {
      expect(run({ median: 0, min: -3, scale: 'log', method }).excludedReason).toBe(
        REASON_RANGE_LOG_NONPOSITIVE,
      )
    }
    // On the raw scale a median of 0 is fine (QE fits the normal family).
    expect(run({ median: 0, min: -3 }).excludedReason).toBeNull()
  })

  it('QE: n ≥ 2, finite numbers in order, a spread; names the scenario and family', () => {
    expect(run({ n: 1 }).excludedReason).toBe(REASON_RANGE_INVALID)
    expect(run({ min: Number.NaN }).excludedReason).toBe(REASON_RANGE_INVALID)
    expect(run({ max: Number.POSITIVE_INFINITY }).excludedReason).toBe(REASON_RANGE_INVALID)
    expect(run({ q1: 20, q3: 30 }).excludedReason).toBe(REASON_RANGE_INVALID)
    expect(run({ q1: 5, q3: 12 }).excludedReason).toBe(REASON_RANGE_INVALID)
    expect(run({ q1: 5, q3: 45 }).excludedReason).toBe(REASON_RANGE_INVALID)
    expect(run({ min: 14, max: 14, median: 14 }).excludedReason).toBe(REASON_RANGE_ZERO)
    expect(run({ min: null, max: null, q1: 14, q3: 14, median: 14 }).excludedReason).toBe(
      REASON_RANGE_ZERO,
    )
    const n2 = run({ n: 2 })
    expect(n2.excludedReason).toBeNull()
    const s2 = run({ min: null, max: null, q1: 8, q3: 25, n: 60 })
    const fit = qeMedianVariance({ median: 14, q1: 8, q3: 25, n: 60 })!
    expect(s2.method).toBe(`range-qe-mcgrath-2020 (S2: q1, median, q3; ${fit.family})`)
    expect(s2.note).toBe(
      `QE (McGrath et al. 2020): ${fit.family} distribution fitted to q1, median, q3 (n = 60); variance of the median 1/(4 n f(m)²) = ${fit.variance}`,
    )
    expectClose(s2.vi, fit.variance, { rel: 1e-14 }, 'vi')
    expectClose(s2.se, Math.sqrt(fit.variance), { rel: 1e-14 }, 'se')
    const s3 = run({ q1: 8, q3: 25, n: 60 })
    expect(s3.method).toMatch(/^range-qe-mcgrath-2020 \(S3: min, q1, median, q3, max; /)
  })

  it('a range left undefined (JSON without the field) counts as not reported', () => {
    const none = undefined as unknown as null
    for (const method of ['qe', 'bc', 'mln'] as const) {
      const r = run({ method, min: none, max: none, q1: 8, q3: 25 })
      expect(r.excludedReason, method).toBeNull()
      expect(r.method, method).toMatch(/\(S2: q1, median, q3/)
    }
  })

  it('QE: numbers too large to square give no fit, with the reason', () => {
    const r = run({ median: 1e200, min: 1e199, max: 1e201 })
    expect(r.excludedReason).toBe(REASON_QE_NO_FIT)
    expect(r.method).toBe('range-qe')
  })

  it('BC and MLN: n ≥ 3, every number > 0 and in order, a spread', () => {
    for (const method of ['bc', 'mln'] as const) {
      expect(run({ method, n: 3 }).excludedReason).toBeNull()
      expect(run({ method, n: 2.5 }).excludedReason).toBe(REASON_BOXCOX_INVALID)
      expect(run({ method, min: Number.NaN }).excludedReason).toBe(REASON_BOXCOX_INVALID)
      expect(run({ method, q1: 2, q3: 20 }).excludedReason).toBe(REASON_BOXCOX_INVALID)
      expect(run({ method, q1: 20, q3: 30 }).excludedReason).toBe(REASON_BOXCOX_INVALID)
      expect(run({ method, q1: 5, q3: 50 }).excludedReason).toBe(REASON_BOXCOX_INVALID)
      expect(run({ method, min: 14, median: 14, max: 14 }).excludedReason).toBe(REASON_RANGE_ZERO)
      // Equal quartiles inside a range: the transformed quartiles have no spread.
      const flat = run({ method, min: null, max: null, q1: 14, q3: 14 })
      expect(flat.excludedReason).toBe(REASON_RANGE_ZERO)
    }
  })

  it('BC and MLN: numbers whose moments overflow, or an SD that underflows to 0, give no fit', () => {
    for (const method of ['bc', 'mln'] as const) {
      const r = run({ method, median: 50, min: 49, max: 1e200 })
      expect(r.excludedReason, method).toBe(REASON_BOXCOX_NO_FIT)
      expect(r.method, method).toBe(
        method === 'bc' ? 'range-bc-mcgrath-2020' : 'range-mln-cai-2021',
      )
    }
    // BC fits λ = 0 here, and the log-normal SD e^(−690)·… underflows to 0.
    expect(boxCoxMeanSd({ median: 1e-300, min: 1e-310, max: 1e-290, n: 30 })?.sd).toBe(0)
    const tiny = run({ method: 'bc', median: 1e-300, min: 1e-310, max: 1e-290 })
    expect(tiny.excludedReason).toBe(REASON_BOXCOX_NO_FIT)
  })

  it('BC and MLN: SD/√n with the fitted power, mean and SD in the note', () => {
    for (const method of ['bc', 'mln'] as const) {
      const fit = (method === 'bc' ? boxCoxMeanSd : mlnMeanSd)({
        median: 14,
        min: 3,
        max: 40,
        n: 30,
      })!
      const r = run({ method, study: 'A', subgroup: 'B' })
      expect(r.study).toBe('A')
      expect(r.subgroup).toBe('B')
      expect(r.excludedReason).toBeNull()
      expectClose(r.se, fit.sd / Math.sqrt(30), { rel: 1e-14 }, 'se')
      expectClose(r.vi, fit.sd ** 2 / 30, { rel: 1e-14 }, 'vi')
      expect(r.yi).toBe(14)
      const name = method === 'bc' ? 'range-bc-mcgrath-2020' : 'range-mln-cai-2021'
      const what =
        method === 'bc' ? 'Box–Cox method (McGrath et al. 2020)' : 'MLN method (Cai et al. 2021)'
      expect(r.method).toBe(`${name} (S1: min, median, max)`)
      expect(r.note).toBe(
        `${what}: Box–Cox power ${Number(fit.shape.toPrecision(4))} fitted to min, median, max (n = 30); estimated mean ${Number(fit.mean.toPrecision(4))} and SD ${Number(fit.sd.toPrecision(4))}; SD/√n, the standard error of a mean, used for the median`,
      )
    }
  })

  it('Hozo, Wan, Luo: S1, quartiles, all five; SD/√n; the log scale divides by the median', () => {
    const hozo = run({ method: 'hozo', n: 12 })
    const est = meanSdFromMedianRange(14, 3, 40, 12, 'hozo')!
    expect(hozo.method).toBe('range-hozo-2005 (n ≤ 15: variance formula)')
    expect(hozo.note).toBe(
      `range-hozo-2005 (n ≤ 15: variance formula): estimated mean ${Number(est.mean.toPrecision(4))} and SD ${Number(est.sd.toPrecision(4))}; SD/√n, the standard error of a mean, used for the median`,
    )
    expectClose(hozo.se, est.sd / Math.sqrt(12), { rel: 1e-14 }, 'Hozo se')
    expectClose(hozo.vi, est.sd ** 2 / 12, { rel: 1e-14 }, 'Hozo vi')
    const five = run({ method: 'hozo', n: 12, q1: 8, q3: 25, scale: 'log' })
    const extra = ' (q1 and q3 not used: Hozo et al. use the range only)'
    expect(five.method).toBe(`range-hozo-2005 (n ≤ 15: variance formula)${extra}`)
    expect(five.note).toBe(
      `range-hozo-2005 (n ≤ 15: variance formula): estimated mean ${Number(est.mean.toPrecision(4))} and SD ${Number(est.sd.toPrecision(4))}; SD/√n, the standard error of a mean, used for the median${extra}`,
    )
    expectClose(five.yi, Math.log(14), { rel: 1e-15 }, 'log yi')
    expectClose(five.se, est.sd / Math.sqrt(12) / 14, { rel: 1e-14 }, 'log se')
    expect(run({ method: 'hozo', min: null, max: null, q1: 8, q3: 25 }).excludedReason).toBe(
      REASON_RANGE_HOZO_IQR,
    )
    const wan = run({ method: 'wan', min: null, max: null, q1: 8, q3: 25 })
    const wanEst = meanSdFromQuartiles({ median: 14, q1: 8, q3: 25, n: 30 }, 'wan')!
    expect(wan.method).toBe('range-wan-2014 (IQR)')
    expectClose(wan.se, wanEst.sd / Math.sqrt(30), { rel: 1e-14 }, 'Wan IQR se')
    const luo = run({ method: 'luo', q1: 8, q3: 25 })
    expect(luo.method).toBe('range-luo-2018 (mean), wan-2014 (SD) (range and IQR)')
    expect(run({ method: 'luo' }).method).toBe('range-luo-2018 (mean), wan-2014 (SD)')
  })

  it('Hozo, Wan, Luo: numbers out of order, n < 2 and no spread are refused', () => {
    for (const method of ['hozo', 'wan', 'luo'] as const) {
      expect(run({ method, n: 1 }).excludedReason).toBe(REASON_RANGE_INVALID)
      expect(run({ method, median: 50 }).excludedReason).toBe(REASON_RANGE_INVALID)
      expect(run({ method, min: 14, max: 14 }).excludedReason).toBe(REASON_RANGE_ZERO)
    }
    expect(run({ method: 'wan', q1: 2, q3: 25 }).excludedReason).toBe(REASON_RANGE_INVALID)
    expect(run({ method: 'luo', min: null, max: null, q1: 14, q3: 14 }).excludedReason).toBe(
      REASON_RANGE_ZERO,
    )
  })
})

describe('QE = metamedian where a quantile is negative or 0', () => {
  for (const c of mutants.qe) {
    it(c.label, () => {
      const fit = qeMedianVariance(c)!
      expect(fit.family).toBe(c.family)
      expectClose(Math.sqrt(fit.variance), c.sei, { rel: 2e-3 }, 'SE of the median')
      for (const f of QE_FAMILIES) {
        // kmpool fits Weibull only to quartiles (S2); R's fit with the range fails.
        const r = f === 'weibull' && summaryScenario(c) !== 'S2' ? null : c.values[f]
        if (r === null) expect(fit.values[f], f).toBeNull()
        else expect(fit.values[f], f).toBeLessThanOrEqual(r * (1 + 1e-3))
      }
    })
  }
})

describe("each family's least-squares value = estmeansd's qe.fit (qe.R)", () => {
  it('normal, log-normal and Weibull to 1e-3; gamma at or below R (R stops early)', () => {
    // The quartile cases (S2: every family fitted) and the four typical ones, to keep it fast.
    for (const c of qeGolden.qe.filter((_, i) => i % 3 === 1 || i >= 36)) {
      const fit = qeMedianVariance(c)!
      for (const f of QE_FAMILIES) {
        const r = c.values[f]
        if (r === null) expect(fit.values[f], `${c.label} ${f}`).toBeNull()
        else if (f === 'gamma')
          expect(fit.values[f]!, `${c.label} gamma`).toBeLessThanOrEqual(r * (1 + 1e-6))
        else expectClose(fit.values[f], r, { rel: 1e-3 }, `${c.label} ${f}`)
      }
    }
  })
  it('the density at the median and the variance agree; parameters of the chosen family', () => {
    // metamedian 'median 31 IQR 18-52 n 75' (qe.R): SE 2.8706…; log-normal (μ = log m).
    const c = qeGolden.qe.find((x) => x.label === 'median 31 IQR 18-52 n 75')!
    const fit = qeMedianVariance(c)!
    expect(fit.scenario).toBe('S2')
    expectClose(fit.variance, 1 / (4 * 75 * fit.density ** 2), { rel: 1e-14 }, 'variance')
    expectClose(Math.sqrt(fit.variance), c.sei, { rel: 2e-3 }, 'se')
    expect(fit.params).toHaveLength(2)
  })
})

describe('qeMedianVariance: scenarios and refusals', () => {
  it('names the scenario from the numbers given', () => {
    expect(summaryScenario({ median: 1, min: 0, max: 2, q1: 0.5, q3: 1.5, n: 9 })).toBe('S3')
    expect(summaryScenario({ median: 1, min: 0, max: 2, n: 9 })).toBe('S1')
    expect(summaryScenario({ median: 1, q1: 0.5, q3: 1.5, n: 9 })).toBe('S2')
    expect(summaryScenario({ median: 1, min: 0, q3: 1.5, n: 9 })).toBeNull()
    expect(summaryScenario({ median: 1, max: 2, q1: 0.5, n: 9 })).toBeNull()
    expect(summaryScenario({ median: 1, min: 0, max: 2, q1: 0.5, q3: null, n: 9 })).toBe('S1')
    expect(summaryScenario({ median: 1, min: undefined, max: 2, q1: 0.5, q3: 1, n: 9 })).toBe('S2')
  })
  it('refuses no scenario, n < 2, a non-finite median or quantile, numbers out of order', () => {
    const ok = { median: 10, min: 2, max: 30, n: 20 }
    expect(qeMedianVariance(ok)).not.toBeNull()
    expect(qeMedianVariance({ ...ok, n: 2 })).not.toBeNull()
    for (const bad of [
      { median: 10, min: 2, n: 20 },
      { ...ok, n: 1.5 },
      { ...ok, n: Number.NaN },
      { ...ok, median: Number.NaN },
      { ...ok, max: Number.POSITIVE_INFINITY },
      { ...ok, min: 11 },
      { ...ok, max: 9 },
      { median: 10, min: 2, q1: 1, q3: 12, max: 30, n: 20 },
      { median: 10, min: 2, q1: 4, q3: 40, max: 30, n: 20 },
      { median: 10, min: 2, q1: 11, q3: 12, max: 30, n: 20 },
    ] as MedianSummary[]) {
      expect(qeMedianVariance(bad), JSON.stringify(bad)).toBeNull()
    }
  })
  it('equal quartiles: the degenerate box still has its point', () => {
    const fit = qeMedianVariance({ median: 10, q1: 10, q3: 10, n: 20 })!
    expect(fit.values.normal).not.toBeNull()
  })
  it('all five numbers: the location lies between the quartiles, not between min and median', () => {
    // R: f <- estmeansd::qe.fit(min.val = 1, q1.val = 2, med.val = 3, q3.val = 6, max.val = 20,
    //      n = 50, two.sample.default = TRUE); f$values
    //    normal 59.76446171048275602, log-normal 0.32867405036726288 (gamma stops early in R)
    //    f$norm.par mu = 6 (on the upper quartile), f$lnorm.par mu = 1.19628749511938981 > log 3
    const fit = qeMedianVariance({ min: 1, q1: 2, median: 3, q3: 6, max: 20, n: 50 })!
    expectClose(fit.values.normal, 59.76446171048275602, { rel: 1e-3 }, 'normal')
    expectClose(fit.values['log-normal'], 0.32867405036726288, { rel: 1e-3 }, 'log-normal')
    // Skewed the other way: R: qe.fit(min.val = 1, q1.val = 15, med.val = 18, q3.val = 19,
    //   max.val = 20, n = 50, ...)$values: normal 59.764461710482728 (mu = 15, on the lower
    //   quartile), log-normal 101.614505715221398 (mu = log 15)
    const left = qeMedianVariance({ min: 1, q1: 15, median: 18, q3: 19, max: 20, n: 50 })!
    expectClose(left.values.normal, 59.764461710482728, { rel: 1e-3 }, 'normal, left')
    expectClose(left.values['log-normal'], 101.614505715221398, { rel: 1e-3 }, 'log-normal, left')
  })
  it('a negative quantile: only the normal family is fitted', () => {
    const fit = qeMedianVariance({ min: -2, median: 3, max: 10, n: 20 })!
    expect(fit.family).toBe('normal')
    expect(fit.values['log-normal']).toBeNull()
    expect(fit.values.gamma).toBeNull()
    expect(fit.values.weibull).toBeNull()
    // Quartiles (where the Weibull family is fitted when they are ≥ 0). R:
    // estmeansd::qe.fit(q1.val = -2, med.val = 3, q3.val = 10, n = 20, two.sample.default =
    //   TRUE)$values: normal 0.66666666666666663, log-normal, gamma and weibull NA
    const s2 = qeMedianVariance({ q1: -2, median: 3, q3: 10, n: 20 })!
    expectClose(s2.values.normal, 0.66666666666666663, { rel: 1e-3 }, 'normal, S2')
    expect(s2.values['log-normal']).toBeNull()
    expect(s2.values.gamma).toBeNull()
    expect(s2.values.weibull).toBeNull()
  })
  it('a density at the median that overflows (subnormal quartiles) gives no variance', () => {
    // The log-normal fit has value ~0 here; its density 1/(m σ √(2π)) at m ≈ 2e-310 is +∞.
    expect(qeMedianVariance({ q1: 1e-310, median: 2e-310, q3: 4e-310, n: 20 })).toBeNull()
  })
})

describe('boxMinimize', () => {
  it('finds an interior minimum, one on a bound, and one outside the box clipped to it', () => {
    const quad = (x: readonly number[]) => (x[0] - 0.3) ** 2 + 10 * (x[1] + 0.2) ** 2
    const inside = boxMinimize(quad, [0.9, 0.9], [-1, -1], [1, 1])
    expectClose(inside.x[0], 0.3, { abs: 1e-7 }, 'x0')
    expectClose(inside.x[1], -0.2, { abs: 1e-7 }, 'x1')
    expectClose(inside.value, 0, { abs: 1e-13 }, 'value')
    const edge = boxMinimize(quad, [0.9, 0.9], [0.5, 0], [1, 1])
    expectClose(edge.x[0], 0.5, { abs: 1e-7 }, 'x0 on its lower bound')
    expectClose(edge.x[1], 0, { abs: 1e-7 }, 'x1 on its lower bound')
    expectClose(edge.value, 0.04 + 0.4, { rel: 1e-9 }, 'value on the bound')
    const upper = boxMinimize(quad, [5, -5], [-3, -3], [0, -1])
    expectClose(upper.x[0], 0, { abs: 1e-7 }, 'x0 on its upper bound')
    expectClose(upper.x[1], -1, { abs: 1e-7 }, 'x1 on its upper bound')
  })
  it('a non-finite value counts as +∞; the start is kept when nothing is better', () => {
    const f = (x: readonly number[]) => (x[0] < 0 ? Number.NaN : (x[0] - 0.5) ** 2)
    const r = boxMinimize(f, [0.1], [-1], [1])
    expectClose(r.x[0], 0.5, { abs: 1e-7 }, 'x')
    const flat = boxMinimize(() => 3, [2, 4.5], [1, -3], [5, 6])
    expect(flat.value).toBe(3)
    expectClose(flat.x[0], 2, { rel: 1e-12 }, 'x0 kept')
    expectClose(flat.x[1], 4.5, { rel: 1e-12 }, 'x1 kept')
  })
  it('Rosenbrock in a box reaches (1, 1) (restarts after a collapsed simplex)', () => {
    const rosen = (x: readonly number[]) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2
    const r = boxMinimize(rosen, [-1.2, 1], [-2, -2], [2, 2])
    expectClose(r.x[0], 1, { rel: 1e-6 }, 'x0')
    expectClose(r.x[1], 1, { rel: 1e-6 }, 'x1')
    expectClose(r.value, 0, { abs: 1e-12 }, 'value')
  })
  it('reaches a known minimum to the precision its stopping rule promises, in a bounded number of calls', () => {
    // The minima are known in closed form. The call counts are a regression lock: produced by
    // kmpool's boxMinimize (895, 268 and 1316 calls), bounded here with 25% headroom, so that a
    // Nelder–Mead step that is lost (no expansion, the wrong contraction, the wrong vertex) and
    // only slows the search down is still seen.
    const cases = [
      // value 0 at the minimum: the simplex shrinks below 1e-13 before stopping
      {
        f: (p: readonly number[]) =>
          (p[0] - 0.3) ** 2 + 10 * (p[1] - 0.7) ** 2 + (p[0] - 0.3) * (p[1] - 0.7),
        start: [0.9, 0.1],
        lower: [0, 0],
        upper: [1, 1],
        min: [0.3, 0.7],
        tol: 1e-12,
        calls: 1120,
      },
      // value 1 at the minimum: stops when the values agree to 1e-15 and the simplex is < 1e-9
      {
        f: (p: readonly number[]) =>
          1 + (p[0] - 0.3) ** 2 + 10 * (p[1] - 0.7) ** 2 + (p[0] - 0.3) * (p[1] - 0.7),
        start: [0.9, 0.1],
        lower: [0, 0],
        upper: [1, 1],
        min: [0.3, 0.7],
        tol: 1e-7,
        calls: 335,
      },
      {
        f: (p: readonly number[]) => (p[0] - 2) ** 2 + (p[1] + 1) ** 2 + (p[2] - 0.5) ** 2,
        start: [0, 0, 0],
        lower: [-3, -3, -3],
        upper: [3, 3, 3],
        min: [2, -1, 0.5],
        tol: 1e-12,
        calls: 1645,
      },
    ]
    for (const [k, c] of cases.entries()) {
      let calls = 0
      const r = boxMinimize(
        (x) => {
          calls++
          return c.f(x)
        },
        c.start,
        c.lower,
        c.upper,
      )
      expect(r.x, `case ${k} x has one entry per parameter`).toHaveLength(c.min.length)
      c.min.forEach((m, j) => expectClose(r.x[j], m, { abs: c.tol }, `case ${k} x${j}`))
      expect(calls, `case ${k} calls`).toBeLessThanOrEqual(c.calls)
    }
  })
})
