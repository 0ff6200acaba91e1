import { existsSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { parseOptions } from '../parseOptions'
import { formatCensorCsv } from '../../shared/formats/censorFile'
import {
  DEFAULT_TOLERANCE,
  TraceError,
  findCurves,
  formatColor,
  parseColor,
} from '../../shared/trace'
import { findInset, insetWarning } from '../../shared/trace/findInset'
import type { VectorCurve } from '../../shared/pdf'
import type { Calibration, Rgb, TraceStatus, TraceWarning, TracedCurve } from '../../shared/trace'
import { expandInputs, runBatch } from '../batch'
import { readCalibration } from '../calibrationFile'
import { CliError, usageError } from '../cliError'
import { columns, num } from '../format'
import { readImage } from '../image'
import { writeText } from '../io'
import type { Output } from '../output'
import { DEFAULT_SCALE, type PdfPageOptions, tracePdf } from '../pdf'
import { type GivenCurves, notTracedLine, traceGiven } from '../traceGiven'

type Curve = TracedCurve | VectorCurve

export const traceHelp = `Usage: kmpool trace --image F.png --calibration C.json --color COLOR
                   [--out points.csv] [--censor-out censor.csv] [--json] [options]
       kmpool trace --pdf F.pdf [--page N] [--scale S] [--crop x,y,w,h] [--render-out page.png]
                   --calibration C.json --color COLOR [...]
       kmpool trace FIGURE|DIR... --color COLOR [--calibration C.json] [--out-dir DIR]
                   [--json] [--quiet] [options]

Traces Kaplan–Meier curves in a figure by their colour: the step function's corners (every drop
as its top and bottom corner, at the centre of the drawn line) and the censor marks on it. From a
PDF page drawn as vector graphics the curves' own coordinates are read (exact); a page without
them is rendered and traced as an image.

  --image FILE        the figure: PNG, JPEG, GIF, WebP or BMP
  --pdf FILE          the figure on a PDF page, instead of --image
  --page N            the page (default 1)
  --scale S           rendered pixels per PDF point (default ${DEFAULT_SCALE}, 144 per inch); the
                      calibration's pixels are the rendered page's at this scale
  --crop x,y,w,h      keep only this rectangle of the rendered page (pixels at the scale), e.g. one
                      panel; the calibration's pixels are then the crop's
  --render-out FILE   write the rendered page (cropped) as PNG, to read calibration pixels off
  --calibration FILE  JSON with x1, x2, y1, y2 ({px, py, value}, image pixels) and yScale
                      ("proportion" or "percent"); optionally xScale ("log" for a log time
                      axis: x1 at its left end, where the curves start) and yShows ("survival",
                      or "cumulative-incidence" when the curves rise); a case's truth.json is
                      read as well
  --y-shows WHAT      what the y axis shows, over the calibration's yShows: "survival" (curves
                      fall), or "cumulative-incidence" (the share with the event, 1 − survival:
                      curves rise); points are written as survival either way
  --mask x,y,w,h      leave this rectangle of the image out of tracing (image pixels), e.g. a
                      legend drawn in a curve's colour; repeat for several
  --keep-inset        trace a zoomed inset's ink too: by default a framed small plot inside the
                      plot (its curves zoomed) is found and left out, and a warning says where
  --color COLOR       the curve's colour (#rrggbb); several, comma-separated (or --color given
                      again for each), are traced each knowing the others (one that cannot be traced is a warning, the others
                      are written, and the exit code is 1); "auto" finds and traces every curve
  --out FILE          write the corners as time,surv (survival as a proportion) CSV; with several
                      curves, one file per curve named FILE's stem + _rrggbb
  --censor-out FILE   write the censor-mark times as a one-column CSV (time), the same way
  --tolerance T       colour tolerance, CIELAB ΔE (default ${DEFAULT_TOLERANCE})
  --json              print {source, curves: [{color, line_width, status, stretches[], points[],
                      censor[], warnings[]}], warnings: [{code, message, color}]}, source "vector"
                      (read from a PDF's paths) or "pixels"

A curve that ends on the bottom of a y axis that does not reach 0 (or the top of one of
cumulative incidence) is warned of: the figure does not show where it goes beyond.

Each curve's status says how much of it rests on its own ink: "whole"; "inferred" (stretches
followed along another curve's ink, under which it is hidden); or "gaps" (stretches with no ink
to follow, bridged by a straight line, or beyond the trace's end where more of its line may lie).
The stretches are listed with their times. Ink that looks like a curve but could not be traced is
reported, never dropped.

Several figures: name the files, or folders (their PNG, JPEG, GIF, WebP, BMP and PDF files),
instead of --image/--pdf. Each is traced on its own; one that fails is reported and the others
still run (exit code 1 if any failed, or was traced only in part: status "partial").
  --out-dir DIR       write NAME-points.csv (corners; NAME-points_rrggbb.csv with several curves),
                      NAME-censor.csv and NAME.json (as --json prints for one figure), NAME being the figure's
                      file name without extension (with its folder's name when two are alike)
  --calibration FILE  for every figure; without it each figure's own, beside it:
                      NAME.calibration.json, calibration.json or truth.json
  --json              print an array of {input, status, error, outputs, warnings, result}, result
                      as --json for one figure; progress and errors go to standard error only
  -q, --quiet         no progress bar (there is one on a terminal only)

  -h, --help          this help

Give the points and censor files to "kmpool reconstruct --points P.csv --censor C.csv".`

/**
 * FILE itself for one curve; FILE's stem + _rrggbb (+ _2, _3 for more curves of one colour, which
 * a PDF's vector curves can be) + its extension for each of several. `several`: more than one
 * colour was given, so that a curve keeps its file's name when another could not be traced.
 */
function pathFor(path: string, curves: Curve[], index: number, several: boolean): string {
  if ((curves.length === 1 && !several) || path === '-') return path
  const color = formatColor(curves[index].color)
  const same = curves.slice(0, index).filter((c) => formatColor(c.color) === color).length
  const hex = color.slice(1) + (same > 0 ? `_${same + 1}` : '')
  const dot = path.lastIndexOf('.')
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return dot > slash ? `${path.slice(0, dot)}_${hex}${path.slice(dot)}` : `${path}_${hex}`
}

const round = (x: number) => Number(x.toPrecision(7))

/** A whole number from 1 (a page). */
function pageNumber(value: string): number {
  const n = Number(value)
  if (!(Number.isInteger(n) && n >= 1)) {
    throw usageError(`--page must be a whole number from 1, got "${value}"`)
  }
  return n
}

/** x,y,w,h in whole pixels. */
function crop(value: string): PdfPageOptions['crop'] {
  const parts = value.split(',').map((v) => Number(v.trim()))
  if (parts.length !== 4 || !parts.every(Number.isInteger)) {
    throw usageError(`--crop must be x,y,w,h in whole pixels, got "${value}"`)
  }
  const [x, y, width, height] = parts
  return { x, y, width, height }
}

/** A PDF's vector curve is read from the page's own path, hidden or not: nothing is inferred. */
function statusOf(curve: Curve): TraceStatus {
  return 'status' in curve ? curve.status : { status: 'whole', stretches: [] }
}

function pointsCsv(curve: Curve): string {
  return `time,surv\n${curve.points.map((p) => `${round(p.time)},${round(p.surv)}\n`).join('')}`
}

interface TraceSettings {
  colors: Rgb[] | 'auto'
  tolerance: number
  pdf: PdfPageOptions
  /** Rectangles left out of tracing (--mask), in image pixels. */
  mask: MaskRect[]
  /** --keep-inset: do not look for a zoomed inset to leave out. */
  keepInset: boolean
  /** --y-shows, over the calibration's own. */
  yShows?: Calibration['yShows']
}

interface MaskRect {
  x: number
  y: number
  width: number
  height: number
}

/** A --mask rectangle: x,y,w,h in image pixels, width and height above 0. */
function maskRect(value: string): MaskRect {
  const parts = value.split(',').map((v) => Number(v.trim()))
  if (parts.length !== 4 || !parts.every(Number.isFinite) || !(parts[2] > 0 && parts[3] > 0)) {
    throw usageError(`--mask must be x,y,w,h in image pixels (w and h above 0), got "${value}"`)
  }
  const [x, y, width, height] = parts
  return { x, y, width, height }
}

/**
 * The tracer's mask (one byte per pixel, non-zero left out) of the rectangles: every pixel whose
 * centre lies inside one; undefined when there are none. A rectangle that holds no pixel of the
 * image is refused, naming the image.
 */
function maskOf(rects: MaskRect[], image: string, width: number, height: number) {
  if (rects.length === 0) return undefined
  const mask = new Uint8Array(width * height)
  for (const r of rects) {
    const x0 = Math.max(0, Math.round(r.x))
    const x1 = Math.min(width, Math.round(r.x + r.width))
    const y0 = Math.max(0, Math.round(r.y))
    const y1 = Math.min(height, Math.round(r.y + r.height))
    if (x1 <= x0 || y1 <= y0) {
      throw new CliError(
        `${image}: --mask ${[r.x, r.y, r.width, r.height].join(',')} holds no pixel of the ${width}×${height} image`,
      )
    }
    for (let y = y0; y < y1; y++) mask.fill(1, y * width + x0, y * width + x1)
  }
  return mask
}

/** The curves of one figure, and how they were read. */
interface TraceRun {
  source: 'vector' | 'pixels'
  curves: Curve[]
  /** What tracing "auto" could not do (findCurves). */
  found: TraceWarning[]
  /** Colours given that could not be traced; the figure's run then ends with exit code 1. */
  notTraced: GivenCurves['notTraced']
  /** How many colours were given (0 for "auto"). */
  given: number
  /** The figure, as the line for colours not traced names it ("F.png", "F.pdf: page 2"). */
  where: string
}

/** Traces one figure, an image or a PDF page; one-line CliErrors for what the user can cause. */
function traceFigure(
  figure: { image?: string; pdf?: string },
  calibration: Calibration,
  settings: TraceSettings,
  renderOut?: string,
): TraceRun {
  const { colors, tolerance } = settings
  if (settings.yShows) calibration = { ...calibration, yShows: settings.yShows }
  if (figure.pdf) {
    if (settings.mask.length > 0) {
      throw new CliError(`${figure.pdf}: --mask is for images; for a PDF page, --crop to the panel`)
    }
    const read = tracePdf(figure.pdf, settings.pdf, calibration, colors, tolerance, renderOut)
    return {
      source: read.source,
      curves: read.curves,
      found: read.warnings,
      notTraced: read.notTraced,
      given: colors === 'auto' ? 0 : colors.length,
      where: `${figure.pdf}: page ${settings.pdf.page}`,
    }
  }
  const image = readImage(figure.image!)
  try {
    // A zoomed inset's curves are the arms' ink: left out like a --mask, and said.
    const inset = settings.keepInset ? null : findInset(image, calibration)
    const rects = inset ? [...settings.mask, inset] : settings.mask
    const mask = maskOf(rects, figure.image!, image.width, image.height)
    const options = { tolerance, mask }
    const noted = inset ? [insetWarning(inset, 'give --keep-inset to trace it')] : []
    if (colors === 'auto') {
      const { curves, warnings } = findCurves(image, calibration, options)
      const where = figure.image!
      return {
        source: 'pixels',
        curves,
        found: [...noted, ...warnings],
        notTraced: [],
        given: 0,
        where,
      }
    }
    const { curves, notTraced } = traceGiven(image, calibration, colors, options, figure.image!)
    return {
      source: 'pixels',
      curves,
      found: noted,
      notTraced,
      given: colors.length,
      where: figure.image!,
    }
  } catch (e) {
    if (e instanceof TraceError) throw new CliError(`${figure.image}: ${e.message}`)
    throw e
  }
}

/** Writes the corners to `out` and the censor marks to `censorOut` (see pathFor); the paths. */
function writeCurves(
  run: TraceRun,
  out: string | undefined,
  censorOut: string | undefined,
  stdout: (s: string) => void,
): string[] {
  const written: string[] = []
  for (const [i, curve] of run.curves.entries()) {
    if (out) {
      const path = pathFor(out, run.curves, i, run.given > 1)
      writeText(path, pointsCsv(curve), stdout)
      written.push(path)
    }
    if (censorOut) {
      const path = pathFor(censorOut, run.curves, i, run.given > 1)
      writeText(path, formatCensorCsv(curve.censorMarks.map((m) => m.time)), stdout)
      written.push(path)
    }
  }
  return written
}

function warningsOf(run: TraceRun) {
  return [
    ...run.found.map((w) => ({ code: w.code, message: w.message })),
    ...run.notTraced,
    ...run.curves.flatMap((c) =>
      c.warnings.map((w) => ({ code: w.code, message: w.message, color: formatColor(c.color) })),
    ),
  ]
}

/** The --json output of one figure (docs/cli-schemas/trace.schema.json). */
function traceJson(run: TraceRun) {
  return {
    source: run.source,
    curves: run.curves.map((c) => ({
      color: formatColor(c.color),
      line_width: round(c.lineWidth),
      ...('columnsSeen' in c
        ? { columns_seen: c.columnsSeen, columns_bridged: c.columnsBridged }
        : { dash: c.dash.map(round) }),
      status: statusOf(c).status,
      stretches: statusOf(c).stretches.map((t) => ({
        kind: t.kind,
        from: round(t.from),
        to: round(t.to),
        x0: t.x0,
        x1: t.x1,
        ...(t.underMarks ? { under_marks: true } : {}),
        ...(t.underColor !== undefined ? { under_color: t.underColor } : {}),
        ...(t.underArm !== undefined ? { under_arm: t.underArm + 1 } : {}),
      })),
      points: c.points.map((p) => ({
        time: round(p.time),
        surv: round(p.surv),
        x: round(p.x),
        y: round(p.y),
      })),
      censor: c.censorMarks.map((m) => round(m.time)),
      warnings: c.warnings.map((w) => w.message),
    })),
    warnings: warningsOf(run),
  }
}

/**
 * A warning in words: a curve's is named by its curve's colour, as the stretches not traced on
 * the curve's own ink are, unless it says the colour itself.
 */
function warningLine(w: { message: string; color?: string }): string {
  return w.color === undefined || w.message.includes(w.color)
    ? w.message
    : `${w.color}: ${w.message}`
}

function humanTrace(run: TraceRun, pdf: boolean, written: string[]): string {
  const { curves, source } = run
  const warnings = warningsOf(run)
  const rows = curves.map((c) => {
    const drops = c.points.filter((p, i) => i > 0 && p.surv < c.points[i - 1].surv).length
    const last = c.points[c.points.length - 1]
    return [
      formatColor(c.color),
      String(c.points.length),
      String(drops),
      String(c.censorMarks.length),
      num(c.lineWidth, 1),
      `${num(last.time, 2)} / ${num(last.surv, 3)}`,
      statusOf(c).status,
    ]
  })
  const lines = [
    columns([
      ['colour', 'corners', 'drops', 'censor marks', 'line px', 'end (time / surv)', 'status'],
      ...rows,
    ]),
  ]
  const stretches = curves.flatMap((c) =>
    statusOf(c).stretches.map((t) => {
      const span = `from ${num(t.from, 2)} to ${num(t.to, 2)}`
      // A gap from the trace's end on is what lies beyond it (ink-beyond-end): nothing bridged.
      const end = c.points[c.points.length - 1].time
      const whose =
        t.underColor === undefined
          ? 'another curve'
          : `${t.underColor}${t.underArm !== undefined ? ` (curve ${t.underArm + 1})` : ''}`
      return t.kind === 'under' && t.underMarks
        ? `  ${formatColor(c.color)}: ${span}, hidden under censor marks: the trace there follows the marks`
        : t.kind === 'under'
          ? `  ${formatColor(c.color)}: ${span}, followed under ${whose}: its own line is hidden there`
          : t.from >= end
            ? `  ${formatColor(c.color)}: ${span}, beyond the trace's end: not traced (see the warnings)`
            : `  ${formatColor(c.color)}: ${span}, no ink to follow: bridged by a straight line`
    }),
  )
  if (stretches.length) lines.push('', 'Not traced on the curve’s own ink:', ...stretches)
  if (warnings.length) lines.push('', 'Warnings:', ...warnings.map((w) => `  ${warningLine(w)}`))
  if (pdf) {
    lines.push(
      '',
      source === 'vector'
        ? "Read from the page's vector graphics: exact coordinates."
        : 'No vector curves on the page: traced in its rendered pixels.',
    )
  }
  lines.push(
    '',
    written.length ? `Written: ${written.join(', ')}.` : 'Give --out FILE to write the points.',
  )
  return `${lines.join('\n')}\n`
}

const FIGURE = /\.(png|jpe?g|gif|webp|bmp|pdf)$/i

/**
 * The calibration of a figure in a batch: --calibration for all, or the first of
 * NAME.calibration.json, calibration.json and truth.json (a test case's) beside the figure.
 */
function calibrationFor(figure: string): Calibration {
  const dir = dirname(figure)
  const stem = basename(figure, extname(figure))
  const candidates = [`${stem}.calibration.json`, 'calibration.json', 'truth.json']
  const found = candidates.map((c) => join(dir, c)).find((c) => existsSync(c))
  if (!found) {
    throw new CliError(
      `${figure}: no calibration (give --calibration, or put ${candidates[0]} or calibration.json beside it)`,
    )
  }
  return readCalibration(found)
}

/** `kmpool trace FIGURE… --out-dir DIR`: each figure traced on its own (see batch.ts). */
function traceBatch(
  args: string[],
  values: { calibration?: string; 'out-dir'?: string; json?: boolean; quiet?: boolean },
  settings: TraceSettings,
  output: Output,
): void {
  const calibration = values.calibration ? readCalibration(values.calibration) : undefined
  const inputs = expandInputs(
    args,
    (f) => FIGURE.test(f),
    'figures (PNG, JPEG, GIF, WebP, BMP or PDF)',
  )
  const outDir = values['out-dir']
  runBatch(
    inputs,
    (input, name) => {
      if (!existsSync(input)) throw new CliError(`${input}: cannot read it (no such file)`)
      const cal = calibration ?? calibrationFor(input)
      const pdf = extname(input).toLowerCase() === '.pdf'
      const run = traceFigure(pdf ? { pdf: input } : { image: input }, cal, settings)
      const result = traceJson(run)
      const outputs = outDir
        ? writeCurves(
            run,
            join(outDir, `${name}-points.csv`),
            join(outDir, `${name}-censor.csv`),
            output.stdout,
          )
        : []
      if (outDir) {
        const path = join(outDir, `${name}.json`)
        writeText(path, `${JSON.stringify(result, null, 2)}\n`, output.stdout)
        outputs.push(path)
      }
      const statuses = [...new Set(run.curves.map((c) => statusOf(c).status))].join(', ')
      const corners = run.curves.map((c) => c.points.length).join('/')
      const figures = `${run.curves.length} curve${run.curves.length === 1 ? '' : 's'} (${run.source}, ${statuses}), ${corners} corners`
      const incomplete = run.notTraced.length
        ? notTracedLine(run.where, run.notTraced, run.given)
        : undefined
      return { result, outputs, figures, warnings: warningsOf(run).map(warningLine), incomplete }
    },
    { command: 'trace', json: values.json ?? false, quiet: values.quiet ?? false },
    output,
  )
}

export function runTrace(argv: string[], output: Output): void {
  const { values, positionals } = parseOptions({
    args: argv,
    options: {
      image: { type: 'string' },
      pdf: { type: 'string' },
      page: { type: 'string' },
      scale: { type: 'string' },
      crop: { type: 'string' },
      'render-out': { type: 'string' },
      calibration: { type: 'string' },
      // Several colours, comma-separated or the option given again for each.
      color: { type: 'string', multiple: true },
      out: { type: 'string' },
      'censor-out': { type: 'string' },
      'out-dir': { type: 'string' },
      tolerance: { type: 'string' },
      'y-shows': { type: 'string' },
      mask: { type: 'string', multiple: true },
      'keep-inset': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    output.stdout(`${traceHelp}\n`)
    return
  }
  const batch = positionals.length > 0
  if (batch) {
    for (const flag of ['image', 'pdf', 'out', 'censor-out', 'render-out', 'crop'] as const) {
      if (values[flag] !== undefined) {
        throw usageError(`--${flag} is for one figure; with several, give --out-dir DIR`)
      }
    }
  } else {
    if (!values.image === !values.pdf) throw usageError('give one figure, --image or --pdf')
    for (const flag of ['page', 'scale', 'crop', 'render-out'] as const) {
      if (values[flag] !== undefined && !values.pdf) throw usageError(`--${flag} needs --pdf`)
    }
    if (values['out-dir'] !== undefined) {
      throw usageError('--out-dir is for several figures (kmpool trace FIGURE… --out-dir DIR)')
    }
    if (!values.calibration) throw usageError('--calibration is required')
  }
  let scale = DEFAULT_SCALE
  if (values.scale !== undefined) {
    scale = Number(values.scale)
    if (!(Number.isFinite(scale) && scale > 0)) {
      throw usageError(`--scale must be a number above 0, got "${values.scale}"`)
    }
  }
  const color = values.color?.join(',')
  if (!color) throw usageError('--color is required (a colour such as #1f77b4, or auto)')
  let tolerance = DEFAULT_TOLERANCE
  if (values.tolerance !== undefined) {
    tolerance = Number(values.tolerance)
    if (!(Number.isFinite(tolerance) && tolerance > 0)) {
      throw usageError(`--tolerance must be a number above 0, got "${values.tolerance}"`)
    }
  }
  let colors: Rgb[] | 'auto' = 'auto'
  if (color.trim().toLowerCase() !== 'auto') {
    try {
      colors = color.split(',').map((c) => parseColor(c))
    } catch (e) {
      if (e instanceof TraceError) throw usageError(`--color: ${e.message}`)
      throw e
    }
  }
  const yShows = values['y-shows']
  if (yShows !== undefined && yShows !== 'survival' && yShows !== 'cumulative-incidence') {
    throw usageError(`--y-shows must be "survival" or "cumulative-incidence", got "${yShows}"`)
  }
  const settings: TraceSettings = {
    colors,
    tolerance,
    mask: (values.mask ?? []).map(maskRect),
    keepInset: values['keep-inset'] ?? false,
    yShows,
    pdf: {
      page: values.page === undefined ? 1 : pageNumber(values.page),
      scale,
      crop: values.crop === undefined ? undefined : crop(values.crop),
    },
  }
  if (batch) {
    traceBatch(positionals, values, settings, output)
    return
  }
  const calibration = readCalibration(values.calibration!)
  const run = traceFigure(values, calibration, settings, values['render-out'])
  const written = writeCurves(run, values.out, values['censor-out'], output.stdout)
  if (values.json) {
    output.stdout(`${JSON.stringify(traceJson(run), null, 2)}\n`)
  } else if (values.out !== '-' && values['censor-out'] !== '-') {
    output.stdout(humanTrace(run, values.pdf !== undefined, written))
  }
  // The curves traced are kept; that one given was not is the run's failure (exit code 1).
  if (run.notTraced.length) {
    throw new CliError(notTracedLine(run.where, run.notTraced, run.given))
  }
}
