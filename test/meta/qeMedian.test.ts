/**
 * Medians from summaries against McGrath et al.'s R packages (test/golden/qe.R): the QE variance
 * of a median (metamedian::qe, estmeansd::qe.fit), Luo's mean and Wan's SD (metaBLUE), and the
 * QE-based pooled median (metamedian::metamedian, median_method = "qe").
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rma } from '../../src/shared/meta'
import {
  meanSdFromMedianRange,
  meanSdFromQuartiles,
  medianFromRange,
  REASON_RANGE_HOZO_IQR,
} from '../../src/shared/meta/medianFromRange'
import { medianOfMedians } from '../../src/shared/meta/medianOfMedians'
import { qeMedianVariance } from '../../src/shared/meta/qeMedianVariance'
import { expectClose } from '../helpers/close'

interface QeCase {
  label: string
  scenario: 'S1' | 'S2' | 'S3'
  n: number
  median: number
  min: number | null
  q1: number | null
  q3: number | null
  max: number | null
  yi: number
  sei: number
  family: string
  luo_mean: number
  wan_sd: number
}
const golden: {
  qe: QeCase[]
  pooling: {
    cases: number[]
    qe: Record<'estimate' | 'se' | 'ci_lower' | 'ci_upper' | 'tau2', number>
    mm: Record<'estimate' | 'ci_lower' | 'ci_upper', number>
    wm: Record<'estimate' | 'ci_lower' | 'ci_upper', number>
  }
} = JSON.parse(readFileSync(new URL('../golden/qe.json', import.meta.url), 'utf8'))

/**
 * metamedian fits with R's L-BFGS-B (stopping at a relative change of about 2e-9 in the sum of
 * squares); kmpool finds the least-squares optimum itself. Their SEs agree within 1e-3 on every
 * case; the bench prints the largest difference.
 */
const QE_TOL = { rel: 2e-3 }

describe('QE variance of a median (McGrath et al. 2020) = metamedian', () => {
  for (const c of golden.qe) {
    it(`${c.label}`, () => {
      const fit = qeMedianVariance(c)
      expect(fit?.scenario).toBe(c.scenario)
      expect(fit?.family).toBe(c.family)
      expectClose(Math.sqrt(fit!.variance), c.sei, QE_TOL, 'SE of the median')
    })
  }
  it('the effect on the raw and log scales names the method and the fitted family', () => {
    const c = golden.qe.find((x) => x.label === 'median 27 range 3-96 n 40')!
    const raw = medianFromRange({ study: 's', ...c, scale: 'raw' })
    expect(raw.method).toBe('range-qe-mcgrath-2020 (S1: min, median, max; gamma)')
    expectClose(raw.yi, 27, {}, 'yi')
    expectClose(raw.se, c.sei, QE_TOL, 'se')
    const log = medianFromRange({ study: 's', ...c, scale: 'log' })
    expectClose(log.yi, Math.log(27), {}, 'log yi')
    expectClose(log.se, c.sei / 27, QE_TOL, 'log se (delta method)')
    expect(log.note).toMatch(
      /^QE \(McGrath et al\. 2020\): gamma distribution fitted to min, median, max \(n = 40\)/,
    )
  })
  it('refuses numbers out of order, and a zero spread, with the reason', () => {
    expect(
      medianFromRange({ study: 's', median: 30, min: 40, max: 90, n: 20 }).excludedReason,
    ).toMatch(/in order/)
    expect(
      medianFromRange({ study: 's', median: 30, min: 30, max: 30, n: 20 }).excludedReason,
    ).toMatch(/zero range/)
  })
})

describe("Luo's mean and Wan's SD = metaBLUE, for all three kinds of summary", () => {
  it('matches on every case', () => {
    for (const c of golden.qe) {
      const f = (m: 'wan' | 'luo') =>
        c.scenario === 'S1'
          ? meanSdFromMedianRange(c.median, c.min!, c.max!, c.n, m)
          : meanSdFromQuartiles({ ...c, q1: c.q1!, q3: c.q3! }, m)
      expectClose(f('wan')!.sd, c.wan_sd, { rel: 1e-12 }, `${c.label} Wan SD`)
      expectClose(f('luo')!.mean, c.luo_mean, { rel: 1e-12 }, `${c.label} Luo mean`)
    }
  })
  it('says that SD/√n is the standard error of a mean, and Hozo needs the range', () => {
    const c = golden.qe.find((x) => x.label === 'median 31 IQR 18-52 n 75')!
    const wan = medianFromRange({ study: 's', ...c, method: 'wan' })
    expect(wan.note).toContain('SD/√n, the standard error of a mean, used for the median')
    expectClose(wan.se, c.wan_sd / Math.sqrt(75), { rel: 1e-12 }, 'Wan SE')
    expect(medianFromRange({ study: 's', ...c, method: 'hozo' }).excludedReason).toBe(
      REASON_RANGE_HOZO_IQR,
    )
  })
})

describe('QE-based pooled median = metamedian(median_method = "qe")', () => {
  it('REML on the raw scale gives metamedian’s estimate, SE and τ²', () => {
    const cases = golden.pooling.cases.map((i) => golden.qe[i])
    const effects = cases.map((c, i) => medianFromRange({ study: `s${i}`, ...c, scale: 'raw' }))
    const fit = rma(
      effects.map((e) => ({ study: e.study, yi: e.yi, vi: e.vi })),
      { method: 'REML' },
    )
    const ref = golden.pooling.qe
    expectClose(fit.estimate, ref.estimate, QE_TOL, 'estimate')
    expectClose(fit.se, ref.se, QE_TOL, 'se')
    expectClose(fit.tau2, ref.tau2, QE_TOL, 'tau2')
  })
})

describe('median of medians = metamedian(median_method = "mm" / "wm")', () => {
  const cases = golden.pooling.cases.map((i) => golden.qe[i])
  it('unweighted, with the normal-approximation CI', () => {
    const m = medianOfMedians(cases.map((c) => c.median))!
    const ref = golden.pooling.mm
    expectClose(m.estimate, ref.estimate, { rel: 1e-12 }, 'estimate')
    expectClose(m.lower, ref.ci_lower, { rel: 1e-12 }, 'lower')
    expectClose(m.upper, ref.ci_upper, { rel: 1e-12 }, 'upper')
  })
  it('weighted by the studies’ sizes (Hmisc::wtd.quantile)', () => {
    const m = medianOfMedians(
      cases.map((c) => c.median),
      cases.map((c) => c.n),
    )!
    const ref = golden.pooling.wm
    expectClose(m.estimate, ref.estimate, { rel: 1e-12 }, 'estimate')
    expectClose(m.lower, ref.ci_lower, { rel: 1e-12 }, 'lower')
    expectClose(m.upper, ref.ci_upper, { rel: 1e-12 }, 'upper')
  })
})
