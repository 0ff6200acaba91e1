import { type ColumnRuns, RUN_FOLLOWED, RUN_MARK, RUN_NOT_OWN } from './columnRuns'
import type { CoverageMap } from './coverage'
import type { PathStep } from './monotonePath'
import { heightMode } from './heightMode'

/** A run this much taller than the line (pixels) is more than the line: a drop or a mark. */
const FLAT_EXTRA = 0.7
/**
 * A run less tall than this share of the line is a sliver of it (its edge beside a gridline taken
 * out, JPEG ringing), whose centre is not the line's: it does not make a column flat.
 */
const SLIVER = 0.3
/** Flat columns whose centres are this close (pixels) lie on one plateau. */
const LEVEL_TOL = 0.6
/**
 * A run taller than the line whose rows are all covered at most TINT but for one block of rows
 * covered at least SOLID_LINE (and an anti-aliased row at either edge of it), no taller than the
 * line, is the line drawn over its own confidence band (survminer: the band's tint reads at 0.3–0.5
 * of the line's colour, and touches the line, so both are one run): the line is that block
 * (solidOverBand). Read as the run's centre, or as a "+" bar (the band fills its centre row on both
 * sides), its level was put 8–19 px under the line for 15–25 columns at a time (survminer 3024
 * Strata 2, x 877–894, 909–933, 1191–1207), unwarned. Measured on dev seeds (not
 * asserted; whole % / silent / false alarms): forced survminer 6000–6119 82.7 / 10 / 71 → 83.7 /
 * 10 / 73, 7240–7359 83.6 / 6 / 80 → 84.3 / 5 / 80; all styles 3000–3119 94.0 → 94.4 (3061
 * Strata 3), 4000–4119 and 7000–7239 unchanged.
 */
const SOLID_LINE = 0.9
const TINT = 0.6
/**
 * ... and at least BAND_SHARE of those tinted rows are tinted (TINT_LOW to TINT) in the columns on
 * both sides too. Without it, a drop's anti-aliased edge column (0.44–0.57 down the segment, a
 * solid corner at its foot) was read as the line over a band and the drop moved a column late
 * (random 7236 A, 3054 A: whole, newly warned off-ink and off-mark-centre).
 */
const TINT_LOW = 0.15
const BAND_SHARE = 0.75
/** A transition no wider than the line plus this many columns is one vertical segment. */
const SINGLE_DROP_EXTRA = 3
/**
 * A path whose median run height is this many times its commonest is covered by censor marks in
 * its own colour over many columns (survminer's dense "+" marks on a thick line): their bars are
 * read as the line at their centre (isPlusBar). Measured on dev seeds (16:47 UTC, not asserted):
 * forced survminer 3000–3059 68.2% → 77.7% of arms whole, 4000–4059 64.1% → 73.9%; read on every
 * path (no such condition), it also read steep stretches of small drops as flat (the cases' IAE
 * 0.00162 → 0.00165) and made random 3078 B, whose dense circles left it off its line and warned
 * of, nearly whole but silent.
 */
const DENSE_MARKS = 1.5
/**
 * A run of the line's own ink whose top lies more than this (pixels; the anti-aliased pixel of
 * the line's edge) above the top of the line at the level last reached is no part of the line,
 * which never rises: it is a mark, and where its arms show as a "+" bar's do (isPlusBar) it is
 * read as the line at its centre, however few the marks (DENSE_MARKS gates the bars that do not
 * reach above the level). Ticks crossing a dashed line (JAMA 7001 B, 7295 C) or "+"
 * marks on a line whose path had dipped to other ink (survminer 7453 Strata 2) were read as a
 * fall from a plateau of one column under the line (a dash's pale lower edge, another curve's
 * ink), clipped to the band below it: 3–6 px under the line for 20–30 columns, silently. A steep
 * stretch's merged steps never reach above the level last reached, so are not read so. Measured
 * on dev seeds 6000–6479 and 7240–7479 (08:40 UTC 12-07, not asserted; whole % / silent / false
 * alarms): 6000–6239 93.4 / 8 / 168 → 93.8 / 8 / 169, 6240–6479 90.4 / 6 / 137 → 91.8 / 5 / 142,
 * 7240–7479 90.1 / 9 / 152 → 90.6 / 7 / 150; at 0.5 px the same arms, at 2 px 93.6 and 91.7.
 */
const RISE = 1
/**
 * A mark's bar centred farther than this (pixels) above the plain line beside it, its foot level
 * with the line's lower edge, stands on the line (besideOtherLevel). Measured on dev seeds (00:50
 * UTC 12-07, not asserted): forced JCO 3000–3119 silent arms 3 → 2, 4000–4119 5 → 4; forced
 * survminer 4000–4119 one arm (flagged) no longer whole; all styles 3000–3119 unchanged (90.8%
 * whole), 4000–4119 89.4% → 89.1% (the same survminer arm).
 */
const BAR_OFF_LINE = 1
/**
 * A mark's arm reaches out past a drop at most this many line widths (survminer's "+" is 1.8–2.6
 * line widths across on each side); a longer stretch of two lines is two lines, not an arm.
 */
const ARM_REACH = 3
/**
 * The line below a mark's arm is as solid as the arm (its darkest pixel at least this share of the
 * arm's): a faint run there is a confidence band's edge, not the line.
 */
const SOLID = 0.8
/**
 * An arm shows at least ARM_COLUMNS columns at least ARM_HEIGHT times as tall as the line (its
 * commonest run height): beside any drop's vertical segment one column of the line's anti-aliased
 * corner can stand apart from the line below.
 */
const ARM_COLUMNS = 2
const ARM_HEIGHT = 0.5
/**
 * Runs this close (pixels) touch: the line's anti-aliased edge showing beside a black censor
 * mark drawn over it.
 */
const TOUCH = 1

/**
 * A mark's run whose centre lies this close (pixels) to a plateau's level is centred on that
 * level's line (transitionColumns). Measured on dev seeds with lineBetweenLegs (22:35 UTC, not
 * asserted; whole % / silent / false alarms): 3000–3119 88.4 / 2 / 61 → 88.7 / 2 / 61,
 * 4000–4119 87.0 / 4 / 66 → 88.4 / 2 / 69 (random 4014 A and jama 4037 C whole; two arms flagged
 * before now whole keep their warning, survminer 4045 Strata 2 newly warned steps-merged); the
 * mean IAE 0.0020 → 0.0021 and 0.0025 → 0.0025.
 */
const MARK_CENTRE = 0.6

/**
 * A mark's legs are mirrored about the line through its centre (lineBetweenLegs): the middle
 * run's centre lies within LEG_SYMMETRY pixels of halfway between theirs, and theirs lie within
 * LEG_REACH line widths of it. Measured with MARK_CENTRE (see there); alone, lineBetweenLegs made
 * random 3078 B (94.6% of columns within 2 px, from 78%) lose its warnings, which
 * offMarkCentre (traceAudit.ts) gives back, and without SOLID it moved survminer 3097 Strata 3
 * onto its band's edges (whole → not whole).
 */
const LEG_SYMMETRY = 1
const LEG_REACH = 3

/**
 * A run of the line's height lying within RIM_GAP line widths of a taller run of the same ink on
 * one side, and of none on the other, is the foot (or top) of a mark drawn in the line's own
 * colour, not the line (isMarkRim): random style's large circles, centred on the line, show in a
 * column as the ring's upper half run together with the line and its lower arc apart below them;
 * the path, kept from rising, ran along those arcs after a drop, and their level, averaged with
 * the line's own columns (monotoneLevels), put plateaus 2–3 px under the line (random dev seeds
 * 7470 B, 6216 A, 7242 A, 7440 A). The rim must be at least RIM_HEIGHT line widths tall: a
 * thinner run is an anti-aliased fragment of a thick line's edge (survminer 7417 Strata 1, whose
 * trace then ran on past its end). The run beside it must be taller than a line: beside a line
 * or a mark's arm no taller (a drop's corner, survminer's "+" arms) the line's first columns
 * after a drop were lost and the drop moved late (survminer 6325 Strata 3). Measured on dev seeds
 * 7240–7479 and 6000–6479 (04:20 UTC 12-07, not asserted; see the report of issue 10's helper
 * wobtrace9).
 */
const RIM_GAP = 1
const RIM_HEIGHT = 0.5

/** A horizontal stretch of the traced curve. */
export interface Plateau {
  /** Image row of the line's centre. */
  level: number
  /** First and last image column seen flat on it. */
  xFirst: number
  xLast: number
  /** Number of flat columns behind `level` (0 for the assumed start at survival 1). */
  weight: number
  /**
   * How many of those columns are a mark's bar read as the line for reaching above the level last
   * reached (RISE), not the line itself.
   */
  bars: number
}

/** The traced curve as pixel corners, with the plateaus they came from. */
export interface StepCorners {
  corners: { x: number; y: number }[]
  plateaus: Plateau[]
  /** Path steps between consecutive plateaus (index i: between plateaus i and i + 1). */
  between: PathStep[][]
}

const median = (xs: number[]) => {
  // Sorted as a typed array: natively, faster than by a comparator.
  const s = Float64Array.from(xs).sort()
  const m = s.length >> 1
  return s.length === 0 ? 0 : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * The line width of a traced path: the median height of its runs, most of which are plateau
 * columns — of its own ink when it has any (another curve's, followed where this one is hidden,
 * may be drawn wider).
 */
export function pathLineWidth(path: readonly PathStep[], runs: ColumnRuns): number {
  const own = path.filter((s) => !(runs.flags[s.run] & RUN_FOLLOWED))
  return median((own.length ? own : path).map((s) => runs.bottom[s.run] - runs.top[s.run]))
}

/**
 * The commonest height of a path's own runs (pixels; heightMode.ts, the mean of the modal bin and
 * its two neighbours): the line's width where flat columns are the most common.
 */
function commonHeight(path: readonly PathStep[], runs: ColumnRuns): number {
  const own = path.filter((s) => !(runs.flags[s.run] & RUN_FOLLOWED))
  const { bins, best } = heightMode(own.map((s) => runs.bottom[s.run] - runs.top[s.run]))
  let m = 0
  let mh = 0
  for (let b = best - 1; b <= best + 1; b++) {
    m += bins[b]
    mh += bins[b] * (b + 0.5) * 0.25
  }
  return m > 0 ? mh / m : Infinity
}

/** Whether run j covers the row `level` (to within a pixel: anti-aliased edges). */
function spansLevel(j: number, level: number, runs: ColumnRuns): boolean {
  return runs.top[j] - 1 <= level && level <= runs.bottom[j] + 1
}

/**
 * Pools adjacent plateaus whose levels rise or stay level (pool-adjacent-violators, weighted by
 * columns): two plateaus at one level are one, and a drop between them would have no height.
 */
function monotoneLevels(plateaus: Plateau[]): Plateau[] {
  const out: Plateau[] = []
  for (const p of plateaus) {
    out.push({ ...p })
    while (out.length > 1 && out[out.length - 1].level <= out[out.length - 2].level) {
      const b = out.pop()!
      const a = out.pop()!
      const w = a.weight + b.weight
      // The start plateau (weight 0) is survival 1 by definition and keeps its level.
      const level =
        a.weight === 0 ? a.level : w > 0 ? (a.level * a.weight + b.level * b.weight) / w : a.level
      out.push({ level, xFirst: a.xFirst, xLast: b.xLast, weight: w, bars: a.bars + b.bars })
    }
  }
  return out
}

/**
 * Turns a traced path into the corners of a step function, the way a careful person clicks one:
 * each plateau's level is the mean centre of its flat columns (the centroid of an anti-aliased
 * line's column is its centre to a small fraction of a pixel), and each drop between two plateaus
 * becomes its top and bottom corner at the drop's time. WebPlotDigitizer's automatic algorithms
 * and SurvdigitizeR place points along the drawn line, which rounds every step by the line width;
 * here the time of a drop is the centre of its vertical segment:
 * - for a drop taller than the line, the median over the rows strictly between the two plateaus
 *   of the coverage-weighted centre of the vertical segment;
 * - for a shorter one, the time of the ideal step whose integral matches that of the columns'
 *   centres across it (exact for any stroke that is point-symmetric about the drop's centre, as
 *   round, square and mitred joins all are).
 * Where steps come closer than the line width (a steep stretch of many events), they cannot be
 * told apart, and the corners follow the centre of the drawn line column by column. Where the
 * curve was not seen (hidden, or a gap in a dash pattern) across a fall, the fall is left as a
 * sloped stretch between the last and first columns seen, which reconstruction spreads its events
 * over. Where "+" censor marks in the line's own colour cover most columns of a plateau (dense
 * survminer marks on a thick line), the path may run along their feet: their bars, centred on the
 * line, give its level (isPlusBar). Where a mark's arm reaches past a drop, the path is first
 * moved down to the line under it (lineUnderArms); where it runs along the line's edge showing
 * beside a black mark drawn over the line, onto the mark, which is centred on the line
 * (lineUnderMarks). `startColumn`/`startLevel` are the pixel of
 * (time 0, survival 1); `zeroLevel` is the row of survival 0, where a final drop that disappears
 * into the axis is taken to end.
 */
export function stepCorners(
  tracedPath: readonly PathStep[],
  runs: ColumnRuns,
  map: CoverageMap,
  lineWidth: number,
  startColumn: number,
  startLevel: number,
  zeroLevel: number,
  slack: number,
): StepCorners {
  const w = lineWidth
  const common = commonHeight(tracedPath, runs)
  const path = lineBetweenLegs(
    lineUnderMarks(lineUnderArms(tracedPath, runs, w, common), runs, w),
    runs,
    w,
  )
  const half = w / 2
  // The solid ink of each path column's run, where it is drawn over the curve's band: the line
  // where it is no taller than the line (`band`), else a "+" bar, centred on the line as well.
  const band = new Map<number, number>()
  const solid = new Map<number, number>()
  for (const s of path) {
    const ink = solidOverBand(s.x, s.run, runs, map, w)
    if (ink === null) continue
    solid.set(s.x, ink.centre)
    if (ink.height <= w + FLAT_EXTRA) band.set(s.x, ink.centre)
  }
  const centreOf = (s: PathStep) => solid.get(s.x) ?? runs.centre[s.run]
  // Another curve's ink followed at this one's level is flat where the path stays at its level,
  // however wide that curve is drawn.
  const isFlat = (s: PathStep) => {
    const height = runs.bottom[s.run] - runs.top[s.run]
    if (height < SLIVER * w) return false
    if (isMarkRim(s.x, s.run, runs, w)) return false
    if (height <= w + FLAT_EXTRA || band.has(s.x)) return true
    return (
      (runs.flags[s.run] & RUN_FOLLOWED) !== 0 &&
      s.exit - s.entry < half &&
      Math.abs(runs.centre[s.run] - s.entry) <= half + LEVEL_TOL &&
      height <= 3 * w + 2
    )
  }

  // Bars of marks in the line's own colour are read as the line only where marks cover so many
  // of the path's columns that they pull its median height (lineWidth) well above its commonest
  // (the line's own width). A black mark's bar is no drop of the line, and is read wherever the
  // path runs along it.
  const dense = w >= DENSE_MARKS * common
  const plusBar = (s: PathStep) =>
    (dense && isPlusBar(s.x, s.run, runs, w)) || isPlusBar(s.x, s.run, runs, w, true)
  const flatOrBar = (s: PathStep) => isFlat(s) || plusBar(s)
  // A run of the line's own ink reaching above the line at the level last reached is no part of
  // a line that never rises: it is a mark, and read as a "+" bar where its arms show (RISE).
  const risesAbove = (s: PathStep, level: number) =>
    !(runs.flags[s.run] & RUN_NOT_OWN) && runs.top[s.run] < level - half - RISE

  // Plateaus of consecutive flat columns; the assumed start at survival 1 comes first.
  const raw: Plateau[] = [
    { level: startLevel, xFirst: startColumn - 1, xLast: startColumn - 1, weight: 0, bars: 0 },
  ]
  let sum = 0
  for (const s of path) {
    const last = raw[raw.length - 1]
    const level = last.weight > 0 ? sum / last.weight : last.level
    const risen = !flatOrBar(s)
    if (risen && !(risesAbove(s, level) && isPlusBar(s.x, s.run, runs, w))) continue
    const c = centreOf(s)
    if (last.weight > 0 && s.x === last.xLast + 1 && Math.abs(c - level) <= LEVEL_TOL) {
      last.xLast = s.x
      last.weight++
      if (risen) last.bars++
      sum += c
    } else {
      if (last.weight > 0) last.level = sum / last.weight
      raw.push({ level: c, xFirst: s.x, xLast: s.x, weight: 1, bars: risen ? 1 : 0 })
      sum = c
    }
  }
  const tail = raw[raw.length - 1]
  if (tail.weight > 0) tail.level = sum / tail.weight

  // Plateaus at one level on both sides of a mark, a crossing or a gap are one plateau: the curve
  // cannot have fallen between them. The start absorbs a first plateau within reach of it.
  const merged: Plateau[] = []
  for (const p of raw) {
    const last = merged[merged.length - 1]
    const tol = last && last.weight === 0 ? slack : LEVEL_TOL
    if (last && Math.abs(p.level - last.level) <= tol) {
      const wsum = last.weight + p.weight
      if (last.weight > 0) last.level = (last.level * last.weight + p.level * p.weight) / wsum
      last.xLast = p.xLast
      last.weight = wsum
      last.bars += p.bars
    } else merged.push({ ...p })
  }
  let plateaus = monotoneLevels(merged)

  // A curve that ends in a drop into the axis (or out of sight) ends at the last level reached.
  const lastPlateau = plateaus[plateaus.length - 1]
  const after = path.filter((s) => s.x > lastPlateau.xLast)
  if (after.length > 0) {
    const end = after[after.length - 1]
    const bottomExit = Math.max(...after.map((s) => s.exit))
    if (bottomExit > lastPlateau.level + LEVEL_TOL) {
      const level = Math.abs(bottomExit - zeroLevel) <= half + 1.5 ? zeroLevel : bottomExit
      plateaus = [...plateaus, { level, xFirst: end.x + 1, xLast: end.x + 1, weight: 0, bars: 0 }]
    } else if (
      after.every(
        (s) => !(runs.flags[s.run] & RUN_FOLLOWED) && spansLevel(s.run, lastPlateau.level, runs),
      )
    ) {
      // A path that goes on past its last flat column through its own ink across that level,
      // never below it, follows the curve's tail under marks of its own colour drawn closer
      // than their width (JCO's upward ticks, every run taller than the line): the plateau goes
      // on to the path's end (forced-JCO development seed 4016 B: the trace stopped 15 columns,
      // 2.6% of the time span, short, under such ticks). Not along another curve's ink or black
      // marks, which this curve's line need not go on under (forced-JCO 4066 B ran 3% of the
      // time span too far along a grey arm at its level).
      plateaus = [...plateaus.slice(0, -1), { ...lastPlateau, xLast: end.x }]
    }
  }

  const between: PathStep[][] = plateaus.slice(1).map(() => [])
  let k = 0
  for (const s of path) {
    while (k < between.length && s.x >= plateaus[k + 1].xFirst) k++
    if (k < between.length && s.x > plateaus[k].xLast) between[k].push(s)
  }

  const corners: { x: number; y: number }[] = [{ x: startColumn, y: startLevel }]
  const push = (x: number, y: number) => {
    const last = corners[corners.length - 1]
    corners.push({ x: Math.max(x, last.x), y: Math.max(y, last.y) })
  }
  for (let i = 0; i + 1 < plateaus.length; i++) {
    const y1 = plateaus[i].level
    const y2 = plateaus[i + 1].level
    const { a, b } = faintLevels(plateaus[i], plateaus[i + 1], map, w)
    const steps = between[i].filter((s) => s.x > a.xLast && s.x < b.xFirst)
    const seen = transitionColumns(a, b, steps, runs, half, band)
    if (seen.size === 0) {
      // Nothing of the fall was seen (a gap in a dash pattern, a crossing, a hidden stretch).
      push(b.xFirst > a.xLast + 1 ? a.xLast + 1 : b.xFirst, y1)
      push(b.xFirst, y2)
      continue
    }
    const xs = [...seen.keys()]
    const first = Math.min(...xs)
    const last = Math.max(...xs)
    const width = last - first + 1
    // Columns at either end where the line was not seen: the curve was hidden there, and how it
    // fell there is unknown, so the fall is left as a sloped stretch across them.
    const hiddenHead = first - a.xLast - 1 > 1
    const hiddenTail = b.xFirst - last - 1 > 1
    if (seen.size < (2 / 3) * width) {
      push(hiddenHead ? a.xLast + 1 : first, y1)
      push(hiddenTail ? b.xFirst : last + 1, y2)
    } else if (width <= w + SINGLE_DROP_EXTRA && !hiddenTail) {
      const x = dropTime(y1, y2, first, last, seen, map, w)
      push(x, y1)
      push(x, y2)
    } else {
      const x1 = hiddenHead ? a.xLast + 1 : first + half
      const x2 = hiddenTail ? b.xFirst : Math.max(x1, last + 1 - half)
      push(x1, y1)
      for (let c = first; c <= last; c++) {
        const centre = seen.get(c)
        if (centre !== undefined && c + 0.5 > x1 && c + 0.5 < x2) {
          push(c + 0.5, Math.min(y2, Math.max(y1, centre)))
        }
      }
      push(x2, y2)
    }
  }
  const last = plateaus[plateaus.length - 1]
  push(Math.max(last.xLast + 1 - half, corners[corners.length - 1].x), last.level)
  return { corners, plateaus, between }
}

/**
 * A column shows the line at a level when the coverage over the rows about both levels sums to at
 * least this share of the line's width (a line's coverage summed down a column is its width,
 * however thin the line and pale its pixels) and its centroid lies within half the line's width
 * and FAINT_CENTRE pixels of that level. Measured on dev seeds 3000–3119 and 4000–4119 (00:38 UTC,
 * 2026-12-07, not asserted; whole % / silent / false alarms / mean IAE): 90.8 / 1 / 64 / 0.0020
 * → 92.3 / 1 / 67 / 0.0020 (random 3042 A, lancet 3076 A, random 3048 A, survminer 3013 Strata 1
 * whole, all still flagged: `gaps` for the pale stretch, or steps-merged), 89.4 / 1 / 69 /
 * 0.0025 → 89.4 / 1 / 68 / 0.0024.
 */
const FAINT_LEVEL = 0.5
const FAINT_CENTRE = 0.5
/**
 * A column with more than this many line widths of coverage holds more than one line: a mark, a
 * drop's vertical segment, steps merged, whose centroid need not be any line's level. Without it,
 * 3 px survminer and lancet lines whose levels lie 5–6 px apart with a small step between (lancet
 * 3112 B, survminer 3079 Strata 1) had drops moved a column or two early, and 3112 B fell to 0.949
 * of its columns within 2 px, unwarned.
 */
const FAINT_MOST = 1.5
/**
 * A column with a pixel this much covered between the two levels' lines shows neither: it holds
 * part of a drop's vertical segment (its anti-aliased edge column too, whose centroid still lies
 * near one level) or of a step between them, and where that drop falls is stepCorners' to read.
 * Without it (00:46 UTC, dev seeds 3000–3119): 92.3% → 91.9% of arms whole (survminer 3013
 * Strata 1, 0.951 → 0.950 of its columns within 2 px), and 29 arms' traces on both ranges moved.
 */
const FAINT_BETWEEN = 0.25

/**
 * Plateaus a and b with a's last column and b's first moved into the columns between them where
 * the line shows at their level only in pixels too pale to make a run: a hairline (0.5 px, Lancet
 * and JAMA) blurred by JPEG over two rows puts a quarter to a half of a pixel's ink in each, and
 * the fall across such a stretch, left as a slope from the last run seen to the next, would put
 * its drop anywhere along it (lancet 3076 A: 0.47–0.58 of coverage in each of 37 columns at the
 * upper level, before its drop). The curve never rises, so where its line shows at a's level it
 * has been there since a, across any column between that shows neither (a mark, a crossing, a
 * stretch hidden under another curve), and likewise back from where it shows at b's level: a
 * ends at the last column showing a's level and b starts at the first showing b's, and what lies
 * between is left to stepCorners as before. Levels closer than the line's width and two pixels
 * are left as they are.
 */
function faintLevels(
  a: Plateau,
  b: Plateau,
  map: CoverageMap,
  w: number,
): { a: Plateau; b: Plateau } {
  const half = w / 2
  if (b.level - a.level < w + 2 || b.xFirst - a.xLast <= 2) return { a, b }
  const r0 = Math.max(map.area.y0, Math.floor(a.level - half - 1))
  const r1 = Math.min(map.area.y1 - 1, Math.ceil(b.level + half + 1))
  const near = half + FAINT_CENTRE
  // 1: the line shows at a's level, 2: at b's, 0: neither.
  const at = (x: number) => {
    if (x < map.area.x0 || x >= map.area.x1) return 0
    let m = 0
    let my = 0
    for (let r = r0; r <= r1; r++) {
      const v = map.cover[(r - map.area.y0) * map.width + x - map.area.x0]
      // Ink between the two levels' lines: a drop's vertical segment, or a step between them.
      if (r > a.level + half + 1 && r + 1 < b.level - half - 1 && v >= FAINT_BETWEEN) return 0
      m += v
      my += v * (r + 0.5)
    }
    if (m < FAINT_LEVEL * w || m > FAINT_MOST * w) return 0
    const c = my / m
    return Math.abs(c - a.level) <= near ? 1 : Math.abs(c - b.level) <= near ? 2 : 0
  }
  let aEnd = a.xLast
  let bStart = b.xFirst
  for (let x = a.xLast + 1; x < b.xFirst; x++) {
    const k = at(x)
    if (k === 1) aEnd = x
    if (k === 2) bStart = Math.min(bStart, x)
  }
  // The line seen at b's level before a column where it is seen at a's: one of them is not this
  // line (a mark, a band's edge), and which is not known.
  if (aEnd >= bStart) return { a, b }
  return {
    a: aEnd > a.xLast ? { ...a, xLast: aEnd } : a,
    b: bStart < b.xFirst ? { ...b, xFirst: bStart } : b,
  }
}

/**
 * The columns between plateaus a and b that show the fall, with the centre of the line in each:
 * the path's own columns and any other column with a run over at least half the fall (a partly
 * covered edge column of a vertical segment can sit just outside the path). The
 * centre is that of the run clipped to the band, so that a mark sticking out beyond it does not
 * shift it.
 */
function transitionColumns(
  a: Plateau,
  b: Plateau,
  steps: readonly PathStep[],
  runs: ColumnRuns,
  half: number,
  band: ReadonlyMap<number, number>,
): Map<number, number> {
  const lo = a.level - half
  const hi = b.level + half
  const clipped = (j: number) => {
    // A run centred on either level that sticks out of the band beyond that level's line is a
    // mark drawn over the line there (dense "x" or "+" marks crowding a fall): clipped to the
    // band, its centre would lie off both levels, by up to half the mark's height. Steps merged
    // into one run by a steep fall lie within the band.
    if (runs.top[j] < lo - FLAT_EXTRA && Math.abs(runs.centre[j] - a.level) <= MARK_CENTRE)
      return a.level
    if (runs.bottom[j] > hi + FLAT_EXTRA && Math.abs(runs.centre[j] - b.level) <= MARK_CENTRE)
      return b.level
    const top = Math.max(lo, runs.top[j])
    const bottom = Math.min(hi, runs.bottom[j])
    return bottom > top ? (top + bottom) / 2 : runs.centre[j]
  }
  const seen = new Map<number, number>()
  for (const s of steps) seen.set(s.x, Math.min(hi, Math.max(lo, band.get(s.x) ?? clipped(s.run))))
  for (let x = a.xLast + 1; x < b.xFirst; x++) {
    const c = x - runs.x0
    if (seen.has(x) || c < 0 || c >= runs.columns) continue
    let best = -1
    let overlap = 0
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const o = Math.min(b.level, runs.bottom[j]) - Math.max(a.level, runs.top[j])
      if (o > overlap && o >= 0.5 * (b.level - a.level)) {
        overlap = o
        best = j
      }
    }
    if (best >= 0) seen.set(x, clipped(best))
  }
  return seen
}

/**
 * The time (image x) of one drop from level y1 to y2 seen in columns first…last (with the line's
 * centre in each in `centres`): from the rows strictly between the levels when the drop is taller
 * than the line, otherwise by matching the integral of the columns' centres (see stepCorners).
 */
function dropTime(
  y1: number,
  y2: number,
  first: number,
  last: number,
  centres: ReadonlyMap<number, number>,
  map: CoverageMap,
  w: number,
): number {
  const half = w / 2
  const rowFrom = Math.max(map.area.y0, Math.ceil(y1 + half + 1))
  const rowTo = Math.min(map.area.y1, Math.floor(y2 - half - 1))
  if (rowTo - rowFrom >= 1) {
    const xs: number[] = []
    const c0 = Math.max(map.area.x0, first - 2)
    const c1 = Math.min(map.area.x1 - 1, last + 2)
    for (let r = rowFrom; r < rowTo; r++) {
      const row = (r - map.area.y0) * map.width
      let m = 0
      let mx = 0
      for (let x = c0; x <= c1; x++) {
        const v = map.cover[row + x - map.area.x0]
        m += v
        mx += v * (x + 0.5)
      }
      if (m >= 0.5) xs.push(mx / m)
    }
    if (xs.length > 0) return median(xs)
  }
  let x = first
  for (let c = first; c <= last; c++) {
    const centre = centres.get(c) ?? (y1 + y2) / 2
    x += (y2 - Math.min(y2, Math.max(y1, centre))) / (y2 - y1)
  }
  return x
}

/**
 * The centre and height of the solid ink in run j of column x where the run is that ink drawn
 * over the curve's own band (see SOLID_LINE): the coverage-weighted centre of the solid block, its
 * edge rows counted for the share of their coverage above the tint beyond them; null where the
 * run is not such.
 */
function solidOverBand(
  x: number,
  j: number,
  runs: ColumnRuns,
  map: CoverageMap,
  w: number,
): { centre: number; height: number } | null {
  if (runs.flags[j] & RUN_FOLLOWED) return null
  if (runs.bottom[j] - runs.top[j] <= w + FLAT_EXTRA) return null
  if (x < map.area.x0 || x >= map.area.x1) return null
  const r0 = Math.max(map.area.y0, Math.floor(runs.top[j]))
  const r1 = Math.min(map.area.y1 - 1, Math.ceil(runs.bottom[j]) - 1)
  const at = (col: number, r: number) =>
    col < map.area.x0 || col >= map.area.x1
      ? 0
      : map.cover[(r - map.area.y0) * map.width + col - map.area.x0]
  // The run's own rows (none beyond it).
  const cover = (r: number) => (r < r0 || r > r1 ? 0 : at(x, r))
  let s0 = -1
  let s1 = -1
  for (let r = r0; r <= r1; r++) {
    if (cover(r) < SOLID_LINE) continue
    if (s0 >= 0 && r > s1 + 1) return null
    if (s0 < 0) s0 = r
    s1 = r
  }
  if (s0 < 0) return null
  // The band's tint lies across the columns on both sides as well; a drop's vertical segment,
  // whose anti-aliased edge column reads as pale as a tint beside the line's corner, is solid
  // (or absent) there.
  let rows = 0
  let left = 0
  let right = 0
  for (let r = r0; r <= r1; r++) {
    if (r >= s0 - 1 && r <= s1 + 1) continue
    if (cover(r) > TINT) return null
    rows++
    if (at(x - 1, r) >= TINT_LOW && at(x - 1, r) <= TINT) left++
    if (at(x + 1, r) >= TINT_LOW && at(x + 1, r) <= TINT) right++
  }
  if (Math.min(left, right) < BAND_SHARE * rows) return null
  // An edge row holds the line's edge over the band's tint, which goes on beyond it.
  const edge = (r: number, beyond: number) =>
    Math.max(0, Math.min(1, (cover(r) - cover(beyond)) / (1 - cover(beyond))))
  const up = edge(s0 - 1, s0 - 2)
  const down = edge(s1 + 1, s1 + 2)
  const solid = s1 - s0 + 1
  const height = solid + up + down
  const sum = ((s0 + s1 + 1) / 2) * solid + (s0 - 0.5) * up + (s1 + 1.5) * down
  return { centre: sum / height, height }
}

/**
 * Whether run j in image column x is the vertical bar of a "+" censor mark drawn in the line's
 * own colour (survminer): taller than the line, with own ink at its centre row reaching out to
 * both sides as far as the bar reaches above and below the line (the mark's horizontal arm, and
 * the line itself, which passes through the mark's centre). Such a bar is centred on the line, so
 * its centre is the line's level; a drop's vertical segment is as tall, but at its middle row
 * the ink is only the segment's own width wide. A tick or a circle's side centred on the line
 * passes too (its centre is the line's level as well); a tick that only rises from the line does
 * not, nor do such ticks crowded so close that they fill each other's columns (besideOtherLevel). A drop less tall than the line passes (its middle row lies in both plateaus' lines): its
 * columns are read at the middle level, within half the drop of either side.
 */
export function isPlusBar(
  x: number,
  j: number,
  runs: ColumnRuns,
  w: number,
  black = false,
): boolean {
  // The mark's ink: the line's own, or (black) that of black marks (RUN_MARK), whose horizontal
  // arm hides the line through the mark's centre.
  const isMark = (i: number) => (runs.flags[i] & RUN_FOLLOWED) === RUN_MARK
  const ink = (i: number) => !(runs.flags[i] & RUN_FOLLOWED) || (black && isMark(i))
  if (black ? !isMark(j) : !ink(j)) return false
  const height = runs.bottom[j] - runs.top[j]
  if (height <= w + FLAT_EXTRA) return false
  const arm = (height - w) / 2 - 1
  const c = (runs.top[j] + runs.bottom[j]) / 2
  const inked = (col: number) => {
    const k = col - runs.x0
    if (k < 0 || k >= runs.columns) return false
    for (let i = runs.start[k]; i < runs.start[k + 1]; i++) {
      if (ink(i) && runs.top[i] <= c && runs.bottom[i] >= c) return true
    }
    return false
  }
  for (const dir of [-1, 1]) {
    for (let d = 1; d <= arm; d++) if (!inked(x + dir * d)) return false
  }
  return black || !besideOtherLevel(x, j, runs, w)
}

/**
 * Whether run j in column x stands on the line rather than across it: the line nearest on each
 * side where it shows plainly (a run of own ink no taller than the line, within reach of the run)
 * lies below the run's centre by more than BAR_OFF_LINE, with its lower edge level with the run's
 * foot, on both sides. Upward ticks crowded a pixel or two apart (JCO) fill each other's columns
 * at their middle row as a "+"'s arm does, yet their centre is half a tick above the line; a "+"
 * is centred on the line it is drawn on.
 */
function besideOtherLevel(x: number, j: number, runs: ColumnRuns, w: number): boolean {
  const c = runs.centre[j]
  const height = runs.bottom[j] - runs.top[j]
  const span = Math.ceil(2 * height)
  let seen = 0
  for (const dir of [-1, 1]) {
    for (let d = 1; d <= span; d++) {
      const k = x + dir * d - runs.x0
      if (k < 0 || k >= runs.columns) break
      let found = -1
      for (let i = runs.start[k]; i < runs.start[k + 1]; i++) {
        if (runs.flags[i] & RUN_FOLLOWED) continue
        if (runs.bottom[i] - runs.top[i] > w + FLAT_EXTRA) continue
        if (Math.abs(runs.centre[i] - c) > height / 2 + w) continue
        if (found < 0 || Math.abs(runs.centre[i] - c) < Math.abs(runs.centre[found] - c)) found = i
      }
      if (found < 0) continue
      // Off below the bar's centre, with the bar standing on it: its foot is the line's edge.
      const below = runs.centre[found] - c > BAR_OFF_LINE
      if (!below || Math.abs(runs.bottom[found] - runs.bottom[j]) > BAR_OFF_LINE) return false
      seen++
      break
    }
  }
  return seen > 0
}

/**
 * The path with each column where it runs along a censor mark's arm past a drop moved down to the
 * line (ARM_REACH): a "+" drawn just before a drop has its right arm at the old level, over the
 * columns where the line has already fallen, and the path, which keeps to the higher ink, runs
 * along it and puts the drop at the arm's end — up to a mark's width late. Such a stretch is a run
 * as thin as the line with an own run of the line just below it, that begins right after a column
 * where the two are joined (the drop's vertical segment) and ends where the path falls to that
 * lower ink. A mark's left arm reaching back before a drop under the line has the joined column on
 * its right instead, and is left alone. Measured on dev seeds (19:25 UTC, not asserted): forced
 * survminer 3000–3059 77.0% → 79.7% of arms whole (silent 6 → 5), 4000–4059 73.9% → 75.8%
 * (silent 5 → 4); the cases' IAE unchanged (0.00162).
 */
export function lineUnderArms(
  path: readonly PathStep[],
  runs: ColumnRuns,
  w: number,
  common: number,
): readonly PathStep[] {
  const own = (j: number) => !(runs.flags[j] & RUN_NOT_OWN)
  const column = (x: number) => x - runs.x0
  // The first own run below the path's run in its column.
  const below = (s: PathStep): number => {
    const p = s.run
    if (!own(p) || runs.bottom[p] - runs.top[p] > w + FLAT_EXTRA) return -1
    const c = column(s.x)
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (own(j) && runs.top[j] > runs.bottom[p]) {
        return runs.peak[j] >= SOLID * runs.peak[p] ? j : -1
      }
    }
    return -1
  }
  // Column x holds one own run from the arm's centre down to the top of the line below.
  const joined = (x: number, from: number, to: number) => {
    const c = column(x)
    if (c < 0 || c >= runs.columns) return false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (own(j) && runs.top[j] <= from && runs.bottom[j] >= to) return true
    }
    return false
  }
  let out: PathStep[] | undefined
  for (let i = 0; i < path.length;) {
    const first = below(path[i])
    if (first < 0) {
      i++
      continue
    }
    const lows = [first]
    let e = i
    while (e + 1 < path.length && path[e + 1].x === path[e].x + 1) {
      const j = below(path[e + 1])
      // The line below goes on from column to column: its runs in neighbouring columns touch.
      const prev = lows[lows.length - 1]
      if (j < 0 || runs.top[j] > runs.bottom[prev] + 1 || runs.bottom[j] < runs.top[prev] - 1) break
      lows.push(j)
      e++
    }
    const next = path[e + 1]
    const arm = path[i].run
    // Columns where the arm is at least half as tall as the line: the anti-aliased corner of any
    // drop shows one such column beside its vertical segment, a mark's arm more.
    let thick = 0
    for (let k = i; k <= e; k++) {
      if (runs.bottom[path[k].run] - runs.top[path[k].run] >= ARM_HEIGHT * common) thick++
    }
    if (
      thick >= ARM_COLUMNS &&
      lows.length <= ARM_REACH * w &&
      next !== undefined &&
      next.x === path[e].x + 1 &&
      runs.top[next.run] > runs.bottom[path[e].run] &&
      joined(path[i].x - 1, runs.centre[arm], runs.top[first])
    ) {
      out ??= [...path]
      for (let k = 0; k < lows.length; k++) {
        const centre = runs.centre[lows[k]]
        out[i + k] = {
          x: path[i + k].x,
          run: lows[k],
          entry: centre,
          exit: centre,
        }
      }
    }
    i = e + 1
  }
  return out ?? path
}

/**
 * The path with each column where it runs along a sliver of ink at a black censor mark's edge
 * moved onto the mark (NEJM's black "+" over a coloured line): where the mark hides the line, what
 * shows of the line's colour is its anti-aliased edge, a sliver (or a part less tall than the
 * line) touching the mark above or below, and the path, which follows it, runs up to half a line
 * width (a thin line: half the mark's bar) off the line. The mark is centred on the line, so it
 * gives the line's level instead: its vertical bar (isPlusBar with its black arm through the
 * centre), or its horizontal arm, as tall as the line, with slivers of the line's edge showing on
 * both sides of it. Measured on dev seeds (20:20 UTC, not asserted; whole % / silent): forced NEJM
 * 3000–3039 65.3 / 0 → 75.2 / 0, 4000–4039 64.3 / 0 → 70.4 / 0; 3000–3119 87.3 / 3 → 88.0 / 3,
 * 4000–4119 83.1 / 4 → 84.9 / 4; the cases' IAE unchanged (0.00162).
 */
export function lineUnderMarks(
  path: readonly PathStep[],
  runs: ColumnRuns,
  w: number,
): readonly PathStep[] {
  const own = (j: number) => !(runs.flags[j] & RUN_NOT_OWN)
  const sliver = (j: number) => own(j) && runs.bottom[j] - runs.top[j] < SLIVER * w
  // Run a ends just above run b.
  const onTop = (a: number, b: number) =>
    runs.bottom[a] <= runs.top[b] && runs.top[b] - runs.bottom[a] <= TOUCH
  let out: PathStep[] | undefined
  for (let i = 0; i < path.length; i++) {
    const s = path[i]
    // A run less tall than the line is part of it at most.
    if (!own(s.run) || runs.bottom[s.run] - runs.top[s.run] >= w) continue
    const from = runs.start[s.x - runs.x0]
    const to = runs.start[s.x - runs.x0 + 1]
    for (let j = from; j < to; j++) {
      if (!(runs.flags[j] & RUN_MARK)) continue
      const above = onTop(s.run, j)
      if (!above && !onTop(j, s.run)) continue
      let bar = isPlusBar(s.x, j, runs, w, true)
      if (!bar && sliver(s.run) && runs.bottom[j] - runs.top[j] <= w + FLAT_EXTRA) {
        // The line's other edge shows on the mark's other side.
        for (let k = from; k < to && !bar; k++) {
          bar = k !== s.run && sliver(k) && (above ? onTop(j, k) : onTop(k, j))
        }
      }
      if (!bar) continue
      out ??= [...path]
      out[i] = { x: s.x, run: j, entry: runs.centre[j], exit: runs.centre[j] }
      break
    }
  }
  return out ?? path
}

/**
 * The path with each column where it runs along one leg of a mark drawn over the line moved onto
 * the line between the legs: an "x" (or a circle, or a "+" seen beside its bar) in the line's own
 * colour shows in a column as three runs, its two legs mirrored about the line through its
 * centre, and the path, kept to one side, may run along the outer one for the mark's width and
 * put a plateau there, half the mark's height off the line (random 4014 A: black "x" marks 13 px
 * tall on a 4 px line, plateaus 4–5 px under the line at six marks). The outer run must be as
 * tall as a line at most, the middle one too, both others as solid as it (SOLID), and the middle
 * one's centre must lie within LEG_SYMMETRY of halfway between the two outer ones' centres, which
 * lie within LEG_REACH line widths of it.
 */
export function lineBetweenLegs(
  path: readonly PathStep[],
  runs: ColumnRuns,
  w: number,
): readonly PathStep[] {
  const own = (j: number) => !(runs.flags[j] & RUN_NOT_OWN)
  const lineLike = (j: number) => {
    const h = runs.bottom[j] - runs.top[j]
    return own(j) && h >= SLIVER * w && h <= w + FLAT_EXTRA
  }
  let out: PathStep[] | undefined
  for (let i = 0; i < path.length; i++) {
    const s = path[i]
    if (!lineLike(s.run)) continue
    const c = s.x - runs.x0
    for (let dir = -1; dir <= 1; dir += 2) {
      // The next two own runs of the column beyond the path's, that way.
      const m = nextOwn(s.run, dir, runs.start[c], runs.start[c + 1], own)
      const u = m < 0 ? -1 : nextOwn(m, dir, runs.start[c], runs.start[c + 1], own)
      if (u < 0 || !lineLike(m)) continue
      // A mark's legs and the line are drawn in one ink: a fainter run is a band's edge.
      if (Math.min(runs.peak[m], runs.peak[u]) < SOLID * runs.peak[s.run]) continue
      const mid = (runs.centre[s.run] + runs.centre[u]) / 2
      if (Math.abs(runs.centre[m] - mid) > LEG_SYMMETRY) continue
      if (Math.abs(runs.centre[s.run] - runs.centre[m]) > LEG_REACH * w) continue
      out ??= [...path]
      out[i] = { x: s.x, run: m, entry: runs.centre[m], exit: runs.centre[m] }
      break
    }
  }
  return out ?? path
}

/**
 * Whether run j of column x is the rim of a mark in the line's own colour rather than the line
 * (see RIM_GAP): as solid a run of its own ink (SOLID), taller than the line, lies within RIM_GAP
 * line widths of it on exactly one side. The line inside a ring has ink on both sides, and the
 * plain line on neither.
 */
export function isMarkRim(x: number, j: number, runs: ColumnRuns, w: number): boolean {
  const own = (k: number) => !(runs.flags[k] & RUN_NOT_OWN)
  if (!own(j) || runs.bottom[j] - runs.top[j] < RIM_HEIGHT * w) return false
  const c = x - runs.x0
  const near = (dir: number) => {
    const k = nextOwn(j, dir, runs.start[c], runs.start[c + 1], own)
    if (k < 0 || runs.bottom[k] - runs.top[k] <= w + FLAT_EXTRA) return false
    const gap = dir < 0 ? runs.top[j] - runs.bottom[k] : runs.top[k] - runs.bottom[j]
    return gap <= RIM_GAP * w && runs.peak[k] >= SOLID * runs.peak[j]
  }
  return near(-1) !== near(1)
}

/** The first run after `j` in direction `dir` (±1) within [from, to) for which `own` holds; −1 if none. */
function nextOwn(
  j: number,
  dir: number,
  from: number,
  to: number,
  own: (j: number) => boolean,
): number {
  for (let k = j + dir; k >= from && k < to; k += dir) if (own(k)) return k
  return -1
}
