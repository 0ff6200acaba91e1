import { describe, expect, it } from 'vitest'
import { reconstruct } from '../../src/shared/reconstruct'

// Hand-made curve: 10 at risk, nobody dies before 9.5, one of the 6 left dies at 9.5, 5 at risk
// at 10, so 4 were censored before 10.
const points = [
  { time: 0, surv: 1 },
  { time: 9.5, surv: 1 },
  { time: 9.5, surv: 5 / 6 },
  { time: 14, surv: 5 / 6 },
]
const risk = [
  { time: 0, nRisk: 10 },
  { time: 10, nRisk: 5 },
]

/**
 * Issue 10: an interval whose marks are short of the censorings the risk table implies by a few
 * (a mark merged in a crowded run, one hidden in a drop) still uses the marks found; only where
 * they are at most half the censorings are they set aside as missed (usableMarks.ts,
 * MISSED_SHARE).
 */
describe('marks a few short of the censorings', () => {
  const censoredBefore10 = (censorTimes: number[]) => {
    const r = reconstruct({ points, risk, censorTimes })
    return {
      times: r.ipd.filter((x) => x.event === 0 && x.time < 10).map((x) => x.time),
      notUsed: r.report.marksNotUsed,
    }
  }

  it('places the censorings at the 3 marks read for 4, the fourth as without marks', () => {
    const plain = censoredBefore10([]).times
    expect(plain).toHaveLength(4)
    const r = censoredBefore10([1, 2, 3])
    expect(r.notUsed).toEqual([])
    expect(r.times.filter((t) => [1, 2, 3].includes(t))).toEqual([1, 2, 3])
    expect(r.times).toHaveLength(4)
  })

  it('sets aside 2 marks for 4 censorings as missed', () => {
    const r = censoredBefore10([1, 2])
    expect(r.times).toEqual(censoredBefore10([]).times)
    expect(r.notUsed).toEqual([{ from: 0, to: 10, reason: 'missed', marks: 2, censorings: 4 }])
  })
})

/**
 * Marks short of the censorings whose curve misfits the drops fall back to the usual
 * reconstruction, as missed ones do: recorded, not warned (usableMarks.ts, marksWarning). Marks
 * as many as the censorings that misfit are still warned.
 */
describe('marks after the drop they should precede', () => {
  it('records 3 marks for 4 censorings that misfit, without a warning', () => {
    const r = reconstruct({ points, risk, censorTimes: [9.6, 9.7, 9.8] })
    expect(r.ipd).toEqual(reconstruct({ points, risk }).ipd)
    expect(r.report.warnings).toEqual([])
    expect(r.report.marksNotUsed).toEqual([
      expect.objectContaining({ from: 0, to: 10, reason: 'misfit', marks: 3, censorings: 4 }),
    ])
  })

  it('warns of 4 marks for 4 censorings that misfit', () => {
    const r = reconstruct({ points, risk, censorTimes: [9.6, 9.7, 9.8, 9.9] })
    expect(r.report.warnings.map((w) => w.code)).toEqual(['marks-not-used'])
  })
})
