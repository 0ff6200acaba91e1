import { normalQuantile } from '../distributions'
import { combescureMoments } from './combescureMoments'
import { type CurveMedian, simulatedCurveMedian } from './curveMedian'

/** One study's survival on the time grid. */
export interface CombescureStudy {
  study: string
  /** Number of patients at time 0. */
  n: number
  /** Ŝ at each grid time (proportions); null when not reported or past follow-up. */
  surv: readonly (number | null)[]
  /** Number at risk at each grid time; null when unknown. */
  nRisk: readonly (number | null)[]
}

export type ConditionalScale = 'arcsine' | 'log'

export interface CombescureOptions {
  /** Scale of the conditional survival: 'arcsine' (default, as Combescure et al.) or 'log'. */
  scale?: ConditionalScale
  level?: number
}

export interface CombescureStudyRecord {
  study: string
  /** Intervals (1-based, interval j = (t_{j−1}, t_j]) the study contributes to. */
  intervals: number[]
  excluded: boolean
  reason: string | null
}

export interface CombescureCurve {
  scale: ConditionalScale
  level: number
  /** Grid times at which the curve is given (a prefix of the input grid when it is cut short). */
  times: number[]
  surv: number[]
  lower: number[]
  upper: number[]
  /** Studies contributing to each interval. */
  k: number[]
  median: CurveMedian
  /** Between-study covariance of the transformed conditional survivals. */
  Sigma: number[][]
  studies: CombescureStudyRecord[]
  notes: string[]
}

export const REASON_NO_INTERVAL =
  'no interval with survival at both ends and patients at risk at its start'

/**
 * Pooled survival curve by the method of Combescure, Foucher & Jackson (2014, Stat Med 33:2521)
 * as its authors compute it in R (`RISCA::survival.summary`, RISCA 1.0.7, random effects,
 * `confidence = "Greenwood"`). On the grid 0 = t_0 < t_1 < … < t_J, each study's conditional
 * survival p_ij = S_i(t_j)/S_i(t_{j−1}), with n_ij patients at risk at t_{j−1} (the study size at
 * t_0), is transformed by the corrected arcsine asin √((n p + 0.25)/(n + 0.5)) with variance
 * 1/(4(n + 0.5)) (the plain arcsine √p is biased upward with small studies), or optionally by
 * log p with variance (1 − p)/(n p); the J transformed values are pooled jointly with RISCA's
 * method-of-moments between-interval covariance (`combescureMoments`), and the pooled curve is
 * S(t_j) = Π_{l≤j} sin²(μ_l) (or exp(μ_l)), non-increasing by construction. The CI is RISCA's:
 * Var log S(t_j) = g'Cov(μ̂)g with g_l = 2 cot μ_l (arcsine) or 1 (log), and limits
 * exp(log S ± z·se) on the log scale; an upper limit above 1 (RISCA prints it) is set to 1. The
 * median is read off the curve by linear interpolation at 0.5, its CI by simulating the pooled
 * curve (`simulatedCurveMedian`), as RISCA does.
 *
 * Rules: an interval is missing for a study when S is unknown at either end, S(t_{j−1}) = 0 or
 * nobody is at risk at t_{j−1}; a conditional survival above 1 (a curve that rises) is set to 1
 * (noted); on the log scale p = 0 or 1 gets the Haldane correction p = (n p + 0.5)/(n + 1) with
 * n + 1 patients (noted); pooled means are clamped to the range of the transform
 * ([0, π/2] or ≤ 0), where the derivative is then 0; the curve stops before the first interval no
 * study covers. Times in the caller's unit; grid strictly increasing and > 0.
 */
export function combescureCurve(
  times: readonly number[],
  studies: readonly CombescureStudy[],
  options: CombescureOptions = {},
): CombescureCurve {
  const scale = options.scale ?? 'arcsine'
  const level = options.level ?? 0.95
  const J = times.length
  const notes: string[] = []
  const y: (number | null)[][] = []
  const v: (number | null)[][] = []
  const records: CombescureStudyRecord[] = []
  for (const st of studies) {
    const yr: (number | null)[] = new Array(J).fill(null)
    const vr: (number | null)[] = new Array(J).fill(null)
    const used: number[] = []
    for (let j = 0; j < J; j++) {
      const sPrev = j === 0 ? 1 : st.surv[j - 1]
      const nStart = j === 0 ? st.n : st.nRisk[j - 1]
      const sCur = st.surv[j]
      if (sPrev === null || sCur === null || nStart === null) continue
      if (!(sPrev > 0) || !(nStart > 0) || !(sCur >= 0)) continue
      let p = sCur / sPrev
      if (p > 1) {
        notes.push(
          `${st.study}: survival rises into time ${times[j]}; conditional survival set to 1`,
        )
        p = 1
      }
      if (scale === 'arcsine') {
        yr[j] = Math.asin(Math.sqrt((nStart * p + 0.25) / (nStart + 0.5)))
        vr[j] = 1 / (4 * (nStart + 0.5))
      } else {
        let n = nStart
        if (p === 0 || p === 1) {
          notes.push(
            `${st.study}: conditional survival ${p} in the interval ending at ${times[j]}; Haldane correction (0.5 added to survivors and deaths) on the log scale`,
          )
          p = (n * p + 0.5) / (n + 1)
          n += 1
        }
        yr[j] = Math.log(p)
        vr[j] = (1 - p) / (n * p)
      }
      used.push(j + 1)
    }
    y.push(yr)
    v.push(vr)
    records.push({
      study: st.study,
      intervals: used,
      excluded: used.length === 0,
      reason: used.length === 0 ? REASON_NO_INTERVAL : null,
    })
  }

  let jEff = 0
  while (jEff < J && y.some((row) => row[jEff] !== null)) jEff++
  if (jEff < J) {
    notes.push(
      `no study covers the interval ending at ${times[jEff]}; the curve stops at ${jEff === 0 ? 'time 0' : times[jEff - 1]}`,
    )
  }
  const empty: CombescureCurve = {
    scale,
    level,
    times: [],
    surv: [],
    lower: [],
    upper: [],
    k: [],
    median: { median: null, lower: null, upper: null },
    Sigma: [],
    studies: records,
    notes,
  }
  if (jEff === 0) return empty
  const rows = y.map((_, i) => i).filter((i) => records[i].intervals.length > 0)
  const mv = combescureMoments(
    rows.map((i) => y[i].slice(0, jEff)),
    rows.map((i) => v[i].slice(0, jEff)),
  )
  if (mv.truncated > 0) {
    notes.push(
      `between-study covariance had ${mv.truncated} negative eigenvalue(s), set to 0 (as RISCA does)`,
    )
  }

  const z = -normalQuantile((1 - level) / 2)
  const upperLimit = scale === 'arcsine' ? Math.PI / 2 : 0
  const grad = new Float64Array(jEff)
  const surv: number[] = []
  const lower: number[] = []
  const upper: number[] = []
  let logS = 0
  let zero = false
  for (let j = 0; j < jEff; j++) {
    const raw = mv.mu[j]
    const mu = Math.min(Math.max(raw, scale === 'arcsine' ? 0 : -Infinity), upperLimit)
    if (mu !== raw)
      notes.push(`pooled conditional survival of interval ${j + 1} clamped to its range`)
    const inside = mu === raw && mu < upperLimit
    if (scale === 'arcsine') {
      if (mu === 0) zero = true
      else logS += 2 * Math.log(Math.sin(mu))
      grad[j] = inside && mu > 0 ? (2 * Math.cos(mu)) / Math.sin(mu) : 0
    } else {
      logS += mu
      grad[j] = inside ? 1 : 0
    }
    if (zero) {
      surv.push(0)
      lower.push(0)
      upper.push(0)
      continue
    }
    let varLog = 0
    for (let a = 0; a <= j; a++)
      for (let b = 0; b <= j; b++) varLog += grad[a] * mv.cov[a][b] * grad[b]
    const s = Math.exp(logS)
    surv.push(s)
    const se = varLog > 0 ? Math.sqrt(varLog) : 0
    lower.push(Math.exp(logS - z * se))
    upper.push(Math.min(1, Math.exp(logS + z * se)))
  }
  const outTimes = times.slice(0, jEff)
  return {
    scale,
    level,
    times: outTimes,
    surv,
    lower,
    upper,
    k: mv.k,
    median: simulatedCurveMedian(
      outTimes,
      surv,
      mv.mu.slice(0, jEff),
      mv.cov,
      scale === 'arcsine' ? (x) => Math.sin(x) ** 2 : (x) => Math.exp(Math.min(x, 0)),
      level,
    ),
    Sigma: mv.Sigma,
    studies: records,
    notes,
  }
}
