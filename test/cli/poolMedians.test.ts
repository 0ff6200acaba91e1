/**
 * `kmpool pool --outcome median` from medians reported with their range, quartiles or both
 * (issue 11, point 3): QE by default (tested against metamedian in test/meta/qeMedian.test.ts),
 * Hozo, Wan, Luo, BC or MLN on request, each study marked with what was done.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { REASON_BOXCOX_INVALID, REASON_RANGE_HOZO_IQR } from '../../src/shared/meta/medianFromRange'
import type { PoolResult } from '../../src/shared/pool'

function pool(
  text: string,
  ...extra: string[]
): { code: number; r: PoolResult | null; err: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'kmpool-med-')), 'm.csv')
  writeFileSync(path, text)
  let out = ''
  let err = ''
  const code = main(['pool', '--outcome', 'median', '--input', path, '--json', ...extra], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  })
  return { code, r: code === 0 ? JSON.parse(out) : null, err }
}

const ALL = [
  'study,min,q1,median,q3,max,n',
  'range,3,,27,,96,40',
  'iqr,,18,31,52,,75',
  'five,2,11,22,40,130,120',
].join('\n')

describe('kmpool pool --outcome median from summaries', () => {
  it('uses QE for S1, S2 and S3 rows, naming the summary and the fitted family', () => {
    const { r } = pool(ALL)
    expect(r!.studies.map((s) => s.method)).toEqual([
      'range-qe-mcgrath-2020 (S1: min, median, max; gamma)',
      'range-qe-mcgrath-2020 (S2: q1, median, q3; log-normal)',
      'range-qe-mcgrath-2020 (S3: min, q1, median, q3, max; gamma)',
    ])
    expect(r!.k).toBe(3)
  })
  it('--range-method hozo refuses a median with quartiles only, and says q1, q3 are unused', () => {
    const { r } = pool(ALL, '--range-method', 'hozo')
    expect(r!.studies[1].reason).toBe(REASON_RANGE_HOZO_IQR)
    expect(r!.studies[2].method).toMatch(/^range-hozo-2005 .*\(q1 and q3 not used/)
    expect(r!.k).toBe(2)
  })
  it('--range-method wan uses the quartiles too', () => {
    const { r } = pool(ALL, '--range-method', 'wan')
    expect(r!.studies.map((s) => s.method)).toEqual([
      'range-wan-2014',
      'range-wan-2014 (IQR)',
      'range-wan-2014 (range and IQR)',
    ])
  })
  it('--range-method bc and mln use the Box–Cox estimates for all three kinds of row', () => {
    for (const [m, code] of [
      ['bc', 'range-bc-mcgrath-2020'],
      ['mln', 'range-mln-cai-2021'],
    ]) {
      const { r } = pool(ALL, '--range-method', m)
      expect(r!.studies.map((s) => s.method)).toEqual([
        `${code} (S1: min, median, max)`,
        `${code} (S2: q1, median, q3)`,
        `${code} (S3: min, q1, median, q3, max)`,
      ])
      expect(r!.k).toBe(3)
    }
  })
  it('--range-method bc refuses a range that starts at 0 (the transform takes logs)', () => {
    const { r } = pool(
      'study,min,median,max,n\nzero,0,27,96,40\nok,3,27,96,40',
      '--range-method',
      'bc',
    )
    expect(r!.studies[0].reason).toBe(REASON_BOXCOX_INVALID)
    expect(r!.k).toBe(1)
  })
  it('an unknown method is refused with one line', () => {
    const { code, err } = pool(ALL, '--range-method', 'box')
    expect(code).not.toBe(0)
    expect(err).toMatch(/--range-method must be one of qe, hozo, wan, luo, bc, mln, got "box"/)
  })
})
