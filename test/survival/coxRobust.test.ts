import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { coxClustered } from '../../src/shared/survival'

/** R's values, written by test/golden/onestage.R (coxph(... ~ subgroup, cluster = study)). */
interface GoldenClustered {
  name: string
  input: { time: number[]; event: number[]; subgroup: string[]; study: string[] }
  coxph: Record<
    | 'beta'
    | 'se'
    | 'naive_se'
    | 'hr'
    | 'lower'
    | 'upper'
    | 'wald_chisq'
    | 'p_wald'
    | 'lr_chisq'
    | 'p_lr',
    number
  >
  zph: { chisq: number; p: number }
}

const golden = JSON.parse(
  readFileSync(new URL('../golden/onestage.json', import.meta.url), 'utf8'),
) as { clustered: GoldenClustered[] }

describe('coxClustered against survival::coxph(Surv(time, event) ~ subgroup, cluster = study)', () => {
  for (const g of golden.clustered) {
    it(g.name, () => {
      const { time, event, subgroup, study } = g.input
      const fit = coxClustered(time, event, subgroup, study)
      const r = g.coxph
      expect(fit.clusters).toBe(new Set(study).size)
      for (const [ours, theirs, label] of [
        [fit.beta, r.beta, 'beta'],
        [fit.se, r.se, 'robust se'],
        [fit.naiveSe, r.naive_se, 'naive se'],
        [fit.hr, r.hr, 'hr'],
        [fit.lower, r.lower, 'lower'],
        [fit.upper, r.upper, 'upper'],
        [fit.waldChisq, r.wald_chisq, 'robust Wald'],
        [fit.pWald, r.p_wald, 'p robust Wald'],
        [fit.lrChisq, r.lr_chisq, 'LR (model-based)'],
        [fit.pLR, r.p_lr, 'p LR'],
      ] as const) {
        expectClose(ours, theirs, { rel: 1e-6 }, `${g.name} ${label}`)
      }
      expectClose(fit.zph?.chisq, g.zph.chisq, { rel: 1e-6 }, `${g.name} cox.zph chisq`)
      expectClose(fit.zph?.p, g.zph.p, { rel: 1e-6 }, `${g.name} cox.zph p`)
    })
  }

  it('with no events returns R NA estimates, not an error', () => {
    const fit = coxClustered([1, 2, 3], [0, 0, 0], ['a', 'b', 'b'], [1, 2, 3])
    expect(fit.beta).toBeNull()
    expect(fit.notes).toEqual(['no events: the hazard ratio is not estimable'])
  })
})
