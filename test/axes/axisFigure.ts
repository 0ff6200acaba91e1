import { GlobalFonts, Image, createCanvas } from '@napi-rs/canvas'
import type { RgbaImage } from '../../src/shared/trace/types'

const FONT_DIR = '/usr/share/fonts/truetype/dejavu'
GlobalFonts.registerFromPath(`${FONT_DIR}/DejaVuSans.ttf`, 'DejaVu Sans')
GlobalFonts.registerFromPath(`${FONT_DIR}/DejaVuSerif.ttf`, 'DejaVu Serif')

/**
 * Axis styles the styled KM generator (test/generator) does not draw, for the axis reader's
 * tests: log time axes, survival axes from above 0, decimal commas, "%" signs, R base graphics'
 * axes offset from the plot's box, a risk table below. Every tick's exact pixel is returned (the
 * tracer's convention: pixel i centred at i + ½), with the labels' values.
 */
export interface AxisFigureSpec {
  width: number
  height: number
  /** Time-axis tick values, left to right; `log` places them by log10. */
  xTicks: number[]
  xLog?: boolean
  /** Survival-axis tick values, bottom to top (proportions or percentages as printed). */
  yTicks: number[]
  /** How a value is printed (decimal comma, "%"). */
  yFormat?: (v: number) => string
  xFormat?: (v: number) => string
  /** R base graphics: the axes drawn this many pixels away from the plot's box. */
  offset?: number
  font?: 'DejaVu Sans' | 'DejaVu Serif'
  fontSize: number
  xTitle?: string
  riskTable?: boolean
  jpeg?: number
}

export interface AxisFigure {
  image: RgbaImage
  file: Buffer
  /** True tick pixels: x of each time tick, y of each survival tick. */
  xTicks: { px: number; value: number }[]
  yTicks: { py: number; value: number }[]
}

export function renderAxisFigure(spec: AxisFigureSpec): AxisFigure {
  const { width, height, fontSize: fs } = spec
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)
  ctx.font = `${fs}px "${spec.font ?? 'DejaVu Sans'}"`
  const off = spec.offset ?? 0
  const left = Math.round(fs * 5 + off) + 0.3
  const right = width - fs * 2
  const top = fs * 1.5
  const bottom = height - fs * (4.5 + (spec.riskTable ? 4.5 : 0)) - off + 0.4
  const xv = (v: number) => (spec.xLog ? Math.log10(v) : v)
  const x0 = xv(spec.xTicks[0])
  const x1 = xv(spec.xTicks[spec.xTicks.length - 1])
  const px = (v: number) => left + ((right - left) * (xv(v) - x0)) / (x1 - x0)
  const y0 = spec.yTicks[0]
  const y1 = spec.yTicks[spec.yTicks.length - 1]
  const py = (v: number) => bottom - ((bottom - top) * (v - y0)) / (y1 - y0)
  const xf = spec.xFormat ?? String
  const yf = spec.yFormat ?? String
  // Axis lines: at the plot's edge, or (R base) offset and only from the first tick to the last.
  ctx.strokeStyle = '#000'
  ctx.lineWidth = 1
  ctx.beginPath()
  const xAxisY = bottom + off
  const yAxisX = left - off
  if (off) {
    ctx.rect(left - fs, top - fs, right - left + 2 * fs, bottom - top + 2 * fs)
    ctx.moveTo(px(spec.xTicks[0]), xAxisY)
    ctx.lineTo(px(spec.xTicks[spec.xTicks.length - 1]), xAxisY)
    ctx.moveTo(yAxisX, py(y0))
    ctx.lineTo(yAxisX, py(y1))
  } else {
    ctx.moveTo(left, top)
    ctx.lineTo(left, bottom)
    ctx.lineTo(right, bottom)
  }
  for (const t of spec.xTicks) {
    ctx.moveTo(px(t), xAxisY)
    ctx.lineTo(px(t), xAxisY + fs * 0.5)
  }
  for (const s of spec.yTicks) {
    ctx.moveTo(yAxisX, py(s))
    ctx.lineTo(yAxisX - fs * 0.5, py(s))
  }
  ctx.stroke()
  ctx.fillStyle = '#000'
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  for (const t of spec.xTicks) ctx.fillText(xf(t), px(t), xAxisY + fs * 0.8)
  if (spec.xTitle) ctx.fillText(spec.xTitle, (left + right) / 2, xAxisY + fs * 2.2)
  ctx.textAlign = 'right'
  ctx.textBaseline = 'middle'
  for (const s of spec.yTicks) ctx.fillText(yf(s), yAxisX - fs * 0.8, py(s))
  // A curve falling across the plot, and its risk table.
  ctx.strokeStyle = '#c0392b'
  ctx.lineWidth = 2
  ctx.beginPath()
  let y = top + 2
  ctx.moveTo(left + 1, y)
  for (let k = 1; k <= 12; k++) {
    const x = left + ((right - left) * k) / 13
    ctx.lineTo(x, y)
    y += (bottom - top) / 20
    ctx.lineTo(x, y)
  }
  ctx.stroke()
  if (spec.riskTable) {
    ctx.fillStyle = '#000'
    ctx.textAlign = 'left'
    ctx.fillText('No. at risk', fs * 0.5, xAxisY + fs * 4)
    ctx.textAlign = 'center'
    spec.xTicks.forEach((t, i) => {
      ctx.fillText(String(200 - 17 * i), px(t), xAxisY + fs * 5.4)
      ctx.fillText(String(180 - 23 * i), px(t), xAxisY + fs * 6.8)
    })
  }
  let file: Buffer
  let data: Uint8ClampedArray | Uint8Array
  if (spec.jpeg) {
    file = canvas.encodeSync('jpeg', spec.jpeg)
    const img = new Image()
    img.src = file
    const back = createCanvas(width, height)
    const b = back.getContext('2d')
    b.drawImage(img, 0, 0)
    data = b.getImageData(0, 0, width, height).data
  } else {
    file = canvas.toBuffer('image/png')
    data = ctx.getImageData(0, 0, width, height).data
  }
  return {
    image: { data, width, height },
    file,
    xTicks: spec.xTicks.map((value) => ({ px: px(value), value })),
    yTicks: spec.yTicks.map((value) => ({ py: py(value), value })),
  }
}
