/**
 * The tracing mask as the tracer reads it: brush strokes rasterised to one byte per image pixel
 * (non-zero = hidden from tracing). Strokes apply in the order painted, so an erase stroke
 * uncovers what earlier strokes hid.
 */
import type { MaskStroke } from '../../../shared/model/study'

/** Sets (or clears) every pixel whose centre lies within `r` of the segment a–b. */
function stampSegment(
  mask: Uint8Array,
  width: number,
  height: number,
  a: readonly [number, number],
  b: readonly [number, number],
  r: number,
  value: number,
): void {
  const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - r))
  const x1 = Math.min(width - 1, Math.ceil(Math.max(a[0], b[0]) + r))
  const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - r))
  const y1 = Math.min(height - 1, Math.ceil(Math.max(a[1], b[1]) + r))
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const len2 = dx * dx + dy * dy
  const r2 = r * r
  for (let y = y0; y <= y1; y++) {
    const cy = y + 0.5
    for (let x = x0; x <= x1; x++) {
      const cx = x + 0.5
      // The nearest point of the segment to the pixel's centre.
      const t =
        len2 > 0 ? Math.min(1, Math.max(0, ((cx - a[0]) * dx + (cy - a[1]) * dy) / len2)) : 0
      const ex = cx - (a[0] + t * dx)
      const ey = cy - (a[1] + t * dy)
      if (ex * ex + ey * ey <= r2) mask[y * width + x] = value
    }
  }
}

export function rasterizeMask(
  strokes: readonly MaskStroke[],
  width: number,
  height: number,
): Uint8Array {
  const mask = new Uint8Array(width * height)
  for (const stroke of strokes) {
    const value = stroke.erase ? 0 : 1
    const pts = stroke.points
    if (pts.length === 1) stampSegment(mask, width, height, pts[0], pts[0], stroke.radius, value)
    for (let i = 1; i < pts.length; i++) {
      stampSegment(mask, width, height, pts[i - 1], pts[i], stroke.radius, value)
    }
  }
  return mask
}

/** Whether any stroke hides pixels at all (an all-erase mask hides nothing). */
export function masksAnything(strokes: readonly MaskStroke[] | undefined): boolean {
  return (strokes ?? []).some((s) => !s.erase)
}
