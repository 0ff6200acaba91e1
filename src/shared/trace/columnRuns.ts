import { type CoverageMap, MARK_INK, SIBLING_INK, TINTED } from './coverage'

/** A pixel at least this much covered is inside a line; below it, at most its anti-aliased edge. */
export const CORE = 0.45
/**
 * A line thinner than a pixel, or one pixel wide and straddling two rows, may leave no pixel
 * CORE-covered (JPEG softens it further): two vertically adjacent pixels each at least PAIR_EACH
 * covered and together at least PAIR_SUM, with less ink than either in the pixel above and below
 * them and less than PAIR_AROUND of it in the next (a stripe, where a tinted band is wider), are
 * its core too.
 */
const PAIR_EACH = 0.2
const PAIR_SUM = 0.6
const PAIR_AROUND = 0.5
/**
 * In a line thinner than a pixel of a pale colour, JPEG leaves many columns with no pixel CORE-
 * covered and no pair: a pixel at least this covered, with less ink above and below it, is its
 * core there too (columnRuns' `ridges`, for thin curves only).
 */
const RIDGE = 0.2
/**
 * A run of mark ink no taller than this (pixels) is a censor mark's horizontal bar (or a dot), not
 * its vertical stroke nor a blob of marks; own ink touching it on both sides (at most
 * HALO_TOUCH pixels away, each run no taller than HALO_HEIGHT) is colour bled past it: see
 * `flagHalos`.
 */
const BAR_HEIGHT = 4
const HALO_TOUCH = 1
const HALO_HEIGHT = 4
/**
 * A run of this curve's colour whose ink lies at least this share in pixels of a darker
 * sibling's hue (coverage.ts: CoverageMap's `tint`) is that sibling's line read as this colour
 * (a dark slate line under a pixel wide, which leaves no pixel darker than grey can be: forced-JAMA
 * development seed 4032, the grey arm traced along the slate one, IAE 0.082) — unless the
 * sibling's own ink lies within BLEED rows of it in its column: JPEG's coarse colour channel
 * tints a grey line drawn 2–3 px from a thicker slate one too (seeds 4014 and 4079).
 */
const TINT_SHARE = 0.5
const BLEED = 3
/**
 * A run of at least SPLIT_ROWS pixels whose inner pixels are at least SPLIT_SHARE of them within
 * SPLIT_EVEN of their median coverage is a vertical segment lying across two columns (or thinner
 * than a pixel): each of its pixels is covered alike and only in part, so that its covered length
 * (`mass`) falls short of its height by that share. Its edges are set from its mass over that
 * coverage, not from its mass alone (development seed 3104 in NEJM style: a 1.25 px line falling
 * 122 px, 0.63 and 0.67 covered in its two columns, was read as a run 84 px tall, without its top
 * 18 px and its foot 19 px, and its trace ended at the drop's top). A line's run is shorter; a
 * tinted band beneath it is covered less than the line.
 */
const SPLIT_ROWS = 20
const SPLIT_EVEN = 0.1
const SPLIT_SHARE = 0.8
/**
 * Rows of another curve's ink that a run's own ink on its far side must lie across (`across`):
 * a single row is the blended edge where two lines meet.
 */
const ACROSS_ROWS = 2
/** A straight line counts as a gridline or an axis when it covers this share of the area. */
const LINE_SHARE = 0.85
/** ... and is present in this share of the area's first and last tenth. */
const END_SHARE = 0.5

/** Bit flags of a run. */
export const RUN_NEXT_TO_OTHER = 1
/** A run set aside as more likely a lighter or darker sibling curve's (siblingRuns.ts). */
export const RUN_SIBLING = 2
/**
 * A run of another curve's ink (`under` says whose), under which this curve may be hidden: the
 * path may follow it where this curve's own ink is gone, and the stretch is reported.
 */
export const RUN_UNDER = 4
/**
 * A run of dark neutral ink that is no curve's (coverage.ts: MARK_INK): black censor marks drawn
 * over a coloured curve (NEJM's "+"), which hide the line beneath them. The path may follow it at
 * the curve's level, and the censor marks are read from it.
 */
export const RUN_MARK = 8
/**
 * Set beside RUN_SIBLING on a run that is a darker sibling's line read as this curve's colour
 * (siblingRuns.ts: markAlternatingRuns): no ink of this curve's left beyond its trace's end.
 */
export const RUN_ALTERNATE = 16
/**
 * Set beside RUN_MARK on a run of the curve's colour that touches a black mark's bar from both
 * sides or a mark's stroke at its end (`flagHalos`): seen, but followed only at the curve's level.
 */
export const RUN_HALO = 32
/**
 * Set on a run of the curve's own ink that touches, or lies one blended row from, another curve's
 * ink that the coverage map left unmarked (coverage.ts: CoverageMap's `hidden`): with three or
 * more curves, a pixel of one is left to none when an earlier listed curve explains it better
 * than this colour, only weakly. There a later curve covers this one and what shows of this
 * one's line may be its uncovered edge or its marks' tips, the line itself beneath the other,
 * several pixels off (survminer development seed 6097, Strata 2: under Strata 3's blue line,
 * traced 3–9 px off, status whole). Not among RUN_NOT_OWN, and read only by traceStatus.ts, as
 * own ink beside another curve's: marked RUN_NEXT_TO_OTHER instead, whose runs the path doubts,
 * they changed the traces (forced survminer 6000–6119: whole 83.7% → 80.1%). Measured with
 * traceStatus on development seeds (15:46–16:00 UTC, not asserted; true colours): 6000–6479
 * silent arms 11 → 10, false alarms 324 → 327; forced survminer 6000–6119 9 → 8, 74 → 77;
 * checked once on 7000–7479, 12 → 11, 315 → 318; whole arms and IAE unchanged. Counting a run
 * one blended row from ink marked another curve's (`other`) too caught no silent arm and added
 * 5 and 10 false alarms on 6000–6119 and forced survminer 6000–6119.
 */
export const RUN_BESIDE_HIDDEN = 64
/** Runs of ink that is not this curve's, followed only at the curve's level. */
export const RUN_FOLLOWED = RUN_UNDER | RUN_MARK
/** Runs that are not this curve's own ink beyond doubt. */
export const RUN_NOT_OWN = RUN_NEXT_TO_OTHER | RUN_SIBLING | RUN_UNDER | RUN_MARK

/**
 * The vertical runs of curve pixels in each column of a coverage map: `start[c]`…`start[c+1]` are
 * the runs of column c (area-relative). Edges are in image pixels, continuous (a pixel row r spans
 * [r, r+1)): `top`/`bottom` are the run's centroid ∓ half its covered length, which is exact for a
 * box-filtered line of any sub-pixel position; `r0`/`r1` are its first and last pixel rows.
 */
export interface ColumnRuns {
  x0: number
  columns: number
  start: Int32Array
  top: Float64Array
  bottom: Float64Array
  centre: Float64Array
  mass: Float64Array
  /** The run's largest pixel coverage. */
  peak: Float64Array
  r0: Int32Array
  r1: Int32Array
  flags: Uint8Array
  /** For a RUN_UNDER run, the index of the other curve (in the coverage map's `others`); else −1. */
  under: Int16Array
  /**
   * For a run of the curve's own ink: 1 + the index of the other curve (as `under`) whose ink
   * touches the run's top (`inkAbove`) or its bottom (`inkBelow`), directly or across one
   * blended row, whether that ink is marked the other curve's or left to none (CoverageMap's
   * `hidden`); 0 for none (see inkAround). Absent on runs made by hand.
   */
  inkAbove?: Int16Array
  inkBelow?: Int16Array
  /**
   * For a run of the curve's own ink: the index of the other curve (as `under`) whose ink, at
   * least ACROSS_ROWS of it, touches the run on one side and has this curve's core on its other
   * side: the other curve's line drawn across this one's, whose ink shows on both sides of it;
   * −1 for none (see inkAround). Absent on runs made by hand.
   */
  across?: Int16Array
  /** Rows and columns (image pixels) taken for gridlines or axes, whose runs were dropped. */
  gridRows: number[]
  gridColumns: number[]
}

/**
 * A straight row line (StraightLines' `rows`) less than this share of whose pixels are the curve's
 * own core is another ink's line, a grey frame or gridline, that the curve lies on for part of its
 * length: the curve's own runs in it are kept (onLine). They are the curve, in the grey tinted
 * toward its colour where the two blend: an arm at survival 1 on NEJM's top frame (forced-NEJM
 * development seeds 7014 A and 7307 A: 41–66 own core pixels in a frame row of 766–901, whose
 * runs were dropped with the frame's, the paths sliding 6–8 px down onto marks' ink for 45–80
 * columns). A line read as the curve's own over most of its length is dropped whole, as before:
 * its plain stretches cannot be told from the curve's (a blue arm reads NEJM's #808080 frame as
 * its own at coverage 0.76: 587 of 651 pixels in forced-NEJM 6118 B, whose trace, keeping them,
 * ran along the frame at survival 1). Measured with traceStatus's ownBelow on forced-NEJM
 * development seeds 7000–7119 and 7240–7359 (true colours, 13:28 UTC, not asserted): whole
 * 84.1% → 84.4% and 85.0% → 85.3%, silent arms 5 → 5 and 1 → 1, false alarms 148 → 147 and
 * 150 → 150; on 6000–6119 (checked once), 90.0% → 90.3%.
 */
const ON_LINE = 0.5

/** Rows and columns taken for straight lines (1) or not (0), of the curve's ink and of mark ink. */
interface StraightLines {
  rows: Uint8Array
  /**
   * Rows of `rows` whose line is mostly not of the curve's own core colour (ON_LINE): a grey frame
   * or gridline that the curve lies on for part of its length.
   */
  onLine: Uint8Array
  columns: Uint8Array
  markRows: Uint8Array
  markColumns: Uint8Array
}

/**
 * Rows and columns that a straight line of curve-coloured core pixels, or of the other curves'
 * ink, crosses from end to end: gridlines, axes and the plot frame. A KM plateau covers much of
 * the width too, but never both ends (it would be a curve without events), which is what keeps
 * plateaus from being erased as WebPlotDigitizer's grid removal erases them. Mark ink is counted
 * apart (`markRows`, `markColumns`): a black frame or axis is no line of a curve's colour, and a
 * curve's plateau along it must not be erased with it. A row (column) holding fewer ink pixels of
 * any colour than a line needs is none, whatever the curve: only the others' pixels are counted.
 */
function straightLines(map: CoverageMap): StraightLines {
  const { width, height, cover, other, inkAt } = map
  const { start, rows, rowStart } = map.columns
  const n = cover.length
  // Counts per row and per column of the curve's ink [0] and of mark ink [1]: all, in the first
  // and in the last tenth.
  const rowN = [new Int32Array(height), new Int32Array(height)]
  const rowHead = [new Int32Array(height), new Int32Array(height)]
  const rowTail = [new Int32Array(height), new Int32Array(height)]
  const colN = [new Int32Array(width), new Int32Array(width)]
  const colHead = [new Int32Array(width), new Int32Array(width)]
  const colTail = [new Int32Array(width), new Int32Array(width)]
  // The curve's own core pixels (not another curve's ink) per row (see onLine).
  const ownN = new Int32Array(height)
  const endX = Math.max(1, Math.floor(width / 10))
  const endY = Math.max(1, Math.floor(height / 10))
  // A faint line of a pixel or so (a light grey gridline read against a dark curve colour) may
  // leave no pixel CORE-covered, only pairs of rows (columnRuns' pair core): those count too.
  const pairAt = (i: number, j: number) =>
    j >= 0 && j < n && cover[j] >= PAIR_EACH && cover[i] + cover[j] >= PAIR_SUM
  const core = (i: number) =>
    cover[i] >= CORE || (cover[i] >= PAIR_EACH && (pairAt(i, i - width) || pairAt(i, i + width)))
  // 1 for mark ink, 0 for the curve's or another curve's, −1 for a pixel not counted.
  const kind = (i: number) => {
    const o = other[i]
    return o === MARK_INK ? 1 : o !== 0 || core(i) ? 0 : -1
  }
  for (let y = 0; y < height; y++) {
    if (rowStart[y + 1] - rowStart[y] < LINE_SHARE * width) continue
    for (let k = rowStart[y]; k < rowStart[y + 1]; k++) {
      const i = inkAt[k]
      const m = kind(i)
      if (m < 0) continue
      const x = i - y * width
      rowN[m][y]++
      if (x < endX) rowHead[m][y]++
      if (x >= width - endX) rowTail[m][y]++
      if (m === 0 && other[i] === 0) ownN[y]++
    }
  }
  for (let x = 0; x < width; x++) {
    if (start[x + 1] - start[x] < LINE_SHARE * height) continue
    for (let p = start[x]; p < start[x + 1]; p++) {
      const y = rows[p]
      const m = kind(y * width + x)
      if (m < 0) continue
      colN[m][x]++
      if (y < endY) colHead[m][x]++
      if (y >= height - endY) colTail[m][x]++
    }
  }
  const lines = (
    n: Int32Array,
    head: Int32Array,
    tail: Int32Array,
    length: number,
    end: number,
  ) => {
    const out = new Uint8Array(n.length)
    for (let l = 0; l < n.length; l++) {
      if (n[l] >= LINE_SHARE * length && head[l] >= END_SHARE * end && tail[l] >= END_SHARE * end) {
        out[l] = 1
      }
    }
    return out
  }
  const rowLines = lines(rowN[0], rowHead[0], rowTail[0], width, endX)
  const onLine = new Uint8Array(height)
  for (let y = 0; y < height; y++) {
    if (rowLines[y] && ownN[y] < ON_LINE * rowN[0][y]) onLine[y] = 1
  }
  return {
    rows: rowLines,
    onLine,
    columns: lines(colN[0], colHead[0], colTail[0], height, endY),
    markRows: lines(rowN[1], rowHead[1], rowTail[1], width, endX),
    markColumns: lines(colN[1], colHead[1], colTail[1], height, endY),
  }
}

/**
 * Finds the runs of every column. A run is a stretch of core pixels (coverage ≥ CORE) with the
 * partly covered pixel at each end; its covered length is corrected for a tinted local background
 * (a confidence band, a gridline beneath) by taking the coverage just outside each end as that
 * side's background. Runs that lie within a gridline or axis row (save the curve's own runs on a
 * line whose ends are not its colour: StraightLines' onLine), and all runs of gridline or axis
 * columns, are dropped: the curve is bridged across them later. Runs touching pixels of another
 * curve's colour are flagged, for they may be that curve's anti-aliased edge. Stretches of another
 * curve's ink are runs too, flagged RUN_UNDER with that curve's index, each pixel counted as
 * fully covered (its edges, partly covered, are not the other curve's beyond doubt); so are
 * stretches of mark ink, flagged RUN_MARK. With `ridges`, a pixel at least RIDGE covered with less
 * ink above and below it is core too (a thin pale line in a JPEG; traceCurve reads a thin curve
 * that way again when its trace stops short).
 */
export function columnRuns(map: CoverageMap, ridges = false): ColumnRuns {
  const { width, height, cover, other, area, tint, hidden } = map
  const { rows: rowLines, onLine, columns: colLines, markRows, markColumns } = straightLines(map)
  // A row whose own runs are dropped: a straight line, unless the curve lies on it (onLine).
  const line = (r: number) => rowLines[r] && !onLine[r]
  // Every ink pixel's row, column by column (coverage.ts: inkColumns). Rows of ink that is
  // neither this curve's nor another's are skipped at once below, like background rows.
  const ink = map.columns

  // The runs, in growable typed arrays (doubled when full).
  let cap = 1024
  let n = 0
  let top = new Float64Array(cap)
  let bottom = new Float64Array(cap)
  let centre = new Float64Array(cap)
  let mass = new Float64Array(cap)
  let peak = new Float64Array(cap)
  let r0s = new Int32Array(cap)
  let r1s = new Int32Array(cap)
  let flags = new Uint8Array(cap)
  let unders = new Int16Array(cap)
  const grown = <T extends Float64Array | Int32Array | Uint8Array | Int16Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(2 * cap)
    b.set(a)
    return b
  }
  const push = (
    t: number,
    bt: number,
    c: number,
    m: number,
    pk: number,
    a: number,
    b: number,
    f: number,
    u: number,
  ) => {
    if (n === cap) {
      top = grown(top)
      bottom = grown(bottom)
      centre = grown(centre)
      mass = grown(mass)
      peak = grown(peak)
      r0s = grown(r0s)
      r1s = grown(r1s)
      flags = grown(flags)
      unders = grown(unders)
      cap *= 2
    }
    top[n] = t
    bottom[n] = bt
    centre[n] = c
    mass[n] = m
    peak[n] = pk
    r0s[n] = a
    r1s[n] = b
    flags[n] = f
    unders[n] = u
    n++
  }
  const start = new Int32Array(width + 1)
  const at = (x: number, y: number) => (y < 0 || y >= height ? 0 : cover[y * width + x])
  // Mark ink beside a run does not make it doubtful: the marks sit on the curve they belong to.
  const isOther = (x: number, y: number) => {
    const k = y >= 0 && y < height ? other[y * width + x] : 0
    return k !== 0 && k !== MARK_INK
  }

  // Another curve's ink that `other` leaves unmarked (CoverageMap's `hidden`) touching rows a…b,
  // or across one row that is not this curve's core (their anti-aliased blend): RUN_BESIDE_HIDDEN.
  const hiddenAt = (x: number, y: number) =>
    !!hidden && y >= 0 && y < height && hidden[y * width + x] !== 0
  const besideHidden = (x: number, a: number, b: number) =>
    hiddenAt(x, a - 1) ||
    hiddenAt(x, b + 1) ||
    (at(x, a - 1) < CORE && hiddenAt(x, a - 2)) ||
    (at(x, b + 1) < CORE && hiddenAt(x, b + 2))
  // Two pixels alike (a line one pixel wide straddling two rows, which JPEG's 8×8 smoothing of a
  // flat stretch leaves at exactly one value) with less ink above and below them: the upper is the
  // ridge (lancet development seed 6226 C: a grey tail 0.24 covered in both rows over 33 columns
  // held no ridge, and the trace ended at the first tick on it, 6% of the time span early). Not
  // beside ink of a mark or another curve: there two alike pixels are that ink's blurred edge
  // (forced-NEJM 3020 C, a speck under a black "+" drew the path off its row of marks).
  const noOtherInk = (x: number, y: number) => y < 0 || y >= height || other[y * width + x] === 0
  const tiedRidge = (x: number, y: number, v: number) =>
    at(x, y + 1) === v && at(x, y + 2) < v && noOtherInk(x, y - 1) && noOtherInk(x, y + 2)
  for (let x = 0; x < width; x++) {
    start[x] = n
    if (colLines[x]) continue
    // The column's ink rows, in order: background rows between them are skipped.
    let p = ink.start[x]
    const pEnd = ink.start[x + 1]
    let y = p < pEnd ? ink.rows[p] : height
    while (y < height) {
      const v = at(x, y)
      const pair =
        v < CORE &&
        v >= PAIR_EACH &&
        at(x, y + 1) >= PAIR_EACH &&
        v + at(x, y + 1) >= PAIR_SUM &&
        at(x, y - 1) < Math.min(v, at(x, y + 1)) &&
        at(x, y + 2) < Math.min(v, at(x, y + 1)) &&
        at(x, y - 2) < PAIR_AROUND * Math.min(v, at(x, y + 1)) &&
        at(x, y + 3) < PAIR_AROUND * Math.min(v, at(x, y + 1))
      const ridge =
        ridges &&
        !pair &&
        v < CORE &&
        v >= RIDGE &&
        at(x, y - 1) < v &&
        (at(x, y + 1) < v || tiedRidge(x, y, v))
      if (v < CORE && !pair && !ridge) {
        const k = other[y * width + x]
        if (k === 0) {
          while (p < pEnd && ink.rows[p] <= y) p++
          y = p < pEnd ? ink.rows[p] : height
          continue
        }
        const a = y
        while (y + 1 < height && other[(y + 1) * width + x] === k) y++
        // Mark ink along a black frame, axis or gridline is that line, not marks.
        const mark = k === MARK_INK
        let inLine = true
        if (!(mark && markColumns[x])) {
          for (let r = a; r <= y && inLine; r++) {
            if (!rowLines[r] && !(mark && markRows[r])) inLine = false
          }
        }
        if (inLine) {
          y++
          continue
        }
        push(
          area.y0 + a,
          area.y0 + y + 1,
          area.y0 + (a + y + 1) / 2,
          y + 1 - a,
          1,
          area.y0 + a,
          area.y0 + y,
          mark ? RUN_MARK : RUN_UNDER,
          mark ? -1 : k - 1,
        )
        y++
        continue
      }
      let a = y
      let b = pair ? y + 1 : y
      while (b + 1 < height && at(x, b + 1) >= CORE) b++
      y = b + 1
      if (a > 0 && at(x, a - 1) > 0) a--
      if (b + 1 < height && at(x, b + 1) > 0 && at(x, b + 2) < CORE) b++
      let inLine = true
      for (let r = a; r <= b && inLine; r++) {
        if (!line(r) && !(r === a && line(r + 1)) && !(r === b && line(r - 1))) {
          inLine = false
        }
      }
      if (inLine) {
        y = Math.max(y, b + 1)
        continue
      }
      const bgTop = at(x, a - 1) < CORE ? at(x, a - 1) : 0
      const bgBottom = at(x, b + 1) < CORE ? at(x, b + 1) : 0
      const bgCore = Math.min(bgTop, bgBottom)
      let m = 0
      let my = 0
      let vmax = 0
      let tinted = 0
      for (let r = a; r <= b; r++) {
        const v = at(x, r)
        vmax = Math.max(vmax, v)
        const bg = r === a && v < CORE ? bgTop : r === b && v < CORE ? bgBottom : bgCore
        const c = Math.min(1, Math.max(0, (v - bg) / (1 - bg)))
        m += c
        my += c * (r + 0.5)
        if (tint && tint[r * width + x] === TINTED) tinted += c
      }
      // Chroma bled from the darker sibling's own ink close by tints this curve's line too.
      if (tinted > 0 && tint) {
        for (let r = Math.max(0, a - BLEED); r <= Math.min(height - 1, b + BLEED); r++) {
          if (tint[r * width + x] === SIBLING_INK) {
            tinted = 0
            break
          }
        }
      }
      if (m <= 0) continue
      const cy = my / m
      // A vertical segment across two columns: its height, not its covered length (SPLIT_ROWS).
      let len = m
      if (b - a + 1 >= SPLIT_ROWS) {
        // Sorted as a typed array: natively, faster than by a comparator.
        const vs = new Float64Array(b - a - 1)
        for (let r = a + 1; r < b; r++) vs[r - a - 1] = at(x, r)
        vs.sort()
        const mid = vs[vs.length >> 1]
        let even = 0
        for (const v of vs) if (Math.abs(v - mid) <= SPLIT_EVEN) even++
        if (even >= SPLIT_SHARE * vs.length) len = Math.min(b - a + 1, m / mid)
      }
      const next = isOther(x, a - 1) || isOther(x, b + 1)
      push(
        area.y0 + cy - len / 2,
        area.y0 + cy + len / 2,
        area.y0 + cy,
        m,
        vmax,
        area.y0 + a,
        area.y0 + b,
        (next ? RUN_NEXT_TO_OTHER : besideHidden(x, a, b) ? RUN_BESIDE_HIDDEN : 0) |
          (tinted >= TINT_SHARE * m ? RUN_SIBLING | RUN_ALTERNATE : 0),
        -1,
      )
      y = Math.max(y, b + 1)
    }
  }
  start[width] = n
  // A reading with ridges is of a line thinner than a pixel, which JPEG leaves as specks beside
  // marks too: there a speck touching a mark is as likely the line itself (development seed 3056
  // in NEJM style: set aside, they ended the orange arm's trace 8 months early).
  if (!ridges) flagHalos(start, width, top, bottom, flags)
  const around = inkAround(map, start, r0s, r1s, flags, n)
  const gridRows: number[] = []
  rowLines.forEach((v, i) => v && gridRows.push(area.y0 + i))
  const gridColumns: number[] = []
  colLines.forEach((v, i) => v && gridColumns.push(area.x0 + i))
  return {
    x0: area.x0,
    columns: width,
    start,
    top: top.slice(0, n),
    bottom: bottom.slice(0, n),
    centre: centre.slice(0, n),
    mass: mass.slice(0, n),
    peak: peak.slice(0, n),
    r0: r0s.slice(0, n),
    r1: r1s.slice(0, n),
    flags: flags.slice(0, n),
    under: unders.slice(0, n),
    ...around,
    gridRows,
    gridColumns,
  }
}

/**
 * Flags RUN_MARK | RUN_HALO the runs of the curve's own ink that touch a black mark's horizontal
 * bar (RUN_MARK, at most BAR_HEIGHT tall) from above and from below in one column, or an end of a
 * mark's taller stroke: where NEJM's black "+" marks lie on a thin coloured line, the bar hides
 * the line, and JPEG's coarse colour channel paints the curve's colour into the pixels on both
 * sides of the bar and past the stroke's ends (development seed 3023 in NEJM style: a 1.75 px
 * line hidden under a row of 2 px bars, with 3 px runs of its colour above and below each bar).
 * Either run's centre is 2–3 px off the line; a path free to drop onto one of them traced the arm
 * that far above or below its line. As mark ink they are followed only at the curve's level
 * (monotonePath.ts), yet still count as seen there. A line wider than the bar, split by it, loses
 * nothing: the bar's centre is the line's.
 */
function flagHalos(
  start: Int32Array,
  width: number,
  top: Float64Array,
  bottom: Float64Array,
  flags: Uint8Array,
): void {
  const halo: number[] = []
  for (let x = 0; x < width; x++) {
    for (let j = start[x]; j < start[x + 1]; j++) {
      if (flags[j] !== RUN_MARK) continue
      if (bottom[j] - top[j] > BAR_HEIGHT) {
        // A vertical stroke: own ink touching either end is the colour bled past it.
        for (const k of [j - 1, j + 1]) {
          if (k < start[x] || k >= start[x + 1] || flags[k] & RUN_FOLLOWED) continue
          const gap = k < j ? top[j] - bottom[k] : top[k] - bottom[j]
          if (gap <= HALO_TOUCH && bottom[k] - top[k] <= HALO_HEIGHT) halo.push(k)
        }
        continue
      }
      if (j === start[x] || j + 1 >= start[x + 1]) continue
      const a = j - 1
      const b = j + 1
      if (
        !(flags[a] & RUN_FOLLOWED) &&
        !(flags[b] & RUN_FOLLOWED) &&
        top[j] - bottom[a] <= HALO_TOUCH &&
        top[b] - bottom[j] <= HALO_TOUCH &&
        bottom[a] - top[a] <= HALO_HEIGHT &&
        bottom[b] - top[b] <= HALO_HEIGHT
      ) {
        halo.push(a, b)
      }
    }
  }
  for (const j of halo) flags[j] |= RUN_MARK | RUN_HALO
}

/**
 * ColumnRuns' `inkAbove`, `inkBelow` and `across` of the runs of the curve's own ink (`n` runs,
 * columns from `start`, first and last rows `r0`, `r1` in image pixels): which other curve's ink
 * touches each one's top and bottom, and whose line, if any, lies across it with more of this
 * curve's core beyond. One blended row, neither this curve's core nor the other's ink, is passed
 * over at either side of the other's ink.
 */
function inkAround(
  map: CoverageMap,
  start: Int32Array,
  r0: Int32Array,
  r1: Int32Array,
  flags: Uint8Array,
  n: number,
): { inkAbove: Int16Array; inkBelow: Int16Array; across: Int16Array } {
  const { width, height, cover, other, hidden, area } = map
  const inkAbove = new Int16Array(n)
  const inkBelow = new Int16Array(n)
  const across = new Int16Array(n).fill(-1)
  // 1 + the other curve whose ink pixel (x, y) is, or 0.
  const othersAt = (x: number, y: number) => {
    if (y < 0 || y >= height) return 0
    const k = other[y * width + x]
    if (k !== 0) return k === MARK_INK ? 0 : k
    return hidden ? hidden[y * width + x] : 0
  }
  const core = (x: number, y: number) => y >= 0 && y < height && cover[y * width + x] >= CORE
  for (let x = 0; x < width; x++) {
    for (let j = start[x]; j < start[x + 1]; j++) {
      if (flags[j] & RUN_FOLLOWED) continue
      for (const dir of [-1, 1]) {
        let y = (dir > 0 ? r1[j] : r0[j]) - area.y0 + dir
        if (!othersAt(x, y) && !core(x, y)) y += dir
        const k = othersAt(x, y)
        if (k === 0) continue
        if (dir > 0) inkBelow[j] = k
        else inkAbove[j] = k
        const from = y
        while (othersAt(x, y)) y += dir
        if (Math.abs(y - from) < ACROSS_ROWS || across[j] >= 0) continue
        if (!core(x, y)) y += dir
        if (core(x, y)) across[j] = k - 1
      }
    }
  }
  return { inkAbove, inkBelow, across }
}
