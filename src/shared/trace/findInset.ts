/**
 * Finds a zoomed inset inside a figure's plot (issue 10): a small framed plot drawn over the
 * main one (a journal's "zoom on the first year") whose curves are ink of the arms' colours. Left
 * in, the tracer may follow them or take them for censor marks — a silent wrong answer — so the
 * CLI and the app mask the rectangle this returns before tracing, and say so.
 *
 * What counts as an inset: four straight thin lines that close a box (each side's ends meet the
 * next side, and the lines do not run on past the corners, as gridlines do), thin (not the edge
 * of a filled band), clearly smaller than the plot (so the plot's own frame and axes, whose sides
 * span it, are not one), holding at least one curve — connected ink across at least CURVE_WIDTH
 * of the box's width that also falls (or rises) by more than its thickness. Its own ticks and
 * labels are not required (many insets have none). A framed legend holds a short level sample
 * per arm (perhaps with a censor mark on it) and text: none spans the box and falls, so a legend
 * is NOT an inset and is left to the tracer as before; a legend whose samples span 40% of its
 * box and carry a tall mark would be taken for one. An inset whose curves are all dashed (no dash
 * spans the box) or hardly fall is missed: the user's mask remains for it.
 *
 * Work is linear in the searched pixels (a darkness map with row and column prefix sums, column
 * runs, one flood fill inside the best frame) plus at most MAX_SIDES² side pairs, each O(1).
 */
import { axisMap, plotArea } from './calibration'
import { forEachInkPiece } from './inkPieces'
import type { Calibration, PixelRect, RgbaImage, TraceWarning } from './types'

/** A rectangle in image pixels (x, y its top-left corner), as `kmpool trace --mask` takes it. */
export interface InsetRect {
  x: number
  y: number
  width: number
  height: number
}

/** Pixels added around the frame: its own anti-aliased width and JPEG ringing. */
export const INSET_MARGIN = 3
/** The largest inset, as a share of the searched width and height (a plot's own frame is not). */
const MAX_SIDE = 0.8
/** The smallest, as a share of the searched width and height (a box of text is not). */
const MIN_SIDE = 0.08
/** Line pixels are darker than the plot's background by this much (luma, 0–255). */
const DARKER = 60
/** A side must be line pixels over this share of its length. */
const SIDE_COVER = 0.9
/** Of the eight stubs past the four corners, this many must be clear (gridlines run on). */
const CLEAR_STUBS = 6
/** The curve inside spans this share of the box's width … */
const CURVE_WIDTH = 0.4
/** … and falls (or rises) by more than its thickness and this many pixels. */
const CURVE_DROP = 2
/** Frame candidates considered at most (the longest sides first): bounds the pairing. */
const MAX_SIDES = 600

/**
 * The zoomed inset in the calibrated plot, or null: its frame's pixel rectangle widened by
 * INSET_MARGIN and clipped to the image. Throws (TraceError) only as plotArea does, when the
 * calibration lies outside the image.
 */
export function findInset(image: RgbaImage, calibration: Calibration): InsetRect | null {
  const { width, height, data } = image
  const area = plotArea(calibration, axisMap(calibration), width, height)
  // The frame may reach past the last calibrated time and above survival 1.
  const padX = Math.round(0.12 * (area.x1 - area.x0))
  const padY = Math.round(0.06 * (area.y1 - area.y0))
  const r: PixelRect = {
    x0: area.x0,
    x1: Math.min(width, area.x1 + padX),
    y0: Math.max(0, area.y0 - padY),
    y1: area.y1,
  }
  const w = r.x1 - r.x0
  const h = r.y1 - r.y0
  if (w < 20 || h < 20) return null

  // Line pixels: clearly darker than the plot's background (its most common brightness), which
  // takes a 1-px frame anti-aliased over two pixels, and not pale bands or white gridlines.
  const lum = new Uint8Array(w * h)
  const hist = new Uint32Array(256)
  for (let y = 0; y < h; y++) {
    let i = (y + r.y0) * width + r.x0
    for (let x = 0; x < w; x++, i++) {
      const v = (77 * data[4 * i] + 150 * data[4 * i + 1] + 29 * data[4 * i + 2]) >> 8
      lum[y * w + x] = v
      hist[v]++
    }
  }
  let bg = 255
  for (let v = 0; v < 256; v++) if (hist[v] > hist[bg]) bg = v
  // Prefix sums along each row and down each column (both row-major): a side's cover in O(1).
  const dark = new Uint8Array(w * h)
  const rowSum = new Int32Array(h * (w + 1))
  const colSum = new Int32Array((h + 1) * w)
  const cut = bg - DARKER
  for (let y = 0; y < h; y++) {
    const o = y * (w + 1)
    for (let x = 0; x < w; x++) {
      const d = lum[y * w + x] < cut ? 1 : 0
      dark[y * w + x] = d
      rowSum[o + x + 1] = rowSum[o + x] + d
      colSum[(y + 1) * w + x] = colSum[y * w + x] + d
    }
  }
  const rowInk = (y: number, xa: number, xb: number) => {
    if (y < 0 || y >= h) return 0
    const a = Math.max(0, xa)
    const b = Math.min(w - 1, xb)
    return b < a ? 0 : rowSum[y * (w + 1) + b + 1] - rowSum[y * (w + 1) + a]
  }
  const colInk = (x: number, ya: number, yb: number) => {
    if (x < 0 || x >= w) return 0
    const a = Math.max(0, ya)
    const b = Math.min(h - 1, yb)
    return b < a ? 0 : colSum[(b + 1) * w + x] - colSum[a * w + x]
  }

  // Vertical sides: runs of line pixels down a column (a one-pixel gap bridged, for JPEG) with
  // clear pixels 4 px to one side at least — a line, not a column inside a filled area.
  const minH = Math.max(10, Math.round(MIN_SIDE * h))
  const maxH = MAX_SIDE * h
  const minW = Math.max(12, Math.round(MIN_SIDE * w))
  const maxW = MAX_SIDE * w
  let sides: { x: number; ya: number; yb: number }[] = []
  const start = new Int32Array(w).fill(-1)
  const gap = new Int32Array(w)
  for (let y = 0; y <= h; y++) {
    for (let x = 0; x < w; x++) {
      if (y < h && dark[y * w + x] === 1) {
        if (start[x] < 0) start[x] = y
        gap[x] = 0
      } else if (start[x] >= 0 && (++gap[x] > 1 || y === h)) {
        const ya = start[x]
        const yb = y - gap[x]
        const len = yb - ya + 1
        start[x] = -1
        gap[x] = 0
        if (len < minH || len > maxH) continue
        if (colInk(x - 4, ya, yb) > len / 2 && colInk(x + 4, ya, yb) > len / 2) continue
        sides.push({ x, ya, yb })
      }
    }
  }
  if (sides.length > MAX_SIDES) {
    sides = sides.sort((a, b) => b.yb - b.ya - (a.yb - a.ya)).slice(0, MAX_SIDES)
  }
  sides.sort((a, b) => a.x - b.x)

  // Does row y (or one beside it) carry a side from xa to xb?
  const horizontal = (y: number, xa: number, xb: number) => {
    for (let dy = -2; dy <= 2; dy++) {
      if (rowInk(y + dy, xa, xb) >= SIDE_COVER * (xb - xa + 1)) return true
    }
    return false
  }
  // A stub of 6 px beyond a corner, 3 px out, along a side: clear when mostly not line pixels.
  const clearRow = (y: number, xa: number, xb: number) => {
    let most = 0
    for (let dy = -1; dy <= 1; dy++) most = Math.max(most, rowInk(y + dy, xa, xb))
    return most <= 2
  }
  const clearCol = (x: number, ya: number, yb: number) => {
    let most = 0
    for (let dx = -1; dx <= 1; dx++) most = Math.max(most, colInk(x + dx, ya, yb))
    return most <= 2
  }

  let best: PixelRect | null = null
  for (let i = 0; i < sides.length; i++) {
    const left = sides[i]
    for (let j = i + 1; j < sides.length; j++) {
      const right = sides[j]
      const bw = right.x - left.x
      if (bw < minW) continue
      if (bw > maxW) break
      // A side may run on past its corner where a main curve's drop meets it: the frame's top
      // and bottom are the rows, among the two sides' ends, that both sides reach.
      const lo = Math.max(left.ya, right.ya) - 2
      const hi = Math.min(left.yb, right.yb) + 2
      if (hi - lo < minH) continue
      const end = (a: number, b: number) =>
        a >= lo && a <= hi && horizontal(a, left.x, right.x)
          ? a
          : b >= lo && b <= hi && horizontal(b, left.x, right.x)
            ? b
            : -1
      const y0 = end(left.ya, right.ya)
      const y1 = y0 < 0 ? -1 : end(left.yb, right.yb)
      if (y0 < 0 || y1 - y0 < minH) continue
      // Sides are thin lines, not the edges of a filled area (confidence bands overlapping):
      // 5 and 10 px to either side of each, not both more than half line pixels.
      const bh = (y1 - y0 + 1) / 2
      const bw2 = (bw + 1) / 2
      const filledCol = (x: number, d: number) =>
        colInk(x + d, y0, y1) > bh && colInk(x + 2 * d, y0, y1) > bh
      const filledRow = (y: number, d: number) =>
        rowInk(y + d, left.x, right.x) > bw2 && rowInk(y + 2 * d, left.x, right.x) > bw2
      if (
        [left.x, right.x].some((x) => filledCol(x, -5) || filledCol(x, 5)) ||
        [y0, y1].some((y) => filledRow(y, -5) || filledRow(y, 5))
      ) {
        continue
      }
      const stubs = [
        clearRow(y0, left.x - 9, left.x - 4),
        clearRow(y0, right.x + 4, right.x + 9),
        clearRow(y1, left.x - 9, left.x - 4),
        clearRow(y1, right.x + 4, right.x + 9),
        clearCol(left.x, y0 - 9, y0 - 4),
        clearCol(right.x, y0 - 9, y0 - 4),
        clearCol(left.x, y1 + 4, y1 + 9),
        clearCol(right.x, y1 + 4, y1 + 9),
      ].filter(Boolean).length
      if (stubs < CLEAR_STUBS) continue
      const box = { x0: left.x, y0, x1: right.x, y1 }
      if (!best || area2(box) > area2(best)) best = box
    }
  }
  if (!best) return null
  if (!holdsCurve(image, r, best)) return null
  const x = Math.max(0, best.x0 + r.x0 - INSET_MARGIN)
  const y = Math.max(0, best.y0 + r.y0 - INSET_MARGIN)
  return {
    x,
    y,
    width: Math.min(width, best.x1 + r.x0 + INSET_MARGIN + 1) - x,
    height: Math.min(height, best.y1 + r.y0 + INSET_MARGIN + 1) - y,
  }
}

/**
 * What the user is told when the inset was left out (code inset-masked in --json), ending with
 * how to trace it after all (`keep`: the CLI's flag, or the app's mask).
 */
export function insetWarning(r: InsetRect, keep: string): TraceWarning {
  return {
    code: 'inset-masked',
    message: `a zoomed inset at ${r.x},${r.y},${r.width},${r.height} px was left out of the tracing; ${keep}`,
  }
}

const area2 = (b: PixelRect) => (b.x1 - b.x0) * (b.y1 - b.y0)

/**
 * Whether the box (in the searched rectangle's coordinates, its frame lines on x0, x1, y0, y1)
 * holds a curve: a connected piece of ink (any colour clearly off the box's own background) at
 * least CURVE_WIDTH of the inner width across that falls or rises by more than its own thickness
 * (CURVE_DROP). A legend's level line and its letters are not.
 */
function holdsCurve(image: RgbaImage, r: PixelRect, box: PixelRect): boolean {
  const { width, data } = image
  const x0 = r.x0 + box.x0 + INSET_MARGIN
  const x1 = r.x0 + box.x1 - INSET_MARGIN
  const y0 = r.y0 + box.y0 + INSET_MARGIN
  const y1 = r.y0 + box.y1 - INSET_MARGIN
  const w = x1 - x0 + 1
  const h = y1 - y0 + 1
  if (w < 8 || h < 8) return false
  // The box's background: the most common colour inside, to 5 bits a channel.
  const counts = new Map<number, number>()
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const i = 4 * (y * width + x)
      const key = ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  }
  let bgKey = 0
  let bgCount = -1
  for (const [k, c] of counts) if (c > bgCount) [bgKey, bgCount] = [k, c]
  const bg = [((bgKey >> 10) & 31) * 8 + 4, ((bgKey >> 5) & 31) * 8 + 4, (bgKey & 31) * 8 + 4]
  const ink = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 4 * ((y + y0) * width + x + x0)
      const d = Math.max(
        Math.abs(data[i] - bg[0]),
        Math.abs(data[i + 1] - bg[1]),
        Math.abs(data[i + 2] - bg[2]),
      )
      if (d > 40) ink[y * w + x] = 1
    }
  }
  // Each piece of ink once; stop at the first that spans the box.
  let found = false
  forEachInkPiece(
    { x0: 0, y0: 0, x1: w, y1: h },
    w,
    (i) => ink[i] === 1,
    ({ left, right, top, bottom, count }) => {
      // A level line (a legend's sample) is as tall as it is thick; a curve that falls (or rises)
      // by D is about D taller than its mean thickness, count / span.
      const span = right - left + 1
      found = span >= CURVE_WIDTH * w && bottom - top + 1 >= (2 * count) / span + CURVE_DROP
      return found
    },
  )
  return found
}
