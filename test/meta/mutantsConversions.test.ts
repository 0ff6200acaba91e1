/**
 * Every branch, message and boundary of the CI conversions (`logHazardRatioFromCi`,
 * `medianFromCi`), written against the mutants that `test/meta/conversions.test.ts` let
 * survive (docs/mutation.md). The expected values are the closed forms the functions cite:
 * SE = (g(U) − g(L))/(2z) or a half-width over z, z = Φ⁻¹(1 − α/2) as R's
 * `qnorm(0.975)` = 1.959963984540054 and `qnorm(0.95)` = 1.6448536269514722.
 */
import { describe, expect, it } from 'vitest'
import {
  REASON_HR_CI_EXCLUDES,
  REASON_HR_MISSING,
  REASON_HR_NONPOSITIVE,
  REASON_HR_ZERO_WIDTH,
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
  type MedianCiInput,
} from '../../src/shared/meta/medianFromCi'
import { expectClose } from '../helpers/close'

const Z95 = 1.959963984540054
const Z90 = 1.6448536269514722

describe('logHazardRatioFromCi: messages, fields and boundaries', () => {
  it('says in plain words why a study is left out', () => {
    expect(REASON_HR_MISSING).toBe('hazard ratio or a CI limit missing')
    expect(REASON_HR_NONPOSITIVE).toBe('hazard ratio and CI limits must be > 0')
    expect(REASON_HR_CI_EXCLUDES).toBe('the CI does not contain the hazard ratio')
    expect(REASON_HR_ZERO_WIDTH).toBe('zero-width CI: the study would get an infinite weight')
  })

  it('keeps the study and subgroup on kept and excluded studies (subgroup null when absent)', () => {
    const kept = logHazardRatioFromCi({ study: 'A', subgroup: 'B', hr: 0.7, lower: 0.5, upper: 1 })
    expect(kept.study).toBe('A')
    expect(kept.subgroup).toBe('B')
    const plain = logHazardRatioFromCi({ study: 'C', hr: 0.7, lower: 0.5, upper: 1 })
    expect(plain.subgroup).toBeNull()
    const out = logHazardRatioFromCi({ study: 'D', subgroup: 'E', hr: 2, lower: 0.5, upper: 1 })
    expect(out).toEqual({
      study: 'D',
      subgroup: 'E',
      yi: null,
      vi: null,
      se: null,
      excludedReason: REASON_HR_CI_EXCLUDES,
      note: null,
    })
  })

  it('the variance is the SE squared', () => {
    const e = logHazardRatioFromCi({ study: 'x', hr: 0.68, lower: 0.52, upper: 0.89 })
    const se = (Math.log(0.89) - Math.log(0.52)) / (2 * Z95)
    expectClose(e.se, se, { rel: 1e-14 }, 'se')
    expectClose(e.vi, se * se, { rel: 1e-14 }, 'vi')
    expect(e.excludedReason).toBeNull()
  })

  it('a level other than 95% uses its own z', () => {
    const e = logHazardRatioFromCi({ study: 'x', hr: 1, lower: 0.5, upper: 2, level: 0.9 })
    expectClose(e.se, Math.log(4) / (2 * Z90), { rel: 1e-14 }, 'se')
  })

  it('refuses a non-finite number as missing, whichever it is', () => {
    for (const bad of [
      { hr: Number.NaN, lower: 0.5, upper: 1 },
      { hr: 0.7, lower: Number.NaN, upper: 1 },
      { hr: 0.7, lower: 0.5, upper: Number.POSITIVE_INFINITY },
      { hr: 0.7, lower: 0.5, upper: null },
      { hr: null, lower: 0.5, upper: 1 },
    ]) {
      expect(logHazardRatioFromCi({ study: 'x', ...bad }).excludedReason).toBe(REASON_HR_MISSING)
    }
  })

  it('refuses a hazard ratio or either limit ≤ 0, each on its own', () => {
    for (const bad of [
      { hr: 0, lower: 0.5, upper: 2 },
      { hr: 1, lower: 0, upper: 2 },
      { hr: 1, lower: -0.5, upper: 2 },
      { hr: 1, lower: 0.5, upper: 0 },
    ]) {
      expect(logHazardRatioFromCi({ study: 'x', ...bad }).excludedReason).toBe(
        REASON_HR_NONPOSITIVE,
      )
    }
  })

  it('refuses a CI that lies wholly above or below the ratio; a ratio on a limit is kept', () => {
    expect(logHazardRatioFromCi({ study: 'x', hr: 0.5, lower: 0.6, upper: 1 }).excludedReason).toBe(
      REASON_HR_CI_EXCLUDES,
    )
    expect(logHazardRatioFromCi({ study: 'x', hr: 2, lower: 0.5, upper: 1 }).excludedReason).toBe(
      REASON_HR_CI_EXCLUDES,
    )
    const atLower = logHazardRatioFromCi({ study: 'x', hr: 0.5, lower: 0.5, upper: 1 })
    expect(atLower.excludedReason).toBeNull()
    expectClose(atLower.yi, Math.log(0.5), { rel: 1e-15 }, 'yi at the lower limit')
    const atUpper = logHazardRatioFromCi({ study: 'x', hr: 1.5, lower: 0.5, upper: 1.5 })
    expect(atUpper.excludedReason).toBeNull()
    expectClose(atUpper.se, Math.log(3) / (2 * Z95), { rel: 1e-14 }, 'se at the upper limit')
  })

  it('refuses a zero-width CI', () => {
    const e = logHazardRatioFromCi({ study: 'x', hr: 0.8, lower: 0.8, upper: 0.8 })
    expect(e.excludedReason).toBe(REASON_HR_ZERO_WIDTH)
    expect(e.se).toBeNull()
  })

  it('notes an off-centre ratio only beyond 10% of the half-width', () => {
    // log limits ±10 and log HR 1: exactly 10% of the half-width (every log here is exact).
    const atTen = logHazardRatioFromCi({
      study: 'x',
      hr: Math.exp(1),
      lower: Math.exp(-10),
      upper: Math.exp(10),
    })
    expect(atTen.note).toBeNull()
    expectClose(atTen.se, 10 / Z95, { rel: 1e-14 }, 'se')
    const beyond = logHazardRatioFromCi({
      study: 'x',
      hr: Math.exp(1.2),
      lower: Math.exp(-10),
      upper: Math.exp(10),
    })
    expect(beyond.note).toBe(
      'log HR is not centred in the log CI (rounded or non-Wald limits); SE from the CI width',
    )
    const below = logHazardRatioFromCi({
      study: 'x',
      hr: Math.exp(-1.2),
      lower: Math.exp(-10),
      upper: Math.exp(10),
    })
    expect(below.note).not.toBeNull()
  })

  it('hazardRatioFromLog exponentiates the estimate and both limits', () => {
    const r = hazardRatioFromLog(-0.5, -1, 0.25)
    expectClose(r.value, Math.exp(-0.5), { rel: 1e-15 }, 'value')
    expectClose(r.lower, Math.exp(-1), { rel: 1e-15 }, 'lower')
    expectClose(r.upper, Math.exp(0.25), { rel: 1e-15 }, 'upper')
  })
})

describe('medianFromCi: messages, fields and boundaries', () => {
  const ci = (x: Partial<MedianCiInput>) =>
    medianFromCi({ study: 's', median: 10, lower: 8, upper: 12, ...x })

  it('says in plain words why a study is left out', () => {
    expect(REASON_MEDIAN_MISSING).toBe('median not reported (or not reached)')
    expect(REASON_MEDIAN_NO_CI).toBe(
      'neither CI limit is available: no standard error can be derived',
    )
    expect(REASON_MEDIAN_NONPOSITIVE).toBe(
      'median or a CI limit ≤ 0 cannot be put on the log scale',
    )
    expect(REASON_MEDIAN_CI_EXCLUDES).toBe('the CI does not contain the median')
    expect(REASON_MEDIAN_ZERO_WIDTH).toBe('zero-width CI: the study would get an infinite weight')
  })

  it('an excluded study keeps its names and scale, and names the method it tried', () => {
    expect(ci({ study: 'A', subgroup: 'B', median: null })).toEqual({
      study: 'A',
      subgroup: 'B',
      scale: 'log',
      yi: null,
      vi: null,
      se: null,
      method: 'ci-log',
      excludedReason: REASON_MEDIAN_MISSING,
      note: null,
    })
    const raw = ci({ median: null, scale: 'raw' })
    expect(raw.method).toBe('ci-raw')
    expect(raw.subgroup).toBeNull()
    expect(raw.scale).toBe('raw')
  })

  it('a kept study: both limits, no note', () => {
    const e = ci({ study: 'A', subgroup: 'B', median: 10, lower: 8, upper: 12.5 })
    const se = (Math.log(12.5) - Math.log(8)) / (2 * Z95)
    expect(e.study).toBe('A')
    expect(e.subgroup).toBe('B')
    expect(e.excludedReason).toBeNull()
    expect(e.note).toBeNull()
    expectClose(e.se, se, { rel: 1e-14 }, 'se')
    expectClose(e.vi, se * se, { rel: 1e-14 }, 'vi')
  })

  it('a median that is not a finite number is missing', () => {
    expect(ci({ median: Number.NaN }).excludedReason).toBe(REASON_MEDIAN_MISSING)
    expect(ci({ median: Number.POSITIVE_INFINITY }).excludedReason).toBe(REASON_MEDIAN_MISSING)
  })

  it('a limit that is not a finite number counts as not available', () => {
    const noLower = ci({ median: 40, lower: Number.NaN, upper: 50 })
    expect(noLower.method).toBe('ci-upper-half-log')
    expectClose(noLower.se, (Math.log(50) - Math.log(40)) / Z95, { rel: 1e-14 }, 'se')
    const noUpper = ci({ median: 40, lower: 25, upper: Number.POSITIVE_INFINITY })
    expect(noUpper.method).toBe('ci-lower-half-log')
    expect(ci({ lower: Number.NaN, upper: Number.NaN }).excludedReason).toBe(REASON_MEDIAN_NO_CI)
  })

  it('only the upper limit: its half-width over z, marked, on both scales', () => {
    const log = ci({ median: 40, lower: null, upper: 60 })
    expect(log.method).toBe('ci-upper-half-log')
    expectClose(log.yi, Math.log(40), { rel: 1e-15 }, 'yi')
    expectClose(log.se, (Math.log(60) - Math.log(40)) / Z95, { rel: 1e-14 }, 'se')
    expect(log.note).toBe('only one CI limit available: SE from the upper half-width')
    const raw = ci({ median: 40, lower: null, upper: 60, scale: 'raw' })
    expect(raw.method).toBe('ci-upper-half-raw')
    expectClose(raw.se, 20 / Z95, { rel: 1e-14 }, 'raw se')
    const lower = ci({ median: 40, lower: 25, upper: null, scale: 'raw' })
    expect(lower.method).toBe('ci-lower-half-raw')
    expectClose(lower.se, 15 / Z95, { rel: 1e-14 }, 'raw lower se')
    expect(lower.note).toBe('only one CI limit available: SE from the lower half-width')
  })

  it('raw scale takes medians and limits ≤ 0 (a difference, say)', () => {
    const e = ci({ median: -5, lower: null, upper: -2, scale: 'raw' })
    expect(e.excludedReason).toBeNull()
    expect(e.yi).toBe(-5)
    expectClose(e.se, 3 / Z95, { rel: 1e-14 }, 'se')
    const zero = ci({ median: 2, lower: 0, upper: 4, scale: 'raw' })
    expectClose(zero.se, 4 / (2 * Z95), { rel: 1e-14 }, 'se with a limit at 0')
    const below = ci({ median: -5, lower: -7, upper: null, scale: 'raw' })
    expect(below.method).toBe('ci-lower-half-raw')
  })

  it('log scale refuses a median of 0, and a limit ≤ 0', () => {
    expect(ci({ median: 0, lower: null, upper: 5 }).excludedReason).toBe(REASON_MEDIAN_NONPOSITIVE)
    expect(ci({ median: 5, lower: -1, upper: 9 }).excludedReason).toBe(REASON_MEDIAN_NONPOSITIVE)
    expect(ci({ median: 5, lower: null, upper: 9 }).excludedReason).toBeNull()
  })

  it('a CI wholly above or below the median is refused; a median on a limit is kept', () => {
    expect(ci({ median: 5, lower: 6, upper: null }).excludedReason).toBe(REASON_MEDIAN_CI_EXCLUDES)
    expect(ci({ median: 5, lower: null, upper: 4 }).excludedReason).toBe(REASON_MEDIAN_CI_EXCLUDES)
    expect(ci({ median: 5, lower: 2, upper: 4 }).excludedReason).toBe(REASON_MEDIAN_CI_EXCLUDES)
    const onLower = ci({ median: 5, lower: 5, upper: 8 })
    expectClose(onLower.se, (Math.log(8) - Math.log(5)) / (2 * Z95), { rel: 1e-14 }, 'se')
    const onUpper = ci({ median: 8, lower: 5, upper: 8 })
    expect(onUpper.excludedReason).toBeNull()
  })

  it('a zero half-width is refused under the method it used', () => {
    const lower = ci({ median: 5, lower: 5, upper: null })
    expect(lower.excludedReason).toBe(REASON_MEDIAN_ZERO_WIDTH)
    expect(lower.method).toBe('ci-lower-half-log')
    const upper = ci({ median: 5, lower: null, upper: 5, scale: 'raw' })
    expect(upper.excludedReason).toBe(REASON_MEDIAN_ZERO_WIDTH)
    expect(upper.method).toBe('ci-upper-half-raw')
    expect(ci({ median: 5, lower: 5, upper: 5 }).method).toBe('ci-log')
  })

  it('backTransformMedian: exp of all three on the log scale', () => {
    const m = backTransformMedian(Math.log(30), Math.log(20), Math.log(45), 'log')
    expectClose(m.value, 30, { rel: 1e-14 }, 'value')
    expectClose(m.lower, 20, { rel: 1e-14 }, 'lower')
    expectClose(m.upper, 45, { rel: 1e-14 }, 'upper')
  })
})
