import { rgbToLab } from './color'
import type { AxisMap } from './calibration'
import type { Rgb, TracedCurve } from './types'

/** A colour with chroma (ΔE from the neutral axis) below this is black or a grey. */
const NEUTRAL = 8
/** Marks are at least this much darker (L*) than the line they are drawn on. */
const DARKER = 10
/** Times sampled along a trace. */
const SAMPLES = 200
/** A trace lies on another where their paths are this close (pixels)... */
const NEAR_PX = 3
/** ... at the same column or this many pixels to either side (a corner drawn a little off). */
const SLIP_PX = 3
/** A black or grey trace on the coloured curves over this share of the times they reach: marks. */
const ON_CURVES = 0.75
/**
 * The times the coloured traces reach must be this share of its length at least: beside the
 * marks' ink, a coloured line that JPEG greyed may be traced only part of the way at first
 * (findCurves traces it again beside the curves kept).
 */
const COVERED = 0.25
/** A curve it lies on over this share of the samples is named in the note. */
const NAMED = 0.15

/** Black or a grey: chroma (ΔE from the neutral axis) below NEUTRAL, as in lineGroups.ts. */
export const isNeutral = (color: Rgb) => {
  const lab = rgbToLab(...color)
  return Math.hypot(lab[1], lab[2]) < NEUTRAL
}

/**
 * Marks are drawn in ink darker than their line (black on colour): a grey lighter than a coloured
 * line lying along it is the line's own JPEG or anti-aliased shade.
 */
export const darker = (marks: TracedCurve, line: TracedCurve) =>
  rgbToLab(...marks.color)[0] < rgbToLab(...line.color)[0] - DARKER

/** The step function of a trace at time t (its first corner's survival before it). */
function survAt(c: TracedCurve, t: number): number {
  const pts = c.points
  let lo = 0
  let hi = pts.length - 1
  if (t < pts[0].time) return pts[0].surv
  // The last corner at or before t.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (pts[mid].time <= t) lo = mid
    else hi = mid - 1
  }
  return pts[lo].surv
}

/** Censor marks of other curves taken for a curve of their own: the curves they lie on. */
export interface MarksOn {
  curve: TracedCurve
  on: TracedCurve[]
  from: number
  to: number
}

/**
 * Censor marks drawn in another colour than their curves (NEJM's black "+" on coloured lines)
 * form an ink of their own, and a trace of that ink runs from mark to mark along the curves they
 * sit on, bridging the lines between (status `gaps`): it is no arm. A trace in black or grey
 * (chroma below NEUTRAL), at least DARKER darker than the coloured curves found, whose path lies
 * within NEAR_PX pixels of them over ON_CURVES of the times they reach (COVERED of its length at
 * least), now on one and now on another, is taken for their marks; a black or grey arm runs its
 * own path, meeting the coloured ones only where they cross or share a stretch. Returns, for each
 * such trace, the coloured curves it lies on (those it follows over NAMED of its length) and the
 * times it spans.
 */
export function marksOnCurves(curves: readonly TracedCurve[], map: AxisMap): MarksOn[] {
  const coloured = curves.filter((c) => !isNeutral(c.color) && c.points.length > 0)
  if (coloured.length === 0) return []
  const py = (t: number, s: number) => map.toPixel(t, s).py
  const out: MarksOn[] = []
  for (const c of curves) {
    if (!isNeutral(c.color) || c.points.length < 2) continue
    const lines = coloured.filter((o) => darker(c, o))
    if (lines.length === 0) continue
    const from = c.points[0].time
    const to = c.points[c.points.length - 1].time
    if (!(to > from)) continue
    let onCurves = 0
    let covered = 0
    const hits = lines.map(() => 0)
    for (let k = 0; k < SAMPLES; k++) {
      const t = from + ((k + 0.5) * (to - from)) / SAMPLES
      const at = map.toPixel(t, survAt(c, t))
      const y = at.py
      // A corner drawn a pixel or two earlier or later is the same path.
      const times = [-SLIP_PX, 0, SLIP_PX].map((d) => map.toData(at.px + d, y).time)
      let hit = false
      let any = false
      lines.forEach((o, j) => {
        if (times[0] > o.points[o.points.length - 1].time) return
        any = true
        const near = times.some((u) => Math.abs(py(u, survAt(o, u)) - y) <= NEAR_PX)
        if (near) {
          hits[j]++
          hit = true
        }
      })
      if (hit) onCurves++
      if (any) covered++
    }
    if (covered < COVERED * SAMPLES || onCurves < ON_CURVES * covered) continue
    out.push({ curve: c, on: lines.filter((_, j) => hits[j] >= NAMED * SAMPLES), from, to })
  }
  return out
}
