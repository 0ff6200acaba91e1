import type { Point } from './view'

export interface Rect {
  x0: number
  y0: number
  x1: number
  y1: number
}

/**
 * The index of the point nearest `at` within `radius` (same units), or -1. Ties go to the later
 * point, the one drawn on top.
 */
export function hitPoint(points: readonly { px: number; py: number }[], at: Point, radius: number) {
  let best = -1
  let bestD2 = radius * radius
  for (let i = 0; i < points.length; i++) {
    const dx = points[i].px - at.x
    const dy = points[i].py - at.y
    const d2 = dx * dx + dy * dy
    if (d2 <= bestD2) {
      best = i
      bestD2 = d2
    }
  }
  return best
}

/** The rectangle spanned by two corners, whichever way it was dragged. */
export function normalizeRect(a: Point, b: Point): Rect {
  return {
    x0: Math.min(a.x, b.x),
    y0: Math.min(a.y, b.y),
    x1: Math.max(a.x, b.x),
    y1: Math.max(a.y, b.y),
  }
}

/** Indices of the points inside `rect`, edges included. */
export function pointsInRect(points: readonly { px: number; py: number }[], rect: Rect): number[] {
  const inside: number[] = []
  points.forEach((p, i) => {
    if (p.px >= rect.x0 && p.px <= rect.x1 && p.py >= rect.y0 && p.py <= rect.y1) inside.push(i)
  })
  return inside
}
