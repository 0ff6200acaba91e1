import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  computeReview,
  reviewIpdCsv,
  ReviewCache,
  survivalTableCsv,
  estimateTableCsv,
  exclusionsCsv,
} from '../../src/shared/review'
import { expectClose } from '../helpers/close'
import { digitizedStudy, entry, patients, smallReview } from './studies'

interface GoldenStudy {
  outcome: string
  study: string
  subgroup: string
  yi: number | null
  vi: number | null
  surv?: number
  n_risk?: number
  median?: number | null
  lower?: number | null
  upper?: number | null
}
type Fit = Record<
  'estimate' | 'se' | 'ci_lower' | 'ci_upper' | 'tau2' | 'I2' | 'Q' | 'Q_p',
  number
> & {
  k: number
}
/** R on the true patients of smallReview(): written by `Rscript test/golden/review.R`. */
const reviewGolden: {
  studies: GoldenStudy[]
  cox_liver_d: { beta: number; se: number }
  pooled: (Fit & { outcome: string; subgroups: (Fit & { subgroup: string })[] })[]
} = JSON.parse(readFileSync(new URL('../golden/review.json', import.meta.url), 'utf8'))

/** The digitized arms of smallReview(): `study/arm`, and patients(seed, n, median). */
const REVIEW_ARMS: [string, number, number, number][] = [
  ['Lung A/Resected', 11, 80, 70],
  ['Lung B/Resected', 12, 60, 75],
  ['Lung C/Resected', 13, 45, 60],
  ['Liver D/Resected', 14, 70, 36],
  ['Liver D/Not resected', 15, 60, 18],
  ['Liver E/Resected', 16, 50, 32],
]

/** Where the reconstruction is exact, agreement with R to rounding. */
const EXACT = { rel: 1e-10 }
const POOLED_FIELDS = ['estimate', 'se', 'ci_lower', 'ci_upper', 'tau2', 'I2', 'Q', 'Q_p'] as const

/** Every number in a value, to check that none is NaN or infinite. */
function numbers(value: unknown, out: number[] = [], seen = new Set<unknown>()): number[] {
  if (typeof value === 'number') out.push(value)
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value)
    for (const v of Object.values(value)) numbers(v, out, seen)
  }
  return out
}

describe('computeReview on a small review made by hand', () => {
  // Hozo for Spine G, as test/golden/review.R computes it (QE, the default, is tested against
  // metamedian in test/meta/qeMedian.test.ts).
  const input = smallReview({ rangeMethod: 'hozo' })
  const result = computeReview(input, { version: '9.9.9' })
  const survival60 = result.outcomes.find((a) => a.id === 'survival_60')!
  const medianOutcome = result.outcomes.find((a) => a.id === 'median')!

  // Every expected number below comes from R (survival + metafor) on the TRUE patients of the
  // digitized studies: test/golden/review.R → review.json, not from kmpool.
  const rStudy = (outcome: string, study: string) => {
    const r = reviewGolden.studies.find((x) => x.outcome === outcome && x.study === study)
    if (!r) throw new Error(`review.json has no ${outcome} row for ${study}`)
    return r
  }

  it('draws its studies from the patients the R script read', () => {
    const byArm = new Map<string, { time: number; event: number }[]>()
    for (const line of readFileSync(new URL('../golden/review-ipd.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1)) {
      const [study, arm, time, event] = line.split(',')
      const key = `${study}/${arm}`
      byArm.set(key, [...(byArm.get(key) ?? []), { time: Number(time), event: Number(event) }])
    }
    for (const [key, seed, n, med] of REVIEW_ARMS) {
      expect(byArm.get(key), `${key}: re-run Rscript test/golden/review.R`).toEqual(
        patients(seed, n, med),
      )
    }
  })

  it('gives survival at 12–48 months per study as R does on the true patients', () => {
    // The figures are the exact step corners with exact numbers at risk every 12 months, so up
    // to 48 months the reconstructed curve is the true one: S, n at risk, Greenwood's variance,
    // hence yi and vi, agree with R to rounding (relative 1e-10).
    for (const t of [12, 24, 36, 48]) {
      const a = result.outcomes.find((x) => x.id === `survival_${t}`)!
      for (const row of a.studies) {
        if (row.study === 'Liver F' || row.study === 'Spine G') continue
        const r = rStudy(`survival_${t}`, row.study)
        expectClose(row.raw.value, r.surv, EXACT, `${row.study} S(${t})`)
        expect(row.raw.nRisk, `${row.study} n at risk at ${t}`).toBe(r.n_risk)
        expectClose(row.yi, r.yi, EXACT, `${row.study} yi at ${t}`)
        expectClose(row.vi, r.vi, EXACT, `${row.study} vi at ${t}`)
        expect(row.method).toBe('greenwood (reconstructed IPD)')
      }
    }
  })

  it('gives survival at 60 months within the reconstruction error of the truth', () => {
    // After the risk-table interval that ends at 60 months the reconstruction spreads the
    // censorings evenly and S(60) moves by up to 0.003 (measured 2026-12-06: yi differs by at
    // most 0.008, vi by 0.7%). yi = log(−log S) passes through 0 at S = 1/e, so its check needs
    // an absolute tolerance: 0.02, about 2.5 times the measured difference.
    for (const row of survival60.studies) {
      if (row.study === 'Liver F') continue
      const r = rStudy('survival_60', row.study)
      expect(row.raw.nRisk).toBe(r.n_risk)
      expectClose(row.yi, r.yi, { rel: 0, abs: 0.02 }, `${row.study} yi at 60`)
      expectClose(row.vi, r.vi, { rel: 0.02 }, `${row.study} vi at 60`)
    }
  })

  it('pools survival at 12–48 months as metafor does on the true patients', () => {
    for (const t of [12, 24, 36, 48]) {
      const a = result.outcomes.find((x) => x.id === `survival_${t}`)!
      const r = reviewGolden.pooled.find((x) => x.outcome === `survival_${t}`)!
      expect(a.pool.k).toBe(r.k)
      for (const key of POOLED_FIELDS) {
        expectClose(a.pool[key], r[key], EXACT, `survival at ${t}: ${key}`)
      }
      for (const g of r.subgroups) {
        const mine = a.pool.subgroups.find((x) => x.subgroup === g.subgroup)!
        expect(mine.k).toBe(g.k)
        for (const key of ['estimate', 'se', 'ci_lower', 'ci_upper', 'tau2', 'I2'] as const) {
          expectClose(mine[key], g[key], EXACT, `survival at ${t}, ${g.subgroup}: ${key}`)
        }
      }
    }
    // At 60 months only as close as the studies are (see above): the estimate is near 0, where
    // only an absolute tolerance makes sense; measured difference 0.0024.
    const r60 = reviewGolden.pooled.find((x) => x.outcome === 'survival_60')!
    expectClose(survival60.pool.estimate, r60.estimate, { rel: 0, abs: 0.01 }, 'estimate at 60')
    expectClose(survival60.pool.se, r60.se, { rel: 0.02 }, 'SE at 60')
  })

  it('converts published numbers with the named methods, times into the review unit', () => {
    // Liver F, published in years: 1 year = 12 months (Peto, S = 0.8, 30 at risk), 3 years = 36
    // (Peto, S = 0.45, 14 at risk), 5 years = 60 (published SE 0.08); nothing at 24 or 48.
    for (const [id, method] of [
      ['survival_12', 'peto (published)'],
      ['survival_36', 'peto (published)'],
      ['survival_60', 'se (published)'],
    ] as const) {
      const row = result.outcomes
        .find((x) => x.id === id)!
        .studies.find((x) => x.study === 'Liver F')!
      const r = rStudy(id, 'Liver F')
      expectClose(row.yi, r.yi, EXACT, `Liver F yi, ${id}`)
      expectClose(row.vi, r.vi, EXACT, `Liver F vi, ${id}`)
      expect(row.method).toBe(method)
    }
    const f24 = result.outcomes[1].studies.find((s) => s.study === 'Liver F')!
    expect(f24.excluded).toBe(true)
    expect(f24.reason).toBe('survival at 24 months not reported')
    // Spine G: median 14, range 2–60, n 25 → Hozo (15 < n ≤ 70) SD = 58/4, log scale.
    const g = medianOutcome.studies.find((s) => s.study === 'Spine G')!
    const r = rStudy('median', 'Spine G')
    expectClose(g.yi, r.yi, EXACT, 'Spine G yi')
    expectClose(g.vi, r.vi, EXACT, 'Spine G vi')
    expect(g.method).toMatch(/^range-hozo-2005/)
  })

  it('takes medians with Brookmeyer–Crowley limits as R quantile(survfit) does', () => {
    // Lung A, Liver D and Liver E: the reconstructed curve is exact over the median and its
    // limits, so the median effect is R's to rounding. Lung B: not reached in either. Lung C:
    // same median, but its upper limit (past 60 months) is reached only in the reconstruction.
    for (const study of ['Lung A', 'Liver D', 'Liver E']) {
      const row = medianOutcome.studies.find((s) => s.study === study)!
      const r = rStudy('median', study)
      expectClose(row.raw.value, r.median, EXACT, `${study} median`)
      expectClose(row.raw.lower, r.lower, EXACT, `${study} lower`)
      expectClose(row.raw.upper, r.upper, EXACT, `${study} upper`)
      expectClose(row.yi, r.yi, EXACT, `${study} yi`)
      expectClose(row.vi, r.vi, EXACT, `${study} vi`)
    }
    const b = medianOutcome.studies.find((s) => s.study === 'Lung B')!
    expect(rStudy('median', 'Lung B').median).toBeNull()
    expect(b.excluded).toBe(true)
    expect(b.reason).toMatch(/median not reached/)
    const c = medianOutcome.studies.find((s) => s.study === 'Lung C')!
    expectClose(c.raw.value, rStudy('median', 'Lung C').median, EXACT, 'Lung C median')
  })

  it('takes the hazard ratio of the two-arm study from Cox on both arms', () => {
    const hr = result.outcomes.find((a) => a.kind === 'hr')!
    expect(hr.studies.map((s) => s.study)).toEqual(['Liver D'])
    // R coxph on the true patients: β = −0.5744, SE 0.1926. The reconstruction moves censorings
    // within the 12-month intervals and ties; measured differences 0.0007 in β, 0.05% in SE.
    const { beta, se } = reviewGolden.cox_liver_d
    expectClose(hr.studies[0].yi, beta, { rel: 0.01 }, 'log HR')
    expectClose(hr.studies[0].vi, se * se, { rel: 0.01 }, 'variance of the log HR')
    expect(hr.studies[0].method).toBe(
      'Cox model on the reconstructed patients: Resected (n = 70) vs Not resected (n = 60, reference)',
    )
    expect(result.hrTable!.rows.at(-1)).toMatchObject({ kind: 'overall', k: 1 })
  })

  it('lists every exclusion and adjustment with its reason', () => {
    const find = (study: string, what: string) =>
      result.exclusions.filter((e) => e.study === study && e.what === what)
    expect(find('Lung H', 'all analyses')[0]).toMatchObject({
      action: 'excluded',
      reason: 'excluded by the reviewer: overlapping cohort',
    })
    expect(find('missing', 'all analyses')[0].reason).toBe(
      'missing.kmstudy: cannot read it (no such file)',
    )
    expect(find('Spine G', 'survival')[0]).toMatchObject({ action: 'note' })
    expect(find('Liver F', 'survival at 48 months')[0]).toMatchObject({
      action: 'excluded',
      reason: 'survival at 48 months not reported',
    })
    expect(find('Spine G', 'median survival')[0]).toMatchObject({ action: 'adjusted' })
    for (const e of result.exclusions) expect(e.reason.length).toBeGreaterThan(5)
    expect(exclusionsCsv(result).split('\n')[0]).toBe('study,subgroup,analysis,action,reason')
  })

  it('keeps the excluded studies out of every analysis and in the study list', () => {
    expect(result.studies.map((s) => s.label)).toEqual([
      'Lung A',
      'Lung B',
      'Lung C',
      'Liver D',
      'Liver E',
      'Liver F',
      'Spine G',
      'Lung H',
      'missing',
    ])
    expect(survival60.studies.map((s) => s.study)).not.toContain('Lung H')
    expect(survival60.pool.k).toBe(6)
    expect(result.studies[7].excludedReason).toMatch(/reviewer/)
  })

  it('builds the tables, curves, forest data and methods from the same numbers', () => {
    const overall = result.survivalTable.rows.at(-1)!
    expect(overall.kind).toBe('overall')
    if (overall.kind !== 'study') expect(overall.cells[4].surv).toBe(survival60.pool.pooled!.value)
    expect(result.survivalTable.rows.map((r) => r.kind)).toEqual([
      'study',
      'study',
      'study',
      'subgroup',
      'study',
      'study',
      'study',
      'subgroup',
      'overall',
    ])
    expect(result.curves!.groups.map((g) => [g.label, g.k])).toEqual([
      ['Lung', 3],
      ['Liver', 2],
      ['All studies', 5],
    ])
    expect(result.forest.map((f) => f.id)).toEqual([
      'survival_12',
      'survival_24',
      'survival_36',
      'survival_48',
      'survival_60',
      'median',
      'hr',
    ])
    const text = result.methods.paragraphs.join(' ')
    expect(text).toMatch(/Guyot et al\. \(2012\) as implemented in kmpool 9\.9\.9/)
    expect(text).toMatch(/restricted maximum likelihood \(REML; Viechtbauer 2005\)/)
    expect(text).toMatch(/Hozo et al\. \(2005\)/)
    expect(text).toMatch(/Peto's standard error/)
    expect(text).toMatch(/Combescure et al\. \(2014\)/)
    expect(result.methods.references.some((r) => r.startsWith('Hozo SP'))).toBe(true)
  })

  it('never puts NaN or Infinity in the results', () => {
    expect(numbers(result).every(Number.isFinite)).toBe(true)
    for (const csv of [
      survivalTableCsv(result),
      estimateTableCsv(result.medianTable!),
      reviewIpdCsv(result),
    ]) {
      expect(csv).not.toMatch(/NaN|Infinity|undefined/)
    }
  })

  it('writes the IPD of every pooled study, every arm, in one file', () => {
    const lines = reviewIpdCsv(result).trim().split('\n')
    expect(lines[0]).toBe('study,subgroup,arm,time,event')
    const arms = new Set(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(',')))
    expect([...arms]).toEqual([
      'Lung A,Lung,Resected',
      'Lung B,Lung,Resected',
      'Lung C,Lung,Resected',
      'Liver D,Liver,Resected',
      'Liver D,Liver,Not resected',
      'Liver E,Liver,Resected',
    ])
  })
})

describe('settings and recomputation', () => {
  it('re-pools from cached reconstructions and gives what a fresh computation gives', () => {
    const cache = new ReviewCache()
    const input = smallReview()
    computeReview(input, { cache })
    const size = cache.size
    const dl = { ...input, settings: { ...input.settings, method: 'DL' as const, hksj: true } }
    const again = computeReview(dl, { cache })
    expect(cache.size).toBe(size)
    expect(again).toEqual(computeReview(dl))
    expect(again.methods.paragraphs.join(' ')).toMatch(/DerSimonian & Laird 1986/)
    expect(again.methods.paragraphs.join(' ')).toMatch(/Hartung & Knapp 2001/)
  })

  it('converts a study in days to the review months, as the same study in months', () => {
    const ipd = patients(21, 80, 40)
    const months = digitizedStudy('M', 'x', [{ name: 'a', ipd }])
    const days = digitizedStudy('D', 'x', [{ name: 'a', ipd }], {
      factor: 365.25 / 12,
      timeUnit: 'days',
    })
    const r = computeReview({
      title: '',
      settings: smallReview().settings,
      studies: [entry(months, 'm.kmstudy'), entry(days, 'd.kmstudy')],
    })
    for (const a of r.outcomes) {
      const [m, d] = a.studies
      // The same patients in another unit: equal up to the rounding of the unit conversion. yi
      // (log(−log S), log median, log HR) may be 0, hence the absolute floor on it.
      expectClose(d.raw.value, m.raw.value, { rel: 1e-9 }, `${a.id} value`)
      expectClose(d.yi, m.yi, { rel: 1e-9, abs: 1e-12 }, `${a.id} yi`)
    }
    expect(r.methods.paragraphs.join(' ')).toMatch(/converted with a year of 365\.25 days/)
  })

  it('pools without subgroups when asked, and only at the times asked', () => {
    const r = computeReview(smallReview({ subgroupBy: null, survivalTimes: [24], median: false }))
    expect(r.outcomes.map((a) => a.id)).toEqual(['survival_24', 'hr'])
    expect(r.outcomes[0].subgroups).toEqual([])
    expect(r.survivalTable.rows.filter((x) => x.kind !== 'study').map((x) => x.kind)).toEqual([
      'overall',
    ])
    expect(r.forest[0].groups).toHaveLength(1)
    expect(r.forest[0].groups[0].label).toBeNull()
  })

  it('runs leave-one-out and Egger only where k allows, and says why not', () => {
    const r = computeReview(smallReview())
    const hr = r.outcomes.find((a) => a.kind === 'hr')!
    expect(hr.leaveOneOut).toEqual([])
    expect(hr.leaveOneOutNote).toMatch(/at least 3 pooled studies \(k = 1\)/)
    expect(hr.funnel).toBeNull()
    const s12 = r.outcomes[0]
    expect(s12.leaveOneOut).toHaveLength(s12.pool.k)
    expect(s12.egger?.pval).not.toBeNull()
    expect(s12.smallStudyNote).toMatch(/fewer than 10 studies/)
  })
})
