import type { Rgb } from '../trace/types'
import { type Point, bounding } from './matrix'

/**
 * A small stroked or filled piece of vector graphics that may be (part of) a censor mark. Here,
 * pixels are those of the plot's own frame: time to the right, survival down, whatever the page's
 * rotation.
 */
export interface GlyphPiece {
  /** Vertices in pixels. */
  points: Point[]
  closed: boolean
  color: Rgb
}

/** A found curve, as the glyphs see it: its corners in pixels, its colour and line width. */
export interface CurveOutline {
  points: Point[]
  color: Rgb
  lineWidth: number
}

/** A censor mark: which curve it sits on, its centre, and the curve's level under it (pixels). */
export interface GlyphMark {
  curve: number
  x: number
  y: number
  level: number
}

type Kind = 'v' | 'h' | 'd1' | 'd2' | 'shape'

interface Anchor {
  kind: Kind
  x: number
  y: number
  width: number
  height: number
  color: Rgb
}

/** Strokes of one glyph share its centre to this share of its size (and at least half a pixel). */
const SAME_CENTRE = 0.08
/** A segment this close to vertical (|dx| / |dy|) is a tick's upright. */
const UPRIGHT = 0.1

const sameColor = (a: Rgb, b: Rgb) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2]

/** What a piece is, as a glyph stroke: an upright, a bar, a diagonal, or a closed shape. */
function anchorOf(piece: GlyphPiece): Anchor | null {
  const { x0, x1, y0, y1 } = bounding(piece.points)
  const width = x1 - x0
  const height = y1 - y0
  if (Math.max(width, height) < 0.5) return null
  const base = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, width, height, color: piece.color }
  const distinct = piece.points.filter(
    (p, i) => i === 0 || p.x !== piece.points[i - 1].x || p.y !== piece.points[i - 1].y,
  )
  if (piece.closed || distinct.length !== 2) return { kind: 'shape', ...base }
  const dx = distinct[1].x - distinct[0].x
  const dy = distinct[1].y - distinct[0].y
  if (Math.abs(dx) <= UPRIGHT * Math.abs(dy)) return { kind: 'v', ...base }
  if (Math.abs(dy) <= UPRIGHT * Math.abs(dx)) return { kind: 'h', ...base }
  return { kind: dx * dy > 0 ? 'd1' : 'd2', ...base }
}

/**
 * The distance (pixels) from (x, y) to the nearest point of a curve's polyline. A mark at a fall
 * is nearest its own curve even where another curve falls a pixel away.
 */
function distanceToCurve(curve: CurveOutline, x: number, y: number): number {
  let best = Infinity
  const p = curve.points
  for (let i = 1; i < p.length; i++) {
    const a = p[i - 1]
    const dx = p[i].x - a.x
    const dy = p[i].y - a.y
    const length2 = dx * dx + dy * dy
    const t =
      length2 > 0 ? Math.min(1, Math.max(0, ((x - a.x) * dx + (y - a.y) * dy) / length2)) : 0
    best = Math.min(best, Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy)))
  }
  return best
}

/** The curve's row in column x: of its plateaus and sloped stretches over x, the one nearest y. */
function levelAt(curve: CurveOutline, x: number, y: number): number {
  let level = y
  let best = Infinity
  const p = curve.points
  for (let i = 1; i < p.length; i++) {
    const a = p[i - 1]
    const b = p[i]
    if (x < Math.min(a.x, b.x) || x > Math.max(a.x, b.x) || a.x === b.x) continue
    const at = a.y + ((x - a.x) / (b.x - a.x)) * (b.y - a.y)
    if (Math.abs(at - y) < best) {
      best = Math.abs(at - y)
      level = at
    }
  }
  return level
}

/**
 * Finds the censor marks among small glyph pieces and puts each on the curve it marks. A mark is
 * drawn as one or more strokes around one centre: an upright (a tick), an upright and a bar (+),
 * two diagonals (×), or a closed shape (circle, square, triangle, which may be filled). Strokes of
 * different kinds that share a centre (to SAME_CENTRE of their size) are one mark; two strokes of
 * the same kind are two marks, however close, so that marks at nearby censoring times, which
 * overlap in a picture, are still counted apart. A mark belongs to the curve of its colour whose
 * line passes within half the mark's height (plus half the line width and a pixel) of its centre,
 * the nearest if several do (in the plane: of two curves falling a pixel apart, the mark drawn at
 * one's fall is nearest that one); marks on no curve (axis ticks, legend keys) are dropped. Each
 * mark's `level` is the curve's row under it (y itself where no plateau is over it), so that its
 * survival is the curve's. A mark within `snap` pixels of a corner's column is put in it.
 */
export function censorGlyphs(
  pieces: readonly GlyphPiece[],
  curves: readonly CurveOutline[],
  snap: number,
): GlyphMark[] {
  const anchors = pieces
    .map(anchorOf)
    .filter((a): a is Anchor => a !== null)
    .sort((a, b) => a.x - b.x || a.y - b.y)
  const marks: { kinds: Set<Kind>; anchor: Anchor }[] = []
  for (const a of anchors) {
    const tol = Math.max(0.5, SAME_CENTRE * Math.max(a.width, a.height))
    // Anchors come in order of x, and a mark's centre moves by less than `tol` when a stroke
    // joins it, so only the marks within 2·tol to the left can be this stroke's.
    let home: (typeof marks)[number] | undefined
    for (let j = marks.length - 1; j >= 0 && marks[j].anchor.x >= a.x - 2 * tol; j--) {
      const m = marks[j]
      if (
        !m.kinds.has(a.kind) &&
        sameColor(m.anchor.color, a.color) &&
        Math.abs(m.anchor.x - a.x) <= tol &&
        Math.abs(m.anchor.y - a.y) <= tol
      ) {
        home = m
        break
      }
    }
    if (home) {
      home.kinds.add(a.kind)
      // The upright of a '+' gives the exact time; a bar only joins it.
      if (a.kind === 'v' || home.anchor.kind === 'h') {
        home.anchor = { ...a, height: Math.max(a.height, home.anchor.height) }
      }
    } else {
      marks.push({ kinds: new Set([a.kind]), anchor: a })
    }
  }
  const found: GlyphMark[] = []
  for (const { kinds, anchor } of marks) {
    // A bar alone is a dash or a legend key lying on a plateau, not a mark.
    if (kinds.size === 1 && kinds.has('h')) continue
    let bestCurve = -1
    let bestDistance = Infinity
    curves.forEach((c, i) => {
      if (!sameColor(c.color, anchor.color)) return
      const d = distanceToCurve(c, anchor.x, anchor.y)
      if (d <= anchor.height / 2 + c.lineWidth / 2 + 1 && d < bestDistance) {
        bestDistance = d
        bestCurve = i
      }
    })
    if (bestCurve >= 0) {
      const curve = curves[bestCurve]
      // A mark drawn at a fall or at the curve's end has that vertex's time: its centre, averaged
      // from rounded end points, may miss it by a rounding, which would put a censoring tied
      // with a death before it.
      const vertex = curve.points.find((p) => Math.abs(p.x - anchor.x) <= snap)
      const x = vertex ? vertex.x : anchor.x
      found.push({ curve: bestCurve, x, y: anchor.y, level: levelAt(curve, x, anchor.y) })
    }
  }
  return found.sort((a, b) => a.curve - b.curve || a.x - b.x)
}
