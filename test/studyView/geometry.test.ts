import { describe, expect, it } from 'vitest'
import { survivalAxes } from '../../src/shared/calibration/axes'
import { emptyStudy } from '../../src/shared/model/study'
import {
  axesChecker,
  calibrationFromDraft,
  draftFromCalibration,
  parseNumber,
  suggestedYScale,
  type CalibrationDraft,
} from '../../src/renderer/src/geometry/calibration'
import { hitPoint, normalizeRect, pointsInRect } from '../../src/renderer/src/geometry/hit'
import * as history from '../../src/renderer/src/geometry/history'
import { checkPoints } from '../../src/renderer/src/geometry/pointChecks'
import { logTicks, niceTicks } from '../../src/renderer/src/geometry/ticks'
import {
  actualSizeView,
  fitView,
  imageToScreen,
  screenToImage,
  wheelFactor,
  zoomAbout,
} from '../../src/renderer/src/geometry/view'
import { parseRiskPaste } from '../../src/renderer/src/io/riskPaste'
import {
  addCurve,
  addPoint,
  deletePoints,
  movePoints,
  setCalibration,
} from '../../src/renderer/src/store/studyOps'

// The Bonner 2006 figure, as measured: 0–70 months, 0–100%.
const bonner = {
  x1: { px: 120.5, py: 224, value: 0 },
  x2: { px: 394.5, py: 224, value: 70 },
  y1: { px: 120.5, py: 224, value: 0 },
  y2: { px: 120.5, py: 36, value: 100 },
}

function draft(values: [string, string, string, string], patch: Partial<CalibrationDraft> = {}) {
  const d = draftFromCalibration(null)
  return {
    ...d,
    points: {
      x1: { x: bonner.x1.px, y: bonner.x1.py },
      x2: { x: bonner.x2.px, y: bonner.x2.py },
      y1: { x: bonner.y1.px, y: bonner.y1.py },
      y2: { x: bonner.y2.px, y: bonner.y2.py },
    },
    values: { x1: values[0], x2: values[1], y1: values[2], y2: values[3] },
    ...patch,
  }
}

describe('calibration', () => {
  it('reads survival typed in percent as a proportion, both ways', () => {
    const axes = survivalAxes({ ...bonner, yScale: 'percent' })
    const p = axes.toData(120.5 + 3.914285714 * 35, 224 - 1.88 * 50)
    expect(p.time).toBeCloseTo(35, 6)
    expect(p.surv).toBeCloseTo(0.5, 9)
    const q = axes.toPixel(70, 1)
    expect(q.px).toBeCloseTo(394.5, 9)
    expect(q.py).toBeCloseTo(36, 9)
  })

  it('is affine: a rotated, sheared figure maps exactly', () => {
    const at = (t: number, s: number) => ({
      px: 100 + t * 10 * Math.cos(0.1) - s * 300 * Math.sin(0.1) + s * 20,
      py: 400 + t * 10 * Math.sin(0.1) - s * 300 * Math.cos(0.1),
    })
    const cal = {
      x1: { ...at(0, 0), value: 0 },
      x2: { ...at(60, 0), value: 60 },
      y1: { ...at(0, 0), value: 0 },
      y2: { ...at(0, 1), value: 1 },
    }
    const p = at(23, 0.37)
    const d = survivalAxes(cal).toData(p.px, p.py)
    expect(d.time).toBeCloseTo(23, 9)
    expect(d.surv).toBeCloseTo(0.37, 9)
  })

  it('maps log axes through log10', () => {
    const axes = survivalAxes({
      x1: { px: 0, py: 100, value: 1 },
      x2: { px: 200, py: 100, value: 100 },
      y1: { px: 0, py: 100, value: 0 },
      y2: { px: 0, py: 0, value: 1 },
      xScale: 'log',
    })
    expect(axes.toData(100, 100).time).toBeCloseTo(10, 9)
  })

  it('makes a calibration of a complete draft, with percent suggested for 0–100 values', () => {
    const d = draft(['0', '70', '0', '100'])
    expect(suggestedYScale(d)).toBe('percent')
    const r = calibrationFromDraft({ ...d, yScale: 'percent' })
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.axes.toData(394.5, 36)).toEqual({ time: 70, surv: 1 })
    expect(parseNumber('0,5')).toBe(0.5)
    expect(parseNumber('1e2')).toBe(100)
    expect(parseNumber('7O')).toBeNull()
  })

  it('refuses, with a message, what cannot be a calibration', () => {
    const refusal = (d: CalibrationDraft) => {
      const r = calibrationFromDraft(d)
      return r.ok ? 'accepted' : r.message
    }
    expect(refusal({ ...draft(['0', '70', '0', '100']), points: {} })).toBe(
      'Click X1 (time axis) on the figure.',
    )
    expect(refusal(draft(['0', '', '0', '100']))).toBe(
      'Type the value of X2 (time axis): the calibration is not used until all four have one.',
    )
    // A skipped value is an error to see, not a next step.
    expect(calibrationFromDraft(draft(['0', '', '0', '100']))).toMatchObject({ complete: true })
    // Issue 13: "0 Tab 36 Tab 20 Tab 100" left Y1 and Y2 empty; both are named.
    const twoEmpty = calibrationFromDraft(draft(['0', '20', '', '']))
    expect(twoEmpty).toEqual({
      ok: false,
      complete: false,
      message:
        'Type the value of Y1 (survival axis) and Y2 (survival axis): the calibration is not used until all four have one.',
    })
    expect(refusal(draft(['0', '7O', '0', '100']))).toMatch(/"7O"\) is not a number/)
    expect(refusal(draft(['10', '10', '0', '100']))).toMatch(/x-axis points have the same value/)
    expect(refusal(draft(['0', '70', '50', '50']))).toMatch(/y-axis points have the same value/)
    expect(refusal(draft(['0', '70', '0', '100'], { xScale: 'log' }))).toMatch(
      /log axis has only values above 0/,
    )
    const collinear = draft(['0', '70', '0', '100'])
    collinear.points = { ...collinear.points, y1: { x: 250, y: 224 }, y2: { x: 330, y: 224 } }
    expect(refusal(collinear)).toMatch(/^Calibration refused: .*lie on one line/)
    const same = draft(['0', '70', '0', '100'])
    same.points = { ...same.points, x2: { x: 121, y: 224 } }
    expect(refusal(same)).toMatch(/x-axis points are at the same place/)
  })

  it("draws the axes checker's box through the values and gridlines at round values", () => {
    const r = calibrationFromDraft(draft(['0', '70', '0', '100'], { yScale: 'percent' }))
    if (!r.ok) throw new Error(r.message)
    const checker = axesChecker(r.calibration, r.axes)
    expect(checker.box.map((c) => [c.px, c.py].map((v) => Math.round(v * 10) / 10))).toEqual([
      [120.5, 224],
      [394.5, 224],
      [394.5, 36],
      [120.5, 36],
    ])
    expect(checker.xTicks).toEqual([0, 10, 20, 30, 40, 50, 60, 70])
    expect(checker.yLines.map((l) => l.value)).toEqual([0, 20, 40, 60, 80, 100])
    // A mistyped 700 puts the 70 gridline a tenth of the way along the axis.
    const typo = calibrationFromDraft(draft(['0', '700', '0', '100'], { yScale: 'percent' }))
    if (!typo.ok) throw new Error(typo.message)
    expect(axesChecker(typo.calibration, typo.axes).box[1].px).toBeCloseTo(394.5, 6)
    expect(typo.axes.toPixel(70, 0).px).toBeCloseTo(147.9, 6)
  })

  it('picks round ticks', () => {
    expect(niceTicks(0, 70, 8)).toEqual([0, 10, 20, 30, 40, 50, 60, 70])
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(0, 24, 8)).toEqual([0, 5, 10, 15, 20])
    expect(niceTicks(5, 5)).toEqual([])
    expect(logTicks(1, 100)).toEqual([1, 2, 5, 10, 20, 50, 100])
  })
})

describe('view', () => {
  const view = { scale: 2, x: 30, y: -10 }

  it('zooms about the pointer: the image point under it stays under it', () => {
    const anchor = { x: 412, y: 233 }
    const before = screenToImage(view, anchor)
    for (const factor of [wheelFactor(100), wheelFactor(-300), 7]) {
      const after = zoomAbout(view, anchor, factor)
      const p = imageToScreen(after, before)
      expect(p.x).toBeCloseTo(anchor.x, 9)
      expect(p.y).toBeCloseTo(anchor.y, 9)
    }
    expect(wheelFactor(100)).toBeCloseTo(1 / 1.2, 12)
  })

  it('clamps the zoom and keeps the anchor even at the limit', () => {
    const far = zoomAbout(view, { x: 0, y: 0 }, 1e9)
    expect(far.scale).toBe(64)
    expect(imageToScreen(far, screenToImage(view, { x: 0, y: 0 }))).toEqual({ x: 0, y: 0 })
  })

  it('fits the image centred, and shows it at 100% about the centre', () => {
    const fit = fitView({ width: 4000, height: 3000 }, { width: 1000, height: 800 }, 0)
    expect(fit).toEqual({ scale: 0.25, x: 0, y: 25 })
    const actual = actualSizeView(fit, { width: 1000, height: 800 })
    expect(actual.scale).toBe(1)
    expect(screenToImage(actual, { x: 500, y: 400 })).toEqual(
      screenToImage(fit, { x: 500, y: 400 }),
    )
  })
})

describe('hit-testing', () => {
  const points = [
    { px: 10, py: 10 },
    { px: 14, py: 10 },
    { px: 100, py: 50 },
  ]

  it('finds the nearest point within the radius, or none', () => {
    expect(hitPoint(points, { x: 11, y: 10 }, 5)).toBe(0)
    expect(hitPoint(points, { x: 13, y: 11 }, 5)).toBe(1)
    expect(hitPoint(points, { x: 12, y: 10 }, 5)).toBe(1)
    expect(hitPoint(points, { x: 50, y: 50 }, 5)).toBe(-1)
  })

  it('selects the points inside a box dragged either way', () => {
    expect(pointsInRect(points, normalizeRect({ x: 120, y: 60 }, { x: 12, y: 0 }))).toEqual([1, 2])
  })
})

describe('undo history', () => {
  it('records one step per edit and per gesture, however many moves it made', () => {
    let h = history.emptyHistory<string>()
    h = history.record(h, 'a')
    let present = 'b'
    const base = present
    for (const step of ['c', 'd', 'e']) present = step
    h = history.endGesture(h, base, present)
    expect(h.past).toEqual(['a', 'b'])
    const undone = history.undo(h, present)!
    expect(undone.present).toBe('b')
    const redone = history.redo(undone.history, undone.present)!
    expect(redone.present).toBe('e')
    expect(history.redo(redone.history, redone.present)).toBeNull()
  })

  it('records nothing for a gesture that changed nothing, and forgets redo on a new edit', () => {
    const h = history.record(history.emptyHistory<string>(), 'a')
    expect(history.endGesture(h, 'b', 'b')).toBe(h)
    const undone = history.undo(h, 'b')!
    expect(history.record(undone.history, 'a').future).toEqual([])
    expect(history.undo(history.emptyHistory<string>(), 'x')).toBeNull()
  })
})

describe('point checks', () => {
  it('flags points outside the axes and both points where the curve rises', () => {
    const flags = checkPoints(
      [
        { time: 0, surv: 1 },
        { time: 5, surv: 0.8 },
        { time: 6, surv: 0.85 },
        { time: 7, surv: 0.801 },
        { time: -2, surv: 1 },
        { time: 9, surv: 1.2 },
      ],
      { time: 0.2, surv: 0.005 },
    )
    expect(flags.map((f) => f.outside)).toEqual([false, false, false, false, true, true])
    expect(flags.map((f) => f.rising)).toEqual([false, true, true, true, false, true])
    const dip = checkPoints(
      [0.9, 0.88, 0.7, 0.86, 0.85, 0.84].map((surv, time) => ({ time, surv })),
      { time: 0.2, surv: 0.005 },
    )
    expect(dip.map((f) => f.rising)).toEqual([false, false, true, true, false, false])
  })
})

describe('risk-table paste', () => {
  it('reads a row of the published table, labels ignored', () => {
    expect(parseRiskPaste('Radiotherapy\t213\t122\t80\t51\t30\t10')).toEqual({
      times: null,
      counts: [213, 122, 80, 51, 30, 10],
    })
  })

  it('reads two spreadsheet columns, or times over counts', () => {
    expect(parseRiskPaste('0\t211\r\n10\t143\n20\t101\n')).toEqual({
      times: [0, 10, 20],
      counts: [211, 143, 101],
    })
    expect(parseRiskPaste('0 3 6\n410 377 347')).toEqual({
      times: [0, 3, 6],
      counts: [410, 377, 347],
    })
    expect(parseRiskPaste('213\n122\n80')).toEqual({ times: null, counts: [213, 122, 80] })
    expect(parseRiskPaste('no numbers')).toBeNull()
  })
})

describe('study edits', () => {
  const calibration = {
    ...bonner,
    xScale: 'linear',
    yAxis: 'linear',
    yScale: 'percent',
    timeUnit: 'months',
  } as const
  const axes = survivalAxes(calibration)

  function studyWithPoints() {
    const added = addCurve({ ...emptyStudy(), calibration })
    let s = added.study
    for (const t of [10, 0, 20]) {
      const p = axes.toPixel(t, 1 - t / 100)
      s = addPoint(s, added.id, p.px, p.py, axes).study
    }
    return { study: s, id: added.id }
  }

  it('keeps a curve in time order and says where an added point went', () => {
    const { study, id } = studyWithPoints()
    expect(study.curves[0].points.map((p) => Math.round(p.time))).toEqual([0, 10, 20])
    const p = axes.toPixel(5, 0.9)
    const r = addPoint(study, id, p.px, p.py, axes)
    expect(r.index).toBe(1)
    expect(r.study.curves[0].points[1].surv).toBeCloseTo(0.9, 9)
  })

  it('moves points from the gesture start, re-sorting and tracking them', () => {
    const { study, id } = studyWithPoints()
    const dx = axes.toPixel(15, 0).px - axes.toPixel(0, 0).px
    const moved = movePoints(study, id, [0], dx, 0, axes)
    expect(moved.indices).toEqual([1])
    expect(moved.study.curves[0].points.map((p) => Math.round(p.time))).toEqual([10, 15, 20])
    expect(study.curves[0].points[0].time).toBeCloseTo(0, 9)
    expect(deletePoints(moved.study, id, [0, 2]).curves[0].points).toHaveLength(1)
  })

  it('recomputes every point from its pixels when the calibration changes', () => {
    const { study } = studyWithPoints()
    const doubled = { ...calibration, x2: { ...calibration.x2, value: 140 } }
    const next = setCalibration(study, doubled, survivalAxes(doubled))
    expect(next.curves[0].points.map((p) => Math.round(p.time))).toEqual([0, 20, 40])
    expect(next.curves[0].points.map((p) => p.px)).toEqual(study.curves[0].points.map((p) => p.px))
  })
})
