/**
 * The pooled survival curve against the authors' code: RISCA::survival.summary (Combescure,
 * Foucher & Jackson 2014; RISCA 1.0.7, random effects, confidence = "Greenwood"), run by
 * test/golden/risca.R on RISCA's example data (dataHepatology) and on the example review's curves
 * (test/golden/risca-example.csv).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { combescureCurve } from '../../src/shared/meta/combescureCurve'
import { type CurveRow, combescureStudiesFromRows } from '../../src/shared/meta/combescureRows'
import { interpolatedMedian } from '../../src/shared/meta/curveMedian'
import { expectAllClose, expectClose } from '../helpers/close'

/** One curve as test/golden/risca.R writes it (null for R's NA). */
interface RiscaCurve {
  time: number[]
  surv: number[]
  lower: number[]
  upper: number[]
  median: number | null
  median_lower: (number | null)[]
  median_upper: (number | null)[]
}
const risca: {
  hepatology: RiscaCurve & { input: Record<'study' | 'time' | 'surv' | 'n_risk', number[]> }
  example: (RiscaCurve & { group: string })[]
} = JSON.parse(readFileSync(new URL('../golden/risca.json', import.meta.url), 'utf8'))

function exampleRows(group: string): CurveRow[] {
  const lines = readFileSync(new URL('../golden/risca-example.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
  return lines
    .map((l) => l.split(','))
    .filter((f) => f[0] === `"${group}"`)
    .map((f) => ({
      study: f[1].slice(1, -1),
      time: Number(f[2]),
      surv: Number(f[3]),
      nRisk: Number(f[4]),
    }))
}

/**
 * RISCA's limits use z = 1.96, kmpool's the exact normal quantile 1.959964: the limits differ by
 * a factor exp(3.6e-5·se(log S)), under 1e-4 relative for every se(log S) below 2.
 */
const LIMIT_TOL = { rel: 1e-4 }
/** The median's CI is RISCA's Monte Carlo: kmpool's seeded draws must fall within the spread of
 * RISCA's five seeds widened by 3% of the median, about four simulation SEs of a 2.5% quantile. */
function expectWithinSimulation(
  actual: number | null,
  seeds: (number | null)[],
  median: number,
  label: string,
) {
  expect(actual, label).not.toBeNull()
  const lo = Math.min(...(seeds as number[])) - 0.03 * median
  const hi = Math.max(...(seeds as number[])) + 0.03 * median
  expect(actual!, `${label}: ${actual} outside [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo)
  expect(actual!, `${label}: ${actual} outside [${lo}, ${hi}]`).toBeLessThanOrEqual(hi)
}

function check(c: ReturnType<typeof combescureCurve>, ref: RiscaCurve, label: string) {
  expectAllClose(c.times, ref.time, { rel: 0 }, `${label} times`)
  expectAllClose(c.surv, ref.surv, { rel: 1e-6 }, `${label} surv`)
  expectAllClose(c.lower, ref.lower, LIMIT_TOL, `${label} lower`)
  expectAllClose(
    c.upper,
    ref.upper.map((u: number) => Math.min(1, u)),
    LIMIT_TOL,
    `${label} upper`,
  )
  expectClose(c.median.median, ref.median, { rel: 1e-6 }, `${label} median`)
  if (ref.median_lower.every((x: number | null) => x !== null)) {
    expectWithinSimulation(c.median.lower, ref.median_lower, ref.median!, `${label} median lower`)
    expectWithinSimulation(c.median.upper, ref.median_upper, ref.median!, `${label} median upper`)
  }
}

describe('pooled curve = RISCA::survival.summary', () => {
  it('on RISCA example data (dataHepatology, 27 studies, 20 times)', () => {
    const inp = risca.hepatology.input
    const rows: CurveRow[] = inp.study.map((s: number, i: number) => ({
      study: String(s),
      time: inp.time[i],
      surv: inp.surv[i],
      nRisk: inp.n_risk[i],
    }))
    const { times, studies, notes } = combescureStudiesFromRows(rows)
    expect(notes).toEqual([])
    const c = combescureCurve(times, studies)
    check(c, risca.hepatology, 'dataHepatology')
    // The figure: RISCA's S(5) = 0.531, where the plain arcsine gave 0.577.
    expectClose(c.surv[4], 0.5306, { rel: 1e-3 }, 'S(5)')
  })
  for (const ref of risca.example) {
    it(`on the example review's ${ref.group} curve`, () => {
      const { times, studies } = combescureStudiesFromRows(exampleRows(ref.group))
      const c = combescureCurve(times, studies)
      check(c, ref, ref.group)
    })
  }
  it('where RISCA gives no CI for the median (a draw never reaches 0.5), the lower limit stays', () => {
    const ref = risca.example.find((e) => e.group === 'All studies')!
    expect(ref.median_lower).toEqual([null, null, null, null, null])
    const { times, studies } = combescureStudiesFromRows(exampleRows('All studies'))
    const m = combescureCurve(times, studies).median
    expect(m.lower).not.toBeNull()
    expect(m.lower!).toBeLessThan(ref.median!)
    expect(m.upper === null || m.upper > ref.median!).toBe(true)
  })
})

describe('median read off a pooled curve (linear interpolation, as RISCA)', () => {
  it('interpolates between the last time above 0.5 and the first below', () => {
    // 12 + (18 − 12)·(0.55 − 0.5)/(0.55 − 0.3) = 13.2
    expectClose(interpolatedMedian([6, 12, 18], [0.8, 0.55, 0.3]), 13.2, {}, 'median')
  })
  it('a time with S exactly 0.5 is the median (RISCA: only the last time; never met in practice)', () => {
    expectClose(interpolatedMedian([6, 12, 18], [0.8, 0.5, 0.3]), 12, {}, 'through 0.5')
    expectClose(interpolatedMedian([6, 12], [0.8, 0.5]), 12, {}, 'ending at 0.5')
  })
  it('starts from S = 1 at time 0 and is null when not reached', () => {
    expectClose(interpolatedMedian([10], [0.4]), 10 - (10 * 0.1) / 0.6, {}, 'from time 0')
    expect(interpolatedMedian([6, 12], [0.8, 0.6])).toBeNull()
  })
})
