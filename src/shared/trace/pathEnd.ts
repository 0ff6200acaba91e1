import {
  type ColumnRuns,
  RUN_ALTERNATE,
  RUN_FOLLOWED,
  RUN_HALO,
  RUN_MARK,
  RUN_NOT_OWN,
  RUN_SIBLING,
  RUN_UNDER,
} from './columnRuns'
import type { PathStep } from './monotonePath'

/** Columns (plus line widths) the end may skip: a dash gap, a censor mark of another colour. */
const END_GAP = 3
const END_GAP_PER_WIDTH = 2
/**
 * How far above a drop's foot (line widths, plus twice the slack) the line may go on when the foot
 * was read at the lower end of a censor mark of the curve's own colour: half a tick's height.
 * On JAMA development seed 6095 B the line lay 1.7 px above the foot read (0.8 px line, bound
 * 3.1 px); at 1, development seeds 3000–3119, 4000–4119 and 6000–6479 lost no whole arm
 * (02:12 UTC, not asserted).
 */
const FOOT_MARK = 1
/** A run less tall than this share of the line is a sliver of it (stepCorners.ts: SLIVER). */
const SLIVER = 0.3

/**
 * Carries a traced path on to the end of its line, where the best path stops short because the
 * ink there is not this curve's beyond doubt (monotonePath scores such columns below nothing):
 *
 * - along the shared line: while a run of another curve's ink, or of this curve's ink beside
 *   another's, continues the path's level (within `slack`), the path follows it as a plateau — the
 *   curve's tail lies under or against the other curve (tails that touch). The path never follows
 *   a drop there: another curve's drop is not this one's.
 * - down the final drop: when the next column (within a dash gap) holds this curve's ink at its
 *   level and, in one piece with it, ink reaching further down (its own, or another curve's that
 *   covers the rest of the drop), the curve fell there, and the path ends at the bottom of that
 *   ink. A drop into the x axis (whose row is taken out as a gridline) ends within the line width
 *   of `zeroLevel` and is snapped to it by stepCorners.
 *
 * - down a long drop read in pieces: a tall run of the curve's own ink just right of the end,
 *   apart from the level and from the plateau below (longDrop).
 * - under a row of marks: where none is found but black censor marks go on along the line and
 *   the curve's own ink reappears between them, a little above (a level left low by a mark's
 *   edge) or below (a drop the marks hide), the path steps to it (stepUnderMarks).
 *
 * A path ending on slivers of its line (less than SLIVER of the line tall: the edge left below
 * another curve's drop drawn over it) is carried on from the level of its last full column, not
 * the slivers' (bench development seed 4012, survminer: a tail under the later-drawn arm's line
 * was not followed because the sliver's level lay a pixel below it, and the trace ended 1.4
 * months early, said whole).
 *
 * - from a drop whose foot landed on a tick of the curve's own colour: the foot is read at the
 *   tick's lower end, and the line is taken up again at the level of its own ink just right of it.
 *
 * After each drop or step it found, the extension goes on along the line at the drop's foot (in
 * ink of any kind there) and down its next drop. Returns the steps to append (none when the path
 * already ends at its line's end).
 */
export function extendPathEnd(
  path: readonly PathStep[],
  runs: ColumnRuns,
  lineWidth: number,
  slack: number,
  zeroLevel: number,
): PathStep[] {
  if (path.length === 0) return []
  const out: PathStep[] = []
  const half = lineWidth / 2
  const maxGap = END_GAP + END_GAP_PER_WIDTH * lineWidth
  let last = path[path.length - 1]
  // A path whose last columns hold only slivers of its line (the edge left beside another curve's
  // ink drawn over it) ends off the line's level: the level is the last full column's.
  for (let i = path.length - 1; i > 0; i--) {
    const s = path[i]
    if (
      runs.flags[s.run] & RUN_FOLLOWED ||
      runs.bottom[s.run] - runs.top[s.run] >= SLIVER * lineWidth
    ) {
      if (i < path.length - 1) last = { ...last, exit: s.exit }
      break
    }
  }
  const runsAt = (x: number): number[] => {
    const c = x - runs.x0
    if (c < 0 || c >= runs.columns) return []
    const js: number[] = []
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) js.push(j)
    return js
  }
  // A piece of followed ink at the level may be the top of a mark's stroke centred below it, cut
  // off from the rest in reading (the JPEG's near-black read as another curve's): with the ink
  // touching it in its column, when that holds mark ink, it is centred below the level by more
  // than the slack (forced-NEJM development seed 6094 A: the tops of the strokes of a row of "+"
  // 3.5 px lower carried the path along the level it had left for 36 columns).
  const strokeBelow = (x: number, j: number, level: number): boolean => {
    const js = runsAt(x)
    let top = runs.top[j]
    let bottom = runs.bottom[j]
    let mark = !!(runs.flags[j] & RUN_MARK)
    for (let grown = true; grown;) {
      grown = false
      for (const i of js) {
        if (!(runs.flags[i] & RUN_FOLLOWED) || (runs.top[i] >= top && runs.bottom[i] <= bottom))
          continue
        if (runs.top[i] <= bottom + 1 && runs.bottom[i] >= top - 1) {
          top = Math.min(top, runs.top[i])
          bottom = Math.max(bottom, runs.bottom[i])
          mark ||= !!(runs.flags[i] & RUN_MARK)
          grown = true
        }
      }
    }
    return mark && (top + bottom) / 2 - level > slack
  }
  // A path ending down a drop onto a censor mark of its own colour reads the drop's foot at the
  // mark's lower end, below the line that goes on from it; the monotone path cannot rise back to
  // it, and the trace ends at the drop (JAMA development seed 6095 B: foot read 1.7 px low, grey
  // tail of 17 columns lost, 3% of the time span, said whole). Own flat ink just right of the
  // drop, inside its span and above the foot by no more than FOOT_MARK line widths plus twice the
  // slack, is the line's level; the line goes on along it as after a drop the extension found.
  // A foot read at the lower end of a black mark's stroke (NEJM's "+") is read again so at the
  // bars of a row of marks just right of it, which lie over the line there (forced-NEJM
  // development seed 6193 A: the foot of a drop the extension found read 2 px below such a row,
  // and the tail under it, 3% of the time span, lost).
  const footAt = (step: PathStep): number | null => {
    if (step.exit - step.entry <= slack + lineWidth) return null
    const flatMax = 3 * lineWidth + 2
    const onMark = (runs.flags[step.run] & RUN_MARK) !== 0
    for (let x = step.x + 1; x - step.x <= maxGap + 1; x++) {
      const j = runsAt(x).find(
        (i) =>
          (!(runs.flags[i] & RUN_NOT_OWN) ||
            (onMark && (runs.flags[i] & (RUN_MARK | RUN_HALO)) === RUN_MARK)) &&
          runs.bottom[i] - runs.top[i] <= flatMax &&
          runs.centre[i] < step.exit - slack &&
          runs.centre[i] > step.entry + slack &&
          runs.centre[i] >= step.exit - FOOT_MARK * lineWidth - 2 * slack,
      )
      if (j !== undefined) return runs.centre[j]
    }
    return null
  }
  const foot = footAt(last)
  const footReread = foot !== null
  if (foot !== null) last = { ...last, exit: foot }
  // After a drop the extension found, the line goes on at its foot in ink of any kind: the path
  // stopped where its ink turned doubtful (a thin line's tail read as its lighter sibling's), and
  // the drop says the curve is still there. One drop at a time, at most one per column.
  for (let drops = 0; drops <= runs.columns; drops++) {
    const level = last.exit
    // Along the shared line.
    for (let x = last.x + 1; x - last.x <= maxGap + 1 && x < runs.x0 + runs.columns; x++) {
      // Another curve's line centred on the level (it may be drawn wider), or this curve's own ink
      // beside another's within the line's band: not a drop's column.
      const flat = runsAt(x).find((j) =>
        runs.flags[j] & RUN_FOLLOWED
          ? Math.abs(runs.centre[j] - level) <= Math.min(slack, half + 0.5) &&
            runs.bottom[j] - runs.top[j] <= 3 * lineWidth + 2 &&
            !strokeBelow(x, j, level)
          : (drops > 0 || footReread || runs.flags[j] & RUN_NOT_OWN) &&
            runs.top[j] >= level - half - slack &&
            runs.bottom[j] <= level + half + slack,
      )
      if (flat === undefined) continue
      last = { x, run: flat, entry: level, exit: level }
      out.push(last)
    }
    // Down the next drop.
    let dropped = false
    for (let x = last.x + 1; x - last.x <= maxGap + 1 && x < runs.x0 + runs.columns; x++) {
      const js = runsAt(x)
      const first = js.findIndex(
        (j) =>
          !(runs.flags[j] & RUN_FOLLOWED) &&
          runs.top[j] <= level + slack &&
          runs.bottom[j] >= level - slack,
      )
      if (first < 0) continue
      let k = first
      while (k + 1 < js.length && runs.top[js[k + 1]] - runs.bottom[js[k]] <= 1) k++
      const bottom = runs.bottom[js[k]] - half
      // A censor mark at the end reaches above the line as far as below it; a drop does not.
      const upright = runs.top[js[first]] >= level - half - 1
      // A short drop onto the x axis ends where the axis (taken out as a gridline) begins.
      const ontoAxis = runs.bottom[js[k]] >= zeroLevel - 1.5 && bottom - level > half
      if (upright && (bottom - level > slack + lineWidth || ontoAxis)) {
        last = { x, run: js[first], entry: level, exit: bottom }
        // Its foot read again only where it lies on a mark's stroke (own ink beside a drop found
        // here is more often the drop's own foot: forced-NEJM 6148 C, read 3 px high so, lost
        // its tail below).
        const at =
          ontoAxis || !(runs.flags[js[k]] & RUN_MARK) ? null : footAt({ ...last, run: js[k] })
        if (at !== null) last = { ...last, exit: at }
        out.push(last)
        dropped = !ontoAxis
      }
      break
    }
    if (!dropped) {
      // Down a long drop read in pieces (longDrop), else under a row of marks: the line found
      // again between them (stepUnderMarks).
      const step =
        longDrop(last, runs, lineWidth, slack, maxGap) ??
        stepUnderMarks(last, runs, lineWidth, slack, maxGap)
      if (step) {
        last = step
        out.push(step)
        continue
      }
      // Else along a row of marks that hides the line to its end.
      const row = alongMarkRow(last, [...path, ...out], runs, lineWidth, slack, maxGap)
      out.push(...row.steps)
      if (row.closed) break
      if (row.steps.length > 0) {
        last = row.steps[row.steps.length - 1]
        continue
      }
      // Else, at the end of such a row, down a drop the marks' strokes hide, to the next row.
      const down = dropUnderMarks(last, [...path, ...out], runs, lineWidth, slack, maxGap)
      if (!down) break
      last = down
      out.push(down)
    }
  }
  return out
}

/**
 * How far below the line (line widths, plus twice the slack) a path's end may have slid: down the
 * lower half of its own censor ticks, or onto the ink left below another curve's line drawn over
 * its tail. It slid when it ends more than a line width (plus the slack) below the level it left:
 * nearer, it may be the line's lower edge, and the "line" above it another curve's edge
 * (lancet development seed 6154 C, a grey tail 1.5 px below a red line's edge: carried on along
 * it, the trace ran 2.5% of the time span past the curve's end; random 6102 A slid 4.3 px with a
 * bound of 3.8).
 */
const SLIDE_MAX = 3
/** Columns of the curve's own ink across the line's level, beyond the slid end, that show it goes on. */
const SLIDE_CONFIRM = 3
/**
 * Columns the path must have held a level for it to be the line it left (lancet development seed
 * 6154 C: carried on from one column in the middle of its last drop, 7 px above the end, along a
 * red line's edge, the trace ran 2.5% of the time span past the curve's end; 6102 A and 7356 A
 * held theirs for more than 10 columns).
 */
const SLIDE_HELD = 3
/** Columns before the end within which the path may have left its line. */
const SLIDE_COLUMNS = 40

/**
 * The path carried on to the end of its line (extendPathEnd), or, where the path slid off its line
 * near the end and stopped there, carried on from where it left the line. A tail hidden under
 * another curve's line drawn over it shows only slivers and the ticks of this curve's marks; the
 * best path, which scores own ink above another's, slides down a tick's lower half or the sliver
 * below the other line, by more than the slack but no more than SLIDE_MAX line widths, and ends
 * there, while the line goes on at the level it left (development seeds 6102 random A: 4 px
 * below, stopped 3% of the time span early; 7356 random A: 8 px below, 4% early; both said
 * whole). The path is then cut back to its last step on that level and carried on from it; that
 * reading is kept when it ends further right and the curve's own ink (not another curve's, nor
 * this colour's beside another's, which any dark line's anti-aliased edge can mimic) crosses that
 * level in at least SLIDE_CONFIRM columns beyond the first reading's end: another curve's line at
 * the level a true last drop left shows none.
 */
export function endPath(
  path: readonly PathStep[],
  runs: ColumnRuns,
  lineWidth: number,
  slack: number,
  zeroLevel: number,
): PathStep[] {
  const first = [...path, ...extendPathEnd(path, runs, lineWidth, slack, zeroLevel)]
  if (path.length < 2) return first
  const end = path[path.length - 1]
  const firstEnd = first[first.length - 1].x
  const band = lineWidth / 2 + slack
  // The levels the path left in its last SLIDE_COLUMNS, nearest first: a slide may come in
  // steps (down a sliver, then a tick).
  for (let i = path.length - 2; i > 0 && end.x - path[i].x <= SLIDE_COLUMNS; i--) {
    const level = path[i].exit
    if (level >= end.exit - lineWidth - slack || path[i + 1].exit === level) continue
    if (end.exit - level > SLIDE_MAX * lineWidth + 2 * slack) break
    // A line, held for SLIDE_HELD columns: not a step within a drop.
    let k = i
    while (k > 0 && path[k - 1].exit === level) k--
    if (path[i].x - path[k].x + 1 < SLIDE_HELD) continue
    const kept = path.slice(0, i + 1)
    const again = [...kept, ...extendPathEnd(kept, runs, lineWidth, slack, zeroLevel)]
    const againEnd = again[again.length - 1].x
    if (againEnd <= firstEnd) continue
    let own = 0
    for (let x = firstEnd + 1; x <= againEnd; x++) {
      const c = x - runs.x0
      for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
        if (
          !(runs.flags[j] & (RUN_NOT_OWN | RUN_ALTERNATE)) &&
          runs.top[j] <= level + band &&
          runs.bottom[j] >= level - band
        ) {
          own++
          break
        }
      }
    }
    if (own >= SLIDE_CONFIRM) return again
  }
  return first
}

/** A run of the curve's own ink at least this many line widths (plus LONG_DROP_PX) tall is a drop. */
const LONG_DROP = 8
const LONG_DROP_PX = 8

/**
 * Pixels (line widths, plus DASHED_DROP_GAP_PX) between the dashes of a dashed line's drop, one
 * below the other in its column, that longDrop bridges. JAMA development seed 7067 B (a 0.9 px
 * grey dashed line): its last drop, 36 px, read as four dashes 2.7 px tall, 5.3 px apart; the
 * trace ended at its top, 1.4 months early, said whole. Measured on development seeds 3000–3119,
 * 4000–4119, 6000–6479 and 7000–7479 (22:29 UTC 2026-12-07, not asserted; true colours): 7067 B
 * and Lancet 7114 B (dashed, 3.6 months early, warned of) now whole and not warned of; Lancet
 * 3010 B, JAMA 6287 C and NEJM 7106 C now whole; no arm traced worse.
 */
const DASHED_DROP_GAP = 3
const DASHED_DROP_GAP_PX = 4

/**
 * The curve's last long drop, read in pieces: of a thin line's long vertical segment, the column
 * runs may hold only its middle, a tall run of the curve's own ink apart from the level above it
 * and from the plateau below it (bench development seed 3104 in NEJM style: a 1.25 px line
 * falling 122 px, covered alike all the way down, read without its top 18 px and its foot 19 px;
 * the trace ended at the drop's top, 1.8 months early, said whole). Within a dash gap right of
 * the end, a run of the curve's own ink (not another curve's, a sibling's or a mark's) at least
 * LONG_DROP line widths (plus LONG_DROP_PX) tall, whose top lies below the level by no more than
 * half its height, is the drop; the path goes down it to the plateau of own flat ink below its
 * foot, no further below than half its height (in the drop's column or up to a dash gap after
 * it), or else to the foot itself. Null when there is none. A censor mark's stroke is shorter;
 * text and legend samples sit above the curve's end, and their glyphs too are shorter. A dashed
 * line's drop reads as its dashes, runs one below the other in a column (DASHED_DROP_GAP apart at
 * most), which count as one tall run from as far as a line width and a pixel left of the end;
 * such a drop is taken only down to a plateau below it.
 */
function longDrop(
  last: PathStep,
  runs: ColumnRuns,
  lineWidth: number,
  slack: number,
  maxGap: number,
): PathStep | null {
  const level = last.exit
  const tall = LONG_DROP * lineWidth + LONG_DROP_PX
  const flatMax = 3 * lineWidth + 2
  const end = Math.min(runs.x0 + runs.columns, last.x + maxGap + 2)
  const dashGapPx = DASHED_DROP_GAP * lineWidth + DASHED_DROP_GAP_PX
  // A dashed drop may lie a line width and a pixel left of the end: the path went on past it
  // on the faint edge of the level's last dash (7067 B: one column).
  for (let x = Math.max(runs.x0, last.x - Math.ceil(lineWidth) - 1); x < end; x++) {
    const c = x - runs.x0
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (runs.flags[j] & (RUN_FOLLOWED | RUN_SIBLING) || runs.top[j] < level - slack) continue
      // A dashed line's drop: the runs of its dashes, one below the other in the column, apart by
      // no more than a dash gap.
      let foot = runs.bottom[j]
      let pieces = 1
      for (let i = j + 1; i < runs.start[c + 1]; i++) {
        if (runs.top[i] - foot > dashGapPx) break
        if (runs.flags[i] & (RUN_FOLLOWED | RUN_SIBLING)) continue
        foot = Math.max(foot, runs.bottom[i])
        pieces++
      }
      const height = foot - runs.top[j]
      if (height < tall || runs.top[j] - level > height / 2 || (x <= last.x && pieces === 1)) {
        continue
      }
      for (let k = c; k < Math.min(runs.columns, c + maxGap + 2); k++) {
        for (let i = runs.start[k]; i < runs.start[k + 1]; i++) {
          if (
            !(runs.flags[i] & RUN_NOT_OWN) &&
            runs.bottom[i] - runs.top[i] <= flatMax &&
            runs.top[i] >= foot - slack &&
            runs.top[i] - foot <= height / 2
          ) {
            return { x, run: j, entry: level, exit: runs.centre[i] }
          }
        }
      }
      // Dashes without the plateau below them may be a column of marks or text: no drop.
      if (pieces === 1) return { x, run: j, entry: level, exit: foot - lineWidth / 2 }
    }
  }
  return null
}

/** Columns right of a step under marks searched for the curve's own ink at the step's level. */
const CONFIRM_SPAN = 30
const CONFIRM_SPAN_PER_WIDTH = 10
/** Columns of own ink there that confirm the step. */
const CONFIRM_OWN = 3
/** The coverage of a run's fullest pixel for it to be the line itself (columnRuns' `peak`). */
const LINE_PEAK = 0.9
/** How far below the level (line widths, plus the slack) the line may fall unseen under marks. */
const UNDER_MARKS_FALL = 3

/**
 * The line's tail under a row of censor marks of another colour (NEJM's black "+", whose bars
 * cover the line and its small drops): the path ends at a mark, while the marks go on along the
 * line's level and the curve's own ink reappears between them. From the end, columns are
 * scanned while mark ink lies within the line's band (or no more than a dash gap since it last
 * did); the first flat run of the curve's own ink with a fully inked pixel (LINE_PEAK), from half
 * a line width (plus the slack) above the level — a path that left a mark at its lower edge ends
 * a pixel or two below the line (bench development seed 3005, NEJM: 160 columns of tail lost so)
 * — to UNDER_MARKS_FALL line widths below it, whose level holds such ink in at least CONFIRM_OWN
 * columns within CONFIRM_SPAN (plus so many per line width) further right, is the line found
 * again, and the step to it, left at the run's centre, is returned (stepCorners pools the
 * plateaus of a step that rises that little); null when there is none. Another arm's row of
 * marks at a nearby level is passed over: its rows hold no ink of this curve's colour.
 */
function stepUnderMarks(
  last: PathStep,
  runs: ColumnRuns,
  lineWidth: number,
  slack: number,
  maxGap: number,
): PathStep | null {
  const level = last.exit
  const flatMax = 3 * lineWidth + 2
  const span = CONFIRM_SPAN + CONFIRM_SPAN_PER_WIDTH * lineWidth
  const deepest = level + UNDER_MARKS_FALL * lineWidth + slack
  // Own ink that is the line: flat, and with a fully inked pixel (a mark's anti-aliased edge, read
  // as a fragment of the curve's colour, has none; followed, the tail ran a few pixels off its
  // line, bench development seed 3037 in NEJM style).
  const own = (i: number) =>
    !(runs.flags[i] & RUN_NOT_OWN) &&
    runs.bottom[i] - runs.top[i] <= flatMax &&
    runs.peak[i] >= LINE_PEAK
  let lastMark = last.x
  for (let x = last.x + 1; x - lastMark <= maxGap + 1 && x < runs.x0 + runs.columns; x++) {
    const c = x - runs.x0
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (runs.flags[j] & RUN_MARK && runs.bottom[j] >= level - slack && runs.top[j] <= deepest) {
        lastMark = x
      }
    }
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const at = runs.centre[j]
      if (!own(j) || at < level - lineWidth / 2 - slack || at > deepest) continue
      let seen = 0
      for (let k = c + 1; k < Math.min(runs.columns, c + 1 + span) && seen < CONFIRM_OWN; k++) {
        for (let i = runs.start[k]; i < runs.start[k + 1]; i++) {
          if (own(i) && Math.abs(runs.centre[i] - at) <= slack) {
            seen++
            break
          }
        }
      }
      if (seen >= CONFIRM_OWN) return { x, run: j, entry: level, exit: at }
    }
  }
  return null
}

/**
 * How far above the path's level (line widths, plus twice the slack) the bars of a row of marks
 * may lie for the path to be carried along them: a path that stepped off the bars onto specks of
 * the curve's colour bled below them ends that far low (development seeds 3044, 3086, 3110, 4010,
 * 4070 and 4118 in NEJM style: 1.5–3.6 px below the bars' centre, lines 1.1–2.4 px wide).
 */
const MARK_ROW_RISE = 1
/** Columns before the end (plus the dash gap) in which the path must have been at the row's level. */
const MARK_ROW_LOOKBACK = 16

/**
 * The line's tail hidden to its end under a row of censor marks of another colour (NEJM's black
 * "+", drawn closer than their bars are wide, which join into one black line over the curve's;
 * development seeds 3086 and 4010: no ink of the curve's colour shows for the last 36 and 31
 * columns, and the trace ended there, 4% and 3% of the time span early). Within a dash gap right
 * of the end, a flat run of mark ink (the bars) centred at or above the level, by no more than
 * MARK_ROW_RISE line widths (plus twice the slack), where the path ran at that centre (within half
 * a line width plus the slack) in the last MARK_ROW_LOOKBACK columns (plus a dash gap) — it
 * stepped off the bars only at its end — starts the row. The path follows it at the bars' centre
 * while mark ink (bars, or the marks' vertical strokes across the row) lies on the row, bridging
 * no more than a dash gap, to the last flat run of it. A column with a line (another curve's, or
 * of this colour) on the row and no mark over it ends the row and the extension (`closed`). The
 * steps are of mark ink, and are reported as hidden under marks (traceStatus).
 */
function alongMarkRow(
  last: PathStep,
  path: readonly PathStep[],
  runs: ColumnRuns,
  lineWidth: number,
  slack: number,
  maxGap: number,
): { steps: PathStep[]; closed: boolean } {
  const level = last.exit
  const half = lineWidth / 2
  const flatMax = 3 * lineWidth + 2
  const rise = MARK_ROW_RISE * lineWidth + 2 * slack
  const end = runs.x0 + runs.columns
  let row = NaN
  // Strokes of marks across the level carry the search on: in a dense block of "+" the bars
  // between them show only where the block thins (forced-NEJM development seed 6081 C: 18
  // columns of strokes, no bar, after the drop onto the row).
  let covered = last.x
  for (let x = last.x + 1; x - covered <= maxGap + 1 && x < end && Number.isNaN(row); x++) {
    const c = x - runs.x0
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const at = runs.centre[j]
      if (!(runs.flags[j] & RUN_MARK) || runs.flags[j] & RUN_HALO) continue
      if (runs.bottom[j] - runs.top[j] <= flatMax && at <= level && at >= level - rise) {
        row = at
        break
      }
      // A stroke centred on the level: a mark on the line (one centred lower marks the line
      // below, which the line has dropped to).
      if (
        runs.top[j] <= level - half &&
        runs.bottom[j] >= level + half &&
        Math.abs(runs.centre[j] - level) <= half + slack
      ) {
        covered = x
      }
    }
  }
  if (Number.isNaN(row)) return { steps: [], closed: false }
  // The path was on the row shortly before its end (it steps off the bars at the end only).
  const since = last.x - MARK_ROW_LOOKBACK - maxGap
  if (!path.some((s) => s.x >= since && Math.abs(s.exit - row) <= half + slack)) {
    return { steps: [], closed: false }
  }
  const lo = row - half - 1
  const hi = row + half + 1
  const out: PathStep[] = []
  let seen = last.x
  let lineBefore = false
  for (let x = last.x + 1; x - seen <= maxGap + 1 && x < end; x++) {
    const c = x - runs.x0
    let flat = -1
    let mark = false
    let line = false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const f = runs.flags[j]
      if (runs.top[j] > hi || runs.bottom[j] < lo) continue
      const isFlat =
        runs.bottom[j] - runs.top[j] <= flatMax && Math.abs(runs.centre[j] - row) <= half + 1
      if (f & RUN_MARK) {
        mark = true
        if (isFlat && flat < 0) flat = j
      } else if (isFlat && (f & RUN_UNDER || !(f & RUN_NOT_OWN))) {
        line = true
      }
    }
    // A line on the row with no mark over it: another curve's, whose marks those beyond are, or
    // the same colour's that the path did not take for this curve's (forced-NEJM development
    // seeds 3055 A, 3090 B and 4062 C: carried on, the trace ran along another arm 3–7% of the
    // time span past its end). This curve's hidden tail, if any, is not told from it; the curve
    // ends here, and the extension with it.
    // One such column is no line: the near-black of a mark's edge read as another curve's ink,
    // beside the mark (forced-NEJM development seed 6094 A: the row closed there, 90 columns of
    // tail lost).
    if (line && !mark) {
      if (lineBefore) return { steps: out, closed: true }
      lineBefore = true
      continue
    }
    lineBefore = false
    if (!mark) continue
    seen = x
    if (flat >= 0) out.push({ x, run: flat, entry: out.length ? row : level, exit: row })
  }
  return { steps: out, closed: false }
}

/**
 * A flat run of dark ink no taller than this many line widths (plus a pixel) is a bar of a row of
 * marks, or a line; a mark's stroke is taller (forced-NEJM development seed 6094 A: a 5 px piece
 * of a stroke, within 3 line widths plus 2 px, was taken for the next row, 1.2 px above it).
 */
const BAR_WIDTHS = 2
/**
 * Breaks (pixels) within a stroke's column of ink: a 0.5 px line's drop between a mark's bar and
 * the next mark's stroke shows no core pixel (forced-NEJM development seed 7328 A: 1.5 px).
 */
const STROKE_BREAK = 2
/**
 * Columns in which a row below the line, apart from any stroke, runs beside the path's level
 * before the stroke that makes it another curve's line (or its row of marks), not this one's tail:
 * one column may be a JPEG speck (forced-NEJM development seeds 6029 B, 6156 C, 6148 C, 6008 A:
 * the tail carried 3–9% of the time span along the arm beneath, 2–8 px lower).
 */
const OTHER_LINE = 2

/**
 * The line's tail under a row of censor marks drops where a mark's stroke hides the drop: NEJM's
 * black "+" on a thin line, dense in the tail, cover the line and its drops alike, and the row of
 * bars the path went along ends while the next row, lower, goes on (forced-NEJM development seeds
 * 6094 A and 7312 A: no ink of the curve's colour in the last 90 and 145 columns, 2–6 px drops
 * under strokes; the trace ended at the first, 13% and 22% of the time span early). Near the
 * path's end (a dash gap either side), a column of dark ink (mark ink, and what touches it within
 * STROKE_BREAK: specks of it read as another curve's, the line's own faint drop) reaching from the
 * row down past the slack, with mark ink in it, is a stroke; a flat run of dark ink below the row
 * (BAR_WIDTHS), no lower than the stroke's foot (plus half a line width), starting within a dash
 * gap of the stroke and held at its level in CONFIRM_OWN columns within CONFIRM_SPAN (plus so
 * many per line width), some of them mark ink, is the next row — unless it ran beside the line
 * before the stroke (OTHER_LINE; nearer the stroke than a dash gap, or than the lower mark's arm,
 * its bars overlap the row's end). The nearest such row is returned as a drop at the stroke's
 * column (a mark over a drop sits on it), or at the row's first column when the stroke lies left
 * of the path's end; null when there is none.
 */
function dropUnderMarks(
  last: PathStep,
  path: readonly PathStep[],
  runs: ColumnRuns,
  lineWidth: number,
  slack: number,
  maxGap: number,
): PathStep | null {
  const row = last.exit
  const half = lineWidth / 2
  const span = CONFIRM_SPAN + CONFIRM_SPAN_PER_WIDTH * lineWidth
  const end = runs.x0 + runs.columns
  const flatDark = (j: number) =>
    runs.flags[j] & RUN_FOLLOWED &&
    !(runs.flags[j] & RUN_HALO) &&
    runs.bottom[j] - runs.top[j] <= BAR_WIDTHS * lineWidth + 1
  const pathAt = new Map<number, number>()
  for (const p of path) pathAt.set(p.x, p.exit)
  // Whether a row at `level` runs beside the line in columns from..to left of `near`: where the
  // path (or the curve's own plain ink) lies on the row, a flat run of dark ink at that level
  // touching no other dark ink (a stroke would join it to the row) — another curve's line, or its
  // bars. A thin line's own tail read as another curve's (development seed 6066 A, grey in the
  // JPEG) lies there only after its drop, where the path is not on the row.
  const besideLine = (level: number, from: number, to: number, near: number): boolean => {
    let n = 0
    for (
      let c = Math.max(0, Math.floor(from) - runs.x0);
      c <= to - runs.x0 && c < runs.columns;
      c++
    ) {
      if (c + runs.x0 >= near) break
      let onRow = Math.abs((pathAt.get(c + runs.x0) ?? -Infinity) - row) <= half + slack
      for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
        if (
          !(runs.flags[j] & (RUN_FOLLOWED | RUN_SIBLING)) &&
          runs.peak[j] >= LINE_PEAK &&
          Math.abs(runs.centre[j] - row) <= half + slack
        ) {
          onRow = true
        }
      }
      if (!onRow) continue
      const apart = (l: number) => {
        for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
          if (
            j !== l &&
            runs.flags[j] & RUN_FOLLOWED &&
            (runs.flags[j] & RUN_MARK || runs.flags[l] & RUN_MARK) &&
            runs.top[j] <= runs.bottom[l] + 0.5 &&
            runs.bottom[j] >= runs.top[l] - 0.5
          ) {
            return false
          }
        }
        return true
      }
      for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
        if (flatDark(j) && Math.abs(runs.centre[j] - level) <= half + 1 && apart(j)) {
          if (++n >= OTHER_LINE) return true
          break
        }
      }
    }
    return false
  }
  let best: PathStep | null = null
  for (
    let x = Math.max(runs.x0, last.x - Math.floor(maxGap));
    x <= last.x + maxGap + 1 && x < end;
    x++
  ) {
    const c = x - runs.x0
    // The stroke's foot: dark ink touching down from the row.
    let foot = -Infinity
    let mark = false
    let stroke = -1
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (stroke < 0 && !(runs.flags[j] & RUN_FOLLOWED)) continue
      if (
        stroke < 0
          ? runs.top[j] <= row + half + 1 && runs.bottom[j] >= row - half - 1
          : runs.top[j] <= foot + STROKE_BREAK
      ) {
        if (stroke < 0) stroke = j
        foot = Math.max(foot, runs.bottom[j])
        mark ||= !!(runs.flags[j] & RUN_MARK)
      }
    }
    if (!mark || foot <= row + half + slack) continue
    for (let k = Math.max(c, last.x + 1 - runs.x0); k <= c + maxGap + 1 && k < runs.columns; k++) {
      for (let j = runs.start[k]; j < runs.start[k + 1]; j++) {
        const at = runs.centre[j]
        if (!flatDark(j) || at <= row + slack || at > foot + half) continue
        if (best && at >= best.exit) continue
        let held = 0
        let marks = runs.flags[j] & RUN_MARK ? 1 : 0
        for (let i = k + 1; i < Math.min(runs.columns, k + 1 + span) && held < CONFIRM_OWN; i++) {
          for (let q = runs.start[i]; q < runs.start[i + 1]; q++) {
            if (flatDark(q) && Math.abs(runs.centre[q] - at) <= half + 1) {
              held++
              if (runs.flags[q] & RUN_MARK) marks++
              break
            }
          }
        }
        if (held < CONFIRM_OWN || marks === 0) continue
        if (besideLine(at, x - span, x, x - Math.max(maxGap, foot - at))) continue
        best =
          x > last.x
            ? { x, run: stroke, entry: row, exit: at }
            : { x: k + runs.x0, run: j, entry: row, exit: at }
      }
    }
    if (best) return best
  }
  return null
}

/**
 * A dash reading (dashGap) shorter than this many columns does not count gaps beyond a trace's
 * end (inkBeyondEnd): gaps of two columns (read as 3) are a thin solid line's JPEG breaks as often
 * as a dash pattern's, and counted, specks of the curve's colour beyond the end of two solid
 * arms on dev seeds (NEJM 3062 B, 1 px; JAMA 7067 A, 0.75 px; both whole) reached the warning.
 */
const DASH_BEYOND = 4

/** Flags of runs that are not own ink beyond a trace's end (inkBeyondEnd), and of halo runs. */
const NOT_OWN_BEYOND = RUN_NOT_OWN & ~RUN_SIBLING
const NOT_OWN_HALO = NOT_OWN_BEYOND & ~RUN_MARK

/**
 * Columns right of the traced end that hold this curve's own ink (not beside another curve's) at
 * or below the end's level (less a line width: a path that crossed a mark may leave it a pixel
 * or two low) and above the x axis: a trace that ends while its line goes on. Runs set aside as a
 * lighter sibling's count too: a thin line's own tail can read as its sibling's; runs of a darker
 * sibling's line read in this colour (RUN_ALTERNATE) do not; the curve's colour bled past a black
 * mark (RUN_HALO), set aside as mark ink, does (development seed 3074 in NEJM style: without its
 * two such runs, 17 columns of ink lay beyond a trace stopped 8 months early, one short of a
 * second reading). Text and legend samples of the curve's colour sit above the curve's end or
 * below the axis, and are not counted. A dashed line's gaps (`dash`: the longest, in columns, as
 * dashGap reads it; 0 for a solid line) between two such columns count as well: the count is
 * held against a share of the plot's width, the stretch the line goes on for, of which a dashed
 * line inks only its dashes (Lancet development seed 3010 B, dashes 11 px and gaps 7 px: a trace
 * stopped 3.8% of the time span early left 21 inked columns beyond it, of a 2%-share of 22).
 * Returns how many such columns there are, and the last of them (−1 for none).
 */
export function inkBeyondEnd(
  runs: ColumnRuns,
  endX: number,
  endLevel: number,
  zeroLevel: number,
  lineWidth: number,
  slack: number,
  dash = 0,
): { columns: number; last: number } {
  let count = 0
  let last = -1
  for (let x = Math.floor(endX) + 2; x < runs.x0 + runs.columns; x++) {
    const c = x - runs.x0
    if (c < 0) continue
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      // The curve's colour bled past a black mark (RUN_HALO) shows its line going on there.
      const doubted = runs.flags[j] & RUN_HALO ? NOT_OWN_HALO : NOT_OWN_BEYOND
      if (runs.flags[j] & doubted || runs.flags[j] & RUN_ALTERNATE) continue
      if (
        runs.centre[j] >= endLevel - slack - lineWidth &&
        runs.centre[j] <= zeroLevel - lineWidth
      ) {
        if (last >= 0 && dash >= DASH_BEYOND && x - last - 1 <= dash) count += x - last - 1
        count++
        last = x
        break
      }
    }
  }
  return { columns: count, last }
}

/**
 * Own ink beyond a trace's end (inkBeyondEnd) read from the level its path held before it slid
 * down at its end, and whether any of it crosses that level upright, a line width above and below
 * it (a censor mark of the curve's colour on its line, or its drop): a thick line's tail hidden
 * under another curve's line and marks shows its own colour only here and there, and the path,
 * sliding down that curve's marks by less than endPath takes for a slide, ends a few pixels below
 * its line, so that the ink beyond it, at the line's level, lies above the end's level and is not
 * counted (survminer development seed 7303 B: the green tail under the blue line's marks, its
 * trace 3.4 px low and 2.3 months short, said whole). The level is the highest the path held in
 * its last SLIDE_COLUMNS columns, at most SLIDE_MAX line widths (plus twice the slack) above its
 * end. Null when the path did not slide, or does not end on another curve's ink: a trace that
 * ends on its own ink after a last small drop did not slide, and a darker curve's drop beside
 * its tail reads, at its edges, as this colour's upright ink (random development seed 4068 B, a
 * grey arm beside a black one: 11 columns of it beyond a whole trace). Measured on development
 * seeds 3000–3119, 4000–4119, 6000–6479 and 7000–7479 (22:29 UTC 2026-12-07, not asserted; true
 * colours): warns of 7303 B and of no whole arm.
 */
export function inkBeyondSlidEnd(
  path: readonly PathStep[],
  runs: ColumnRuns,
  zeroLevel: number,
  lineWidth: number,
  slack: number,
  dash = 0,
): { columns: number; last: number; upright: boolean } | null {
  const end = path[path.length - 1]
  // Only a path that ends on another curve's ink slid down it.
  if (path.length < 2 || !(runs.flags[end.run] & RUN_UNDER)) return null
  let level = end.exit
  for (let i = path.length - 2; i >= 0 && end.x - path[i].x <= SLIDE_COLUMNS; i--) {
    if (end.exit - path[i].exit > SLIDE_MAX * lineWidth + 2 * slack) break
    level = Math.min(level, path[i].exit)
  }
  if (end.exit - level <= slack) return null
  const beyond = inkBeyondEnd(runs, end.x, level, zeroLevel, lineWidth, slack, dash)
  let upright = false
  for (let x = Math.floor(end.x) + 2; x <= beyond.last && !upright; x++) {
    const c = x - runs.x0
    if (c < 0 || c >= runs.columns) continue
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (runs.flags[j] & (RUN_NOT_OWN | RUN_ALTERNATE)) continue
      if (runs.top[j] <= level - lineWidth && runs.bottom[j] >= level + lineWidth) upright = true
    }
  }
  return { ...beyond, upright }
}
