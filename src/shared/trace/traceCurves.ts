import { formatColor } from './color'
import { coverageMapsDone } from './coverage'
import { settleSharedMarks } from './sharedMarks'
import { retraceAlongOthers, warnLeaps } from './retraceAlongOthers'
import { warnLineBeyondEnd } from './lineBeyondEnd'
import { retraceNeverFalls } from './retraceNeverFalls'
import { retraceSwapped } from './siblingsSwapped'
import { TraceError } from './traceError'
import { type PreparedFigure, prepareFigure, traceInFigure } from './traceCurve'
import type { Calibration, Rgb, RgbaImage, TraceOptions, TracedCurve } from './types'

/**
 * Names the curve each `under` stretch followed by its index among `colors` (the curves traced
 * together), where the stretch's colour is one of them; a stretch under any other ink names none.
 */
export function nameUnderArms(curves: TracedCurve[], colors: readonly Rgb[]): void {
  const names = colors.map(formatColor)
  for (const c of curves) {
    for (const s of c.status.stretches) {
      const arm = s.underColor === undefined ? -1 : names.indexOf(s.underColor)
      if (arm >= 0) s.underArm = arm
      else delete s.underArm
    }
  }
}

/**
 * Traces several curves of one figure, each knowing the others' colours (so that a pixel nearer
 * another curve's colour, or a run of a lighter sibling's ink, is not taken for its own, and a
 * curve hidden under another follows that one's ink). Results are in the order of `colors`: each
 * curve traced, or the TraceError that says why it could not be. Black marks on two curves' lines
 * are settled among the curves traced (sharedMarks.ts), and an `under` stretch names the curve it
 * followed by its index in `colors`. A trace that never fell (along the frame) is traced again
 * without its line (retraceNeverFalls.ts); a curve whose trace runs along another's is traced again
 * with that line left out (retraceAlongOthers.ts), and so are two curves of one hue each traced
 * on the other's line (siblingsSwapped.ts). A figure the tracer cannot read at all (its
 * calibration) still throws.
 */
export function traceEachCurve(
  image: RgbaImage,
  calibration: Calibration,
  colors: readonly Rgb[],
  options: TraceOptions = {},
): (TracedCurve | TraceError)[] {
  const figure = prepareFigure(image, calibration, options)
  const others = (i: number) => [
    ...(options.otherColors ?? []),
    ...colors.filter((_, j) => j !== i),
  ]
  const results = colors.map((color, i) => {
    try {
      return traceInFigure(figure, color, others(i))
    } catch (e) {
      if (e instanceof TraceError) return e
      throw e
    } finally {
      // The trace is done with its coverage map: the next one may reuse its arrays.
      coverageMapsDone(figure.index)
    }
  })
  // Curve i traced in the figure prepared with some line masked.
  const retrace = (masked: PreparedFigure, i: number) => traceInFigure(masked, colors[i], others(i))
  const traced = () => results.map((r) => (isTraced(r) ? r : null))
  // A trace along the frame's top edge is traced again without it.
  results.forEach((r, i) => {
    if (!isTraced(r)) return
    const again = retraceNeverFalls(r, image, figure, options, (m) => retrace(m, i))
    if (again) results[i] = again
  })
  // A curve that strayed onto another's line is traced again without that line.
  retraceAlongOthers(traced(), image, figure, options, retrace).forEach((c, i) => {
    if (c) results[i] = c
  })
  // Two curves told apart by darkness alone, each traced on the other's line, are traced again.
  retraceSwapped(traced(), image, options, figure, retrace).forEach((c, i) => {
    if (c) results[i] = c
  })
  const curves = results.filter(isTraced)
  // A drop across the background onto another curve's line, where no re-trace was kept.
  warnLeaps(curves, image)
  // A trace that stops where its line goes on in another shade.
  warnLineBeyondEnd(curves, figure.index, figure.map)
  nameUnderArms(curves, colors)
  settleSharedMarks(curves)
  return results
}

/** Whether a result of traceEachCurve is a curve (not the refusal of one). */
export const isTraced = (r: TracedCurve | TraceError): r is TracedCurve =>
  !(r instanceof TraceError)
