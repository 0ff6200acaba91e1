import { type SKRSContext2D, GlobalFonts, Image, createCanvas } from '@napi-rs/canvas'
import type { IpdRow, RiskRow } from '../../src/shared/reconstruct/types'
import { kaplanMeier } from '../../src/shared/survival'
import type { Calibration, RgbaImage } from '../../src/shared/trace/types'

const FONT_DIR = '/usr/share/fonts/truetype/dejavu'
let fontsLoaded = false

/** Registers the DejaVu fonts once (they are what the test machines have). */
function loadFonts(): void {
  if (fontsLoaded) return
  GlobalFonts.registerFromPath(`${FONT_DIR}/DejaVuSans.ttf`, 'DejaVu Sans')
  GlobalFonts.registerFromPath(`${FONT_DIR}/DejaVuSerif.ttf`, 'DejaVu Serif')
  GlobalFonts.registerFromPath(`${FONT_DIR}/DejaVuSansCondensed.ttf`, 'DejaVu Sans Condensed')
  fontsLoaded = true
}

/** 'tickUp' is a short tick rising from the line only (JCO's style); 'tick' crosses the line. */
export type CensorShape = 'plus' | 'tick' | 'tickUp' | 'cross' | 'circle' | 'none'

export interface ArmStyle {
  name: string
  ipd: IpdRow[]
  color: string
  /** Line width in pixels. */
  lineWidth: number
  /** Canvas dash pattern in pixels; empty for a solid line. */
  dash: number[]
  censor: CensorShape
  /** Half the height of a censor mark, in pixels. */
  markSize: number
  /** Draw the 95% pointwise confidence band (log–log) as a translucent fill. */
  band: boolean
  /** Opacity of the band (default 0.18). */
  bandAlpha?: number
  /** Colour of the censor marks when it is not the curve's (NEJM's black "+" on coloured curves). */
  markColor?: string
}

export interface FigureSpec {
  width: number
  height: number
  arms: ArmStyle[]
  /** Last time on the axis and the spacing of its ticks (also the risk-table times). */
  tMax: number
  tickStep: number
  yScale: 'proportion' | 'percent'
  grid: boolean
  gridColor: string
  /** 'box' draws the full frame, 'axes' only the left and bottom axes, 'none' ticks only (ggplot2). */
  frame: 'box' | 'axes' | 'none'
  legend: 'top-right' | 'bottom-left' | 'none'
  riskTable: boolean
  font: 'DejaVu Sans' | 'DejaVu Serif' | 'DejaVu Sans Condensed'
  /** Font size as a share of the figure width. */
  fontScale: number
  /** JPEG quality 0–1, or null for a lossless PNG. */
  jpeg: number | null
  background: string
  lineCap: 'butt' | 'round' | 'square'
  /**
   * A filled plot panel (ggplot2's grey #EBEBEB), extended 4% beyond the axis ranges on each side
   * as ggplot2 expands its scales, with the axis ticks at its edge; gridlines are drawn over it.
   */
  panel?: string
  /** Minor gridlines halfway between the major ones, half as wide (ggplot2). */
  minorGrid?: boolean
  /** Colour of the axis ticks and labels (default black). */
  axisColor?: string
  /**
   * Drawn this many times larger, then scaled down to width × height: the soft anti-aliased edges
   * and sub-pixel lines of a figure exported large and shrunk for the page.
   */
  supersample?: number
  /**
   * How the number-at-risk table is laid out, when one is drawn (absent: R base's, "Number at
   * risk" over the arms' names in their colours): 'survminer' (coloured names right-aligned
   * beside the table, the time axis repeated under it), 'nejm' ("No. at Risk", names in black),
   * 'jco' ("No. at risk", names in black, in bold), 'lancet' ("Number at risk (number censored)",
   * each number with the cumulative censored count in parentheses), 'jama' (a short line in the
   * arm's colour before its black name).
   */
  riskTableStyle?: RiskTableStyle
  /**
   * 'cumulative-incidence' draws 1 − S, rising curves ("probability of event"); the calibration
   * then says so (default survival).
   */
  yShows?: 'survival' | 'cumulative-incidence'
  /** The y axis starts at this value (a proportion, e.g. 0.2 for 20–100%); curves clipped to it. */
  yFrom?: number
  /**
   * A log time axis from this time (> 0) to tMax, ticked at 1, 2, 5 × 10^k (tickStep unused);
   * curves start at its left end, where the calibration's x1 is.
   */
  logTimeFrom?: number
  /**
   * A zoomed inset in the plot's upper right: the curves over [0, tMax] and survival [yFrom, 1]
   * drawn again, larger, in a framed box (a journal's "zoom on the first year").
   */
  inset?: { tMax: number; yFrom: number }
}

export type RiskTableStyle = 'survminer' | 'nejm' | 'jco' | 'lancet' | 'jama'

export interface ArmTruth {
  name: string
  color: string
  ipd: IpdRow[]
  risk: RiskRow[]
  /** The patients censored before each risk time, when the table prints them ('lancet'). */
  riskCensored?: number[]
  /** The times of the censor marks drawn (censorings before the last time on the axis). */
  censorTimes: number[]
  /**
   * Those of `censorTimes` whose mark no pixel shows: an upward tick in the curve's own colour at
   * a death time whose drop is tall enough that the tick stands less than half a pixel above the line
   * (JCO's ticks). Kept apart so a recall can be stated over the marks a reader can see.
   */
  hiddenCensorTimes: number[]
}

export interface RenderedFigure {
  image: RgbaImage
  /** The file as written: PNG, or JPEG when the spec asks for one. */
  file: Buffer
  fileType: 'png' | 'jpeg'
  calibration: Calibration
  arms: ArmTruth[]
  /** The box of the zoomed inset, in image pixels, when one is drawn. */
  inset?: { x0: number; y0: number; x1: number; y1: number }
}

/** The KM step curve as drawn: survival just after each event time. */
function steps(ipd: IpdRow[]): {
  time: number[]
  surv: number[]
  lower: number[]
  upper: number[]
} {
  const fit = kaplanMeier(
    ipd.map((r) => r.time),
    ipd.map((r) => r.event),
  )
  const time: number[] = []
  const surv: number[] = []
  const lower: number[] = []
  const upper: number[] = []
  fit.time.forEach((t, i) => {
    if (fit.nEvent[i] === 0) return
    const s = fit.surv[i]
    const g = fit.greenwood[i]
    let lo = 0
    let hi = 1
    if (s > 0 && s < 1 && g !== null && g > 0) {
      // log–log interval, as R's survminer draws it.
      const se = Math.sqrt(g) / Math.abs(Math.log(s))
      hi = s ** Math.exp(-1.96 * se)
      lo = s ** Math.exp(1.96 * se)
    }
    time.push(t)
    surv.push(s)
    lower.push(lo)
    upper.push(hi)
  })
  return { time, surv, lower, upper }
}

function survivalAt(curve: { time: number[]; surv: number[] }, t: number): number {
  let s = 1
  for (let i = 0; i < curve.time.length && curve.time[i] <= t; i++) s = curve.surv[i]
  return s
}

/**
 * Whether an upward tick reaching `markSize` (px, its cap included) above the line's centre at
 * time `t` on `curve` stands less than half a pixel above the line (width `lineWidth`): at a death time the tick rises from the lower
 * level inside the drop's vertical stroke, so it shows only where it is taller than the drop.
 */
function hiddenInDrop(
  curve: { time: number[]; surv: number[] },
  t: number,
  py: (s: number) => number,
  markSize: number,
  lineWidth: number,
): boolean {
  const i = curve.time.indexOf(t)
  if (i < 0) return false
  const drop = py(curve.surv[i]) - py(i > 0 ? curve.surv[i - 1] : 1)
  return markSize - drop - lineWidth / 2 < 0.5
}

function drawMark(ctx: SKRSContext2D, shape: CensorShape, x: number, y: number, r: number): void {
  ctx.beginPath()
  if (shape === 'plus') {
    ctx.moveTo(x - r, y)
    ctx.lineTo(x + r, y)
    ctx.moveTo(x, y - r)
    ctx.lineTo(x, y + r)
  } else if (shape === 'tick') {
    ctx.moveTo(x, y - r)
    ctx.lineTo(x, y + r)
  } else if (shape === 'tickUp') {
    ctx.moveTo(x, y)
    ctx.lineTo(x, y - r)
  } else if (shape === 'cross') {
    const d = r * 0.75
    ctx.moveTo(x - d, y - d)
    ctx.lineTo(x + d, y + d)
    ctx.moveTo(x - d, y + d)
    ctx.lineTo(x + d, y - d)
  } else if (shape === 'circle') {
    ctx.arc(x, y, r * 0.7, 0, 2 * Math.PI)
  }
  ctx.stroke()
}

/**
 * A number-at-risk table in one of the journals' layouts (FigureSpec.riskTableStyle), under the
 * axis title: a header, one row per arm with its numbers centred under the ticks, and the arm's
 * name right-aligned clear of the first column. 'lancet' adds to each arm's truth the censored
 * counts it prints.
 */
function drawStyledRiskTable(
  ctx: SKRSContext2D,
  spec: FigureSpec,
  truths: ArmTruth[],
  fs: number,
  box: { x0: number; x1: number; y0: number; y1: number },
  px: (t: number) => number,
  ticks: number[],
): void {
  const style = spec.riskTableStyle!
  const header = {
    survminer: 'Number at risk',
    nejm: 'No. at Risk',
    jco: 'No. at risk',
    lancet: 'Number at risk (number censored)',
    jama: 'No. at risk',
  }[style]
  const y0 = box.y1 + fs * 3.6
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'left'
  ctx.fillStyle = '#000000'
  ctx.fillText(header, fs * 0.5, y0)
  const cellText = (arm: ArmTruth, i: number) =>
    style === 'lancet'
      ? `${arm.risk[i].nRisk} (${arm.riskCensored![i]})`
      : String(arm.risk[i].nRisk)
  for (const arm of truths) {
    if (style === 'lancet') {
      arm.riskCensored = arm.risk.map(
        (r) => arm.ipd.filter((p) => p.event === 0 && p.time < r.time).length,
      )
    }
  }
  const firstHalf = Math.max(...truths.map((a) => ctx.measureText(cellText(a, 0)).width)) / 2
  const labelEnd = px(0) - firstHalf - fs
  const swatch = style === 'jama' ? fs * 1.6 : 0
  truths.forEach((arm, a) => {
    const y = y0 + fs * 1.5 * (a + 1)
    ctx.font = `${style === 'jco' ? 'bold ' : ''}${fs}px "${spec.font}"`
    ctx.fillStyle = style === 'survminer' ? arm.color : '#000000'
    ctx.textAlign = 'right'
    ctx.fillText(arm.name, labelEnd, y)
    if (swatch) {
      const x1 = labelEnd - ctx.measureText(arm.name).width - fs * 0.4
      ctx.strokeStyle = arm.color
      ctx.lineWidth = Math.max(1.5, fs / 6)
      ctx.beginPath()
      ctx.moveTo(x1 - swatch, y)
      ctx.lineTo(x1, y)
      ctx.stroke()
    }
    ctx.font = `${fs}px "${spec.font}"`
    ctx.fillStyle = '#000000'
    ctx.textAlign = 'center'
    arm.risk.forEach((r, i) => ctx.fillText(cellText(arm, i), px(r.time), y))
  })
  if (style === 'survminer') {
    const y = y0 + fs * 1.5 * (truths.length + 1)
    ctx.fillStyle = spec.axisColor ?? '#000000'
    for (const t of ticks) ctx.fillText(String(t), px(t), y)
    ctx.fillText('Time', (box.x0 + box.x1) / 2, y + fs * 1.3)
  }
}

/**
 * A zoomed inset in the plot's upper right (x 60–97%, y 3–33% of the plot): a white framed box
 * with the arms' curves over [0, zoom.tMax] and survival [zoom.yFrom, 1] (rising ones as 1 − S),
 * clipped to it. Returns the box, in image pixels.
 */
function drawInset(
  ctx: SKRSContext2D,
  spec: FigureSpec,
  zoom: { tMax: number; yFrom: number },
  curves: { time: number[]; surv: number[] }[],
  plot: { left: number; right: number; top: number; bottom: number },
): { x0: number; y0: number; x1: number; y1: number } {
  const w = plot.right - plot.left
  const h = plot.bottom - plot.top
  const b = {
    x0: Math.round(plot.left + 0.6 * w),
    x1: Math.round(plot.left + 0.97 * w),
    y0: Math.round(plot.top + 0.03 * h),
    y1: Math.round(plot.top + 0.33 * h),
  }
  const rising = spec.yShows === 'cumulative-incidence'
  const ix = (t: number) => b.x0 + ((b.x1 - b.x0) * Math.min(t, zoom.tMax)) / zoom.tMax
  const iy = (s: number) => {
    const v = rising ? 1 - s : s
    return b.y1 - ((b.y1 - b.y0) * (v - zoom.yFrom)) / (1 - zoom.yFrom)
  }
  ctx.save()
  ctx.fillStyle = spec.background
  ctx.fillRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0)
  ctx.strokeStyle = spec.axisColor ?? '#000000'
  ctx.lineWidth = 1
  ctx.strokeRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0)
  ctx.beginPath()
  ctx.rect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0)
  ctx.clip()
  spec.arms.forEach((arm, a) => {
    const c = curves[a]
    ctx.strokeStyle = arm.color
    ctx.lineWidth = arm.lineWidth
    ctx.setLineDash(arm.dash)
    ctx.beginPath()
    ctx.moveTo(ix(0), iy(1))
    let s = 1
    c.time.forEach((t, i) => {
      if (t > zoom.tMax) return
      ctx.lineTo(ix(t), iy(s))
      s = c.surv[i]
      ctx.lineTo(ix(t), iy(s))
    })
    ctx.lineTo(ix(zoom.tMax), iy(s))
    ctx.stroke()
    ctx.setLineDash([])
  })
  ctx.restore()
  return b
}

/**
 * Renders a Kaplan–Meier figure of the given arms in the given style, the way statistical
 * packages draw them (R's survival/survminer, matplotlib's lifelines): step curves from (0, 1),
 * censor marks at the censoring times, optional confidence bands, gridlines, an in-plot legend and
 * a number-at-risk table, then optionally JPEG compression. Returns the pixels, the encoded file,
 * the exact calibration (the pixel positions of the axis ends, in the tracer's convention: pixel
 * (i, j) centred at (i + ½, j + ½)) and each arm's truth.
 */
export function renderKmFigure(spec: FigureSpec): RenderedFigure {
  loadFonts()
  const { width, height } = spec
  const zoom = spec.supersample ?? 1
  const canvas = createCanvas(width * zoom, height * zoom)
  const ctx = canvas.getContext('2d')
  if (zoom !== 1) ctx.scale(zoom, zoom)
  ctx.fillStyle = spec.background
  ctx.fillRect(0, 0, width, height)
  const fs = Math.max(8, Math.round(width * spec.fontScale))
  ctx.font = `${fs}px "${spec.font}"`

  const styled = spec.riskTable ? spec.riskTableStyle : undefined
  const tableRows = spec.riskTable ? spec.arms.length + 1 + (styled === 'survminer' ? 2 : 0) : 0
  // A styled table's names stand right-aligned left of the first column: room for them.
  let left = Math.round(fs * (5.5 + (styled === 'jama' ? 3 : styled ? 1.5 : 0)))
  let right = Math.round(width - fs * 2)
  let top = Math.round(fs * 1.5)
  let bottom = Math.round(height - fs * (4 + tableRows * 1.6))
  // A ggplot2 panel reaches 4% beyond the axis ranges: the data area shrinks inside it.
  const padX = spec.panel ? Math.round(0.04 * (right - left)) : 0
  const padY = spec.panel ? Math.round(0.04 * (bottom - top)) : 0
  left += padX
  right -= padX
  top += padY
  bottom -= padY
  const box = { x0: left - padX, x1: right + padX, y0: top - padY, y1: bottom + padY }
  const ink = spec.axisColor ?? '#000000'
  const tFrom = spec.logTimeFrom ?? 0
  const yFrom = spec.yFrom ?? 0
  const px = (t: number) =>
    spec.logTimeFrom === undefined
      ? left + ((right - left) * t) / spec.tMax
      : left + ((right - left) * Math.log(Math.max(t, tFrom) / tFrom)) / Math.log(spec.tMax / tFrom)
  /** The pixel row of a y-axis value (a proportion); py is that of a survival. */
  const pyAxis = (v: number) => bottom - ((bottom - top) * (v - yFrom)) / (1 - yFrom)
  const rising = spec.yShows === 'cumulative-incidence'
  const py = (s: number) => pyAxis(rising ? 1 - s : s)
  const yTop = spec.yScale === 'percent' ? 100 : 1
  const yTicks: number[] = []
  for (let v = yFrom; v <= 1.0001; v += 0.2) yTicks.push(Number(v.toFixed(6)))

  const ticks: number[] = []
  if (spec.logTimeFrom === undefined) {
    for (let t = 0; t <= spec.tMax + 1e-9; t += spec.tickStep) ticks.push(Number(t.toFixed(6)))
  } else {
    for (let m = 10 ** Math.floor(Math.log10(tFrom)); m <= spec.tMax; m *= 10) {
      for (const f of [1, 2, 5]) {
        const t = Number((f * m).toPrecision(6))
        if (t >= tFrom - 1e-9 && t <= spec.tMax + 1e-9) ticks.push(t)
      }
    }
  }
  const axisWidth = Math.max(1, Math.round(width / 900))

  if (spec.panel) {
    ctx.fillStyle = spec.panel
    ctx.fillRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)
  }
  if (spec.grid) {
    ctx.strokeStyle = spec.gridColor
    const gridWidth = Math.max(1, Math.round(width / 1200))
    if (spec.minorGrid) {
      ctx.lineWidth = gridWidth / 2
      ctx.beginPath()
      for (const t of ticks.slice(1)) {
        ctx.moveTo(px(t - spec.tickStep / 2), box.y0)
        ctx.lineTo(px(t - spec.tickStep / 2), box.y1)
      }
      for (let s = 0.1; s <= 1; s += 0.2) {
        ctx.moveTo(box.x0, py(s))
        ctx.lineTo(box.x1, py(s))
      }
      ctx.stroke()
    }
    ctx.lineWidth = gridWidth
    ctx.beginPath()
    for (const t of ticks) {
      ctx.moveTo(px(t), box.y0)
      ctx.lineTo(px(t), box.y1)
    }
    for (const v of yTicks) {
      ctx.moveTo(box.x0, pyAxis(v))
      ctx.lineTo(box.x1, pyAxis(v))
    }
    ctx.stroke()
  }

  // An axis that starts above 0 cuts the curves at its bottom, as plotting packages clip them.
  const clipToBox = () => {
    if (yFrom === 0) return
    ctx.beginPath()
    ctx.rect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)
    ctx.clip()
  }
  const curves = spec.arms.map((arm) => steps(arm.ipd))
  ctx.save()
  clipToBox()
  spec.arms.forEach((arm, a) => {
    if (!arm.band) return
    const c = curves[a]
    ctx.save()
    ctx.globalAlpha = arm.bandAlpha ?? 0.18
    ctx.fillStyle = arm.color
    ctx.beginPath()
    ctx.moveTo(px(0), py(1))
    let prevT = 0
    let prevHi = 1
    c.time.forEach((t, i) => {
      if (t > spec.tMax) return
      ctx.lineTo(px(t), py(prevHi))
      ctx.lineTo(px(t), py(c.upper[i]))
      prevHi = c.upper[i]
      prevT = t
    })
    const end = Math.min(spec.tMax, Math.max(prevT, ...arm.ipd.map((r) => r.time)))
    ctx.lineTo(px(end), py(prevHi))
    const lows = c.time.map((t, i) => ({ t, lo: c.lower[i] })).filter((x) => x.t <= spec.tMax)
    let lo = lows.length ? lows[lows.length - 1].lo : 1
    ctx.lineTo(px(end), py(lo))
    for (let i = lows.length - 1; i >= 0; i--) {
      ctx.lineTo(px(lows[i].t), py(lo))
      lo = i > 0 ? lows[i - 1].lo : 1
      ctx.lineTo(px(lows[i].t), py(lo))
    }
    ctx.lineTo(px(0), py(1))
    ctx.closePath()
    ctx.fill()
    ctx.restore()
  })
  ctx.restore()

  ctx.strokeStyle = ink
  ctx.lineWidth = axisWidth
  ctx.beginPath()
  if (spec.frame === 'box') ctx.rect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)
  else if (spec.frame === 'axes') {
    ctx.moveTo(box.x0, box.y0)
    ctx.lineTo(box.x0, box.y1)
    ctx.lineTo(box.x1, box.y1)
  }
  for (const t of ticks) {
    ctx.moveTo(px(t), box.y1)
    ctx.lineTo(px(t), box.y1 + fs * 0.4)
  }
  for (const v of yTicks) {
    ctx.moveTo(box.x0, pyAxis(v))
    ctx.lineTo(box.x0 - fs * 0.4, pyAxis(v))
  }
  ctx.stroke()
  ctx.fillStyle = ink
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  for (const t of ticks) ctx.fillText(String(t), px(t), box.y1 + fs * 0.6)
  ctx.fillText('Time (months)', (left + right) / 2, box.y1 + fs * 1.9)
  ctx.textAlign = 'right'
  ctx.textBaseline = 'middle'
  for (const v of yTicks) {
    const label = spec.yScale === 'percent' ? String(Math.round(v * 100)) : v.toFixed(1)
    ctx.fillText(label, box.x0 - fs * 0.6, pyAxis(v))
  }

  const truths: ArmTruth[] = []
  ctx.save()
  clipToBox()
  spec.arms.forEach((arm, a) => {
    const c = curves[a]
    const last = Math.min(spec.tMax, Math.max(...arm.ipd.map((r) => r.time)))
    ctx.strokeStyle = arm.color
    ctx.lineWidth = arm.lineWidth
    ctx.lineCap = spec.lineCap
    ctx.lineJoin = spec.lineCap === 'round' ? 'round' : 'miter'
    ctx.setLineDash(arm.dash)
    ctx.beginPath()
    ctx.moveTo(px(0), py(1))
    let s = 1
    c.time.forEach((t, i) => {
      if (t > spec.tMax) return
      ctx.lineTo(px(t), py(s))
      s = c.surv[i]
      ctx.lineTo(px(t), py(s))
    })
    ctx.lineTo(px(last), py(s))
    ctx.stroke()
    ctx.setLineDash([])
    const censorTimes = [
      ...new Set(arm.ipd.filter((r) => r.event === 0 && r.time <= spec.tMax).map((r) => r.time)),
    ].sort((x, y) => x - y)
    if (arm.censor !== 'none') {
      if (arm.markColor) ctx.strokeStyle = arm.markColor
      ctx.lineWidth = Math.max(1, arm.lineWidth * 0.8)
      for (const t of censorTimes)
        drawMark(ctx, arm.censor, px(t), py(survivalAt(c, t)), arm.markSize)
    }
    const risk = ticks.map((t) => ({ time: t, nRisk: arm.ipd.filter((r) => r.time >= t).length }))
    // A round or square cap carries the tick half its stroke's width beyond its end.
    const markCap = spec.lineCap === 'butt' ? 0 : Math.max(1, arm.lineWidth * 0.8) / 2
    const hiddenCensorTimes =
      arm.censor === 'tickUp' && (arm.markColor ?? arm.color) === arm.color
        ? censorTimes.filter((t) => hiddenInDrop(c, t, py, arm.markSize + markCap, arm.lineWidth))
        : []
    truths.push({
      name: arm.name,
      color: arm.color,
      ipd: arm.ipd,
      risk,
      censorTimes: arm.censor === 'none' ? [] : censorTimes,
      hiddenCensorTimes,
    })
  })
  ctx.restore()
  const inset = spec.inset
    ? drawInset(ctx, spec, spec.inset, curves, { left, right, top, bottom })
    : undefined

  if (spec.legend !== 'none') {
    const lineLen = fs * 2.2
    const rowH = fs * 1.4
    const textW = Math.max(...spec.arms.map((a) => ctx.measureText(a.name).width))
    const boxW = lineLen + fs * 0.6 + textW
    const x0 = spec.legend === 'top-right' ? right - boxW - fs : left + fs
    const y0 = spec.legend === 'top-right' ? top + fs : bottom - fs - rowH * spec.arms.length
    ctx.textAlign = 'left'
    ctx.textBaseline = 'middle'
    spec.arms.forEach((arm, a) => {
      const y = y0 + rowH * (a + 0.5)
      ctx.strokeStyle = arm.color
      ctx.lineWidth = arm.lineWidth
      ctx.setLineDash(arm.dash)
      ctx.beginPath()
      ctx.moveTo(x0, y)
      ctx.lineTo(x0 + lineLen, y)
      ctx.stroke()
      ctx.setLineDash([])
      ctx.fillStyle = '#000000'
      ctx.fillText(arm.name, x0 + lineLen + fs * 0.6, y)
    })
  }

  if (spec.riskTable && spec.riskTableStyle) {
    drawStyledRiskTable(ctx, spec, truths, fs, box, px, ticks)
  } else if (spec.riskTable) {
    const y0 = box.y1 + fs * 3.6
    ctx.textBaseline = 'middle'
    ctx.textAlign = 'left'
    ctx.fillStyle = '#000000'
    ctx.fillText('Number at risk', fs * 0.5, y0)
    truths.forEach((arm, a) => {
      const y = y0 + fs * 1.5 * (a + 1)
      ctx.fillStyle = arm.color
      ctx.textAlign = 'left'
      ctx.fillText(arm.name, fs * 0.5, y)
      ctx.textAlign = 'center'
      for (const r of arm.risk) ctx.fillText(String(r.nRisk), px(r.time), y)
    })
  }

  let page = canvas
  let pageCtx = ctx
  if (zoom !== 1) {
    page = createCanvas(width, height)
    pageCtx = page.getContext('2d')
    pageCtx.imageSmoothingEnabled = true
    pageCtx.imageSmoothingQuality = 'high'
    pageCtx.drawImage(canvas, 0, 0, width * zoom, height * zoom, 0, 0, width, height)
  }
  let file: Buffer
  let image: RgbaImage
  if (spec.jpeg !== null) {
    file = page.encodeSync('jpeg', Math.round(spec.jpeg * 100))
    const img = new Image()
    img.src = file
    const back = createCanvas(width, height)
    const bctx = back.getContext('2d')
    bctx.drawImage(img, 0, 0)
    image = { data: bctx.getImageData(0, 0, width, height).data, width, height }
  } else {
    file = page.toBuffer('image/png')
    image = { data: pageCtx.getImageData(0, 0, width, height).data, width, height }
  }
  const calibration: Calibration = {
    x1: { px: px(tFrom), py: bottom, value: tFrom },
    x2: { px: px(spec.tMax), py: bottom, value: spec.tMax },
    y1: { px: left, py: pyAxis(yFrom), value: Number((yFrom * yTop).toPrecision(6)) },
    y2: { px: left, py: pyAxis(1), value: yTop },
    yScale: spec.yScale,
    timeUnit: 'months',
    ...(spec.logTimeFrom !== undefined ? { xScale: 'log' as const } : {}),
    ...(rising ? { yShows: 'cumulative-incidence' as const } : {}),
  }
  return {
    image,
    file,
    fileType: spec.jpeg !== null ? 'jpeg' : 'png',
    calibration,
    arms: truths,
    ...(inset ? { inset } : {}),
  }
}
