import { parseArgs } from 'node:util'
import { formatCensorCsv } from '../../shared/formats/censorFile'
import {
  DEFAULT_TOLERANCE,
  TraceError,
  axisMap,
  formatColor,
  parseCalibration,
  parseColor,
  traceAllCurves,
  traceCurves,
} from '../../shared/trace'
import type { Calibration, TracedCurve } from '../../shared/trace'
import { CliError, usageError } from '../cliError'
import { columns, num } from '../format'
import { readImage } from '../image'
import { readText, writeText } from '../io'
import type { Output } from '../output'

export const traceHelp = `Usage: kmpool trace --image F.png --calibration C.json --color COLOR
                   [--out points.csv] [--censor-out censor.csv] [--json] [options]

Traces Kaplan–Meier curves in a figure by their colour: the step function's corners (every drop
as its top and bottom corner, at the centre of the drawn line) and the censor marks on it.

  --image FILE        the figure: PNG, JPEG, GIF, WebP or BMP
  --calibration FILE  JSON with x1, x2, y1, y2 ({px, py, value}, image pixels) and yScale
                      ("proportion" or "percent"); a case's truth.json is read as well
  --color COLOR       the curve's colour (#rrggbb); several, comma-separated, are traced each
                      knowing the others; "auto" finds and traces every curve
  --out FILE          write the corners as time,surv (survival as a proportion) CSV; with several
                      curves, one file per curve named FILE's stem + _rrggbb
  --censor-out FILE   write the censor-mark times as a one-column CSV (time), the same way
  --tolerance T       colour tolerance, CIELAB ΔE (default ${DEFAULT_TOLERANCE})
  --json              print {curves: [{color, line_width, points[], censor[], warnings[]}]}
  -h, --help          this help

Give the points and censor files to "kmpool reconstruct --points P.csv --censor C.csv".`

function readCalibration(path: string): Calibration {
  let json: unknown
  try {
    json = JSON.parse(readText(path))
  } catch (e) {
    if (e instanceof CliError) throw e
    throw new CliError(`${path}: not valid JSON (${(e as Error).message})`)
  }
  try {
    const calibration = parseCalibration(json)
    axisMap(calibration)
    return calibration
  } catch (e) {
    if (e instanceof TraceError) throw new CliError(`${path}: ${e.message}`)
    throw e
  }
}

/** FILE itself for one curve; FILE's stem + _rrggbb + its extension for each of several. */
function pathFor(path: string, curve: TracedCurve, several: boolean): string {
  if (!several || path === '-') return path
  const hex = formatColor(curve.color).slice(1)
  const dot = path.lastIndexOf('.')
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return dot > slash ? `${path.slice(0, dot)}_${hex}${path.slice(dot)}` : `${path}_${hex}`
}

const round = (x: number) => Number(x.toPrecision(7))

function pointsCsv(curve: TracedCurve): string {
  return `time,surv\n${curve.points.map((p) => `${round(p.time)},${round(p.surv)}\n`).join('')}`
}

export function runTrace(argv: string[], output: Output): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      image: { type: 'string' },
      calibration: { type: 'string' },
      color: { type: 'string' },
      out: { type: 'string' },
      'censor-out': { type: 'string' },
      tolerance: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    output.stdout(`${traceHelp}\n`)
    return
  }
  if (!values.image) throw usageError('--image is required')
  if (!values.calibration) throw usageError('--calibration is required')
  if (!values.color) throw usageError('--color is required (a colour such as #1f77b4, or auto)')
  let tolerance = DEFAULT_TOLERANCE
  if (values.tolerance !== undefined) {
    tolerance = Number(values.tolerance)
    if (!(Number.isFinite(tolerance) && tolerance > 0)) {
      throw usageError(`--tolerance must be a number above 0, got "${values.tolerance}"`)
    }
  }
  const auto = values.color.trim().toLowerCase() === 'auto'
  let colors: ReturnType<typeof parseColor>[] = []
  if (!auto) {
    try {
      colors = values.color.split(',').map((c) => parseColor(c))
    } catch (e) {
      if (e instanceof TraceError) throw usageError(`--color: ${e.message}`)
      throw e
    }
  }
  const calibration = readCalibration(values.calibration)
  const image = readImage(values.image)
  let curves: TracedCurve[]
  try {
    curves = auto
      ? traceAllCurves(image, calibration, { tolerance })
      : traceCurves(image, calibration, colors, { tolerance })
  } catch (e) {
    if (e instanceof TraceError) throw new CliError(`${values.image}: ${e.message}`)
    throw e
  }
  const several = curves.length > 1
  const written: string[] = []
  for (const curve of curves) {
    if (values.out) {
      const path = pathFor(values.out, curve, several)
      writeText(path, pointsCsv(curve), output.stdout)
      written.push(path)
    }
    if (values['censor-out']) {
      const path = pathFor(values['censor-out'], curve, several)
      writeText(path, formatCensorCsv(curve.censorMarks.map((m) => m.time)), output.stdout)
      written.push(path)
    }
  }
  if (values.json) {
    const json = {
      curves: curves.map((c) => ({
        color: formatColor(c.color),
        line_width: round(c.lineWidth),
        columns_seen: c.columnsSeen,
        columns_bridged: c.columnsBridged,
        points: c.points.map((p) => ({
          time: round(p.time),
          surv: round(p.surv),
          x: round(p.x),
          y: round(p.y),
        })),
        censor: c.censorMarks.map((m) => round(m.time)),
        warnings: c.warnings.map((w) => w.message),
      })),
    }
    output.stdout(`${JSON.stringify(json, null, 2)}\n`)
    return
  }
  if (values.out === '-' || values['censor-out'] === '-') return
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
    ]
  })
  const lines = [
    columns([
      ['colour', 'corners', 'drops', 'censor marks', 'line px', 'end (time / surv)'],
      ...rows,
    ]),
  ]
  const warnings = curves.flatMap((c) => c.warnings.map((w) => `  ${w.message}`))
  if (warnings.length) lines.push('', 'Warnings:', ...warnings)
  lines.push(
    '',
    written.length ? `Written: ${written.join(', ')}.` : 'Give --out FILE to write the points.',
  )
  output.stdout(`${lines.join('\n')}\n`)
}
