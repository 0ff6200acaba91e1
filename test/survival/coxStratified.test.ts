import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { coxStratified, coxTwoGroup } from '../../src/shared/survival'

/** R's values, written by test/golden/onestage.R (coxph(... + strata(study)), cox.zph(fit)). */
interface GoldenStratified {
  name: string
  input: { time: number[]; event: number[]; arm: string[]; study: string[] }
  coxph: {
    beta: number
    se: number
    hr: number
    lower: number
    upper: number
    wald_chisq: number
    p_wald: number
    lr_chisq: number
    p_lr: number
    score_chisq: number
    p_score: number
    loglik: [number, number]
    iterations: number
    warnings: string[]
  }
  zph: { chisq: number; p: number; global_chisq: number; global_p: number } | null
}

const golden = JSON.parse(
  readFileSync(new URL('../golden/onestage.json', import.meta.url), 'utf8'),
) as { stratified: GoldenStratified[] }

const REL = 1e-6

describe('coxStratified against survival::coxph(Surv(time, event) ~ arm + strata(study))', () => {
  for (const g of golden.stratified) {
    it(g.name, () => {
      const { time, event, arm, study } = g.input
      const fit = coxStratified(time, event, arm, study, { ref: 'A' })
      const r = g.coxph
      expect(fit.iterations).toBe(r.iterations)
      expect(fit.converged).toBe(!r.warnings.some((w) => w.includes('did not converge')))
      for (const [ours, theirs, label] of [
        [fit.beta, r.beta, 'beta'],
        [fit.se, r.se, 'se'],
        [fit.hr, r.hr, 'hr'],
        [fit.lower, r.lower, 'lower'],
        [fit.upper, r.upper, 'upper'],
        [fit.waldChisq, r.wald_chisq, 'Wald'],
        [fit.pWald, r.p_wald, 'p Wald'],
        [fit.lrChisq, r.lr_chisq, 'LR'],
        [fit.pLR, r.p_lr, 'p LR'],
        [fit.scoreChisq, r.score_chisq, 'score'],
        [fit.pScore, r.p_score, 'p score'],
        [fit.loglik[0], r.loglik[0], 'loglik0'],
        [fit.loglik[1], r.loglik[1], 'loglik'],
      ] as const) {
        expectClose(ours, theirs, { rel: REL }, `${g.name} ${label}`)
      }
      if (g.zph === null) expect(fit.zph).toBeNull()
      else {
        expectClose(fit.zph?.chisq, g.zph.chisq, { rel: REL }, `${g.name} zph chisq`)
        expectClose(fit.zph?.p, g.zph.p, { rel: REL }, `${g.name} zph p`)
        expectClose(fit.zph?.globalChisq, g.zph.global_chisq, { rel: REL }, 'zph global')
        expectClose(fit.zph?.globalP, g.zph.global_p, { rel: REL }, 'zph global p')
      }
    })
  }

  it('lists the strata that add nothing and says so', () => {
    const g = golden.stratified.find((s) => s.name === 'one_arm_and_no_events')!
    const fit = coxStratified(g.input.time, g.input.event, g.input.arm, g.input.study)
    expect(fit.strataWithOneGroup).toEqual(['T5'])
    expect(fit.strataWithoutEvents).toEqual(['T6'])
    expect(fit.strata).toBe(6)
    expect(fit.notes.join(' ')).toMatch(/without events add nothing/)
  })

  it('flags a fit that did not converge (monotone likelihood) instead of throwing', () => {
    const g = golden.stratified.find((s) => s.name === 'monotone')!
    const fit = coxStratified(g.input.time, g.input.event, g.input.arm, g.input.study)
    expect(fit.converged).toBe(false)
    expect(fit.notes.join(' ')).toMatch(/did not converge/)
  })

  it('with no events returns R NA estimates, not an error', () => {
    const fit = coxStratified([1, 2, 3, 4], [0, 0, 0, 0], ['A', 'B', 'A', 'B'], [1, 1, 2, 2])
    expect(fit.beta).toBeNull()
    expect(fit.pLR).toBe(1)
    expect(fit.zph).toBeNull()
    expect(fit.notes).toContain('no events: the hazard ratio is not estimable')
  })

  it('with one stratum is the unstratified model', () => {
    const g = golden.stratified[0]
    const one = g.input.study.map(() => 'all')
    const a = coxStratified(g.input.time, g.input.event, g.input.arm, one, { ref: 'A' })
    const b = coxTwoGroup(g.input.time, g.input.event, g.input.arm, { ref: 'A' })
    expectClose(a.beta, b.beta, { rel: 1e-12 }, 'beta')
    expectClose(a.se, b.se, { rel: 1e-12 }, 'se')
  })
})
