import { afterAll, describe, expect, it } from 'vitest'
import { type Ocr, openOcr } from '../../src/node/ocr'
import { type AxesDetection, detectAxes } from '../../src/shared/axes'
import { type AxesCalibration, axesTransform } from '../../src/shared/calibration/axes'
import type { RgbaImage } from '../../src/shared/trace/types'
import { renderKmFigure } from '../generator/kmFigure'
import { DEVELOPMENT, inRange } from '../generator/seeds'
import { FIGURE_STYLES, styledFigureSpec } from '../generator/styledFigure'
import { expectClose } from '../helpers/close'
import { type AxisFigureSpec, renderAxisFigure } from './axisFigure'

const ocr: Ocr = openOcr()
afterAll(() => ocr.close())

const detect = (image: RgbaImage) => detectAxes(image, (req) => ocr.recognizeWords(image, req))

/** Every true tick maps, through the detected calibration, to within 1 px of where it is drawn. */
function expectTicksWithin1px(
  found: AxesDetection,
  xTicks: { px: number; value: number }[],
  yTicks: { py: number; value: number }[],
  label: string,
) {
  expect(found.calibration, `${label}: ${found.problems.join('; ')}`).not.toBeNull()
  const cal = found.calibration as AxesCalibration
  const t = axesTransform(cal)
  for (const k of xTicks) {
    expectClose(t.toPixel(k.value, cal.y1.value).px, k.px, { abs: 1 }, `${label} x tick ${k.value}`)
  }
  for (const k of yTicks) {
    expectClose(t.toPixel(cal.x1.value, k.value).py, k.py, { abs: 1 }, `${label} y tick ${k.value}`)
  }
}

/** The ticks the KM generator draws: every tickStep to tMax, and 0–1 (or 0–100) by fifths. */
function generatorTicks(cal: AxesCalibration, tMax: number, tickStep: number) {
  const truth = axesTransform(cal)
  const top = cal.yScale === 'percent' ? 100 : 1
  const xTicks: { px: number; value: number }[] = []
  for (let v = 0; v <= tMax + 1e-9; v += tickStep) {
    xTicks.push({ px: truth.toPixel(v, 0).px, value: v })
  }
  const yTicks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((s) => ({
    py: truth.toPixel(0, s * top).py,
    value: s * top,
  }))
  return { xTicks, yTicks }
}

describe('detectAxes on the house styles', () => {
  const seed = 31
  expect(inRange(seed, DEVELOPMENT)).toBe(true)
  for (const style of FIGURE_STYLES) {
    for (const jpeg of [null, 0.75]) {
      it(`calibrates ${style}, ${jpeg ? 'JPEG quality 75' : 'PNG'}, within 1 px of every tick`, async () => {
        const spec = { ...styledFigureSpec(seed, style), jpeg }
        const fig = renderKmFigure(spec)
        const found = await detect(fig.image)
        const { x1, x2, y1, y2, yScale } = fig.calibration
        const truth = { x1, x2, y1, y2, yScale }
        const { xTicks, yTicks } = generatorTicks(truth, spec.tMax, spec.tickStep)
        expectTicksWithin1px(found, xTicks, yTicks, `${style} ${jpeg}`)
        expect(found.calibration!.yScale).toBe(spec.yScale)
        expect(found.calibration!.timeUnit).toBe('months')
        expect(found.x.verified && found.y.verified).toBe(true)
        expect(found.x.confidence).toBeGreaterThan(0.5)
      })
    }
  }
})

const comma = (digits: number) => (v: number) => v.toFixed(digits).replace('.', ',')
const oneDecimal = (v: number) => v.toFixed(1)

const variants: Record<string, AxisFigureSpec> = {
  'a log time axis': {
    width: 900,
    height: 650,
    xTicks: [1, 10, 100, 1000],
    xLog: true,
    yTicks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    yFormat: oneDecimal,
    fontSize: 14,
    xTitle: 'Time (days)',
  },
  'a survival axis from 0.2': {
    width: 800,
    height: 600,
    xTicks: [0, 12, 24, 36, 48],
    yTicks: [0.2, 0.4, 0.6, 0.8, 1],
    yFormat: oneDecimal,
    fontSize: 13,
    xTitle: 'Years',
  },
  'decimal commas (JPEG)': {
    width: 800,
    height: 600,
    xTicks: [0, 0.5, 1, 1.5, 2, 2.5],
    xFormat: comma(1),
    yTicks: [0, 0.25, 0.5, 0.75, 1],
    yFormat: comma(2),
    fontSize: 13,
    xTitle: 'Zeit in Jahren (years)',
    jpeg: 75,
  },
  'percent signs and a risk table below (JPEG)': {
    width: 1000,
    height: 700,
    xTicks: [0, 6, 12, 18, 24],
    yTicks: [0, 25, 50, 75, 100],
    yFormat: (v) => `${v}%`,
    fontSize: 15,
    riskTable: true,
    xTitle: 'Months since randomization',
    jpeg: 75,
  },
  'R base axes offset from the box, with a risk table': {
    width: 900,
    height: 700,
    xTicks: [0, 2, 4, 6, 8, 10],
    yTicks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    yFormat: oneDecimal,
    fontSize: 14,
    offset: 12,
    font: 'DejaVu Serif',
    riskTable: true,
  },
}

const expected: Record<string, Partial<AxesCalibration>> = {
  'a log time axis': { xScale: 'log', yScale: 'proportion', timeUnit: 'days' },
  'a survival axis from 0.2': { yScale: 'proportion', timeUnit: 'years' },
  'decimal commas (JPEG)': { yScale: 'proportion', timeUnit: 'years' },
  'percent signs and a risk table below (JPEG)': { yScale: 'percent', timeUnit: 'months' },
  'R base axes offset from the box, with a risk table': { yScale: 'proportion' },
}

describe('detectAxes on other axis styles', () => {
  for (const [name, spec] of Object.entries(variants)) {
    it(`calibrates ${name}`, async () => {
      const fig = renderAxisFigure(spec)
      const found = await detect(fig.image)
      expectTicksWithin1px(found, fig.xTicks, fig.yTicks, name)
      const cal = found.calibration!
      expect({ xScale: cal.xScale, yScale: cal.yScale, timeUnit: cal.timeUnit }).toEqual({
        xScale: undefined,
        timeUnit: undefined,
        ...expected[name],
      })
    })
  }
})

describe('detectAxes refuses what it cannot verify', () => {
  it('returns no calibration, and says why, for a figure without axes', async () => {
    const width = 300
    const height = 200
    const image = { data: new Uint8ClampedArray(width * height * 4).fill(255), width, height }
    const found = await detect(image)
    expect(found.calibration).toBeNull()
    expect(found.problems.join(' ')).toMatch(/found no evenly spaced tick marks/)
  })

  it('returns no calibration when the labels cannot be read', async () => {
    // Ticks drawn, their labels not numbers: no label can be checked against the ticks.
    const fig = renderAxisFigure({
      width: 800,
      height: 600,
      xTicks: [0, 1, 2, 3, 4],
      xFormat: (v) => 'ABCDE'[v],
      yTicks: [0, 0.5, 1],
      yFormat: oneDecimal,
      fontSize: 14,
    })
    const found = await detect(fig.image)
    expect(found.calibration).toBeNull()
    expect(found.x.verified).toBe(false)
    expect(found.problems.some((p) => p.includes('time (x) axis'))).toBe(true)
  })
})
