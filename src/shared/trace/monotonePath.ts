import {
  type ColumnRuns,
  RUN_FOLLOWED,
  RUN_HALO,
  RUN_MARK,
  RUN_NEXT_TO_OTHER,
  RUN_NOT_OWN,
  RUN_SIBLING,
  RUN_UNDER,
} from './columnRuns'

/** Reward for each column the curve is seen in. */
const SEEN = 1
/** Reward for a column seen only in a run that may be another curve's (its edge, or a sibling's ink). */
const DOUBTFUL = -0.3
/** Cost of each column bridged without a run (a dash gap, a crossing, a mark of another colour). */
const BRIDGE = 0.6
/**
 * Reward for a column followed along another curve's ink at the curve's own level (the curve runs
 * under it): cheaper than bridging, so that a hidden stretch follows the visible line's steps,
 * yet below nothing, so that a curve whose own ink has ended does not go on along another's.
 */
const UNDER = -0.4
/**
 * Reward for a column followed along mark ink (RUN_MARK) at the curve's level: the curve passes
 * under its own black marks, which in a dense run hide it for dozens of columns; nearly as cheap
 * as being seen, so that a neighbouring curve's ink does not win over them, yet below nothing.
 */
const MARK = -0.05
/**
 * Cost of entering a run below the curve without a vertical segment to it, and per line width of
 * the fall; across bridged columns it shrinks (a dash gap or a crossing can hide the fall).
 */
const JUMP = 3
const JUMP_PER_WIDTH = 1
/**
 * The largest gap (pixels, plus so many line widths) a dotted or dashed drop leaves: between the
 * runs of its column, which are then one segment, and below the level it falls from, which it
 * then reaches without a jump's cost. A 1-px dotted line splits its dots over two rows or
 * columns, and too few of its pixels are core to show its drops whole.
 */
const DOT_GAP = 5
const DOT_GAP_PER_WIDTH = 1
/**
 * A run less tall than this share of the line's width is no dot or dash of the line but a sliver
 * of anti-aliased colour (the edge of another curve, of marks or of a band): a drop within a dash
 * gap onto it is not free but costs a jump. Survminer draws its arms 3–4 px wide one over the
 * other, steep and crossing near their start, where such slivers lie a few pixels below the
 * line; reached for free, one scored more than the line's own ink beside the other curve
 * (doubtful there) and the path rode the ink below it (development seed 4111, Strata 3: a 0.5-px
 * run 8 px below a 4.1-px line, traced 5–6 px low over 20 columns, not whole). Shares 0.33 and
 * 0.5 cost whole arms in Lancet and JAMA styles (3000–3119, 4000–4119); 0.2 none.
 */
const SLIVER = 0.2
/**
 * A run reaching more than this (pixels) above the line's top edge holds a mark: the curve runs
 * through it at its level.
 */
const MARK_ABOVE = 1
/**
 * A run whose ink falls short of its rows by more than this (pixels; its two anti-aliased ends
 * and a little JPEG noise) is not solid: the line over a tinted band, whose fainter ink below
 * joins the line's run, rather than a vertical segment.
 */
const SOLID_SHORT = 3
/**
 * Bridged columns over which a carried path's jump down to a lower path's level is costed, when
 * judging whether it beats that path (a dash gap or a crossing of a few line widths).
 */
const CARRY_GAP = 8
/** Runs that may be another curve's ink (beside it, a sibling's, or under it): not marks. */
const DOUBTED = RUN_NEXT_TO_OTHER | RUN_SIBLING | RUN_UNDER
/**
 * The run flags read per path and column, as constants of this module: under some module loaders
 * (tsx, vitest) each read of an imported binding calls a getter.
 */
const FOLLOWED = RUN_FOLLOWED
const NOT_OWN = RUN_NOT_OWN
const MARK_INK = RUN_MARK
/**
 * The curve's colour bled past a black mark (columnRuns.ts: RUN_HALO, set beside RUN_MARK): mark
 * ink, followed only where it continues the curve's level. Where it lies on both sides of a
 * mark's bar, the bar is seen (`barBetweenHalos`): the line runs under the bar's centre, 2–3 px
 * from either run of bled colour. Were the bled colour seen too, a path that once fell onto the
 * run below a bar (free, as a drop within a dash gap) scored as well as the one along the bars,
 * and rode the runs below them for months (development seed 3023 in NEJM style, arm B: a 1.75 px
 * line under a row of "+" marks traced 3–4 px low over 22–27 months).
 */
const HALO = RUN_HALO
/** Runs next to another curve's ink, or a sibling curve's: passed through, but doubtful. */
const NEAR_OTHER = RUN_NEXT_TO_OTHER | RUN_SIBLING
/** How far (pixels) from a mark's bar the curve's colour bled past it lies (columnRuns.ts). */
const BAR_TOUCH = 1
/**
 * How far (pixels) below a path's level, beyond the slack, a run of mark ink may be entered from
 * the curve's colour bled past a mark (HALO), in a column with no ink at that level: the bled
 * colour lies 2–3 px off the line (columnRuns.ts: flagHalos), and where a dense cluster of marks
 * hides a drop of the line, a path on it could reach neither the bars on the line below nor,
 * then, anything but a stroke's foot, and it went down a stroke onto another arm's row of marks
 * (forced-NEJM development seeds 6058 A, 6024 C, 6029 B: 4–8 px low for up to 27 columns).
 * Measured on forced-NEJM 6000–6119 (03:21 UTC, not asserted): 3 px kept 4 more arms whole and 1
 * fewer (6083 B); 7000–7119 unchanged. Without the no-ink-at-the-level condition, 7107 C stepped
 * down from its own line touching a blob of marks, 7 columns early.
 */
const HALO_OFFSET = 3
/**
 * A run of the curve's own colour whose most covered pixel is covered less than FAINT_PEAK is no
 * part of a line at least FAINT_WIDTH pixels wide: such a line covers some row of every column it
 * crosses by at least half its width (1 at 2 px, wherever it lies between rows; JPEG takes a little
 * off), so the run is only the anti-aliased fringe of something else of that hue: a translucent
 * band's edge, or JPEG ringing. Its column counts as bridged, not seen. Where survminer draws
 * another arm over this one, such fringes scored as the line, more than following the other arm's
 * ink at the level (UNDER), and the path rode them off the hidden line (development seed 6106,
 * Strata 1, forced survminer: a red arm under a teal one, where runs of at most 1 px at coverage
 * 0.33–0.59 held the path at its old level 10 px above the hidden drop for 12 columns, not whole
 * and not flagged). Measured on forced survminer 6000–6239 and 7240–7359 (not asserted, with
 * DASH_FULL): 11 more arms whole of 900, none fewer, 3 fewer silent. At 1.5 px, 15 more, but 1.5-px
 * lines in JPEGs read under 0.6 in places and two arms of 3000–3119 became silent (Lancet 3016 C,
 * survminer 3115 Strata 2). A peak of 0.7 lost 6128 Strata 1 and 6189 Strata 2; counting the column
 * as DOUBTFUL instead of bridged gained 1 fewer.
 */
const FAINT_PEAK = 0.6
const FAINT_WIDTH = 2
/**
 * A faint run at least this many line widths tall is left as read: the body of a translucent band
 * rather than its fringe, where the band reads as this colour; taken as bridged there, the path
 * was moved onto other band ink nearer the line, and arms traced off their line lost their
 * warnings (forced survminer 6125 Strata 3 and, at 1 width, 6005 Strata 2: flagged before, silent).
 */
const FAINT_TALL = 2.5
/**
 * A faint run is a dash's end, and left as read, where one column beside it holds a run of own ink
 * reaching FAINT_PEAK across the faint run's centre, between DASH_FULL and DASH_FULL_MAX line
 * widths (plus DASH_FULL_PX) tall — a full column of the dash — and the other column holds no ink
 * on its rows (the dash gap): a dash ends part way across a column, which reads as faint as a
 * fringe (development seed 3017, JAMA, arm B, a 2.75-px grey dashed line: its dash ends taken as
 * bridged moved the trace off its dashes and lost ticks: mark recall 0.971). At DASH_FULL 0 a
 * fringe of 1.4 px beside a faint one kept survminer 3079 Strata 1 off its line at columns 131–134;
 * exempting a faint run beside a full column whatever lay on its other side or whether the full
 * column crossed its centre, forced survminer 6006 Strata 1, 6036 Strata 2 and 6058 Strata 2
 * (6000–6119) were lost again. DASH_FULL_MAX keeps a band's body from counting as a dash (a guard,
 * not measured on its own).
 */
const DASH_FULL = 0.75
const DASH_FULL_MAX = 1.5
const DASH_FULL_PX = 1
/** Paths kept alive across bridged columns, at most (spread over the levels they are at). */
const CARRIED = 48

/** One column of the traced curve: the run it passes through and its level on leaving. */
export interface PathStep {
  /** Image column. */
  x: number
  /** Index of the run in ColumnRuns. */
  run: number
  /** Level (image row of the line's centre) where the curve enters and leaves the column. */
  entry: number
  exit: number
}

/**
 * The most plausible non-increasing step curve through the runs, by dynamic programming over
 * columns (a Viterbi path). SurvdigitizeR walks from the top-left only right or down, greedily;
 * here every path that never rises is scored — one point per column it is seen in, a cost per
 * column it is bridged across, and a cost for dropping without a vertical segment — and the best
 * one wins, so that text, legend samples or another curve of the same colour lose to the long
 * connected curve, and gaps (dashes, crossings, a stretch hidden under another curve) are bridged
 * at the level the curve had.
 *
 * A run is entered at the curve's current level when it reaches above it (a censor mark, or the
 * rest of a vertical segment), otherwise at its own top level, and left either at its bottom (a
 * drop) or at the level it was entered at (the curve passed through a mark). `startLevel` is the
 * image row of survival 1 at column `startColumn`, where every KM curve starts; `slack` (pixels)
 * is how far a run may sit above the current level and still continue it. A run flagged as next to
 * another curve's pixels or as a sibling curve's may be passed through but earns nothing. A run
 * of another curve's ink (RUN_UNDER), or of mark ink (RUN_MARK), may be followed only where it
 * continues the curve's level (it is entered without a jump): it is the line this curve is hidden
 * under (or a little below the level, from the curve's colour bled past a mark: see HALO_OFFSET).
 * Returns the path's columns in order (none when no run is reachable).
 *
 * Of paths that score alike, the one that stays higher is kept (`prefer: 'higher'`) where a run
 * taller than the line may be left at its level or at its foot: a censor mark of the curve's
 * colour, a blob of dense marks (ink above the line), mark ink, or the line over a tinted band
 * whose fainter ink joins its run; a curve only falls where its ink shows it falling, and kept
 * low the path sinks through every mark to the foot of the blob and on along whatever lies under
 * it. Of a run of solid own ink that starts at the line and reaches down — the curve's vertical
 * segment — the path that leaves at its foot is kept: kept at the level, the path went on along
 * a mark's arm or the next plateau's edge and fell a column or more late. `prefer: 'lower'` keeps
 * the lower one everywhere.
 *
 * `dash` (columns; 0 for a solid line) is a dashed curve's dash gap (dashGaps.ts): a gap no longer
 * than that between two runs of the curve's own ink at one level counts as seen, so that the
 * dashed line scores as a solid one of its colour does — a pale dashed arm otherwise leaves its
 * dashes for a darker arm's line, whose anti-aliased pixels read as its colour without a gap.
 */
export function monotonePath(
  runs: ColumnRuns,
  lineWidth: number,
  startColumn: number,
  startLevel: number,
  slack: number,
  prefer: 'higher' | 'lower' = 'higher',
  dash = 0,
): PathStep[] {
  const half = lineWidth / 2
  const gapMax = DOT_GAP + DOT_GAP_PER_WIDTH * lineWidth
  const sliver = SLIVER * lineWidth
  // Read in the inner loops: local, so that no property (or, under some module loaders, no
  // imported binding's getter) is looked up per path and column.
  const { flags, top: runTop, bottom: runBottom, centre: runCentre, start: runStart } = runs
  // See FAINT_PEAK: a thinner line may itself be no more covered than that in any row.
  const faintPeak = lineWidth >= FAINT_WIDTH ? FAINT_PEAK : 0
  const faint = faintRuns(
    runs,
    faintPeak,
    FAINT_TALL * lineWidth,
    DASH_FULL * lineWidth,
    DASH_FULL_MAX * lineWidth + DASH_FULL_PX,
  )
  // The paths, by index: 0 is the start, and each run adds at most two (see `addPath`). Columns
  // and runs are whole numbers; startColumn is a whole image column.
  const size = 2 * runs.top.length + 1
  const col = new Int32Array(size)
  const runOf = new Int32Array(size)
  const entryOf = new Float64Array(size)
  const exitOf = new Float64Array(size)
  const score = new Float64Array(size)
  // score + BRIDGE · column of each path: its score at any later column, less what bridging costs
  // (carry compares paths by it at every column).
  const adjustedOf = new Float64Array(size)
  const prev = new Int32Array(size)
  col[0] = startColumn - 1
  runOf[0] = -1
  entryOf[0] = startLevel
  exitOf[0] = startLevel
  score[0] = 0
  adjustedOf[0] = 0 + BRIDGE * (startColumn - 1)
  prev[0] = -1
  let count = 1
  // The paths carried, and a second array the next carry fills (see `carry`).
  let carried: number[] = []
  let spare: number[] = []
  // The paths of the last column and of this one (the last column's array is reused for the next).
  let previous: number[] = [0]
  let current: number[] = []
  let best = 0

  // Paths by level, then by adjusted score, best first.
  const order = (a: number, b: number) => exitOf[a] - exitOf[b] || adjustedOf[b] - adjustedOf[a]

  // Paths carried across bridged columns: those that no other beats both in score (all decay
  // alike while bridged) and in level (a higher level can still reach more runs), so that the
  // start, the highest of all, is never crowded out by many lower, better scoring paths.
  // (Written as plain loops, without a closure or new array per column: this runs at every
  // column.) `states` is sorted in place: the caller no longer needs it.
  const carry = (states: number[]) => {
    // `carried` is in this order already (a subsequence of the last merge): the new states,
    // sorted, are merged into it, ties after it, as a stable sort of both would put them.
    const fresh = states.length > 1 ? states.sort(order) : states
    const front = spare
    front.length = 0
    let top = -Infinity
    for (let i = 0, j = 0; i < carried.length || j < fresh.length;) {
      const s =
        j >= fresh.length || (i < carried.length && order(carried[i], fresh[j]) <= 0)
          ? carried[i++]
          : fresh[j++]
      const a = adjustedOf[s]
      let keep = a > top
      if (!keep && runOf[s] >= 0 && !(flags[runOf[s]] & NOT_OWN)) {
        // Path s, of the curve's own ink, is kept when it beats every path of the front.
        keep = true
        for (let q = 0; q < front.length; q++) {
          const h = front[q]
          const ah = adjustedOf[h]
          // Beating h outright beats it less any fall below.
          if (a > ah) continue
          // The foot of a run (a vertical segment whose top a dash gap or the line hides) is
          // not crowded out by the same run left at the level, which scores alike: the level
          // reaches the foot's plateau only by a jump (bench development seed 4007: the pale
          // dashed arm's path, kept at the top of its drop, lost to a darker arm's line beside
          // it).
          const drop = exitOf[s] - exitOf[h] - slack
          if (col[h] === col[s] && runOf[h] === runOf[s] && drop > gapMax) continue
          // A higher path reaches a lower one's level only by a jump, unless the fall is short:
          // where the higher path runs on ink that may be another curve's and the lower one on
          // the curve's own, the higher beats it only by more than that jump would cost after a
          // few bridged columns (a curve whose start is hidden under another's ink, reached by
          // a costly jump, is otherwise crowded out at every dash gap by the path along the
          // other curve).
          const fall =
            (runOf[h] >= 0 && !(flags[runOf[h]] & DOUBTED)) || drop <= gapMax
              ? 0
              : (JUMP + (JUMP_PER_WIDTH * drop) / lineWidth) / (1 + CARRY_GAP / 2)
          if (!(a > ah - fall)) {
            keep = false
            break
          }
        }
      }
      if (keep) {
        const last = front[front.length - 1]
        if (last !== undefined && exitOf[s] - exitOf[last] < 0.5) front.pop()
        front.push(s)
        top = Math.max(top, a)
      }
    }
    // The last carried array, merged, is free: it takes a long front's spread, or is the spare.
    const old = carried
    if (front.length > CARRIED) {
      old.length = 0
      for (let i = 0; i < CARRIED; i++) {
        old.push(front[Math.round((i * (front.length - 1)) / (CARRIED - 1))])
      }
      carried = old
      spare = front
    } else {
      carried = front
      spare = old
    }
  }

  // A run of the curve's own solid ink that starts at the line's top and reaches down: the
  // curve's vertical segment, left at its foot (see `prefer`).
  const isDrop = (j: number, level: number) =>
    !(flags[j] & FOLLOWED) &&
    runTop[j] >= level - half - MARK_ABOVE &&
    runs.mass[j] >= runs.r1[j] - runs.r0[j] + 1 - SOLID_SHORT
  // Adds the path that leaves run j of column x at `exit`, continuing path `from`.
  const addPath = (
    current: number[],
    x: number,
    j: number,
    from: number,
    entry: number,
    exit: number,
    pathScore: number,
  ) => {
    const k = count++
    col[k] = x
    runOf[k] = j
    entryOf[k] = entry
    exitOf[k] = exit
    score[k] = pathScore
    adjustedOf[k] = pathScore + BRIDGE * x
    prev[k] = from
    current.push(k)
    // A path that ends on a drop's column ends at its foot: the drop's ink is there.
    if (
      pathScore > score[best] ||
      (pathScore === score[best] && col[best] === x && exit > exitOf[best])
    ) {
      best = k
    }
  }
  // A mark's bar with the curve's colour bled on both sides of it (RUN_HALO runs touching it
  // above and below): the line runs under the bar, at its centre, and is seen there (see HALO).
  const barBetweenHalos = (j: number, c: number) =>
    j > runStart[c] &&
    j + 1 < runStart[c + 1] &&
    (flags[j - 1] & HALO) !== 0 &&
    (flags[j + 1] & HALO) !== 0 &&
    runTop[j] - runBottom[j - 1] <= BAR_TOUCH &&
    runTop[j + 1] - runBottom[j] <= BAR_TOUCH
  // Whether column c holds a run at `level` (within the slack): the line or its bled colour goes
  // on there, and a path on the bled colour does not step below it (see HALO_OFFSET).
  const inkAtLevel = (c: number, level: number) => {
    for (let k = runStart[c]; k < runStart[c + 1]; k++) {
      if (runTop[k] <= level + slack && runBottom[k] >= level - slack) return true
    }
    return false
  }
  const first = Math.max(0, startColumn - runs.x0)
  for (let c = first; c < runs.columns; c++) {
    const x = runs.x0 + c
    current.length = 0
    for (let j = runStart[c]; j < runStart[c + 1]; j++) {
      const under = (flags[j] & FOLLOWED) !== 0
      const seen = under
        ? flags[j] & HALO
          ? MARK
          : flags[j] & MARK_INK
            ? barBetweenHalos(j, c)
              ? SEEN
              : MARK
            : UNDER
        : flags[j] & NEAR_OTHER
          ? DOUBTFUL
          : faint[j]
            ? -BRIDGE
            : SEEN
      const ownRun = !(flags[j] & NOT_OWN)
      // A dotted or dashed vertical segment leaves several runs in one column, apart by less
      // than a dash gap: the run is reached through those above it (of the same ink).
      let top = runTop[j]
      for (
        let k = j - 1;
        k >= runStart[c] &&
        runTop[k + 1] - runBottom[k] <= gapMax &&
        (flags[k] & FOLLOWED) === (flags[j] & FOLLOWED);
        k--
      ) {
        top = runTop[k]
      }
      let hi = top + half
      let lo = runBottom[j] - half
      if (lo < hi) hi = lo = runCentre[j]
      let bestScore = -Infinity
      let bestPrev = -1
      let bestEntry = 0
      // The paths a run of this column may continue: those of the last column, then the
      // carried ones (in order of level, so that the first too far below ends the search).
      for (let r = 0, n = previous.length + carried.length; r < n; r++) {
        const fromPrevious = r < previous.length
        const p = fromPrevious ? previous[r] : carried[r - previous.length]
        const level = exitOf[p]
        if (lo < level - slack) {
          if (fromPrevious) continue
          break
        }
        // A followed run is entered at the level only; from the colour bled past a mark, also a
        // little below it where nothing goes on at the level (see HALO_OFFSET).
        if (
          under &&
          hi > level + slack &&
          !(
            hi <= level + slack + HALO_OFFSET &&
            runOf[p] >= 0 &&
            flags[runOf[p]] & HALO &&
            !inkAtLevel(c, level)
          )
        ) {
          continue
        }
        // A drop no further than a dash gap below the level is free: the gap may hide its top
        // (but not onto a sliver: see SLIVER).
        const jump =
          hi - level - slack <= gapMax && runBottom[j] - runTop[j] >= sliver
            ? 0
            : Math.max(0, hi - level - slack)
        const gap = x - col[p] - 1
        // A dash gap along the level, between two runs of the curve's own ink.
        const dashed =
          gap > 0 &&
          gap <= dash &&
          jump === 0 &&
          hi <= level + slack &&
          ownRun &&
          runOf[p] >= 0 &&
          !(flags[runOf[p]] & NOT_OWN)
        const s =
          score[p] +
          seen -
          gap * (dashed ? -SEEN : BRIDGE) -
          (jump > 0 ? (JUMP + (JUMP_PER_WIDTH * jump) / lineWidth) / (1 + gap / 2) : 0)
        if (s > bestScore) {
          bestScore = s
          bestPrev = p
          bestEntry = Math.max(level, hi)
        }
      }
      if (bestPrev < 0) continue
      // A run that straddles the level by less than a drop (a mark crossing the line, a circle)
      // is crossed at the level: left at its foot, a little below, the level would creep down
      // mark by mark until the line beyond read as above it and could no longer be followed.
      // A run that falls further may be left at the level or at its foot, which score alike: see
      // `prefer` (the one kept on a tie is added first).
      if (lo - bestEntry > slack / 2) {
        const higherFirst = prefer === 'higher' && !isDrop(j, bestEntry)
        addPath(current, x, j, bestPrev, bestEntry, higherFirst ? bestEntry : lo, bestScore)
        addPath(current, x, j, bestPrev, bestEntry, higherFirst ? lo : bestEntry, bestScore)
      } else {
        const exit = hi < bestEntry ? bestEntry : Math.max(lo, bestEntry)
        addPath(current, x, j, bestPrev, bestEntry, exit, bestScore)
      }
    }
    carry(previous)
    const done = previous
    previous = current
    current = done
  }

  const path: PathStep[] = []
  for (let s = best; s > 0; s = prev[s]) {
    path.push({ x: col[s], run: runOf[s], entry: entryOf[s], exit: exitOf[s] })
  }
  return path.reverse()
}

/**
 * The runs of the curve's own ink that are a fringe (see FAINT_PEAK): none reaching `peak`
 * coverage, less tall than `tall`, and no dash's end (see DASH_FULL: a run from `full` to
 * `fullMax` tall reaching `peak` across its centre in one column beside it, no ink on its rows in
 * the other). None when `peak` is 0.
 */
function faintRuns(
  runs: ColumnRuns,
  peak: number,
  tall: number,
  full: number,
  fullMax: number,
): Uint8Array {
  const { flags, top, bottom, start } = runs
  const faint = new Uint8Array(top.length)
  if (peak <= 0) return faint
  // Whether column c holds a dash's full column beside run j: own ink reaching the peak, about
  // a line width tall, across run j's centre.
  const fullBeside = (c: number, j: number) => {
    if (c < 0 || c >= runs.columns) return false
    const mid = (top[j] + bottom[j]) / 2
    for (let k = start[c]; k < start[c + 1]; k++) {
      const h = bottom[k] - top[k]
      if (
        !(flags[k] & NOT_OWN) &&
        runs.peak[k] >= peak &&
        h >= full &&
        h <= fullMax &&
        top[k] <= mid &&
        bottom[k] >= mid
      ) {
        return true
      }
    }
    return false
  }
  // Whether column c holds no ink on any of run j's rows: the dash gap.
  const emptyBeside = (c: number, j: number) => {
    if (c < 0 || c >= runs.columns) return true
    for (let k = start[c]; k < start[c + 1]; k++) {
      if (top[k] <= bottom[j] && bottom[k] >= top[j]) return false
    }
    return true
  }
  for (let c = 0; c < runs.columns; c++) {
    for (let j = start[c]; j < start[c + 1]; j++) {
      const dashEnd =
        (fullBeside(c - 1, j) && emptyBeside(c + 1, j)) ||
        (fullBeside(c + 1, j) && emptyBeside(c - 1, j))
      faint[j] =
        !(flags[j] & NOT_OWN) && runs.peak[j] < peak && bottom[j] - top[j] < tall && !dashEnd
          ? 1
          : 0
    }
  }
  return faint
}
