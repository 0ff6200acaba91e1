/** A vertex in data units: time in the calibration's unit, survival as a proportion. */
export interface DataPoint {
  time: number
  surv: number
}

/** How a polyline reads as a survival curve. */
export interface StepShape {
  /** Indices of the vertices that are the step function's corners, in order. */
  corners: number[]
  /** Number of falls (vertical or sloped segments going down). */
  drops: number
  /** Share of the length (time as a share of `timeSpan`, plus survival) that is sloped. */
  sloped: number
}

/** At most this share of a KM curve's length may be sloped rather than horizontal or vertical. */
export const MAX_SLOPED = 0.1
/** A segment that deviates from an axis by less than this slope counts as axis-aligned. */
const SLOPE = 0.01

/**
 * Reads a polyline (in drawing order, data units) as the step function of a Kaplan–Meier curve,
 * or returns null when it is not one: it must never go back in time nor up in survival (beyond
 * `tol`, data units, which absorbs the rounding of the writer's coordinates), have a plateau and
 * fall at least once (a lone vertical line is a gridline), and be mostly horizontal and vertical
 * (at most MAX_SLOPED of its length sloped, which rejects smooth fitted curves while allowing a
 * writer's occasional diagonal). The corners are the vertices where the direction changes — the
 * start, each fall's top and bottom, and the end — with repeated vertices, and vertices in the
 * middle of a straight run (a censoring time drawn as a vertex), dropped. Lengths are normalised
 * by `timeSpan` for time and 1 for survival, so that a plot's two axes weigh alike.
 */
export function stepShape(
  points: readonly DataPoint[],
  tol: { time: number; surv: number },
  timeSpan: number,
): StepShape | null {
  type Kind = 'h' | 'v' | 's'
  const kinds: Kind[] = []
  const starts: number[] = []
  let sloped = 0
  let total = 0
  let drops = 0
  for (let i = 1; i < points.length; i++) {
    const dt = points[i].time - points[i - 1].time
    const ds = points[i].surv - points[i - 1].surv
    if (dt < -tol.time || ds > tol.surv) return null
    const nt = Math.abs(dt) / timeSpan
    const ns = Math.abs(ds)
    if (Math.abs(dt) <= tol.time && Math.abs(ds) <= tol.surv) continue
    const kind: Kind =
      Math.abs(ds) <= tol.surv || ns <= SLOPE * nt
        ? 'h'
        : Math.abs(dt) <= tol.time || nt <= SLOPE * ns
          ? 'v'
          : 's'
    total += nt + ns
    if (kind === 's') sloped += nt + ns
    if (kind !== 'h') drops++
    // A straight run of one kind is one segment; only sloped segments keep every vertex.
    if (kinds.length > 0 && kind !== 's' && kinds[kinds.length - 1] === kind) {
      drops -= kind === 'v' ? 1 : 0
      continue
    }
    kinds.push(kind)
    starts.push(i - 1)
  }
  if (!kinds.includes('h') || drops === 0 || sloped > MAX_SLOPED * total) return null
  // The last vertex that is not a repeat of the one before it ends the curve.
  let last = points.length - 1
  while (
    last > 0 &&
    Math.abs(points[last].time - points[last - 1].time) <= tol.time &&
    Math.abs(points[last].surv - points[last - 1].surv) <= tol.surv
  ) {
    last--
  }
  return { corners: [...starts, last], drops, sloped: total > 0 ? sloped / total : 0 }
}
