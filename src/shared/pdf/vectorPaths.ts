import type { Rgb } from '../trace/types'
import { IDENTITY, type Matrix, type Point, apply, asMatrix, compose, lengthScale } from './matrix'

/**
 * The PDF.js operators (`OPS` of pdfjs-dist) that place, build and paint paths. Shared code does
 * not import PDF.js (it runs in the CLI's worker and in the renderer alike), so the caller passes
 * PDF.js's own `OPS` object, which has all of these among its members.
 */
export const PATH_OPS = [
  'save',
  'restore',
  'transform',
  'paintFormXObjectBegin',
  'paintFormXObjectEnd',
  'beginGroup',
  'endGroup',
  'setLineWidth',
  'setDash',
  'setGState',
  'setStrokeRGBColor',
  'setFillRGBColor',
  'setStrokeColorN',
  'setFillColorN',
  'setStrokeTransparent',
  'setFillTransparent',
  'constructPath',
  'stroke',
  'closeStroke',
  'fill',
  'eoFill',
  'fillStroke',
  'eoFillStroke',
  'closeFillStroke',
  'closeEOFillStroke',
] as const

export type PdfOps = Record<(typeof PATH_OPS)[number], number>

/** A page's operator list as `page.getOperatorList()` returns it (or a plain copy of it). */
export interface OperatorList {
  fnArray: ArrayLike<number>
  argsArray: ArrayLike<unknown>
}

/**
 * The codes inside a constructPath operator's path data in PDF.js 5 (`DrawOPS` of its
 * src/shared/util.js, not exported by the package): each code is followed by its coordinates.
 */
const DRAW_MOVE = 0
const DRAW_LINE = 1
const DRAW_CURVE = 2
const DRAW_QUAD = 3
const DRAW_CLOSE = 4

/** Lines a Bézier curve is flattened into: enough for a censor mark's circle to keep its size. */
const BEZIER_STEPS = 8

/** One connected piece of a path, as a polyline. */
export interface Subpath {
  /** Vertices in page space: PDF points from the page's origin, y up. */
  page: Point[]
  /** The same vertices in the rendered image's pixels (y down). */
  pixel: Point[]
  /** Closed by the path (its last vertex repeats the first). */
  closed: boolean
}

/** A path as the page paints it. */
export interface VectorPath {
  /** Position of its constructPath operator in the list: the order of drawing. */
  index: number
  /** Stroke colour, or null when the path is not stroked (or stroked with a pattern). */
  stroke: Rgb | null
  /** Fill colour, or null when the path is not filled (or filled with a pattern). */
  fill: Rgb | null
  /** Opacity of the stroke and of the fill, 0–1. */
  strokeAlpha: number
  fillAlpha: number
  /** Line width in points and in pixels (0 is PDF's thinnest line a device can draw). */
  lineWidth: number
  lineWidthPx: number
  /** Dash pattern in points (dash, gap, …); empty for a solid line. */
  dash: number[]
  /** Whether Bézier curves were flattened into it (circles and other glyphs have them). */
  curved: boolean
  subpaths: Subpath[]
}

interface GraphicsState {
  ctm: Matrix
  stroke: Rgb | null
  fill: Rgb | null
  strokeAlpha: number
  fillAlpha: number
  lineWidth: number
  dash: number[]
}

/** '#rrggbb', as PDF.js 5 hands every colour over after converting it from its colour space. */
function hexColor(args: unknown): Rgb | null {
  const v = Array.isArray(args) ? args[0] : null
  if (typeof v !== 'string' || !/^#[0-9a-f]{6}$/i.test(v)) return null
  const n = parseInt(v.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function dashArray(v: unknown): number[] | null {
  if (!Array.isArray(v)) return null
  const d = v.filter(finite).map(Math.abs)
  // A pattern of zeros draws nothing sensible; PDF readers treat it as solid.
  return d.some((x) => x > 0) ? d : []
}

interface Polyline {
  points: Point[]
  closed: boolean
  curved: boolean
}

/** A point on a cubic (four control values) or quadratic (three) Bézier curve at t. */
function bezier(t: number, c: readonly number[]): number {
  const u = 1 - t
  return c.length === 4
    ? u * u * u * c[0] + 3 * u * u * t * c[1] + 3 * u * t * t * c[2] + t * t * t * c[3]
    : u * u * c[0] + 2 * u * t * c[1] + t * t * c[2]
}

/** Splits a path buffer into polylines in user space, with Béziers flattened. */
function polylines(data: ArrayLike<number>): Polyline[] {
  const out: Polyline[] = []
  let current: Polyline | null = null
  let x = 0
  let y = 0
  let k = 0
  const take = (count: number): number[] | null => {
    if (k + count > data.length) return null
    const v = Array.from({ length: count }, (_, i) => data[k + i])
    k += count
    return v.every(Number.isFinite) ? v : null
  }
  // A segment after closePath, or before any moveTo, starts a new subpath at the current point.
  const open = (): Polyline => {
    if (current && !current.closed) return current
    current = { points: [{ x, y }], closed: false, curved: false }
    out.push(current)
    return current
  }
  while (k < data.length) {
    const code = data[k++]
    if (code === DRAW_MOVE) {
      const v = take(2)
      if (!v) break
      ;[x, y] = v
      current = { points: [{ x, y }], closed: false, curved: false }
      out.push(current)
    } else if (code === DRAW_LINE) {
      const v = take(2)
      if (!v) break
      ;[x, y] = v
      open().points.push({ x, y })
    } else if (code === DRAW_CURVE || code === DRAW_QUAD) {
      const v = take(code === DRAW_CURVE ? 6 : 4)
      if (!v) break
      const sub = open()
      sub.curved = true
      const xs = [x, ...v.filter((_, i) => i % 2 === 0)]
      const ys = [y, ...v.filter((_, i) => i % 2 === 1)]
      for (let s = 1; s <= BEZIER_STEPS; s++) {
        sub.points.push({ x: bezier(s / BEZIER_STEPS, xs), y: bezier(s / BEZIER_STEPS, ys) })
      }
      x = xs[xs.length - 1]
      y = ys[ys.length - 1]
    } else if (code === DRAW_CLOSE) {
      const sub: Polyline | null = current
      if (sub && !sub.closed) {
        const first = sub.points[0]
        sub.points.push({ ...first })
        sub.closed = true
        x = first.x
        y = first.y
      }
    } else {
      // An unknown code: the rest of the buffer cannot be aligned, so it is dropped.
      break
    }
  }
  return out
}

/**
 * Reads the stroked and filled paths of a page from its PDF.js operator list, each with its
 * colours, line width, dash pattern and vertices in page space (points, y up) and in the pixels of
 * an image rendered through `toPixel` (renderGeometry.ts).
 *
 * Follows the graphics state as PDF.js's canvas renderer does: save/restore, `cm` (transform),
 * form XObjects and transparency groups with their matrices, line width and dash (also from an
 * ExtGState's LW, D, CA and ca), and the stroke and fill colours. The operator list must be
 * PDF.js 5's: a constructPath operator carries [paint operator, [Float32Array of DrawOPS codes
 * and coordinates] or [null], bounding box or null] (PDF.js 4 and earlier had separate arrays of
 * operators and coordinates and a separate paint operator; those lists give no paths here). Its
 * optimiser may already have applied a pure translation to a path's coordinates, which is exact.
 * Clipping is not applied, and text, images and shadings are not paths. Get the list with
 * annotations disabled, as they are not part of the figure.
 */
export function extractVectorPaths(
  list: OperatorList,
  ops: PdfOps,
  toPixel: Matrix = IDENTITY,
): VectorPath[] {
  const paintStroke = new Set([
    ops.stroke,
    ops.closeStroke,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ])
  const paintFill = new Set([
    ops.fill,
    ops.eoFill,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ])
  const pixelScale = lengthScale(toPixel)
  let state: GraphicsState = {
    ctm: IDENTITY,
    stroke: [0, 0, 0],
    fill: [0, 0, 0],
    strokeAlpha: 1,
    fillAlpha: 1,
    lineWidth: 1,
    dash: [],
  }
  const stack: GraphicsState[] = []
  const push = () => stack.push({ ...state, dash: [...state.dash] })
  const pop = () => {
    const s = stack.pop()
    if (s) state = s
  }
  const paths: VectorPath[] = []
  const n = Math.min(list.fnArray.length, list.argsArray.length)
  for (let i = 0; i < n; i++) {
    const fn = list.fnArray[i]
    const args = list.argsArray[i] as unknown[] | null
    switch (fn) {
      case ops.save:
        push()
        break
      case ops.restore:
        pop()
        break
      case ops.transform: {
        const m = asMatrix(args)
        if (m) state.ctm = compose(m, state.ctm)
        break
      }
      case ops.paintFormXObjectBegin: {
        push()
        const m = asMatrix(args?.[0])
        if (m) state.ctm = compose(m, state.ctm)
        break
      }
      case ops.beginGroup: {
        push()
        const group = args?.[0] as { matrix?: unknown } | undefined
        const m = asMatrix(group?.matrix)
        if (m) state.ctm = compose(m, state.ctm)
        break
      }
      case ops.paintFormXObjectEnd:
      case ops.endGroup:
        pop()
        break
      case ops.setLineWidth:
        if (finite(args?.[0])) state.lineWidth = Math.abs(args[0])
        break
      case ops.setDash: {
        const d = dashArray(args?.[0])
        if (d) state.dash = d
        break
      }
      case ops.setGState:
        for (const entry of Array.isArray(args?.[0]) ? (args[0] as unknown[]) : []) {
          if (!Array.isArray(entry)) continue
          const [key, value] = entry
          if (key === 'LW' && finite(value)) state.lineWidth = Math.abs(value)
          else if (key === 'CA' && finite(value)) state.strokeAlpha = value
          else if (key === 'ca' && finite(value)) state.fillAlpha = value
          else if (key === 'D' && Array.isArray(value)) {
            const d = dashArray(value[0])
            if (d) state.dash = d
          }
        }
        break
      case ops.setStrokeRGBColor:
        state.stroke = hexColor(args)
        break
      case ops.setFillRGBColor:
        state.fill = hexColor(args)
        break
      // Patterns and shadings, and "transparent": no single colour a curve could be.
      case ops.setStrokeColorN:
      case ops.setStrokeTransparent:
        state.stroke = null
        break
      case ops.setFillColorN:
      case ops.setFillTransparent:
        state.fill = null
        break
      case ops.constructPath: {
        const paint = args?.[0]
        const data = (args?.[1] as unknown[] | undefined)?.[0]
        if (typeof paint !== 'number' || !data || typeof data !== 'object') break
        if (!('length' in data)) break
        const stroked = paintStroke.has(paint)
        const filled = paintFill.has(paint)
        if (!stroked && !filled) break
        const scale = lengthScale(state.ctm)
        const pieces = polylines(data as ArrayLike<number>)
        const subpaths = pieces
          .filter((p) => p.points.length >= 2)
          .map((p) => {
            const page = p.points.map((q) => apply(state.ctm, q.x, q.y))
            return { page, pixel: page.map((q) => apply(toPixel, q.x, q.y)), closed: p.closed }
          })
        if (subpaths.length === 0) break
        paths.push({
          index: i,
          stroke: stroked ? state.stroke : null,
          fill: filled ? state.fill : null,
          strokeAlpha: state.strokeAlpha,
          fillAlpha: state.fillAlpha,
          lineWidth: state.lineWidth * scale,
          lineWidthPx: state.lineWidth * scale * pixelScale,
          dash: state.dash.map((d) => d * scale),
          curved: pieces.some((p) => p.curved),
          subpaths,
        })
        break
      }
    }
  }
  return paths
}
