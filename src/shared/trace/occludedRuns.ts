import { type ColumnRuns, RUN_FOLLOWED, RUN_SIBLING, RUN_UNDER } from './columnRuns'
import type { PathStep } from './monotonePath'

/** A run at least this much (pixels) less tall than the line shows only part of it. */
const SHORT_BY = 0.5

/** Whether run k of another curve's ink, as tall as the line, touches run j at its top or bottom. */
function occluderSide(runs: ColumnRuns, j: number, k: number, lineWidth: number): -1 | 0 | 1 {
  // Another curve's ink less tall than this line is no line drawn over it: a sliver of a line
  // beneath this one, whose blended border pixel run j lost.
  if (!(runs.flags[k] & RUN_UNDER) || runs.bottom[k] - runs.top[k] < lineWidth - SHORT_BY) return 0
  if (runs.r1[k] === runs.r0[j] - 1) return -1
  if (runs.r0[k] === runs.r1[j] + 1) return 1
  return 0
}

/**
 * Where a later-drawn curve covers one edge of this curve's line (survminer draws its arms one
 * over the other, 1–4 px wide), the column shows only the uncovered part of the line: a run less
 * tall than the line whose one end touches the other curve's ink. Its centroid is then not the
 * line's centre but lies off it by half the hidden part, away from the other curve, and the
 * plateau's level taken from such runs (stepCorners.ts) is off by a pixel or more; and the path
 * may have followed the other curve's ink there (at its centre) rather than the sliver of its own
 * (bench development seed 3005: a 3.5-px green arm under a blue one traced 2 px above its line).
 *
 * Returns the path with each flat step on another curve's ink that a run of this curve's own
 * touches moved onto that run; and for each run of the path that is this curve's own ink,
 * shorter than `lineWidth` by at least SHORT_BY, and touching another curve's ink as tall as the
 * line at one end only, takes the line to go on under that ink: the run's free end stays, and its
 * other end and centre are moved to make it `lineWidth` tall (in `runs`, in place). A run
 * touching such ink at both ends, or none, is left as read.
 */
export function widenOccludedRuns(
  path: readonly PathStep[],
  runs: ColumnRuns,
  lineWidth: number,
): PathStep[] {
  const out: PathStep[] = []
  const widened = new Set<number>()
  for (const s of path) {
    const c = s.x - runs.x0
    let step = s
    // A flat step along a line drawn over this one, with this one's own ink showing beside it.
    if (runs.flags[s.run] & RUN_UNDER && Math.abs(s.entry - s.exit) < 0.5) {
      for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
        if (runs.flags[j] & (RUN_FOLLOWED | RUN_SIBLING)) continue
        if (runs.bottom[j] - runs.top[j] > lineWidth - SHORT_BY) continue
        if (occluderSide(runs, j, s.run, lineWidth) !== 0) {
          step = { ...s, run: j }
          break
        }
      }
    }
    const j = step.run
    if (!(runs.flags[j] & RUN_FOLLOWED) && !widened.has(j)) {
      const height = runs.bottom[j] - runs.top[j]
      let above = false
      let below = false
      if (height <= lineWidth - SHORT_BY) {
        for (let k = runs.start[c]; k < runs.start[c + 1]; k++) {
          const side = occluderSide(runs, j, k, lineWidth)
          if (side < 0) above = true
          if (side > 0) below = true
        }
      }
      if (above !== below) {
        if (above) runs.top[j] = runs.bottom[j] - lineWidth
        else runs.bottom[j] = runs.top[j] + lineWidth
        runs.centre[j] = (runs.top[j] + runs.bottom[j]) / 2
        widened.add(j)
      }
    }
    if (step !== s) step = { ...step, entry: runs.centre[j], exit: runs.centre[j] }
    out.push(step)
  }
  return out
}
