import { type ColumnRuns, RUN_NOT_OWN } from './columnRuns'

/** Two runs of neighbouring columns lie on one horizontal line when their centres are this close (pixels). */
const SAME_LEVEL = 0.75
/** A dash gap is at most this many line widths, plus DASH_EXTRA columns (dash patterns leave 1–4 widths). */
const DASH_WIDTHS = 4
const DASH_EXTRA = 3
/**
 * The next dash may lie this far below (pixels, plus so many line widths): a dashed curve falling
 * in small steps picks up a little lower (monotonePath's free drop across a dash gap).
 */
const DROP = 5
const DROP_PER_WIDTH = 1
/** A run up to this many line widths tall (plus a pixel) is horizontal line: a dash, not a drop or mark. */
const FLAT_WIDTHS = 2
/**
 * The curve is dashed when it shows at least this many gaps of about one length between its own
 * flat runs at one level (or a little below), and at least this share of its own flat runs ends in one: a solid line
 * leaves a gap only where something crosses it. Dashed arms on development seeds 3029, 3035 and
 * 4007 show 62–96 such gaps; the pale anti-aliased edge of Bonner's low-resolution grey arm
 * (../shared/trials/bonner2006) shows 13–21, and read as dashed it was offered as a third arm.
 */
const MIN_GAPS = 30
const MIN_SHARE = 0.04
/** Gaps within this many columns of the commonest length are of the dash pattern. */
const LENGTH_TOL = 1

/**
 * The gap (columns) of a dashed curve's dash pattern, or 0 when the curve does not look dashed.
 * Read from the runs of the curve's own ink beyond doubt: a horizontal run whose line stops (the
 * next column holds none of the curve's ink at its level), and that picks up again a few columns
 * on at the same level or a little below it (a dashed curve falling in small steps), ends a dash.
 * When many runs do, and most of those gaps are of one length of at least two columns (gaps of
 * one are a thin line's JPEG breaks as often), the line is dashed, and its gap is that length
 * plus LENGTH_TOL (anti-aliasing and JPEG blur shorten or lengthen a gap by a column). A solid
 * line's breaks (marks of another colour, crossings) fool this reading now and then; traceCurve
 * uses it only for a curve with a darker sibling. monotonePath counts a dashed curve's dash gaps
 * along a level as seen, so that a pale dashed arm scores as a solid line of its colour does,
 * and does not leave its own dashes for a darker arm's line whose anti-aliased pixels read as
 * its colour without a gap. Lengths in image columns; `lineWidth` in pixels.
 */
export function dashGap(runs: ColumnRuns, lineWidth: number): number {
  const maxGap = Math.ceil(DASH_WIDTHS * lineWidth) + DASH_EXTRA
  const maxDrop = DROP + DROP_PER_WIDTH * lineWidth
  const flat = (j: number) =>
    !(runs.flags[j] & RUN_NOT_OWN) && runs.bottom[j] - runs.top[j] <= FLAT_WIDTHS * lineWidth + 1
  // Whether column c holds a flat own run at this level (or any run of the curve's colour that
  // covers it: the line goes on there).
  const holds = (c: number, level: number, flatOnly: boolean) => {
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (flatOnly && !flat(j)) continue
      if (
        flatOnly
          ? runs.centre[j] >= level - SAME_LEVEL && runs.centre[j] <= level + maxDrop
          : runs.top[j] <= level + SAME_LEVEL && runs.bottom[j] >= level - SAME_LEVEL
      )
        return true
    }
    return false
  }
  const counts = new Int32Array(maxGap + 1)
  let flats = 0
  for (let c = 0; c + 1 < runs.columns; c++) {
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (!flat(j)) continue
      flats++
      const level = runs.centre[j]
      if (holds(c + 1, level, false)) continue
      for (let g = 1; g <= maxGap && c + g + 1 < runs.columns; g++) {
        if (holds(c + g + 1, level, true)) {
          counts[g]++
          break
        }
        if (holds(c + g + 1, level, false)) break
      }
    }
  }
  // Gaps of one column are a thin line's JPEG breaks as often as a dotted line's.
  let mode = 2
  for (let g = 3; g <= maxGap; g++) if (counts[g] > counts[mode]) mode = g
  let near = 0
  let all = 0
  for (let g = 1; g <= maxGap; g++) {
    all += counts[g]
    if (Math.abs(g - mode) <= LENGTH_TOL) near += counts[g]
  }
  return near >= MIN_GAPS && near >= MIN_SHARE * flats && near >= all / 2 ? mode + LENGTH_TOL : 0
}
