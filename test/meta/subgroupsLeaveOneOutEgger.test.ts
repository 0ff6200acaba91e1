import { describe, expect, it } from 'vitest'
import { eggerTest } from '../../src/shared/meta/eggerTest'
import { funnelData } from '../../src/shared/meta/funnelData'
import { leaveOneOut } from '../../src/shared/meta/leaveOneOut'
import { fitRma } from '../../src/shared/meta/rma'
import { rmaSubgroups } from '../../src/shared/meta/subgroups'
import { TAU2_METHODS, type MetaTest } from '../../src/shared/meta/types'
import { expectClose } from '../helpers/close'
import { golden } from './golden'

/**
 * Relative tolerance against metafor: the worst relative difference over these fields was 7e-14
 * (measured 2026-12-06). p-values are relative too (leave-one-out p-values reach 1e-26). The τ²
 * that metafor truncates at 0 is matched exactly, so there is no absolute floor.
 */
const REL = { rel: 1e-10 }
const bcg = golden.datasets.bcg
const bcgStudies = bcg.yi.map((yi: number, i: number) => ({
  study: bcg.study[i],
  yi,
  vi: bcg.vi[i],
  subgroup: bcg.subgroup[i],
}))

describe('subgroups on dat.bcg by allocation (metafor: separate fits + FE model on estimates)', () => {
  for (const method of TAU2_METHODS) {
    for (const test of ['z', 'knha'] as MetaTest[]) {
      it(`${method}, ${test}`, () => {
        const ref = golden.subgroups[`${method}_${test}`]
        const s = rmaSubgroups(bcgStudies, { method, test })
        expectClose(s.Q_between, ref.Q_between, REL, 'Q between')
        expectClose(s.Q_between_p, ref.Q_between_p, REL, 'Q between p')
        expect(s.Q_between_df).toBe(ref.Q_between_df)
        for (const g of ref.groups) {
          const mine = s.subgroups.find((x) => x.subgroup === g.subgroup)!.result
          expect(mine.k).toBe(g.k)
          for (const f of ['estimate', 'se', 'ci_lower', 'ci_upper', 'tau2', 'I2', 'Q'] as const) {
            expectClose(mine[f], g[f], REL, `${g.subgroup} ${f}`)
          }
        }
      })
    }
  }
  it('keeps subgroups in order of appearance and reports an empty subgroup', () => {
    const studies = [
      ...bcgStudies.slice(0, 4),
      { study: 'lost', yi: null, vi: 0.1, subgroup: 'empty' },
    ]
    const s = rmaSubgroups(studies)
    expect(s.subgroups.map((g) => g.subgroup)).toEqual([...new Set(studies.map((x) => x.subgroup))])
    const empty = s.subgroups.find((g) => g.subgroup === 'empty')!
    expect(empty.result.k).toBe(0)
    expect(s.notes.some((n) => n.includes('"empty"'))).toBe(true)
  })
})

describe('leave-one-out on dat.bcg (metafor leave1out)', () => {
  for (const method of TAU2_METHODS) {
    for (const test of ['z', 'knha'] as MetaTest[]) {
      it(`${method}, ${test}`, () => {
        const ref = golden.leave1out[`${method}_${test}`]
        const rows = leaveOneOut(bcgStudies, { method, test })
        expect(rows).toHaveLength(13)
        rows.forEach((row, i) => {
          expect(row.study).toBe(bcg.study[i])
          for (const f of [
            'estimate',
            'se',
            'statistic',
            'pval',
            'ci_lower',
            'ci_upper',
            'Q',
            'Q_p',
            'tau2',
            'I2',
            'H2',
          ] as const) {
            expectClose(row[f], ref[f][i], REL, `${bcg.study[i]} ${f}`)
          }
        })
      })
    }
  }
  it('is empty below two studies', () => {
    expect(leaveOneOut(bcgStudies.slice(0, 1))).toEqual([])
  })
})

describe("Egger's regression test (metafor regtest, model = 'rma', predictor = 'sei')", () => {
  for (const name of ['bcg', 'k40', 'bangertdrowns2004']) {
    const d = golden.datasets[name]
    const studies = d.yi.map((yi: number, i: number) => ({ study: `s${i}`, yi, vi: d.vi[i] }))
    for (const method of TAU2_METHODS) {
      for (const test of ['z', 'knha'] as MetaTest[]) {
        it(`${name} ${method} ${test}`, () => {
          const ref = golden.regtest[name][`${method}_${test}`]
          const e = eggerTest(studies, { method, test })
          for (const f of [
            'statistic',
            'pval',
            'df',
            'limit_estimate',
            'limit_ci_lower',
            'limit_ci_upper',
            'tau2',
            'slope',
            'slope_se',
          ] as const) {
            expectClose(e[f], ref[f], REL, `${f}`)
          }
        })
      }
    }
  }
  it('needs three studies', () => {
    const e = eggerTest(bcgStudies.slice(0, 2))
    expect(e.statistic).toBeNull()
    expect(e.notes[0]).toContain('at least 3 studies')
  })
})

describe('funnel plot data', () => {
  it('plots (yi, sei) around the pooled estimate with a 95% pseudo-confidence triangle', () => {
    const fit = fitRma(bcg.yi, bcg.vi)
    const f = funnelData(bcgStudies, fit.estimate!)!
    expect(f.points).toHaveLength(13)
    expectClose(f.points[2].sei, Math.sqrt(bcg.vi[2]), { rel: 1e-15 }, 'sei')
    const seMax = Math.max(...bcg.vi.map(Math.sqrt))
    expect(f.sei_max).toBe(seMax)
    // qnorm(0.975) = 1.959963984540054 (R)
    expectClose(f.upper_at_max - f.center, 1.959963984540054 * seMax, { rel: 1e-12 }, 'upper arm')
    expectClose(f.center - f.lower_at_max, 1.959963984540054 * seMax, { rel: 1e-12 }, 'lower arm')
  })
  it('is null with nothing to plot', () => {
    expect(funnelData([{ study: 'x', yi: null, vi: 1 }], 0)).toBeNull()
  })
})
