import fc from 'fast-check'
import type { CurvePoint, ReconstructInput, RiskRow } from '../../src/shared/reconstruct/types'

const optionsArb = fc.option(
  fc.record(
    {
      method: fc.constantFrom('kmpool' as const, 'guyot' as const),
      scale: fc.constantFrom('auto' as const, 'proportion' as const, 'percent' as const),
      monotone: fc.constantFrom('isotonic' as const, 'carry-forward' as const),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
)

/** Clicks along a falling curve with a hand's errors: jitter, steps back, strays, percent. */
const clickedCurveArb: fc.Arbitrary<CurvePoint[]> = fc
  .record({
    steps: fc.array(
      fc.tuple(
        fc.double({ min: -0.5, max: 10, noNaN: true }),
        fc.double({ min: -0.03, max: 0.2, noNaN: true }),
      ),
      { minLength: 1, maxLength: 60, size: 'max' },
    ),
    start: fc.double({ min: 0.9, max: 1.05, noNaN: true }),
    percent: fc.boolean(),
  })
  .map(({ steps, start, percent }) => {
    let t = 0
    let s = start
    const points = [{ time: 0, surv: s }]
    for (const [dt, ds] of steps) {
      t += dt
      s -= ds
      points.push({ time: t, surv: s })
    }
    return percent ? points.map((p) => ({ time: p.time, surv: p.surv * 100 })) : points
  })

/** Anything a caller could pass as finite numbers, valid or not. */
const rawPointsArb: fc.Arbitrary<CurvePoint[]> = fc.array(
  fc.record({
    time: fc.oneof(
      fc.double({ min: -10, max: 500, noNaN: true }),
      fc.constantFrom(0, 1e-300, 1e300, -0),
    ),
    surv: fc.oneof(
      fc.double({ min: -0.5, max: 1.5, noNaN: true }),
      fc.double({ min: 0, max: 150, noNaN: true }),
      fc.constantFrom(0, 1, 100, 1e-300, 1e300),
    ),
  }),
  { minLength: 1, maxLength: 40, size: 'max' },
)

/** Risk tables: plausible (falling counts at rising times) or arbitrary. */
const riskArb: fc.Arbitrary<RiskRow[]> = fc.oneof(
  fc
    .record({
      start: fc.double({ min: 0, max: 5, noNaN: true }),
      atZero: fc.boolean(),
      n0: fc.integer({ min: 0, max: 400 }),
      rows: fc.array(
        fc.tuple(
          fc.double({ min: 0.1, max: 30, noNaN: true }),
          fc.double({ min: 0, max: 0.6, noNaN: true }),
        ),
        { maxLength: 10 },
      ),
    })
    .map(({ start, atZero, n0, rows }) => {
      let t = atZero ? 0 : start
      let n = n0
      const risk = [{ time: t, nRisk: n }]
      for (const [dt, fall] of rows) {
        t += dt
        n = Math.floor(n * (1 - fall))
        risk.push({ time: t, nRisk: n })
      }
      return risk
    }),
  fc.array(
    fc.record({
      time: fc.double({ min: 0, max: 300, noNaN: true }),
      nRisk: fc.integer({ min: 0, max: 500 }),
    }),
    { maxLength: 8 },
  ),
)

/** The survival of a curve just before `t`, as the reconstruction reads it. */
function survivalBefore(points: readonly CurvePoint[], t: number): number {
  let s = 1
  for (const p of points) if (p.time < t) s = Math.min(s, p.surv)
  return Math.max(0, s)
}

/**
 * A curve with a risk table and totals that could belong to it: numbers at risk below what the
 * curve allows, with some censoring, so that most of these reconstruct rather than be refused.
 */
const coherentArb: fc.Arbitrary<ReconstructInput> = fc
  .record({
    points: clickedCurveArb,
    n0: fc.integer({ min: 1, max: 500 }),
    riskAt: fc.array(fc.double({ min: 0.01, max: 1.2, noNaN: true }), { maxLength: 8 }),
    kept: fc.array(fc.double({ min: 0.5, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
    startLater: fc.boolean(),
    giveN: fc.boolean(),
    events: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    censorTimes: fc.option(
      fc.array(fc.double({ min: 0, max: 150, noNaN: true }), { maxLength: 20 }),
      {
        nil: undefined,
      },
    ),
    options: optionsArb,
  })
  .map(({ points, n0, riskAt, kept, startLater, giveN, events, censorTimes, options }) => {
    const proportion = points.some((p) => p.surv > 1.5)
      ? points.map((p) => ({ time: p.time, surv: p.surv / 100 }))
      : points
    const end = Math.max(...points.map((p) => p.time), 1)
    const times = [...new Set(riskAt.map((f) => Math.round(f * end * 100) / 100))]
      .filter((t) => t > 0)
      .sort((a, b) => a - b)
    let n = n0
    const risk: RiskRow[] = [{ time: 0, nRisk: n0 }]
    times.forEach((t, i) => {
      n = Math.min(n, Math.floor(n0 * survivalBefore(proportion, t) * kept[i]))
      risk.push({ time: t, nRisk: Math.max(0, n) })
    })
    const table = startLater && risk.length > 1 ? risk.slice(1) : risk
    return {
      points,
      risk: table,
      ...(giveN || table[0].time > 0 ? { totalN: n0 } : {}),
      ...(events === undefined ? {} : { totalEvents: Math.round(events * n0) }),
      ...(censorTimes === undefined ? {} : { censorTimes }),
      ...(options === undefined ? {} : { options }),
    }
  })

/** Anything a caller could pass as finite numbers, valid or not. */
const arbitraryArb: fc.Arbitrary<ReconstructInput> = fc.record(
  {
    points: fc.oneof(clickedCurveArb, rawPointsArb),
    risk: riskArb,
    totalN: fc.integer({ min: 1, max: 600 }),
    totalEvents: fc.integer({ min: 0, max: 600 }),
    censorTimes: fc.array(fc.double({ min: -5, max: 150, noNaN: true }), { maxLength: 20 }),
    options: optionsArb,
  },
  { requiredKeys: ['points'] },
)

/** Reconstruction inputs: mostly ones that can be honoured, the rest anything at all. */
export const inputArb: fc.Arbitrary<ReconstructInput> = fc.oneof(
  { arbitrary: coherentArb, weight: 3 },
  { arbitrary: arbitraryArb, weight: 2 },
)
