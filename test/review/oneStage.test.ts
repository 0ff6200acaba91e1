import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { defaultReviewSettings } from '../../src/shared/model/review'
import { parseReviewFile } from '../../src/shared/model/reviewFile'
import { oneStage, standardisedRmst } from '../../src/shared/review/oneStage'
import {
  type ArmIpd,
  computeReview,
  type PreparedStudy,
  ReviewCache,
} from '../../src/shared/review'
import { parseTable } from '../../src/shared/formats/table'
import { coxStratified, kaplanMeier } from '../../src/shared/survival'
import { combinedCurvesPlot } from '../../src/shared/figures'
import { loadReviewStudySync } from '../../src/node/reviewFolder'
import { reviewFiles } from '../../src/node/reviewResults'

/**
 * R's values, written by test/golden/onestage.R: survRM2::rmst2 per study at tau, metafor's
 * rma(method = "REML") of the differences, the study-size-weighted one-stage difference, and
 * coxph(Surv(time, event) ~ arm + strata(study)) with cox.zph.
 */
interface GoldenRmst {
  name: string
  tau: number
  input: { time: number[]; event: number[]; arm: string[]; study: string[] }
  studies: {
    study: string
    rmst_a: number
    se_a: number
    rmst_b: number
    se_b: number
    diff: number
    diff_se: number
    diff_lower: number
    diff_p: number
    ratio: number
    ratio_lower: number
    ratio_upper: number
  }[]
  pooled: { estimate: number; se: number; tau2: number }
  one_stage: Record<
    'diff' | 'se' | 'rmst_a' | 'se_a' | 'rmst_b' | 'se_b' | 'ratio' | 'ratio_lower' | 'ratio_upper',
    number
  >
}

const golden = JSON.parse(
  readFileSync(new URL('../golden/onestage.json', import.meta.url), 'utf8'),
) as {
  rmst: GoldenRmst[]
  stratified: { name: string; coxph: { hr: number; p_lr: number }; zph: { p: number } }[]
  clustered: {
    name: string
    input: { time: number[]; event: number[]; subgroup: string[]; study: string[] }
    coxph: Record<'hr' | 'lower' | 'p_wald' | 'p_lr', number>
    zph: { p: number }
  }[]
}

/** Two-arm studies as the review prepares them: arm A is each study's reference. */
function studiesOf(input: GoldenRmst['input']): PreparedStudy[] {
  const ids = [...new Set(input.study)].sort()
  return ids.map((id, index) => {
    const arm = (name: string): ArmIpd => {
      const rows = input.study.flatMap((s, i) => (s === id && input.arm[i] === name ? [i] : []))
      return {
        arm: name,
        time: rows.map((i) => input.time[i]),
        event: rows.map((i) => input.event[i] as 0 | 1),
      }
    }
    return {
      index,
      label: id,
      subgroup: null,
      excludedReason: null,
      ipd: [arm('B'), arm('A')],
      pooledArm: 'B',
      cox: { beta: 0, se: 1, arm: 'B', reference: 'A', nArm: 0, nReference: 0 },
    } as unknown as PreparedStudy
  })
}

describe('oneStage RMST against survRM2::rmst2 and metafor::rma', () => {
  const settings = { ...defaultReviewSettings(), subgroupBy: null }
  for (const g of golden.rmst) {
    it(g.name, () => {
      const result = oneStage(studiesOf(g.input), settings)!
      expect(result.tau).toBe(g.tau)
      expect(result.tauDefault).toBe(g.tau)
      for (const s of g.studies) {
        const row = (arm: string) => result.rmst.find((r) => r.study === s.study && r.arm === arm)
        expectClose(row('A')?.rmst, s.rmst_a, { rel: 1e-10 }, `${s.study} RMST A`)
        expectClose(row('A')?.se, s.se_a, { rel: 1e-10 }, `${s.study} SE A`)
        expectClose(row('B')?.rmst, s.rmst_b, { rel: 1e-10 }, `${s.study} RMST B`)
        expectClose(row('B')?.se, s.se_b, { rel: 1e-10 }, `${s.study} SE B`)
        const c = result.rmstComparisons.find((x) => x.method === 'study' && x.label === s.study)
        expectClose(c?.diff, s.diff, { rel: 1e-10, abs: 1e-12 }, `${s.study} difference`)
        expectClose(c?.diffLower, s.diff_lower, { rel: 1e-10 }, `${s.study} difference lower`)
        expectClose(c?.p, s.diff_p, { rel: 1e-8 }, `${s.study} difference p`)
        expectClose(c?.ratio, s.ratio, { rel: 1e-10 }, `${s.study} ratio`)
        expectClose(c?.ratioLower, s.ratio_lower, { rel: 1e-10 }, `${s.study} ratio lower`)
        expectClose(c?.ratioUpper, s.ratio_upper, { rel: 1e-10 }, `${s.study} ratio upper`)
      }
      const pooled = result.rmst.find(
        (r) =>
          r.study === 'pooled' && r.arm.startsWith('difference') && r.arm.includes('two-stage'),
      )
      expectClose(pooled?.rmst, g.pooled.estimate, { rel: 1e-6 }, 'two-stage difference')
      expectClose(pooled?.se, g.pooled.se, { rel: 1e-6 }, 'two-stage SE')
      const one = result.rmst.find(
        (r) =>
          r.study === 'pooled' && r.arm.startsWith('difference') && r.arm.includes('one-stage'),
      )
      expectClose(one?.rmst, g.one_stage.diff, { rel: 1e-10 }, 'one-stage difference')
      expectClose(one?.se, g.one_stage.se, { rel: 1e-10 }, 'one-stage SE')
      const arm = (name: string) =>
        result.rmst.find((r) => r.study === 'pooled' && r.arm === `${name}, one-stage stratified`)
      expectClose(arm('other arm')?.rmst, g.one_stage.rmst_b, { rel: 1e-10 }, 'one-stage RMST B')
      expectClose(arm('other arm')?.se, g.one_stage.se_b, { rel: 1e-10 }, 'one-stage SE B')
      expectClose(arm('reference arm')?.rmst, g.one_stage.rmst_a, { rel: 1e-10 }, 'RMST A')
      expectClose(arm('reference arm')?.se, g.one_stage.se_a, { rel: 1e-10 }, 'SE A')
      const c = result.rmstComparisons.find((x) => x.method === 'one-stage')
      expectClose(c?.ratio, g.one_stage.ratio, { rel: 1e-10 }, 'one-stage ratio')
      expectClose(c?.ratioLower, g.one_stage.ratio_lower, { rel: 1e-10 }, 'one-stage ratio lower')
      expectClose(c?.ratioUpper, g.one_stage.ratio_upper, { rel: 1e-10 }, 'one-stage ratio upper')
    })
  }

  it('the stratified Cox row is coxph(~ arm + strata(study)) and cox.zph', () => {
    const g = golden.rmst.find((r) => r.name === 'five_studies')!
    const r = golden.stratified.find((s) => s.name === 'five_studies')!
    const result = oneStage(studiesOf(g.input), settings)!
    const row = result.cox[0]
    expect(row.model).toBe('Cox stratified by study')
    expect(row.observational).toBe(false)
    expectClose(row.hr, r.coxph.hr, { rel: 1e-6 }, 'hr')
    expectClose(row.pLR, r.coxph.p_lr, { rel: 1e-6 }, 'p LR')
    expectClose(row.phP, r.zph.p, { rel: 1e-6 }, 'p PH')
  })

  it('between subgroups of single-arm studies: coxph(~ subgroup, cluster = study), observational', () => {
    const g = golden.clustered.find((c) => c.name === 'eight_studies')!
    const ids = [...new Set(g.input.study)]
    const studies = ids.map((id, index) => {
      const rows = g.input.study.flatMap((s, i) => (s === id ? [i] : []))
      return {
        index,
        label: id,
        subgroup: g.input.subgroup[rows[0]],
        excludedReason: null,
        ipd: [
          {
            arm: 'All',
            time: rows.map((i) => g.input.time[i]),
            event: rows.map((i) => g.input.event[i]),
          },
        ],
        pooledArm: 'All',
        cox: null,
      } as unknown as PreparedStudy
    })
    const result = oneStage(studies, defaultReviewSettings())!
    expect(result.cox).toHaveLength(1)
    const row = result.cox[0]
    expect(row.comparison).toBe('late vs early (single-arm studies)')
    expect(row.observational).toBe(true)
    expect(row.k).toBe(8)
    expectClose(row.hr, g.coxph.hr, { rel: 1e-6 }, 'hr')
    expectClose(row.lower, g.coxph.lower, { rel: 1e-6 }, 'robust lower')
    expectClose(row.pWald, g.coxph.p_wald, { rel: 1e-6 }, 'robust Wald p')
    expectClose(row.pLR, g.coxph.p_lr, { rel: 1e-6 }, 'LR p (model-based, as R)')
    expectClose(row.phP, g.zph.p, { rel: 1e-6 }, 'cox.zph p')
    expect(result.curvesBySubgroup.map((c) => [c.label, c.k])).toEqual([
      ['early', 4],
      ['late', 4],
    ])
    expect(result.rmstComparisons.some((c) => c.method === 'observational')).toBe(true)
  })

  it('an edited tau is used and one past the follow-up is reported', () => {
    const g = golden.rmst[0]
    const result = oneStage(studiesOf(g.input), settings, { tau: g.tau + 100 })!
    expect(result.tau).toBe(g.tau + 100)
    expect(result.notes.join(' ')).toMatch(/extrapolation/)
  })

  it('weights the one-stage RMST by study size', () => {
    // 1·(1/4) + 3·(3/4) = 2.5; variance (1/4)²·4 + (3/4)²·4 = 2.5
    const arms = [
      { rmst: 1, se: 2, tau: 5 },
      { rmst: 3, se: 2, tau: 5 },
    ]
    const s = standardisedRmst(arms, [10, 30])
    expectClose(s.rmst, 2.5, {}, 'RMST')
    expectClose(s.se, Math.sqrt(2.5), {}, 'SE')
    expect(s.tau).toBe(5)
  })
})

describe('the example review: one_stage.csv and rmst.csv from the IPD of ipd.csv', () => {
  const dir = resolve(import.meta.dirname, '../../examples/metastasectomy')
  const review = parseReviewFile(
    readFileSync(join(dir, 'metastasectomy.kmreview'), 'utf8'),
    'metastasectomy.kmreview',
  )
  const result = computeReview({
    title: review.title,
    settings: review.settings,
    studies: review.studies.map((e) => ({ ...e, ...loadReviewStudySync(dir, e.path) })),
  })
  const files = new Map(reviewFiles(result, { png: false, dpi: 72 }))
  const table = (name: string) => parseTable(String(files.get(name)), name)

  it('the stratified Cox row refits from ipd.csv', () => {
    const ipd = table('ipd.csv')
    const col = (name: string) => ipd.header!.indexOf(name)
    // The two-arm studies and their reference arms, as the review's hazard ratios use them.
    const references = new Map(
      result.studies.filter((p) => p.cox).map((p) => [p.label, p.cox!.reference]),
    )
    const rows = ipd.rows.filter((r) => references.has(r[col('study')]))
    const fit = coxStratified(
      rows.map((r) => Number(r[col('time')])),
      rows.map((r) => Number(r[col('event')])),
      rows.map((r) => (r[col('arm')] === references.get(r[col('study')]) ? 0 : 1)),
      rows.map((r) => r[col('study')]),
      { ref: 0 },
    )
    const oneStage = table('one_stage.csv')
    expect(oneStage.header).toEqual([
      'comparison',
      'model',
      'hr',
      'lower',
      'upper',
      'p_wald',
      'p_lr',
      'ph_p',
    ])
    const row = oneStage.rows.find((r) => r[1] === 'Cox stratified by study')!
    // one_stage.csv writes the HR to 4 decimals (≤ 5e-5, 1.2e-4 of this HR of 0.45) and p-values
    // to 3 significant digits (≤ 0.5%): the refit from ipd.csv agrees to that rounding.
    expectClose(Number(row[2]), fit.hr, { rel: 2e-4 }, 'hr')
    expectClose(Number(row[6]), fit.pLR, { rel: 5e-3 }, 'p LR')
    expectClose(Number(row[7]), fit.zph?.p, { rel: 5e-3 }, 'p PH')
    expect(oneStage.rows.filter((r) => r[1].includes('observational across studies'))).toHaveLength(
      3,
    )
  })

  it('rmst.csv has every arm of ipd.csv at one tau, and pooled rows', () => {
    const ipd = table('ipd.csv')
    const rmstRows = table('rmst.csv')
    expect(rmstRows.header).toEqual(['study', 'subgroup', 'arm', 'tau', 'rmst', 'se'])
    const arms = new Set(ipd.rows.map((r) => `${r[0]}|${r[2]}`))
    const listed = new Set(
      rmstRows.rows.filter((r) => r[0] !== 'pooled').map((r) => `${r[0]}|${r[2]}`),
    )
    for (const a of arms) expect(listed, a).toContain(a)
    expect(new Set(rmstRows.rows.map((r) => r[3])).size).toBe(1)
    expect(rmstRows.rows.some((r) => r[0] === 'pooled')).toBe(true)
  })

  it('is not refitted when a setting it does not use changes', () => {
    const cache = new ReviewCache()
    const input = {
      title: review.title,
      settings: review.settings,
      studies: review.studies.map((e) => ({ ...e, ...loadReviewStudySync(dir, e.path) })),
    }
    const first = computeReview(input, { cache })
    const scale = computeReview(
      { ...input, settings: { ...input.settings, scale: 'log' } },
      { cache },
    )
    expect(scale.oneStage).toBe(first.oneStage)
    const tau = computeReview(input, { cache, rmstTau: 12 })
    expect(tau.oneStage).not.toBe(first.oneStage)
    expect(tau.oneStage?.tau).toBe(12)
  })

  it('the view and the methods carry the section', () => {
    expect(result.oneStage?.cox).toHaveLength(4)
    expect(result.methods.paragraphs.at(-1)).toMatch(/^One-stage analyses/)
    expect(result.methods.references.filter((r) => r.startsWith('Cox DR'))).toHaveLength(1)
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['one_stage_curves_arm.svg', 'one_stage_curves_subgroup.svg']),
    )
    expect(String(files.get('one_stage_curves_arm.svg'))).toContain('Naive pooling')
  })
})

describe('combinedCurvesPlot', () => {
  it('prints the numbers at risk at each tick and the naive-pooling caveat', () => {
    const fit = kaplanMeier([1, 2, 3, 4], [1, 0, 1, 0])
    const figure = combinedCurvesPlot([{ label: 'Curve A', k: 2, fit }], {
      timeUnit: 'months',
      title: 'test',
    })
    const texts = [...figure.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])
    const table = texts.slice(texts.indexOf('Number at risk') + 1)
    // Ticks 0–4: everyone at 0 and 1, then 3, 2, 1 still followed.
    expect(table.slice(0, 6)).toEqual(['Curve A', '4', '4', '3', '2', '1'])
    expect(texts).toContain('Curve A (k = 2, 4 patients, 2 events)')
    expect(figure.svg).toContain('Naive pooling')
  })
})
