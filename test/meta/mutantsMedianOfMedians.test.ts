/**
 * The median of medians (`medianOfMedians`) against metamedian's own pooling function,
 * `metamedian:::pool.med(yi, wi, norm.approx = TRUE, coverage.prob)` (R's quantile type 7, or
 * Hmisc::wtd.quantile with weights): unsorted values, odd and even k, a 90% level, weights that
 * put the quantiles between two values, one study, and weights summing to less than 1 — the cases
 * the metamedian golden of qeMedian.test.ts leaves free (docs/mutation.md). Expected values from
 * test/golden/metaMutantsSurv.R.
 */
import { describe, expect, it } from 'vitest'
import { medianOfMedians } from '../../src/shared/meta/medianOfMedians'
import { expectClose } from '../helpers/close'
import { metaMutantsSurv } from './metaMutantsSurvGolden'

interface PoolMedCase {
  name: string
  yi: number[]
  wi: number[] | null
  level: number
  estimate: number
  lower: number
  upper: number
}

describe('median of medians = metamedian:::pool.med', () => {
  for (const c of metaMutantsSurv.median_of_medians as PoolMedCase[]) {
    it(c.name, () => {
      const m = medianOfMedians(c.yi, c.wi ?? undefined, c.level)!
      expect(m.k).toBe(c.yi.length)
      expectClose(m.estimate, c.estimate, { rel: 1e-13 }, 'estimate')
      expectClose(m.lower, c.lower, { rel: 1e-13 }, 'lower')
      expectClose(m.upper, c.upper, { rel: 1e-13 }, 'upper')
    })
  }
  it('null without values', () => {
    expect(medianOfMedians([])).toBeNull()
    expect(medianOfMedians([], [])).toBeNull()
  })
})
