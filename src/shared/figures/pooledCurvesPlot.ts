/**
 * Pooled survival curves by subgroup: one step curve per subgroup with its 95% confidence band
 * in colours told apart with any colour vision, the curve over all studies in black, a legend
 * with each curve's k and median under the axis, and the numbers at risk summed over the studies.
 */
import type { PooledCurveGroup, PooledCurves } from '../review/pooledCurves'
import { fixed } from '../review/numberText'
import { tickLabel } from './axisTicks'
import { subgroupColor } from './palette'
import { el, type Figure, line, pathData, svgDocument, text } from './svg'
import { textWidth } from './textWidth'

const FS = 8
const SMALL = 7
const MARGIN = 12
/** 160 mm wide: one and a half columns, or a full page with room to spare. */
const WIDTH = 453
const PLOT_HEIGHT = 235
const ROW = 11
const BAND_OPACITY = 0.16

export interface PooledCurvesPlotOptions {
  /** The unit of the time axis, as the review names it ('months'). */
  timeUnit: string
  /** Label of the survival axis. Default 'Overall survival (%)'. */
  yLabel?: string
  /** Print the numbers at risk under the plot (default true). */
  atRisk?: boolean
  /**
   * The confidence bands: 'full', 'light' (half as opaque, so four overlapping subgroups stay
   * legible) or 'none'. Default: light from three subgroups on, full below.
   */
  bands?: 'full' | 'light' | 'none'
}

interface Drawn {
  group: PooledCurveGroup
  color: string
  dash: string | null
  band: boolean
}

function legendText(d: Drawn, unit: string): string {
  const m = d.group.curve.median.median
  // The median read off this curve, named so: the median table's pooled medians pool the
  // studies' medians instead, and can differ.
  const median = m === null ? 'curve median not reached' : `curve median ${fixed(m, 1)} ${unit}`
  return `${d.group.label} (k = ${d.group.k}), ${median}`
}

/** Renders the pooled curves of a review; groups without a curve are left out. */
export function pooledCurvesPlot(curves: PooledCurves, options: PooledCurvesPlotOptions): Figure {
  const unit = options.timeUnit
  const showAtRisk = options.atRisk ?? true
  const subgroups = curves.groups.filter((g) => !g.overall && g.curve.times.length)
  const bands = options.bands ?? (subgroups.length >= 3 ? 'light' : 'full')
  const bandOpacity = bands === 'light' ? BAND_OPACITY / 2 : BAND_OPACITY
  const overall = curves.groups.find((g) => g.overall && g.curve.times.length)
  const drawn: Drawn[] = subgroups.map((group, i) => ({
    group,
    color: subgroupColor(i),
    dash: null,
    band: true,
  }))
  if (overall && subgroups.length !== 1) {
    drawn.push({
      group: overall,
      color: '#000000',
      dash: subgroups.length ? '5 3' : null,
      band: subgroups.length === 0,
    })
  }

  const tableLabelW = showAtRisk
    ? Math.max(
        textWidth('Number at risk', FS, true),
        ...drawn.map((d) => textWidth(d.group.label, FS)),
      )
    : 0
  const yAxisW = 2 * FS + textWidth('100', FS) + 8
  const left = MARGIN + Math.max(yAxisW, tableLabelW + 8)
  const right = WIDTH - MARGIN - textWidth(tickLabel(curves.ticks[curves.ticks.length - 1]), FS) / 2
  const top = MARGIN
  const bottom = top + PLOT_HEIGHT
  const tMax = curves.ticks[curves.ticks.length - 1]
  const x = (t: number) => left + (t / tMax) * (right - left)
  const y = (s: number) => bottom - s * (bottom - top)

  const parts: string[] = []
  for (let s = 0.2; s <= 1.0001; s += 0.2) parts.push(line(left, y(s), right, y(s), '#e3e3e3', 0.4))
  for (const d of drawn) {
    const c = d.group.curve
    const steps = (values: readonly number[]): [number, number][] => {
      const pts: [number, number][] = [[x(0), y(1)]]
      let prev = 1
      c.times.forEach((t, j) => {
        pts.push([x(t), y(prev)], [x(t), y(values[j])])
        prev = values[j]
      })
      return pts
    }
    if (d.band && bands !== 'none') {
      const upper = steps(c.upper)
      const lower = steps(c.lower).reverse()
      parts.push(
        el('path', {
          d: pathData([...upper, ...lower], true),
          fill: d.color,
          'fill-opacity': bandOpacity,
          stroke: 'none',
        }),
      )
    }
    const curve = steps(c.surv)
    parts.push(
      el('path', {
        d: pathData(curve),
        fill: 'none',
        stroke: d.color,
        'stroke-width': 1.5,
        'stroke-dasharray': d.dash,
        'stroke-linejoin': 'miter',
      }),
    )
  }

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
  for (const t of curves.ticks) {
    parts.push(
      line(x(t), bottom, x(t), bottom + 3, '#000000', 0.6),
      text(x(t), bottom + 3 + FS, tickLabel(t), { size: FS, anchor: 'middle' }),
    )
  }
  parts.push(
    text((left + right) / 2, bottom + 6 + 2 * FS, `Time (${unit})`, { size: FS, anchor: 'middle' }),
    text(left - yAxisW + FS, (top + bottom) / 2, options.yLabel ?? 'Overall survival (%)', {
      size: FS,
      anchor: 'middle',
      rotate: -90,
    }),
  )

  // The legend goes under the axis, where it can hide no curve, in as many columns as fit.
  const entries = drawn.map((d) => ({ d, label: legendText(d, unit) }))
  const columnW = 30 + Math.max(...entries.map((e) => textWidth(e.label, FS)), 0)
  const perRow = Math.max(1, Math.min(entries.length, Math.floor((right - MARGIN) / columnW)))
  const legendTop = bottom + 6 + 2 * FS + 8
  entries.forEach(({ d, label }, i) => {
    const lx = MARGIN + (i % perRow) * columnW
    const cy = legendTop + ROW * (Math.floor(i / perRow) + 0.5)
    if (d.band && bands !== 'none') {
      parts.push(
        el('rect', {
          x: lx,
          y: cy - 3.5,
          width: 18,
          height: 7,
          fill: d.color,
          'fill-opacity': bandOpacity,
        }),
      )
    }
    parts.push(
      el('path', {
        d: pathData([
          [lx, cy],
          [lx + 18, cy],
        ]),
        stroke: d.color,
        'stroke-width': 1.5,
        'stroke-dasharray': d.dash,
      }),
      text(lx + 23, cy + 0.36 * FS, label, { size: FS }),
    )
  })

  let yEnd = legendTop + ROW * Math.ceil(entries.length / perRow) + 4
  if (showAtRisk) {
    let ty = yEnd + ROW
    parts.push(text(MARGIN, ty, 'Number at risk', { size: FS, bold: true }))
    for (const d of drawn) {
      ty += ROW
      parts.push(text(MARGIN, ty, d.group.label, { size: FS, fill: d.color }))
      d.group.atRisk.forEach((count, j) => {
        parts.push(
          text(x(curves.ticks[j]), ty, count === null ? '–' : String(count), {
            size: FS,
            anchor: 'middle',
            fill: d.color,
          }),
        )
      })
    }
    ty += ROW * 0.9
    parts.push(
      text(MARGIN, ty, 'Summed over the studies with a known number at risk.', {
        size: SMALL,
        italic: true,
        fill: '#555555',
      }),
    )
    yEnd = ty
  }
  const height = yEnd + MARGIN
  return {
    svg: svgDocument(WIDTH, height, 'Pooled survival curves', parts.join('\n')),
    width: WIDTH,
    height,
  }
}
