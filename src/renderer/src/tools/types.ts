import type { Point } from '../geometry/view'

export interface ToolPointer {
  /** Where the pointer is on the figure, in image pixels. */
  image: Point
  /** Where it is on the canvas, in CSS pixels. */
  screen: Point
  shift: boolean
}

/**
 * A canvas tool: what a press, a move and a release do. A tool changes the study only through the
 * store's edits, inside one gesture from press to release, so each press is one undo step.
 */
export interface Tool {
  cursor: string
  down(p: ToolPointer): void
  move(p: ToolPointer): void
  up(p: ToolPointer): void
}

/** Screen pixels a press may move before it counts as a drag. */
const DRAG_THRESHOLD = 3

/** Screen pixels within which a press picks a point. */
export const HIT_RADIUS = 7

export function movedBeyond(a: Point, b: Point, threshold = DRAG_THRESHOLD): boolean {
  return Math.hypot(a.x - b.x, a.y - b.y) > threshold
}
