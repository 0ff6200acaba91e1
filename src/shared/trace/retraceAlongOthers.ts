import { formatColor, luma } from './color'
import { relation } from './coverage'
import { lineDarkness, rowsWithin } from './lineDarkness'
import {
  JUMP_DROP_PX,
  type StretchAlong,
  runsAlong,
  runsAlongWithin,
  tailJumped,
  tailLeapt,
  togetherAt,
  traceRowsOf,
} from './traceAudit'
import { type PreparedFigure, maskFigure } from './traceCurve'
import { TraceError } from './traceError'
import type { Rgb, RgbaImage, TraceOptions, TracedCurve } from './types'

/**
 * Pixels beyond a traced line's centre rows that still hold its ink: its anti-aliased and JPEG
 * fringe (a pixel each side).
 */
const FRINGE_PX = 1

/**
 * A re-trace may see fewer columns of its own ink than the first trace, by up to this share of
 * the stretch masked, and still be kept: the first trace counted the other's line there as its
 * own, and the mask takes out the curve's own pixels where its line meets the other's. Measured
 * on NEJM development seeds (not asserted): a red arm re-traced off the orange arm's tail (6368,
 * months 26–34) saw 34 fewer columns of a 141-column stretch (0.24) and came back onto its line
 * (within 2 px of it in 67% of its columns before, 81% after); a blue arm re-traced off the red
 * arm's line (6404, months 23–41) saw 6 fewer of 217 (51% → 92%). Re-traces of JAMA grey dashed
 * arms off the slate line lost 0.30–0.59 (6035, 7313) and of the slate arm off the grey's trace
 * 0.48–0.80: neither is kept.
 */
const SEEN_LOSS = 0.25

/**
 * A re-trace off a short stretch along another's line (see `short` below) that ends more than
 * this many columns from where the first trace ended is not kept: it was taken to bring a
 * stretch back onto the curve's line, and one that ends elsewhere has found other ink (nejm 7226,
 * development seed: the orange arm's re-trace off the red line ran on along the red tail for 3
 * months past its own end).
 */
const SHORT_END_PX = 10

/**
 * Pixels beyond FRINGE_PX either side of another curve's line that a re-trace off a tail that
 * leapt onto it (traceAudit.ts: tailLeapt) leaves out too: that line's JPEG ringing reads as specks
 * of this colour 3–4 px from its centre (forced-NEJM development seed 6158 B, a blue arm off the
 * red tail: 16 columns of them counted as ink beyond the re-trace's end, which warned of it and
 * was not kept).
 */
const LEAP_FRINGE_PX = 3

/** The image column where a trace ends. */
const endX = (c: TracedCurve) => c.points[c.points.length - 1].x

/**
 * Traces again, with the other's line left out, a curve whose trace runs along another curve's
 * trace (traceAudit.ts: runsAlong), as the follows-other warning tells the user to do by hand:
 * a NEJM red arm whose line lies under dense black marks was traced onto the orange arm's line
 * beside it, or down onto its tail and along it to its end.
 *
 * `first` holds the curves traced together (null: a colour not traced). For each pair, the
 * other's traced line (its rows, half its line width and a fringe pixel around, over the stretch
 * the two run together) is added to the options' mask (the user's, or none; image pixels,
 * non-zero left out), the figure is prepared again with it, and `again` traces curve i in it (a
 * TraceError: no re-trace). The new trace is kept when it
 * sees about as much of its own ink or more (SEEN_LOSS), is warned of nothing the first was not,
 * and no longer runs with the other's over that stretch. Either curve of a pair may be the one
 * that strayed (the warning goes to the lighter), so both are tried, the other left as first
 * traced; where both re-traces would be kept, the one that gains more own ink is. Returns, per
 * curve, the re-trace kept or null.
 */
export function retraceAlongOthers(
  first: readonly (TracedCurve | null)[],
  image: RgbaImage,
  prepared: PreparedFigure,
  options: TraceOptions,
  again: (figure: PreparedFigure, i: number) => TracedCurve,
): (TracedCurve | null)[] {
  const { mask } = options
  const kept: (TracedCurve | null)[] = first.map(() => null)
  const curves = first.filter((c): c is TracedCurve => c !== null)
  const at = first.map((c) => (c ? curves.indexOf(c) : -1))
  const gain = new Array<number>(first.length).fill(-Infinity)
  const rows = traceRowsOf(curves)
  const leaps = curves.map((_, k) => leapOntoOther(curves, k, image, rows))
  for (let i = 0; i < first.length; i++) {
    const c = first[i]
    if (!c) continue
    for (let j = 0; j < first.length; j++) {
      const d = first[j]
      if (j === i || !d) continue
      const long = runsAlong(curves, at[i], at[j], rows)
      const jumped = long ? null : tailJumped(curves, at[i], at[j], rows)
      const leapt =
        long || jumped
          ? null
          : tailLeapt(curves, at[i], at[j], (drop) => blankDrop(image, drop, c.lineWidth), rows)
      // A lighter curve that rode a darker one's line for a stretch too short a share of it to
      // be warned of (follows-other), while its own thin or dashed line there was too faint to
      // hold the trace (jco 7479: a yellow arm on the grey arm's line for 43 of 618 columns, 12–24
      // px above its own): tried too, but kept only when it sees more of its own ink.
      const short =
        long || jumped || leapt || luma(...c.color) < luma(...d.color)
          ? null
          : runsAlong(curves, at[i], at[j], rows, true)
      const along = long ?? jumped ?? leapt ?? short
      if (!along) continue
      // The other's trace reached the stretch by a leap across the background (warnLeaps): its
      // line there is a third curve's, which this curve may share, and masking it takes this
      // curve's own tail away (JAMA development seed 6287: the grey trace leapt onto the slate
      // line; the orange tail, hidden under that line to its end, was traced again off it and
      // ended 1 month early).
      const leap = leaps[at[j]]
      if (leap && leap.x <= along.to) continue
      const masked = maskAlong(
        image,
        mask,
        along.rows,
        along.from,
        along.to,
        d.lineWidth + (leapt ? 2 * LEAP_FRINGE_PX : 0),
      )
      const second = traceMasked(prepared, image, masked, (f) => again(f, i))
      if (!second) continue
      const { figure, curve: retraced } = second
      const more = retraced.columnsSeen - c.columnsSeen
      // A re-trace warned of something the first was not has found other ink than its line
      // (random development seed 6342: a grey arm, the black line masked, never fell).
      if (warnsOfNew(c, retraced)) continue
      // Off a tail, the re-trace loses every column the first counted there (nejm 7430, jama
      // 7325), so own ink lost says little: the colour of the line there does. It is kept when
      // the line reads as the other's and it loses no more than that tail and SEEN_LOSS of it
      // (nejm 4004: an orange re-trace off a red tail of 31 columns lost 89 and ended short), or
      // when the line reads as neither and it sees about as much ink as the first.
      const stretch = along.to - along.from + 1
      const ink = jumped ? inkAlong(image, along, d.lineWidth, c.color, d.color) : null
      // A tail that leapt across the background to the other's line is that line's, whatever
      // its ink reads as (forced-NEJM 6210: the orange tail a red arm leapt onto read as red in
      // 65 of 115 columns beside black marks, as the other's in 4).
      const theirs =
        leapt !== null ||
        (ink !== null && ink.judged > 0 && ink.theirs >= INK_THEIRS * ink.judged) ||
        partedByDarkness(image, figure, c, d, along, retraced)
      const lost = more < -SEEN_LOSS * stretch
      if (short && (more <= 0 || Math.abs(endX(retraced) - endX(c)) > SHORT_END_PX)) continue
      if (
        (theirs && more < -(1 + SEEN_LOSS) * stretch) ||
        (!theirs && (lost || (ink !== null && ink.own > ink.theirs))) ||
        more <= gain[i] ||
        more <= gain[j]
      ) {
        continue
      }
      // The re-trace may still run with the other where the two lines truly meet, but not over
      // the stretch it was taken off.
      const pair = curves.map((x, k) => (k === at[i] ? retraced : x))
      if (runsAlongWithin(pair, at[i], at[j], along.from, along.to)) continue
      if (gain[j] > -Infinity) {
        kept[j] = null
        gain[j] = -Infinity
      }
      // A leap is told from the figure's ink alone, and the re-trace may still be off elsewhere
      // where the first was flagged only for its tail (lancet development seed 4090 C: a grey
      // dashed arm off the frame at its start, said whole once its tail was traced again): it is
      // warned of (code `tail-leapt`).
      kept[i] = leapt ? leaptWarned(retraced, d) : retraced
      gain[i] = more
    }
  }
  return kept
}

/** `curve`, traced again off the line of `other` its tail leapt onto, with a tail-leapt warning. */
function leaptWarned(curve: TracedCurve, other: TracedCurve): TracedCurve {
  return {
    ...curve,
    warnings: [
      ...curve.warnings,
      {
        code: 'tail-leapt',
        message: `the trace of colour ${formatColor(curve.color)} dropped across the background onto the line of colour ${formatColor(other.color)} and ran along it to its end; it was traced again with that line left out: check the end of the curve against the figure`,
      },
    ],
  }
}

/**
 * A re-trace of the lighter of two curves whose colours differ only in darkness has found its own
 * line where that reads at most this dark, as a share of the line it left. JAMA grey and slate
 * arms traced on their own lines read 0.42–0.84 so (lineDarkness.ts, 271 pairs of development
 * seeds 6000–6239), 0.65 in the median. Measured on forced-JAMA seeds (not asserted): the grey
 * re-trace off the slate line of 6047 read 0.46 and lies on its line; that of 6031, off its own
 * line (which the slate trace had taken) onto fainter ink, 0.85, and is not kept.
 */
const DARKNESS_PARTED = 0.7
/** Columns of each line read before darkness is trusted (lineDarkness). */
const DARKNESS_COLUMNS = 30

/**
 * Whether the re-trace of curve `c` off curve `d`'s line over the stretch `along` lies on a line
 * lighter than the one it left, where `c`'s colour is `d`'s blended with the background
 * (coverage.ts relation): in a JPEG, JAMA's grey and slate lines both read as greys, so
 * inkAlong cannot tell whose the line is, but the lighter colour's line is the lighter (jama
 * 6047: the grey arm rode the slate line for 96% of its length, and a re-trace on its dashed
 * line sees 57% fewer columns of ink than the first counted on the solid one).
 */
function partedByDarkness(
  image: RgbaImage,
  figure: PreparedFigure,
  c: TracedCurve,
  d: TracedCurve,
  along: StretchAlong,
  retraced: TracedCurve,
): boolean {
  const { background } = figure.index
  // Only the lighter colour's re-trace is judged so: the darker's own line is the darker of the
  // two, and a darker re-trace off it has found other dark ink (lancet 6082: the navy arm's
  // re-trace off the grey arm's trace, which rode the navy line, ended 6 months early on it).
  if (relation(c.color, d.color, background, figure.tolerance).kind !== 'darker') return false
  const left = lineDarkness(
    image,
    background,
    rowsWithin({ ...along.rows, x1: along.to }, along.from, along.to),
    null,
    d.lineWidth,
  )
  const [own] = traceRowsOf([retraced])
  const now = lineDarkness(
    image,
    background,
    rowsWithin(own, along.from, along.to),
    null,
    retraced.lineWidth,
  )
  if (left.columns < DARKNESS_COLUMNS || now.columns < DARKNESS_COLUMNS) return false
  return now.darkness <= DARKNESS_PARTED * left.darkness
}

/**
 * A curve traced again (`again`) in `prepared`, the figure of `image`, with `mask` (image pixels,
 * non-zero left out; it holds the figure's own mask: see maskAlong) for its mask, with that
 * figure; null where it cannot be traced there (a TraceError).
 */
export function traceMasked(
  prepared: PreparedFigure,
  image: RgbaImage,
  mask: Uint8Array,
  again: (figure: PreparedFigure) => TracedCurve,
): { figure: PreparedFigure; curve: TracedCurve } | null {
  try {
    const figure = maskFigure(prepared, image.width, mask)
    return { figure, curve: again(figure) }
  } catch (e) {
    if (e instanceof TraceError) return null
    throw e
  }
}

/**
 * Whether a re-trace is warned of something its first trace was not, or still of `settled` (the
 * first's warning it was traced again to be rid of): it has found other ink than its line, and
 * is not kept.
 */
export function warnsOfNew(first: TracedCurve, retraced: TracedCurve, settled?: string): boolean {
  const before = new Set(first.warnings.map((w) => w.code).filter((code) => code !== settled))
  return retraced.warnings.some((w) => !before.has(w.code))
}

/**
 * The user's mask (image pixels, non-zero left out; or none) with a traced line added over its
 * columns from…to: its rows (`rows`, from traceRowsOf), half its line width and FRINGE_PX
 * around. A new array: the mask given is left as it was.
 */
export function maskAlong(
  image: RgbaImage,
  mask: Uint8Array | undefined,
  rows: { x0: number; lo: Float64Array; hi: Float64Array },
  from: number,
  to: number,
  lineWidth: number,
): Uint8Array {
  const masked = mask ? Uint8Array.from(mask) : new Uint8Array(image.width * image.height)
  const half = lineWidth / 2 + FRINGE_PX
  for (let x = Math.max(0, from); x <= to && x < image.width; x++) {
    const k = x - rows.x0
    const y0 = Math.max(0, Math.floor(rows.lo[k] - half))
    const y1 = Math.min(image.height - 1, Math.ceil(rows.hi[k] + half))
    for (let y = y0; y <= y1; y++) masked[y * image.width + x] = 1
  }
  return masked
}

/**
 * A column's darkest pixel this far from white (sum of the three channels below 765) or less is
 * background; one with no channel above INK_BLACK is a black mark, no curve's colour.
 */
const INK_FAINT = 60
const INK_BLACK = 60
/**
 * A pixel is one curve's ink when it lies this much nearer (sRGB units) that colour's blends with
 * white than the other's.
 */
const INK_MARGIN = 8
/**
 * A tail whose line reads as the other curve's in this share of the columns judged is that
 * curve's. Measured on dev seeds 6000–6479 and 7240–7479 (not asserted): tails that had jumped
 * read 0.87–0.95 as the other's (lancet 6070 40 of 44, jama 6281 37 of 42, jama 7325 10 of 11);
 * NEJM figures whose lines are faded grey under dense marks read as neither or as the curve's own
 * (7430, 6332, 6422), and keep their first trace.
 */
const INK_THEIRS = 0.8

/**
 * Reads whose ink the line along a stretch of another curve's trace is: per column, the darkest
 * pixel within the other's rows (half its line width and a pixel around), judged against the
 * blends of each colour with a white background. Returns the columns judged and how many read as
 * the curve's own colour and as the other's.
 */
function inkAlong(
  image: RgbaImage,
  along: StretchAlong,
  lineWidth: number,
  own: Rgb,
  other: Rgb,
): { judged: number; own: number; theirs: number } {
  // Distance from pixel p to the segment from white to colour c.
  const offBlend = (p: readonly number[], c: Rgb) => {
    const d = [c[0] - 255, c[1] - 255, c[2] - 255]
    const q = [p[0] - 255, p[1] - 255, p[2] - 255]
    const dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2]
    const t = dd ? Math.max(0, Math.min(1, (q[0] * d[0] + q[1] * d[1] + q[2] * d[2]) / dd)) : 0
    return Math.hypot(q[0] - t * d[0], q[1] - t * d[1], q[2] - t * d[2])
  }
  const half = lineWidth / 2 + FRINGE_PX
  const counts = { judged: 0, own: 0, theirs: 0 }
  for (let x = Math.max(0, along.from); x <= along.to && x < image.width; x++) {
    const k = x - along.rows.x0
    const y0 = Math.max(0, Math.floor(along.rows.lo[k] - half))
    const y1 = Math.min(image.height - 1, Math.ceil(along.rows.hi[k] + half))
    let darkest: number[] | null = null
    let ink = INK_FAINT
    for (let y = y0; y <= y1; y++) {
      const o = 4 * (y * image.width + x)
      const p = [image.data[o], image.data[o + 1], image.data[o + 2]]
      if (765 - p[0] - p[1] - p[2] > ink) {
        ink = 765 - p[0] - p[1] - p[2]
        darkest = p
      }
    }
    if (!darkest || Math.max(...darkest) <= INK_BLACK) continue
    counts.judged++
    const mine = offBlend(darkest, own)
    const theirs = offBlend(darkest, other)
    if (theirs + INK_MARGIN < mine) counts.theirs++
    else if (mine + INK_MARGIN < theirs) counts.own++
  }
  return counts
}

/**
 * A drop whose rows hold ink in less than this share of them is no line's drop but a leap the path
 * bridged across the background. The leaps kept on forced-NEJM development seeds 6000–6239 held
 * ink in at most a tenth of their rows (6158 B 3 of 30, where the bridge crossed a mark; 6033 A
 * 7 of 95, 6198 B 6 of 111), Lancet 4090 C in 2 of 87; a line's drop, even a dashed one (3 px gaps
 * in 8), holds ink in most of its rows. Measured 19:25 UTC, not asserted.
 */
const DROP_INKED = 0.5

/**
 * Whether a trace's drop (from x0, y0 down to x1, y1; a slanted one is a bridge) crosses the
 * background: in most of its rows, leaving out a line width at either end, no pixel of the
 * columns it spans (and one either side) is ink (INK_FAINT). A curve's drop is a vertical line
 * of its colour, seen however thin; a path that bridged columns and then entered another
 * curve's line far below leaves white between.
 */
function blankDrop(
  image: RgbaImage,
  drop: { x0: number; x1: number; y0: number; y1: number },
  lineWidth: number,
): boolean {
  const inked = inkedRows(image, drop, lineWidth)
  return inked.length > 0 && inked.reduce((n, v) => n + v, 0) < DROP_INKED * inked.length
}

/**
 * The rows of a drop as blankDrop reads them (a line width left out at either end), each 1 where
 * a pixel of the columns it spans, or one either side, is ink (INK_FAINT).
 */
function inkedRows(
  image: RgbaImage,
  drop: { x0: number; x1: number; y0: number; y1: number },
  lineWidth: number,
): Uint8Array {
  const x0 = Math.max(0, Math.floor(drop.x0) - 1)
  const x1 = Math.min(image.width - 1, Math.ceil(drop.x1) + 1)
  const y0 = Math.max(0, Math.ceil(drop.y0 + lineWidth))
  const y1 = Math.min(image.height - 1, Math.floor(drop.y1 - lineWidth))
  const inked = new Uint8Array(Math.max(0, y1 - y0 + 1))
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1 && !inked[y - y0]; x++) {
      const o = 4 * (y * image.width + x)
      if (765 - image.data[o] - image.data[o + 1] - image.data[o + 2] > INK_FAINT) inked[y - y0] = 1
    }
  }
  return inked
}

/**
 * Columns (line widths, plus LEAP_WINDOW_PX) either side of a trace's drop that warnLeaps
 * reads for its ink: a thick line's drop traced a few columns off its column (survminer
 * development seed 6223 B: 7 columns right of the drawn one, whole) is no leap.
 */
const LEAP_WINDOW = 2
const LEAP_WINDOW_PX = 2

/**
 * Rows without ink one after another, at least, in a drop that warnLeaps warns of: more than a
 * dashed line's gap. JAMA's dashed arms' short drops fall within a gap, and the rows between a
 * line width from either end hold no ink (development seeds 3005 C, 3029 B, 4031 B, 4109 C: 1–4
 * rows, whole); the leap of 6287 B crossed 61 blank rows. With it, on development seeds
 * 3000–3119, 4000–4119, 6000–6479 and 7000–7479 (22:29 UTC 2026-12-07, not asserted; true
 * colours), warnLeaps warns of 6287 B and of no whole arm.
 */
const LEAP_BLANK_PX = 15

/**
 * Warns (code `follows-other`) of a trace with a drop that crosses the background (blankDrop, its
 * columns widened by LEAP_WINDOW line widths plus LEAP_WINDOW_PX either side, with LEAP_BLANK_PX
 * blank rows one after another) and lands on another curve's trace (within TOGETHER_PX, in its
 * first 3 columns): no line is drawn there, so the path bridged the background from where its own
 * line ended onto another curve's line, and what follows is that curve's (JAMA development seed
 * 6287 B: the grey line ends at month 20.9, and its trace slanted 112 px down onto the slate line
 * and rode it 1.3 months on, said whole). tailLeapt traces such a tail again only where both
 * traces end together; this warns wherever the leap is, of a trace not traced again (one already
 * warned of following another is left as it is). Adds the warnings in place.
 */
export function warnLeaps(curves: readonly TracedCurve[], image: RgbaImage): void {
  const rows = traceRowsOf(curves)
  curves.forEach((c, i) => {
    if (c.warnings.some((w) => w.code === 'follows-other' || w.code === 'tail-leapt')) return
    const leap = leapOntoOther(curves, i, image, rows)
    if (!leap) return
    c.warnings.push({
      code: 'follows-other',
      message: `the trace of colour ${formatColor(c.color)} drops across the background at time ${leap.time.toPrecision(3)}, where no line is drawn, onto the line of colour ${formatColor(curves[leap.onto].color)}: its own line may end there, and what follows may be that curve's; check the curve from there on against the figure`,
    })
  })
}

/**
 * Trace i's first drop that crosses the background onto another curve's trace (see warnLeaps):
 * the column its foot lands in, the time at its top, and the other curve's index; or null.
 */
export function leapOntoOther(
  curves: readonly TracedCurve[],
  i: number,
  image: RgbaImage,
  rows: ReturnType<typeof traceRowsOf> = traceRowsOf(curves),
): { x: number; time: number; onto: number } | null {
  const c = curves[i]
  const a = rows[i]
  if (!a) return null
  const p = c.points
  const w = LEAP_WINDOW * c.lineWidth + LEAP_WINDOW_PX
  for (let k = 1; k < p.length; k++) {
    if (p[k].y - p[k - 1].y < JUMP_DROP_PX) continue
    const from = Math.ceil(p[k].x)
    const onto = curves.findIndex(
      (_, j) => j !== i && rows[j] && [0, 1, 2].some((d) => togetherAt(a, rows[j]!, from + d)),
    )
    if (onto < 0) continue
    const drop = {
      x0: p[k - 1].x - w,
      x1: p[k].x + w,
      y0: p[k - 1].y,
      y1: p[k].y,
    }
    if (!blankDrop(image, drop, c.lineWidth)) continue
    if (longestBlank(image, drop, c.lineWidth) < LEAP_BLANK_PX) continue
    return { x: from, time: p[k - 1].time, onto }
  }
  return null
}

/** The most rows one after another, within a drop (as blankDrop reads it), that hold no ink. */
function longestBlank(
  image: RgbaImage,
  drop: { x0: number; x1: number; y0: number; y1: number },
  lineWidth: number,
): number {
  let run = 0
  let best = 0
  for (const inked of inkedRows(image, drop, lineWidth)) {
    run = inked ? 0 : run + 1
    best = Math.max(best, run)
  }
  return best
}
