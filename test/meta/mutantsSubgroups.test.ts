/**
 * Subgroups, leave-one-out, Egger's test, the funnel data and the screening of studies before
 * pooling: the boundaries, defaults, options and messages that the dat.bcg goldens of
 * subgroupsLeaveOneOutEgger.test.ts and edgeCases.test.ts leave free (docs/mutation.md). R
 * references from test/golden/metaMutantsSurv.R (metafor rma, leave1out, regtest).
 */
import { describe, expect, it } from 'vitest'
import { eggerTest } from '../../src/shared/meta/eggerTest'
import { funnelData } from '../../src/shared/meta/funnelData'
import { leaveOneOut } from '../../src/shared/meta/leaveOneOut'
import { screenStudies } from '../../src/shared/meta/screenStudies'
import { rmaSubgroups } from '../../src/shared/meta/subgroups'
import type { StudyEffect } from '../../src/shared/meta/types'
import { expectAllClose, expectClose } from '../helpers/close'
import { metaMutantsSurv } from './metaMutantsSurvGolden'

const REL = { rel: 1e-10 }

/** dat.bcg (log risk ratios), subgroup "random" when allocation was random, else "other". */
function bcg(): StudyEffect[] {
  const d = metaMutantsSurv.bcg
  return d.yi.map((yi: number, i: number) => ({
    study: `s${i + 1}`,
    yi,
    vi: d.vi[i],
    subgroup: d.random[i] ? 'random' : 'other',
  }))
}

describe('subgroups', () => {
  it('two subgroups: the test on 1 df = metafor’s FE model over the two estimates', () => {
    const ref = metaMutantsSurv.subgroups_two
    const s = rmaSubgroups(bcg())
    // Order of first appearance: study 1 was randomised.
    expect(s.subgroups.map((g) => g.subgroup)).toEqual(['random', 'other'])
    for (const g of s.subgroups) {
      const r = ref.groups[g.subgroup]
      expect(g.result.k).toBe(r.k)
      expectClose(g.result.estimate, r.estimate, REL, `${g.subgroup} estimate`)
      expectClose(g.result.se, r.se, REL, `${g.subgroup} se`)
      // Each fit sees its own studies only, and no excluded one.
      expect(g.result.studies.map((x) => x.study)).toEqual(
        bcg()
          .filter((x) => x.subgroup === g.subgroup)
          .map((x) => x.study),
      )
      expect(g.result.notes.some((n) => n.includes('excluded'))).toBe(false)
    }
    expectClose(s.Q_between, ref.Q_between, REL, 'Q between')
    expect(s.Q_between_df).toBe(1)
    expectClose(s.Q_between_p, ref.Q_between_p, REL, 'Q between p')
    expect(s.notes).toEqual([])
  })
  it('a subgroup with SE 0 (HKSJ, identical estimates) is left out of the test, with a note', () => {
    const ref = metaMutantsSurv.subgroups_zero_se
    expect(ref.same_se).toBe(0)
    const same = [0.01, 0.02, 0.03].map((vi, i) => ({
      study: `same${i}`,
      yi: 0.3,
      vi,
      subgroup: 'same',
    }))
    const s = rmaSubgroups([...bcg(), ...same], { method: 'DL', test: 'knha' })
    expect(s.subgroups.find((g) => g.subgroup === 'same')!.result.se).toBe(0)
    expectClose(s.Q_between, ref.Q_between, REL, 'Q between the other two')
    expect(s.Q_between_df).toBe(1)
    expectClose(s.Q_between_p, ref.Q_between_p, REL, 'Q between p')
    expect(s.notes).toEqual([
      'subgroup "same" has no estimate and is left out of the test for subgroup differences',
    ])
  })
  it('one subgroup with an estimate: no test, saying why', () => {
    const studies = bcg().filter((x) => x.subgroup === 'random')
    const s = rmaSubgroups([...studies, { study: 'lost', yi: null, vi: 0.1, subgroup: 'empty' }])
    expect(s.Q_between).toBeNull()
    expect(s.Q_between_df).toBeNull()
    expect(s.Q_between_p).toBeNull()
    expect(s.notes).toEqual([
      'subgroup "empty" has no estimate and is left out of the test for subgroup differences',
      'test for subgroup differences needs at least two subgroups with an estimate',
    ])
  })
  it('studies without a subgroup form the group "(none)"', () => {
    const studies = bcg().map((x, i) => ({ ...x, subgroup: i < 6 ? undefined : null }))
    const s = rmaSubgroups(studies)
    expect(s.subgroups.map((g) => g.subgroup)).toEqual(['(none)'])
    expect(s.subgroups[0].result.k).toBe(13)
  })
})

describe('leave-one-out', () => {
  it('k = 2: two one-study fits (metafor leave1out)', () => {
    const ref = metaMutantsSurv.leave1out.two
    const rows = leaveOneOut(bcg().slice(0, 2))
    expect(rows.map((r) => r.study)).toEqual(['s1', 's2'])
    expectAllClose(
      rows.map((r) => r.estimate),
      ref.estimate,
      REL,
      'estimate',
    )
    expectAllClose(
      rows.map((r) => r.se),
      ref.se,
      REL,
      'se',
    )
    expectAllClose(
      rows.map((r) => r.ci_lower),
      ref.ci_lower,
      REL,
      'ci_lower',
    )
    expectAllClose(
      rows.map((r) => r.ci_upper),
      ref.ci_upper,
      REL,
      'ci_upper',
    )
  })
  it('at a 90% level, with an excluded study skipped (metafor leave1out, level = 90)', () => {
    const ref = metaMutantsSurv.leave1out.level90
    const studies = bcg()
    studies.splice(3, 0, { study: 'no vi', yi: 0.2, vi: null })
    const rows = leaveOneOut(studies, { method: 'DL', level: 0.9 })
    expect(rows.map((r) => r.study)).toEqual(bcg().map((s) => s.study))
    expectAllClose(
      rows.map((r) => r.estimate),
      ref.estimate,
      REL,
      'estimate',
    )
    expectAllClose(
      rows.map((r) => r.ci_lower),
      ref.ci_lower,
      REL,
      'ci_lower',
    )
    expectAllClose(
      rows.map((r) => r.ci_upper),
      ref.ci_upper,
      REL,
      'ci_upper',
    )
  })
  it('computes no τ² CI: its notes are only the fit’s own', () => {
    // Left without the middle study, DL's τ² CI would note that its upper bound is beyond the
    // search limit (edgeCases.test.ts, k = 2).
    const rows = leaveOneOut(
      [
        { study: 'a', yi: -5, vi: 0.04 },
        { study: 'b', yi: 0, vi: 0.05 },
        { study: 'c', yi: 5, vi: 0.09 },
      ],
      { method: 'DL' },
    )
    expect(rows.map((r) => r.notes)).toEqual([[], [], []])
    expect(rows.map((r) => r.tau2).every((t) => t !== null && t > 0)).toBe(true)
  })
})

describe("Egger's test", () => {
  const fields = [
    'statistic',
    'pval',
    'limit_estimate',
    'limit_ci_lower',
    'limit_ci_upper',
    'tau2',
    'slope',
    'slope_se',
  ] as const
  it('with no options: REML and z, as regtest(rma(yi, vi))', () => {
    const ref = metaMutantsSurv.egger.default
    const e = eggerTest(bcg())
    expect(e.method).toBe('REML')
    expect(e.test).toBe('z')
    expect(e.k).toBe(13)
    expect(e.df).toBeNull()
    for (const f of fields) expectClose(e[f], ref[f], REL, f)
  })
  it('at a 90% level under HKSJ, excluded studies left out (regtest, level = 90)', () => {
    const ref = metaMutantsSurv.egger.level90
    const studies = [{ study: 'no yi', yi: null, vi: 0.1 }, ...bcg()]
    const e = eggerTest(studies, { method: 'DL', test: 'knha', level: 0.9 })
    expect(e.k).toBe(13)
    expect(e.df).toBe(ref.df)
    for (const f of fields) expectClose(e[f], ref[f], REL, f)
  })
  it('needs three studies: k = 2 gives nulls and the count', () => {
    const e = eggerTest(bcg().slice(0, 2), { method: 'DL', test: 'knha' })
    expect(e).toEqual({
      k: 2,
      method: 'DL',
      test: 'knha',
      statistic: null,
      df: null,
      pval: null,
      slope: null,
      slope_se: null,
      limit_estimate: null,
      limit_ci_lower: null,
      limit_ci_upper: null,
      tau2: null,
      notes: ["Egger's test needs at least 3 studies (k = 2)"],
    })
    expect(eggerTest(bcg().slice(0, 3)).statistic).not.toBeNull()
  })
  it('a τ² estimator without an estimate gives nulls and its reason (metafor stops)', () => {
    const ref = metaMutantsSurv.egger.pm
    expect(ref.error).toContain("Value of 'tau2.max' too low")
    const studies = ref.yi.map((yi: number, i: number) => ({ study: `p${i}`, yi, vi: ref.vi[i] }))
    const e = eggerTest(studies, { method: 'PM', test: 'knha' })
    expect(e.k).toBe(5)
    expect(e.df).toBeNull()
    expect(e.statistic).toBeNull()
    expect(e.limit_estimate).toBeNull()
    expect(e.notes).toHaveLength(1)
    expect(e.notes[0]).toContain('Paule–Mandel: Q(τ²) stays above k − p')
  })
})

describe('funnel data', () => {
  it('at a 90% level: centre ± z(0.95)·max SE; excluded studies not plotted', () => {
    const studies: StudyEffect[] = [
      { study: 'a', yi: 0.1, vi: 0.04 },
      { study: 'gone', yi: null, vi: 0.1 },
      { study: 'b', yi: -0.2, sei: 0.5 },
      { study: 'c', yi: 0.3, vi: 0.09 },
    ]
    const f = funnelData(studies, 0.05, 0.9)!
    expect(f.points).toEqual([
      { study: 'a', yi: 0.1, sei: 0.2 },
      { study: 'b', yi: -0.2, sei: 0.5 },
      { study: 'c', yi: 0.3, sei: 0.3 },
    ])
    expect(f.center).toBe(0.05)
    expect(f.sei_max).toBe(0.5)
    expect(f.level).toBe(0.9)
    const z = metaMutantsSurv.qnorm_95 // qnorm(0.95)
    expectClose(f.lower_at_max, 0.05 - z * 0.5, { rel: 1e-14 }, 'lower at max')
    expectClose(f.upper_at_max, 0.05 + z * 0.5, { rel: 1e-14 }, 'upper at max')
  })
  it('null when the centre is not a number', () => {
    const studies = [{ study: 'a', yi: 0.1, vi: 0.04 }]
    expect(funnelData(studies, Number.NaN)).toBeNull()
    expect(funnelData(studies, Infinity)).toBeNull()
    expect(funnelData(studies, 0)).not.toBeNull()
  })
})

describe('screening studies before pooling', () => {
  it('messages in words, records with finite numbers or null, subgroups and notes kept', () => {
    const s = screenStudies([
      { study: 'ok', yi: 0.1, vi: 0.02, subgroup: 'A' },
      { study: 'sei', yi: 0.2, vi: Number.NaN, sei: 0.1 },
      { study: 'no yi', yi: undefined, vi: 0.02 },
      { study: 'none', yi: null, vi: null },
      { study: 'no vi', yi: 0.3, vi: null, sei: Number.NaN },
      { study: 'inf vi', yi: 0.3, vi: Infinity },
      { study: 'vi 0', yi: 0.3, vi: 0 },
      { study: 'noted', yi: 0.4, vi: 0.05, note: 'corrected' },
    ])
    expect(s.kept).toEqual([0, 1, 7])
    expect(s.yi).toEqual([0.1, 0.2, 0.4])
    expectAllClose(s.vi, [0.02, 0.01, 0.05], { rel: 1e-15 }, 'vi')
    expect(s.records.map((r) => [r.study, r.subgroup, r.yi, r.vi, r.excluded, r.reason])).toEqual([
      ['ok', 'A', 0.1, 0.02, false, null],
      ['sei', null, 0.2, s.vi[1], false, null],
      ['no yi', null, null, 0.02, true, 'missing effect size (yi)'],
      ['none', null, null, null, true, 'missing effect size (yi)'],
      ['no vi', null, 0.3, null, true, 'missing sampling variance (vi or sei)'],
      ['inf vi', null, 0.3, null, true, 'effect size or variance is not a finite number'],
      [
        'vi 0',
        null,
        0.3,
        0,
        true,
        'sampling variance vi ≤ 0: the study would get an infinite weight',
      ],
      ['noted', null, 0.4, 0.05, false, 'corrected'],
    ])
    expect(s.records.every((r) => r.weight === null)).toBe(true)
  })
})
