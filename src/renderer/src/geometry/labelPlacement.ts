/**
 * Where the canvas's labels go so that none covers another: the calibration points' names (drawn
 * on the canvas by draw.ts) and the "to check" labels of traced curves (buttons over the canvas,
 * ToCheckInPlace.tsx). Both are laid out here so that the buttons can keep clear of the names,
 * and of the figure's own axis text (axisTextStrips).
 */
import { AXIS_KEYS, type AxisKey, type CalibrationDraft } from './calibration'
import type { Rect } from './hit'
import type { Point } from './view'

/** The canvas labels' font (styles.css's). */
export const LABEL_FONT = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif"
/** The calibration labels' font size, in screen pixels. */
export const CALIBRATION_LABEL_SIZE = 11
/** Screen pixels between a calibration point and its label. */
const CALIBRATION_LABEL_OFFSET = 4

export interface CalibrationLabel {
  text: string
  /** Where the text is drawn (baseline at its bottom), in image pixels. */
  x: number
  y: number
  /** The text ends at x (on the point's left) rather than starting there. */
  right: boolean
  /** The text's box in image pixels. */
  box: Rect
}

/**
 * The calibration points' labels: one per place (X1 and Y1 at a shared origin get one label
 * naming both), above and right of the point, or on its left when the text would run past the
 * figure's right edge (X2 often is there). `measure` gives a text's width in screen pixels at
 * the labels' font; `px` is one screen pixel in image pixels.
 */
export function calibrationLabels(
  draft: CalibrationDraft,
  toCheck: boolean,
  px: number,
  imageWidth: number,
  measure: (text: string) => number,
): CalibrationLabel[] {
  const out: CalibrationLabel[] = []
  for (const key of AXIS_KEYS) {
    const p = draft.points[key]
    if (!p) continue
    const same = AXIS_KEYS.filter(
      (k: AxisKey) => draft.points[k]?.x === p.x && draft.points[k]?.y === p.y,
    )
    if (same[0] !== key) continue
    const text = same.map((k) => k.toUpperCase()).join(' ') + (toCheck ? ' (to check)' : '')
    const w = measure(text) * px
    const off = CALIBRATION_LABEL_OFFSET * px
    const right = p.x + off + w > imageWidth
    const x = right ? p.x - off : p.x + off
    const y = p.y - off
    const x0 = right ? x - w : x
    const box = { x0, y0: y - CALIBRATION_LABEL_SIZE * 1.25 * px, x1: x0 + w, y1: y }
    out.push({ text, x, y, right, box })
  }
  return out
}

interface AxisPixel {
  px: number
  py: number
}

/**
 * Where the figure prints its own axis text, which a label over it would hide: the strip below the
 * time axis (tick labels, the axis title, a risk table) and the strip left of the survival axis
 * (tick labels, the axis title), each to the figure's edges, in image pixels. The time axis is the
 * row of X1 and X2 (the lower, should they differ), the survival axis the column of Y1 and Y2 (the
 * leftmost): the calibration points lie on the axes. A curve's end on the time axis (survival 0) is
 * outside the strip, which begins a pixel below the axis line; a strip of no height or width (an
 * axis on the figure's edge) is left out.
 */
export function axisTextStrips(
  cal: { x1: AxisPixel; x2: AxisPixel; y1: AxisPixel; y2: AxisPixel },
  width: number,
  height: number,
): Rect[] {
  const row = Math.max(cal.x1.py, cal.x2.py) + 1
  const column = Math.min(cal.y1.px, cal.y2.px) - 1
  const out: Rect[] = []
  if (row < height) out.push({ x0: 0, y0: Math.max(0, row), x1: width, y1: height })
  if (column > 0) out.push({ x0: 0, y0: 0, x1: Math.min(width, column), y1: height })
  return out
}

export interface LabelPlace {
  /** The label's top-left corner, in screen pixels. */
  x: number
  y: number
  /** The label is on its anchor's left (its right edge `offset` left of the anchor). */
  left: boolean
}

const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1

/** Screen pixels a label may move up or down from level with its anchor, and the step tried. */
const REACH = 160
const STEP = 2
/** A label on the anchor's other side costs as much as moving it this far up or down. */
const SIDE_COST = 40

/**
 * Places labels of the given sizes (screen pixels) beside their anchors (each curve's end),
 * `offset` away: on the right of the anchor unless it has no room there within the width, level
 * with it, moved up or down as little as needed (or onto the other side, when that is nearer) so
 * that no label covers a box of `avoid` (the calibration labels, say) nor a label placed before
 * it, with `gap` to spare; inside the bounds. Labels are placed top to bottom by anchor; one with
 * no free place within reach stays level with its anchor. Answers in the order given.
 */
export function placeLabels(
  anchors: readonly Point[],
  sizes: readonly { w: number; h: number }[],
  avoid: readonly Rect[],
  bounds: { width: number; height: number },
  offset: number,
  gap: number,
): LabelPlace[] {
  const out = new Array<LabelPlace>(anchors.length)
  const grow = (r: Rect): Rect => ({
    x0: r.x0 - gap,
    y0: r.y0 - gap,
    x1: r.x1 + gap,
    y1: r.y1 + gap,
  })
  const taken: Rect[] = avoid.map(grow)
  const order = anchors.map((a, i) => i).sort((i, j) => anchors[i].y - anchors[j].y || i - j)
  for (const i of order) {
    const a = anchors[i]
    const { w, h } = sizes[i]
    const preferLeft = a.x + offset + w > bounds.width
    const at = (left: boolean, dy: number): LabelPlace => ({
      x: left ? a.x - offset - w : a.x + offset,
      y: a.y - h / 2 + dy,
      left,
    })
    const rectOf = (p: LabelPlace): Rect => ({ x0: p.x, y0: p.y, x1: p.x + w, y1: p.y + h })
    const free = (p: LabelPlace) => {
      const r = rectOf(p)
      if (r.y0 < 0 || r.y1 > bounds.height || r.x0 < 0 || r.x1 > bounds.width) return false
      return !taken.some((t) => overlaps(r, t))
    }
    let best: LabelPlace | null = null
    let bestCost = Infinity
    for (const left of [preferLeft, !preferLeft]) {
      const extra = left === preferLeft ? 0 : SIDE_COST
      for (let d = 0; d <= REACH && extra + d < bestCost; d += STEP) {
        for (const dy of d === 0 ? [0] : [d, -d]) {
          const p = at(left, dy)
          if (free(p)) {
            best = p
            bestCost = extra + d
            break
          }
        }
      }
    }
    const place = best ?? at(preferLeft, 0)
    out[i] = place
    taken.push(grow(rectOf(place)))
  }
  return out
}
