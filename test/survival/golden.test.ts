import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { expectAllClose, expectClose } from '../helpers/close'
import type { ConfType } from '../../src/shared/survival'
import {
  confint,
  coxTwoGroup,
  kaplanMeier,
  logStdErr,
  logrank,
  quantile,
  rmst,
  survivalAt,
} from '../../src/shared/survival'

/** R's values for one arm; written by test/golden/survival.R. R's NA, NaN and Inf are null. */
interface GoldenArm {
  n: number
  events: number
  table: Record<'time' | 'n_risk' | 'n_event' | 'n_censor' | 'surv' | 'std_err', (number | null)[]>
  ci: Record<string, { lower: (number | null)[]; upper: (number | null)[] }>
  at: Record<
    string,
    Record<
      'time' | 'n_risk' | 'n_event' | 'n_censor' | 'surv' | 'std_err' | 'lower' | 'upper',
      (number | null)[]
    >
  >
  quantiles: Record<
    string,
    {
      probs: number[]
      quantile: (number | null)[]
      lower: (number | null)[]
      upper: (number | null)[]
    }
  >
  rmean: { tau: number[]; rmean: number[]; se: number[] }
}

interface GoldenLogrank {
  groups: string[]
  n: number[]
  observed: number[]
  expected: number[]
  variance: number[][]
  chisq: number
  df: number
  p: number | null
  warnings: string[]
}

interface GoldenCox {
  ref: string
  beta: number | null
  se: number
  hr: number | null
  lower: number | null
  upper: number | null
  wald_chisq: number
  p_wald: number | null
  lr_chisq: number
  p_lr: number
  score_chisq: number
  p_score: number
  loglik: [number, number]
  iterations: number
  warnings: string[]
}

interface GoldenDataset {
  input: { time: number[]; status: number[]; arm: string[] }
  times: number[]
  arms: Record<string, GoldenArm>
  two_arm: { logrank: GoldenLogrank; cox: GoldenCox } | null
}

interface Golden {
  r_version: string
  survival_version: string
  datasets: Record<string, GoldenDataset>
}

const golden: Golden = JSON.parse(
  readFileSync(new URL('../golden/survival.json', import.meta.url), 'utf8'),
)

/**
 * Relative tolerance for every comparison with R: |actual − expected| ≤ 1e-8·|expected|, so an
 * expected 0 (a survival that reaches 0, a zero standard error before the first event) must be
 * matched exactly and tiny p-values keep 8 significant digits. `null` (R's NA/NaN/Inf) is
 * matched only by `null`, and a field missing from the golden file fails.
 */
const REL = { rel: 1e-8 }

/** The input data of one arm of a data set. */
function armData(ds: GoldenDataset, arm: string): { time: number[]; event: number[] } {
  const time: number[] = []
  const event: number[] = []
  ds.input.arm.forEach((a, i) => {
    if (a === arm) {
      time.push(ds.input.time[i])
      event.push(ds.input.status[i])
    }
  })
  return { time, event }
}

// Every expected value below comes from test/golden/survival.json, written by
// `Rscript test/golden/survival.R` (R's survival package; versions recorded in the JSON).
// Tolerance: relative 1e-8 (see REL above).

const CONF_TYPES: ConfType[] = ['log', 'log-log', 'plain']

for (const [name, ds] of Object.entries(golden.datasets)) {
  describe(`${name}`, () => {
    for (const [arm, r] of Object.entries(ds.arms)) {
      const { time, event } = armData(ds, arm)
      const fit = kaplanMeier(time, event)

      it(`${arm}: Kaplan–Meier table = survfit(Surv(time, status) ~ 1)`, () => {
        expect(fit.n).toBe(r.n)
        expect(fit.events).toBe(r.events)
        expectAllClose(fit.time, r.table.time, REL, 'time')
        expectAllClose(fit.nRisk, r.table.n_risk, REL, 'n.risk')
        expectAllClose(fit.nEvent, r.table.n_event, REL, 'n.event')
        expectAllClose(fit.nCensor, r.table.n_censor, REL, 'n.censor')
        expectAllClose(fit.surv, r.table.surv, REL, 'surv')
        // fit$std.err is on the log scale, sqrt(Greenwood); Inf where S drops to 0 (null here)
        expectAllClose(
          fit.time.map((_, i) => logStdErr(fit, i)),
          r.table.std_err,
          REL,
          'std.err',
        )
      })

      it(`${arm}: pointwise limits = survfit(..., conf.type = type)$lower/$upper`, () => {
        for (const type of CONF_TYPES) {
          const band = confint(fit, { type })
          expectAllClose(band.lower, r.ci[type].lower, REL, `${type} lower`)
          expectAllClose(band.upper, r.ci[type].upper, REL, `${type} upper`)
        }
      })

      it(`${arm}: survivalAt = summary(fit, times = ${JSON.stringify(ds.times)}, extend = TRUE)`, () => {
        for (const type of CONF_TYPES) {
          const rows = survivalAt(fit, ds.times, { type })
          // summary's std.err is the SE of S (std.err * surv), hence `se`
          const columns = [
            ['time', 'time'],
            ['n_risk', 'nRisk'],
            ['n_event', 'nEvent'],
            ['n_censor', 'nCensor'],
            ['surv', 'surv'],
            ['std_err', 'se'],
            ['lower', 'lower'],
            ['upper', 'upper'],
          ] as const
          for (const [rName, key] of columns) {
            expectAllClose(
              rows.map((row) => row[key]),
              r.at[type][rName],
              REL,
              `${type} ${rName}`,
            )
          }
        }
      })

      it(`${arm}: quantile = quantile(fit, probs = p) with its CI, per conf.type`, () => {
        for (const type of CONF_TYPES) {
          const q = r.quantiles[type]
          const mine = q.probs.map((p) => quantile(fit, p, { type }))
          for (const key of ['quantile', 'lower', 'upper'] as const) {
            expectAllClose(
              mine.map((x) => x[key]),
              q[key],
              REL,
              `${type} ${key}`,
            )
          }
        }
      })

      it(`${arm}: rmst = survival:::survmean(fit, rmean = tau) (print(fit, rmean = tau))`, () => {
        const mine = r.rmean.tau.map((tau) => rmst(fit, tau))
        expectAllClose(
          mine.map((x) => x.rmst),
          r.rmean.rmean,
          REL,
          'rmean',
        )
        expectAllClose(
          mine.map((x) => x.se),
          r.rmean.se,
          REL,
          'se(rmean)',
        )
      })
    }

    const twoArm = ds.two_arm
    if (twoArm === null) return
    const { time, status, arm } = ds.input

    it('logrank = survdiff(Surv(time, status) ~ arm)', () => {
      const r = twoArm.logrank
      const mine = logrank(time, status, arm)
      expect(mine.groups).toEqual(r.groups)
      expect(mine.n).toEqual(r.n)
      expectAllClose(mine.observed, r.observed, REL, 'obs')
      expectAllClose(mine.expected, r.expected, REL, 'exp')
      mine.variance.forEach((row, i) => expectAllClose(row, r.variance[i], REL, `var[${i}]`))
      expectClose(mine.chisq, r.chisq, REL, 'chisq')
      // R: df = sum(exp > 0) - 1 and p = pchisq(chisq, df); with no events df = -1, p = NaN
      expect(mine.df).toBe(Math.max(r.df, 0))
      expectClose(mine.p, r.df > 0 ? r.p : null, REL, 'p')
    })

    it('coxTwoGroup = coxph(Surv(time, status) ~ arm, ties = "efron") and summary()', () => {
      const r = twoArm.cox
      const mine = coxTwoGroup(time, status, arm, { ref: r.ref })
      const estimable = r.beta !== null
      expectClose(mine.beta, r.beta, REL, 'coef')
      // R reports se 0 (and Wald chisq 0) when the coefficient is NA
      expectClose(mine.se, estimable ? r.se : null, REL, 'se(coef)')
      expectClose(mine.hr, r.hr, REL, 'exp(coef)')
      expectClose(mine.lower, r.lower, REL, 'lower .95')
      expectClose(mine.upper, r.upper, REL, 'upper .95')
      expectClose(mine.waldChisq, estimable ? r.wald_chisq : null, REL, 'wald.test')
      expectClose(mine.pWald, r.p_wald, REL, 'Pr(>|z|)')
      expectClose(mine.lrChisq, r.lr_chisq, REL, 'logtest')
      expectClose(mine.pLR, r.p_lr, REL, 'logtest p')
      expectClose(mine.scoreChisq, r.score_chisq, REL, 'sctest')
      expectClose(mine.pScore, r.p_score, REL, 'sctest p')
      expectAllClose(mine.loglik, r.loglik, REL, 'loglik')
      expect(mine.iterations).toBe(r.iterations)
      expect(mine.converged).toBe(!r.warnings.some((w) => w.includes('did not converge')))
      expect(mine.infinite).toBe(r.warnings.some((w) => w.includes('may be infinite')))
    })
  })
}
