/**
 * The parts read from the figure and not yet confirmed (issue 14), drawn in place in the "to
 * check" amber of the calibration points: each risk cell outlined where it was read with the
 * number read, each cell not read outlined in red dashes with "?", each traced curve on an amber
 * casing. Editing aids: never in the exported figure.
 */
import type { StudyCurve } from '../../../shared/model/study'
import type { CellHighlight } from '../geometry/readHighlights'
import { haloText } from './draw'

/** The "to check" amber (draw.ts's flagged points and calibration rings). */
export const TO_CHECK = '#f59e0b'
/** The amber's text, dark enough to read on white. */
const TO_CHECK_TEXT = '#92400e'
/** A cell with no number read. */
export const NOT_READ = '#dc2626'

type Ctx = CanvasRenderingContext2D

/**
 * The cells to check: a box a little larger than the words read, in amber with the number read
 * on its right (the table's rows are close, its columns far apart); a cell not read in red dashes
 * with "?". The picked cell (or every cell of the picked table) drawn heavier, on a light fill.
 */
export function drawCellHighlights(
  ctx: Ctx,
  cells: readonly CellHighlight[],
  picked: { curveId: string; time?: number } | null,
  px: number,
) {
  ctx.save()
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'left'
  const pad = 2 * px
  for (const c of cells) {
    const read = c.n !== null
    const isPicked =
      picked !== null &&
      picked.curveId === c.curveId &&
      (picked.time === undefined || Math.abs(picked.time - c.time) < 1e-9)
    const x = c.box.x0 - pad
    const y = c.box.y0 - pad
    const w = c.box.x1 - c.box.x0 + 2 * pad
    const h = c.box.y1 - c.box.y0 + 2 * pad
    if (isPicked) {
      ctx.fillStyle = read ? 'rgba(245, 158, 11, 0.18)' : 'rgba(220, 38, 38, 0.12)'
      ctx.fillRect(x, y, w, h)
    }
    ctx.strokeStyle = read ? TO_CHECK : NOT_READ
    ctx.lineWidth = (isPicked ? 3 : 1.75) * px
    ctx.setLineDash(read ? [] : [3 * px, 2 * px])
    ctx.strokeRect(x, y, w, h)
    ctx.setLineDash([])
    haloText(
      ctx,
      read ? String(c.n) : '?',
      x + w + 3 * px,
      y + h / 2,
      px,
      read ? TO_CHECK_TEXT : NOT_READ,
      `bold ${11 * px}px system-ui, 'DejaVu Sans', sans-serif`,
    )
  }
  ctx.restore()
}

/** A curve's points in pixel order, sorted once per points array (the canvas redraws often). */
const inOrder = new WeakMap<StudyCurve['points'], StudyCurve['points']>()

/**
 * A traced curve to check on a wide amber casing, under its points (which stay the data on top):
 * heavier when picked. Drawn through the points in pixel order, as the trace runs.
 */
export function drawCurveCasing(ctx: Ctx, curve: StudyCurve, picked: boolean, px: number) {
  if (curve.points.length === 0) return
  let points = inOrder.get(curve.points)
  if (!points) {
    points = [...curve.points].sort((a, b) => a.px - b.px || a.py - b.py)
    inOrder.set(curve.points, points)
  }
  ctx.save()
  ctx.strokeStyle = TO_CHECK
  ctx.globalAlpha = picked ? 0.6 : 0.4
  ctx.lineWidth = (picked ? 11 : 8) * px
  ctx.lineJoin = 'round'
  ctx.lineCap = 'round'
  ctx.beginPath()
  points.forEach((p, i) => (i ? ctx.lineTo(p.px, p.py) : ctx.moveTo(p.px, p.py)))
  ctx.stroke()
  ctx.restore()
}
