import { createCanvas } from '@napi-rs/canvas'
import type { PixelRect, RgbaImage } from '../../src/shared/trace/types'

export interface OverlayCurve {
  points: readonly { x: number; y: number }[]
  marks?: readonly { x: number; y: number }[]
  /** CSS colour of the drawn trace. */
  stroke: string
}

/**
 * A PNG of part of a figure with traced curves drawn over it, enlarged `zoom` times so that a
 * pixel's worth of error can be seen: the step function as a thin line, its corners as dots,
 * censor marks as circles. For the benchmark's worst cases and for debugging.
 */
export function overlayPng(
  image: RgbaImage,
  crop: PixelRect,
  curves: readonly OverlayCurve[],
  zoom = 2,
): Buffer {
  const w = crop.x1 - crop.x0
  const h = crop.y1 - crop.y0
  const src = createCanvas(image.width, image.height)
  const sctx = src.getContext('2d')
  const data = sctx.createImageData(image.width, image.height)
  data.data.set(image.data)
  sctx.putImageData(data, 0, 0)
  const out = createCanvas(w * zoom, h * zoom)
  const ctx = out.getContext('2d')
  ctx.imageSmoothingEnabled = false
  ctx.drawImage(src, crop.x0, crop.y0, w, h, 0, 0, w * zoom, h * zoom)
  const X = (x: number) => (x - crop.x0) * zoom
  const Y = (y: number) => (y - crop.y0) * zoom
  for (const c of curves) {
    ctx.strokeStyle = c.stroke
    ctx.fillStyle = c.stroke
    ctx.lineWidth = 1
    ctx.beginPath()
    c.points.forEach((p, i) => (i === 0 ? ctx.moveTo(X(p.x), Y(p.y)) : ctx.lineTo(X(p.x), Y(p.y))))
    ctx.stroke()
    for (const p of c.points) ctx.fillRect(X(p.x) - 1.5, Y(p.y) - 1.5, 3, 3)
    for (const m of c.marks ?? []) {
      ctx.beginPath()
      ctx.arc(X(m.x), Y(m.y), 3 * zoom, 0, 2 * Math.PI)
      ctx.stroke()
    }
  }
  return out.toBuffer('image/png')
}
