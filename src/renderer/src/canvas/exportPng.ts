import { type StudyState, useStudy } from '../store/store'
import { bytesToBase64, useFigureImage } from '../io/figure'
import { drawScene } from './scene'
import {
  legendRows,
  strokeReconstructed,
  strokeStretch,
  type LegendRow,
} from './traceStatusOverlay'

/** Flagged stretches are drawn in their curve's colour; the legend shows the pattern in grey. */
const LEGEND_STRETCH = '#4b5563'

/**
 * The figure at its own resolution with the reconstructed curves (dark dashes), the digitized
 * points and any flagged trace stretches drawn over it, and a legend in a strip below it (never
 * over the figure), as PNG bytes in base64.
 */
export async function exportPngBase64(): Promise<string> {
  const image = useFigureImage.getState().image
  if (!image) throw new Error('open a figure first')
  const state = useStudy.getState()
  const canvas = document.createElement('canvas')
  canvas.width = image.width
  canvas.height = exportHeight(image, state)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2-D canvas available')
  drawExport(ctx, image.levels[0], image, state)
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'))
  if (!blob) throw new Error('the canvas could not be encoded as PNG')
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()))
}

interface Size {
  width: number
  height: number
}

/** One screen pixel of the export, in image pixels: strokes and text scale with a large figure. */
const exportPx = (figure: Size) => Math.max(1, figure.width / 900)

/** The exported picture's height: the figure's, and the legend strip's below it. */
export function exportHeight(figure: Size, state: StudyState): number {
  return figure.height + legendHeight(legendRows(state.study.curves).length, exportPx(figure))
}

/**
 * The export drawn on a context of the figure's width and `exportHeight`: the figure, the
 * overlay and the legend. Also draws the README's tracing picture (tools/docs/tracingOverlap.ts).
 */
export function drawExport(
  ctx: CanvasRenderingContext2D,
  bitmap: CanvasImageSource,
  figure: Size,
  state: StudyState,
): void {
  const px = exportPx(figure)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, figure.width, exportHeight(figure, state))
  ctx.drawImage(bitmap, 0, 0)
  drawScene(ctx, state, px, { editing: false })
  drawLegend(ctx, legendRows(state.study.curves), px, figure.height)
}

const LINE = 15

function legendHeight(rows: number, px: number): number {
  return (rows * LINE + 10) * px
}

function drawLegend(ctx: CanvasRenderingContext2D, rows: LegendRow[], px: number, top: number) {
  ctx.save()
  ctx.font = `${11 * px}px system-ui, 'DejaVu Sans', sans-serif`
  ctx.textBaseline = 'middle'
  rows.forEach((row, i) => {
    const cy = top + (5 + (i + 0.5) * LINE) * px
    // The flagged-stretch sample's band has round caps half its width (5.5 px) long: keep it
    // clear of the picture's left edge and of the text.
    const sample = [
      { px: 10 * px, py: cy },
      { px: 28 * px, py: cy },
    ]
    if (row.kind === 'points') {
      ctx.fillStyle = row.color
      ctx.strokeStyle = '#ffffff'
      ctx.lineWidth = 0.75 * px
      ctx.beginPath()
      ctx.arc(19 * px, cy, 3 * px, 0, 2 * Math.PI)
      ctx.fill()
      ctx.stroke()
    } else if (row.kind === 'reconstructed') {
      strokeReconstructed(ctx, sample, px)
    } else {
      strokeStretch(ctx, sample, row.kind, LEGEND_STRETCH, px)
    }
    ctx.fillStyle = '#111827'
    ctx.fillText(row.text, 38 * px, cy)
  })
  ctx.restore()
}
