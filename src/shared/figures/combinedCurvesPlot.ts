/**
 * Kaplan–Meier curves of the combined reconstructed IPD (one-stage section of a review, issue 16):
 * one step curve per group (arm, or subgroup) of all its studies' patients together, a legend
 * with each curve's k and n under the axis, the numbers at risk, and a note that such naive
 * pooling ignores the differences between studies.
 */
import type { CombinedCurve } from '../review/oneStage'
import { linearTicks, tickLabel } from './axisTicks'
import { subgroupColor } from './palette'
import { el, type Figure, line, pathData, svgDocument, text } from './svg'
import { textWidth } from './textWidth'

const FS = 8
const SMALL = 7
const MARGIN = 12
const WIDTH = 453
const PLOT_HEIGHT = 220
const ROW = 11

export const COMBINED_CURVES_NOTE =
  'Naive pooling: the patients of all studies are put together as if from one study, which ignores the differences between studies (the stratified estimates of the one-stage table do not).'

export interface CombinedCurvesPlotOptions {
  timeUnit: string
  /** Title of the SVG document ("Combined IPD by arm"). */
  title: string
  yLabel?: string
}

/** Patients at risk at t: everyone whose time is ≥ t. */
function atRisk(curve: CombinedCurve, t: number): number {
  const f = curve.fit
  let n = 0
  for (let i = f.time.length - 1; i >= 0 && f.time[i] >= t; i--) n += f.nEvent[i] + f.nCensor[i]
  return n
}

/** Renders combined-IPD Kaplan–Meier curves; an empty list gives an empty plot. */
export function combinedCurvesPlot(
  curves: readonly CombinedCurve[],
  options: CombinedCurvesPlotOptions,
): Figure {
  const lastTime = Math.max(0, ...curves.map((c) => c.fit.time[c.fit.time.length - 1] ?? 0))
  const ticks = linearTicks(0, lastTime > 0 ? lastTime : 1, 6).filter((t) => t >= 0)
  const tMax = ticks[ticks.length - 1]
  const labelW = Math.max(
    textWidth('Number at risk', FS, true),
    ...curves.map((c) => textWidth(c.label, FS)),
  )
  const yAxisW = 2 * FS + textWidth('100', FS) + 8
  const left = MARGIN + Math.max(yAxisW, labelW + 8)
  const right = WIDTH - MARGIN - textWidth(tickLabel(tMax), FS) / 2
  const top = MARGIN
  const bottom = top + PLOT_HEIGHT
  const x = (t: number) => left + (t / tMax) * (right - left)
  const y = (s: number) => bottom - s * (bottom - top)

  const parts: string[] = []
  for (let s = 0.2; s <= 1.0001; s += 0.2) parts.push(line(left, y(s), right, y(s), '#e3e3e3', 0.4))
  curves.forEach((c, i) => {
    const pts: [number, number][] = [[x(0), y(1)]]
    let prev = 1
    c.fit.time.forEach((t, j) => {
      pts.push([x(t), y(prev)], [x(t), y(c.fit.surv[j])])
      prev = c.fit.surv[j]
    })
    parts.push(
      el('path', {
        d: pathData(pts),
        fill: 'none',
        stroke: subgroupColor(i),
        'stroke-width': 1.5,
        'stroke-linejoin': 'miter',
      }),
    )
  })
  parts.push(
    line(left, top, left, bottom, '#000000', 0.6),
    line(left, bottom, right, bottom, '#000000', 0.6),
  )
  for (let s = 0; s <= 1.0001; s += 0.2) {
    parts.push(
      line(left - 3, y(s), left, y(s), '#000000', 0.6),
      text(left - 5, y(s) + 0.36 * FS, String(Math.round(s * 100)), { size: FS, anchor: 'end' }),
    )
  }
  for (const t of ticks) {
    parts.push(
      line(x(t), bottom, x(t), bottom + 3, '#000000', 0.6),
      text(x(t), bottom + 3 + FS, tickLabel(t), { size: FS, anchor: 'middle' }),
    )
  }
  parts.push(
    text((left + right) / 2, bottom + 6 + 2 * FS, `Time (${options.timeUnit})`, {
      size: FS,
      anchor: 'middle',
    }),
    text(left - yAxisW + FS, (top + bottom) / 2, options.yLabel ?? 'Survival (%)', {
      size: FS,
      anchor: 'middle',
      rotate: -90,
    }),
  )

  let ty = bottom + 6 + 2 * FS + 8
  curves.forEach((c, i) => {
    const cy = ty + ROW * (i + 0.5)
    parts.push(
      el('path', {
        d: pathData([
          [MARGIN, cy],
          [MARGIN + 18, cy],
        ]),
        stroke: subgroupColor(i),
        'stroke-width': 1.5,
      }),
      text(
        MARGIN + 23,
        cy + 0.36 * FS,
        `${c.label} (k = ${c.k}, ${c.fit.n} patients, ${c.fit.events} events)`,
        { size: FS },
      ),
    )
  })
  ty += ROW * curves.length + 4 + ROW
  parts.push(text(MARGIN, ty, 'Number at risk', { size: FS, bold: true }))
  curves.forEach((c, i) => {
    ty += ROW
    parts.push(text(MARGIN, ty, c.label, { size: FS, fill: subgroupColor(i) }))
    for (const t of ticks) {
      parts.push(
        text(x(t), ty, String(atRisk(c, t)), {
          size: FS,
          anchor: 'middle',
          fill: subgroupColor(i),
        }),
      )
    }
  })
  // The caveat, wrapped to the figure's width.
  const words = COMBINED_CURVES_NOTE.split(' ')
  let lineText = ''
  const lines: string[] = []
  for (const w of words) {
    const next = lineText ? `${lineText} ${w}` : w
    if (textWidth(next, SMALL) > WIDTH - 2 * MARGIN && lineText) {
      lines.push(lineText)
      lineText = w
    } else lineText = next
  }
  if (lineText) lines.push(lineText)
  ty += ROW * 0.4
  for (const l of lines) {
    ty += ROW * 0.9
    parts.push(text(MARGIN, ty, l, { size: SMALL, italic: true, fill: '#555555' }))
  }
  const height = ty + MARGIN
  return {
    svg: svgDocument(WIDTH, height, options.title, parts.join('\n')),
    width: WIDTH,
    height,
  }
}
