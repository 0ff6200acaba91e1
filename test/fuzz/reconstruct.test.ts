import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { kmStep, reconstruct, ReconstructError } from '../../src/shared/reconstruct'
import type { ReconstructInput, ReconstructResult } from '../../src/shared/reconstruct/types'
import { exactRiskTable, stepCorners } from '../helpers/stepCorners'
import { expectAllFinite, fuzz, outcome } from './config'
import { cohortArb } from './ipdArbitraries'
import { inputArb } from './reconstructArbitraries'

/** Far above what any input here needs: a run past it is a loop that does not end in time. */
const RUN_BUDGET_MS = 5000

function timed<T>(fn: () => T): T {
  const start = performance.now()
  const value = fn()
  const ms = performance.now() - start
  if (ms > RUN_BUDGET_MS) expect.fail(`took ${Math.round(ms)} ms`)
  return value
}

/** The number of patients at time 0 that the input fixes, or null when it is estimated. */
function startingN(input: ReconstructInput): number | null {
  const first = input.risk?.[0]
  if (first && first.time === 0) return first.nRisk
  return input.totalN ?? null
}

/** The invariants every reconstruction keeps, whatever its input. */
function checkResult(input: ReconstructInput, result: ReconstructResult): void {
  const { ipd, report } = result
  expectAllFinite(result)
  expect(report.n).toBe(ipd.length)
  expect(report.events + report.censored).toBe(report.n)
  expect(report.events).toBe(ipd.filter((r) => r.event === 1).length)
  const n0 = startingN(input)
  if (n0 !== null) expect(report.n).toBe(n0)
  else expect(report.n).toBeGreaterThanOrEqual(input.risk![0].nRisk)
  expect(report.intervals.reduce((s, i) => s + i.events, 0)).toBe(report.events)
  expect(report.intervals.reduce((s, i) => s + i.censored, 0)).toBe(report.censored)
  // Plain loops, one assertion each: an expect() per patient would dominate the run time.
  const badRow = ipd.findIndex(
    (r, i) =>
      !(r.time >= 0) || (r.event !== 0 && r.event !== 1) || (i > 0 && r.time < ipd[i - 1].time),
  )
  expect(badRow, `IPD row ${badRow}: ${JSON.stringify(ipd[badRow])}`).toBe(-1)
  if (ipd.length > 0) {
    const { surv } = kmStep(ipd)
    const rise = surv.findIndex((s, i) => s < 0 || s > (i === 0 ? 1 : surv[i - 1]))
    expect(rise, 'the KM curve of the IPD rises or leaves [0, 1]').toBe(-1)
  }
  for (const w of report.warnings) expect(w.message).not.toMatch(/[\r\n]|NaN|Infinity/)
}

describe('reconstruct under fuzzing', () => {
  it('returns a consistent result or refuses with a ReconstructError', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const before = structuredClone(input)
        const result = timed(() => outcome(() => reconstruct(input), [ReconstructError]))
        expect(input).toEqual(before)
        if (result.ok) checkResult(input, result.value)
        else expect(result.error.message).not.toMatch(/NaN|Infinity/)
      }),
      fuzz(400),
    )
  })

  it('gives the same output for the same input', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = outcome(() => reconstruct(structuredClone(input)), [ReconstructError])
        const b = outcome(() => reconstruct(structuredClone(input)), [ReconstructError])
        expect(b).toEqual(a)
      }),
      fuzz(150),
    )
  })

  const exactArb = fc.record({
    truth: cohortArb(250).filter((t) => t.some((r) => r.event === 1)),
    riskAt: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { maxLength: 7 }),
    startLater: fc.boolean(),
    withEvents: fc.boolean(),
    method: fc.constantFrom('kmpool' as const, 'guyot' as const),
  })

  it('reproduces the published numbers at risk of a table made from true IPD', () => {
    fc.assert(
      fc.property(exactArb, ({ truth, riskAt, startLater, withEvents, method }) => {
        const end = Math.max(...truth.map((r) => r.time))
        const later = [...new Set(riskAt.map((f) => Math.round(f * end * 10) / 10))]
          .filter((t) => t > 0)
          .sort((a, b) => a - b)
        const times = startLater && later.length > 0 ? later : [0, ...later]
        const risk = exactRiskTable(truth, times)
        const events = truth.filter((r) => r.event === 1).length
        const input: ReconstructInput = {
          points: stepCorners(truth),
          risk,
          options: { method },
          ...(times[0] > 0 ? { totalN: truth.length } : {}),
          ...(withEvents ? { totalEvents: events } : {}),
        }
        const result = timed(() => reconstruct(input))
        checkResult(input, result)
        expect(result.report.n).toBe(truth.length)
        expect(result.report.risk.map((r) => r.reconstructed)).toEqual(risk.map((r) => r.nRisk))
        expect(result.report.warnings.filter((w) => w.code === 'risk-mismatch')).toEqual([])
      }),
      fuzz(300),
    )
  })

  it('reads a curve longer than a function call can spread, and refuses runaway counts', () => {
    // Found by fuzzing: Math.max(...points) overflowed the call stack past ~120,000 points, and an
    // N estimated from a curve near 0 (or typed with extra digits) exhausted the memory.
    const points = Array.from({ length: 150_000 }, (_, i) => ({ time: i / 100, surv: 1 - i / 2e5 }))
    const long = timed(() => reconstruct({ points, risk: [{ time: 0, nRisk: 300 }] }))
    expect(long.report.n).toBe(300)
    const nearZero = [
      { time: 0, surv: 1 },
      { time: 10, surv: 1e-7 },
    ]
    expect(() => reconstruct({ points: nearZero, risk: [{ time: 12, nRisk: 393 }] })).toThrow(
      /would mean more than 1000000 patients at time 0; give the total N/,
    )
    expect(() => reconstruct({ points: nearZero, totalN: 1e9 })).toThrow(ReconstructError)
    expect(() => reconstruct({ points: nearZero, risk: [{ time: 5, nRisk: 0 }] })).toThrow(
      /nobody at risk at time 5, the first time of the table; give the total N/,
    )
  })
})
