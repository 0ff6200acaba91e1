import { formatColor } from '../trace/color'
import type { RgbaImage } from '../trace/types'

/** A rectangle in image pixels (may be fractional; clipped to the image). */
interface Rect {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** How far from white a pixel must be to count as ink (of 255, the darkest channel). */
const INK = 80
/** A pixel whose channels spread by more than this is coloured, not black or grey. */
const CHROMA = 60

function* pixels(image: RgbaImage, r: Rect): Generator<[number, number, number]> {
  const x0 = Math.max(0, Math.floor(r.x0))
  const x1 = Math.min(image.width, Math.ceil(r.x1))
  const y0 = Math.max(0, Math.floor(r.y0))
  const y1 = Math.min(image.height, Math.ceil(r.y1))
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4
      yield [image.data[i], image.data[i + 1], image.data[i + 2]]
    }
  }
}

/** Whether the rectangle holds any ink (text) on a light background: a few dark pixels. */
export function hasInk(image: RgbaImage, r: Rect): boolean {
  let n = 0
  for (const [red, g, b] of pixels(image, r)) {
    if (255 - Math.min(red, g, b) > INK * 1.5 && ++n >= 3) return true
  }
  return false
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/**
 * The colour of the ink in a rectangle (a row label's text, or a short line drawn beside it),
 * as #rrggbb, when it is coloured: the median of its clearly coloured pixels, if they are at least
 * a quarter of its ink (anti-aliased edges of black text are never that many). Undefined for
 * black or grey ink, or none: black text names no arm by colour.
 */
export function inkColor(image: RgbaImage, r: Rect): string | undefined {
  const coloured: [number, number, number][] = []
  let ink = 0
  for (const p of pixels(image, r)) {
    if (255 - Math.min(...p) < INK) continue
    ink++
    if (Math.max(...p) - Math.min(...p) > CHROMA) coloured.push(p)
  }
  if (coloured.length < 4 || coloured.length < ink / 4) return undefined
  // The most saturated half: anti-aliased edges are blends with the white background.
  const sat = (p: number[]) => Math.max(...p) - Math.min(...p)
  const core = coloured.sort((a, b) => sat(b) - sat(a)).slice(0, Math.ceil(coloured.length / 2))
  return formatColor([0, 1, 2].map((c) => median(core.map((p) => p[c]))) as never)
}

/**
 * The usual height of the lines of text in a rectangle, in pixels: the median height of the runs
 * of pixel rows that hold ink (a horizontal projection), or null when there is no ink. It sizes
 * how much text is enlarged before OCR reads it.
 */
export function textLineHeight(image: RgbaImage, r: Rect): number | null {
  const x0 = Math.max(0, Math.floor(r.x0))
  const x1 = Math.min(image.width, Math.ceil(r.x1))
  const y0 = Math.max(0, Math.floor(r.y0))
  const y1 = Math.min(image.height, Math.ceil(r.y1))
  const dark = (x: number, y: number) => {
    const i = (y * image.width + x) * 4
    return 255 - Math.min(image.data[i], image.data[i + 1], image.data[i + 2]) > INK * 1.5
  }
  // Columns inked in most rows are vertical lines (a frame, an axis), not text.
  const rule = new Uint8Array(Math.max(0, x1 - x0))
  for (let x = x0; x < x1; x++) {
    let n = 0
    for (let y = y0; y < y1; y++) if (dark(x, y)) n++
    rule[x - x0] = n > 0.6 * (y1 - y0) ? 1 : 0
  }
  const runs: number[] = []
  let run = 0
  for (let y = y0; y <= y1; y++) {
    let ink = false
    for (let x = x0; y < y1 && x < x1 && !ink; x++) ink = !rule[x - x0] && dark(x, y)
    if (ink) run++
    else if (run > 0) {
      // A run of 1–2 rows is a rule or a tick mark, not text.
      if (run >= 3) runs.push(run)
      run = 0
    }
  }
  return runs.length ? median(runs) : null
}

/**
 * How dark the darkest pixel of the rectangle is, 0–255 (255 − its darkest channel): pale text
 * (a pink or light-blue number) is far from black, and its anti-aliased strokes paler still.
 */
export function darkestInk(image: RgbaImage, r: Rect): number {
  let top = 0
  for (const p of pixels(image, r)) top = Math.max(top, 255 - Math.min(...p))
  return top
}

/**
 * The columns of the ink around `x` in the band y0–y1: from the nearest inked column to `x`
 * outwards, until a gap of `gap` blank columns or the limits `left`, `right`. The extent of the
 * number printed under a tick, to read it alone; null when the band has no ink there. A pixel is
 * ink when it is darker than `ink` (0–255; by default as for hasInk): give less for pale text,
 * whose thin strokes would otherwise be left out and a digit cut off.
 */
export function inkSpan(
  image: RgbaImage,
  band: { y0: number; y1: number },
  x: number,
  left: number,
  right: number,
  gap: number,
  ink = INK * 1.5,
): { x0: number; x1: number } | null {
  const y0 = Math.max(0, Math.floor(band.y0))
  const y1 = Math.min(image.height, Math.ceil(band.y1))
  const lo = Math.max(0, Math.floor(left))
  const hi = Math.min(image.width, Math.ceil(right))
  const inked = (cx: number) => {
    for (let y = y0; y < y1; y++) {
      const i = (y * image.width + cx) * 4
      if (255 - Math.min(image.data[i], image.data[i + 1], image.data[i + 2]) > ink) return true
    }
    return false
  }
  let seed = -1
  for (let d = 0; seed < 0 && (x - d >= lo || x + d < hi); d++) {
    const a = Math.round(x) - d
    const b = Math.round(x) + d
    if (a >= lo && a < hi && inked(a)) seed = a
    else if (b >= lo && b < hi && inked(b)) seed = b
  }
  if (seed < 0) return null
  let x0 = seed
  for (let cx = seed - 1, blank = 0; cx >= lo && blank < gap; cx--) {
    if (inked(cx)) {
      x0 = cx
      blank = 0
    } else blank++
  }
  let x1 = seed + 1
  for (let cx = seed + 1, blank = 0; cx < hi && blank < gap; cx++) {
    if (inked(cx)) {
      x1 = cx + 1
      blank = 0
    } else blank++
  }
  return { x0, x1 }
}
