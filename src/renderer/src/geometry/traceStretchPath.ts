/**
 * The part of a digitized curve that lies in a flagged trace stretch (issue 10), as the step line
 * the overlay draws dashed: image columns [x0, x1) of the step function through the points.
 */
export interface PixelPoint {
  px: number
  py: number
}

/**
 * The step function through `points` (in time order, so in column order: each point holds its
 * level until the next one's column, then drops to it) between columns x0 and x1, as a polyline.
 * Before the first point the curve is at the first point's level. Empty when there are no points
 * or the stretch is empty.
 */
export function stretchPath(points: readonly PixelPoint[], x0: number, x1: number): PixelPoint[] {
  if (points.length === 0 || !(x1 > x0)) return []
  let k = 0
  while (k < points.length && points[k].px <= x0) k++
  let level = k > 0 ? points[k - 1].py : points[0].py
  const path: PixelPoint[] = [{ px: x0, py: level }]
  // A drop's top corner and the level before it are one vertex, not two.
  const add = (px: number, py: number) => {
    const last = path[path.length - 1]
    if (last.px !== px || last.py !== py) path.push({ px, py })
  }
  for (; k < points.length && points[k].px < x1; k++) {
    add(points[k].px, level)
    level = points[k].py
    add(points[k].px, level)
  }
  add(x1, level)
  return path
}
