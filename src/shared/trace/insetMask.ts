/**
 * A zoomed inset (findInset) as a tracing mask: the tracer's pixel mask, and the study's brush
 * stroke — so that the app paints it, the user sees what was left out and can erase it, and a
 * study written by `kmpool read` keeps it for the next trace.
 */
import type { MaskStroke } from '../model/study'
import type { InsetRect } from './findInset'

/** The brush radius of the inset's stroke, in image pixels. */
const RADIUS = 4

/**
 * One erase-free stroke covering the rectangle: a back-and-forth path (rows RADIUS apart, ends
 * RADIUS inside the sides) with radius RADIUS, so that every pixel of the rectangle is within it
 * except slivers under a pixel at the corners (which findInset's margin leaves outside the frame).
 */
export function insetStroke(r: InsetRect): MaskStroke {
  const left = r.x + Math.min(RADIUS, r.width / 2)
  const right = r.x + r.width - Math.min(RADIUS, r.width / 2)
  const top = r.y + Math.min(RADIUS, r.height / 2)
  const bottom = r.y + r.height - Math.min(RADIUS, r.height / 2)
  const points: [number, number][] = []
  let row = 0
  for (let y = top; ; y = Math.min(bottom, y + RADIUS)) {
    const [a, b] = row % 2 === 0 ? [left, right] : [right, left]
    points.push([a, y], [b, y])
    row++
    if (y >= bottom) break
  }
  return { erase: false, radius: RADIUS, points }
}

/**
 * Whether any stroke (painted or erased) reaches into the rectangle: the user has already decided
 * about that part of the figure, so a detected inset is not painted over it again.
 */
export function maskTouches(strokes: readonly MaskStroke[], r: InsetRect): boolean {
  return strokes.some((s) =>
    s.points.some(
      ([x, y]) =>
        x + s.radius > r.x &&
        x - s.radius < r.x + r.width &&
        y + s.radius > r.y &&
        y - s.radius < r.y + r.height,
    ),
  )
}

/** The tracer's mask (one byte per pixel, 1 left out) of the rectangle, over `mask` if given. */
export function rectMask(
  r: InsetRect,
  width: number,
  height: number,
  mask = new Uint8Array(width * height),
): Uint8Array {
  const x0 = Math.max(0, Math.round(r.x))
  const x1 = Math.min(width, Math.round(r.x + r.width))
  const y0 = Math.max(0, Math.round(r.y))
  const y1 = Math.min(height, Math.round(r.y + r.height))
  for (let y = y0; y < y1; y++) if (x1 > x0) mask.fill(1, y * width + x0, y * width + x1)
  return mask
}
