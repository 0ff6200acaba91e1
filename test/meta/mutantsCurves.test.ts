/**
 * Mutation tests of the pooled survival curves (docs/mutation.md): the Combescure et al. (2014)
 * curve and its moments against the intermediate quantities of the authors' own code
 * (RISCA::survival.summary, read from its frame by test/golden/curvesMutants.R), its rules for
 * missing, rising and degenerate intervals, the median and its simulated CI, RISCA's layout, the
 * Jacobi eigen-decomposition and the pointwise curve. Everything is computed inside `it`.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  type CombescureStudy,
  combescureCurve,
  REASON_NO_INTERVAL,
} from '../../src/shared/meta/combescureCurve'
import { combescureMoments } from '../../src/shared/meta/combescureMoments'
import { combescureStudiesFromRows, type CurveRow } from '../../src/shared/meta/combescureRows'
import {
  interpolatedMedian,
  MEDIAN_DRAWS,
  simulatedCurveMedian,
} from '../../src/shared/meta/curveMedian'
import { pooledSurvivalPointwise } from '../../src/shared/meta/pooledSurvivalPointwise'
import { symmetricEigen, truncateToPsd } from '../../src/shared/meta/symmetricEigen'
import { expectAllClose, expectClose } from '../helpers/close'

/** One data set of test/golden/curvesMutants.json (null for R's NA). */
interface RiscaRun {
  input: { study: number[]; time: number[]; n_risk: number[]; surv: number[] }
  time: number[]
  surv: number[]
  lower: number[]
  upper: number[]
  median: number | null
  median_ci: (number | null)[]
  ys: (number | null)[][]
  vars: (number | null)[][]
  sigma_raw: number[][]
  sigma: number[][]
  eigen: number[]
  mu: number[]
  cov: number[][]
}
type Golden = Record<'hepatology' | 'mixed' | 'high', RiscaRun>
const readGolden = (): Golden =>
  JSON.parse(readFileSync(new URL('../golden/curvesMutants.json', import.meta.url), 'utf8'))

function rowsOf(r: RiscaRun): CurveRow[] {
  return r.input.study.map((s, i) => ({
    study: String(s),
    time: r.input.time[i],
    surv: r.input.surv[i],
    nRisk: r.input.n_risk[i],
  }))
}

/** RISCA's limits use z = 1.96, kmpool's the exact quantile: compare se(log S) instead. */
const Z_RISCA = 1.96
const Z95 = 1.959963984540054
const Z90 = 1.6448536269514722

/** Matrices compared entry by entry, with an absolute floor of 1e-10 of their largest entry. */
function expectMatrixClose(actual: number[][], expected: number[][], rel: number, label: string) {
  expect(actual.length, label).toBe(expected.length)
  const scale = Math.max(...expected.flat().map(Math.abs))
  actual.forEach((row, i) =>
    expectAllClose(row, expected[i], { rel, abs: 1e-10 * scale }, `${label}[${i}]`),
  )
}

describe('combescureMoments = the moments inside RISCA::survival.summary', () => {
  for (const name of ['hepatology', 'mixed', 'high'] as const) {
    it(`on ${name}: raw and truncated Σ, μ̂ and Cov μ̂`, () => {
      const g = readGolden()[name]
      const m = combescureMoments(g.ys, g.vars)
      expect(m.q).toBe(g.ys[0].length)
      expect(m.k).toEqual(g.ys[0].map((_, a) => g.ys.filter((r) => r[a] !== null).length))
      expectMatrixClose(m.Sigma_raw, g.sigma_raw, 1e-9, 'Sigma_raw')
      expectMatrixClose(m.Sigma, g.sigma, 1e-8, 'Sigma')
      expect(m.truncated).toBe(g.eigen.filter((e) => e < 0).length)
      // RISCA inverts V_i + Σ with its 1e12 entries in place (about 1e-12 relative apart).
      expectAllClose(m.mu, g.mu, { rel: 1e-9 }, 'mu')
      expectMatrixClose(m.cov, g.cov, 1e-8, 'cov')
    })
  }
  it('an entry with a non-finite value or a variance ≤ 0 counts as missing', () => {
    const g = readGolden().mixed
    const ref = combescureMoments(g.ys, g.vars)
    const y = g.ys.map((r) => [...r])
    const v = g.vars.map((r) => [...r])
    // Study 4 stops after interval 2: put unusable values where it reports nothing.
    y[3][2] = Number.NaN
    v[3][2] = 0.01
    y[3][3] = 0.5
    v[3][3] = 0
    expect(combescureMoments(y, v)).toEqual(ref)
    v[3][3] = -1
    expect(combescureMoments(y, v)).toEqual(ref)
  })
  it('a study without the first interval gets the mean there: no NaN enters the moments', () => {
    const m = combescureMoments(
      [
        [1, 0.5],
        [null, 0.6],
        [0.8, 0.7],
      ],
      [
        [0.1, 0.1],
        [null, 0.1],
        [0.1, 0.2],
      ],
    )
    expect(m.Sigma_raw.flat().every(Number.isFinite)).toBe(true)
    expect(m.k).toEqual([2, 3])
  })
  it('no study: q = 0 and empty results', () => {
    expect(combescureMoments([], [])).toEqual({
      q: 0,
      k: [],
      Sigma: [],
      Sigma_raw: [],
      mu: [],
      cov: [],
      truncated: 0,
    })
  })
})

describe('combescureCurve = RISCA::survival.summary (arcsine, random effects)', () => {
  for (const name of ['hepatology', 'mixed', 'high'] as const) {
    it(`on ${name}: curve, se(log S) of both limits, median`, () => {
      const g = readGolden()[name]
      const { times, studies, notes } = combescureStudiesFromRows(rowsOf(g))
      expect(notes).toEqual([])
      const c = combescureCurve(times, studies)
      expect(c.scale).toBe('arcsine')
      expect(c.level).toBe(0.95)
      expectAllClose(c.times, g.time, { rel: 0 }, 'times')
      expectAllClose(c.surv, g.surv, { rel: 1e-9 }, 'surv')
      c.surv.forEach((s, j) => {
        expectClose(
          Math.log(s / c.lower[j]) / Z95,
          Math.log(g.surv[j] / g.lower[j]) / Z_RISCA,
          { rel: 1e-8 },
          `se from lower ${j}`,
        )
        if (g.upper[j] < 1) {
          expectClose(
            Math.log(c.upper[j] / s) / Z95,
            Math.log(g.upper[j] / g.surv[j]) / Z_RISCA,
            { rel: 1e-8 },
            `se from upper ${j}`,
          )
        } else expect(c.upper[j], `upper ${j} set to 1`).toBe(1)
      })
      expectMatrixClose(c.Sigma, g.sigma, 1e-8, 'Sigma')
      expectClose(c.median.median, g.median, { rel: 1e-9 }, 'median')
      const negative = g.eigen.filter((e) => e < 0).length
      expect(c.notes).toEqual(
        negative > 0
          ? [
              `between-study covariance had ${negative} negative eigenvalue(s), set to 0 (as RISCA does)`,
            ]
          : [],
      )
    })
  }
  it('the RISCA example "high" never reaches 0.5: no median and no CI; one upper limit above 1', () => {
    const g = readGolden().high
    expect(g.upper[0]).toBeGreaterThan(1)
    const { times, studies } = combescureStudiesFromRows(rowsOf(g))
    const c = combescureCurve(times, studies)
    expect(c.median).toEqual({ median: null, lower: null, upper: null })
  })
  it('the simulated CI of the median on "mixed" (RISCA gives none: a draw does not reach 0.5)', () => {
    const g = readGolden().mixed
    expect(g.median_ci).toEqual([null, null])
    const { times, studies } = combescureStudiesFromRows(rowsOf(g))
    const m = combescureCurve(times, studies).median
    // regression lock: produced by kmpool's seeded simulation (Mulberry32, seed 20140601), not
    // an external reference; the draws are checked against RISCA's spread in riscaCurve.test.ts.
    expectClose(m.lower, 2.9547295100905355, { rel: 1e-12 }, 'median lower')
    expect(m.upper).toBeNull()
  })
  it('the level sets z: at 90% the limits are S·exp(∓1.645 se) with the 95% fit’s se', () => {
    const g = readGolden().hepatology
    const { times, studies } = combescureStudiesFromRows(rowsOf(g))
    const c95 = combescureCurve(times, studies)
    const c90 = combescureCurve(times, studies, { level: 0.9 })
    expect(c90.level).toBe(0.9)
    expectAllClose(c90.surv, c95.surv, { rel: 0 }, 'surv')
    c95.surv.forEach((s, j) => {
      const se = Math.log(s / c95.lower[j]) / Z95
      expectClose(c90.lower[j], s * Math.exp(-Z90 * se), { rel: 1e-12 }, `lower ${j}`)
      expectClose(c90.upper[j], Math.min(1, s * Math.exp(Z90 * se)), { rel: 1e-12 }, `upper ${j}`)
    })
    // A narrower median interval from the same draws.
    expect(c90.median.lower!).toBeGreaterThan(c95.median.lower!)
    expect(c90.median.upper!).toBeLessThan(c95.median.upper!)
  })
})

const TWO: CombescureStudy[] = [
  { study: 'a', n: 40, surv: [0.9, 0.7, 0.5], nRisk: [36, 27, 18] },
  { study: 'b', n: 30, surv: [0.8, 0.6, 0.45], nRisk: [24, 17, 12] },
  { study: 'c', n: 50, surv: [0.85, 0.6, 0.4], nRisk: [42, 30, 19] },
]

describe('combescureCurve: which intervals a study contributes', () => {
  it('skips an interval with S unknown at either end, S(t_{j−1}) = 0, nobody at risk or S < 0', () => {
    const c = combescureCurve(
      [1, 2, 3],
      [
        ...TWO,
        { study: 'unknown start', n: 20, surv: [null, 0.6, 0.5], nRisk: [18, 12, 9] },
        { study: 'unknown end', n: 20, surv: [0.9, null, 0.5], nRisk: [18, 12, 9] },
        { study: 'zero before', n: 20, surv: [0.9, 0, 0], nRisk: [18, 3, 0] },
        { study: 'nobody at risk', n: 0, surv: [0.9, 0.8, 0.7], nRisk: [18, 0, 9] },
        { study: 'no count', n: 20, surv: [0.9, 0.8, 0.7], nRisk: [null, 12, 9] },
        { study: 'negative', n: 20, surv: [-0.1, 0.8, -0.2], nRisk: [18, 12, 9] },
      ],
    )
    expect(c.studies.map((s) => [s.study, s.intervals])).toEqual([
      ['a', [1, 2, 3]],
      ['b', [1, 2, 3]],
      ['c', [1, 2, 3]],
      ['unknown start', [3]],
      ['unknown end', [1]],
      ['zero before', [1, 2]],
      ['nobody at risk', [2]],
      ['no count', [1, 3]],
      ['negative', []],
    ])
    expect(c.k).toEqual([6, 5, 5])
    // Studies without interval 1 get RISCA's fill there; nothing becomes NaN.
    expect(c.surv.every((x) => Number.isFinite(x) && x > 0)).toBe(true)
    expect(c.lower.every((x) => Number.isFinite(x) && x > 0)).toBe(true)
    expect(c.studies.map((s) => s.excluded)).toEqual([...new Array(8).fill(false), true])
    expect(c.studies[8].reason).toBe(
      'no interval with survival at both ends and patients at risk at its start',
    )
    expect(REASON_NO_INTERVAL).toBe(c.studies[8].reason)
    expect(c.studies[0].reason).toBeNull()
  })
  it('a study with no usable interval changes nothing (it is left out of the moments)', () => {
    const none: CombescureStudy = { study: 'none', n: 0, surv: [null, null, null], nRisk: [] }
    const without = combescureCurve([1, 2, 3], TWO)
    const withIt = combescureCurve([1, 2, 3], [...TWO, none])
    expect(withIt.surv).toEqual(without.surv)
    expect(withIt.lower).toEqual(without.lower)
    expect(withIt.Sigma).toEqual(without.Sigma)
  })
  it('no note on the covariance when no eigenvalue is negative', () => {
    const c = combescureCurve(
      [1],
      [
        { study: 'a', n: 50, surv: [0.9], nRisk: [45] },
        { study: 'b', n: 50, surv: [0.5], nRisk: [25] },
        { study: 'c', n: 50, surv: [0.2], nRisk: [10] },
      ],
    )
    expect(c.Sigma[0][0]).toBeGreaterThan(0)
    expect(c.notes).toEqual([])
  })
  it('survival that rises is a conditional survival of 1, noted', () => {
    const flat = combescureCurve(
      [1, 2, 3],
      [...TWO, { study: 'd', n: 25, surv: [0.8, 0.8, 0.6], nRisk: [20, 18, 14] }],
    )
    const rising = combescureCurve(
      [1, 2, 3],
      [...TWO, { study: 'd', n: 25, surv: [0.8, 0.84, 0.63], nRisk: [20, 18, 14] }],
    )
    expect(rising.surv.slice(0, 2)).toEqual(flat.surv.slice(0, 2))
    expect(rising.lower.slice(0, 2)).toEqual(flat.lower.slice(0, 2))
    expect(rising.notes).toEqual([
      'd: survival rises into time 2; conditional survival set to 1',
      ...flat.notes,
    ])
    expect(flat.notes.some((n) => n.includes('rises'))).toBe(false)
  })
  it('the curve stops before the first interval nobody covers; none at all gives an empty curve', () => {
    const cut = combescureCurve(
      [1, 2, 3],
      TWO.map((s) => ({ ...s, surv: [s.surv[0], null, s.surv[2]] })),
    )
    expect(cut.times).toEqual([1])
    expect(cut.k).toEqual([3])
    expect(cut.notes).toContain('no study covers the interval ending at 2; the curve stops at 1')
    const empty = combescureCurve(
      [5, 10],
      TWO.map((s) => ({ ...s, surv: [null, s.surv[1]] })),
    )
    expect(empty).toEqual({
      scale: 'arcsine',
      level: 0.95,
      times: [],
      surv: [],
      lower: [],
      upper: [],
      k: [],
      median: { median: null, lower: null, upper: null },
      Sigma: [],
      studies: TWO.map((s) => ({
        study: s.study,
        intervals: [],
        excluded: true,
        reason: REASON_NO_INTERVAL,
      })),
      notes: ['no study covers the interval ending at 5; the curve stops at time 0'],
    })
    expect(combescureCurve([5, 10], TWO, { scale: 'log', level: 0.8 }).scale).toBe('log')
  })
})

/**
 * Studies from conditional survivals p_j, n at risk throughout, reporting the first `reported`
 * intervals. These sets (found by a search over small random data sets) have a pooled mean outside
 * the range of the transform: μ̂ is a generalised least-squares estimate, and with few studies per
 * interval and strong between-interval covariance it can extrapolate beyond every study's value.
 */
function fromConditional(sets: [n: number, reported: number, p: number[]][]): CombescureStudy[] {
  return sets.map(([n, reported, ps], i) => {
    let s = 1
    const surv = ps.map((p, j) => (j < reported ? (s *= p) : null))
    return { study: `s${i + 1}`, n, surv, nRisk: ps.map(() => n) }
  })
}

describe('combescureCurve: pooled means clamped to the range of the transform', () => {
  it('arcsine above π/2: conditional survival 1, no variance added (the derivative is 0)', () => {
    const c = combescureCurve(
      [1, 2, 3],
      fromConditional([
        [40, 1, [0.53125, 1, 0.3125]],
        [9, 3, [1, 1, 0.59375]],
        [34, 3, [0.765625, 1, 1]],
        [17, 1, [0.484375, 1, 1]],
        [32, 1, [0.34375, 0.8125, 1]],
      ]),
    )
    expect(c.notes).toContain('pooled conditional survival of interval 3 clamped to its range')
    expect(c.notes.filter((n) => n.includes('clamped'))).toHaveLength(1)
    expect(c.surv[2]).toBe(c.surv[1])
    expect(c.lower[2]).toBe(c.lower[1])
    expect(c.upper[2]).toBe(c.upper[1])
    expect(c.lower[1]).toBeLessThan(c.surv[1])
  })
  it('arcsine below 0: the curve is 0 from that interval on, with no band', () => {
    const c = combescureCurve(
      [1, 2, 3],
      fromConditional([
        [21, 3, [0, 0.390625, 0.640625]],
        [20, 1, [0.328125, 0.328125, 0.515625]],
        [36, 3, [0.515625, 1, 0]],
        [15, 3, [1, 0.65625, 0.9375]],
        [17, 1, [0, 0.328125, 0]],
      ]),
    )
    expect(c.notes).toContain('pooled conditional survival of interval 3 clamped to its range')
    expect(c.surv[1]).toBeGreaterThan(0)
    expect(c.lower[1]).toBeLessThan(c.surv[1])
    expect([c.surv[2], c.lower[2], c.upper[2]]).toEqual([0, 0, 0])
  })
  it('log scale above 0: conditional survival 1, no variance added', () => {
    const c = combescureCurve(
      [1, 2, 3],
      fromConditional([
        [33, 3, [0.546875, 1, 0.625]],
        [37, 1, [1, 0.671875, 0.703125]],
        [34, 1, [1, 1, 0]],
        [13, 3, [0.40625, 0, 1]],
      ]),
      { scale: 'log' },
    )
    expect(c.notes).toContain('pooled conditional survival of interval 2 clamped to its range')
    expect(c.surv[1]).toBe(c.surv[0])
    expect(c.lower[1]).toBe(c.lower[0])
    expect(c.surv[2]).toBeLessThan(c.surv[1])
    expect(c.lower[2] / c.surv[2]).toBeLessThan(c.lower[1] / c.surv[1])
  })
})

describe('combescureCurve on the log scale (log p, variance (1 − p)/(n p), Haldane at 0 and 1)', () => {
  /** The transformation written out from the documentation, pooled by combescureMoments. */
  function byHand(times: number[], studies: CombescureStudy[]) {
    const y: (number | null)[][] = []
    const v: (number | null)[][] = []
    for (const s of studies) {
      const yr: (number | null)[] = []
      const vr: (number | null)[] = []
      times.forEach((_, j) => {
        const prev = j === 0 ? 1 : s.surv[j - 1]!
        if (prev === 0) {
          yr.push(null)
          vr.push(null)
          return
        }
        let n = j === 0 ? s.n : s.nRisk[j - 1]!
        let p = Math.min(1, s.surv[j]! / prev)
        if (p === 0 || p === 1) {
          p = (n * p + 0.5) / (n + 1)
          n += 1
        }
        yr.push(Math.log(p))
        vr.push((1 - p) / (n * p))
      })
      y.push(yr)
      v.push(vr)
    }
    return combescureMoments(y, v)
  }
  it('an interval reported by one study of two can leave a block that is not positive definite: refused with a message', () => {
    // Found by a search over small random data sets: the moment estimate of Σ for intervals
    // that only one study reports divides by a difference of sums that cancels (1e-12 weights).
    const p = [0.9966771602630615, 0.5910534739494324, 0.9996185660362242]
    const studies: CombescureStudy[] = [
      { study: 'a', n: 15, surv: [p[0], null, null], nRisk: [15, null, null] },
      { study: 'b', n: 39, surv: [1, p[1], p[1] * p[2]], nRisk: [39, 39, 39] },
    ]
    expect(() => combescureCurve([1, 2, 3], studies, { scale: 'log' })).toThrow(
      'combescureMoments: a within-study plus between-study block is not positive definite',
    )
  })
  it('gives S = exp(Σ μ̂) with Var log S = Σ Cov μ̂, and notes each corrected interval', () => {
    const studies: CombescureStudy[] = [
      ...TWO,
      { study: 'flat', n: 12, surv: [1, 1, 0.5], nRisk: [12, 12, 10] },
      { study: 'dies', n: 6, surv: [0.5, 0, 0], nRisk: [3, 0, 0] },
    ]
    const times = [1, 2, 3]
    const c = combescureCurve(times, studies, { scale: 'log' })
    expect(c.scale).toBe('log')
    // 'dies' has S(t_1) = 0 at the start of interval 3: that interval is missing for it.
    const mv = byHand(times, studies)
    expect(c.k).toEqual([5, 5, 4])
    let logS = 0
    c.surv.forEach((s, j) => {
      logS += mv.mu[j]
      let varLog = 0
      for (let a = 0; a <= j; a++) for (let b = 0; b <= j; b++) varLog += mv.cov[a][b]
      const se = Math.sqrt(varLog)
      expectClose(s, Math.exp(logS), { rel: 1e-12 }, `surv ${j}`)
      expectClose(c.lower[j], Math.exp(logS - Z95 * se), { rel: 1e-12 }, `lower ${j}`)
      expectClose(c.upper[j], Math.min(1, Math.exp(logS + Z95 * se)), { rel: 1e-12 }, `upper ${j}`)
    })
    // The median's draws are turned back with exp (capped at 1), not sin².
    expect(c.median.median).not.toBeNull()
    expect(c.median).toEqual(
      simulatedCurveMedian(times, c.surv, mv.mu, mv.cov, (x) => Math.exp(Math.min(x, 0))),
    )
    const haldane = (who: string, p: number, t: number) =>
      `${who}: conditional survival ${p} in the interval ending at ${t}; Haldane correction (0.5 added to survivors and deaths) on the log scale`
    expect(c.notes.filter((n) => n.includes('Haldane'))).toEqual([
      haldane('flat', 1, 1),
      haldane('flat', 1, 2),
      haldane('dies', 0, 2),
    ])
  })
})

describe('combescureStudiesFromRows (RISCA layout)', () => {
  it('grid, study order, study size, number at risk at each interval start, gaps noted', () => {
    const rows: CurveRow[] = [
      { study: 'B', time: 0, surv: 1, nRisk: 99 },
      { study: 'B', time: 100, surv: 0.4, nRisk: 8 },
      { study: 'B', time: 12, surv: 0.8, nRisk: 30 },
      { study: 'A', time: 6, surv: 0.9, nRisk: 50 },
      { study: 'A', time: 12, surv: 0.75, nRisk: 44 },
      { study: 'B', time: 6, surv: 0.95, nRisk: 40 },
      { study: 'C', time: 12, surv: 0.7, nRisk: 20 },
      { study: 'D', time: 6, surv: 0.9, nRisk: 10 },
      { study: 'D', time: 100, surv: 0.3, nRisk: 5 },
      { study: 'E', time: 0, surv: 1, nRisk: 70 },
    ]
    const { times, studies, notes } = combescureStudiesFromRows(rows)
    expect(times).toEqual([6, 12, 100])
    expect(studies).toEqual([
      { study: 'B', n: 40, surv: [0.95, 0.8, 0.4], nRisk: [30, 8, null] },
      { study: 'A', n: 50, surv: [0.9, 0.75, null], nRisk: [44, null, null] },
      { study: 'C', n: 0, surv: [null, 0.7, null], nRisk: [20, null, null] },
      { study: 'D', n: 10, surv: [0.9, null, 0.3], nRisk: [null, 5, null] },
    ])
    expect(notes).toEqual([
      'C: no row at time 6, so the intervals on either side are not used for this study',
      'D: no row at time 12, so the intervals on either side are not used for this study',
    ])
  })
  it('several missing times are listed together', () => {
    const { notes } = combescureStudiesFromRows([
      { study: 'A', time: 1, surv: 0.9, nRisk: 9 },
      { study: 'A', time: 2, surv: 0.8, nRisk: 8 },
      { study: 'A', time: 3, surv: 0.7, nRisk: 7 },
      { study: 'B', time: 3, surv: 0.5, nRisk: 4 },
    ])
    expect(notes).toEqual([
      'B: no row at time 1, 2, so the intervals on either side are not used for this study',
    ])
  })
})

describe('interpolatedMedian and simulatedCurveMedian', () => {
  it('empty curve, a crossing at the first time, a point exactly at 0.5 before the end', () => {
    expect(interpolatedMedian([], [])).toBeNull()
    expectClose(interpolatedMedian([4, 8], [0.5, 0.2]), 4, {}, 'first at 0.5')
    // Between t = 8 (S = 0.6) and t = 10 (S = 0.4): 8 + 2·0.1/0.2 = 9.
    expectClose(interpolatedMedian([4, 8, 10], [0.9, 0.6, 0.4]), 9, {}, 'middle')
    expectClose(
      interpolatedMedian(Float64Array.from([2, 3]), Float64Array.from([0.7, 0.3])),
      2.5,
      {},
      'typed arrays',
    )
  })
  /** A curve with three intervals and independent, equal uncertainty on the arcsine scale. */
  function simulate(surv: number[], varMu: number, level?: number, offDiagonal = 0) {
    const times = [2, 4, 6]
    const mu = surv.map((s, j) => Math.asin(Math.sqrt(s / (j === 0 ? 1 : surv[j - 1]))))
    const cov = mu.map((_, a) => mu.map((_, b) => (a === b ? varMu : offDiagonal)))
    return simulatedCurveMedian(times, surv, mu, cov, (x) => Math.sin(x) ** 2, level)
  }
  it('the CI of the median is stable (seeded) and widens with the uncertainty', () => {
    const narrow = simulate([0.8, 0.55, 0.35], 1e-4)
    const wide = simulate([0.8, 0.55, 0.35], 1e-3)
    expectClose(narrow.median, 4 + (2 * 0.05) / 0.2, { rel: 1e-12 }, 'median')
    // regression lock: produced by kmpool's seeded simulation (Mulberry32, seed 20140601, Box–
    // Muller, R's quantile type 7), not an external reference.
    expectClose(narrow.lower, 4.330857220638679, { rel: 1e-12 }, 'narrow lower')
    expectClose(narrow.upper, 4.662026835189113, { rel: 1e-12 }, 'narrow upper')
    expectClose(wide.lower, 3.951887147229659, { rel: 1e-12 }, 'wide lower')
    expectClose(wide.upper, 4.984533518092058, { rel: 1e-12 }, 'wide upper')
    expect(simulate([0.8, 0.55, 0.35], 1e-4)).toEqual(narrow)
  })
  it('draws that cross 0.5 in the first interval interpolate from S = 1 at time 0', () => {
    const m = simulate([0.45, 0.3, 0.2], 1e-4)
    // 2 − 2·(0.45 − 0.5)/(0.45 − 1) = 1.8181…
    expectClose(m.median, 2 - (2 * 0.05) / 0.55, { rel: 1e-12 }, 'median')
    expect(m.lower!).toBeGreaterThan(1.5)
    expect(m.lower!).toBeLessThan(m.median!)
    expect(m.upper!).toBeGreaterThan(m.median!)
    expect(m.upper!).toBeLessThan(2)
  })
  it('rounding residues of a rank-one covariance are zero pivots; a small true pivot is kept', () => {
    const surv = [0.8, 0.55, 0.35]
    const mu = surv.map((x, j) => Math.asin(Math.sqrt(x / (j === 0 ? 1 : surv[j - 1]))))
    const rankOne = (u: number[], extra = 0) =>
      u.map((a, i) => u.map((b, j) => a * b + (i === 1 && j === 1 ? extra : 0)))
    const run = (cov: number[][]) =>
      simulatedCurveMedian([2, 4, 6], surv, mu, cov, (x) => Math.sin(x) ** 2)
    // Cholesky leaves −5.4e-20 at the second pivot of the first and +2.7e-20 at the third of the
    // second: both must count as 0 (the first would give NaN, the second shift every draw).
    const negative = run(rankOne([0.014946791233116909, 0.014696716029347988, 0.01387069398747853]))
    const positive = run(rankOne([0.013284932993593946, 0.010809082959102927, 0.01127748408344317]))
    const small = run(
      rankOne([0.013284932993593946, 0.010809082959102927, 0.01127748408344317], 1e-13),
    )
    // regression lock: produced by kmpool's seeded simulation, not an external reference.
    expectClose(negative.lower, 4.118842500289038, { rel: 1e-12 }, 'negative residue: lower')
    expectClose(negative.upper, 4.873147356410589, { rel: 1e-12 }, 'negative residue: upper')
    expectClose(positive.lower, 4.205500501619322, { rel: 1e-12 }, 'positive residue: lower')
    expectClose(positive.upper, 4.797932295734425, { rel: 1e-12 }, 'positive residue: upper')
    expectClose(small.lower, 4.2055013678567885, { rel: 1e-13 }, 'small pivot: lower')
    expectClose(small.upper, 4.79793066813056, { rel: 1e-13 }, 'small pivot: upper')
    expect(small.lower).not.toBe(positive.lower)
  })
  it('at level 1 the limits are the smallest and largest simulated medians', () => {
    const all = simulate([0.8, 0.55, 0.35], 1e-4, 1)
    const q = simulate([0.8, 0.55, 0.35], 1e-4, 1 - 2 / (MEDIAN_DRAWS - 1))
    expect(all.lower!).toBeLessThan(q.lower!)
    expect(all.upper!).toBeGreaterThan(q.upper!)
    expect(Number.isFinite(all.upper)).toBe(true)
  })
  it('a point curve that stays above 0.5 has no median and no CI, even if draws cross', () => {
    expect(simulate([0.9, 0.7, 0.52], 1e-2)).toEqual({ median: null, lower: null, upper: null })
  })
  it('draws that never reach 0.5 make the upper limit "not reached"', () => {
    const m = simulate([0.9, 0.7, 0.49], 1e-3)
    expect(m.lower).not.toBeNull()
    expect(m.upper).toBeNull()
  })
  it('a semidefinite covariance (perfectly correlated intervals) is simulated', () => {
    const m = simulate([0.8, 0.55, 0.35], 1e-4, 0.95, 1e-4)
    // regression lock: produced by kmpool's seeded simulation, not an external reference.
    expectClose(m.lower, 4.2462882214520485, { rel: 1e-12 }, 'lower')
    expectClose(m.upper, 4.752015171495702, { rel: 1e-12 }, 'upper')
    const zero = simulate([0.8, 0.55, 0.35], 0)
    expectClose(zero.lower, zero.median, { rel: 1e-12 }, 'no uncertainty: lower')
    expectClose(zero.upper, zero.median, { rel: 1e-12 }, 'no uncertainty: upper')
  })
})

describe('symmetricEigen / truncateToPsd', () => {
  function reconstruct(m: number[], n: number) {
    const { values, vectors } = symmetricEigen(Float64Array.from(m), n)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0
        let id = 0
        for (let e = 0; e < n; e++) {
          s += vectors[i * n + e] * values[e] * vectors[j * n + e]
          id += vectors[i * n + e] * vectors[j * n + e]
        }
        expectClose(s, m[i * n + j], { rel: 1e-12, abs: 1e-14 }, `V Λ Vᵀ [${i}][${j}]`)
        expectClose(id, i === j ? 1 : 0, { rel: 1e-12, abs: 1e-14 }, `V Vᵀ [${i}][${j}]`)
      }
    return [...values].sort((a, b) => a - b)
  }
  it('equal diagonal entries (θ = 0) and a zero off-diagonal entry', () => {
    expectAllClose(reconstruct([1, 2, 2, 1], 2), [-1, 3], { rel: 1e-14 }, '2 × 2')
    // eigenvalues of [[2,0,1],[0,2,1],[1,1,3]]: 2 and (5 ± √9)/2 = 1, 4
    expectAllClose(reconstruct([2, 0, 1, 0, 2, 1, 1, 1, 3], 3), [1, 2, 4], { rel: 1e-14 }, '3 × 3')
  })
  it('a matrix already diagonal is returned as is', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([3, 0, 0, -2]), 2)
    expect([...values]).toEqual([3, -2])
    expect([...vectors]).toEqual([1, 0, 0, 1])
  })
  it('a 5 × 5 matrix needs several sweeps', () => {
    const m: number[] = []
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) m.push(1 / (i + j + 1) - (i === j ? 0.3 : 0))
    reconstruct(m, 5)
  })
  it('a zero eigenvalue is kept and not counted as truncated; a negative one is', () => {
    const psd = truncateToPsd(Float64Array.from([2, 0, 0, 0, 0, 0, 0, 0, -1]), 3)
    expect(psd.truncated).toBe(1)
    expect([...psd.matrix]).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0])
    const none = truncateToPsd(Float64Array.from([1, 0, 0, 0]), 2)
    expect(none.truncated).toBe(0)
    expect([...none.matrix]).toEqual([1, 0, 0, 0])
  })
})

describe('pooledSurvivalPointwise', () => {
  /** Ŝ with a published SE, on the identity scale: the fixed-effect mean by hand. */
  const row = (study: string, time: number, surv: number) => ({
    study,
    time,
    surv,
    source: { kind: 'se' as const, se: 0.05 },
  })
  it('times in numeric order, estimates by hand, a rise noted, no prediction for FE', () => {
    const curve = pooledSurvivalPointwise(
      [
        row('a', 12, 0.7),
        row('a', 3, 0.8),
        row('b', 3, 0.7),
        row('b', 12, 0.8),
        row('a', 100, 0.9),
      ],
      { scale: 'identity', method: 'FE' },
    )
    expect(curve.scale).toBe('identity')
    expect(curve.points.map((p) => p.time)).toEqual([3, 12, 100])
    const se = 0.05 / Math.SQRT2
    const pooled = curve.points.map((p) => p.pooled)
    expectClose(pooled[0]!.value, 0.75, { rel: 1e-12 }, 'S(3)')
    expectClose(pooled[0]!.lower, 0.75 - Z95 * se, { rel: 1e-12 }, 'lower S(3)')
    expectClose(pooled[0]!.upper, 0.75 + Z95 * se, { rel: 1e-12 }, 'upper S(3)')
    expectClose(pooled[1]!.value, 0.75, { rel: 1e-12 }, 'S(12)')
    expectClose(pooled[2]!.value, 0.9, { rel: 1e-12 }, 'S(100)')
    expect(curve.points.map((p) => p.prediction)).toEqual([null, null, null])
    expect(curve.monotone).toBe(false)
    expect(curve.notes).toEqual([
      'pooled survival rises at time 100 (pointwise pooling does not force a non-increasing curve)',
    ])
  })
  it('the default scale is cloglog; a prediction interval is {lower, upper} only', () => {
    const curve = pooledSurvivalPointwise([
      row('a', 1, 0.8),
      row('b', 1, 0.6),
      row('c', 1, 0.7),
      row('a', 2, 0.6),
      row('b', 2, 0.5),
      row('c', 2, 0.55),
    ])
    expect(curve.scale).toBe('cloglog')
    expect(curve.monotone).toBe(true)
    expect(curve.notes).toEqual([])
    for (const p of curve.points) {
      expect(p.fit.studies[0].yi).toBeCloseTo(Math.log(-Math.log(p.time === 1 ? 0.8 : 0.6)), 12)
      expect(Object.keys(p.prediction!).sort()).toEqual(['lower', 'upper'])
      expect(p.prediction!.lower).toBeLessThanOrEqual(p.pooled!.lower)
      expect(p.prediction!.upper).toBeGreaterThanOrEqual(p.pooled!.upper)
    }
  })
  it('a time where nothing is pooled has no estimate and does not break the monotone check', () => {
    const curve = pooledSurvivalPointwise(
      [
        row('a', 1, 0.8),
        row('b', 1, 0.7),
        { study: 'a', time: 2, surv: null, source: { kind: 'se' as const, se: 0.05 } },
        row('a', 3, 0.6),
        row('b', 3, 0.5),
      ],
      { scale: 'identity', method: 'FE' },
    )
    expect(curve.points[1].pooled).toBeNull()
    expect(curve.points[1].prediction).toBeNull()
    expect(curve.monotone).toBe(true)
    // A rise smaller than 1e-12 is rounding, not a rise.
    const flat = pooledSurvivalPointwise([row('a', 1, 0.5), row('a', 2, 0.5 + 1e-13)], {
      scale: 'identity',
      method: 'FE',
    })
    expect(flat.monotone).toBe(true)
  })
})
