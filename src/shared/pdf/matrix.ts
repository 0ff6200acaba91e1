/**
 * A 2-D affine transform as PDF and canvas write it, [a, b, c, d, e, f]: (x, y) maps to
 * (a·x + c·y + e, b·x + d·y + f) (PDF 32000-1:2008 §8.3.3).
 */
export type Matrix = readonly [number, number, number, number, number, number]

export interface Point {
  x: number
  y: number
}

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]

/**
 * The transform that applies `first`, then `then`. A PDF `cm` operator concatenates its matrix
 * M to the current transformation matrix as M × CTM, that is `compose(M, ctm)`.
 */
export function compose(first: Matrix, then: Matrix): Matrix {
  const [a, b, c, d, e, f] = first
  const [A, B, C, D, E, F] = then
  return [
    a * A + b * C,
    a * B + b * D,
    c * A + d * C,
    c * B + d * D,
    e * A + f * C + E,
    e * B + f * D + F,
  ]
}

export function apply(m: Matrix, x: number, y: number): Point {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] }
}

/**
 * How much a transform scales lengths: √|det|, exact for a uniform scale with any rotation or
 * reflection, the geometric mean of the two axis scales otherwise. A line width in user space
 * times this is its width after the transform.
 */
export function lengthScale(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]))
}

/** The bounding box of points (a loop, as a path may have more points than arguments fit). */
export function bounding(points: readonly Point[]) {
  let x0 = Infinity
  let x1 = -Infinity
  let y0 = Infinity
  let y1 = -Infinity
  for (const p of points) {
    x0 = Math.min(x0, p.x)
    x1 = Math.max(x1, p.x)
    y0 = Math.min(y0, p.y)
    y1 = Math.max(y1, p.y)
  }
  return { x0, x1, y0, y1 }
}

/** A matrix from untrusted input: six finite numbers, or null. */
export function asMatrix(value: unknown): Matrix | null {
  if (!value || typeof value !== 'object' || !('length' in value)) return null
  const v = value as ArrayLike<unknown>
  if (v.length !== 6) return null
  const m = Array.from(v)
  return m.every((x) => typeof x === 'number' && Number.isFinite(x))
    ? (m as unknown as Matrix)
    : null
}
