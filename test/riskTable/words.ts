import type { AxesCalibration } from '../../src/shared/calibration/axes'
import type { OcrWord } from '../../src/shared/ocr/ocrWord'

/**
 * Synthetic OCR words for the risk-table tests: a word of `text` centred at (xc, yc), `h` pixels
 * tall and 0.6·h wide per character, as the engine would box it.
 */
export function word(text: string, xc: number, yc: number, confidence = 95, h = 14): OcrWord {
  const w = 0.6 * h * text.length
  return {
    text,
    confidence,
    box: { x0: xc - w / 2, y0: yc - h / 2, x1: xc + w / 2, y1: yc + h / 2 },
  }
}

/** Words left to right from x0, one space (0.3·h) apart: a label or a header. */
export function phrase(text: string, x0: number, yc: number, h = 14): OcrWord[] {
  const out: OcrWord[] = []
  let x = x0
  for (const t of text.split(' ')) {
    const w = 0.6 * h * t.length
    out.push(word(t, x + w / 2, yc, 95, h))
    x += w + 0.3 * h
  }
  return out
}

/**
 * The lung case's figure (shared/cases/lung): time axis 0–36 months from x = 240 to 1370 on the
 * axis line y = 760.
 */
export const LUNG_CALIBRATION: AxesCalibration = {
  x1: { px: 240, py: 760, value: 0 },
  x2: { px: 1370, py: 760, value: 36 },
  y1: { px: 240, py: 760, value: 0 },
  y2: { px: 240, py: 60, value: 1 },
  yScale: 'proportion',
  timeUnit: 'months',
}

const box = (text: string, confidence: number, x0: number, y0: number, x1: number, y1: number) => ({
  text,
  confidence,
  box: { x0, y0, x1, y1 },
})

/**
 * The words tesseract.js 7 (English, best_int) read below the lung figure's plot, sparse mode,
 * as printed by src/node/ocr.ts. It drops the lone digits: "6 1 0" and "7 2 0" at 24, 30, 36.
 */
export const LUNG_WORDS: OcrWord[] = [
  box('errr', 25, 172, 760, 1371, 776),
  box('0', 88, 234, 796, 246, 814),
  box('6', 96, 422, 796, 434, 814),
  box('12', 96, 604, 796, 630, 814),
  box('18', 96, 792, 796, 819, 814),
  box('24', 95, 979, 796, 1008, 814),
  box('30', 96, 1168, 796, 1196, 814),
  box('36', 95, 1356, 796, 1384, 814),
  box('Time', 96, 714, 831, 774, 850),
  box('(months)', 95, 785, 831, 895, 854),
  box('Number', 95, 152, 877, 230, 892),
  box('at', 96, 237, 878, 255, 892),
  box('risk', 96, 264, 877, 297, 892),
  box('Female', 94, 84, 910, 149, 925),
  box('90', 94, 229, 911, 251, 925),
  box('70', 94, 417, 911, 439, 925),
  box('30', 96, 606, 911, 628, 925),
  box('15', 96, 795, 911, 815, 925),
  box('Male', 96, 108, 943, 149, 958),
  box('138', 96, 224, 944, 257, 958),
  box('86', 95, 417, 944, 439, 958),
  box('35', 96, 606, 944, 627, 958),
  box('17', 96, 795, 944, 815, 958),
]

/** The lung figure's tick times and the pixel column of each (x = 240 + 1130·t/36). */
export const LUNG_TICKS = [0, 6, 12, 18, 24, 30, 36]
export const lungX = (t: number) => 240 + (1130 * t) / 36
