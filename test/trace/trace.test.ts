import { describe, expect, it } from 'vitest'
import { kmStep } from '../../src/shared/reconstruct'
import {
  TraceError,
  axisMap,
  parseCalibration,
  parseColor,
  traceAllCurves,
  traceCurve,
  traceCurves,
} from '../../src/shared/trace'
import type { Calibration } from '../../src/shared/trace'
import { figureSpec } from '../generator/figureSpec'
import { renderKmFigure } from '../generator/kmFigure'
import { randomFigureSpec } from '../generator/randomFigure'
import { random, simulateIpd } from '../generator/simulateIpd'
import { traceIae } from './helpers'

const CAL: Calibration = {
  x1: { px: 100, py: 400, value: 0 },
  x2: { px: 600, py: 400, value: 50 },
  y1: { px: 100, py: 400, value: 0 },
  y2: { px: 100, py: 50, value: 100 },
  yScale: 'percent',
}

describe('calibration', () => {
  it('maps pixels to data and back, percent read as a proportion', () => {
    const map = axisMap(CAL)
    expect(map.toData(350, 225)).toEqual({ time: 25, surv: 0.5 })
    const p = map.toPixel(10, 0.2)
    expect(p.px).toBeCloseTo(200, 10)
    expect(p.py).toBeCloseTo(330, 10)
  })

  it('handles a rotated scan exactly', () => {
    const a = (5 * Math.PI) / 180
    const rot = (x: number, y: number) => ({
      px: x * Math.cos(a) - y * Math.sin(a),
      py: x * Math.sin(a) + y * Math.cos(a),
    })
    const cal: Calibration = {
      x1: { ...rot(100, 400), value: 0 },
      x2: { ...rot(600, 400), value: 50 },
      y1: { ...rot(100, 400), value: 0 },
      y2: { ...rot(100, 50), value: 1 },
      yScale: 'proportion',
    }
    const q = rot(350, 225)
    const d = axisMap(cal).toData(q.px, q.py)
    expect(d.time).toBeCloseTo(25, 9)
    expect(d.surv).toBeCloseTo(0.5, 9)
  })

  it('refuses singular calibrations with one line', () => {
    expect(() => axisMap({ ...CAL, x2: { ...CAL.x2, value: 0 } })).toThrow(
      /calibration: the two x-axis points have the same value/,
    )
    const parallel = { ...CAL, y2: { px: 600, py: 400, value: 100 } }
    expect(() => axisMap(parallel)).toThrow(
      /calibration: the x-axis and y-axis points lie on one line/,
    )
  })

  it('reads a truth.json or a bare calibration, naming a bad field', () => {
    expect(parseCalibration({ calibration: CAL })).toEqual(CAL)
    expect(parseCalibration(CAL)).toEqual(CAL)
    expect(() => parseCalibration({ ...CAL, y1: { px: 1, py: 'a', value: 0 } })).toThrow(
      'calibration.y1.py must be a finite number',
    )
    expect(() => parseCalibration({ ...CAL, yScale: 'log' })).toThrow(/yScale/)
  })
})

describe('colours', () => {
  it('parses hex and rgb() forms and rejects others', () => {
    expect(parseColor('#1f77b4')).toEqual([31, 119, 180])
    expect(parseColor('f00')).toEqual([255, 0, 0])
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3])
    expect(() => parseColor('blue')).toThrow(TraceError)
  })
})

describe('traceCurve on generated figures', () => {
  const check = (label: string, fig: ReturnType<typeof renderKmFigure>, limit: number) => {
    const colors = fig.arms.map((a) => parseColor(a.color))
    const curves = traceCurves(fig.image, fig.calibration, colors)
    curves.forEach((c, i) => {
      const iae = traceIae(c, fig.arms[i].ipd)
      expect(iae, `${label} arm ${i}`).toBeLessThan(limit)
      for (const p of c.points) {
        expect(Number.isFinite(p.time) && Number.isFinite(p.surv)).toBe(true)
      }
      for (let k = 1; k < c.points.length; k++) {
        expect(c.points[k].time).toBeGreaterThanOrEqual(c.points[k - 1].time)
        expect(c.points[k].surv).toBeLessThanOrEqual(c.points[k - 1].surv)
      }
    })
  }

  it('traces solid lines of 1 to 4 px to within a fraction of a pixel', () => {
    for (const lineWidth of [1, 2, 4]) {
      check(`width ${lineWidth}`, renderKmFigure(figureSpec({}, { lineWidth })), 0.003)
    }
  })

  it('puts each drop within a pixel of its time', () => {
    const fig = renderKmFigure(figureSpec({ width: 1000, height: 700 }))
    const curve = traceCurve(fig.image, fig.calibration, parseColor(fig.arms[0].color), {
      otherColors: [parseColor(fig.arms[1].color)],
    })
    const map = axisMap(fig.calibration)
    const pxPerMonth = map.pxPerTime
    const km = kmStep(fig.arms[0].ipd)
    const eventTimes = km.time.filter((_, i) => km.surv[i] < (i ? km.surv[i - 1] : 1))
    // Drops further apart than the line width, each clicked at the top and bottom corner.
    const isolated = eventTimes.filter((t, i) => {
      const gapBefore = i === 0 ? Infinity : t - eventTimes[i - 1]
      const gapAfter = i === eventTimes.length - 1 ? Infinity : eventTimes[i + 1] - t
      return Math.min(gapBefore, gapAfter) * pxPerMonth > 6
    })
    const drops = curve.points.filter(
      (p, k) => k > 0 && p.surv < curve.points[k - 1].surv && p.time === curve.points[k - 1].time,
    )
    let within = 0
    for (const t of isolated) {
      const nearest = Math.min(...drops.map((d) => Math.abs(d.time - t)))
      if (nearest * pxPerMonth <= 1) within++
    }
    expect(within / isolated.length).toBeGreaterThan(0.9)
  })

  it('handles dashes, gridlines, bands, legends, marks and JPEG', () => {
    check('dashed', renderKmFigure(figureSpec({}, { dash: [8, 4] })), 0.004)
    // Dotted lines: a drop leaves dots apart in its column, and starts a gap below its plateau.
    // (0.0045 for 1 px: a dot's end straddling two rows now counts as line, which costs this
    // figure 0.0003 and gains the thin JPEG lines of the journal styles far more.)
    check('dotted', renderKmFigure(figureSpec({}, { dash: [2, 2], lineWidth: 1 })), 0.0045)
    check('dotted, 2 px', renderKmFigure(figureSpec({}, { dash: [2, 2], lineWidth: 2 })), 0.004)
    check(
      'grid',
      renderKmFigure(figureSpec({ grid: true, gridColor: '#cccccc', frame: 'box' })),
      0.003,
    )
    check('band', renderKmFigure(figureSpec({}, { band: true })), 0.003)
    check('legend', renderKmFigure(figureSpec({ legend: 'bottom-left', riskTable: true })), 0.003)
    check('plus marks', renderKmFigure(figureSpec({}, { censor: 'plus', markSize: 5 })), 0.003)
    check('jpeg', renderKmFigure(figureSpec({ jpeg: 0.75 }, { lineWidth: 1 })), 0.004)
  })

  it('separates black and grey curves', () => {
    const spec = figureSpec({}, { lineWidth: 2 })
    spec.arms[0].color = '#000000'
    spec.arms[1].color = '#808080'
    check('black and grey', renderKmFigure(spec), 0.004)
  })

  it('separates thin black and dashed grey curves that start together', () => {
    // A 1-px black line with circle marks beside a 1-px dashed grey one (benchmark seed 40): the
    // black line's partly covered pixels read as full grey, and its marks outweigh its line.
    const spec = randomFigureSpec(40)
    expect(spec.arms.map((a) => [a.color, a.lineWidth, a.dash.length > 0, a.censor])).toEqual([
      ['#000000', 1, false, 'circle'],
      ['#808080', 1, true, 'circle'],
    ])
    const fig = renderKmFigure(spec)
    check('thin black and dashed grey', fig, 0.007)
    const black = traceCurves(fig.image, fig.calibration, [
      [0, 0, 0],
      [128, 128, 128],
    ])[0]
    expect(traceIae(black, fig.arms[0].ipd)).toBeLessThan(0.004)
  })

  it('follows each curve through the gap where the other crosses it', () => {
    // An arm with early deaths and a cured fraction against one with late deaths: the curves cross
    // once, and at the crossing one colour is drawn over the other.
    const rand = random(7)
    const spec = figureSpec()
    const base = { n: 120, followUp: 48, accrual: 24, dropout: 0.01, resolution: 0.01 }
    spec.arms[0].ipd = simulateIpd({ ...base, median: 8, shape: 1, cured: 0.45 }, rand)
    spec.arms[1].ipd = simulateIpd({ ...base, median: 22, shape: 3, cured: 0 }, rand)
    const early = kmStep(spec.arms[0].ipd)
    const late = kmStep(spec.arms[1].ipd)
    const at = (c: { time: number[]; surv: number[] }, t: number) =>
      c.time.reduce((s, x, i) => (x <= t ? c.surv[i] : s), 1)
    expect(at(early, 6)).toBeLessThan(at(late, 6))
    expect(at(early, 40)).toBeGreaterThan(at(late, 40))
    check('crossing', renderKmFigure(spec), 0.004)
  })

  it('ignores axes, tick labels, legend and risk-table text drawn in the curve colour', () => {
    const spec = figureSpec(
      { legend: 'top-right', riskTable: true, frame: 'box' },
      { lineWidth: 1 },
    )
    spec.arms[0].color = '#000000'
    check('black curve, black text', renderKmFigure(spec), 0.004)
  })

  it('finds the censor marks', () => {
    const fig = renderKmFigure(
      figureSpec({ width: 1000, height: 700 }, { censor: 'tick', markSize: 6 }),
    )
    const map = axisMap(fig.calibration)
    const curve = traceCurve(fig.image, fig.calibration, parseColor(fig.arms[0].color), {
      otherColors: [parseColor(fig.arms[1].color)],
    })
    const truth = fig.arms[0].censorTimes
    const found = truth.filter((t) =>
      curve.censorMarks.some((m) => Math.abs(m.time - t) * map.pxPerTime <= 1),
    )
    expect(found.length / truth.length).toBeGreaterThan(0.6)
    const stray = curve.censorMarks.filter(
      (m) => !truth.some((t) => Math.abs(m.time - t) * map.pxPerTime <= 2),
    )
    expect(stray.length).toBeLessThanOrEqual(Math.ceil(0.1 * curve.censorMarks.length))
  })

  it('finds every arm by itself', () => {
    const fig = renderKmFigure(figureSpec({ legend: 'top-right', riskTable: true }))
    const curves = traceAllCurves(fig.image, fig.calibration)
    expect(curves).toHaveLength(2)
    for (const arm of fig.arms) {
      const c = parseColor(arm.color)
      const curve = curves.find((k) => k.color.every((v, i) => Math.abs(v - c[i]) < 20))
      expect(curve, arm.color).toBeDefined()
      expect(traceIae(curve!, arm.ipd)).toBeLessThan(0.004)
    }
  })

  it('says so when the colour is not there or is the background', () => {
    const fig = renderKmFigure(figureSpec())
    expect(() => traceCurve(fig.image, fig.calibration, [44, 160, 44])).toThrow(
      /no (pixels|curve) of colour #2ca02c/,
    )
    expect(() => traceCurve(fig.image, fig.calibration, [255, 255, 255])).toThrow(/background/)
    expect(() => traceCurve({ ...fig.image, width: 3 }, fig.calibration, [0, 0, 0])).toThrow(
      /RGBA pixels need/,
    )
  })
})
