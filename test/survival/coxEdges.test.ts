import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { coxClustered, coxStratified, coxTwoGroup } from '../../src/shared/survival'
import { coxData, fitCox } from '../../src/shared/survival/coxEfron'
import { coxScoreResiduals } from '../../src/shared/survival/coxRobust'
import { expectAllClose, expectClose } from '../helpers/close'

// Cox fits on data that reach the edge branches of coxEfron, coxStratified, coxRobust and coxZph
// (step halving, an overflowing first step, a monotone likelihood, no information, equal times at
// the boundary of two strata, every event at one time), against R: test/golden/coxedges.json,
// written by `Rscript test/golden/coxedges.R` (survival 3.5-3). They kill mutants the other
// goldens let survive (`npm run mutation -- survival`; docs/mutation.md lists those left as
// equivalent).

interface Summary {
  beta: number | null
  se: number | null
  hr: number | null
  lower: number | null
  upper: number | null
  lr_chisq: number
  score_chisq: number
  loglik: [number, number]
  iterations: number
  warnings: string[]
}
interface Zph {
  chisq: number
  p: number
}
interface TwoGroupCase {
  name: string
  conf: number
  input: { time: number[]; event: number[]; x: number[] }
  coxph: Summary
  zph: Zph | null
}
interface StratifiedCase {
  name: string
  input: { time: number[]; event: number[]; arm: string[]; study: (string | number)[] }
  coxph: Summary
  zph: Zph | null
  score_residuals: number[] | null
}
interface ClusteredCase {
  name: string
  input: { time: number[]; event: number[]; x: number[]; study: string[] }
  coxph: { beta: number; se: number; naive_se: number; events: number }
}
const golden: {
  two_group: TwoGroupCase[]
  stratified: StratifiedCase[]
  clustered: ClusteredCase[]
} = JSON.parse(readFileSync(new URL('../golden/coxedges.json', import.meta.url), 'utf8'))

const REL = 1e-6
const INFINITE_NOTE =
  'the hazard ratio may be infinite (the events fall in one group only): its estimate, interval and Wald test are not reliable'
const CONVERGENCE_NOTE =
  'the model did not converge in 20 iterations: the estimate is the last one tried'
const SINGULAR_NOTE = 'the groups carry no information on the hazard ratio: not estimable'

const armsOf = (x: number[]): string[] => x.map((v) => (v === 1 ? 'B' : 'A'))
const warned = (r: Summary, what: RegExp): boolean => r.warnings.some((w) => what.test(w))

/** The notes R's warnings call for, in kmpool's order (convergence, infinite, singular). */
function expectedNotes(r: Summary): string[] {
  const notes: string[] = []
  if (warned(r, /did not converge/)) notes.push(CONVERGENCE_NOTE)
  if (warned(r, /may be infinite/)) notes.push(INFINITE_NOTE)
  if (r.beta === null) notes.push(SINGULAR_NOTE)
  return notes
}

function expectSummary(
  fit: ReturnType<typeof coxTwoGroup>,
  r: Summary,
  name: string,
  options: { seIsNull?: boolean } = {},
): void {
  expect(fit.iterations, `${name} iterations`).toBe(r.iterations)
  expect(fit.converged, `${name} converged`).toBe(!warned(r, /did not converge/))
  expect(fit.infinite, `${name} infinite`).toBe(warned(r, /may be infinite/))
  expectClose(fit.beta, r.beta, { rel: REL }, `${name} beta`)
  expectClose(fit.hr, r.hr, { rel: REL }, `${name} hr`)
  if (options.seIsNull) {
    // R reports se 0 (and limits equal to the HR) when the information at beta is 0; kmpool
    // reports the SE and the interval as not estimable.
    expect(r.se, `${name} R's se`).toBe(0)
    for (const v of [fit.se, fit.lower, fit.upper, fit.waldChisq, fit.pWald]) expect(v).toBeNull()
  } else {
    expectClose(fit.se, r.se, { rel: REL }, `${name} se`)
    // R's limits of a monotone fit are 0 and Inf; kmpool gives Inf as null.
    expectClose(fit.lower, r.lower, { rel: REL }, `${name} lower`)
    expectClose(fit.upper, r.upper, { rel: REL }, `${name} upper`)
  }
  // The likelihood-ratio and score statistics may be 0 (an estimate of 0, no information).
  expectClose(fit.lrChisq, r.lr_chisq, { rel: REL, abs: 1e-12 }, `${name} LR`)
  expectClose(fit.scoreChisq, r.score_chisq, { rel: REL, abs: 1e-12 }, `${name} score`)
  expectAllClose(fit.loglik, r.loglik, { rel: REL }, `${name} loglik`)
}

describe('coxph(Surv(time, event) ~ x, ties = "efron") at the edges of Newton–Raphson', () => {
  for (const g of golden.two_group) {
    it(`${g.name}: estimates, flags and notes as R`, () => {
      const { time, event, x } = g.input
      const arm = armsOf(x)
      const seIsNull = g.name === 'huge_step'
      expectSummary(coxTwoGroup(time, event, arm, { conf: g.conf }), g.coxph, g.name, { seIsNull })
      // One stratum is the unstratified model; it also gives the notes and cox.zph.
      const one = coxStratified(
        time,
        event,
        arm,
        arm.map(() => 'all'),
        { conf: g.conf },
      )
      expectSummary(one, g.coxph, `${g.name} (one stratum)`, { seIsNull })
      expect(one.notes).toEqual(expectedNotes(g.coxph))
      expect(one.strata).toBe(1)
      if (g.name === 'halving') {
        // R's cox.zph stops here ("exactly singular": arm B's one patient leaves the risk set at
        // the first time, so the 2×2 information's determinant is a rounding error); kmpool
        // refuses the same matrix by its reciprocal condition number.
        expect(one.zph).toBeNull()
        return
      }
      if (g.zph === null) expect(one.zph).toBeNull()
      else {
        expectClose(one.zph?.chisq, g.zph.chisq, { rel: REL }, `${g.name} zph chisq`)
        expectClose(one.zph?.p, g.zph.p, { rel: REL }, `${g.name} zph p`)
        expect(one.zph?.transform).toBe('km')
      }
    })
  }

  it("huge_step: the overflowing first step is halved to 600, above R's limit of 500 on x·beta", () => {
    const g = golden.two_group.find((c) => c.name === 'huge_step')!
    const fit = fitCox(coxData(g.input.time, g.input.event, g.input.x))
    expect(fit.beta).toBe(600)
    expect(fit.converged).toBe(false)
    expect(fit.infinite).toBe(true)
  })
})

describe('coxph(Surv(time, event) ~ arm + strata(study)) at the edges', () => {
  for (const g of golden.stratified) {
    it(`${g.name}: estimates, cox.zph and score residuals as R`, () => {
      const { time, event, arm, study } = g.input
      const fit = coxStratified(time, event, arm, study)
      expectSummary(fit, g.coxph, g.name)
      expect(fit.events).toBe(event.reduce((a, b) => a + b, 0))
      if (g.zph === null) expect(fit.zph).toBeNull()
      else {
        expectClose(fit.zph?.chisq, g.zph.chisq, { rel: REL }, `${g.name} zph chisq`)
        expectClose(fit.zph?.p, g.zph.p, { rel: REL }, `${g.name} zph p`)
      }
      if (g.score_residuals !== null) {
        const data = coxData(
          time,
          event,
          arm.map((a) => (a === 'B' ? 1 : 0)),
          study,
        )
        const sorted = coxScoreResiduals(data, fit.beta!)
        const inInputOrder = new Array<number>(time.length)
        for (let k = 0; k < sorted.length; k++) inInputOrder[data.order[k]] = sorted[k]
        expectAllClose(
          inInputOrder,
          g.score_residuals,
          { rel: 1e-6, abs: 1e-12 },
          'score residuals',
        )
      }
    })
  }

  it('boundary_tie: a clean fit has no notes', () => {
    const g = golden.stratified.find((c) => c.name === 'boundary_tie')!
    const fit = coxStratified(g.input.time, g.input.event, g.input.arm, g.input.study)
    expect(fit.notes).toEqual([])
    expect(fit.strataWithOneGroup).toEqual([])
    expect(fit.strataWithoutEvents).toEqual([])
  })

  it('one_arm_per_study: says that the strata add nothing and the model is not estimable', () => {
    const g = golden.stratified.find((c) => c.name === 'one_arm_per_study')!
    const fit = coxStratified(g.input.time, g.input.event, g.input.arm, g.input.study)
    expect(fit.strataWithOneGroup).toEqual([1, 2])
    expect(fit.notes).toEqual([
      '2 stratum(s) with one group only add nothing to the hazard ratio',
      SINGULAR_NOTE,
    ])
  })
})

describe('coxph(Surv(time, event) ~ x, cluster = study) with a unique first time', () => {
  for (const g of golden.clustered) {
    it(g.name, () => {
      const { time, event, x, study } = g.input
      const fit = coxClustered(time, event, armsOf(x), study)
      expectClose(fit.beta, g.coxph.beta, { rel: REL }, 'beta')
      expectClose(fit.se, g.coxph.se, { rel: REL }, 'robust se')
      expectClose(fit.naiveSe, g.coxph.naive_se, { rel: REL }, 'naive se')
      expect(fit.events).toBe(g.coxph.events)
      expect(fit.clusters).toBe(3)
      expect(fit.notes).toEqual([])
    })
  }
})

describe('input checks of the Cox models', () => {
  const time = [1, 2, 3, 4, 5, 6]
  const event = [1, 0, 1, 1, 0, 1]
  const arm = ['A', 'B', 'A', 'B', 'A', 'B']
  const study = [1, 1, 1, 2, 2, 2]

  it('coxData refuses a covariate of the wrong length or not 0/1', () => {
    expect(() => coxData([1, 2], [1, 1], [0])).toThrow('the covariate has 1 values, expected 2')
    expect(() => coxData([1, 2], [1, 1], [0, 1, 1])).toThrow(
      'the covariate has 3 values, expected 2',
    )
    expect(() => coxData([1, 2, 3], [1, 1, 0], [0, 2, 1])).toThrow(
      'covariate[1] must be 0 or 1, got 2',
    )
  })

  it('coxData without strata has one stratum', () => {
    const data = coxData(time, event, [0, 1, 0, 1, 0, 1])
    expect(data.strata).toHaveLength(1)
    expect([...data.stratum]).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('coxStratified and coxClustered refuse other than two groups, an unknown ref, a bad conf', () => {
    const three = ['A', 'B', 'C', 'A', 'B', 'C']
    expect(() => coxStratified(time, event, three, study)).toThrow(
      'coxStratified: needs exactly two groups, got 3',
    )
    expect(() => coxClustered(time, event, three, study)).toThrow(
      'coxClustered: needs exactly two groups, got 3',
    )
    expect(() => coxStratified(time, event, arm, study, { ref: 'C' })).toThrow(
      'coxStratified: ref C is not a group',
    )
    for (const conf of [0, 1, -0.5, 1.5, Number.NaN]) {
      expect(() => coxStratified(time, event, arm, study, { conf })).toThrow(
        `confidence level must be in (0, 1), got ${conf}`,
      )
    }
  })

  it('the reference group sets the direction of the hazard ratio', () => {
    const g = golden.stratified.find((c) => c.name === 'boundary_tie')!
    const { time, event, arm, study } = g.input
    const byDefault = coxStratified(time, event, arm, study)
    expect([byDefault.ref, byDefault.other]).toEqual(['A', 'B'])
    const reversed = coxStratified(time, event, arm, study, { ref: 'B' })
    expect([reversed.ref, reversed.other]).toEqual(['B', 'A'])
    expectClose(reversed.beta, -g.coxph.beta!, { rel: REL }, 'beta with ref B')
    const clustered = coxClustered(time, event, arm, study, { ref: 'B' })
    expect([clustered.ref, clustered.other]).toEqual(['B', 'A'])
  })
})
