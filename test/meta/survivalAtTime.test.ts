import { describe, expect, it } from 'vitest'
import {
  REASON_CI_UNUSABLE,
  REASON_GREENWOOD_INVALID,
  REASON_NOBODY_AT_RISK,
  REASON_NRISK_INVALID,
  REASON_PETO_NEEDS_NRISK,
  REASON_SURVIVAL_MISSING,
  REASON_SURVIVAL_RANGE,
  REASON_ZERO_VARIANCE,
  reasonBoundaryWithoutN,
  survivalAtTime,
} from '../../src/shared/meta/survivalAtTime'
import {
  backTransformInterval,
  backTransformSurvival,
  SURVIVAL_SCALES,
  type SurvivalScale,
  survivalSeFromCi,
  survivalVarianceFactor,
  transformSurvival,
} from '../../src/shared/meta/survivalScales'
import { expectClose } from '../helpers/close'
import { golden } from './golden'

const Z = 1.959963984540054

const survfitScale: Record<string, SurvivalScale> = {
  plain: 'identity',
  log: 'log',
  'log-log': 'cloglog',
  logit: 'logit',
  arcsin: 'arcsine',
}

describe('scales: delta-method variances and back-transforms reproduce R survfit intervals', () => {
  for (const ref of golden.aml_km) {
    it(`conf.type = "${ref.conf_type}"`, () => {
      const scale = survfitScale[ref.conf_type]
      ref.time.forEach((_: number, i: number) => {
        const s = ref.surv[i]
        const greenwood = (ref.std_err[i] / s) ** 2
        const e = survivalAtTime(
          { study: 'aml', surv: s, source: { kind: 'greenwood', greenwood } },
          scale,
        )
        const ci = backTransformInterval(
          e.yi!,
          e.yi! - Z * Math.sqrt(e.vi!),
          e.yi! + Z * Math.sqrt(e.vi!),
          scale,
        )
        expectClose(ci.value, s, { rel: 1e-12 }, `S at ${ref.time[i]}`)
        expectClose(ci.lower, ref.lower[i], { rel: 1e-10 }, `lower at ${ref.time[i]}`)
        expectClose(ci.upper, ref.upper[i], { rel: 1e-10 }, `upper at ${ref.time[i]}`)
      })
    })
  }
})

describe('scale algebra', () => {
  it('Greenwood forms of DESIGN.md §4', () => {
    const s = 0.62
    const g = 0.013
    const v = (scale: SurvivalScale): number => s * s * g * survivalVarianceFactor(s, scale)
    expectClose(v('identity'), s * s * g, { rel: 1e-14 }, 'v(identity)')
    expectClose(v('log'), g, { rel: 1e-14 }, 'v(log)')
    expectClose(v('cloglog'), g / Math.log(s) ** 2, { rel: 1e-14 }, 'v(cloglog)')
    expectClose(v('logit'), g / (1 - s) ** 2, { rel: 1e-14 }, 'v(logit)')
    expectClose(v('arcsine'), (s * g) / (4 * (1 - s)), { rel: 1e-14 }, 'v(arcsine)')
  })
  it('factors are squared numerical derivatives', () => {
    for (const scale of SURVIVAL_SCALES) {
      for (const s of [0.05, 0.4, 0.93]) {
        const h = 1e-6
        const d = (transformSurvival(s + h, scale) - transformSurvival(s - h, scale)) / (2 * h)
        expect(Math.abs(d * d - survivalVarianceFactor(s, scale)) / (d * d)).toBeLessThan(1e-7)
      }
    }
  })
  it('back-transforms invert the transforms', () => {
    for (const scale of SURVIVAL_SCALES) {
      for (const s of [0.01, 0.5, 0.99]) {
        expectClose(
          backTransformSurvival(transformSurvival(s, scale), scale),
          s,
          { rel: 1e-13 },
          `${scale} round trip at ${s}`,
        )
      }
    }
  })
  it('cloglog is decreasing: the upper limit on its scale is the lower survival limit', () => {
    const ci = backTransformInterval(0, -0.5, 0.5, 'cloglog')
    expectClose(ci.lower, Math.exp(-Math.exp(0.5)), { rel: 1e-14 }, 'ci.lower')
    expectClose(ci.upper, Math.exp(-Math.exp(-0.5)), { rel: 1e-14 }, 'ci.upper')
    expect(ci.lower).toBeLessThan(ci.value)
    expect(ci.value).toBeLessThan(ci.upper)
  })
  it('back-transforms clamp to [0, 1]', () => {
    expect(backTransformSurvival(1.3, 'identity')).toBe(1)
    expect(backTransformSurvival(-0.2, 'identity')).toBe(0)
    expect(backTransformSurvival(0.4, 'log')).toBe(1)
    expect(backTransformSurvival(2, 'arcsine')).toBe(1)
  })
})

describe('variance sources', () => {
  it('Peto: Var S = S²(1 − S)/n', () => {
    const e = survivalAtTime(
      { study: 'x', surv: 0.7, nRisk: 40, source: { kind: 'peto' } },
      'identity',
    )
    expectClose(e.var_surv, (0.49 * 0.3) / 40, { rel: 1e-15 }, 'var_surv')
    expect(e.variance_method).toBe('peto')
  })
  it('published SE', () => {
    const e = survivalAtTime({ study: 'x', surv: 0.7, source: { kind: 'se', se: 0.05 } }, 'log')
    expectClose(e.vi, 0.0025 / 0.49, { rel: 1e-14 }, 'vi')
  })
  it('published CI on the log-log scale gives back the Greenwood variance', () => {
    const ref = golden.aml_km.find((r: { conf_type: string }) => r.conf_type === 'log-log')
    const s = ref.surv[1]
    const e = survivalAtTime(
      {
        study: 'x',
        surv: s,
        source: { kind: 'ci', lower: ref.lower[1], upper: ref.upper[1], ciScale: 'cloglog' },
      },
      'cloglog',
    )
    expectClose(
      e.vi,
      (ref.std_err[1] / s) ** 2 / Math.log(s) ** 2,
      { rel: 1e-9 },
      'vi from the log-log CI',
    )
  })
  it('a plain CI gives SE = (U − L)/(2z)', () => {
    expectClose(
      survivalSeFromCi(0.5, 0.4, 0.6, 0.95, 'identity'),
      0.2 / (2 * Z),
      { rel: 1e-14 },
      'SE from the CI',
    )
  })
})

describe('edge-case rules (never an infinite weight, never a silent drop)', () => {
  const peto = { kind: 'peto' as const }
  for (const scale of SURVIVAL_SCALES) {
    it(`S = 1 with patients at risk: continuity correction on ${scale}`, () => {
      const e = survivalAtTime({ study: 'x', surv: 1, nRisk: 11, source: peto }, scale)
      const sc = 11.5 / 12
      expect(e.excludedReason).toBeNull()
      expectClose(e.surv_used, sc, { rel: 1e-14 }, 'surv_used')
      // Haldane–Anscombe: Var logit = 1/(11 + ½) + 1/(0 + ½), times (S̃(1 − S̃))².
      expectClose(
        e.var_surv,
        (sc * (1 - sc)) ** 2 * (1 / 11.5 + 1 / 0.5),
        { rel: 1e-14 },
        'e.var_surv',
      )
      expect(Number.isFinite(e.yi!) && e.vi! > 0 && Number.isFinite(e.vi!)).toBe(true)
      expect(e.note).toBe(
        'S = 1: continuity correction (0.5 added to survivors and to deaths; Haldane 1956, as metafor::escalc add = 1/2, to = "only0"): S set to 0.9583 with n = 11 at risk, empirical-logit variance',
      )
    })
    it(`S = 0 with nobody at risk uses the study size on ${scale}`, () => {
      const e = survivalAtTime({ study: 'x', surv: 0, nRisk: 0, n: 5, source: peto }, scale)
      expect(e.excludedReason).toBeNull()
      expectClose(e.surv_used, 0.5 / 6, { rel: 1e-14 }, 'surv_used')
      expect(e.note).toContain(
        'with n = 5 (study size; nobody at risk, and the number followed is unknown)',
      )
      expect(Number.isFinite(e.yi!) && e.vi! > 0 && Number.isFinite(e.vi!)).toBe(true)
    })
  }
  it('S = 0 without any sample size is excluded with the reason', () => {
    const e = survivalAtTime({ study: 'x', surv: 0, nRisk: 0, source: peto })
    expect(e.excludedReason).toBe(reasonBoundaryWithoutN(0))
    expect(e.yi).toBeNull()
  })
  it('S = 1 from Greenwood (G = 0) is corrected with the number at risk', () => {
    const e = survivalAtTime({
      study: 'x',
      surv: 1,
      nRisk: 20,
      source: { kind: 'greenwood', greenwood: 0 },
    })
    expect(e.variance_method).toBe('continuity-corrected')
  })
  it('nobody at risk with S > 0: past follow-up, excluded', () => {
    const e = survivalAtTime({ study: 'x', surv: 0.4, nRisk: 0, n: 30, source: peto })
    expect(e.excludedReason).toBe(REASON_NOBODY_AT_RISK)
  })
  it('t past follow-up (no survival) is excluded', () => {
    expect(survivalAtTime({ study: 'x', surv: null, source: peto }).excludedReason).toBe(
      REASON_SURVIVAL_MISSING,
    )
  })
  it('invalid inputs are excluded with their reasons', () => {
    expect(survivalAtTime({ study: 'x', surv: 1.2, nRisk: 3, source: peto }).excludedReason).toBe(
      REASON_SURVIVAL_RANGE,
    )
    expect(survivalAtTime({ study: 'x', surv: 0.5, nRisk: -1, source: peto }).excludedReason).toBe(
      REASON_NRISK_INVALID,
    )
    expect(survivalAtTime({ study: 'x', surv: 0.5, source: peto }).excludedReason).toBe(
      REASON_PETO_NEEDS_NRISK,
    )
    expect(
      survivalAtTime({ study: 'x', surv: 0.5, source: { kind: 'greenwood', greenwood: -1 } })
        .excludedReason,
    ).toBe(REASON_GREENWOOD_INVALID)
    expect(
      survivalAtTime({ study: 'x', surv: 0.5, source: { kind: 'se', se: 0 } }).excludedReason,
    ).toBe(REASON_ZERO_VARIANCE)
    expect(
      survivalAtTime({ study: 'x', surv: 0.5, source: { kind: 'ci', lower: 0, upper: 0.8 } })
        .excludedReason,
    ).toBe(REASON_CI_UNUSABLE)
  })
})
