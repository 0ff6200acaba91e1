/**
 * The tick spacing of the figure's time axis read from its tick marks (issue 13: a 0–36 month
 * axis may be ticked by 3 or by 6, which the calibration values alone cannot tell). Along the
 * calibrated time axis, the axis line is the run of rows that are ink across most of its width; a
 * tick mark is a short stroke of ink that starts at that line, below or above it (tick labels
 * stand apart from it, so they are not taken). Their positions, mapped to times through the
 * calibration, are matched to a usual step (tickStepFromTimes). Null when none fits (an axis
 * without tick marks, a log axis): the risk table then guesses from the calibration values and
 * says so.
 */
import { tickStepFromTimes } from '../../../shared/calibration/riskTimes'
import type { StudyCalibration } from '../../../shared/model/study'
import type { RgbaImage } from '../../../shared/trace/types'
import { axesOf } from '../store/store'

export interface Band {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Darker than this (255 − luma) is ink: an antialiased 1-px axis line reads as light grey (Bonner
 * 2006's at 25–80), a ggplot panel grid (#EBEBEB) at 20, JPEG noise on white below 15.
 */
const INK = 24
/** A stroke wider than this (pixels) is a line or a glyph, not a tick. */
const MAX_TICK_WIDTH = 6
/** Shortest tick (pixels beyond the axis line). */
const MIN_TICK_LENGTH = 2

/** The band of the figure along the calibrated time axis where its tick marks are. */
export function tickBand(cal: StudyCalibration, width: number, height: number): Band | null {
  if (cal.xScale !== 'linear') return null
  const axisY = (cal.x1.py + cal.x2.py) / 2
  // Ticks run a few pixels either side of the axis line: about 1.5% of the figure's height.
  const reach = Math.max(14, Math.round(height * 0.015))
  const x0 = Math.max(0, Math.floor(Math.min(cal.x1.px, cal.x2.px) - reach))
  const x1 = Math.min(width, Math.ceil(Math.max(cal.x1.px, cal.x2.px) + reach))
  const y0 = Math.max(0, Math.floor(axisY - reach))
  const y1 = Math.min(height, Math.ceil(axisY + reach))
  if (x1 - x0 < 10 || y1 - y0 < 4) return null
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

/** The tick step read from the pixels of `band` (as tickBand chose it). */
export function timeTickStep(pixels: RgbaImage, band: Band, cal: StudyCalibration): number | null {
  const axes = axesOf(cal)
  if (!axes) return null
  const { width, height, data } = pixels
  const ink = (u: number, v: number) => {
    const p = (v * width + u) * 4
    return 255 - (0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2]) > INK
  }
  // The axis line: rows with ink across 60% of the band, nearest the calibrated axis.
  const full: number[] = []
  for (let v = 0; v < height; v++) {
    let n = 0
    for (let u = 0; u < width; u++) if (ink(u, v)) n++
    if (n >= 0.6 * width) full.push(v)
  }
  if (full.length === 0) return null
  const axisRow = (cal.x1.py + cal.x2.py) / 2 - band.y
  const centre = full.reduce((b, v) => (Math.abs(v - axisRow) < Math.abs(b - axisRow) ? v : b))
  let top = centre
  while (full.includes(top - 1)) top--
  let bottom = centre
  while (full.includes(bottom + 1)) bottom++
  const times: number[] = []
  for (const [start, dir] of [
    [bottom + 1, 1],
    [top - 1, -1],
  ] as const) {
    // How far ink runs from the line in each column, then strokes of neighbouring columns.
    const length = Array.from({ length: width }, (_, u) => {
      let n = 0
      for (let v = start; v >= 0 && v < height && ink(u, v); v += dir) n++
      return n
    })
    for (let u = 0; u < width;) {
      if (length[u] < MIN_TICK_LENGTH) {
        u++
        continue
      }
      let w = 0
      let wu = 0
      const from = u
      for (; u < width && length[u] >= MIN_TICK_LENGTH; u++) {
        w += length[u]
        wu += length[u] * (u + 0.5)
      }
      if (u - from <= MAX_TICK_WIDTH) {
        times.push(axes.toData(band.x + wu / w, band.y + (top + bottom) / 2).time)
      }
    }
  }
  return tickStepFromTimes(times, cal.timeUnit, [cal.x1.value, cal.x2.value])
}

const cache = new WeakMap<StudyCalibration, { sha256: string; step: number | null }>()

/** timeTickStep of a decoded figure, read once per calibration and image. */
export function figureTimeTickStep(
  image: { sha256: string; width: number; height: number; levels: ImageBitmap[] } | null,
  cal: StudyCalibration | null,
): number | null {
  if (!image || !cal) return null
  const hit = cache.get(cal)
  if (hit?.sha256 === image.sha256) return hit.step
  let step: number | null = null
  const band = tickBand(cal, image.width, image.height)
  try {
    const canvas = band && new OffscreenCanvas(band.width, band.height)
    const ctx = canvas?.getContext('2d', { willReadFrequently: true })
    if (band && ctx) {
      ctx.drawImage(
        image.levels[0],
        band.x,
        band.y,
        band.width,
        band.height,
        0,
        0,
        band.width,
        band.height,
      )
      step = timeTickStep(ctx.getImageData(0, 0, band.width, band.height), band, cal)
    }
  } catch {
    // Pixels that cannot be read (no 2D context) leave the guess from the calibration values.
    step = null
  }
  cache.set(cal, { sha256: image.sha256, step })
  return step
}
