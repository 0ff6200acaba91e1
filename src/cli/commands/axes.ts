import { parseOptions } from '../parseOptions'
import type { AxesDetection, AxisReading } from '../../shared/axes'
import { CliError, usageError } from '../cliError'
import { columns, num } from '../format'
import { readImage } from '../image'
import { writeText } from '../io'
import type { Output } from '../output'

export const axesHelp = `Usage: kmpool axes --image F.png [--out calibration.json] [--json]

Finds the axes of a Kaplan–Meier figure and calibrates them: the rows of tick marks along the
time and survival axes, their labels read by optical character recognition (offline: Tesseract's
English model, shipped with kmpool), and the pixel of each value fitted by least squares over
every labelled tick, on a linear or log scale. The calibration is given only when it is verified:
at least three labels on each axis read alike twice, evenly spaced, every tick within 1 px of the
fit, and the survival axis a proportion (up to 1) or a percentage (up to 100).

  --image FILE   the figure: PNG, JPEG, GIF, WebP or BMP
  --out FILE     write the calibration as JSON (x1, x2, y1, y2 with px, py, value; yScale;
                 xScale "log" for a log time axis; timeUnit when the axis title names one), the
                 file "kmpool trace --calibration" reads
  --json         print {calibration, x, y, problems}: calibration null when not verified; per axis
                 verified, scale, ticks, labels (read and agreeing), max_residual_px, confidence
                 (the share of ticks whose label agrees); problems in words
  -h, --help     this help

Check the calibration on the figure before you use it: what could not be read is listed. When
the axes cannot be verified, the command exits with status 1 and says why; give the calibration
by hand then.`

function axisJson(a: AxisReading) {
  return {
    verified: a.verified,
    scale: a.scale ?? null,
    ticks: a.ticks,
    labels: a.labels,
    max_residual_px: a.maxResidual ?? null,
    confidence: a.confidence,
  }
}

export async function runAxes(argv: string[], output: Output): Promise<void> {
  const { values } = parseOptions({
    args: argv,
    options: {
      image: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    output.stdout(`${axesHelp}\n`)
    return
  }
  if (!values.image) throw usageError('--image is required')
  const image = readImage(values.image)
  // OCR (tesseract.js and its model) is loaded only by the commands that read text.
  const [{ openOcr }, { detectAxes }] = await Promise.all([
    import('../../node/ocr'),
    import('../../shared/axes'),
  ])
  const ocr = openOcr({ oneFigure: true })
  let reads = 0
  const status = (text: string) => {
    if (output.stderrIsTTY && !values.json) output.stderr(`\r\x1b[2K${text}`)
  }
  let found: AxesDetection
  try {
    status('starting the text reader…')
    found = await detectAxes(image, (request) => {
      status(`reading tick labels (${++reads})…`)
      return ocr.recognizeWords(image, request)
    })
  } finally {
    status('')
    await ocr.close()
  }
  const cal = found.calibration
  if (cal && values.out) writeText(values.out, `${JSON.stringify(cal, null, 2)}\n`, output.stdout)
  if (values.json) {
    const json = {
      calibration: cal,
      x: axisJson(found.x),
      y: axisJson(found.y),
      problems: found.problems,
    }
    output.stdout(`${JSON.stringify(json, null, 2)}\n`)
  } else {
    const row = (name: string, a: AxisReading) => [
      name,
      a.verified ? 'verified' : 'not verified',
      a.scale ?? '',
      `${a.labels} of ${a.ticks}`,
      a.maxResidual === undefined ? '' : num(a.maxResidual, 1),
    ]
    const lines = [
      columns([
        ['axis', 'status', 'scale', 'labels read', 'max residual px'],
        row('time (x)', found.x),
        row('survival (y)', found.y),
      ]),
    ]
    if (cal) {
      lines.push(
        '',
        `x: ${cal.x1.value} at ${num(cal.x1.px, 1)} px, ${cal.x2.value} at ${num(cal.x2.px, 1)} px${cal.xScale === 'log' ? ' (log)' : ''}${cal.timeUnit ? `, ${cal.timeUnit}` : ''}`,
        `y: ${cal.y1.value} at ${num(cal.y1.py, 1)} px, ${cal.y2.value} at ${num(cal.y2.py, 1)} px (${cal.yScale})`,
      )
    }
    if (found.problems.length) lines.push('', 'Not read:', ...found.problems.map((p) => `  ${p}`))
    if (cal && !values.out) lines.push('', 'Give --out FILE to write the calibration.')
    output.stdout(`${lines.join('\n')}\n`)
  }
  if (!cal) {
    throw new CliError(
      `${values.image}: the axes could not be verified (${found.problems[0] ?? 'no reason given'}); give the calibration by hand`,
    )
  }
}
