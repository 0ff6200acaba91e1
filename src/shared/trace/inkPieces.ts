import type { PixelRect } from './types'

/** One connected piece of ink: its bounding box (inclusive, image pixels) and its pixel count. */
export interface InkPiece {
  left: number
  right: number
  top: number
  bottom: number
  count: number
}

/**
 * Visits each 8-connected piece of ink inside `rect` once, in raster order of each piece's first
 * pixel (top row first, left to right). `isInk(i)` says whether pixel i = y·width + x is ink;
 * pixels outside `rect` are never looked at, so a piece is cut at its edges. `visit` returning
 * true stops the walk (a caller looking for the first piece of some shape). O(pixels in rect).
 */
export function forEachInkPiece(
  rect: PixelRect,
  width: number,
  isInk: (i: number) => boolean,
  visit: (piece: InkPiece) => boolean | void,
): void {
  const { x0, y0, x1, y1 } = rect
  const w = x1 - x0
  const h = y1 - y0
  if (w <= 0 || h <= 0) return
  // Indexed by a pixel's place inside rect; each pixel is pushed at most once.
  const seen = new Uint8Array(w * h)
  const stack = new Int32Array(w * h)
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const local = (y - y0) * w + (x - x0)
      if (seen[local] || !isInk(y * width + x)) continue
      seen[local] = 1
      let top = 0
      stack[top++] = local
      const piece = { left: x, right: x, top: y, bottom: y, count: 0 }
      while (top > 0) {
        const p = stack[--top]
        piece.count++
        const px = (p % w) + x0
        const py = Math.floor(p / w) + y0
        if (px < piece.left) piece.left = px
        if (px > piece.right) piece.right = px
        if (py < piece.top) piece.top = py
        if (py > piece.bottom) piece.bottom = py
        for (let ny = Math.max(y0, py - 1); ny <= Math.min(y1 - 1, py + 1); ny++) {
          for (let nx = Math.max(x0, px - 1); nx <= Math.min(x1 - 1, px + 1); nx++) {
            const q = (ny - y0) * w + (nx - x0)
            if (!seen[q] && isInk(ny * width + nx)) {
              seen[q] = 1
              stack[top++] = q
            }
          }
        }
      }
      if (visit(piece)) return
    }
  }
}
