import { describe, expect, it } from 'vitest'
import { NOTE_K0, NOTE_K1, fitRma, rma } from '../../src/shared/meta/rma'
import {
  REASON_MISSING_VI,
  REASON_MISSING_YI,
  REASON_NONFINITE,
  REASON_NONPOSITIVE_VI,
} from '../../src/shared/meta/screenStudies'
import { TAU2_METHODS, type MetaTest } from '../../src/shared/meta/types'
import { expectClose } from '../helpers/close'

/** Every number in an object tree is finite: no NaN or Infinity ever reaches an output. */
function expectNoNonFinite(value: unknown, path = 'result'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true)
  else if (Array.isArray(value)) value.forEach((v, i) => expectNoNonFinite(v, `${path}[${i}]`))
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) expectNoNonFinite(v, `${path}.${k}`)
  }
}

describe('k = 0', () => {
  it('returns nulls and a clear message for every method', () => {
    for (const method of TAU2_METHODS) {
      const f = fitRma([], [], { method })
      expect(f.k).toBe(0)
      expect(f.estimate).toBeNull()
      expect(f.tau2).toBeNull()
      expect(f.Q).toBeNull()
      expect(f.notes).toEqual([NOTE_K0])
      expectNoNonFinite(f)
    }
  })
  it('when every study is excluded, each keeps its reason', () => {
    const r = rma([
      { study: 'a', yi: null, vi: 0.1 },
      { study: 'b', yi: 0.2, vi: 0 },
    ])
    expect(r.k).toBe(0)
    expect(r.notes).toContain(NOTE_K0)
    expect(r.studies.map((s) => s.reason)).toEqual([REASON_MISSING_YI, REASON_NONPOSITIVE_VI])
  })
})

describe('k = 1', () => {
  for (const test of ['z', 'knha'] as MetaTest[]) {
    it(`returns the study itself (test ${test})`, () => {
      const f = fitRma([0.4], [0.04], { method: 'REML', test })
      expect(f.k).toBe(1)
      expect(f.estimate).toBe(0.4)
      expectClose(f.se, 0.2, { rel: 1e-14 }, 'se')
      expectClose(f.ci_lower, 0.4 - 1.959963984540054 * 0.2, { rel: 1e-13 }, 'ci_lower')
      expectClose(f.ci_upper, 0.4 + 1.959963984540054 * 0.2, { rel: 1e-13 }, 'ci_upper')
      expect(f.pi_lower).toBeNull()
      expect(f.tau2).toBe(0)
      expect(f.tau2_ci_lower).toBeNull()
      expect(f.Q).toBe(0)
      expect(f.Q_df).toBe(0)
      expect(f.Q_p).toBe(1)
      expect(f.I2).toBe(0)
      expect(f.H2).toBe(1)
      expect(f.weights).toEqual([100])
      expect(f.notes).toContain(NOTE_K1)
      expectNoNonFinite(f)
    })
  }
})

describe('excluded studies', () => {
  const studies = [
    { study: 'ok1', yi: 0.1, vi: 0.02 },
    { study: 'no yi', yi: null, vi: 0.02 },
    { study: 'NaN yi', yi: Number.NaN, vi: 0.02 },
    { study: 'no vi', yi: 0.3 },
    { study: 'vi 0', yi: 0.3, vi: 0 },
    { study: 'vi < 0', yi: 0.3, vi: -0.1 },
    { study: 'sei 0', yi: 0.3, sei: 0 },
    { study: 'inf', yi: Infinity, vi: 0.1 },
    { study: 'ok2', yi: 0.5, vi: 0.05 },
    { study: 'ok3', yi: 0.2, sei: 0.1 },
    { study: 'upstream', yi: 0.2, vi: 0.1, excludedReason: 'survival not available' },
    { study: 'adjusted', yi: 0.3, vi: 0.1, note: 'continuity correction' },
  ]
  it('exclude with the reason in the output and pool the rest', () => {
    const r = rma(studies, { method: 'DL' })
    const reasons = Object.fromEntries(r.studies.map((s) => [s.study, s.reason]))
    expect(reasons).toEqual({
      ok1: null,
      'no yi': REASON_MISSING_YI,
      'NaN yi': REASON_MISSING_YI,
      'no vi': REASON_MISSING_VI,
      'vi 0': REASON_NONPOSITIVE_VI,
      'vi < 0': REASON_NONPOSITIVE_VI,
      'sei 0': REASON_NONPOSITIVE_VI,
      inf: REASON_NONFINITE,
      ok2: null,
      ok3: null,
      upstream: 'survival not available',
      adjusted: 'continuity correction',
    })
    expect(r.k).toBe(4)
    expect(r.studies.filter((s) => s.excluded).every((s) => s.weight === null)).toBe(true)
    expect(r.studies.find((s) => s.study === 'adjusted')!.excluded).toBe(false)
    const kept = fitRma([0.1, 0.5, 0.2, 0.3], [0.02, 0.05, 0.01, 0.1], { method: 'DL' })
    expect(r.estimate).toBe(kept.estimate)
    expect(r.notes).toContain('8 of 12 studies excluded (see studies[].reason)')
    expectNoNonFinite(r)
  })
})

describe('degenerate but valid data', () => {
  it('identical estimates: τ² = 0, I² = 0, HKSJ standard error 0 with a note, no NaN', () => {
    for (const method of TAU2_METHODS) {
      for (const test of ['z', 'knha'] as MetaTest[]) {
        const f = fitRma([0.3, 0.3, 0.3], [0.01, 0.02, 0.03], { method, test })
        expect(f.tau2).toBe(0)
        expectClose(f.estimate, 0.3, { rel: 1e-13 }, 'estimate')
        expectNoNonFinite(f)
        if (test === 'knha') {
          expect(f.se).toBe(0)
          expect(f.tval).toBeNull()
          expect(f.notes.some((n) => n.includes('HKSJ'))).toBe(true)
        }
      }
    }
  })
  it('k = 2: the τ² CI upper bound is the search limit max(100, 10 τ²), reported in notes', () => {
    const f = fitRma([-5, 5], [0.04, 0.09], { method: 'DL' })
    // By hand: with k = 2, Q = (y₁ − y₂)²/(v₁ + v₂) and C = Σw − Σw²/Σw = 2/(v₁ + v₂), so DL's
    // τ² = (Q − 1)/C = ((y₁ − y₂)² − (v₁ + v₂))/2 = (100 − 0.13)/2 = 49.935.
    expectClose(f.tau2, 49.935, { rel: 1e-11 }, 'τ²')
    expectClose(f.tau2_ci_upper, 499.35, { rel: 1e-11 }, 'τ² CI upper bound (10 τ²)')
    expect(f.notes).toContain('τ² CI: upper bound is beyond the search limit τ² = 499.35')
    expectNoNonFinite(f)
  })
})
