import type { RgbaImage } from '../trace/types'
import { INK } from './inkMap'

/**
 * Whether a tick label's ink (the rectangle `region` of the image, in its pixels) holds what
 * looks like a decimal point or comma: a small blob of ink on its own, at the foot of the text,
 * between two taller blobs (digits). Used before trusting one OCR reading of a label alone
 * (detectAxes): "1.5" read "15" is a whole number that fits "0 15 30 45" as well as "0 1.5 3.0
 * 4.5" does, and only the ink tells them apart. Blobs are 8-connected pixels darker than INK; the
 * text's height is the tallest blob's; a point is at most 0.35 of it across and tall, its foot
 * within 0.2 of it from the text's foot. A speck of JPEG noise there counts as a point too: the
 * answer errs towards reading the label twice.
 */
export function hasPointInk(
  image: RgbaImage,
  region: { x: number; y: number; width: number; height: number },
): boolean {
  const { x: rx, y: ry, width: w, height: h } = region
  if (w <= 0 || h <= 0) return false
  const ink = new Uint8Array(w * h)
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const p = ((ry + j) * image.width + rx + i) * 4
      const { data } = image
      const dark = 255 - (0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2])
      if (dark > INK) ink[j * w + i] = 1
    }
  }
  const blobs: { x0: number; x1: number; y0: number; y1: number }[] = []
  const stack: number[] = []
  for (let start = 0; start < ink.length; start++) {
    if (ink[start] !== 1) continue
    ink[start] = 2
    stack.push(start)
    const b = { x0: w, x1: -1, y0: h, y1: -1 }
    while (stack.length) {
      const q = stack.pop()!
      const qx = q % w
      const qy = (q - qx) / w
      b.x0 = Math.min(b.x0, qx)
      b.x1 = Math.max(b.x1, qx)
      b.y0 = Math.min(b.y0, qy)
      b.y1 = Math.max(b.y1, qy)
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = qx + dx
          const ny = qy + dy
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue
          const n = ny * w + nx
          if (ink[n] === 1) {
            ink[n] = 2
            stack.push(n)
          }
        }
      }
    }
    blobs.push(b)
  }
  const tall = Math.max(0, ...blobs.map((b) => b.y1 - b.y0 + 1))
  if (tall < 4) return false
  const digits = blobs.filter((b) => b.y1 - b.y0 + 1 >= 0.6 * tall)
  const foot = Math.max(...digits.map((b) => b.y1))
  return blobs.some(
    (b) =>
      b.y1 - b.y0 + 1 <= 0.35 * tall &&
      b.x1 - b.x0 + 1 <= 0.35 * tall &&
      b.y1 >= foot - 0.2 * tall &&
      digits.some((d) => d.x1 < b.x0) &&
      digits.some((d) => d.x0 > b.x1),
  )
}
