import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import {
  figureTickSpacing,
  placeCounts,
  riskTableStep,
  tickStepFromTimes,
  timesEvery,
} from '../../src/shared/calibration/riskTimes'
import { survivalAxes } from '../../src/shared/calibration/axes'
import { axesChecker } from '../../src/renderer/src/geometry/calibration'
import { tickBand, timeTickStep } from '../../src/renderer/src/geometry/figureTicks'
import { riskSpacing } from '../../src/renderer/src/geometry/riskSpacing'
import { repoRoot } from '../e2e/paths'

describe('the figure tick spacing a risk table uses', () => {
  it('guesses the usual steps of a time axis from its calibration values', () => {
    // 0–36 months: 6 months (6 intervals), not 5 (not a divisor) nor 3 (12 intervals, rarer);
    // a figure ticked by 3 is told by its tick marks (below), not by these two values.
    expect(figureTickSpacing(0, 36, 'months')).toBe(6)
    expect(figureTickSpacing(36, 0, 'months')).toBe(6)
    expect(figureTickSpacing(0, 48, 'months')).toBe(6)
    expect(figureTickSpacing(0, 60, 'months')).toBe(6)
    expect(figureTickSpacing(0, 24, 'months')).toBe(3)
    expect(figureTickSpacing(0, 12, 'months')).toBe(2)
    // Bonner 2006: 0–70 months, ticks every 10.
    expect(figureTickSpacing(0, 70, 'months')).toBe(10)
    expect(figureTickSpacing(0, 35, 'months')).toBe(5)
    expect(figureTickSpacing(0, 5, 'years')).toBe(1)
    expect(figureTickSpacing(0, 15, 'years')).toBe(3)
    expect(figureTickSpacing(0, 1000, 'days')).toBe(100)
    expect(figureTickSpacing(0, 3, 'months')).toBe(0.5)
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
    expect(riskSpacing(cal, empty, null)).toMatchObject({ step: 6, axisEnd: 36 })
    expect(riskSpacing(cal, empty, null).source).toMatch(/^guessed/)
    expect(riskSpacing(cal, empty, null).times).toHaveLength(7)
    expect(riskSpacing(cal, empty, null, 3)).toMatchObject({
      step: 3,
      source: "from the figure's ticks",
    })
    expect(riskSpacing(cal, empty, null, 3).times).toHaveLength(13)
    const entered = { risk: [0, 6, 12].map((time) => ({ time, nRisk: 1 })), points: [] }
    expect(riskSpacing(cal, entered, null).step).toBe(6)
    expect(riskSpacing(cal, entered, 4).step).toBe(4)
    expect(riskSpacing(cal, entered, 4).times).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36])
  })

  it("draws the axes checker's time gridlines at the figure's tick step, not at 5, 10 …", () => {
    const axes = survivalAxes(cal)
    expect(axesChecker(cal, axes, 6).xTicks).toEqual([0, 6, 12, 18, 24, 30, 36])
    expect(axesChecker(cal, axes).xTicks).toContain(35)
  })
})

describe("the tick step read from the figure's tick marks", () => {
  const calOf = (
    x1: number[],
    x2: number[],
    y2: number[],
    end: number,
    top: number,
    unit = 'months',
  ) => ({
    x1: { px: x1[0], py: x1[1], value: 0 },
    x2: { px: x2[0], py: x2[1], value: end },
    y1: { px: x1[0], py: x1[1], value: 0 },
    y2: { px: y2[0], py: y2[1], value: top },
    xScale: 'linear' as const,
    yScale: (top > 1.5 ? 'percent' : 'proportion') as 'percent' | 'proportion',
    yAxis: 'linear' as const,
    timeUnit: unit as 'months',
  })
  const stepOf = async (png: Buffer, cal: ReturnType<typeof calOf>) => {
    const image = await loadImage(png)
    const band = tickBand(cal, image.width, image.height)!
    const canvas = createCanvas(band.width, band.height)
    canvas
      .getContext('2d')
      .drawImage(image, band.x, band.y, band.width, band.height, 0, 0, band.width, band.height)
    const pixels = canvas.getContext('2d').getImageData(0, 0, band.width, band.height)
    return timeTickStep(pixels, band, cal)
  }
  /** A 0–`end` axis drawn with a tick every `every` (none when 0), as R's plot draws it. */
  const drawn = (end: number, every: number) => {
    const canvas = createCanvas(600, 400)
    const g = canvas.getContext('2d')
    g.fillStyle = '#fff'
    g.fillRect(0, 0, 600, 400)
    g.strokeStyle = '#000'
    g.lineWidth = 2
    g.beginPath()
    g.moveTo(60, 340)
    g.lineTo(560, 340)
    g.moveTo(60, 340)
    g.lineTo(60, 40)
    for (let t = 0; every > 0 && t <= end + 1e-9; t += every) {
      g.moveTo(60 + (500 * t) / end, 340)
      g.lineTo(60 + (500 * t) / end, 348)
    }
    g.stroke()
    return canvas.toBuffer('image/png')
  }

  it('reads 6 on the lung figure (0–36 months ticked by 6) and 10 on Bonner 2006 (0–70)', async () => {
    const lung = readFileSync(join(repoRoot, '../shared/cases/lung/figure.png'))
    const lungCal = calOf([240, 760], [1370, 760], [240, 60], 36, 1)
    expect(await stepOf(lung, lungCal)).toBe(6)
    // Saved as a JPEG, as figures often come.
    const image = await loadImage(lung)
    const jpeg = createCanvas(image.width, image.height)
    jpeg.getContext('2d').drawImage(image, 0, 0)
    expect(await stepOf(jpeg.toBuffer('image/jpeg', 75), lungCal)).toBe(6)
    const bonner = readFileSync(join(repoRoot, '../shared/trials/bonner2006/figure.png'))
    expect(await stepOf(bonner, calOf([120.5, 224], [394.5, 224], [120.5, 36], 70, 100))).toBe(10)
  })

  it('tells an axis ticked by 3 from one ticked by 6, which the calibration values cannot', async () => {
    const cal = calOf([60, 340], [560, 340], [60, 40], 36, 1)
    expect(await stepOf(drawn(36, 3), cal)).toBe(3)
    expect(await stepOf(drawn(36, 6), cal)).toBe(6)
    expect(await stepOf(drawn(36, 12), cal)).toBe(12)
    expect(
      await stepOf(drawn(1000, 250), calOf([60, 340], [560, 340], [60, 40], 1000, 1, 'days')),
    ).toBe(250)
    // No tick marks: nothing read, and the risk table falls back to its guess.
    expect(await stepOf(drawn(36, 0), cal)).toBeNull()
  })

  it('matches tick times, a little off, to a usual step', () => {
    expect(tickStepFromTimes([0.05, 2.97, 6.02, 9.0, 11.96], 'months', [0, 12])).toBe(3)
    expect(tickStepFromTimes([0, 6.1, 12, 17.9, 24, 30.05, 36], 'months', [0, 36])).toBe(6)
    expect(tickStepFromTimes([0, 100.3, 199.6, 300], 'days', [0, 300])).toBe(100)
    // A mark that is no tick (a curve's drop onto the axis) does not hide the step.
    expect(tickStepFromTimes([0, 6, 12, 14.3, 18, 24], 'months', [0, 24])).toBe(6)
    // Two ticks cannot tell a step; uneven marks fit none.
    expect(tickStepFromTimes([0, 6], 'months', [0, 6])).toBeNull()
    expect(tickStepFromTimes([0, 4.4, 8.8, 13.2], 'months', [0, 13.2])).toBeNull()
  })
})
