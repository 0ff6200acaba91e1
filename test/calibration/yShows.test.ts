import { describe, expect, it } from 'vitest'
import { survivalAxes } from '../../src/shared/calibration/axes'
import { calibrationSchema } from '../../src/shared/model/study'
import { axisMap, parseCalibration, TraceError } from '../../src/shared/trace'
import { expectClose } from '../helpers/close'

/** A 600×400-pixel plot: time 0–48 across x 100–700, the y axis 0–1 up y 500–100. */
const points = {
  x1: { px: 100, py: 500, value: 0 },
  x2: { px: 700, py: 500, value: 48 },
  y1: { px: 100, py: 500, value: 0 },
  y2: { px: 100, py: 100, value: 1 },
}

describe('what the y axis shows (survival or cumulative incidence)', () => {
  it('reads survival as S = 1 − y on a figure of cumulative incidence, and back', () => {
    const rising = survivalAxes({ ...points, yShows: 'cumulative-incidence' })
    // y = 0.3 is row 500 − 0.3·400 = 380: 30% have had the event, survival 0.7.
    expectClose(rising.toData(400, 380).surv, 0.7, {}, 'surv at y 0.3')
    expectClose(rising.toData(400, 380).time, 24, {}, 'time')
    expectClose(rising.toPixel(24, 0.7).py, 380, {}, 'row of surv 0.7')
    // Survival 1 (no events yet) is on the x axis, at the bottom.
    expectClose(rising.toPixel(0, 1).py, 500, {}, 'row of surv 1')
    const percent = survivalAxes({
      ...points,
      y2: { ...points.y2, value: 100 },
      yScale: 'percent',
      yShows: 'cumulative-incidence',
    })
    expectClose(percent.toData(400, 380).surv, 0.7, {}, 'surv at 30%')
  })

  it('reads survival as y when the field is absent or says survival', () => {
    for (const cal of [points, { ...points, yShows: 'survival' as const }]) {
      expectClose(survivalAxes(cal).toData(400, 380).surv, 0.3, {}, 'surv at y 0.3')
    }
  })

  it('loads a study calibration without the field (files written before it), and with it', () => {
    const old = calibrationSchema.parse(points)
    expect(old.yShows).toBeUndefined()
    const rising = calibrationSchema.parse({ ...points, yShows: 'cumulative-incidence' })
    expect(rising.yShows).toBe('cumulative-incidence')
    expect(calibrationSchema.safeParse({ ...points, yShows: 'incidence' }).success).toBe(false)
  })

  it('is read from a calibration file, and a wrong value is named', () => {
    const cal = parseCalibration({ ...points, yShows: 'cumulative-incidence', xScale: 'linear' })
    expect(cal.yShows).toBe('cumulative-incidence')
    expect(parseCalibration(points).yShows).toBeUndefined()
    expect(() => parseCalibration({ ...points, yShows: 'rising' })).toThrow(
      /calibration.yShows must be "survival" or "cumulative-incidence", got "rising"/,
    )
    expect(() => parseCalibration({ ...points, xScale: 'ln' })).toThrow(/calibration.xScale/)
  })
})

describe('the tracer’s axis map on a log time axis', () => {
  const log = {
    ...points,
    x1: { px: 100, py: 500, value: 1 },
    x2: { px: 700, py: 500, value: 100 },
    yScale: 'proportion' as const,
    xScale: 'log' as const,
  }

  it('maps times through log10, and starts the curves at the axis’s left end', () => {
    const map = axisMap(log)
    expect(map.startTime).toBe(1)
    // 10 is halfway between 1 and 100 on a log axis.
    expectClose(map.toPixel(10, 1).px, 400, {}, 'px of 10')
    expectClose(map.toData(400, 300).time, 10, {}, 'time at px 400')
    // Time 0 is not on a log axis: the tracer's start (time 0, survival 1) is its left end.
    expectClose(map.toPixel(0, 1).px, 100, {}, 'px of time 0')
    expectClose(map.pxPerTime, 300, {}, 'pixels per tenfold')
  })

  it('keeps time 0 at the origin of a linear axis', () => {
    const map = axisMap({ ...points, yScale: 'proportion' })
    expect(map.startTime).toBe(0)
    expectClose(map.pxPerTime, 12.5, {}, 'pixels per month')
  })

  it('refuses a log survival axis, which tracing does not read', () => {
    expect(() =>
      axisMap({ ...log, xScale: 'linear', yAxis: 'log', y1: { ...points.y1, value: 0.1 } }),
    ).toThrow(
      new TraceError(
        'calibration: tracing reads a linear survival axis only, not a log one; digitize this figure by hand',
      ),
    )
  })
})
