import { formatColor } from './color'
import { type TraceRows, lineDarkness } from './lineDarkness'
import { relation } from './coverage'
import { maskAlong, traceMasked, warnsOfNew } from './retraceAlongOthers'
import { runsAlong, traceRowsOf } from './traceAudit'
import type { PreparedFigure } from './traceCurve'
import type { Rgb, RgbaImage, TraceOptions, TracedCurve } from './types'

/**
 * The lighter colour's line may be at most this dark, as a share of the darker colour's line,
 * for the two traces to lie on their own lines. A grey arm's line beside a slate arm's reads
 * 0.69 as dark by their colours (luma 128 and 72 on white). Measured as lineDarkness on JAMA
 * development seeds 6000–6239 and 7240–7260, forced style (not asserted): the 271 pairs traced
 * on their own lines read 0.42–0.84; the pairs traced on each other's lines 1.22–1.36 (6210,
 * 7249, 7324), and a pair swapped before the lines cross and not after 1.06 (6181).
 */
const SWAPPED = 1
/**
 * The two traces' line widths (pixels) within this factor of each other: a thin dark line's
 * darkest pixel is a partial cover, lighter than a thick grey line's, and darkness says nothing.
 */
const WIDTH_FACTOR = 1.5
/** Columns of each line, clear of the other, needed to judge its darkness. */
const MIN_COLUMNS = 30
/**
 * Pairs of curves whose colours differ in darkness alone (one is a blend of the other with the
 * background: coverage.ts relation) and whose traces lie on lines of the opposite darkness: the
 * darker colour's trace on the lighter line. A thin line in a low-quality JPEG keeps no tint, so
 * JAMA's slate and grey arms are two greys, and each trace may start along the other's line
 * (development seeds 7249, 7324). Returns [darker, lighter] indices into `curves`.
 */
export function swappedSiblings(
  curves: readonly (TracedCurve | null)[],
  image: RgbaImage,
  background: Rgb,
  tolerance: number,
): [number, number][] {
  const traced = curves.filter((c): c is TracedCurve => c !== null)
  const rows = traceRowsOf(traced)
  const rowsOf = (i: number) => rows[traced.indexOf(curves[i] as TracedCurve)]
  const pairs: [number, number][] = []
  for (let i = 0; i < curves.length; i++) {
    for (let j = 0; j < curves.length; j++) {
      const dark = curves[i]
      const light = curves[j]
      if (i === j || !dark || !light) continue
      if (relation(dark.color, light.color, background, tolerance).kind !== 'lighter') continue
      if (isSwapped(image, background, dark, light, rowsOf(i), rowsOf(j))) pairs.push([i, j])
    }
  }
  return pairs
}

/** Whether the lighter colour's trace lies on the darker line (see SWAPPED). */
function isSwapped(
  image: RgbaImage,
  background: Rgb,
  dark: TracedCurve,
  light: TracedCurve,
  darkRows: TraceRows,
  lightRows: TraceRows,
): boolean {
  const wide = Math.max(dark.lineWidth, light.lineWidth)
  if (wide > WIDTH_FACTOR * Math.min(dark.lineWidth, light.lineWidth)) return false
  const d = lineDarkness(image, background, darkRows, lightRows, dark.lineWidth)
  const l = lineDarkness(image, background, lightRows, darkRows, light.lineWidth)
  if (d.columns < MIN_COLUMNS || l.columns < MIN_COLUMNS) return false
  return l.darkness >= SWAPPED * d.darkness
}

/**
 * Traces again the pairs of swappedSiblings, each curve with its own first line left out (its
 * rows, half its line width and a fringe pixel around, over its whole length), so that each
 * finds the other line. Both re-traces are kept when each succeeds, is warned of nothing its
 * first trace was not, the two do not run along each other, and their lines now read in the
 * order of their colours. Otherwise both first traces are kept, each warned (code
 * `lines-swapped`) that it may lie on the other's line: darkness told them apart, and it said
 * the opposite of their colours. `again` traces curve i in a prepared figure. Returns the
 * curves, re-traced or warned where a pair was found (new objects; `first` is left as it was).
 */
export function retraceSwapped(
  first: readonly (TracedCurve | null)[],
  image: RgbaImage,
  options: TraceOptions,
  figure: PreparedFigure,
  again: (figure: PreparedFigure, i: number) => TracedCurve,
): (TracedCurve | null)[] {
  const { background } = figure.index
  const out = [...first]
  const pairs = swappedSiblings(first, image, background, figure.tolerance)
  for (const [i, j] of pairs) {
    const a = out[i]
    const b = out[j]
    if (!a || !b || a !== first[i] || b !== first[j]) continue
    const fixed = retracePair(a, b, image, figure, options, background, (f, k) =>
      again(f, k === 0 ? i : j),
    )
    if (fixed) {
      out[i] = fixed[0]
      out[j] = fixed[1]
      continue
    }
    out[i] = warned(a, b)
    out[j] = warned(b, a)
  }
  return out
}

/** The pair traced again off their first lines, when that puts each on the line of its darkness. */
function retracePair(
  dark: TracedCurve,
  light: TracedCurve,
  image: RgbaImage,
  figure: PreparedFigure,
  options: TraceOptions,
  background: Rgb,
  again: (figure: PreparedFigure, k: 0 | 1) => TracedCurve,
): [TracedCurve, TracedCurve] | null {
  const rows = traceRowsOf([dark, light])
  const retraced: TracedCurve[] = []
  for (const k of [0, 1] as const) {
    const c = k === 0 ? dark : light
    const own = rows[k]
    if (!own) return null
    const mask = maskAlong(image, options.mask, own, own.x0, own.x1, c.lineWidth)
    const r = traceMasked(figure, image, mask, (f) => again(f, k))?.curve
    if (!r || warnsOfNew(c, r)) return null
    retraced.push(r)
  }
  const pair = retraced as [TracedCurve, TracedCurve]
  const now = traceRowsOf(pair)
  if (runsAlong(pair, 0, 1, now) || runsAlong(pair, 1, 0, now)) return null
  if (isSwapped(image, background, pair[0], pair[1], now[0], now[1])) return null
  return pair
}

/** `curve` with a lines-swapped warning naming `other`. */
function warned(curve: TracedCurve, other: TracedCurve): TracedCurve {
  const own = formatColor(curve.color)
  const theirs = formatColor(other.color)
  return {
    ...curve,
    warnings: [
      ...curve.warnings,
      {
        code: 'lines-swapped',
        message: `the curves of colours ${own} and ${theirs} differ only in how dark they are, and their traces lie on lines of the opposite darkness: each may lie on the other's line; check both against the figure`,
      },
    ],
  }
}
