import { type AxisMap, axisMap, plotArea } from './calibration'
import { JUST_NOTICEABLE, deltaE, formatColor, rgbToLab, sameColor } from './color'
import { censorMarks } from './censorMarks'
import { RUN_FOLLOWED, RUN_NOT_OWN, RUN_UNDER, columnRuns } from './columnRuns'
import { dashGap } from './dashGaps'
import {
  type PixelIndex,
  backgroundColor,
  coverageMap,
  indexPixels,
  maskIndex,
  relation,
} from './coverage'
import { type PathStep, monotonePath } from './monotonePath'
import { endPath, inkBeyondEnd, inkBeyondSlidEnd } from './pathEnd'
import { markAlternatingRuns, markSiblingRuns } from './siblingRuns'
import { widenOccludedRuns } from './occludedRuns'
import { pathLineWidth, stepCorners } from './stepCorners'
import { TraceError } from './traceError'
import { auditTrace } from './traceAudit'
import { traceStatus } from './traceStatus'
import type {
  Calibration,
  PixelRect,
  Rgb,
  RgbaImage,
  TraceOptions,
  TracedCurve,
  TraceWarning,
} from './types'
import { heightMode } from './heightMode'
import { inkOfOtherColour } from './inkColour'

/** Ink of the curve in this many columns right of its traced end (and this share of the plot's width) is a warning. */
const INK_BEYOND_PX = 10
const INK_BEYOND_SHARE = 0.02

/**
 * A curve whose trace stops short is read again with single-pixel ridges as its core
 * (columnRuns); that reading is kept when its line width (pixels, the commonest run height) is
 * below this: the curve is a thin line.
 */
const THIN_LINE = 1.2

/** Default colour tolerance (ΔE*76): wide enough for JPEG artefacts, narrow enough to tell tab10 colours apart. */
export const DEFAULT_TOLERANCE = 18

/**
 * The line width of a curve from the heights of its runs (pixels): the mean height of the
 * most common height's bin and its two neighbours (heightMode.ts).
 */
function typicalHeight(heights: readonly number[]): number {
  const { bins, best } = heightMode(heights)
  let m = 0
  let mh = 0
  for (let b = best - 1; b <= best + 1; b++) {
    m += bins[b]
    mh += bins[b] * (b + 0.5) * 0.25
  }
  return Math.max(0.8, m > 0 ? mh / m : 1)
}

/** Checks the image's shape before any pixel is read. */
export function checkImage(image: RgbaImage): void {
  const { width, height, data } = image
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new TraceError(`image size ${width}×${height} is not a positive whole number of pixels`)
  }
  if (data.length !== width * height * 4) {
    throw new TraceError(
      `image data holds ${data.length} bytes where ${width}×${height} RGBA pixels need ${width * height * 4}`,
    )
  }
}

/**
 * Traces one Kaplan–Meier curve by its colour and returns its step function's corners in pixels
 * and in data units (time in the calibration's unit, survival as a proportion).
 *
 * Pixels are matched to the colour as blends with the background (coverage.ts), gathered into
 * vertical runs per column with gridlines and axes taken out (columnRuns.ts), followed from
 * (time 0, survival 1) by the best path that never rises (monotonePath.ts) — along the other
 * curves' ink where this one is hidden under it — carried on to the end of its line and down its
 * final drop (pathEnd.ts) — a thin line whose trace stops short is read again with single-pixel
 * ridges as its core — and turned into plateaus and drops at the centre of the drawn line
 * (stepCorners.ts; a thick line whose edge a later-drawn curve hides, from what shows of it:
 * occludedRuns.ts). The result says how much of it rests on its own ink (traceStatus.ts), and
 * warns when its ink goes on beyond the trace's end. Tracing assumes the axes
 * are aligned with the image (a scan rotated by more than a degree or so should be straightened
 * first). Throws a TraceError for an unusable image or calibration, a colour that is the
 * background's, or a colour no pixel of the plot area has.
 */
export function traceCurve(
  image: RgbaImage,
  calibration: Calibration,
  color: Rgb,
  options: TraceOptions = {},
): TracedCurve {
  return traceInFigure(prepareFigure(image, calibration, options), color, options.otherColors ?? [])
}

/** A figure made ready for tracing several curves in it: what every curve's trace shares. */
export interface PreparedFigure {
  map: AxisMap
  area: PixelRect
  tolerance: number
  index: PixelIndex
}

/**
 * Checks the image, calibration and tolerance, and indexes the plot area's pixels by colour
 * (coverage.ts: indexPixels) once for all the curves of the figure. Throws a TraceError for an
 * unusable image, calibration or tolerance.
 */
export function prepareFigure(
  image: RgbaImage,
  calibration: Calibration,
  options: TraceOptions = {},
): PreparedFigure {
  checkImage(image)
  const map = axisMap(calibration)
  const area = options.area ?? plotArea(calibration, map, image.width, image.height)
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE
  if (!(tolerance > 0)) throw new TraceError(`colour tolerance must be above 0, got ${tolerance}`)
  const background = options.background ?? backgroundColor(image, area)
  return { map, area, tolerance, index: indexPixels(image, area, background, options.mask) }
}

/**
 * What prepareFigure makes of the figure's image, calibration and options with `mask` (image
 * pixels, non-zero left out) for their mask, where `mask` leaves out all that the figure's own
 * mask did (a traced line added to it): its index read from the figure's (coverage.ts:
 * maskIndex), not from the image again.
 */
export function maskFigure(
  figure: PreparedFigure,
  imageWidth: number,
  mask: Uint8Array,
): PreparedFigure {
  return { ...figure, index: maskIndex(figure.index, imageWidth, mask) }
}

/**
 * Traces one curve of a prepared figure by its colour, beside the other curves' colours (see
 * traceCurve); `shades` are other colours of the same drawn line (coverage.ts: coverageMap).
 * `audit: false` leaves out the independent check of the finished trace (traceAudit.ts) and its
 * warnings.
 */
export function traceInFigure(
  figure: PreparedFigure,
  color: Rgb,
  otherColors: readonly Rgb[],
  shades: readonly Rgb[] = [],
  audit = true,
): TracedCurve {
  const traced = traceAuditLater(figure, color, otherColors, shades)
  return audit ? withAudit(traced) : traced.curve
}

/** A finished trace whose independent check (traceAudit.ts) is run only when asked for. */
export interface TraceToAudit {
  curve: TracedCurve
  audit: () => TraceWarning[]
}

/** The trace with its check's warnings added (a new object; the trace's own is left as it was). */
export function withAudit(traced: TraceToAudit): TracedCurve {
  return { ...traced.curve, warnings: [...traced.curve.warnings, ...traced.audit()] }
}

/**
 * traceInFigure with its check left for later: findCurves traces every candidate line to choose
 * the lines kept, then traces each kept line again beside the others kept, with the check. Where
 * the others are the same lines as in the first round, the first round's trace is that trace, and
 * only its check remains to run (the check cost a tenth of a trace; a second trace, all of it).
 * A `candidate` colour (findCurves') is refused where no path from the start reaches its core
 * ink; a colour given as a curve's is then read again with ridges as core (see below).
 */
export function traceAuditLater(
  figure: PreparedFigure,
  color: Rgb,
  otherColors: readonly Rgb[],
  shades: readonly Rgb[] = [],
  candidate = false,
): TraceToAudit {
  const { map, area, tolerance, index } = figure
  const { background } = index
  const name = formatColor(color)
  if (deltaE(rgbToLab(...color), rgbToLab(...background)) < 2 * JUST_NOTICEABLE) {
    throw new TraceError(`colour ${name} is the plot's background colour; pick a curve's colour`)
  }
  const others = otherColors.filter((c) => !sameColor(c, color))
  const cover = coverageMap(
    index,
    color,
    tolerance,
    others,
    shades.filter((c) => c !== color),
  )
  const relations = others.map((o) => relation(color, o, background, tolerance))
  const lighter = relations.filter((r) => r.kind === 'lighter')
  const darker = relations.filter((r) => r.kind === 'darker')
  const darkerOthers = relations.flatMap((r, k) => (r.kind === 'darker' ? [k] : []))
  const start = map.toPixel(0, 1)
  const zero = map.toPixel(0, 0)
  const startColumn = Math.floor(start.px)
  // The path through one reading of the coverage map's runs, carried on to its line's end;
  // null when the reading's line width is not below `thinnerThan` (no path is then traced) or
  // when no path from the start reaches the curve's own ink.
  const pathThrough = (ridges: boolean, thinnerThan = Infinity) => {
    const runs = columnRuns(cover, ridges)
    if (!runs.flags.some((f) => !(f & RUN_FOLLOWED))) {
      throw new TraceError(
        `no pixels of colour ${name} in the plot area (tolerance ${tolerance}); check the colour or raise the tolerance`,
      )
    }
    markSiblingRuns(
      runs,
      lighter.map((r) => r.strength),
      darker.map((r) => r.strength),
    )
    markAlternatingRuns(runs, darkerOthers)
    const heights: number[] = []
    for (let j = 0; j < runs.top.length; j++) {
      if (!(runs.flags[j] & RUN_NOT_OWN)) heights.push(runs.bottom[j] - runs.top[j])
    }
    if (heights.length === 0) {
      throw new TraceError(`the pixels of colour ${name} all belong to another curve's colour`)
    }
    const width0 = typicalHeight(heights)
    if (!(width0 < thinnerThan)) return null
    const slack = 0.5 * width0 + 0.75
    const reachesOwnInk = (p: readonly PathStep[]) =>
      p.some((s) => !(runs.flags[s.run] & RUN_FOLLOWED))
    // Dash gaps count as seen only for a curve with a darker sibling (grey beside black or dark
    // slate), whose line the darker one's anti-aliased pixels mimic without a gap; elsewhere the
    // dash reading is too often fooled by a solid line's breaks (marks, crossings, JPEG) and
    // bridging them cost whole arms on the development seeds.
    // The dash reading still measures how far a dashed line goes on past the trace's end
    // (inkBeyondEnd), which bridges nothing.
    const pattern = dashGap(runs, width0)
    const dash = darker.length === 0 ? 0 : pattern
    let best = monotonePath(runs, width0, startColumn, start.py, slack, 'higher', dash)
    // A curve hidden from its start under other ink may be reached only through that ink's foot,
    // which the path kept high passes over: then the lower of paths scoring alike are kept.
    if (!reachesOwnInk(best)) {
      best = monotonePath(runs, width0, startColumn, start.py, slack, 'lower', dash)
    }
    if (!reachesOwnInk(best)) return null
    const lineWidth = Math.max(0.8, pathLineWidth(best, runs))
    const path = endPath(best, runs, lineWidth, slack, zero.py)
    const end = path[path.length - 1]
    const seen = path.filter((s) => !(runs.flags[s.run] & RUN_UNDER)).length
    // A dashed line's gaps between dashes of its own ink are no columns missed: counted with the
    // seen ones, the trace along its own dashes is not taken for one that stopped short (and read
    // again with ridges, where a darker curve's solid line, never bridged, would win).
    let dashGaps = 0
    for (let i = 1; i < path.length; i++) {
      const g = path[i].x - path[i - 1].x - 1
      if (
        g > 0 &&
        g <= dash &&
        !(runs.flags[path[i].run] & RUN_NOT_OWN) &&
        !(runs.flags[path[i - 1].run] & RUN_NOT_OWN)
      ) {
        dashGaps += g
      }
    }
    const span = end.x - Math.max(startColumn, area.x0) + 1
    const beyond = inkBeyondEnd(runs, end.x, end.exit, zero.py, lineWidth, slack, pattern)
    const short =
      span - seen - dashGaps > 0.3 * span ||
      beyond.columns >= Math.max(INK_BEYOND_PX, INK_BEYOND_SHARE * (area.x1 - area.x0))
    return {
      runs,
      width0,
      slack,
      lineWidth,
      path,
      end,
      seen,
      dashGaps,
      span,
      beyond,
      short,
      pattern,
    }
  }
  // A thin pale line in a JPEG (JAMA's orange dashed arm, a slate line under a pixel wide) may
  // leave so few core pixels that no path from the start scores above the empty one (the
  // development seeds' refused arms held 19–173 own runs in the whole plot; with ridges, 478–
  // 1546), or read so pale that its runs are taken for a lighter sibling's (development seed 6047,
  // arm A): read with ridges as core, as below for a trace that stops short, the line shows. Not
  // for a candidate colour: ridges read a band's tint or another line's fringe as a thin line
  // too, and findCurves offered them as curves (development seeds 3049 survminer and 3143 JAMA).
  const plain = pathThrough(false)
  const first = plain ?? (candidate ? null : pathThrough(true, THIN_LINE))
  if (!first) throw new TraceError(`no curve of colour ${name} starts near survival 1 at time 0`)
  let traced = first
  // A line thinner than a pixel, of a pale colour, in a JPEG: most of its columns may hold no core
  // pixel, and the path, bridging them (or wandering onto marks, which make its runs look
  // wider), stops where the curve goes on. Read again with single-pixel ridges as core
  // (columnRuns), the trace is kept when the line reads thin and the trace reaches further.
  // Own ink beyond the end, even in too few columns to warn of, may be such a line's tail: its
  // pale stretch unseen, only the marks on it show (forced-JCO development seed 3036 A: 8
  // columns of ticks lay beyond a trace stopped 3.8 months, 6% of the time span, early). That
  // reading is kept only where its path goes on past the end on the curve's own ink at the end's
  // level, as such a tail does: ridges also read the anti-aliased fringe of another curve's line
  // as this colour's, and a path carried down onto one is no tail (forced-JCO 4066 B ran 3% of
  // the time span too far along a grey arm's fringe 8 px below its end). It must reach as far
  // again as ink beyond the end needs to be warned of (INK_BEYOND_PX): a reading carried on a
  // column or two traces the rest of a line that the first reading saw no worse (forced-NEJM
  // 3017 C, 2 columns further, lay off its line in 6% of its columns).
  const tailEnd = (p: typeof first) => {
    for (let i = p.path.length - 1; i >= 0; i--) {
      const s = p.path[i]
      const own = !(p.runs.flags[s.run] & RUN_FOLLOWED)
      if (own && Math.abs(s.exit - first.end.exit) <= first.slack) return s.x
    }
    return -1
  }
  if (plain && (first.short || first.beyond.columns > 0)) {
    try {
      // A reading that is not thin is not kept: its path is not traced.
      const retry = pathThrough(true, THIN_LINE)
      if (
        retry &&
        (first.short
          ? retry.end.x > first.end.x || (!retry.short && retry.end.x >= first.end.x)
          : tailEnd(retry) >= first.end.x + INK_BEYOND_PX)
      ) {
        traced = retry
      }
    } catch (e) {
      if (!(e instanceof TraceError)) throw e
    }
  }
  const { runs, lineWidth, slack, end, seen, dashGaps, span, pattern } = traced
  const path = widenOccludedRuns(traced.path, runs, lineWidth)
  const steps = stepCorners(path, runs, cover, lineWidth, startColumn, start.py, zero.py, slack)

  const points = steps.corners.map((c) => {
    const d = map.toData(c.x, c.y)
    return { x: c.x, y: c.y, time: Math.max(0, d.time), surv: Math.min(1, Math.max(0, d.surv)) }
  })
  const read = censorMarks(steps, lineWidth, cover)
  const censor = read.marks.map((m) => {
    const d = map.toData(m.x, m.y)
    const at = { x: m.x, y: m.y, time: Math.max(0, d.time), surv: Math.min(1, Math.max(0, d.surv)) }
    return { ...at, inkY: m.inkY, black: m.black }
  })
  const bridged = Math.max(0, span - seen)
  const warnings: TraceWarning[] = []
  // A shade's full ink reads in the map as part of the colour's (coverageMap), so the cores'
  // coverage tells the line's lightness only for a colour traced alone.
  const shaded = shades.some((c) => c !== color)
  const otherColour = inkOfOtherColour(index, cover, color, points, lineWidth, !shaded)
  if (otherColour) warnings.push(otherColour)
  if (read.setAside > 0) {
    warnings.push({
      code: 'marks-one-sided',
      message: `${read.setAside} censor mark${read.setAside === 1 ? '' : 's'} read along the curve of colour ${name} lie on one side of its line only, as its own ink does at the corners of small steps and at a dashed line's gaps, not across it as ticks and crosses do: none kept; if the curve has censor marks, add them by hand`,
    })
  }
  if (bridged - dashGaps > 0.3 * span) {
    warnings.push({
      code: 'mostly-bridged',
      message: `the curve of colour ${name} was seen in only ${seen} of ${span} columns; check that the colour is right and that nothing hides the curve`,
    })
  }
  // What was hidden is said of the path as followed: a flat stretch moved off another curve's
  // ink onto the sliver of this one's beside it (widenOccludedRuns) still lies under that curve.
  const status = traceStatus(
    traced.path,
    runs,
    map,
    startColumn,
    lineWidth,
    area.x1 - area.x0,
    others.map((c) => ({ color: formatColor(c) })),
  )
  const inkLimit = Math.max(INK_BEYOND_PX, INK_BEYOND_SHARE * (area.x1 - area.x0))
  // Ink beyond an end that slid off its line is read from the line's level; fewer columns of it
  // are enough where some crosses that level upright, as the curve's censor mark or drop does.
  const slid =
    traced.beyond.columns >= inkLimit
      ? null
      : inkBeyondSlidEnd(traced.path, runs, zero.py, lineWidth, slack, pattern)
  const beyond =
    slid && (slid.columns >= inkLimit || (slid.upright && slid.columns >= INK_BEYOND_PX))
      ? slid
      : traced.beyond
  if (beyond === slid || beyond.columns >= inkLimit) {
    const t = points[points.length - 1].time
    const until = Math.max(t, map.toData(beyond.last + 1, end.exit).time)
    warnings.push({
      code: 'ink-beyond-end',
      message: `the trace of colour ${name} ends at time ${t.toPrecision(3)}, but more of its ink lies further right, up to time ${until.toPrecision(3)} (${beyond.columns} columns); check the end of the curve, or mask what is not the curve`,
    })
    // What lies beyond the end is a stretch the trace does not cover: a gap, with its times.
    status.stretches.push({ kind: 'gap', from: t, to: until, x0: end.x + 1, x1: beyond.last + 1 })
    status.status = 'gaps'
  }
  const curve: TracedCurve = {
    color,
    points,
    censorMarks: censor,
    lineWidth,
    columnsSeen: seen,
    columnsBridged: bridged,
    status,
    warnings,
  }
  // An independent check of the finished trace against its ink.
  return { curve, audit: () => auditTrace({ points, runs, lineWidth, map, name }) }
}
