import type { AxisMap } from './calibration'
import {
  type ColumnRuns,
  RUN_BESIDE_HIDDEN,
  RUN_FOLLOWED,
  RUN_MARK,
  RUN_NOT_OWN,
  RUN_SIBLING,
  RUN_UNDER,
} from './columnRuns'
import type { PathStep } from './monotonePath'
import { commonHeight } from './traceAudit'

/**
 * How much of a traced curve rests on its own ink — a stable part of the trace result, printed by
 * `kmpool trace` (text and `--json`) and shown by the app:
 *
 * - `whole`: the curve was seen in its own ink from (0, 1) to its end (short holes — a dash gap,
 *   a gridline, a crossing — aside);
 * - `inferred`: some stretches were followed along another curve's ink, under which this curve's
 *   own is hidden (`kind: 'under'`, with whose ink it was, when the runs say: not for a sibling
 *   drawn in a shade of the same ink, see underSibling);
 * - `gaps`: some stretches show no ink at all that the curve could follow (`kind: 'gap'`): the
 *   trace there is a straight bridge, and any drops in it are unknown; or the trace ended while
 *   more of the curve's ink lies further right (traceCurve: the stretch from its end to that ink's
 *   last column, with the warning `ink-beyond-end`). `gaps` wins over `inferred` when a curve has
 *   both.
 */
export type TraceStatusKind = 'whole' | 'inferred' | 'gaps'

export interface TraceStretch {
  kind: 'under' | 'gap'
  /** Where the stretch starts and ends, in the calibration's time unit. */
  from: number
  to: number
  /** The same stretch in image pixels: its first column and the column after its last. */
  x0: number
  x1: number
  /** For `under`: the colour (#rrggbb) of the curve whose ink was followed. */
  underColor?: string
  /**
   * For `under`: true when what was followed is mostly censor marks drawn in another ink than the
   * curve's (NEJM's black "+", columnRuns: RUN_MARK), which hide the line beneath them; no
   * `underColor` then.
   */
  underMarks?: true
  /**
   * For `under`: that curve's index among the curves traced together (the colours given to
   * traceEachCurve, the curves findCurves returns), when it is one of them.
   */
  underArm?: number
}

export interface TraceStatus {
  status: TraceStatusKind
  /** The stretches, in order of time; empty when `whole`. */
  stretches: TraceStretch[]
}

/** A stretch shorter than this many line widths (plus pixels) is a dash gap or a crossing. */
const MIN_WIDTHS = 3
const MIN_PX = 4
/** ... or than this share of the plot's width. */
const MIN_SHARE = 0.01

/**
 * Ends of a gap this close in level (pixels) leave nothing to find in it: the curve lies between
 * them, within the 2 px issue 10 asks of a whole trace.
 */
const FLAT_PX = 2

/**
 * An `under` stretch along which the path stays within FLAT_PX of one level from FLAT_MARGIN
 * times the shortest stretch listed (MIN_WIDTHS, MIN_PX, MIN_SHARE) before the curve's own ink
 * that precedes it to as far after the own ink that follows it hides nothing: its own ink on
 * either side pins the curve to that level, and a survival curve never rises, so it cannot have
 * dropped in between (a plateau under another arm's plateau). It is left out of the status, as a
 * flat gap is: a reviewer told of it could find nothing to correct. The margins are what make
 * this safe: a trace that took another line's plateau for its own drops to meet its line just
 * after the stretch (development seed 4100: flat ends, a 20 px drop two columns after), and a
 * stretch that runs to the trace's end has nothing after it to pin it. A shared start (no own ink
 * before the stretch) stays `inferred`, however flat: issue 10 asks that arms which start
 * together be told to share the start, and the start is where a trace is least sure of its line
 * (development seed 3046: a frame line at S = 1 taken for another arm, the trace off after it).
 * Measured on styled development seeds 3000–3119 and 4000–4119 (12:00 UTC, not asserted): false
 * alarms (whole arms flagged) 104 → 96, silent arms 25 → 25; without the margins three arms that
 * are not whole (seeds 4034, 4070, 4100) lost their only flag.
 */
const FLAT_MARGIN = 0.5

/** Column kinds along the path. */
const OWN = 0
const EDGE = 1
const UNDER = 2
const NONE = 3
/** Censor marks in another ink than the curve's (columnRuns: RUN_MARK); see underMarks. */
const MARK = 4
/**
 * A run of the curve's own ink shorter than this (columns) between marks is a speck, not a sight
 * of the line: a "+" is at least 5 px wide (2 × 2.5 px arms at the least, test/generator), and
 * what shows between two of them, or of a JPEG shade at their edge, is no longer (see underMarks).
 */
const ISLAND = 5
/**
 * A stretch with no solid sight of the curve's own line is listed as followed along a sibling's
 * ink when the path took at least this many of its columns from runs set aside as a lighter or
 * darker sibling's (siblingRuns.ts): one or two are a stray pixel of the sibling's edge; more are
 * the path stepping onto the sibling's line (development seed 4079, style jama: a 1.5-px slate arm
 * hidden under its grey sibling for its first 40 columns, the path on the grey's runs in 4 of
 * them, its first drop spread as a slope, status whole).
 */
const SIBLING_MIN = 3
/**
 * ... and when the curve's own line (not the sibling's runs) showed in less than this share of
 * the stretch's columns, and the path bridged more of them than it took from the sibling: a line
 * hidden under its sibling leaves nothing to follow, and the path bridges it, stepping on the
 * sibling's runs only here and there; where the curve's own line is read as the sibling's
 * (siblingRuns.ts cannot tell them apart everywhere), the path follows those runs without a break,
 * and the trace is right. Measured on development seeds 3000–3119 and 4000–4119 (true colours,
 * 23:05 UTC, not asserted): 3023 Arm B and 4079 Arm A, not whole, saw their own line in 18% and 11%
 * of their stretch, bridged 13 and 35 columns against 10 and 4 on the sibling; with the share
 * alone false alarms rose 130 → 147, with both 130 → 132, silent arms 4 → 2 either way.
 */
const SIBLING_SEEN = 0.2
/**
 * Own ink this close in level (pixels) on both sides of a stretch under marks pins it: FLAT_PX and
 * a pixel more, for a level read beside marks' ink is a pixel less sure than along a clear line.
 */
const MARK_FLAT_PX = 3
/**
 * Stretches under marks are listed when together they span at least this share of the traced
 * columns. Where marks are dense the trace follows their ink, which sits on the line, and is
 * mostly right: on the development seeds a stretch listed marked a wrong trace about as often as
 * a right one. What the trace cannot vouch for is a fifth of the curve placed only by marks.
 * Measured on styled development seeds 3000–3119, 4000–4119 and the same styles forced to NEJM
 * (3000–3039, 4000–4039), 13:55 UTC, not asserted: silent arms 43 → 27, false alarms 119 → 132;
 * with a share of 0.08 (and specks of 3 columns) silent 43 → 27, false alarms 119 → 136.
 */
const MARK_SHARE = 0.2
/**
 * A run of the curve's own ink lower than this share of the line's width, or whose largest pixel
 * coverage is below SLIVER_PEAK (a line's anti-aliased fringe; traceAudit's CORE_PEAK), is a
 * sliver (underSlivers): a bar tip, an edge or a fringe, not a sight of the line.
 */
const SLIVER_HEIGHT = 0.5
const SLIVER_PEAK = 0.75
/**
 * underSlivers judges only lines at least this wide (pixels): a line that wide covers some pixel
 * of each column fully, so its fainter runs are fringes; a thinner line's own ink is often no
 * stronger than a fringe (JAMA's, Lancet's and JCO's 1–2 px lines). Measured at SLIVER_LENGTH 1
 * on development seeds 3000–3119 and 4000–4119, all styles (01:15 UTC, not asserted): without
 * this floor the rule newly flagged 134 whole arms, with it 19.
 */
const SLIVER_LINE = 2.5
/** Sliver columns a stretch needs before underSlivers lists it. */
const SLIVER_MIN = 3
/**
 * ... and its length, in shortest stretches listed (MIN_WIDTHS, MIN_PX, MIN_SHARE): a shorter
 * stretch of slivers is a crossing, or a step's corner read from its edge. Measured on
 * development seeds (01:15 UTC, not asserted; forced survminer 4000–4119 and 3000–3059, all styles
 * 3000–3119 and 4000–4119): at 1 the rule newly flagged 26 + 11 + 19 whole arms and 12 silent
 * ones; at 2, false alarms 54 → 61, 33 → 37 and 140 → 146, silent arms 11 → 5, 5 → 4 and 2 → 1.
 */
const SLIVER_LENGTH = 2

/**
 * The status of a traced path from the start column to its last step: each column is the curve's
 * own ink, its own ink beside another curve's (counted with whatever surrounds it), another curve's
 * ink followed (RUN_UNDER; `others[k]` names the k-th), or nothing (bridged). Stretches of nothing
 * as long as MIN_WIDTHS line widths plus MIN_PX, and at least MIN_SHARE of the plot's width
 * (`plotWidth`, pixels), are gaps, unless their two ends lie within FLAT_PX of one level (the
 * trace's bridge there is then within FLAT_PX of whatever the curve did: a curve that never rises
 * lies between the two) and, if that level is more than FLAT_PX below survival 1, the path saw the
 * curve's own line that low before the gap (ownBelow); the rest of each stretch that is not plainly
 * the curve's own is `under` when it followed another curve's ink, is that long, and is not pinned
 * flat by the curve's own ink on both sides (FLAT_MARGIN). Censor marks (RUN_MARK) count as the
 * curve's own there; the stretches hidden under them are found apart (underMarks: `under` with
 * `underMarks`), and so are those where the path bridged a line hidden under its sibling, stepping
 * on the sibling's runs (RUN_SIBLING, counted as the curve's own beside another's here; see
 * underSibling: `under`, no `underColor`), and those where the path rode slivers of the curve's own
 * ink (bar tips, an edge, fringes) beside another curve's (underSlivers: `under`), and those where
 * it rode such slivers far below another curve's ink, under which its line may be hidden
 * (belowOthers: `under`), and those where it rode this curve's ink that shows on either side of
 * another curve's line drawn over it (acrossOthers, bothSides: `under`).
 */
export function traceStatus(
  path: readonly PathStep[],
  runs: ColumnRuns,
  map: AxisMap,
  startColumn: number,
  lineWidth: number,
  plotWidth: number,
  others: readonly { color: string; arm?: number }[],
): TraceStatus {
  if (path.length === 0) return { status: 'gaps', stretches: [] }
  const first = Math.max(startColumn, runs.x0)
  const end = path[path.length - 1].x + 1
  const kinds = new Uint8Array(Math.max(0, end - first)).fill(NONE)
  const owner = new Int16Array(kinds.length).fill(-1)
  const sibling = new Uint8Array(kinds.length)
  const thin = new Uint8Array(kinds.length)
  const levels = new Float64Array(kinds.length)
  const entries = new Float64Array(kinds.length)
  for (const s of path) {
    const i = s.x - first
    if (i < 0) continue
    const f = runs.flags[s.run]
    // Own ink beside another curve's ink that the path does not doubt (RUN_BESIDE_HIDDEN) is
    // beside it still.
    kinds[i] =
      f & RUN_UNDER
        ? UNDER
        : f & RUN_MARK
          ? MARK
          : f & (RUN_NOT_OWN | RUN_BESIDE_HIDDEN)
            ? EDGE
            : OWN
    sibling[i] = f & (RUN_UNDER | RUN_MARK) ? 0 : f & RUN_SIBLING ? 1 : 0
    owner[i] = runs.under[s.run]
    thin[i] =
      kinds[i] <= EDGE &&
      (runs.bottom[s.run] - runs.top[s.run] < SLIVER_HEIGHT * lineWidth ||
        runs.peak[s.run] < SLIVER_PEAK)
        ? 1
        : 0
    levels[i] = s.exit
    entries[i] = s.entry
  }
  const grid = new Set(runs.gridColumns)
  const minLen = Math.max(MIN_WIDTHS * lineWidth + MIN_PX, MIN_SHARE * plotWidth)
  // Levels of bridged columns: the last level reached.
  let level = path[0].entry
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] === NONE) levels[i] = entries[i] = level
    else level = levels[i]
    // A gridline's column holds no runs: it stands for whatever lies beside it.
    if (kinds[i] === NONE && grid.has(first + i) && i > 0) kinds[i] = kinds[i - 1]
  }
  const time = (i: number) =>
    Math.max(0, map.toData(first + i, levels[Math.min(i, kinds.length - 1)]).time)
  const stretches: TraceStretch[] = []
  const margin = Math.ceil(FLAT_MARGIN * minLen)
  // The curve's own ink: plainly its own, or its own beside another curve's or beside marks (the
  // marks' own stretches are found apart, below).
  const own = (i: number) => kinds[i] === OWN || kinds[i] === EDGE || kinds[i] === MARK
  // [a, b) lies within FLAT_PX of one level from `margin` columns before the last own ink before
  // it to `margin` columns after the first own ink after it, the path never rising in between.
  const pinnedFlat = (a: number, b: number) => {
    let j = b
    while (j < kinds.length && !own(j)) j++
    const c = j + margin
    if (c > kinds.length) return false
    let i = a - 1
    while (i >= 0 && !own(i)) i--
    if (i < 0) return false
    const top = entries[Math.max(0, i - margin + 1)]
    return Math.abs(levels[c - 1] - top) <= FLAT_PX
  }
  const under = (a: number, b: number) => {
    // [a, b) holds no gap; trim its ends to the columns that followed another curve's ink.
    while (a < b && kinds[a] !== UNDER) a++
    while (b > a && kinds[b - 1] !== UNDER) b--
    if (b - a < minLen || pinnedFlat(a, b)) return
    const counts = new Map<number, number>()
    for (let i = a; i < b; i++)
      if (kinds[i] === UNDER) counts.set(owner[i], (counts.get(owner[i]) ?? 0) + 1)
    stretches.push(underStretch({ first, time }, a, b, coveringCurve(counts, others)))
  }
  const top = map.toPixel(0, 1).py
  const lowIsland = ownBelow(kinds, levels, top + FLAT_PX)
  const unseen: [number, number][] = []
  let i = 0
  while (i < kinds.length) {
    if (kinds[i] === OWN) {
      i++
      continue
    }
    let j = i
    while (j < kinds.length && kinds[j] !== OWN) j++
    // [i, j) is not plainly the curve's own: split it at its long runs of nothing.
    let from = i
    let k = i
    while (k < j) {
      if (kinds[k] !== NONE) {
        k++
        continue
      }
      let m = k
      while (m < j && kinds[m] === NONE) m++
      // A gap whose two ends lie within FLAT_PX of one level cannot hide more than that: a curve
      // that never rises lies between them. It is left out, as a dash gap is.
      const before = k > 0 ? levels[k - 1] : path[0].entry
      const flat = m < kinds.length && Math.abs(levels[m] - before) <= FLAT_PX
      // ... unless the path left survival 1 before it without a solid sight of its line below
      // that level (ownBelow): the level it bridges at is then not known to be the curve's. Such
      // a gap is listed after the other passes, where none of their stretches covers it.
      if (m - k >= minLen && flat && before - top > FLAT_PX && k < lowIsland) unseen.push([k, m])
      if (m - k >= minLen && !flat) {
        under(from, k)
        stretches.push({ kind: 'gap', from: time(k), to: time(m), x0: first + k, x1: first + m })
        from = m
      }
      k = m
    }
    under(from, j)
    i = j
  }
  const pass: StretchPass = { kinds, levels, entries, minLen, listed: stretches, first, time }
  stretches.push(...underMarks(pass))
  stretches.push(...underSibling(pass, sibling))
  stretches.push(...underSlivers(pass, thin, owner, lineWidth, others))
  for (const [k, m] of unseen) {
    if (!stretches.some((t) => t.x0 < first + m && t.x1 > first + k)) {
      stretches.push({ kind: 'gap', from: time(k), to: time(m), x0: first + k, x1: first + m })
    }
  }
  stretches.push(...belowOthers(path, pass, thin, runs, lineWidth, others))
  stretches.push(...acrossOthers(path, pass, runs, others))
  stretches.push(...bothSides(path, pass, runs, others))
  stretches.sort((p, q) => p.x0 - q.x0)
  const status = stretches.some((s) => s.kind === 'gap')
    ? 'gaps'
    : stretches.length > 0
      ? 'inferred'
      : 'whole'
  return { status, stretches }
}

/**
 * What the passes that list stretches after the main one share: its column kinds, the path's
 * level in each column and where it enters each (`levels`, `entries`), the shortest stretch
 * listed, the stretches listed so far (appended to as each pass lists its own),
 * the image column of index 0 and the time of an index.
 */
interface StretchPass {
  kinds: Uint8Array
  levels: Float64Array
  entries: Float64Array
  minLen: number
  listed: readonly TraceStretch[]
  first: number
  time: (i: number) => number
}

/**
 * Whether the stretch [a, b), found between own ink ending at i − 1 and starting at j, may be
 * listed: no listed stretch overlaps it, and it is not pinned — the own ink on each side at one
 * level (within MARK_FLAT_PX), between which a curve that never rises is flat. A stretch at the
 * start or the end (no own ink before or after it) is never pinned.
 */
function unlisted(pass: StretchPass, i: number, j: number, a: number, b: number): boolean {
  const { kinds, levels, entries, listed, first } = pass
  const pinned = i > 0 && j < kinds.length && Math.abs(entries[j] - levels[i - 1]) <= MARK_FLAT_PX
  return !pinned && !listed.some((s) => s.x0 < first + b && s.x1 > first + a)
}

/**
 * Stretches hidden under censor marks drawn in another ink than the curve's (NEJM's black "+" on
 * coloured lines, columnRuns: RUN_MARK), which the main pass counts as the curve's own: where
 * marks are dense the line vanishes under them for several columns, and what shows of it between
 * them is a pixel or two, often a JPEG shade of the marks' edge at the wrong level (development
 * seed 3032, style nejm: at 0.95–1.46 months the trace dropped 6.6 px early along such specks,
 * whole by its status). A stretch is the columns between two runs of the curve's own ink at least
 * ISLAND columns long where the path followed marks or another curve's ink (marks over at least
 * half of those), at least `minLen` of them, not already listed, and not pinned: the own ink
 * that ends it on each side lies at one level (within MARK_FLAT_PX), between which a curve that
 * never rises is flat. No margin beyond those runs is asked, as it is of a stretch under another
 * curve: marks are no line of their own whose plateau a trace could take for the curve's. A
 * stretch at the start or the end (no own ink before or after it) is never pinned. The stretches are listed only when
 * together they span MARK_SHARE of the path's columns.
 */
function underMarks(pass: StretchPass): TraceStretch[] {
  const { kinds, minLen } = pass
  const n = kinds.length
  const out: TraceStretch[] = []
  for (const [i, j] of betweenIslands(n, (k) => kinds[k] === OWN || kinds[k] === EDGE)) {
    // [i, j) lies between runs of own ink; trim it to the columns that followed other ink.
    let a = i
    let b = j
    const followed = (k: number) => kinds[k] === MARK || kinds[k] === UNDER
    while (a < b && !followed(a)) a++
    while (b > a && !followed(b - 1)) b--
    let marks = 0
    let count = 0
    for (let k = a; k < b; k++) {
      if (kinds[k] === MARK) marks++
      if (followed(k)) count++
    }
    if (count >= minLen && 2 * marks >= count && unlisted(pass, i, j, a, b)) {
      out.push(underStretch(pass, a, b, { underMarks: true }))
    }
  }
  let hidden = 0
  for (const s of out) hidden += s.x1 - s.x0
  return hidden >= MARK_SHARE * n ? out : []
}

/**
 * Stretches where the path went on along a sibling curve's ink (a lighter or darker shade of the
 * same ink, siblingRuns.ts: RUN_SIBLING), which the main pass counts as the curve's own beside
 * another's. Where a thin line lies under its sibling no column shows it apart: the path bridges
 * most columns, steps on the sibling's runs and on the marks drawn there, and each piece between
 * them is too short to list, though together they hide a drop (development seed 4079, style
 * jama: columns 83–121 of the slate arm, under the grey one, status whole, the drop spread as a
 * slope). A stretch is the columns between runs of the curve's own ink, not a sibling's, at least
 * ISLAND columns long, trimmed to those not plainly its own, at least `minLen` of them, where the
 * path took SIBLING_MIN columns or more from a sibling's runs, not already listed, and not pinned
 * (as in underMarks: the own ink on each side at one level within MARK_FLAT_PX; a stretch at the
 * start or the end never is). Its sibling is not named: the runs do not say which it was.
 */
function underSibling(pass: StretchPass, sibling: Uint8Array): TraceStretch[] {
  const { kinds, minLen } = pass
  const n = kinds.length
  const own = (i: number) => (kinds[i] === OWN || kinds[i] === EDGE) && !sibling[i]
  const out: TraceStretch[] = []
  for (const [i, j] of betweenIslands(n, own)) {
    let a = i
    let b = j
    while (a < b && kinds[a] === OWN) a++
    while (b > a && kinds[b - 1] === OWN) b--
    let count = 0
    let seen = 0
    let bridged = 0
    for (let k = a; k < b; k++) {
      count += sibling[k]
      if (own(k)) seen++
      if (kinds[k] === NONE) bridged++
    }
    const hidden = seen < SIBLING_SEEN * (b - a) && bridged > count
    if (b - a >= minLen && count >= SIBLING_MIN && hidden && unlisted(pass, i, j, a, b)) {
      out.push(underStretch(pass, a, b))
    }
  }
  return out
}

/**
 * Stretches where the path rode slivers of the curve's own ink beside or between another curve's:
 * where an arm drawn later covers this one (a steep start, a shared stretch), what shows of this
 * one's colour is the tips of its censor marks' bars sticking out beside the covering line, the
 * line's uncovered edge, or anti-aliased fringes, runs much thinner or fainter than its line
 * (SLIVER_HEIGHT, SLIVER_PEAK), which the main pass counts as the curve's own, each sight of
 * them splitting the stretch under the other curve into pieces too short to list, and which may
 * lie 3–15 px off the line (development seeds, forced survminer: 4018 Strata 2 on fringes of peak
 * 0.3–0.7 for 35 columns, 4082 Strata 1 on 1–2.5 px slivers of a 5 px line for 38, both whole by
 * their status). A stretch is the columns between runs of solid own ink (not slivers) at least
 * ISLAND columns long, trimmed to those not solidly its own, at least SLIVER_LENGTH times
 * `minLen` of them, on a line at least SLIVER_LINE wide (`lineWidth`), where
 * the path took SLIVER_MIN columns or more from slivers and at least one from another curve's ink
 * or own ink beside it (a line seen thin on its own is no sign of a curve hidden), not already
 * listed, and not pinned (as in underMarks). It is named for the curve whose ink the path
 * followed most there, when it followed any. A thinner line's stretches are found apart
 * (followedPastSlivers).
 */
function underSlivers(
  pass: StretchPass,
  thin: Uint8Array,
  owner: Int16Array,
  lineWidth: number,
  others: readonly { color: string; arm?: number }[],
): TraceStretch[] {
  const { kinds, minLen } = pass
  if (lineWidth < SLIVER_LINE) return followedPastSlivers(pass, thin, owner, others)
  const out: TraceStretch[] = []
  for (const [i, j, a, b] of betweenSolid(kinds, thin)) {
    let slivers = 0
    let beside = 0
    const counts = new Map<number, number>()
    for (let k = a; k < b; k++) {
      slivers += thin[k]
      if (kinds[k] === UNDER || kinds[k] === EDGE) beside++
      if (kinds[k] === UNDER) counts.set(owner[k], (counts.get(owner[k]) ?? 0) + 1)
    }
    const long = b - a >= SLIVER_LENGTH * minLen
    if (long && slivers >= SLIVER_MIN && beside > 0 && unlisted(pass, i, j, a, b)) {
      out.push(underStretch(pass, a, b, coveringCurve(counts, others)))
    }
  }
  return out
}

/**
 * belowOthers lists a stretch when, in at least this share of its columns, another curve's ink
 * (RUN_UNDER) lies between the level where the curve was last seen and BELOW_DIST line widths
 * above the path: the line may be hidden under that ink (it can have fallen to there, never
 * risen above its last level), not where the path went. Measured on forced survminer 6000–6119
 * (not asserted): at 0.3 (and BELOW_LEN 1), one more silent arm flagged (6050 Strata 1) for 5 more
 * false alarms of 301 arms.
 */
const BELOW_SHARE = 0.5
/**
 * ... at least this many shortest stretches (MIN_WIDTHS, MIN_PX, MIN_SHARE) long: at 1, 2 more
 * false alarms on forced survminer 6000–6119, no silent arm fewer.
 */
const BELOW_LEN = 2
/**
 * ... the other ink lying at least this many line widths above the path. All styles, seeds
 * 7000–7239 (not asserted; before BELOW_SOLID): false alarms 162 → 175 at 1 line width, 171 at 3,
 * 168 at 5, silent arms 11 either way: JCO's, Lancet's and JAMA's thin lines beside each other.
 */
const BELOW_DIST = 3
/**
 * belowOthers judges only lines that read solid: the path's own runs reach a coverage of
 * BELOW_SOLID in all but BELOW_Q of its columns. Where its line reads that solid, a long stretch
 * of nothing but slivers is not its line; a thin or pale line in a JPEG (JCO, Lancet, JAMA) reads
 * as slivers along most of its length, and two such lines near each other are no hidden one.
 * All styles 7000–7239 (not asserted, at BELOW_DIST 1): false alarms 175 → 165 with a median
 * (BELOW_Q 0.5), 163 at 0.25; at BELOW_DIST 3 and 0.25, 162, as before belowOthers.
 */
const BELOW_SOLID = 0.9
const BELOW_Q = 0.25

/**
 * Stretches where the path saw no solid sight of the curve's own line — its runs there all
 * slivers (thin: low, or no brighter than a fringe) or nothing — between two islands of solid own
 * ink, at least BELOW_LEN times `minLen` long, where another curve's ink lay above the path and
 * below the level the curve was last seen at (see BELOW_SHARE), not already listed and not
 * pinned: `under` that curve. Where survminer draws an arm over another, the hidden arm's path
 * may ride a fringe of its own colour (a translucent band's edge) far below, scoring it as seen,
 * and every column there reads as the curve's own ink (forced-survminer development seed 6110,
 * Strata 1: a 1.75 px red line under a teal one, the path 20 px low along the pink band's edge at
 * coverage 0.4–0.6 for 90 columns, status whole). Lines that do not read solid are not judged
 * (BELOW_SOLID).
 */
function belowOthers(
  path: readonly PathStep[],
  pass: StretchPass,
  thin: Uint8Array,
  runs: ColumnRuns,
  lineWidth: number,
  others: readonly { color: string; arm?: number }[],
): TraceStretch[] {
  const { kinds, levels, entries, minLen, first } = pass
  const n = kinds.length
  const peaks: number[] = []
  for (const s of path) if (!(runs.flags[s.run] & RUN_NOT_OWN)) peaks.push(runs.peak[s.run])
  peaks.sort((p, q) => p - q)
  if (peaks.length === 0 || peaks[Math.floor(peaks.length * BELOW_Q)] < BELOW_SOLID) return []
  const out: TraceStretch[] = []
  for (const [i, j, a, b] of betweenSolid(kinds, thin)) {
    if (a === 0 || j === n || b - a < BELOW_LEN * minLen) continue
    const seenAt = levels[a - 1]
    let below = 0
    const counts = new Map<number, number>()
    for (let k = a; k < b; k++) {
      const c = first + k - runs.x0
      if (c < 0 || c >= runs.columns) continue
      for (let r = runs.start[c]; r < runs.start[c + 1]; r++) {
        if (
          runs.flags[r] & RUN_UNDER &&
          runs.bottom[r] >= seenAt &&
          runs.bottom[r] < Math.min(levels[k], entries[k]) - BELOW_DIST * lineWidth
        ) {
          below++
          counts.set(runs.under[r], (counts.get(runs.under[r]) ?? 0) + 1)
          break
        }
      }
    }
    if (below >= BELOW_SHARE * (b - a) && unlisted(pass, i, j, a, b)) {
      out.push(underStretch(pass, a, b, coveringCurve(counts, others)))
    }
  }
  return out
}

/**
 * On a line thinner than SLIVER_LINE, the path followed another curve's ink (RUN_UNDER) in at
 * least this share of the columns where it found ink, over a stretch listed by
 * followedPastSlivers. Measured on development seeds 6240–6479 and 7240–7479, all styles (not
 * asserted): at 0.5, silent arms 5 → 5 and 6 → 4 (jco 7443 C, carried along the blue arm's line
 * 3.5 px above its own; lancet 7426 C, listed under the navy arm at months 8.5–9, though where its
 * trace is off its line is later, through crowded marks), false alarms 145 → 146 and 152 → 152
 * (lancet 6322 B, whole, now told to share its start under the navy arm); at 0.65 neither silent
 * arm is caught; at 0.35 one more false alarm.
 */
const THIN_FOLLOWED = 0.5

/**
 * underSlivers for a line thinner than SLIVER_LINE, whose own ink is mostly runs as faint as a
 * fringe, so that its slivers cannot be told from its line: stretches that begin and end on
 * another curve's ink, with no solid own run (not a sliver) between, where the path took that ink
 * in THIN_FOLLOWED of the columns it found any ink in, at least SLIVER_LENGTH times `minLen`
 * columns long, not already listed, and not pinned. The slivers there are the covering line's
 * fringe read in this colour, each splitting the main pass's stretch (jco 7443: a 0.75 px grey
 * arm on a blue arm's line for 40 columns, 3.5 px above its own, which JPEG had tinted blue; the
 * blue line's fringe read as grey in 8 of them). In the trace's tail, after its last solid own
 * run, the columns where the path took slivers of its own ink beside another curve's count as
 * following that curve too, and the stretch, with nothing after it, is not pinned: a thin line's
 * trace that ran on past its own end along another curve's line, on that line's fringe read in
 * its colour, says so (jco 6105, suggested colours: the #d7bf49 trace of a yellow arm that ends
 * at month 51.2 ran on 38 columns along the grey arm's line, ending 2.6% of the time axis late,
 * said whole). Measured on development seeds 3000–3119, 4000–4119, 6000–6239 and 7000–7239 (true
 * and suggested colours, 2026-12-08, not asserted): true colours unchanged; suggested, silent
 * arms 42 → 41 and false alarms 455 → 456 (3028 B, a tail right within 0.5 px). Counted
 * anywhere, not only in the tail (6000–6239 and 7000–7119): one more silent arm (7019 A) for 8
 * more false alarms, 3 of them with true colours.
 */
function followedPastSlivers(
  pass: StretchPass,
  thin: Uint8Array,
  owner: Int16Array,
  others: readonly { color: string; arm?: number }[],
): TraceStretch[] {
  const { kinds, minLen } = pass
  const n = kinds.length
  const out: TraceStretch[] = []
  let i = 0
  const solid = (k: number) => solidOwn(kinds, thin, k)
  // The path's last columns after its last solid own run (none when it has none): there slivers
  // beside another curve's ink count as following it.
  let tail = n
  while (tail > 0 && !solid(tail - 1)) tail--
  if (tail === 0) tail = n
  const along = (k: number) =>
    kinds[k] === UNDER || (k >= tail && kinds[k] === EDGE && thin[k] === 1)
  while (i < n) {
    if (!along(i)) {
      i++
      continue
    }
    // [i, j): from this column of another's ink up to the next solid own run.
    let j = i
    while (j < n && !solid(j)) j++
    let b = j
    while (b > i && !along(b - 1)) b--
    let followed = 0
    let inked = 0
    const counts = new Map<number, number>()
    for (let k = i; k < b; k++) {
      if (kinds[k] !== NONE) inked++
      if (along(k)) followed++
      if (kinds[k] === UNDER) {
        counts.set(owner[k], (counts.get(owner[k]) ?? 0) + 1)
      }
    }
    // The own ink on each side, sliver or not, pins the stretch (as in underMarks).
    let before = i
    while (before > 0 && kinds[before - 1] !== OWN && kinds[before - 1] !== EDGE) before--
    let after = b
    while (after < n && kinds[after] !== OWN && kinds[after] !== EDGE) after++
    // A stretch in the tail has nothing after it to pin it (slivers aside).
    if (j === n && b > tail) after = n
    if (
      b - i >= SLIVER_LENGTH * minLen &&
      followed >= THIN_FOLLOWED * inked &&
      unlisted(pass, before, after, i, b)
    ) {
      out.push(underStretch(pass, i, b, coveringCurve(counts, others)))
    }
    i = Math.max(j, i + 1)
  }
  return out
}

/** An `under` stretch over the path's columns [a, b), with what else is known of it. */
function underStretch(
  pass: Pick<StretchPass, 'first' | 'time'>,
  a: number,
  b: number,
  extra: Pick<TraceStretch, 'underColor' | 'underArm' | 'underMarks'> = {},
): TraceStretch {
  const { first, time } = pass
  return { kind: 'under', from: time(a), to: time(b), x0: first + a, x1: first + b, ...extra }
}

/**
 * The `under` fields of a stretch: the curve whose ink most of its columns followed (`counts`,
 * columns per index into `others`), none when no column did.
 */
function coveringCurve(
  counts: ReadonlyMap<number, number>,
  others: readonly { color: string; arm?: number }[],
): Pick<TraceStretch, 'underColor' | 'underArm'> {
  const k = [...counts.entries()].sort((p, q) => q[1] - p[1])[0]?.[0]
  const who = k === undefined ? undefined : others[k]
  return {
    ...(who ? { underColor: who.color } : {}),
    ...(who?.arm !== undefined ? { underArm: who.arm } : {}),
  }
}

/**
 * The first column after the first island of the curve's own ink (ISLAND columns of OWN or EDGE)
 * lying wholly below `below` (pixels, larger is lower), or n when there is none. Before it, a
 * path below that level got there on specks, marks or another curve's ink, not on its line:
 * where an arm at survival 1 lies on the plot's grey top frame the two blend into a grey that is
 * neither's colour, and the path slid 4–8 px down onto marks' ink or another arm's line and
 * bridged flat from there to the arm's first drop (forced-NEJM development seeds 7014 A, 7040 B,
 * 7275 B: off their line for 40–70 columns, status whole). A flat gap after such a descent is
 * listed (traceStatus) where no other pass's stretch covers it: a start under a sibling is
 * listed as such (underSibling; jama 4079 A, `under` from time 0, which the gap inside it
 * would have displaced). Measured on forced-NEJM development seeds 7000–7119 and 7240–7359 (true
 * colours, 13:05 UTC, not asserted): silent arms 7 → 5 and 2 → 1, false alarms 146 → 148 and
 * 149 → 150; each new false alarm (7067 B, 7097 B, 7334 B) lies 3–6 px off its line over the
 * stretch listed, in too few columns to fail wholeness.
 */
function ownBelow(kinds: Uint8Array, levels: Float64Array, below: number): number {
  const low = (k: number) => (kinds[k] === OWN || kinds[k] === EDGE) && levels[k] > below
  // The first island ends where the first span outside the islands that does not start at 0
  // begins; with no such span, at the end.
  return betweenIslands(kinds.length, low).find(([i]) => i > 0)?.[0] ?? kinds.length
}

/** Whether column k is the curve's solid own ink: OWN or EDGE, not a sliver. */
const solidOwn = (kinds: Uint8Array, thin: Uint8Array, k: number) =>
  (kinds[k] === OWN || kinds[k] === EDGE) && !thin[k]

/**
 * The spans [i, j) between islands of the curve's solid own ink (OWN or EDGE, not a sliver), each
 * with [a, b): its columns left when solid own ink at either end is trimmed off.
 */
function betweenSolid(kinds: Uint8Array, thin: Uint8Array): [number, number, number, number][] {
  const solid = (k: number) => solidOwn(kinds, thin, k)
  return betweenIslands(kinds.length, solid).map(([i, j]) => {
    let a = i
    let b = j
    while (a < b && solid(a)) a++
    while (b > a && solid(b - 1)) b--
    return [i, j, a, b]
  })
}

/**
 * The spans [i, j) of columns 0…n − 1 that lie outside every island: a run of columns where `own`
 * holds at least ISLAND columns long (a shorter one is a speck amid other ink, not a sight of the
 * curve's line).
 */
function betweenIslands(n: number, own: (i: number) => boolean): [number, number][] {
  const solid = new Uint8Array(n)
  for (let i = 0; i < n;) {
    if (!own(i)) {
      i++
      continue
    }
    let j = i
    while (j < n && own(j)) j++
    if (j - i >= ISLAND) solid.fill(1, i, j)
    i = j
  }
  const spans: [number, number][] = []
  for (let i = 0; i < n;) {
    if (solid[i]) {
      i++
      continue
    }
    let j = i
    while (j < n && !solid[j]) j++
    spans.push([i, j])
    i = j
  }
  return spans
}

/**
 * acrossOthers lists a stretch when, in at least this share of its columns, the path's run has
 * another curve's line across it with more of the curve's own ink beyond (columnRuns: `across`).
 * Measured alone, at ACROSS_LEN 1, on forced survminer development seeds 6000–6119 (true colours,
 * 21:35 UTC, not asserted): silent arms 8 → 7 (6085 Strata 2), false alarms 78 → 79; at a share
 * of 0.4, 4 more false alarms for no more silent arm caught.
 */
const ACROSS_SHARE = 0.5
/**
 * ... and the stretch is at least this many shortest stretches (MIN_WIDTHS, MIN_PX, MIN_SHARE)
 * long. At 0.5 (alone, as above): silent arms 8 → 6, false alarms 78 → 91 (two arms' lines
 * crossing, a censor mark's arm reaching past the other curve). With bothSides, on development
 * seeds (true colours, 22:30 UTC, not asserted): at 2 rather than 1, false alarms 341 → 333 on
 * 6000–6479 and 325 → 323 on 7000–7479, every silent arm caught still caught.
 */
const ACROSS_LEN = 2

/**
 * Stretches where the path rode the curve's own ink beside another curve's line while that line
 * lay across the curve's: what the path took for the curve shows on both sides of the other's
 * ink (columnRuns: `across`) in ACROSS_SHARE of the columns. Where survminer draws an arm over
 * another along the same level, the hidden arm shows a pixel or two of its line's edge above the
 * covering line and below it, and the path keeps to one edge, 3–5 px off the line beneath
 * (development seed 6085, Strata 2: a green arm between a red one and a blue one drawn over it,
 * traced along the blue line's far edge 3.5–5 px low for 30 columns, status whole). A stretch is
 * the columns between islands of own ink with no such line across, trimmed to those with one,
 * at least ACROSS_LEN times `minLen` long, not already listed and not pinned (as in underMarks);
 * it is named for the curve whose line lay across it most.
 */
function acrossOthers(
  path: readonly PathStep[],
  pass: StretchPass,
  runs: ColumnRuns,
  others: readonly { color: string; arm?: number }[],
): TraceStretch[] {
  const { kinds, minLen, first } = pass
  const across = runs.across
  if (!across) return []
  const n = kinds.length
  const whose = new Int16Array(n).fill(-1)
  for (const s of path) {
    const i = s.x - first
    if (i >= 0 && i < n && (kinds[i] === OWN || kinds[i] === EDGE)) whose[i] = across[s.run]
  }
  const out: TraceStretch[] = []
  const plain = (k: number) => (kinds[k] === OWN || kinds[k] === EDGE) && whose[k] < 0
  for (const [i, j] of betweenIslands(n, plain)) {
    let a = i
    let b = j
    while (a < b && whose[a] < 0) a++
    while (b > a && whose[b - 1] < 0) b--
    let count = 0
    const counts = new Map<number, number>()
    for (let k = a; k < b; k++) {
      if (whose[k] < 0) continue
      count++
      counts.set(whose[k], (counts.get(whose[k]) ?? 0) + 1)
    }
    if (
      b - a >= ACROSS_LEN * minLen &&
      count >= ACROSS_SHARE * (b - a) &&
      unlisted(pass, i, j, a, b)
    ) {
      out.push(underStretch(pass, a, b, coveringCurve(counts, others)))
    }
  }
  return out
}

/**
 * bothSides judges the curves drawn over this one: those whose line lies across this curve's
 * (columnRuns: `across`) in at least SIDES_OVER runs of the figure, and SIDES_OVER_RATIO times as
 * many as the runs of this curve's own ink that lie across theirs (their ink touching it above and
 * below). Where this curve is drawn over the other, the other shows on either side of it and the
 * path, on this curve's full line, is right (forced survminer development seed 6027, Strata 2: a
 * teal arm over a red one, crossing it, whole). Measured alone on forced survminer development
 * seeds 6000–6119 (true colours, 21:40 UTC, not asserted; SIDES_MIN 0.5, SIDES_LEN 2): silent arms
 * 8 → 3 and false alarms 78 → 118 without this test, 8 → 4 and 78 → 93 with it (SIDES_SHORT
 * takes the rest: see there).
 */
const SIDES_OVER = 5
const SIDES_OVER_RATIO = 2
/**
 * ... where the path took the other curve's ink touching its run from above in at least this
 * many shortest stretches' (MIN_WIDTHS, MIN_PX, MIN_SHARE) columns, and from below in as many,
 * over a stretch SIDES_LEN of them long (breaks of SIDES_GAP of them bridged). At 0.25 and 1:
 * one more false alarm (6074 Strata 1) for no silent arm more caught.
 */
const SIDES_MIN = 0.5
const SIDES_LEN = 2
const SIDES_GAP = 0.5
/**
 * ... and where the path's run is less tall than the line (traceAudit: commonHeight) by
 * SHORT_BY pixels, as a line's edge beside the other's is, in at least this share of those
 * columns: the curve's line was not seen whole there. Alone, as above: at 0.7, silent arms
 * 8 → 6 and no false alarm more; at 0.5, 8 → 5 and one (6039 Strata 2, 98.4% of its columns
 * within 2 px). With acrossOthers, on development seeds (true colours, 22:30 UTC, not asserted):
 * silent arms 10 → 6 on 6000–6479 (6001 Strata 2, 6085 Strata 2, 6223 Strata 1, 6241 Strata 3)
 * and 10 → 9 on 7000–7479 (7135 Strata 1), false alarms 329 → 333 and 320 → 323; 3000–3119 and
 * 4000–4119, none silent to catch, 77 → 78 and 77 → 79; forced survminer 6000–6119 silent 8 → 4,
 * false alarms 78 → 79. The new false alarms (JCO 3093 A, survminer 4021 Strata 2, random 4068 B,
 * 6030 B, 7248 A, 7302 B, JAMA 6425 C, survminer 6301 Strata 1, 6343 Strata 3, 7081 Strata 2, 6039
 * Strata 2) lie 95.5–100% within 2 px.
 */
const SIDES_SHORT = 0.5
const SHORT_BY = 0.5

/**
 * Stretches where the path rode the curve's own ink on one side of another curve's line drawn
 * over it, then on the other side: the curve passed under that line, which hides it, and what
 * the path took for it on either side is its line's edge or its marks' arms beside the covering
 * line, 3–10 px off the line beneath (development seed 6001, Strata 2: a green arm under the
 * blue one, steep near the start, traced along the blue line's upper edge and then, after a drop
 * of 17 px across it, along its lower edge, up to 9.3 px off over 44 columns, status whole; 6223
 * Strata 1: a red arm under the green one at its level, the path on one edge and then the
 * other). A stretch is the columns from the first to the last where the other curve's ink
 * touches the path's run on one side only, with breaks of SIDES_GAP times `minLen` columns at
 * most, judged only for curves drawn over this one (SIDES_OVER), and listed when the path had
 * that ink above it in SIDES_MIN times `minLen` columns and below it in as many, over SIDES_LEN
 * times `minLen`, on runs less tall than the line (SIDES_SHORT), not already listed and not
 * pinned (as in underMarks): `under` that curve.
 */
function bothSides(
  path: readonly PathStep[],
  pass: StretchPass,
  runs: ColumnRuns,
  others: readonly { color: string; arm?: number }[],
): TraceStretch[] {
  const { kinds, minLen, first } = pass
  const { inkAbove, inkBelow, across } = runs
  if (!inkAbove || !inkBelow || !across) return []
  const n = kinds.length
  // The curves drawn over this one (1 + their index).
  const splitBy = new Int32Array(others.length + 1)
  const splits = new Int32Array(others.length + 1)
  for (let j = 0; j < runs.top.length; j++) {
    if (runs.flags[j] & RUN_FOLLOWED) continue
    if (across[j] >= 0) splitBy[across[j] + 1]++
    if (inkAbove[j] > 0 && inkAbove[j] === inkBelow[j]) splits[inkAbove[j]]++
  }
  const above = new Int16Array(n)
  const below = new Int16Array(n)
  const short = new Uint8Array(n)
  const width = commonHeight(runs)
  for (const s of path) {
    const i = s.x - first
    if (i < 0 || i >= n || (kinds[i] !== OWN && kinds[i] !== EDGE)) continue
    above[i] = inkAbove[s.run]
    below[i] = inkBelow[s.run]
    short[i] = runs.bottom[s.run] - runs.top[s.run] < width - SHORT_BY ? 1 : 0
  }
  const out: TraceStretch[] = []
  const gap = Math.max(1, Math.round(SIDES_GAP * minLen))
  for (let k = 1; k < splitBy.length; k++) {
    if (splitBy[k] < SIDES_OVER || splitBy[k] < SIDES_OVER_RATIO * splits[k]) continue
    let i = 0
    while (i < n) {
      if (above[i] !== k && below[i] !== k) {
        i++
        continue
      }
      // [i, end): the columns where k's ink touches the path's run, breaks of `gap` bridged.
      let last = i
      let up = 0
      let down = 0
      let thin = 0
      for (let j = i; j < n && j - last <= gap; j++) {
        const a = above[j] === k
        const b = below[j] === k
        if (a || b) last = j
        if (a === b) continue
        if (a) up++
        else down++
        thin += short[j]
      }
      const end = last + 1
      if (
        end - i >= SIDES_LEN * minLen &&
        Math.min(up, down) >= SIDES_MIN * minLen &&
        thin >= SIDES_SHORT * (up + down) &&
        unlisted(pass, i, end, i, end) &&
        !out.some((t) => t.x0 < first + end && t.x1 > first + i)
      ) {
        out.push(underStretch(pass, i, end, coveringCurve(new Map([[k - 1, 1]]), others)))
      }
      i = end
    }
  }
  return out
}
