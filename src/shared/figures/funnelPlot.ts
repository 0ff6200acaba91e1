/**
 * A funnel plot as metafor::funnel draws it (effect on the analysis scale against its standard
 * error, the axis reversed so that large studies are on top, the pseudo-95% region round the
 * pooled estimate), with Egger's regression line and test.
 */
import type { EggerTest, FunnelData } from '../meta'
import { fixed, pEquals } from '../review/numberText'
import { linearTicks, tickLabel } from './axisTicks'
import { el, type Figure, line, pathData, svgDocument, text } from './svg'

const FS = 8
const SMALL = 7
const MARGIN = 12
/** 120 mm wide: a single column with its caption below. */
const WIDTH = 340
const PLOT_HEIGHT = 220
const EGGER_COLOR = '#D55E00'

export interface FunnelPlotInput {
  funnel: FunnelData
  egger: EggerTest | null
  /** The analysis scale in words, e.g. 'log(−log S(60 months))'. */
  scaleLabel: string
  title: string
}

/** Renders a funnel plot; the Egger line is drawn when the test has an estimate. */
export function funnelPlot(input: FunnelPlotInput): Figure {
  const { funnel, egger } = input
  const seMax = funnel.sei_max * 1.05
  // The pseudo-CI's critical value, as the funnel data computed it for its level.
  const z = funnel.sei_max > 0 ? (funnel.upper_at_max - funnel.center) / funnel.sei_max : 1.96
  const xs = [
    ...funnel.points.map((p) => p.yi),
    funnel.center - z * seMax,
    funnel.center + z * seMax,
  ]
  const xTicks = linearTicks(Math.min(...xs), Math.max(...xs), 5)
  const yTicks = linearTicks(0, seMax, 4)
  const left = MARGIN + 2 * FS + 28
  const right = WIDTH - MARGIN - 6
  const top = MARGIN + (egger ? 2 * SMALL + 8 : 0)
  const bottom = top + PLOT_HEIGHT
  const x0 = xTicks[0]
  const x1 = xTicks[xTicks.length - 1]
  const yMax = yTicks[yTicks.length - 1]
  const x = (v: number) => left + ((v - x0) / (x1 - x0)) * (right - left)
  const y = (se: number) => top + (se / yMax) * (bottom - top)

  const parts: string[] = []
  parts.push(
    el('path', {
      d: pathData(
        [
          [x(funnel.center), y(0)],
          [x(funnel.center - z * yMax), y(yMax)],
          [x(funnel.center + z * yMax), y(yMax)],
        ],
        true,
      ),
      fill: '#f0f0f0',
      stroke: '#9a9a9a',
      'stroke-width': 0.5,
      'stroke-dasharray': '3 2',
    }),
    line(x(funnel.center), y(0), x(funnel.center), y(yMax), '#000000', 0.6),
  )
  const lines: string[] = []
  if (egger && egger.slope !== null && egger.limit_estimate !== null) {
    const at = (se: number) => (egger.limit_estimate as number) + (egger.slope as number) * se
    lines.push(
      el('path', {
        d: pathData([
          [x(at(0)), y(0)],
          [x(at(yMax)), y(yMax)],
        ]),
        stroke: EGGER_COLOR,
        'stroke-width': 1,
        'stroke-dasharray': '4 2',
      }),
    )
  }
  parts.push(
    `<clipPath id="plot"><rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}"/></clipPath>`,
    el('g', { 'clip-path': 'url(#plot)' }, lines.join('')),
  )
  for (const p of funnel.points) {
    parts.push(
      el('circle', {
        cx: x(p.yi),
        cy: y(p.sei),
        r: 2.6,
        fill: '#ffffff',
        stroke: '#000000',
        'stroke-width': 0.8,
      }),
    )
  }
  parts.push(
    line(left, top, left, bottom, '#000000', 0.6),
    line(left, bottom, right, bottom, '#000000', 0.6),
  )
  for (const t of xTicks) {
    parts.push(
      line(x(t), bottom, x(t), bottom + 3, '#000000', 0.6),
      text(x(t), bottom + 3 + FS, tickLabel(t), { size: FS, anchor: 'middle' }),
    )
  }
  for (const t of yTicks) {
    parts.push(
      line(left - 3, y(t), left, y(t), '#000000', 0.6),
      text(left - 5, y(t) + 0.36 * FS, tickLabel(t), { size: FS, anchor: 'end' }),
    )
  }
  parts.push(
    text((left + right) / 2, bottom + 6 + 2 * FS, input.scaleLabel, { size: FS, anchor: 'middle' }),
    text(MARGIN + FS, (top + bottom) / 2, 'Standard error', {
      size: FS,
      anchor: 'middle',
      rotate: -90,
    }),
  )
  if (egger) {
    const stat =
      egger.statistic === null
        ? 'not estimable'
        : `${egger.df === null ? 'z' : `t(${egger.df})`} = ${fixed(egger.statistic, 2)}, ${pEquals(egger.pval)}`
    parts.push(
      text(left, MARGIN + SMALL, `${input.title}: ${funnel.points.length} studies`, {
        size: SMALL,
        bold: true,
      }),
      line(left, MARGIN + 2 * SMALL + 1, left + 14, MARGIN + 2 * SMALL + 1, EGGER_COLOR, 1, '4 2'),
      text(left + 18, MARGIN + 2 * SMALL + 1 + 0.36 * SMALL, `Egger's test: ${stat}`, {
        size: SMALL,
      }),
    )
  }
  const height = bottom + 6 + 2 * FS + MARGIN
  return {
    svg: svgDocument(WIDTH, height, `Funnel plot: ${input.title}`, parts.join('\n')),
    width: WIDTH,
    height,
  }
}
