import { useStudy } from '../store/store'
import { bytesToBase64, useFigureImage } from '../io/figure'
import { drawScene } from './scene'

/**
 * The figure at its own resolution with the reconstructed curves and the digitized points drawn
 * over it, and a legend in a strip below it (never over the figure), as PNG bytes in base64.
 */
export async function exportPngBase64(): Promise<string> {
  const image = useFigureImage.getState().image
  if (!image) throw new Error('open a figure first')
  const state = useStudy.getState()
  const px = Math.max(1, image.width / 900)
  const curves = state.study.curves
  const canvas = document.createElement('canvas')
  canvas.width = image.width
  canvas.height = image.height + legendHeight(curves.length, px)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2-D canvas available')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(image.levels[0], 0, 0)
  drawScene(ctx, state, px, { editing: false })
  drawLegend(ctx, curves, px, image.height)
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'))
  if (!blob) throw new Error('the canvas could not be encoded as PNG')
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()))
}

const LINE = 15

function legendHeight(curves: number, px: number): number {
  return (curves * LINE + 10) * px
}

function drawLegend(
  ctx: CanvasRenderingContext2D,
  curves: { name: string; color: string }[],
  px: number,
  top: number,
) {
  ctx.save()
  ctx.font = `${11 * px}px system-ui, 'DejaVu Sans', sans-serif`
  ctx.textBaseline = 'middle'
  curves.forEach((c, i) => {
    const cy = top + (5 + (i + 0.5) * LINE) * px
    ctx.strokeStyle = c.color
    ctx.lineWidth = 2.5 * px
    ctx.beginPath()
    ctx.moveTo(8 * px, cy)
    ctx.lineTo(24 * px, cy)
    ctx.stroke()
    ctx.fillStyle = c.color
    ctx.beginPath()
    ctx.arc(16 * px, cy, 3 * px, 0, 2 * Math.PI)
    ctx.fill()
    ctx.fillStyle = '#111827'
    ctx.fillText(`${c.name}: digitized points and reconstructed KM curve`, 30 * px, cy)
  })
  ctx.restore()
}
