import { describe, expect, it } from 'vitest'
import {
  axesChecker,
  calibrationFromDraft,
  draftFromCalibration,
  type CalibrationDraft,
} from '../../src/renderer/src/geometry/calibration'
import { traceCalibration } from '../../src/renderer/src/io/trace'
import { calibrationSchema } from '../../src/shared/model/study'

/** The app's calibration panel: the "curves rise" choice, kept in the study and given to tracing. */
const draft: CalibrationDraft = {
  points: {
    x1: { x: 100, y: 500 },
    x2: { x: 700, y: 500 },
    y1: { x: 100, y: 500 },
    y2: { x: 100, y: 100 },
  },
  values: { x1: '0', x2: '48', y1: '0', y2: '100' },
  xScale: 'linear',
  yAxis: 'linear',
  yScale: 'percent',
  timeUnit: 'months',
  yShows: 'cumulative-incidence',
}

describe('the calibration panel’s "the curves rise" choice', () => {
  it('makes a calibration that reads survival as 1 − y, and saves the choice', () => {
    const r = calibrationFromDraft(draft)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.calibration.yShows).toBe('cumulative-incidence')
    // 30% with the event at row 380: survival 0.7.
    expect(r.axes.toData(400, 380).surv).toBeCloseTo(0.7, 12)
    expect(draftFromCalibration(r.calibration).yShows).toBe('cumulative-incidence')
    expect(calibrationSchema.parse(r.calibration).yShows).toBe('cumulative-incidence')
  })

  it('leaves a survival figure’s calibration as files had it, and reads old files as survival', () => {
    const r = calibrationFromDraft({ ...draft, yShows: 'survival' })
    expect(r.ok && 'yShows' in r.calibration).toBe(false)
    if (r.ok) expect(r.axes.toData(400, 380).surv).toBeCloseTo(0.3, 12)
    const old = calibrationSchema.parse({
      x1: { px: 100, py: 500, value: 0 },
      x2: { px: 700, py: 500, value: 48 },
      y1: { px: 100, py: 500, value: 0 },
      y2: { px: 100, py: 100, value: 1 },
    })
    expect(draftFromCalibration(old).yShows).toBe('survival')
  })

  it('is given to the tracer, with a log time axis, and a log survival axis is refused', () => {
    const r = calibrationFromDraft({
      ...draft,
      xScale: 'log',
      values: { ...draft.values, x1: '1', x2: '100' },
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const cal = traceCalibration(r.calibration)
    expect(typeof cal === 'string' ? cal : [cal.xScale, cal.yShows]).toEqual([
      'log',
      'cumulative-incidence',
    ])
    expect(traceCalibration({ ...r.calibration, yAxis: 'log' })).toMatch(/linear survival axis/)
  })
})

describe('the axes checker of a figure of cumulative incidence', () => {
  it('draws each gridline at its axis value, from 0 at the bottom', () => {
    // An axis of cumulative incidence from 0 (row 500) to 50% (row 100).
    const r = calibrationFromDraft({ ...draft, values: { ...draft.values, y2: '50' } })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const check = axesChecker(r.calibration, r.axes)
    for (const line of check.yLines) {
      expect(line.from.py, `gridline ${line.value}`).toBeCloseTo(500 - (400 * line.value) / 50, 9)
    }
    expect(check.yLines.map((l) => l.value)).toContain(50)
  })
})
