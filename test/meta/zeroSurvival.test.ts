/**
 * S = 0 with nobody left at risk (issue 11, point 4): the continuity correction counts the
 * patients actually followed to the drop to 0, or the study is excluded — never the whole study
 * size, which makes a zero far too precise.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { followedFromFit, followedFromRows } from '../../src/shared/meta/numberFollowed'
import { REASON_ZERO_EXCLUDED, survivalAtTime } from '../../src/shared/meta/survivalAtTime'
import type { PoolResult } from '../../src/shared/pool'
import { kaplanMeier } from '../../src/shared/survival'
import { expectClose } from '../helpers/close'

// The repository's copy of the review table (identical to /work/shared/reviews' file), so the test
// runs from any checkout and from mutation testing's sandbox.
const TABLE5 = new URL('../../examples/review-table5.csv', import.meta.url).pathname

function pool(...argv: string[]): PoolResult {
  let out = ''
  const code = main(['pool', '--outcome', 'survival', '--json', ...argv], {
    stdout: (s) => (out += s),
    stderr: () => undefined,
  })
  expect(code).toBe(0)
  return JSON.parse(out)
}

describe('S = 0 with nobody at risk', () => {
  const peto = { kind: 'peto' as const }
  it('is corrected with the number followed to the drop, not the study size', () => {
    const e = survivalAtTime({ study: 'x', surv: 0, nRisk: 0, n: 40, nFollowed: 2, source: peto })
    // (2·0 + 0.5)/(2 + 1)
    expectClose(e.surv_used, 0.5 / 3, { rel: 1e-14 }, 'S corrected')
    // Empirical-logit variance 1/0.5 + 1/2.5, times (S̃(1 − S̃))².
    expectClose(e.var_surv, ((0.5 / 3) * (2.5 / 3)) ** 2 * (2 + 0.4), { rel: 1e-14 }, 'Var S')
    expect(e.note).toContain('with n = 2 at risk just before the curve reached 0')
  })
  it('or excluded, by the setting', () => {
    const e = survivalAtTime({
      study: 'x',
      surv: 0,
      nRisk: 0,
      n: 40,
      nFollowed: 2,
      zeroSurvival: 'exclude',
      source: peto,
    })
    expect(e.excludedReason).toBe(REASON_ZERO_EXCLUDED)
    // S = 0 with patients still at risk is an observed zero: corrected with them, not excluded.
    const atRisk = survivalAtTime({
      study: 'x',
      surv: 0,
      nRisk: 3,
      zeroSurvival: 'exclude',
      source: peto,
    })
    expect(atRisk.excludedReason).toBeNull()
  })
  it('the number followed: from a Kaplan–Meier fit, and from published rows', () => {
    // Deaths at 1, 3 and 5 of four patients, one censored at 2: 2 at risk at 3, 1 at 5 (S = 0).
    const fit = kaplanMeier([1, 2, 3, 5], [1, 0, 1, 1])
    expect(followedFromFit(fit)).toBe(1)
    expect(followedFromFit(kaplanMeier([1, 2], [1, 0]))).toBeNull()
    const rows = [
      { time: 12, surv: 0.6, nRisk: 3 },
      { time: 24, surv: 0.2, nRisk: 1 },
      { time: 36, surv: 0, nRisk: 0 },
      { time: 48, surv: 0, nRisk: 0 },
    ]
    expect(followedFromRows(rows, 48)).toBe(1)
    expect(followedFromRows(rows, 12)).toBeNull()
    expect(followedFromRows([{ time: 12, surv: 0.5, nRisk: 0 }], 24)).toBeNull()
  })
})

describe('the review of Table 5 at 60 months (kmpool pool)', () => {
  it('counting the patients followed gives 45.5%; excluding the corrected studies 47.9%', () => {
    const followed = pool('--input', TABLE5, '--time', '60')
    expectClose(followed.pooled!.value, 0.455, { abs: 5e-4 }, 'followed (issue 11: 45.5%)')
    const excluded = pool('--input', TABLE5, '--time', '60', '--zero-survival', 'exclude')
    expectClose(excluded.pooled!.value, 0.479, { abs: 5e-4 }, 'excluded (issue 11: 47.9%)')
    const corrected = followed.studies.filter((s) => s.method === 'continuity-corrected')
    expect(corrected.map((s) => s.study)).toEqual(['Chen 1998', 'Deguchi 2020', 'Faraj 2015'])
    // Excluding is the same as pooling without those rows.
    const csv = readFileSync(TABLE5, 'utf8')
      .split('\n')
      .filter((l) => !corrected.some((s) => l.startsWith(`${s.study},`)))
      .join('\n')
    const path = join(mkdtempSync(join(tmpdir(), 'kmpool-zero-')), 'without.csv')
    writeFileSync(path, csv)
    const without = pool('--input', path, '--time', '60')
    expectClose(excluded.estimate, without.estimate, { rel: 1e-12 }, 'same as without them')
  })
})
