import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { kaplanMeier, rmst, rmstContrast } from '../../src/shared/survival'
import { expectClose } from '../helpers/close'

// rmstContrast against survRM2::rmst2: test/golden/rmstcontrast.json, written by
// `Rscript test/golden/rmstcontrast.R` (survRM2 1.0-4, survival 3.5-3). The cases where both
// standard errors are 0 are derived by hand in the comment beside them.

interface Case {
  name: string
  tau: number
  conf: number
  input: { time: number[]; status: number[]; arm: number[] }
  rmst1: number
  se1: number
  rmst0: number
  se0: number
  diff: number
  diff_lower: number
  diff_upper: number
  diff_p: number
  diff_se: number
  ratio: number | null
  ratio_lower: number | null
  ratio_upper: number | null
  log_ratio_se: number | null
}
const golden: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('../golden/rmstcontrast.json', import.meta.url), 'utf8'),
)

/** RMST of the patients of `arm` (1 compared, 0 reference) at tau, by kmpool. */
function armRmst(c: Case, arm: number) {
  const keep = c.input.arm.map((a) => a === arm)
  const fit = kaplanMeier(
    c.input.time.filter((_, i) => keep[i]),
    c.input.status.filter((_, i) => keep[i]),
  )
  return rmst(fit, c.tau)
}

describe('rmstContrast against survRM2::rmst2', () => {
  for (const c of golden.cases) {
    it(`${c.name}: rmst2(time, status, arm, tau = ${c.tau}, alpha = ${1 - c.conf})`, () => {
      const compared = armRmst(c, 1)
      const reference = armRmst(c, 0)
      // An RMST of 0 has an SE of 0: the absolute floor lets 0 match 0.
      expectClose(compared.rmst, c.rmst1, { rel: 1e-10, abs: 1e-15 }, 'RMST arm 1')
      expectClose(compared.se, c.se1, { rel: 1e-10, abs: 1e-15 }, 'SE arm 1')
      expectClose(reference.rmst, c.rmst0, { rel: 1e-10, abs: 1e-15 }, 'RMST arm 0')
      expectClose(reference.se, c.se0, { rel: 1e-10, abs: 1e-15 }, 'SE arm 0')
      const r = rmstContrast(compared, reference, c.conf)
      expect(r.tau).toBe(c.tau)
      expectClose(r.diff, c.diff, { rel: 1e-10 }, 'difference')
      expectClose(r.diffSe, c.diff_se, { rel: 1e-10 }, 'SE of the difference')
      expectClose(r.diffLower, c.diff_lower, { rel: 1e-10 }, 'lower limit of the difference')
      expectClose(r.diffUpper, c.diff_upper, { rel: 1e-10 }, 'upper limit of the difference')
      expectClose(r.diffP, c.diff_p, { rel: 1e-8 }, 'p of the difference')
      if (c.ratio === 0 || c.ratio === null) {
        // rmst2 gives a ratio of 0 (or Inf, written null) with NaN limits when an arm's RMST is
        // 0; kmpool reports the ratio as not estimable.
        expect([r.ratio, r.logRatioSe, r.ratioLower, r.ratioUpper]).toEqual([
          null,
          null,
          null,
          null,
        ])
      } else {
        expectClose(r.ratio, c.ratio, { rel: 1e-10 }, 'ratio')
        expectClose(r.logRatioSe, c.log_ratio_se, { rel: 1e-10 }, 'SE of log ratio')
        expectClose(r.ratioLower, c.ratio_lower, { rel: 1e-10 }, 'lower limit of the ratio')
        expectClose(r.ratioUpper, c.ratio_upper, { rel: 1e-10 }, 'upper limit of the ratio')
      }
    })
  }

  it('with both standard errors 0, p is 1 for no difference and 0 for any other', () => {
    // tau = 1 before every time: both RMSTs are tau exactly, with SE 0 (rmst2's p would be
    // 2·pnorm(-0/0) = NaN; the limit of the normal test as the SE goes to 0 is 1 at a difference
    // of 0).
    const early = rmst(kaplanMeier([2, 3, 4], [1, 1, 0]), 1)
    const alsoEarly = rmst(kaplanMeier([5, 6], [1, 0]), 1)
    const same = rmstContrast(early, alsoEarly)
    expect([same.diff, same.diffSe, same.diffP]).toEqual([0, 0, 1])
    expect([same.diffLower, same.diffUpper]).toEqual([0, 0])
    expect(same.ratio).toBe(1)
    // Everyone of the compared arm has the event at time 0: RMST 0, SE 0; the difference -1 has
    // SE 0, so p = 2·pnorm(-1/0) = 0 (as rmst2 would).
    const atZero = rmst(kaplanMeier([0, 0], [1, 1]), 1)
    expect([atZero.rmst, atZero.se]).toEqual([0, 0])
    const apart = rmstContrast(atZero, early)
    expect([apart.diff, apart.diffSe, apart.diffP]).toEqual([-1, 0, 0])
    expect(apart.ratio).toBeNull()
  })

  it('refuses two RMSTs at different tau, or a confidence level outside (0, 1)', () => {
    const a = { rmst: 4, se: 0.5, tau: 6 }
    const b = { rmst: 3, se: 0.4, tau: 6 }
    expect(() => rmstContrast(a, { ...b, tau: 5 })).toThrow(
      'rmstContrast: the two RMSTs use different tau (6, 5)',
    )
    for (const conf of [0, 1, -0.1, 1.1, Number.NaN]) {
      expect(() => rmstContrast(a, b, conf)).toThrow(
        `confidence level must be in (0, 1), got ${conf}`,
      )
    }
    // Just inside (0, 1) is accepted: at conf = 1e-9 the interval shrinks to the difference, 1.
    expectClose(rmstContrast(a, b, 1e-9).diffLower, 1, { rel: 1e-8 }, 'lower at conf 1e-9')
    expect(rmstContrast(a, b, 1 - 1e-9).diffUpper).toBeGreaterThan(4)
  })
})
