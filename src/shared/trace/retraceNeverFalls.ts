import { maskAlong, traceMasked, warnsOfNew } from './retraceAlongOthers'
import { traceRowsOf } from './traceAudit'
import type { PreparedFigure } from './traceCurve'
import type { RgbaImage, TraceOptions, TracedCurve } from './types'

/**
 * Traces again, with its line left out, a curve whose trace never fell (traceAudit.ts:
 * `never-falls`): where the curve starts at the corner of a boxed plot, its trace may take the
 * frame's top edge, dark ink its colour's map holds, and run along it to the right edge (JCO
 * development seeds 6219 and 7023: a blue arm traced along the frame at survival 1, within 2 px
 * of its line in 1–2% of its columns). The re-trace, with the first trace's rows masked (half its
 * line width and a fringe pixel around), is kept when it falls, and is warned of nothing else
 * the first was not; otherwise the first trace stays with its warning. `again` traces the curve
 * in a prepared figure. Returns the re-trace kept, or null.
 */
export function retraceNeverFalls(
  first: TracedCurve,
  image: RgbaImage,
  prepared: PreparedFigure,
  options: TraceOptions,
  again: (figure: PreparedFigure) => TracedCurve,
): TracedCurve | null {
  if (!first.warnings.some((w) => w.code === 'never-falls')) return null
  const [rows] = traceRowsOf([first])
  if (!rows) return null
  const mask = maskAlong(image, options.mask, rows, rows.x0, rows.x1, first.lineWidth)
  const retraced = traceMasked(prepared, image, mask, again)?.curve
  return retraced && !warnsOfNew(first, retraced, 'never-falls') ? retraced : null
}
