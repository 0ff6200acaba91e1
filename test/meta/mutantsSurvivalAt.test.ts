/**
 * Survival at a time point (`survivalAtTime`), its scales (`survivalScales`) and the number
 * followed to a drop to 0 (`numberFollowed`): the rules, messages and boundaries that the survfit
 * goldens of survivalAtTime.test.ts leave free (docs/mutation.md). R references from
 * test/golden/metaMutantsSurv.R: metafor's escalc(measure = "PLO") for the continuity correction
 * and survfit's 90% intervals on every scale for the published-CI source.
 */
import { describe, expect, it } from 'vitest'
import { followedFromFit, followedFromRows } from '../../src/shared/meta/numberFollowed'
import {
  survivalAtTime,
  type SurvivalAtTimeInput,
  ZERO_SURVIVAL_RULES,
} from '../../src/shared/meta/survivalAtTime'
import {
  backTransformInterval,
  backTransformSurvival,
  DEFAULT_SURVIVAL_SCALE,
  SURVIVAL_SCALES,
  type SurvivalScale,
  survivalSeFromCi,
  transformSurvival,
} from '../../src/shared/meta/survivalScales'
import { kaplanMeier } from '../../src/shared/survival'
import { expectClose } from '../helpers/close'
import { golden } from './golden'
import { metaMutantsSurv } from './metaMutantsSurvGolden'

const peto = { kind: 'peto' as const }
const at = (input: Partial<SurvivalAtTimeInput>, scale?: SurvivalScale) =>
  survivalAtTime({ study: 'x', surv: 0.5, source: peto, ...input }, scale)

describe('continuity correction of S = 0 or 1 = metafor escalc(measure = "PLO")', () => {
  it('on the logit scale, S̃ and its variance are escalc’s yi and vi', () => {
    const ref = metaMutantsSurv.plo
    // escalc(measure = "PLO", xi = c(0, 11, 0, 0, 20), ni = c(5, 11, 2, 3, 20)), add = 1/2,
    // to = "only0": each way kmpool can reach m (study size, number at risk, number followed).
    const inputs: Partial<SurvivalAtTimeInput>[] = [
      { surv: 0, nRisk: 0, n: 5 },
      { surv: 1, nRisk: 11 },
      { surv: 0, nRisk: 0, n: 40, nFollowed: 2 },
      { surv: 0, nRisk: 3 },
      { surv: 1, n: 20 },
    ]
    inputs.forEach((input, i) => {
      const e = at(input, 'logit')
      const label = `x = ${ref.x[i]} of m = ${ref.m[i]}`
      expect(e.excludedReason, label).toBeNull()
      expect(e.variance_method, label).toBe('continuity-corrected')
      expectClose(e.yi, ref.yi[i], { rel: 1e-13 }, `${label}: yi`)
      expectClose(e.vi, ref.vi[i], { rel: 1e-13 }, `${label}: vi`)
      expectClose(e.surv_used, (ref.x[i] + 0.5) / (ref.m[i] + 1), { rel: 1e-14 }, `${label}: S̃`)
    })
  })
  it('the note names the m used, in words, for each of its three sources', () => {
    const head = (s: number, sc: string, m: number) =>
      `S = ${s}: continuity correction (0.5 added to survivors and to deaths; Haldane 1956, as ` +
      `metafor::escalc add = 1/2, to = "only0"): S set to ${sc} with n = ${m}`
    expect(at({ surv: 0, nRisk: 3 }).note).toBe(
      `${head(0, '0.125', 3)} at risk, empirical-logit variance`,
    )
    expect(at({ surv: 0, nRisk: 0, n: 40, nFollowed: 2 }).note).toBe(
      `${head(0, '0.1667', 2)} at risk just before the curve reached 0 (nobody left at risk), empirical-logit variance`,
    )
    expect(at({ surv: 1, n: 20 }).note).toBe(
      `${head(1, '0.9762', 20)} (study size; nobody at risk, and the number followed is unknown), empirical-logit variance`,
    )
  })
  it('the number followed is used only for S = 0, and only when it is a positive number', () => {
    // S = 1 without a number at risk: the study size, whatever the number followed.
    expectClose(at({ surv: 1, n: 20, nFollowed: 3 }).surv_used, 20.5 / 21, { rel: 1e-14 }, 'S = 1')
    for (const nFollowed of [0, -2, Infinity, Number.NaN, null, undefined]) {
      const e = at({ surv: 0, nRisk: 0, n: 5, nFollowed })
      expectClose(e.surv_used, 0.5 / 6, { rel: 1e-14 }, `nFollowed = ${nFollowed}: study size`)
    }
    // With patients at risk, the number at risk wins over both.
    expectClose(
      at({ surv: 0, nRisk: 3, n: 40, nFollowed: 2 }).surv_used,
      0.5 / 4,
      { rel: 1e-14 },
      'S = 0 at risk',
    )
  })
  it('the zero-survival setting excludes only S = 0 with nobody at risk', () => {
    const exclude = { zeroSurvival: 'exclude' as const }
    const zero = at({ surv: 0, nRisk: 0, n: 5, nFollowed: 2, ...exclude })
    expect(zero.excludedReason).toBe(
      'S = 0 with nobody left at risk: excluded by the zero-survival setting',
    )
    expect(zero.variance_method).toBe('continuity-corrected')
    expect(zero.yi).toBeNull()
    // Unknown number at risk (null) counts as nobody at risk for S = 0 …
    expect(at({ surv: 0, n: 5, ...exclude }).excludedReason).not.toBeNull()
    // … but S = 1 is never excluded by it.
    expect(at({ surv: 1, n: 20, ...exclude }).excludedReason).toBeNull()
    expect(at({ surv: 0, nRisk: 0, n: 5, zeroSurvival: 'followed' }).excludedReason).toBeNull()
    expect(ZERO_SURVIVAL_RULES).toEqual(['followed', 'exclude'])
  })
  it('without any sample size: excluded, saying why', () => {
    for (const s of [0, 1]) {
      for (const n of [0, -1, Infinity, null]) {
        const e = at({ surv: s, n, nFollowed: s === 0 ? 0 : null })
        expect(e.excludedReason, `S = ${s}, n = ${n}`).toBe(
          `S = ${s} with neither a number at risk nor a study size: the continuity correction needs one, and without it the variance is 0 (infinite weight)`,
        )
        expect(e.variance_method).toBe('continuity-corrected')
      }
    }
  })
})

describe('inputs refused, each with its message in words', () => {
  it('survival missing or not a proportion; number at risk not a count', () => {
    const missing =
      'survival not available at this time (not reported, or the time is past the end of follow-up)'
    for (const surv of [null, undefined, Number.NaN])
      expect(at({ surv }).excludedReason).toBe(missing)
    for (const surv of [-0.01, 1.01, Infinity, -Infinity]) {
      expect(at({ surv }).excludedReason, `S = ${surv}`).toBe(
        'survival is not a proportion in [0, 1]',
      )
    }
    for (const nRisk of [-1, Number.NaN, Infinity]) {
      expect(at({ nRisk }).excludedReason, `nRisk = ${nRisk}`).toBe(
        'number at risk is negative or not a number',
      )
    }
    expect(at({ surv: 0.3, nRisk: 0 }).excludedReason).toBe(
      'nobody at risk at this time (past the end of follow-up): the survival estimate rests on no patients',
    )
  })
  it('each variance source’s own refusal', () => {
    expect(at({ surv: 0.5 }).excludedReason).toBe(
      'Peto variance needs the number at risk at this time',
    )
    expect(at({ surv: 0.5 }).variance_method).toBe('peto')
    for (const greenwood of [-1e-9, Number.NaN]) {
      const e = at({ source: { kind: 'greenwood', greenwood } })
      expect(e.excludedReason).toBe('Greenwood sum is negative or not a number')
      expect(e.variance_method).toBe('greenwood')
    }
    const zeroVariance =
      'variance of S is 0 or not a number: the study would get an infinite weight'
    // G = 0 is a valid sum (no deaths yet) but a zero variance: refused as such, not as invalid.
    const g0 = at({ source: { kind: 'greenwood', greenwood: 0 } })
    expect(g0.excludedReason).toBe(zeroVariance)
    expect(g0.variance_method).toBe('greenwood')
    for (const se of [0, Infinity, Number.NaN]) {
      const e = at({ source: { kind: 'se', se } })
      expect(e.excludedReason, `se = ${se}`).toBe(zeroVariance)
      expect(e.variance_method).toBe('se')
    }
    const ci = at({ source: { kind: 'ci', lower: 0.4, upper: 0.4 } })
    expect(ci.excludedReason).toBe(
      'published CI cannot be converted to a standard error (a limit at 0 or 1 on its scale, or a zero-width interval)',
    )
    expect(ci.variance_method).toBe('ci')
    expect(at({ nRisk: 0.5, source: peto, surv: 0.5 }).variance_method).toBe('peto')
  })
  it('an excluded study keeps its name, subgroup and scale, and carries no numbers', () => {
    const e = survivalAtTime(
      { study: 'Lee 2001', subgroup: 'stage II', surv: 2, source: peto },
      'arcsine',
    )
    expect(e).toEqual({
      study: 'Lee 2001',
      subgroup: 'stage II',
      scale: 'arcsine',
      yi: null,
      vi: null,
      surv_used: null,
      var_surv: null,
      variance_method: 'peto',
      excludedReason: 'survival is not a proportion in [0, 1]',
      note: null,
    })
    expect(survivalAtTime({ study: 'y', surv: null, source: peto }).subgroup).toBeNull()
  })
})

describe('kept studies', () => {
  it('carry name, subgroup, scale and the cloglog default', () => {
    const e = survivalAtTime({
      study: 'Kim 2010',
      subgroup: 'A',
      surv: 0.7,
      nRisk: 40,
      source: peto,
    })
    expect(DEFAULT_SURVIVAL_SCALE).toBe('cloglog')
    expect(e.scale).toBe('cloglog')
    expect(e.study).toBe('Kim 2010')
    expect(e.subgroup).toBe('A')
    expect(e.note).toBeNull()
    expect(e.excludedReason).toBeNull()
    expectClose(e.yi, Math.log(-Math.log(0.7)), { rel: 1e-14 }, 'yi = log(−log S)')
    const varS = (0.49 * 0.3) / 40
    expectClose(e.var_surv, varS, { rel: 1e-14 }, 'Peto Var S')
    expectClose(e.vi, varS / (0.7 * Math.log(0.7)) ** 2, { rel: 1e-14 }, 'vi')
    expect(at({ nRisk: 10 }).subgroup).toBeNull()
    expect(SURVIVAL_SCALES).toEqual(['identity', 'log', 'cloglog', 'logit', 'arcsine'])
  })
  it('Greenwood: Var S = S²·G; published SE: Var S = SE²', () => {
    const g = at({ surv: 0.6, source: { kind: 'greenwood', greenwood: 0.02 } }, 'identity')
    expect(g.variance_method).toBe('greenwood')
    expectClose(g.vi, 0.36 * 0.02, { rel: 1e-14 }, 'Greenwood')
    const se = at({ surv: 0.6, source: { kind: 'se', se: 0.04 } }, 'identity')
    expect(se.variance_method).toBe('se')
    expectClose(se.vi, 0.0016, { rel: 1e-14 }, 'SE²')
  })
})

describe('published CI → Var S: survfit’s 90% intervals on every scale give back S²·G', () => {
  const ciScale: Record<string, SurvivalScale> = {
    plain: 'identity',
    log: 'log',
    'log-log': 'cloglog',
    logit: 'logit',
    arcsin: 'arcsine',
  }
  for (const ref of metaMutantsSurv.aml_90) {
    it(`conf.type = "${ref.conf_type}", conf.int = 0.9`, () => {
      ref.time.forEach((t: number, i: number) => {
        const e = at(
          {
            surv: ref.surv[i],
            source: {
              kind: 'ci',
              lower: ref.lower[i],
              upper: ref.upper[i],
              level: 0.9,
              ciScale: ciScale[ref.conf_type],
            },
          },
          'identity',
        )
        expect(e.variance_method).toBe('ci')
        // summary.survfit's std.err is the SE of S.
        expectClose(e.var_surv, ref.std_err[i] ** 2, { rel: 1e-9 }, `Var S at ${t}`)
      })
    })
  }
  it('defaults: level 0.95 and R survfit’s default "log" interval', () => {
    const ref = golden.aml_km.find((r: { conf_type: string }) => r.conf_type === 'log')
    ref.time.forEach((t: number, i: number) => {
      const e = at({
        surv: ref.surv[i],
        source: { kind: 'ci', lower: ref.lower[i], upper: ref.upper[i] },
      })
      expectClose(e.var_surv, ref.std_err[i] ** 2, { rel: 1e-9 }, `Var S at ${t}`)
    })
  })
})

describe('survivalSeFromCi', () => {
  it('null for a zero-width interval and for a limit at 0 or 1 on its scale', () => {
    expect(survivalSeFromCi(0.5, 0.4, 0.4, 0.95, 'identity')).toBeNull()
    expect(survivalSeFromCi(0.5, 0, 0.8, 0.95, 'log')).toBeNull()
    expect(survivalSeFromCi(0.5, 0.2, 1, 0.95, 'logit')).toBeNull()
    expect(survivalSeFromCi(0.5, 0, 1, 0.95, 'cloglog')).toBeNull()
  })
  it('the SE does not depend on the order of the limits', () => {
    expectClose(
      survivalSeFromCi(0.5, 0.6, 0.4, 0.9, 'identity'),
      0.2 / (2 * metaMutantsSurv.qnorm_95),
      { rel: 1e-14 },
      'SE from a reversed 90% CI',
    )
  })
})

describe('scales', () => {
  it('transforms at one point, by formula', () => {
    const s = 0.3
    expect(transformSurvival(s, 'identity')).toBe(s)
    expectClose(transformSurvival(s, 'log'), Math.log(s), { rel: 1e-15 }, 'log')
    expectClose(transformSurvival(s, 'cloglog'), Math.log(-Math.log(s)), { rel: 1e-15 }, 'cloglog')
    expectClose(transformSurvival(s, 'logit'), Math.log(s / (1 - s)), { rel: 1e-15 }, 'logit')
    expectClose(transformSurvival(s, 'arcsine'), Math.asin(Math.sqrt(s)), { rel: 1e-15 }, 'asin')
  })
  it('back-transforms clamp below 0 and above π/2 on the arcsine scale, and below 0 elsewhere', () => {
    expect(backTransformSurvival(-0.3, 'arcsine')).toBe(0)
    expect(backTransformSurvival(1.7, 'arcsine')).toBe(1)
    expect(backTransformSurvival(-0.3, 'identity')).toBe(0)
    expectClose(backTransformSurvival(0.3, 'identity'), 0.3, { rel: 1e-15 }, 'identity inside')
  })
  it('intervals: limits sorted on increasing scales too', () => {
    const ci = backTransformInterval(0, 0.5, -0.5, 'logit')
    expectClose(ci.lower, 1 / (1 + Math.exp(0.5)), { rel: 1e-14 }, 'lower')
    expectClose(ci.upper, 1 / (1 + Math.exp(-0.5)), { rel: 1e-14 }, 'upper')
    expectClose(ci.value, 0.5, { rel: 1e-15 }, 'value')
  })
})

describe('the number followed to the drop to 0', () => {
  it('from a fit whose first event time is already S = 0', () => {
    // Both patients die at time 1: 2 were followed to the drop.
    expect(followedFromFit(kaplanMeier([1, 1], [1, 1]))).toBe(2)
    expect(followedFromFit({ nRisk: [5, 3, 1], surv: [0.8, 0.5, 0] })).toBe(1)
  })
  it('from rows: the last row before t with S > 0, in any order', () => {
    const rows = [
      { time: 24, surv: 0.2, nRisk: 4 },
      { time: 12, surv: 0.6, nRisk: 9 },
      { time: 30, surv: null, nRisk: 2 },
      { time: 36, surv: 0, nRisk: 0 },
      { time: 48, surv: 0.1, nRisk: 1 },
    ]
    // The row at 48 (= t) is not before t; the null row at 30 and the zero at 36 do not count.
    expect(followedFromRows(rows, 48)).toBe(4)
    expect(followedFromRows(rows, 49)).toBe(1)
    expect(followedFromRows(rows, 24)).toBe(9)
    expect(followedFromRows(rows, 12)).toBeNull()
    // A last row without a number at risk says nothing, even if an earlier one has one.
    expect(
      followedFromRows(
        [
          { time: 12, surv: 0.6, nRisk: 9 },
          { time: 24, surv: 0.2 },
        ],
        36,
      ),
    ).toBeNull()
    expect(followedFromRows([{ time: 24, surv: 0.2, nRisk: null }], 36)).toBeNull()
    expect(followedFromRows([], 36)).toBeNull()
    // Two rows at the same time (a tie rule, not an external reference): the first one counts.
    // regression lock: produced by kmpool followedFromRows, not an external reference
    expect(
      followedFromRows(
        [
          { time: 24, surv: 0.2, nRisk: 4 },
          { time: 24, surv: 0.3, nRisk: 6 },
        ],
        36,
      ),
    ).toBe(4)
  })
})
