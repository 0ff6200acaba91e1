import { dirname, join, resolve } from 'node:path'
import { parseOptions } from '../parseOptions'
import { armCsv, armFileNames } from '../../shared/riskTable/armFiles'
import type { RiskTableReading } from '../../shared/riskTable/types'
import type { Calibration, RgbaImage } from '../../shared/trace'
import { readCalibration } from '../calibrationFile'
import { CliError, usageError } from '../cliError'
import { columns } from '../format'
import { readImage } from '../image'
import { writeText } from '../io'
import type { Output } from '../output'

export const riskHelp = `Usage: kmpool risk --image F.png --calibration C.json [--out-dir DIR] [--n N1,N2…] [--json]

Reads the number-at-risk table under a Kaplan–Meier figure with optical character recognition
(offline: Tesseract's English model, shipped with kmpool): its rows (one per arm, named by the
label or the colour beside it), its columns under the time axis's ticks, and each number, read
three times more on its own; a number is kept only when the readings agree. A cell that cannot be
read is reported with its time and place, never guessed; a row whose numbers rise, or exceed the
arm's N, is flagged.

  --image FILE        the figure: PNG, JPEG, GIF, WebP or BMP
  --calibration FILE  the figure's calibration (JSON, as "kmpool axes --out" writes it)
  --out-dir DIR       write one CSV per arm, time,n_risk, named by its label (e.g. Female.csv);
                      cells not read are left out of it
  --n N1,N2…          each row's number of patients, top to bottom: a number above it is flagged
  --json              print {times, times_from, header, arms: [{label, color, file, rows: [{time,
                      n_risk, in_parentheses}], problems: [{code, time, box, text, message}]}],
                      ignored}
  -h, --help          this help

Check every flagged cell on the figure before you use the numbers. "kmpool read" also matches the
rows to the traced curves. Exits with status 1 when no table is found under the plot.`

function totals(value: string): number[] {
  const ns = value.split(',').map((v) => Number(v.trim()))
  if (!ns.every((n) => Number.isInteger(n) && n > 0)) {
    throw usageError(`--n must be whole numbers above 0, comma-separated, got "${value}"`)
  }
  return ns
}

/**
 * Reads the table with a fresh OCR engine, closed afterwards; `status` shows what it is doing on
 * a terminal. Shared with "kmpool read".
 */
export async function readTable(
  image: RgbaImage,
  calibration: Calibration,
  totalN: number[] | undefined,
  status: (text: string) => void,
): Promise<RiskTableReading> {
  const [{ openOcr }, { readRiskTableImage }] = await Promise.all([
    import('../../node/ocr'),
    import('../../node/riskTableOcr'),
  ])
  const ocr = openOcr({ oneFigure: true })
  let reads = 0
  try {
    status('starting the text reader…')
    return await readRiskTableImage(
      {
        recognizeWords: (img, opts) => {
          status(`reading the risk table (${++reads})…`)
          return ocr.recognizeWords(img, opts)
        },
      },
      image,
      calibration,
      totalN ? { totalN } : {},
    )
  } finally {
    status('')
    await ocr.close()
  }
}

/** A problem's box and fields as JSON. */
export function problemJson(p: RiskTableReading['arms'][number]['problems'][number]) {
  return {
    code: p.code,
    time: p.time ?? null,
    box: p.box,
    ...(p.text !== undefined ? { text: p.text } : {}),
    message: p.message,
  }
}

export async function runRisk(argv: string[], output: Output): Promise<void> {
  const { values } = parseOptions({
    args: argv,
    options: {
      image: { type: 'string' },
      calibration: { type: 'string' },
      'out-dir': { type: 'string' },
      n: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    output.stdout(`${riskHelp}\n`)
    return
  }
  if (!values.image) throw usageError('--image is required')
  if (!values.calibration) throw usageError('--calibration is required')
  const totalN = values.n === undefined ? undefined : totals(values.n)
  const calibration = readCalibration(values.calibration)
  const image = readImage(values.image)
  const status = (text: string) => {
    if (output.stderrIsTTY && !values.json) output.stderr(`\r\x1b[2K${text}`)
  }
  const table = await readTable(image, calibration, totalN, status)
  if (table.arms.length === 0) {
    throw new CliError(`${values.image}: no number-at-risk table found under the plot`)
  }
  const names = armFileNames(table.arms)
  const written: string[] = []
  if (values['out-dir']) {
    const dir = resolve(values['out-dir'])
    for (const [i, arm] of table.arms.entries()) {
      const path = join(dir, names[i])
      // A name made from a label is one plain file name; checked all the same.
      if (dirname(path) !== dir) throw new Error(`file name "${names[i]}" leaves its folder`)
      writeText(path, armCsv(arm), output.stdout)
      written.push(path)
    }
  }
  if (values.json) {
    const json = {
      times: table.times,
      times_from: table.timesFrom,
      header: table.header ?? null,
      arms: table.arms.map((arm, i) => ({
        label: arm.label,
        color: arm.color ?? null,
        file: values['out-dir'] ? written[i] : null,
        rows: arm.cells.map((c) => ({
          time: c.time,
          n_risk: c.nRisk,
          ...(c.inParentheses !== undefined ? { in_parentheses: c.inParentheses } : {}),
        })),
        problems: arm.problems.map(problemJson),
      })),
      ignored: table.ignored,
    }
    output.stdout(`${JSON.stringify(json, null, 2)}\n`)
    return
  }
  const cell = (arm: (typeof table.arms)[number], t: number) => {
    const c = arm.cells.find((x) => x.time === t)
    if (c)
      return c.inParentheses !== undefined ? `${c.nRisk} (${c.inParentheses})` : String(c.nRisk)
    return arm.problems.some((p) => p.time === t && p.code === 'blank') ? '' : '?'
  }
  const lines = [
    columns([
      ['arm', 'colour', ...table.times.map(String)],
      ...table.arms.map((arm) => [
        arm.label || '(no label)',
        arm.color ?? '',
        ...table.times.map((t) => cell(arm, t)),
      ]),
    ]),
  ]
  const problems = table.arms.flatMap((arm) =>
    arm.problems.map(
      (p) =>
        `  ${arm.label || '(no label)'}: ${p.message} (at x ${p.box.x0}–${p.box.x1}, y ${p.box.y0}–${p.box.y1})`,
    ),
  )
  if (problems.length) lines.push('', 'To check on the figure ("?" not read):', ...problems)
  lines.push(
    '',
    written.length
      ? `Written: ${written.join(', ')}.`
      : 'Give --out-dir DIR to write one CSV per arm.',
  )
  output.stdout(`${lines.join('\n')}\n`)
}
