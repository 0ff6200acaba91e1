import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { combescureCurve, REASON_NO_INTERVAL } from '../../src/shared/meta/combescureCurve'
import { pooledSurvivalPointwise } from '../../src/shared/meta/pooledSurvivalPointwise'
import { symmetricEigen, truncateToPsd } from '../../src/shared/meta/symmetricEigen'
import { expectClose } from '../helpers/close'
import { golden } from './golden'

/** The leiomyosarcoma table (DESIGN.md §5) as golden/meta.R lays it out. */
const LMS = {
  study: [
    'Anraku 2003',
    'Burt 2011',
    'Chen 1998',
    'Ercolani 2005',
    'Faraj 2015',
    'Farid 2013',
    'Goumard 2018',
    'Kato 2020',
    'Kim 2017',
  ],
  n: [11, 31, 11, 10, 5, 11, 55, 10, 10],
  surv: [
    [0.64, 0.55, 0.38, 0.38, 0.38],
    [0.98, 0.87, 0.72, 0.64, 0.52],
    [1.0, 0.72, 0.52, 0.35, 0.0],
    [0.8, 0.6, 0.6, 0.5, 0.3],
    [0.6, 0.4, 0.2, 0.0, 0.0],
    [1.0, 1.0, 0.78, 0.78, 0.67],
    [0.98, 0.89, 0.69, 0.58, 0.52],
    [0.9, 0.7, 0.6, 0.5, 0.4],
    [1.0, 0.58, 0.58, 0.58, 0.58],
  ],
  nRisk: [
    [7, 5, 4, 3, 2],
    [29, 25, 19, 16, 13],
    [11, 7, 4, 1, 0],
    [8, 6, 6, 5, 3],
    [3, 2, 1, 0, 0],
    [11, 9, 7, 7, 6],
    [52, 36, 26, 19, 17],
    [9, 7, 6, 5, 4],
    [8, 2, 2, 1, 1],
  ],
}
const TIMES = [12, 24, 36, 48, 60]

/** Relative tolerance against metafor's REML fits (kmpool follows its iterations step for step). */
const REL = { rel: 1e-10 }

describe('pointwise pooled survival (cloglog, Peto, REML) against metafor', () => {
  const rows = LMS.study.flatMap((study, i) =>
    TIMES.map((time, j) => ({
      study,
      time,
      n: LMS.n[i],
      surv: LMS.surv[i][j],
      nRisk: LMS.nRisk[i][j],
      source: { kind: 'peto' as const },
    })),
  )
  // Fitted inside each test, not while the file loads, so that mutation testing's per-test
  // coverage sees which tests reach the meta-analysis code (docs/mutation.md).
  const fitCurve = () => pooledSurvivalPointwise(rows, { method: 'REML' })
  it('matches estimate, SE, τ² and the back-transformed CI at every time', () => {
    const curve = fitCurve()
    expect(curve.points.map((p) => p.time)).toEqual(TIMES)
    curve.points.forEach((p, i) => {
      const ref = golden.pointwise[i]
      p.fit.studies
        .filter((s) => !s.excluded)
        .forEach((s, j) => {
          expect(s.study).toBe(ref.studies[j])
          expectClose(s.yi, ref.yi[j], { rel: 1e-12 }, 'yi')
          expectClose(s.vi, ref.vi[j], { rel: 1e-12 }, 'vi')
        })
      expectClose(p.fit.estimate, ref.estimate, REL, 'estimate')
      expectClose(p.fit.se, ref.se, REL, 'se')
      expectClose(p.fit.tau2, ref.tau2, REL, 'tau2')
      expectClose(p.pooled!.value, ref.pooled, REL, 'pooled')
      expectClose(p.pooled!.lower, ref.pooled_lower, REL, 'lower')
      expectClose(p.pooled!.upper, ref.pooled_upper, REL, 'upper')
    })
  })
  it('reports the continuity corrections per study', () => {
    const curve = fitCurve()
    const at60 = curve.points[4].fit.studies
    expect(at60.find((s) => s.study === 'Chen 1998')!.reason).toContain(
      'S = 0: continuity correction',
    )
    expect(curve.monotone).toBe(true)
  })
})

describe('Combescure et al. (2014) pooled curve', () => {
  const studies = LMS.study.map((study, i) => ({
    study,
    n: LMS.n[i],
    surv: LMS.surv[i],
    nRisk: LMS.nRisk[i],
  }))
  it('curve and CI match RISCA::survival.summary (test/golden/risca.R) and are non-increasing', () => {
    const risca = JSON.parse(
      readFileSync(new URL('../golden/risca.json', import.meta.url), 'utf8'),
    ).lms
    const c = combescureCurve(TIMES, studies)
    expect(c.times).toEqual(TIMES)
    c.surv.forEach((s, j) => {
      expectClose(s, risca.surv[j], { rel: 1e-6 }, `surv ${j}`)
      // RISCA's limits use z = 1.96, kmpool's 1.959964 (a factor exp(3.6e-5·se) apart).
      expectClose(c.lower[j], risca.lower[j], { rel: 1e-4 }, `lower ${j}`)
      expectClose(c.upper[j], Math.min(1, risca.upper[j]), { rel: 1e-4 }, `upper ${j}`)
      expect(c.lower[j]).toBeLessThanOrEqual(s)
      expect(c.upper[j]).toBeGreaterThanOrEqual(s)
      if (j > 0) expect(s).toBeLessThanOrEqual(c.surv[j - 1])
    })
    expect(c.k).toEqual([9, 9, 9, 9, 8])
    expectClose(c.median.median, risca.median, { rel: 1e-6 }, 'median')
  })
  it('the log scale gives a non-increasing curve too, with Haldane-corrected intervals noted', () => {
    const c = combescureCurve(TIMES, studies, { scale: 'log' })
    for (let j = 1; j < c.surv.length; j++) expect(c.surv[j]).toBeLessThanOrEqual(c.surv[j - 1])
    expect(c.notes.some((n) => n.includes('Haldane'))).toBe(true)
  })
  it('a study with no usable interval is excluded with the reason; uncovered intervals cut the curve', () => {
    const c = combescureCurve(
      [12, 24, 36],
      [
        { study: 'a', n: 20, surv: [0.9, 0.8, null], nRisk: [18, 15, null] },
        { study: 'b', n: 30, surv: [0.85, 0.7, null], nRisk: [25, 20, null] },
        { study: 'c', n: 0, surv: [null, null, null], nRisk: [null, null, null] },
      ],
    )
    expect(c.studies[2]).toEqual({
      study: 'c',
      intervals: [],
      excluded: true,
      reason: REASON_NO_INTERVAL,
    })
    expect(c.times).toEqual([12, 24])
    expect(c.notes.some((n) => n.includes('the curve stops at 24'))).toBe(true)
  })
})

describe('symmetric eigen-decomposition', () => {
  it('reconstructs the matrix and truncates negative eigenvalues', () => {
    const m = Float64Array.from([4, 1, 2, 1, -3, 0.5, 2, 0.5, 1])
    const { values, vectors } = symmetricEigen(m, 3)
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0
        for (let e = 0; e < 3; e++) s += vectors[i * 3 + e] * values[e] * vectors[j * 3 + e]
        expectClose(s, m[i * 3 + j], { rel: 1e-12 }, `V Λ Vᵀ [${i}][${j}]`)
      }
    const psd = truncateToPsd(m, 3)
    expect(psd.truncated).toBe(1)
    expect(Math.min(...symmetricEigen(psd.matrix, 3).values)).toBeGreaterThan(-1e-12)
  })
})
