import { axisMap } from '../trace/calibration'
import { formatColor } from '../trace/color'
import type { Calibration, CensorMark, Rgb, TraceWarning, TracedPoint } from '../trace/types'
import { censorGlyphs } from './censorGlyphs'
import type { CurveOutline, GlyphPiece } from './censorGlyphs'
import { chainPolylines } from './chainPolylines'
import { type Point, bounding } from './matrix'
import { type DataPoint, stepShape } from './stepShape'
import type { VectorPath } from './vectorPaths'

/** A Kaplan–Meier curve read from a page's vector graphics. */
export interface VectorCurve {
  /** Its stroke colour, exactly as the page paints it. */
  color: Rgb
  /** Its dash pattern in points (empty when solid): same-coloured curves differ by it. */
  dash: number[]
  /** Line width in pixels of the rendered image. */
  lineWidth: number
  /** The step function's corners in order: the start, every fall's top and bottom, the end. */
  points: TracedPoint[]
  censorMarks: CensorMark[]
  warnings: TraceWarning[]
}

export interface VectorCurveOptions {
  /** The image's size: paths reaching outside it (another panel of a cropped page) are not read. */
  bounds?: { width: number; height: number }
}

/** Pixels within which a writer's rounded coordinates count as the same level or time. */
const ROUNDING_PX = 0.25
/** A curve's vertices lie within the plot: survival −5…105%, time from the calibrated start… */
const SURV_MARGIN = 0.05
const TIME_MARGIN_BEFORE = 0.05
/** …to half the calibrated span beyond its end (axes often run past the last calibrated tick). */
const TIME_MARGIN_AFTER = 0.5
/** A glyph is at most this share of the survival axis's height (R's '+' is about 2.5%). */
const GLYPH_MAX = 0.08
/** A curve that starts below this survival needs two falls (an L-shaped median line has one)… */
const START_HIGH = 0.95
/** …and so does one whose only fall spans this much of the axis (the L of two axes, or a frame). */
const AXIS_FALL = 0.9

interface Piece {
  path: VectorPath
  pixel: Point[]
  closed: boolean
  /** Curves are read from stroked pieces only; fills can only be marks. */
  stroked: boolean
  color: Rgb
  inCurve: boolean
}

const styleKey = (p: VectorPath) =>
  `${formatColor(p.stroke!)}|${p.lineWidthPx.toFixed(3)}|${p.dash.map((d) => d.toFixed(3)).join(',')}`

const dedupe = (points: Point[]) =>
  points.filter((p, i) => i === 0 || p.x !== points[i - 1].x || p.y !== points[i - 1].y)

/**
 * Picks the Kaplan–Meier curves out of a page's paths (vectorPaths.ts) and reads each one's step
 * corners and censor marks in data units through a calibration given in the rendered image's
 * pixels (the same calibration the image would be traced with). Coordinates are the page's own,
 * so corners are exact to the writer's rounding (R's pdf device: 0.01 pt), where tracing pixels
 * gets within a fraction of a line width.
 *
 * A curve is a stroked polyline — pieces of one colour, width and dash joined end to start
 * (chainPolylines.ts) — that runs forward in time, never rises, has a plateau, is mostly
 * horizontal and vertical (stepShape.ts), lies within the plot (survival −5% to 105%, time from
 * 5% of the calibrated span before its start to 50% beyond its end), and falls twice or more, or
 * once from survival 95% or above by less than 90% (so not an L-shaped median line, nor the L of
 * two axes). That leaves out axes and their ticks, gridlines, the frame, legend keys, text
 * underlines, reference lines, fitted smooth curves and the glyphs of censor marks; small glyphs
 * on a curve in its colour are read as its censor marks (censorGlyphs.ts). Same-coloured curves
 * are told apart by line width and dash; two drawn alike are both returned, with a warning.
 * Curves come in drawing order. Paths reaching outside `bounds` are not read, so a crop to one
 * panel reads that panel's curves only, and a crop through a curve loses it. Returns [] when the
 * page has no such curve (a raster figure, or curves drawn as text or images): trace its pixels
 * instead; so too on a log time axis or a figure of rising curves (cumulative incidence), which
 * this reading does not handle. Throws a TraceError for a calibration that cannot define axes.
 */
export function findVectorCurves(
  paths: readonly VectorPath[],
  calibration: Calibration,
  options: VectorCurveOptions = {},
): VectorCurve[] {
  const map = axisMap(calibration)
  if (calibration.xScale === 'log' || calibration.yShows === 'cumulative-incidence') return []
  const tLo = Math.min(0, calibration.x1.value, calibration.x2.value)
  const tHi = Math.max(calibration.x1.value, calibration.x2.value)
  const tSpan = tHi - tLo
  const tol = { time: ROUNDING_PX / map.pxPerTime, surv: ROUNDING_PX / map.pxPerSurv }
  const toData = (p: Point): DataPoint => map.toData(p.x, p.y)
  const inBounds = (p: Point) =>
    !options.bounds ||
    (p.x >= -1 && p.y >= -1 && p.x <= options.bounds.width + 1 && p.y <= options.bounds.height + 1)
  const inPlot = (d: DataPoint) =>
    d.surv >= -SURV_MARGIN &&
    d.surv <= 1 + SURV_MARGIN &&
    d.time >= tLo - TIME_MARGIN_BEFORE * tSpan &&
    d.time <= tHi + TIME_MARGIN_AFTER * tSpan

  const pieces: Piece[] = []
  for (const path of paths) {
    const stroked = path.stroke !== null && path.strokeAlpha > 0
    const color = stroked ? path.stroke : path.fillAlpha > 0 ? path.fill : null
    if (!color) continue
    for (const sub of path.subpaths) {
      const pixel = dedupe(sub.pixel)
      if (!pixel.every(inBounds)) continue
      pieces.push({ path, pixel, closed: sub.closed, stroked, color, inCurve: false })
    }
  }

  // Curves: stroked pieces by style, oriented forward in time, joined, then read as steps.
  const byStyle = new Map<string, Piece[]>()
  for (const piece of pieces) {
    if (!piece.stroked || piece.closed || piece.pixel.length < 2) continue
    const first = toData(piece.pixel[0])
    const last = toData(piece.pixel[piece.pixel.length - 1])
    const backwards =
      last.time < first.time - tol.time ||
      (Math.abs(last.time - first.time) <= tol.time && last.surv > first.surv + tol.surv)
    if (backwards) piece.pixel = [...piece.pixel].reverse()
    const key = styleKey(piece.path)
    const group = byStyle.get(key)
    if (group) group.push(piece)
    else byStyle.set(key, [piece])
  }
  const found: { path: VectorPath; order: number; corners: Point[]; sloped: number }[] = []
  for (const group of byStyle.values()) {
    for (const chain of chainPolylines(group.map((p) => p.pixel))) {
      const pixel = dedupe(chain.points)
      const data = pixel.map(toData)
      if (!data.every(inPlot)) continue
      const shape = stepShape(data, tol, tSpan)
      if (!shape) continue
      if (shape.drops < 2) {
        const fall = data[shape.corners[0]].surv - data[shape.corners.at(-1)!].surv
        if (data[shape.corners[0]].surv < START_HIGH || fall > AXIS_FALL) continue
      }
      for (const m of chain.members) group[m].inCurve = true
      const lead = group[chain.members[0]].path
      found.push({
        path: lead,
        order: chain.members.reduce((o, m) => Math.min(o, group[m].path.index), Infinity),
        corners: shape.corners.map((i) => pixel[i]),
        sloped: shape.sloped,
      })
    }
  }
  found.sort((a, b) => a.order - b.order)

  // Glyphs are read in the plot's own frame, in pixels: time to the right, survival down, so that
  // a tick is upright on a rotated page too.
  const toPlot = (p: Point): Point => {
    const d = toData(p)
    return { x: d.time * map.pxPerTime, y: -d.surv * map.pxPerSurv }
  }
  const outlines: CurveOutline[] = found.map((f) => ({
    points: f.corners.map(toPlot),
    color: f.path.stroke!,
    lineWidth: f.path.lineWidthPx,
  }))
  const glyphMax = GLYPH_MAX * map.pxPerSurv
  const glyphs: GlyphPiece[] = pieces
    .filter((p) => !p.inCurve)
    .map((p) => ({
      points: p.pixel.map(toPlot),
      closed: p.closed || p.path.curved,
      color: p.color,
    }))
    .filter((g) => {
      const box = bounding(g.points)
      return Math.max(box.x1 - box.x0, box.y1 - box.y0) <= glyphMax
    })
  const marks = censorGlyphs(glyphs, outlines, ROUNDING_PX)

  const clampTime = (t: number) => Math.max(0, t)
  const clampSurv = (s: number) => Math.min(1, Math.max(0, s))
  const curves: VectorCurve[] = found.map((f, i) => {
    const color = f.path.stroke!
    const warnings: TraceWarning[] = []
    if (f.sloped > 0) {
      warnings.push({
        code: 'sloped',
        message: `${Math.round(f.sloped * 100)}% of the curve of colour ${formatColor(color)} is drawn sloped rather than as steps; its falls there are spread over time`,
      })
    }
    return {
      color,
      dash: f.path.dash,
      lineWidth: f.path.lineWidthPx,
      points: f.corners.map((c) => {
        const d = toData(c)
        return { x: c.x, y: c.y, time: clampTime(d.time), surv: clampSurv(d.surv) }
      }),
      censorMarks: marks
        .filter((m) => m.curve === i)
        .map((m) => {
          const time = clampTime(m.x / map.pxPerTime)
          const surv = clampSurv(-m.level / map.pxPerSurv)
          const at = map.toPixel(time, surv)
          return { x: at.px, y: at.py, time, surv }
        }),
      warnings,
    }
  })
  for (const c of curves) {
    const alike = curves.filter(
      (o) =>
        formatColor(o.color) === formatColor(c.color) &&
        o.dash.join() === c.dash.join() &&
        Math.abs(o.lineWidth - c.lineWidth) < 1e-3,
    )
    if (alike.length > 1) {
      c.warnings.push({
        code: 'same-style',
        message: `${alike.length} curves are drawn alike in colour ${formatColor(c.color)}; tell them apart by where they run`,
      })
    }
  }

  return curves
}
