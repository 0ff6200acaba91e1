/**
 * The CLI's PDF figures: pages opened through the Node-side services' PDF.js worker
 * (src/node/pdf.ts, shared with the app), and their curves read for `kmpool trace`.
 */
import { type VectorCurve, curvesByColor, findVectorCurves } from '../shared/pdf'
import { TraceError, findCurves, formatColor } from '../shared/trace'
import type { Calibration, Rgb, TraceWarning, TracedCurve } from '../shared/trace/types'
import { type PdfPageOptions, openPdfPage } from '../node/pdf'
import { CliError } from './cliError'
import { writeBytes } from './io'
import { notTracedWarning, traceGiven } from './traceGiven'

export { DEFAULT_SCALE, openPdfPage, type PdfPage, type PdfPageOptions } from '../node/pdf'

/** Curves read from a PDF page, and how: from its vector paths, or traced in its pixels. */
export interface PdfCurves {
  curves: (VectorCurve | TracedCurve)[]
  source: 'vector' | 'pixels'
  /** What tracing "auto" in the pixels could not do (findCurves). */
  warnings: TraceWarning[]
  /** Colours given that could not be traced in the pixels (traceGiven.ts). */
  notTraced: (TraceWarning & { color: string })[]
}

/**
 * Reads the KM curves of a PDF page through a calibration in the rendered image's pixels: the
 * page's vector curves when it has them (exact coordinates and colours, findVectorCurves), with
 * `colors` the given colours' (one without a curve is `notTraced`, when another has one);
 * otherwise the page rendered at the scale and traced as an image (traceGiven, or findCurves for
 * "auto").
 * With `renderOut`, the rendered image is written there as PNG either way, so that a user can
 * read calibration pixels off it. One-line CliErrors for every failure a user can cause.
 */
export function tracePdf(
  path: string,
  options: PdfPageOptions,
  calibration: Calibration,
  colors: readonly Rgb[] | 'auto',
  tolerance: number,
  renderOut?: string,
): PdfCurves {
  const page = openPdfPage(path, options)
  try {
    const rendered = renderOut ? page.render(true) : null
    if (rendered?.png) writeBytes(renderOut!, rendered.png)
    let found: VectorCurve[]
    try {
      found = findVectorCurves(page.paths, calibration, { bounds: page.geometry })
    } catch (e) {
      if (e instanceof TraceError) throw new CliError(`${path}: ${e.message}`)
      throw e
    }
    const groups = colors === 'auto' ? [found] : curvesByColor(found, colors, tolerance)
    if (groups.every((g) => g.length > 0)) {
      return { curves: groups.flat(), source: 'vector', warnings: [], notTraced: [] }
    }
    // Some colours given have vector curves and some not: the exact curves are kept, and a colour
    // without one is said (the rendered pixels hold no more than the paths drawn them).
    if (colors !== 'auto' && groups.some((g) => g.length > 0)) {
      const why = `no curve of that colour among the page's vector curves (${vectorColors(found)}); check the colour`
      const notTraced = colors.flatMap((c, i) =>
        groups[i].length > 0 ? [] : [notTracedWarning(c, why)],
      )
      return { curves: groups.flat(), source: 'vector', warnings: [], notTraced }
    }
    const { image } = rendered ?? page.render()
    try {
      if (colors === 'auto') {
        return { ...findCurves(image, calibration, { tolerance }), source: 'pixels', notTraced: [] }
      }
      const where = `${path}: page ${page.page}`
      const given = traceGiven(image, calibration, colors, { tolerance }, where)
      return { ...given, source: 'pixels', warnings: [] }
    } catch (e) {
      if (e instanceof TraceError) throw new CliError(`${path}: page ${page.page}: ${e.message}`)
      throw e
    }
  } finally {
    page.close()
  }
}

/** The distinct colours of a page's vector curves, for a message ("#1f77b4, #d62728"). */
function vectorColors(curves: readonly VectorCurve[]): string {
  return [...new Set(curves.map((c) => formatColor(c.color)))].join(', ')
}
