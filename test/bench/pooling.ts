import { combescureCurve, type CombescureStudy } from '../../src/shared/meta/combescureCurve'
import {
  pooledSurvivalPointwise,
  type SurvivalAtTimeRow,
} from '../../src/shared/meta/pooledSurvivalPointwise'
import { fitRma } from '../../src/shared/meta/rma'
import {
  confint,
  coxTwoGroup,
  kaplanMeier,
  logrank,
  quantile,
  rmst,
  survivalAt,
} from '../../src/shared/survival'
import { measure } from './timing'

/** The per-edit budget of issue 3 §4: pooling 200 studies at 60 time points under 100 ms. */
const TARGET_MS = 100

/**
 * A review of `k` studies with survival read at `times` (months), from a seeded generator so
 * that every run pools the same numbers: study i has n = 30–229 patients, an exponential curve
 * with a hazard of 0.01–0.04 per month (S(60) ≥ 0.09) read to three decimals, and numbers at
 * risk thinned by censoring to half by 60 months, so every study is usable at every time.
 */
function syntheticReview(k: number, times: readonly number[], seed: number): CombescureStudy[] {
  let s = seed
  const uniform = () => (s = (s * 16807) % 2147483647) / 2147483647
  return Array.from({ length: k }, (_, i) => {
    const n = 30 + Math.floor(200 * uniform())
    const hazard = 0.01 + 0.03 * uniform()
    const surv = times.map((t) => Math.round(1000 * Math.exp(-hazard * t)) / 1000)
    const nRisk = times.map((t, j) => Math.max(1, Math.round(n * surv[j] * (1 - t / 120))))
    return { study: `study ${i + 1}`, n, surv, nRisk }
  })
}

/** Rows for the pointwise curve: Ŝ(t) with the Peto variance from the number at risk. */
function pointwiseRows(studies: readonly CombescureStudy[], times: readonly number[]) {
  return studies.flatMap((st): SurvivalAtTimeRow[] =>
    times.map((time, j) => ({
      study: st.study,
      time,
      n: st.n,
      surv: st.surv[j],
      nRisk: st.nRisk[j],
      source: { kind: 'peto' },
    })),
  )
}

/** Effect sizes on the cloglog scale, yi = log(−log S), vi = (1 − S)/(n_risk·(log S)²) (Peto). */
function cloglogEffects(studies: readonly CombescureStudy[], j: number) {
  const yi = new Float64Array(studies.length)
  const vi = new Float64Array(studies.length)
  studies.forEach((st, i) => {
    const s = st.surv[j] as number
    yi[i] = Math.log(-Math.log(s))
    vi[i] = (1 - s) / ((st.nRisk[j] as number) * Math.log(s) ** 2)
  })
  return { yi, vi }
}

const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(1))

/** Two 4,000-patient arms with ties (times to 0.1 month), exponential with censoring. */
function twoArms(): { time: number[]; event: number[]; group: string[] } {
  let seed = 12345
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  const n = 4000
  const time: number[] = []
  const event: number[] = []
  const group: string[] = []
  for (let i = 0; i < 2 * n; i++) {
    const arm = i < n ? 'A' : 'B'
    const t = -Math.log(1 - random()) * (arm === 'A' ? 30 : 22)
    const c = random() * 60
    time.push(Math.round(Math.min(t, c) * 10) / 10)
    event.push(t <= c ? 1 : 0)
    group.push(arm)
  }
  return { time, event, group }
}

export function benchPooling(print: (s: string) => void): void {
  const monthly = Array.from({ length: 60 }, (_, j) => j + 1)
  const yearly = [12, 24, 36, 48, 60]
  const large = syntheticReview(200, monthly, 20260101)
  const typical = syntheticReview(20, yearly, 20260102)
  const effects = monthly.map((_, j) => cloglogEffects(large, j))
  const poolAll = () => {
    for (const e of effects) {
      const fit = fitRma(e.yi, e.vi, { method: 'REML' })
      if (fit.tau2_ci_upper === null) throw new Error('bench: a fit has no Q-profile CI')
    }
  }
  const largeRows = pointwiseRows(large, monthly)
  const typicalRows = pointwiseRows(typical, yearly)

  // The first measurement is the cold one: nothing of the pooling code has run in this process.
  const pool = measure(poolAll)
  const mid = effects[29]
  const oneFit = measure(() => fitRma(mid.yi, mid.vi, { method: 'REML' }), 300, 50)
  const pointwiseLarge = measure(() => pooledSurvivalPointwise(largeRows, { method: 'REML' }))
  const pointwiseTypical = measure(
    () => pooledSurvivalPointwise(typicalRows, { method: 'REML' }),
    300,
    50,
  )
  const combescureLarge = measure(() => combescureCurve(monthly, large))
  const combescureTypical = measure(() => combescureCurve(yearly, typical), 300, 50)

  const budget = `< ${TARGET_MS} ms`
  print('')
  print('## Pooling speed (synthetic seeded reviews; mean of repeated runs after the first)')
  print('')
  print('| task | studies × times | first run (ms) | warm (ms) | target |')
  print('| --- | --- | --- | --- | --- |')
  print(
    `| pool: REML + Q-profile CIs (τ², I², H²) at every time | 200 × 60 | ${ms(pool.first)} (cold) | ${ms(pool.warm)} | ${budget} |`,
  )
  print(
    `| one fit: REML + Q-profile CIs | 200 × 1 | — | ${ms(oneFit.warm)} | < ${(TARGET_MS / 60).toFixed(1)} ms (budget / 60) |`,
  )
  print(
    `| pointwise pooled curve (cloglog, Peto, REML) | 200 × 60 | ${ms(pointwiseLarge.first)} | ${ms(pointwiseLarge.warm)} | ${budget} |`,
  )
  print(
    `| pointwise pooled curve (cloglog, Peto, REML) | 20 × 5 | ${ms(pointwiseTypical.first)} | ${ms(pointwiseTypical.warm)} | ${budget} |`,
  )
  print(
    `| Combescure curve as RISCA (corrected arcsine, moments, simulated median CI) | 200 × 60 | ${ms(combescureLarge.first)} | ${ms(combescureLarge.warm)} | ${budget} |`,
  )
  print(
    `| Combescure curve as RISCA (corrected arcsine, moments, simulated median CI) | 20 × 5 | ${ms(combescureTypical.first)} | ${ms(combescureTypical.warm)} | ${budget} |`,
  )
  print('')
  print(
    `Target (issue 3 §4): a fit is cheap enough to re-run on every edit in the app; 200 studies × 60 time points under ${TARGET_MS} ms. The issue sets the target for 200 × 60; the typical review (20 × 5) and the curves are held to the same per-edit budget. Only the first row's first run is cold; the other first runs follow it in the same process.`,
  )
  print('')

  const arms = twoArms()
  const n = arms.time.length / 2
  const survival = measure(() => {
    const fit = kaplanMeier(arms.time.slice(0, n), arms.event.slice(0, n))
    confint(fit, { type: 'log-log' })
    survivalAt(fit, [12, 24, 36, 48, 60])
    for (const p of [0.25, 0.5, 0.75]) quantile(fit, p)
    rmst(fit, 36)
    logrank(arms.time, arms.event, arms.group)
    coxTwoGroup(arms.time, arms.event, arms.group)
  })
  print('## Survival statistics speed (the per-study inputs to pooling)')
  print('')
  print('| task | patients | first run (ms) | warm (ms) | target |')
  print('| --- | --- | --- | --- | --- |')
  print(
    `| KM with log-log CI, S at 5 times, quartiles, RMST; log-rank and Cox (Efron) on both arms | 2 × ${n} (ties) | ${ms(survival.first)} | ${ms(survival.warm)} | < 1000 ms |`,
  )
}
