/**
 * `kmpool trace --color A,B,…` in a figure's pixels (an image, or a PDF page without vector
 * curves): every colour given is traced beside the others, and one that cannot be traced is
 * kept as a `curve-not-traced` warning naming it, so that the other curves are still written.
 * Only when none can be traced is the figure refused, in one line.
 */
import { TraceError, formatColor, traceEachCurve } from '../shared/trace'
import { isTraced, nameUnderArms } from '../shared/trace/traceCurves'
import type {
  Calibration,
  Rgb,
  RgbaImage,
  TraceOptions,
  TraceWarning,
  TracedCurve,
} from '../shared/trace/types'
import { CliError } from './cliError'

/** The curves traced, and one warning per colour that could not be (in the order given). */
export interface GivenCurves {
  curves: TracedCurve[]
  notTraced: (TraceWarning & { color: string })[]
}

/** `where` names the figure in the error line ("F.png", "F.pdf: page 2"). */
export function traceGiven(
  image: RgbaImage,
  calibration: Calibration,
  colors: readonly Rgb[],
  options: TraceOptions,
  where: string,
): GivenCurves {
  const results = traceEachCurve(image, calibration, colors, options)
  const curves = results.filter(isTraced)
  const notTraced = results.flatMap((r, i) =>
    r instanceof TraceError ? [notTracedWarning(colors[i], r.message)] : [],
  )
  if (curves.length === 0) {
    // Every colour failed, often for one reason (the calibration): each reason said once.
    const reasons = [...new Set(results.map((r) => (r as TraceError).message))]
    throw new CliError(`${where}: ${reasons.join('; ')}`)
  }
  // `under_arm` numbers a curve among those written, not among the colours given.
  if (notTraced.length) {
    nameUnderArms(
      curves,
      curves.map((c) => c.color),
    )
  }
  return { curves, notTraced }
}

/** The `curve-not-traced` warning of a colour given, and why it has no curve. */
export function notTracedWarning(color: Rgb, why: string): GivenCurves['notTraced'][number] {
  const name = formatColor(color)
  return {
    code: 'curve-not-traced',
    color: name,
    message: `the curve of colour ${name} could not be traced: ${why}`,
  }
}

/**
 * The one line that ends a run in which some colours given were not traced (exit code 1): which,
 * and that the others were kept.
 */
export function notTracedLine(where: string, notTraced: GivenCurves['notTraced'], given: number) {
  const which = notTraced.map((w) => w.color).join(', ')
  const kept = given - notTraced.length
  return `${where}: ${notTraced.length} of the ${given} colours given could not be traced (${which}; see the warnings); the other ${kept === 1 ? 'curve was' : `${kept} curves were`} traced`
}
