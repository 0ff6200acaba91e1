/**
 * What the canvas highlights of a study read from its figure (issue 14) while it is to check: each
 * risk-table cell read, outlined where it was read with the number read, each cell that could not
 * be read outlined with "?", and each traced curve with its label; and the geometry of those
 * highlights on the screen (boxes, hits; the labels' places are labelPlacement.ts's).
 */
import { cellToCheck, markToCheck } from '../../../shared/model/provenance'
import type { Study } from '../../../shared/model/study'
import type { Rect } from './hit'
import { imageToScreen, type Point, type View } from './view'

export interface CellHighlight {
  curveId: string
  /** The tick time the cell stands under. */
  time: number
  /** Where it was read, in image pixels. */
  box: Rect
  /** The number read; null when none could be read (outlined with "?"). */
  n: number | null
}

export interface CurveHighlight {
  curveId: string
  name: string
  color: string
  /** The curve's last point (its right end), in image pixels: where its label goes. */
  anchor: Point
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9

/**
 * The risk cells to show in place: of every curve whose table was read and is not confirmed, the
 * cells read and not checked since (a corrected or confirmed cell is the reviewer's and is not
 * outlined), and the cells that could not be read while the table has no number at their time.
 */
export function cellHighlights(study: Study): CellHighlight[] {
  const out: CellHighlight[] = []
  for (const curve of study.curves) {
    const mark = study.provenance?.risk?.[curve.id]
    if (!markToCheck(mark) || !mark.cells) continue
    for (const c of mark.cells) {
      const box = { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 }
      if (c.n !== undefined) {
        if (cellToCheck(mark, c.time)) out.push({ curveId: curve.id, time: c.time, box, n: c.n })
      } else if (!curve.risk.some((r) => same(r.time, c.time))) {
        out.push({ curveId: curve.id, time: c.time, box, n: null })
      }
    }
  }
  return out
}

/** The traced curves to check (read, not confirmed, with points), each with its label's place. */
export function curveHighlights(study: Study): CurveHighlight[] {
  const out: CurveHighlight[] = []
  for (const curve of study.curves) {
    if (!markToCheck(study.provenance?.curves?.[curve.id]) || curve.points.length === 0) continue
    let end = curve.points[0]
    for (const p of curve.points) if (p.px > end.px || (p.px === end.px && p.py > end.py)) end = p
    out.push({
      curveId: curve.id,
      name: curve.name,
      color: curve.color,
      anchor: { x: end.px, y: end.py },
    })
  }
  return out
}

/** A box in image pixels as the screen shows it, in CSS pixels of the canvas. */
export function boxToScreen(box: Rect, view: View): Rect {
  const a = imageToScreen(view, { x: box.x0, y: box.y0 })
  const b = imageToScreen(view, { x: box.x1, y: box.y1 })
  return {
    x0: Math.min(a.x, b.x),
    y0: Math.min(a.y, b.y),
    x1: Math.max(a.x, b.x),
    y1: Math.max(a.y, b.y),
  }
}

/**
 * The index of the box a press at `at` picks, or -1: a box containing the point, grown by
 * `slack` on every side (same units), the one whose centre is nearest when boxes overlap.
 */
export function hitBox(boxes: readonly Rect[], at: Point, slack: number): number {
  let best = -1
  let bestD2 = Infinity
  boxes.forEach((b, i) => {
    if (at.x < b.x0 - slack || at.x > b.x1 + slack || at.y < b.y0 - slack || at.y > b.y1 + slack) {
      return
    }
    const d2 = ((b.x0 + b.x1) / 2 - at.x) ** 2 + ((b.y0 + b.y1) / 2 - at.y) ** 2
    if (d2 < bestD2) {
      best = i
      bestD2 = d2
    }
  })
  return best
}
