import type { AxisMap } from './calibration'
import { deltaE, formatColor, rgbToLab } from './color'
import type { PixelIndex } from './coverage'
import { traceRowsOf } from './traceAudit'
import type { TracedCurve } from './types'

/** A pixel this far (ΔE*76) from the background is ink a line could be drawn in. */
const LINE_INK = 20
/** Rows either side of the band a line of the curve's width covers at its end level. */
const BAND_PX = 1
/** The line beyond the end starts within this many columns of it ... */
const START_PX = 4
/** ... and runs on with breaks of at most this many columns (a tick's gap, a JPEG speck). */
const BREAK_PX = 3
/**
 * It is a line where its ink is thin: a column whose ink, joined to the band, is more than this
 * many line widths (plus BAND_PX rows each way) tall holds a mark, a drop or text; at least
 * THIN_SHARE of the columns must be thin (a label's letters are tall in most of theirs).
 */
const TALL_WIDTHS = 3
const THIN_SHARE = 0.6
/** Ink within this many rows of another curve's trace is that curve's line. */
const OTHER_PX = 2
/** A row inked over this share of the plot's width is a rule (frame, gridline, axis). */
const RULE_SHARE = 0.9
/** As inkBeyondEnd (traceCurve.ts): this many columns, and this share of the plot's width. */
const BEYOND_PX = 10
const BEYOND_SHARE = 0.02

/**
 * Warns (`ink-beyond-end`) of a curve whose trace ends where a line of another shade goes on at
 * its level: ink of any colour, drawn like a line (thin, with short breaks at most) from the
 * trace's end rightwards over BEYOND_PX columns and BEYOND_SHARE of the plot's width, lying on no
 * other curve's trace and on no rule. JPEG shifts a line's hue from block to block: a colour
 * picked from one stretch (Suggest curves takes the commonest shade) may not explain the line's
 * ink elsewhere, and the trace stops where its colour's ink does, with nothing of that colour
 * beyond it for inkBeyondEnd to count (Lancet development seed 7000, suggested colours: the
 * #243c54 trace of a #00468b line stopped 87 px short at a cluster of ticks, where the line's
 * pixels turn from (82, 110, 122) to (81, 106, 160); said whole). A curve already warned of ink
 * beyond its end, or ending on the x axis, is left alone. The stretch beyond the end is listed
 * as a gap, as inkBeyondEnd's is. Mutates the curves' warnings and status.
 */
export function warnLineBeyondEnd(
  curves: readonly TracedCurve[],
  index: PixelIndex,
  map: AxisMap,
): void {
  const { area, width, height, ids, labs } = index
  const bg = rgbToLab(...index.background)
  const isInk = (x: number, y: number) => {
    if (x < area.x0 || x >= area.x1 || y < area.y0 || y >= area.y0 + height) return false
    const id = ids[(y - area.y0) * width + (x - area.x0)]
    return id >= 0 && deltaE(labs[id], bg) >= LINE_INK
  }
  const rows = traceRowsOf(curves)
  const zero = map.toPixel(0, 0).py
  const ruleRow = new Map<number, boolean>()
  const isRule = (y: number) => {
    let kept = ruleRow.get(y)
    if (kept === undefined) {
      let n = 0
      for (let x = area.x0; x < area.x1; x++) if (isInk(x, y)) n++
      kept = n >= RULE_SHARE * (area.x1 - area.x0)
      ruleRow.set(y, kept)
    }
    return kept
  }
  curves.forEach((c, i) => {
    if (c.warnings.some((w) => w.code === 'ink-beyond-end')) return
    const end = c.points[c.points.length - 1]
    const half = c.lineWidth / 2
    if (end.y + half + BAND_PX >= zero - 1) return
    const top = Math.floor(end.y - half - BAND_PX)
    const bottom = Math.ceil(end.y + half + BAND_PX)
    const tall = TALL_WIDTHS * c.lineWidth + 2 * BAND_PX
    // Whether another curve's trace passes within OTHER_PX of row y in column x.
    const others = (x: number, y: number) =>
      rows.some((r, j) => {
        if (j === i || !r || x < r.x0 || x > r.x1) return false
        return y >= r.lo[x - r.x0] - OTHER_PX && y <= r.hi[x - r.x0] + OTHER_PX
      })
    let inked = 0
    let thin = 0
    let last = -1
    const from = Math.floor(end.x) + 1
    for (let x = from; x < area.x1 - 1; x++) {
      if (x - (last < 0 ? from - 1 : last) - 1 > (last < 0 ? START_PX : BREAK_PX)) break
      // The band's rows of line ink, then the ink joined to them above and below.
      let up = Infinity
      let down = -Infinity
      for (let y = top; y <= bottom; y++) {
        if (!isInk(x, y) || isRule(y) || others(x, y)) continue
        up = Math.min(up, y)
        down = Math.max(down, y)
      }
      if (up > down) continue
      inked++
      last = x
      while (up > area.y0 && isInk(x, up - 1)) up--
      while (down < area.y0 + height - 1 && isInk(x, down + 1)) down++
      if (down - up + 1 <= tall) thin++
    }
    const plot = area.x1 - area.x0
    if (inked < Math.max(BEYOND_PX, BEYOND_SHARE * plot) || thin < THIN_SHARE * inked) return
    const t = end.time
    const until = map.toData(last + 1, end.y).time
    c.warnings.push({
      code: 'ink-beyond-end',
      message: `the trace of colour ${formatColor(c.color)} ends at time ${t.toPrecision(3)}, but a line goes on at its level in ink of another shade, up to time ${until.toPrecision(3)} (${inked} columns): the curve may go on there; check its end, and if it does, give the line's colour as the ink there shows it`,
    })
    c.status.stretches.push({ kind: 'gap', from: t, to: until, x0: from, x1: last + 1 })
    c.status.status = 'gaps'
  })
}
