import { rgbToLab } from './color'
import type { AxisMap } from './calibration'
import { forEachInkPiece } from './inkPieces'
import type { PixelRect, Rgb, TracedCurve } from './types'

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
 * Ink judged marks by its shape (marksInInk) is traced on the coloured curves over this share of
 * the times they reach at least, traced beside it (NEJM dev seeds: 0.28–0.72). Black ink whose
 * trace runs its own path (0.03, 0.09) also follows a line that gave no candidate of its colour:
 * an orange arm's dark edge (dev seed 3038), its only trace.
 */
export const ON_SOME_CURVES = 0.2
/**
 * The times the coloured traces reach must be this share of its length at least: beside the
 * marks' ink, a coloured line that JPEG greyed may be traced only part of the way at first
 * (findCurves traces it again beside the curves kept).
 */
const COVERED = 0.25
/** A curve it lies on over this share of the samples is named in the note. */
const NAMED = 0.15
/** A censor mark's ink spans at least this many pixels each way (a line's width is less)... */
const MARK_MIN_PX = 4
/** ... and at most this many (a line's stretch, a drop, text are longer). */
const MARK_MAX_PX = 30
/** A mark is about as tall as it is wide: neither side more than this many times the other. */
const MARK_ASPECT = 2
/** Coloured ink (pixels) this close to a mark's box lies under it: the mark sits on a line. */
const UNDER_PX = 2
/** A mark sits on a coloured line when at least this many coloured pixels lie under it. */
const UNDER_MIN = 3
/**
 * An ink whose pixels lie in marks on coloured lines over this share of them is marks... (NEJM
 * black marks on dev seeds 3000–3119, 4000–4119: 0.2–0.34 of the black ink in pieces of that
 * shape, 21–73 on coloured ink; black arms: at most 0.05, 8 on coloured ink.)
 */
const MARKS_SHARE = 0.15
/** ... when there are at least this many such marks. */
const MARKS_MIN = 10

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
 * within NEAR_PX pixels of them over ON_CURVES (or `onCurves`) of the times they reach (COVERED of
 * its length at least), now on one and now on another, is taken for their marks; a black or grey arm runs its
 * own path, meeting the coloured ones only where they cross or share a stretch. Returns, for each
 * such trace, the coloured curves it lies on (those it follows over NAMED of its length) and the
 * times it spans.
 */
export function marksOnCurves(
  curves: readonly TracedCurve[],
  map: AxisMap,
  onCurves = ON_CURVES,
): MarksOn[] {
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
    let on = 0
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
      if (hit) on++
      if (any) covered++
    }
    if (covered < COVERED * SAMPLES || on < onCurves * covered) continue
    out.push({ curve: c, on: lines.filter((_, j) => hits[j] >= NAMED * SAMPLES), from, to })
  }
  return out
}

/**
 * How much of an ink lies in censor marks drawn on coloured lines: pieces of it (pixels touching,
 * diagonals too) between MARK_MIN_PX and MARK_MAX_PX across each way and about as tall as wide
 * (MARK_ASPECT), with coloured ink (UNDER_MIN pixels) within UNDER_PX of the piece. NEJM's black
 * "+" marks are such pieces, each on an arm's line; a black arm's ink is one long piece (its own
 * marks joined to it) or dashes, longer than tall. `label` holds each pixel's ink (−1: none),
 * `mine(k)` says whether ink k is the ink judged, `coloured(k)` whether ink k is a coloured
 * line's. Returns whether the ink is marks (MARKS_SHARE of its pixels in MARKS_MIN marks at
 * least), with the counts.
 */
export function marksInInk(
  label: Int8Array,
  width: number,
  area: PixelRect,
  mine: (k: number) => boolean,
  coloured: (k: number) => boolean,
): { marks: boolean; count: number; share: number } {
  const { x0, y0, x1, y1 } = area
  let total = 0
  let inMarks = 0
  let count = 0
  const sized = (d: number) => d >= MARK_MIN_PX && d <= MARK_MAX_PX
  forEachInkPiece(
    area,
    width,
    (i) => label[i] >= 0 && mine(label[i]),
    ({ left, right, top, bottom, count: n }) => {
      total += n
      const w = right - left + 1
      const h = bottom - top + 1
      if (!sized(w) || !sized(h) || w > MARK_ASPECT * h || h > MARK_ASPECT * w) return
      // The coloured ink in the piece's box, widened by UNDER_PX.
      const [ux0, ux1] = [Math.max(x0, left - UNDER_PX), Math.min(x1 - 1, right + UNDER_PX)]
      const [uy0, uy1] = [Math.max(y0, top - UNDER_PX), Math.min(y1 - 1, bottom + UNDER_PX)]
      let under = 0
      for (let yy = uy0; yy <= uy1; yy++) {
        for (let xx = ux0; xx <= ux1; xx++) {
          const k = label[yy * width + xx]
          if (k >= 0 && coloured(k)) under++
        }
      }
      if (under < UNDER_MIN) return
      inMarks += n
      count++
    },
  )
  const share = total > 0 ? inMarks / total : 0
  return { marks: count >= MARKS_MIN && share >= MARKS_SHARE, count, share }
}
