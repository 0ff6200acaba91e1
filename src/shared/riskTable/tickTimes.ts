import type { AxisScale } from '../calibration/axes'
import type { WordRow } from './wordRows'

/**
 * The x-axis tick times a risk table's columns stand under, from the tick labels read below the
 * axis: a line of numbers most of which (80%, or half when the line has only numbers) are the
 * time at their own place (the calibration maps the centre to within 2% of the axis range of the
 * value printed). Several such lines (survminer
 * repeats the axis under its table) are all axis lines. When the labels are evenly spaced, the
 * ticks are completed to that step, so that a label the OCR missed ("0" is easily lost) still
 * has its column. On a log time axis the tolerance is on the axis's own scale (log10 of the
 * times) and the labels are not completed: its ticks (1, 2, 5, 10…) follow no one step.
 */
export interface AxisLabels {
  /** Indices of the lines that are the axis's tick labels. */
  rows: number[]
  /** The tick times, increasing. */
  times: number[]
  /** The tick spacing when the labels are evenly spaced, else null. */
  step: number | null
}

/** A tick label's value: a number, with a decimal point or comma. */
function labelValue(text: string): number | null {
  if (!/^-?\d+(?:[.,]\d+)?$/.test(text)) return null
  return Number(text.replace(',', '.'))
}

export function axisLabels(
  rows: readonly WordRow[],
  timeAt: (px: number, py: number) => number,
  /** The axis's range on its own scale (log10 of its ends' times on a log axis). */
  axisSpan: number,
  scale: AxisScale = 'linear',
): AxisLabels {
  const toScale = (t: number) => (scale === 'log' ? Math.log10(t) : t)
  const tolerance = 0.02 * axisSpan
  const found: number[] = []
  const values = new Set<number>()
  rows.forEach((row, r) => {
    const numbers = row.words
      .map((w) => ({ w, v: labelValue(w.text) }))
      .filter((x): x is { w: (typeof row.words)[number]; v: number } => x.v !== null)
    const matched = numbers.filter(
      ({ w, v }) =>
        Math.abs(toScale(timeAt((w.box.x0 + w.box.x1) / 2, row.yc)) - toScale(v)) <= tolerance,
    )
    // Most of its numbers are their own times; in a line of nothing but numbers (some misread,
    // "l2"), half suffice: the numbers of an arm's row are not their times.
    const share = row.words.every((w) => /\d/.test(w.text)) ? 0.5 : 0.8
    if (matched.length >= 2 && matched.length >= share * numbers.length) {
      found.push(r)
      for (const m of matched) values.add(m.v)
    }
  })
  const times = [...values].sort((a, b) => a - b)
  return { rows: found, times, step: scale === 'log' ? null : evenStep(times) }
}

/** The spacing of evenly spaced values (every gap a whole multiple of the smallest), or null. */
export function evenStep(times: readonly number[]): number | null {
  if (times.length < 2) return null
  const gaps = times.slice(1).map((t, i) => t - times[i])
  const step = Math.min(...gaps)
  if (!(step > 0)) return null
  const whole = gaps.every((g) => Math.abs(g / step - Math.round(g / step)) < 1e-6)
  return whole ? Number(step.toPrecision(12)) : null
}

/**
 * Ticks every `step` covering [from, to] (rounded out to the step), never below `floor`.
 */
export function tickGrid(step: number, from: number, to: number, floor: number): number[] {
  const first = Math.max(Math.ceil(floor / step - 1e-9), Math.floor(from / step + 1e-9))
  const last = Math.ceil(to / step - 1e-9)
  const out: number[] = []
  for (let k = first; k <= last && out.length < 500; k++)
    out.push(Number((k * step).toPrecision(12)))
  return out
}
