import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  confint,
  coxTwoGroup,
  kaplanMeier,
  logrank,
  median,
  quantile,
  rmst,
  stdErr,
  survivalAt,
  type ConfType,
} from '../../src/shared/survival'
import { expectAllFinite, expectOneLine, fuzz } from './config'
import { cohortArb } from './ipdArbitraries'

interface Data {
  time: number[]
  event: number[]
  group: string[]
}

/**
 * Survival data with the awkward cases: ties, near-ties, zero times, extreme magnitudes, one
 * patient. Magnitudes stop at 1e300: the midpoint of two times near the largest double (a median
 * on a flat stretch) overflows, and no time unit makes such a time meaningful.
 */
const timeArb = fc.oneof(
  fc.double({ min: 0, max: 100, noNaN: true }),
  fc.double({ min: 0, max: 1e300, noNaN: true }),
  fc.constantFrom(0, 1, 1e-300, 5e-324, 1e300, 0.1 + 0.2, 0.3),
  fc.integer({ min: 0, max: 10 }),
)
const dataArb: fc.Arbitrary<Data> = fc.oneof(
  fc
    .array(fc.tuple(timeArb, fc.constantFrom(0, 1), fc.constantFrom('a', 'b')), {
      minLength: 1,
      maxLength: 60,
      size: 'max',
    })
    .map((rows) => ({
      time: rows.map((r) => r[0]),
      event: rows.map((r) => r[1]),
      group: rows.map((r) => r[2]),
    })),
  fc
    .tuple(cohortArb(150), fc.array(fc.boolean(), { minLength: 150, maxLength: 150 }))
    .map(([ipd, arms]) => ({
      time: ipd.map((r) => r.time),
      event: ipd.map((r) => r.event),
      group: ipd.map((_, i) => (arms[i] ? 'b' : 'a')),
    })),
)
const confArb = fc.record({
  conf: fc.constantFrom(0.5, 0.8, 0.9, 0.95, 0.99, 0.999),
  type: fc.constantFrom<ConfType>('log', 'log-log', 'plain'),
})

describe('survival estimators under fuzzing', () => {
  it('give finite Kaplan–Meier fits, bands, quantiles and summaries (null where documented)', () => {
    fc.assert(
      fc.property(
        dataArb,
        confArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(timeArb, { maxLength: 6 }),
        (data, conf, p, times) => {
          const fit = kaplanMeier(data.time, data.event)
          expectAllFinite(fit)
          expect(fit.n).toBe(data.time.length)
          expect(
            fit.nEvent.reduce((a, b) => a + b, 0) + fit.nCensor.reduce((a, b) => a + b, 0),
          ).toBe(fit.n)
          fit.surv.forEach((s, i) => {
            expect(s).toBeGreaterThanOrEqual(0)
            expect(s).toBeLessThanOrEqual(i === 0 ? 1 : fit.surv[i - 1])
            const se = stdErr(fit, i)
            if (se !== null) expect(se).toBeGreaterThanOrEqual(0)
          })
          const band = confint(fit, conf)
          expectAllFinite(band)
          band.lower.forEach((lo, i) => {
            const hi = band.upper[i]
            if (lo !== null && hi !== null) expect(lo).toBeLessThanOrEqual(hi + 1e-12)
          })
          const med = median(fit, conf)
          expectAllFinite(med)
          expectAllFinite(quantile(fit, p, conf))
          const rows = survivalAt(fit, times, conf)
          expectAllFinite(rows)
          expect(rows.map((r) => r.time)).toEqual([...times].sort((a, b) => a - b))
          for (const t of times) expectAllFinite(rmst(fit, t))
        },
      ),
      fuzz(300),
    )
  })

  it('give finite log-rank and Cox results for two groups (null where not estimable)', () => {
    fc.assert(
      fc.property(
        dataArb.filter((d) => new Set(d.group).size === 2),
        fc.constantFrom(0.8, 0.95, 0.99),
        (data, conf) => {
          const lr = logrank(data.time, data.event, data.group)
          expectAllFinite(lr)
          if (lr.p !== null) expect(lr.p >= 0 && lr.p <= 1).toBe(true)
          const cox = coxTwoGroup(data.time, data.event, data.group, { conf })
          expectAllFinite(cox)
          for (const p of [cox.pWald, cox.pLR, cox.pScore]) {
            if (p !== null) expect(p >= 0 && p <= 1).toBe(true)
          }
          if (cox.hr !== null && cox.lower !== null && cox.upper !== null) {
            expect(cox.lower).toBeLessThanOrEqual(cox.hr)
            expect(cox.hr).toBeLessThanOrEqual(cox.upper)
          }
        },
      ),
      fuzz(300),
    )
  })

  it('give the same answer for the same data, and for the data in another order', () => {
    fc.assert(
      fc.property(dataArb, fc.integer(), (data, salt) => {
        const order = data.time
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + salt) % 97) - ((b * 7919 + salt) % 97) || a - b)
        const shuffled = (xs: number[]) => order.map((i) => xs[i])
        const a = kaplanMeier(data.time, data.event)
        const b = kaplanMeier(shuffled(data.time), shuffled(data.event))
        // As JSON, where -0 and 0 are one time (which of the two a tie keeps is immaterial).
        expect(JSON.stringify(b)).toBe(JSON.stringify(a))
      }),
      fuzz(200),
    )
  })

  it('refuse invalid data with an Error that names the problem, and fit valid data', () => {
    const badTime = fc.constantFrom(-1, -1e-300, -Infinity, Infinity, NaN)
    const badEvent = fc.constantFrom(2, -1, 0.5, NaN, Infinity)
    const rows = fc.array(
      fc.tuple(
        fc.oneof({ weight: 6, arbitrary: timeArb }, { weight: 1, arbitrary: badTime }),
        fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(0, 1) },
          { weight: 1, arbitrary: badEvent },
        ),
      ),
      { maxLength: 8 },
    )
    const data = fc.oneof(
      {
        weight: 4,
        arbitrary: rows.map((r) => ({ time: r.map((x) => x[0]), event: r.map((x) => x[1]) })),
      },
      // arrays of different lengths
      {
        weight: 1,
        arbitrary: fc.record({
          time: fc.array(timeArb, { maxLength: 4 }),
          event: fc.array(fc.constantFrom(0, 1), { maxLength: 4 }),
        }),
      },
    )
    /**
     * What sortSurvival's contract says is wrong with the data, as a pattern its message must
     * match (the first offending position); null when the data are valid.
     */
    const problem = (time: number[], event: number[]): RegExp | null => {
      if (time.length !== event.length) {
        return new RegExp(`time has ${time.length} values but event has ${event.length}`)
      }
      if (time.length === 0) return /empty/
      for (let i = 0; i < time.length; i++) {
        if (!Number.isFinite(time[i]) || time[i] < 0) {
          return new RegExp(`time\\[${i}\\] must be a finite number ≥ 0`)
        }
        if (event[i] !== 0 && event[i] !== 1) return new RegExp(`event\\[${i}\\] must be 0 or 1`)
      }
      return null
    }
    let refused = 0
    let fitted = 0
    fc.assert(
      fc.property(data, ({ time, event }) => {
        const expected = problem(time, event)
        let fit: ReturnType<typeof kaplanMeier>
        try {
          fit = kaplanMeier(time, event)
        } catch (e) {
          // Only a refusal of the data may be caught here: the test's own failed assertions and
          // errors of code that went wrong (TypeError, RangeError…) fail the property.
          if ((e as Error).name === 'AssertionError') throw e
          expect(e).toBeInstanceOf(Error)
          expect(e).not.toBeInstanceOf(TypeError)
          expect(e).not.toBeInstanceOf(RangeError)
          if (expected === null) expect.fail(`valid data refused: ${(e as Error).message}`)
          expectOneLine((e as Error).message)
          expect((e as Error).message).toMatch(expected)
          refused++
          return
        }
        if (expected !== null) {
          expect.fail(
            `invalid data not refused (${String(expected)}): ${JSON.stringify({ time, event })}`,
          )
        }
        expectAllFinite(fit)
        expect(fit.n).toBe(time.length)
        fitted++
      }),
      fuzz(300),
    )
    // Both branches must have been exercised, or the property proves nothing about one of them.
    expect(refused).toBeGreaterThan(50)
    expect(fitted).toBeGreaterThan(50)
  })
})
