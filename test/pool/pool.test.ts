import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { parseTable } from '../../src/shared/formats/table'
import { rma } from '../../src/shared/meta'
import { effectsFromTable, poolEffects, type PoolResult } from '../../src/shared/pool'
import { expectClose } from '../helpers/close'

const ROOT = resolve(import.meta.dirname, '../..')
const REVIEW = resolve(ROOT, 'examples/review-table5.csv')

interface GoldenFit {
  estimate: number
  se: number
  ci_lower: number
  ci_upper: number
  tau2: number
  I2: number
  Q: number
  Q_p: number
  k: number
}
interface Golden extends GoldenFit {
  time: number
  method: 'REML' | 'DL'
  test: 'z' | 'knha'
  yi: (number | null)[]
  vi: (number | null)[]
  studies: string[]
  pi_lower: number
  pi_upper: number
  subgroups: (GoldenFit & { subgroup: string })[]
  Q_between: number
  Q_between_p: number
}

// Rscript test/golden/pool.R: metafor::rma(yi, vi, method, test) on the cloglog effect sizes of
// the review's Table 5 at 12 and 60 months, overall and per subgroup, with predict() for the PI.
const golden: Golden[] = JSON.parse(readFileSync(resolve(ROOT, 'test/golden/pool.json'), 'utf8'))

function runJson(...argv: string[]): PoolResult {
  let out = ''
  let err = ''
  const code = main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) })
  expect(err).toBe('')
  expect(code).toBe(0)
  return JSON.parse(out)
}

/**
 * Relative tolerance against metafor: kmpool follows metafor's algorithms step for step, so
 * estimates, SEs, τ², Q and the p-values agree to about 1e-13 relatively; 1e-10 keeps every digit
 * a reader sees, and a p-value set to 0 fails. Excluded studies have yi = vi = null (R's NA).
 */
const REL = { rel: 1e-10 }

describe('kmpool pool on the review of DESIGN.md section 1 (Table 5)', () => {
  for (const g of golden) {
    it(`survival at ${g.time} months, ${g.method}${g.test === 'knha' ? ' + HKSJ' : ''}, matches metafor (relative 1e-10)`, () => {
      const args = ['pool', '--input', REVIEW, '--outcome', 'survival', '--time', String(g.time)]
      args.push('--method', g.method, '--by', 'subgroup', '--json')
      if (g.test === 'knha') args.push('--hksj')
      const r = runJson(...args)
      r.studies.forEach((s, i) => {
        expect(s.study).toBe(g.studies[i])
        expectClose(s.yi, g.yi[i], REL, `${s.study} yi`)
        expectClose(s.vi, g.vi[i], REL, `${s.study} vi`)
      })
      for (const key of [
        'estimate',
        'se',
        'ci_lower',
        'ci_upper',
        'tau2',
        'I2',
        'Q',
        'Q_p',
      ] as const) {
        expectClose(r[key], g[key], REL, key)
      }
      expectClose(r.pi_lower, g.pi_lower, REL, 'pi_lower')
      expectClose(r.pi_upper, g.pi_upper, REL, 'pi_upper')
      expect(r.k).toBe(g.k)
      for (const sg of g.subgroups) {
        const mine = r.subgroups.find((x) => x.subgroup === sg.subgroup)!
        expect(mine.k).toBe(sg.k)
        expectClose(mine.estimate, sg.estimate, REL, `${sg.subgroup} estimate`)
        expectClose(mine.se, sg.se, REL, `${sg.subgroup} se`)
        expectClose(mine.ci_lower, sg.ci_lower, REL, `${sg.subgroup} ci_lower`)
        expectClose(mine.ci_upper, sg.ci_upper, REL, `${sg.subgroup} ci_upper`)
        expectClose(mine.tau2, sg.tau2, REL, `${sg.subgroup} tau2`)
        expectClose(mine.I2, sg.I2, REL, `${sg.subgroup} I2`)
      }
      expectClose(r.Q_between, g.Q_between, REL, 'Q_between')
      expectClose(r.Q_between_p, g.Q_between_p, REL, 'Q_between_p')
      expect(r.pooled!.lower).toBeLessThan(r.pooled!.value)
      expect(r.pooled!.value).toBeLessThan(r.pooled!.upper)
    })
  }

  it('prints every field of the contract', () => {
    const r = runJson(
      'pool',
      '--input',
      REVIEW,
      '--outcome',
      'survival',
      '--time',
      '60',
      '--by',
      'subgroup',
      '--json',
    )
    for (const key of [
      'outcome',
      'method',
      'hksj',
      'scale',
      'k',
      'estimate',
      'se',
      'ci_lower',
      'ci_upper',
      'pi_lower',
      'pi_upper',
      'tau2',
      'tau2_ci_lower',
      'tau2_ci_upper',
      'I2',
      'H2',
      'Q',
      'Q_df',
      'Q_p',
      'pooled',
      'studies',
      'subgroups',
      'Q_between',
      'Q_between_df',
      'Q_between_p',
    ]) {
      expect(r).toHaveProperty(key)
    }
    expect(Object.keys(r.studies[0])).toEqual(
      expect.arrayContaining(['study', 'subgroup', 'yi', 'vi', 'weight', 'excluded', 'reason']),
    )
    expect(Object.keys(r.subgroups[0])).toEqual(
      expect.arrayContaining([
        'subgroup',
        'k',
        'estimate',
        'se',
        'ci_lower',
        'ci_upper',
        'tau2',
        'I2',
        'pooled',
      ]),
    )
    expect(r.scale).toBe('cloglog')
    expect(r.method).toBe('REML')
  })

  it('reports the rule applied to S = 0 and S = 1 per study; never an infinite weight', () => {
    const at12 = runJson(
      'pool',
      '--input',
      REVIEW,
      '--outcome',
      'survival',
      '--time',
      '12',
      '--json',
    )
    const chen = at12.studies.find((s) => s.study === 'Chen 1998')!
    expect(chen.excluded).toBe(false)
    expect(chen.reason).toMatch(/^S = 1: continuity correction/)
    const at60 = runJson(
      'pool',
      '--input',
      REVIEW,
      '--outcome',
      'survival',
      '--time',
      '60',
      '--json',
    )
    expect(at60.studies.find((s) => s.study === 'Deguchi 2020')!.reason).toMatch(
      /^S = 0: continuity correction/,
    )
    for (const s of [...at12.studies, ...at60.studies]) {
      expect(Number.isFinite(s.vi!)).toBe(true)
      expect(s.vi!).toBeGreaterThan(0)
    }
  })
})

const table = (text: string) => parseTable(text, 'in.csv')

describe('pool inputs', () => {
  it('excludes a study with nobody at risk while S > 0, with its reason', () => {
    const t = table('study,time,surv,n_risk\nA,60,0.5,10\nB,60,0.3,0\nC,60,0.4,8\n')
    const r = poolEffects(
      effectsFromTable(t, { outcome: 'survival', time: 60 }),
      { outcome: 'survival', time: 60 },
      'cloglog',
    )
    const b = r.studies.find((s) => s.study === 'B')!
    expect(b.excluded).toBe(true)
    expect(b.reason).toMatch(/nobody at risk/)
    expect(r.k).toBe(2)
  })

  it('reads generic effects with sei and matches rma directly', () => {
    const t = table('study,yi,sei\nA,-0.9,0.3\nB,-0.2,0.2\nC,-1.4,0.5\n')
    const r = poolEffects(
      effectsFromTable(t, { outcome: 'generic' }),
      { outcome: 'generic' },
      'identity',
    )
    const direct = rma([
      { study: 'A', yi: -0.9, sei: 0.3 },
      { study: 'B', yi: -0.2, sei: 0.2 },
      { study: 'C', yi: -1.4, sei: 0.5 },
    ])
    expect(r.estimate).toBe(direct.estimate)
    expect(r.pooled!.value).toBe(direct.estimate)
  })

  it('pools medians from CIs and from ranges (Hozo), marking each method', () => {
    const t = table(
      'study,median,lower,upper,min,max,n\nA,24,18,30,,,\nB,30,,,4,80,12\nC,36,28,50,,,\n',
    )
    const effects = effectsFromTable(t, { outcome: 'median', rangeMethod: 'hozo' })
    expect(effects.map((e) => e.method)).toEqual([
      'ci-log',
      expect.stringMatching(/^range-hozo-2005/),
      'ci-log',
    ])
    const r = poolEffects(effects, { outcome: 'median' }, 'log')
    expect(r.pooled!.value).toBeGreaterThan(24)
    expect(r.pooled!.value).toBeLessThan(36)
  })

  it('pools survival and medians from IPD with a study column, and HRs from two-arm IPD', () => {
    const rows = ['study,arm,time,event']
    for (const [study, scaleA, scaleB] of [
      ['S1', 10, 20],
      ['S2', 12, 18],
    ] as const) {
      for (let i = 1; i <= 30; i++) {
        rows.push(`${study},A,${((i * scaleA) / 15).toFixed(2)},${i % 4 === 0 ? 0 : 1}`)
        rows.push(`${study},B,${((i * scaleB) / 15).toFixed(2)},${i % 5 === 0 ? 0 : 1}`)
      }
    }
    const t = table(rows.join('\n'))
    const surv = effectsFromTable(t, { outcome: 'survival', time: 12 })
    expect(surv.map((e) => e.method)).toEqual(['greenwood (IPD)', 'greenwood (IPD)'])
    const med = effectsFromTable(t, { outcome: 'median' })
    expect(med.every((e) => e.yi !== null)).toBe(true)
    const hr = poolEffects(effectsFromTable(t, { outcome: 'hr' }), { outcome: 'hr' }, 'log')
    expect(hr.k).toBe(2)
    // Arm B lives twice as long in S1 and 1.5 times in S2: its hazard is lower than A's.
    expect(hr.pooled!.value).toBeLessThan(1)
    expect(hr.studies[0].reason).toBe('HR of B vs A')
  })

  it('k = 0 and k = 1 say so in the notes', () => {
    const one = poolEffects(
      effectsFromTable(table('study,yi,vi\nA,0.5,0.1\n'), { outcome: 'generic' }),
      { outcome: 'generic' },
      'identity',
    )
    expect(one.k).toBe(1)
    expect(one.notes.join(' ')).toMatch(/k = 1/)
    const none = poolEffects(
      effectsFromTable(table('study,yi,vi\nA,0.5,0\n'), { outcome: 'generic' }),
      { outcome: 'generic' },
      'identity',
    )
    expect(none.k).toBe(0)
    expect(none.estimate).toBeNull()
    expect(none.studies[0].reason).toMatch(/vi ≤ 0/)
    expect(none.notes.join(' ')).toMatch(/k = 0/)
  })
})

describe('kmpool pool errors', () => {
  const fails = (pattern: RegExp, ...argv: string[]) => {
    let err = ''
    const code = main(argv, { stdout: () => undefined, stderr: (s) => (err += s) })
    expect(code).not.toBe(0)
    expect(err).toMatch(pattern)
    expect(err.trim().split('\n')).toHaveLength(1)
  }
  it('names what is missing', () => {
    fails(
      /give --time: the file has survival at 5 times/,
      'pool',
      '--input',
      REVIEW,
      '--outcome',
      'survival',
    )
    fails(/no row at time 7/, 'pool', '--input', REVIEW, '--outcome', 'survival', '--time', '7')
    fails(
      /no column "site"/,
      'pool',
      '--input',
      REVIEW,
      '--outcome',
      'survival',
      '--time',
      '12',
      '--by',
      'site',
    )
    fails(/--outcome must be one of/, 'pool', '--input', REVIEW, '--outcome', 'os')
    fails(
      /--method must be one of/,
      'pool',
      '--input',
      REVIEW,
      '--outcome',
      'survival',
      '--method',
      'XX',
    )
    fails(/medians need columns/, 'pool', '--input', REVIEW, '--outcome', 'median')
  })
})
