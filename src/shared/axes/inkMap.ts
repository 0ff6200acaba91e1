import type { RgbaImage } from '../trace/types'

/**
 * How dark each pixel is, 255 − luma (ITU-R BT.601 weights, as most image tools compute grey),
 * row by row from the top: 0 on white paper, 255 on black ink. Axis lines, tick marks and tick
 * labels are dark greys or black in every style we know, so their darkness is what finds them.
 */
export interface InkMap {
  width: number
  height: number
  dark: Uint8Array
}

/** A pixel darker than this is ink: above a ggplot panel's grey (#EBEBEB, 20) and JPEG noise. */
export const INK = 50

export function inkMap(image: RgbaImage): InkMap {
  const { width, height, data } = image
  const dark = new Uint8Array(width * height)
  for (let i = 0, p = 0; i < dark.length; i++, p += 4) {
    dark[i] = 255 - Math.round(0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2])
  }
  return { width, height, dark }
}

/**
 * The map read along an axis: `along` runs the axis's direction (x for the time axis, y for the
 * survival axis), `across` the other way. Lets one tick finder serve both axes.
 */
export interface AxisView {
  axis: 'x' | 'y'
  /** Pixels along the axis and across it. */
  alongSize: number
  acrossSize: number
  at(along: number, across: number): number
}

export function axisView(map: InkMap, axis: 'x' | 'y'): AxisView {
  const { width, height, dark } = map
  return axis === 'x'
    ? { axis, alongSize: width, acrossSize: height, at: (u, v) => dark[v * width + u] }
    : { axis, alongSize: height, acrossSize: width, at: (u, v) => dark[u * width + v] }
}
