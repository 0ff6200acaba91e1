import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { criticalValue } from '../../src/shared/distributions'
import {
  coxTwoGroup,
  kaplanMeier,
  limitsAt,
  logrank,
  quantile,
  survivalAt,
} from '../../src/shared/survival'
import { groupBy } from '../../src/shared/survival/groups'
import { sortSurvival } from '../../src/shared/survival/survivalData'
import { TIMEFIX_TOLERANCE, timefixSorted } from '../../src/shared/survival/timefix'
import { expectAllClose, expectClose } from '../helpers/close'

// Tests that kill mutants of src/shared/survival the R goldens let survive (`npm run mutation`,
// docs/mutation.md lists the mutants left as equivalent). Expected values come from
// test/golden/mutants.json, written by `Rscript test/golden/mutants.R` (survival::survfit), or are
// derived by hand in the comment beside them.

interface KmCase {
  time: number[]
  status: number[]
  fit_time: number[]
  n_event: number[]
  surv: number[]
}
interface LogrankCase {
  time: number[]
  status: number[]
  group: string[]
  observed: number[]
  expected: number[]
  chisq: number
  df: number
  p: number
}
interface QuantileCase {
  time: number[]
  status: number[]
  rows: { p: number; quantile: number | null; lower: number | null; upper: number | null }[]
}
const golden: {
  timefix: Record<string, KmCase>
  logrank: Record<string, LogrankCase>
  quantiles: Record<string, QuantileCase>
} = JSON.parse(readFileSync(new URL('../golden/mutants.json', import.meta.url), 'utf8'))

describe('timefix merges near-equal times as survival::aeqSurv does', () => {
  // TIMEFIX_TOLERANCE = sqrt(.Machine$double.eps) = 2^-26 exactly, so the boundary cases in
  // mutants.R sit exactly on it.
  it('the tolerance is 2^-26', () => {
    expect(TIMEFIX_TOLERANCE).toBe(2 ** -26)
  })
  for (const [name, c] of Object.entries(golden.timefix)) {
    it(`${name}: survfit(Surv(${JSON.stringify(c.time)}, ${JSON.stringify(c.status)}) ~ 1)`, () => {
      const fit = kaplanMeier(c.time, c.status)
      expectAllClose(fit.time, c.fit_time, { rel: 0 }, 'time')
      expectAllClose(fit.nEvent, c.n_event, { rel: 0 }, 'n.event')
      expectAllClose(fit.surv, c.surv, { rel: 1e-15 }, 'surv')
    })
  }
  it('reports whether it merged anything', () => {
    // one value, exact ties and far-apart values: nothing to merge
    expect(timefixSorted(Float64Array.of(5))).toBe(false)
    expect(timefixSorted(Float64Array.of(1, 1, 2))).toBe(false)
    const merged = Float64Array.of(1, 1 + 2 ** -30, 2)
    expect(timefixSorted(merged)).toBe(true)
    expect([...merged]).toEqual([1, 1, 2])
  })
})

describe('sortSurvival orders as R order() does after aeqSurv', () => {
  it('exact ties keep their positions in ascending order', () => {
    // times 2, 1, 2, 2: position 1 first, then the three 2s by position
    const s = sortSurvival([2, 1, 2, 2], [1, 1, 0, 1])
    expect([...s.order]).toEqual([1, 0, 2, 3])
    expect([...s.event]).toEqual([1, 1, 0, 1])
  })
  it('times merged by timefix are ordered by position again', () => {
    // 0.1 + 0.2 = 0.30000000000000004 sorts after 0.3 (position 1), then both become 0.3; R sorts
    // the fixed times, so the tie is broken by position: 0 before 1.
    const s = sortSurvival([0.1 + 0.2, 0.3], [1, 0])
    expect([...s.time]).toEqual([0.3, 0.3])
    expect([...s.order]).toEqual([0, 1])
    expect([...s.event]).toEqual([1, 0])
  })
})

describe('group labels', () => {
  it('a label that is neither a string nor a finite number is refused with its position', () => {
    expect(() => groupBy(['a', NaN], 2)).toThrow(/group\[1\] must be a string or a finite number/)
    expect(() => groupBy(['a', null as never], 2)).toThrow(/group\[1\]/)
  })
  it('levels must be distinct and list every label', () => {
    expect(() => groupBy(['a', 'b'], 2, ['a', 'a', 'b'])).toThrow(/not distinct/)
    expect(() => groupBy(['a', 'b', 'c'], 3, ['a', 'b'])).toThrow(
      /group label c is not among the levels/,
    )
  })
  it('string labels sort by code units, whatever their input order', () => {
    // C-locale factor() order: "a" < "b" < "c"
    expect(groupBy(['c', 'b', 'a', 'c'], 4).levels).toEqual(['a', 'b', 'c'])
    expect([...groupBy(['c', 'b', 'a', 'c'], 4).codes]).toEqual([2, 1, 0, 2])
  })
  it('labels with the same text stay distinct, in order of first appearance', () => {
    // 1 and '1' compare equal as text, so the stable sort keeps them where they first appear
    expect(groupBy([1, '1'], 2).levels).toEqual([1, '1'])
    expect(groupBy(['1', 1], 2).levels).toEqual(['1', 1])
  })
  it('numbers mixed with strings sort as their text', () => {
    // R would hold them as character: "10" < "9" < "b" in the C locale
    expect(groupBy([10, 9, 'b', 9], 4).levels).toEqual([10, 9, 'b'])
    const r = logrank([1, 2, 3, 4, 5, 6], [1, 1, 1, 0, 1, 1], [10, 9, 'b', 9, 10, 'b'])
    expect(r.groups).toEqual([10, 9, 'b'])
  })
})

describe('limitsAt where S = 0', () => {
  // survival:::survfit_confint sets S = 0 to NA before the log and log-log transforms, whatever
  // the standard error: no interval.
  const z = criticalValue(0.95)
  it('log and log-log give no limits at S = 0 even with a finite standard error', () => {
    expect(limitsAt(0, 0.1, z, 'log')).toEqual({ lower: null, upper: null })
    expect(limitsAt(0, 0.1, z, 'log-log')).toEqual({ lower: null, upper: null })
  })
})

describe('log-rank with more than two groups solves the full system', () => {
  for (const [name, c] of Object.entries(golden.logrank)) {
    it(`${name} groups: survdiff(Surv(time, status) ~ group)`, () => {
      const r = logrank(c.time, c.status, c.group)
      expectAllClose(r.observed, c.observed, { rel: 0 }, 'obs')
      expectAllClose(r.expected, c.expected, { rel: 1e-12 }, 'exp')
      expect(r.df).toBe(c.df)
      expectClose(r.chisq, c.chisq, { rel: 1e-10 }, 'chisq')
      expectClose(r.p, c.p, { rel: 1e-10 }, 'p')
    })
  }
  it('a singular variance matrix gives no statistic rather than a wrong one', () => {
    // Everyone (one per group) dies at t = 1: each group expects d·r/n = 3·1/3 = 1 event, and
    // every variance term carries (n − d) = 0, so the variance matrix is 0. R's survdiff stops in
    // solve() ("system is exactly singular"); kmpool returns chisq and p null on df = 2.
    const r = logrank([1, 1, 1], [1, 1, 1], ['a', 'b', 'c'])
    expect(r.expected).toEqual([1, 1, 1])
    expect(r.variance.flat().every((v) => v === 0)).toBe(true)
    expect(r.df).toBe(2)
    expect(r.chisq).toBeNull()
    expect(r.p).toBeNull()
  })
})

describe('coxTwoGroup bookkeeping', () => {
  const time = [1, 2, 3, 4, 5, 6, 7, 8]
  const event = [1, 1, 0, 1, 1, 0, 1, 1]
  const group = ['a', 'b', 'a', 'b', 'a', 'b', 'b', 'a']
  it('names the other group and counts the events', () => {
    // 8 patients, 6 events (the two zeros are censored)
    const ab = coxTwoGroup(time, event, group)
    expect([ab.ref, ab.other, ab.n, ab.events]).toEqual(['a', 'b', 8, 6])
    const ba = coxTwoGroup(time, event, group, { ref: 'b' })
    expect([ba.ref, ba.other]).toEqual(['b', 'a'])
  })
  it('refuses a confidence level outside (0, 1)', () => {
    for (const conf of [0, 1, -0.5, 1.5, NaN]) {
      expect(() => coxTwoGroup(time, event, group, { conf })).toThrow(
        /confidence level must be in \(0, 1\)/,
      )
    }
  })
})

describe('quantiles on and near the 2^-26 tolerance of quantile.survfit', () => {
  for (const [name, c] of Object.entries(golden.quantiles)) {
    for (const row of c.rows) {
      it(`${name}: quantile(fit, probs = ${row.p}, conf.int = TRUE)`, () => {
        const q = quantile(kaplanMeier(c.time, c.status), row.p)
        expectClose(q.quantile, row.quantile, { rel: 1e-15 }, 'quantile')
        expectClose(q.lower, row.lower, { rel: 1e-15 }, 'lower')
        expectClose(q.upper, row.upper, { rel: 1e-15 }, 'upper')
      })
    }
  }
})

describe('argument checks', () => {
  const fit = kaplanMeier([1, 2, 3], [1, 0, 1])
  it('a negative probability or time is refused', () => {
    expect(() => quantile(fit, -0.1)).toThrow(/p must be in \[0, 1\], got -0.1/)
    expect(() => survivalAt(fit, [1, -1])).toThrow(/finite and ≥ 0, got -1/)
  })
})
