/**
 * A forest plot as a journal prints it: study labels and sizes on the left, the plot in the
 * middle (squares sized by weight, 95% CIs, a diamond per subgroup and overall, the prediction
 * interval), estimates with CIs and weights on the right, heterogeneity under each block, the
 * test for subgroup differences and the model at the foot, and footnotes giving why a study was
 * not pooled.
 */
import type { ForestPlotData, ForestSummary } from '../review/forestData'
import { linearTicks, logTicks, tickLabel } from './axisTicks'
import { subgroupColor } from './palette'
import { el, type Figure, line, pathData, svgDocument, text } from './svg'
import { textWidth } from './textWidth'

/** Body text, small text and row height in points: 8 pt type reads well at 180 mm. */
const FS = 8
const SMALL = 7
const ROW = 12.5
const MARGIN = 12
const GAP = 12
const INDENT = 8
/** The width aimed at: 180 mm, a journal's full page width. */
const TARGET_WIDTH = 510
const MIN_PLOT = 150
const MAX_PLOT = 240
const INK = '#000000'
const GREY = '#555555'
const SQUARE = '#333333'

/** Where a text's baseline sits to centre it on y. */
const mid = (y: number, size = FS) => y + 0.36 * size

/** Splits '53.2 (40.1–66.0)' into the value and the interval, to align both. */
function split(estimate: string): [string, string] {
  const i = estimate.indexOf(' ')
  return i < 0 ? [estimate, ''] : [estimate.slice(0, i), estimate.slice(i + 1)]
}

/** Lines of at most `width` points, broken at spaces. */
function wrap(s: string, size: number, width: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of s.split(' ')) {
    const next = current ? `${current} ${word}` : word
    if (current && textWidth(next, size) > width) {
      lines.push(current)
      current = word
    } else current = next
  }
  if (current) lines.push(current)
  return lines
}

interface Scale {
  x: (v: number) => number
  ticks: number[]
  lo: number
  hi: number
}

function axisScale(data: ForestPlotData, x0: number, width: number): Scale {
  const values: number[] = []
  const push = (...xs: (number | null)[]) => {
    for (const x of xs) if (x !== null && Number.isFinite(x)) values.push(x)
  }
  for (const g of data.groups) {
    for (const r of g.rows) if (!r.excludedReason) push(r.value, r.lower, r.upper)
    if (g.summary) push(g.summary.lower, g.summary.upper)
  }
  if (data.overall)
    push(data.overall.lower, data.overall.upper, data.overall.piLower, data.overall.piUpper)
  if (data.axis.reference !== null) push(data.axis.reference)
  const log = data.axis.scale === 'log'
  const usable = log ? values.filter((v) => v > 0) : values
  let lo = usable.length ? Math.min(...usable) : log ? 0.5 : 0
  let hi = usable.length ? Math.max(...usable) : log ? 2 : 1
  const ref = data.axis.reference
  if (log && ref !== null && ref > 0) {
    // The line of no effect with room on both sides, so either direction reads at a glance.
    lo = Math.min(lo, ref / 2)
    hi = Math.max(hi, ref * 2)
  }
  if (log && hi / lo > 1e4) {
    // A study with almost no information would squash the rest: keep four decades round the
    // pooled value and let its CI run off the axis with an arrow.
    const c = data.overall?.value ?? Math.sqrt(lo * hi)
    lo = Math.max(lo, c / 100)
    hi = Math.min(hi, c * 100)
  }
  let ticks = log ? logTicks(lo, hi) : linearTicks(lo, hi, 5)
  if (data.axis.limits) {
    const [a, b] = data.axis.limits
    ticks = ticks.filter((t) => t >= a - 1e-9 && t <= b + 1e-9)
  }
  const tLo = ticks[0]
  const tHi = ticks[ticks.length - 1]
  const f = log ? Math.log : (v: number) => v
  const x = (v: number) => x0 + ((f(v) - f(tLo)) / (f(tHi) - f(tLo))) * width
  return { x, ticks, lo: tLo, hi: tHi }
}

/**
 * The "favours" labels of a ratio of hazards: below 1 the other arm has fewer events than the
 * study's reference (control) arm. Null for outcomes without a line of no effect.
 */
function favoursLabels(data: ForestPlotData): [string, string] | null {
  if (data.axis.scale !== 'log' || data.axis.reference !== 1) return null
  return ['favours the other arm', 'favours the reference arm']
}

/** Renders the forest plot of one outcome. */
export function forestPlot(data: ForestPlotData): Figure {
  const grouped = data.groups.some((g) => g.label !== null)
  const labels: [string, boolean][] = [['Study', true]]
  const ns: string[] = ['n']
  const values: string[] = []
  const intervals: string[] = []
  const summaries = [...data.groups.map((g) => g.summary), data.overall].filter(
    (s): s is ForestSummary => s !== null,
  )
  for (const g of data.groups) {
    if (g.label) labels.push([g.label, true])
    for (const r of g.rows) {
      labels.push([r.label, false])
      if (r.n !== null) ns.push(String(r.n))
      const [v, i] = split(r.estimate)
      values.push(v)
      intervals.push(i)
    }
  }
  for (const s of summaries) {
    labels.push([s.label, true])
    const [v, i] = split(s.estimate)
    values.push(v)
    intervals.push(i)
    if (s.piText) intervals.push(s.piText)
  }
  labels.push(['95% prediction interval', false])
  const labelW =
    Math.max(...labels.map(([l, b]) => textWidth(l, FS, b))) + (grouped ? INDENT : 0) + 6
  const nW = Math.max(...ns.map((s) => textWidth(s, FS, s === 'n')))
  const valueW = Math.max(...values.map((v) => textWidth(v, FS, true)))
  const intervalW = Math.max(...intervals.map((v) => textWidth(v, FS, true)))
  const estW = Math.max(
    valueW + textWidth(' ', FS) + intervalW,
    textWidth(data.estimateHeader, FS, true),
  )
  const weightW = textWidth('Weight', FS, true)
  const fixedW = 2 * MARGIN + labelW + GAP + nW + GAP + GAP + estW + GAP + weightW
  const plotW = Math.min(MAX_PLOT, Math.max(MIN_PLOT, TARGET_WIDTH - fixedW))
  const width = fixedW + plotW
  const xLabel = MARGIN
  const xN = xLabel + labelW + GAP + nW
  const xPlot = xN + GAP
  const xEst = xPlot + plotW + GAP
  const xValue = xEst + valueW
  const xInterval = xValue + textWidth(' ', FS)
  const xWeight = xEst + estW + GAP + weightW
  const scale = axisScale(data, xPlot, plotW)
  const clampX = (v: number) => Math.min(Math.max(scale.x(v), xPlot), xPlot + plotW)

  const parts: string[] = []
  let y = MARGIN
  const headerY = y + ROW / 2
  parts.push(
    text(xLabel, mid(headerY), 'Study', { size: FS, bold: true }),
    text(xN, mid(headerY), 'n', { size: FS, bold: true, anchor: 'end' }),
    text(xPlot + plotW / 2, mid(headerY), data.title, { size: FS, bold: true, anchor: 'middle' }),
    text(xEst, mid(headerY), data.estimateHeader, { size: FS, bold: true }),
    text(xWeight, mid(headerY), 'Weight', { size: FS, bold: true, anchor: 'end' }),
  )
  y += ROW
  parts.push(line(xLabel, y + 1, width - MARGIN, y + 1, INK, 0.6))
  y += 4
  const plotTop = y

  const footnotes: string[] = []
  const marks: string[] = []
  const wMax = Math.max(1e-9, ...data.groups.flatMap((g) => g.rows.map((r) => r.weight ?? 0)))

  const ciLine = (lo: number, hi: number, cy: number) => {
    const a = clampX(lo)
    const b = clampX(hi)
    marks.push(line(a, cy, b, cy, INK, 0.75))
    const arrow = (x: number, dir: number) =>
      marks.push(
        el('path', {
          d: pathData([
            [x - dir * 3, cy - 2],
            [x, cy],
            [x - dir * 3, cy + 2],
          ]),
          fill: 'none',
          stroke: INK,
          'stroke-width': 0.75,
        }),
      )
    if (scale.x(lo) < xPlot) arrow(a, -1)
    if (scale.x(hi) > xPlot + plotW) arrow(b, 1)
  }

  const diamond = (s: ForestSummary, cy: number, fill: string) => {
    const h = ROW * 0.34
    marks.push(
      el('path', {
        d: pathData(
          [
            [clampX(s.lower), cy],
            [clampX(s.value), cy - h],
            [clampX(s.upper), cy],
            [clampX(s.value), cy + h],
          ],
          true,
        ),
        fill,
        stroke: INK,
        'stroke-width': 0.6,
      }),
    )
  }

  const estimateCells = (estimate: string, cy: number, bold: boolean) => {
    const [v, i] = split(estimate)
    parts.push(text(xValue, mid(cy), v, { size: FS, anchor: 'end', bold }))
    if (i) parts.push(text(xInterval, mid(cy), i, { size: FS, bold }))
  }

  const heterogeneity = (s: ForestSummary, indent: number) => {
    if (!s.heterogeneity) return
    for (const l of wrap(s.heterogeneity, SMALL, xPlot + plotW - xLabel - indent)) {
      // A white ground keeps the guide lines that cross the plot from striking through the text.
      parts.push(
        el('rect', {
          x: xLabel + indent - 1,
          y,
          width: textWidth(l, SMALL) + 2,
          height: ROW * 0.8,
          fill: '#ffffff',
        }),
        text(xLabel + indent, mid(y + ROW * 0.4, SMALL), l, { size: SMALL, fill: GREY }),
      )
      y += ROW * 0.8
    }
  }

  data.groups.forEach((g, gi) => {
    const indent = g.label ? INDENT : 0
    if (g.label) {
      parts.push(text(xLabel, mid(y + ROW / 2), g.label, { size: FS, bold: true }))
      y += ROW
    }
    for (const r of g.rows) {
      const cy = y + ROW / 2
      parts.push(text(xLabel + indent, mid(cy), r.label, { size: FS }))
      if (r.n !== null) parts.push(text(xN, mid(cy), String(r.n), { size: FS, anchor: 'end' }))
      if (r.excludedReason) {
        let k = footnotes.indexOf(r.excludedReason)
        if (k < 0) k = footnotes.push(r.excludedReason) - 1
        const letter = String.fromCharCode(97 + (k % 26))
        parts.push(
          text(xLabel + indent + textWidth(r.label, FS) + 1, mid(cy) - 3, letter, { size: 5.5 }),
          text(xValue, mid(cy), '—', { size: FS, anchor: 'end' }),
        )
      } else if (r.value !== null && r.lower !== null && r.upper !== null) {
        ciLine(r.lower, r.upper, cy)
        const side = Math.max(2.5, Math.sqrt((r.weight ?? 0) / wMax) * ROW * 0.72)
        if (r.value >= scale.lo && r.value <= scale.hi) {
          marks.push(
            el('rect', {
              x: scale.x(r.value) - side / 2,
              y: cy - side / 2,
              width: side,
              height: side,
              fill: SQUARE,
            }),
          )
        }
        estimateCells(r.estimate, cy, false)
        parts.push(text(xWeight, mid(cy), r.weightText, { size: FS, anchor: 'end' }))
      }
      y += ROW
    }
    if (g.summary) {
      const cy = y + ROW / 2
      const share = g.rows.reduce((sum, r) => sum + (r.weight ?? 0), 0)
      parts.push(text(xLabel + indent, mid(cy), g.summary.label, { size: FS, bold: true }))
      diamond(g.summary, cy, subgroupColor(gi))
      estimateCells(g.summary.estimate, cy, true)
      parts.push(
        text(xWeight, mid(cy), `${share.toFixed(1)}%`, { size: FS, anchor: 'end', bold: true }),
      )
      y += ROW
      heterogeneity(g.summary, indent)
    }
    if (g.label) y += ROW * 0.4
  })

  const overall = data.overall
  let overallY: number | null = null
  if (overall) {
    const cy = y + ROW / 2
    overallY = cy
    parts.push(text(xLabel, mid(cy), overall.label, { size: FS, bold: true }))
    diamond(overall, cy, INK)
    estimateCells(overall.estimate, cy, true)
    parts.push(text(xWeight, mid(cy), '100.0%', { size: FS, anchor: 'end', bold: true }))
    y += ROW
    if (overall.piLower !== null && overall.piUpper !== null && overall.piText) {
      const py = y + ROW / 2
      parts.push(text(xLabel, mid(py), '95% prediction interval', { size: FS }))
      const a = clampX(overall.piLower)
      const b = clampX(overall.piUpper)
      marks.push(
        line(a, py, b, py, INK, 0.75),
        line(a, py - 2.5, a, py + 2.5, INK, 0.75),
        line(b, py - 2.5, b, py + 2.5, INK, 0.75),
      )
      parts.push(text(xInterval, mid(py), overall.piText, { size: FS }))
      y += ROW
    }
  }
  const plotBottom = y + 2

  const guides: string[] = []
  if (data.axis.reference !== null) {
    const rx = scale.x(data.axis.reference)
    if (rx >= xPlot && rx <= xPlot + plotW)
      guides.push(line(rx, plotTop, rx, plotBottom, GREY, 0.6))
  }
  if (overall && overallY !== null) {
    const ox = scale.x(overall.value)
    guides.push(line(ox, plotTop, ox, overallY, GREY, 0.5, '2 2'))
  }

  const axisY = plotBottom
  parts.push(line(xPlot, axisY, xPlot + plotW, axisY, INK, 0.6))
  for (const t of scale.ticks) {
    const tx = scale.x(t)
    parts.push(
      line(tx, axisY, tx, axisY + 3, INK, 0.6),
      text(tx, axisY + 3 + FS, tickLabel(t), { size: FS, anchor: 'middle' }),
    )
  }
  parts.push(
    text(xPlot + plotW / 2, axisY + 6 + 2 * FS, data.axis.label, { size: FS, anchor: 'middle' }),
  )
  y = axisY + 6 + 2 * FS + 6
  const favours = favoursLabels(data)
  if (favours && data.axis.reference !== null) {
    // Which side favours which arm, either side of the line of no effect.
    const rx = scale.x(data.axis.reference)
    parts.push(
      text(rx - 4, y + FS, `← ${favours[0]}`, { size: SMALL, anchor: 'end', fill: GREY }),
      text(rx + 4, y + FS, `${favours[1]} →`, { size: SMALL, fill: GREY }),
    )
    y += FS + 6
  }
  if (overall) heterogeneity(overall, 0)
  for (const f of data.footer) {
    for (const l of wrap(f, SMALL, width - 2 * MARGIN)) {
      parts.push(text(xLabel, mid(y + ROW * 0.4, SMALL), l, { size: SMALL, fill: GREY }))
      y += ROW * 0.8
    }
  }
  footnotes.forEach((note, k) => {
    const letter = String.fromCharCode(97 + (k % 26))
    wrap(`Not pooled: ${note}`, SMALL, width - 2 * MARGIN - 8).forEach((l, j) => {
      if (j === 0) parts.push(text(xLabel, mid(y + ROW * 0.4, SMALL) - 2, letter, { size: 5.5 }))
      parts.push(text(xLabel + 6, mid(y + ROW * 0.4, SMALL), l, { size: SMALL, fill: GREY }))
      y += ROW * 0.8
    })
  })
  const height = y + MARGIN - 4
  return {
    svg: svgDocument(
      width,
      height,
      `Forest plot: ${data.title}`,
      [...guides, ...marks, ...parts].join('\n'),
    ),
    width,
    height,
  }
}
