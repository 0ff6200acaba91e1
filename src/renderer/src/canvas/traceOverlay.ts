/** The tracing mask and the censor marks, drawn over the figure in image coordinates. */
import type { SurvivalAxes } from '../../../shared/calibration/axes'
import type { MaskStroke, StudyCurve } from '../../../shared/model/study'

const MASK_COLOR = '#7c3aed'
/** The mask is drawn from a copy at most this many pixels across: it is a guide, not the data. */
const MASK_DETAIL = 1600

const maskCache = new WeakMap<readonly MaskStroke[], OffscreenCanvas>()

function maskCanvas(strokes: readonly MaskStroke[], width: number, height: number) {
  let canvas = maskCache.get(strokes)
  if (canvas) return canvas
  const k = Math.min(1, MASK_DETAIL / Math.max(width, height))
  canvas = new OffscreenCanvas(
    Math.max(1, Math.round(width * k)),
    Math.max(1, Math.round(height * k)),
  )
  const ctx = canvas.getContext('2d')
  if (ctx) {
    ctx.scale(k, k)
    ctx.lineCap = 'round'
    ctx.lineJoin = 'round'
    ctx.strokeStyle = MASK_COLOR
    for (const stroke of strokes) {
      // Erasing strokes cut the earlier ones away, as the tracer's rasterised mask does.
      ctx.globalCompositeOperation = stroke.erase ? 'destination-out' : 'source-over'
      ctx.lineWidth = 2 * stroke.radius
      ctx.beginPath()
      const [first, ...rest] = stroke.points
      ctx.moveTo(first[0], first[1])
      // A single press is a dot: a zero-length line with round caps.
      if (rest.length === 0) ctx.lineTo(first[0], first[1])
      for (const [x, y] of rest) ctx.lineTo(x, y)
      ctx.stroke()
    }
  }
  maskCache.set(strokes, canvas)
  return canvas
}

export function drawMask(
  ctx: CanvasRenderingContext2D,
  strokes: readonly MaskStroke[],
  width: number,
  height: number,
): void {
  ctx.save()
  ctx.globalAlpha = 0.35
  ctx.drawImage(maskCanvas(strokes, width, height), 0, 0, width, height)
  ctx.restore()
}

/** Survival on the digitized step function at `time`: the last point at or before it. */
function stepAt(points: StudyCurve['points'], time: number): number {
  let s = 1
  for (const p of points) {
    if (p.time > time) break
    s = p.surv
  }
  return s
}

/** A short vertical tick across the curve at each censor time, in the curve's colour. */
export function drawCensorMarks(
  ctx: CanvasRenderingContext2D,
  curve: StudyCurve,
  axes: SurvivalAxes,
  px: number,
): void {
  if (!curve.censorTimes?.length) return
  ctx.save()
  ctx.strokeStyle = curve.color
  ctx.lineWidth = 2 * px
  ctx.beginPath()
  for (const t of curve.censorTimes) {
    const at = axes.toPixel(t, stepAt(curve.points, t))
    ctx.moveTo(at.px, at.py - 6 * px)
    ctx.lineTo(at.px, at.py + 6 * px)
  }
  ctx.stroke()
  ctx.restore()
}
