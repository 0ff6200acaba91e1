import { describe, expect, it } from 'vitest'
import {
  figureTickSpacing,
  placeCounts,
  riskTableStep,
  timesEvery,
} from '../../src/shared/calibration/riskTimes'
import { riskSpacing } from '../../src/renderer/src/geometry/riskSpacing'

describe('the figure tick spacing a risk table uses', () => {
  it('reads the usual steps of a time axis from its calibration values', () => {
    // A JCO figure 0–36 months ticked every 3 months (issue 13), not the checker's 0, 5 … 35.
    expect(figureTickSpacing(0, 36, 'months')).toBe(3)
    expect(figureTickSpacing(36, 0, 'months')).toBe(3)
    // Bonner 2006: 0–70 months, ticks every 10.
    expect(figureTickSpacing(0, 70, 'months')).toBe(10)
    expect(figureTickSpacing(0, 60, 'months')).toBe(6)
    expect(figureTickSpacing(0, 35, 'months')).toBe(5)
    expect(figureTickSpacing(0, 5, 'years')).toBe(1)
    expect(figureTickSpacing(0, 1000, 'days')).toBe(100)
    expect(figureTickSpacing(12, 48, 'months')).toBe(6)
  })

  it('gives none for values that cannot be ticks of one axis', () => {
    expect(figureTickSpacing(5, 5, 'months')).toBeNull()
    expect(figureTickSpacing(-1, 5, 'months')).toBeNull()
    expect(figureTickSpacing(0, Number.NaN, 'months')).toBeNull()
  })

  it('lists the times of the rows and reads the step of an entered table', () => {
    expect(timesEvery(3, 36)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36])
    expect(timesEvery(0.1, 0.3)).toEqual([0, 0.1, 0.2, 0.3])
    expect(timesEvery(0, 10)).toEqual([])
    expect(riskTableStep([0, 10, 20, 30])).toBe(10)
    expect(riskTableStep([0, 3, 7])).toBeNull()
    expect(riskTableStep([5])).toBeNull()
  })
})

describe('a pasted row of numbers at risk', () => {
  const times = timesEvery(3, 36)

  it('fills the times in order, whatever its length', () => {
    const eleven = [200, 180, 160, 140, 120, 100, 80, 60, 40, 20, 10]
    const placed = placeCounts(eleven, times, 0, 3, 36)
    expect(placed.map((p) => p.time)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30])
    expect(placed.map((p) => p.nRisk)).toEqual(eleven)
    expect(placed.some((p) => p.beyondAxis)).toBe(false)
  })

  it('goes on past the last row by the same step, and marks what lies beyond the axis', () => {
    const placed = placeCounts([5, 4, 3, 2], times, 11, 3, 36)
    expect(placed.map((p) => p.time)).toEqual([33, 36, 39, 42])
    expect(placed.map((p) => p.beyondAxis)).toEqual([false, false, true, true])
  })
})

describe('the spacing the risk panel offers', () => {
  const cal = {
    x1: { px: 0, py: 0, value: 0 },
    x2: { px: 100, py: 0, value: 36 },
    y1: { px: 0, py: 0, value: 0 },
    y2: { px: 0, py: -100, value: 100 },
    xScale: 'linear' as const,
    yScale: 'percent' as const,
    yAxis: 'linear' as const,
    timeUnit: 'months' as const,
  }

  it("takes a typed spacing first, then the entered rows', then the figure's ticks", () => {
    const empty = { risk: [], points: [] }
    expect(riskSpacing(cal, empty, null)).toMatchObject({ step: 3, axisEnd: 36 })
    expect(riskSpacing(cal, empty, null).times).toHaveLength(13)
    const entered = { risk: [0, 6, 12].map((time) => ({ time, nRisk: 1 })), points: [] }
    expect(riskSpacing(cal, entered, null).step).toBe(6)
    expect(riskSpacing(cal, entered, 4).step).toBe(4)
    expect(riskSpacing(cal, entered, 4).times).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36])
  })
})
