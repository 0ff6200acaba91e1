/**
 * The documented contract of `--json` (docs/cli.md): the JSON Schema files under
 * docs/cli-schemas/ are those src/cli/schemas.ts generates, and every command's real output
 * passes its schema, both as zod checks it and as the committed JSON Schema file reads.
 * After changing an output and its schema: KMPOOL_WRITE_SCHEMAS=1 npx vitest run
 * test/cli/schemas.test.ts rewrites the files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createCanvas } from '@napi-rs/canvas'
import { main, mainAsync } from '../../src/cli/main'
import { cliSchemas, jsonSchemaText } from '../../src/cli/schemas'
import { figureSpec } from '../generator/figureSpec'
import { renderKmFigure } from '../generator/kmFigure'

const ROOT = resolve(import.meta.dirname, '../..')
const ex = (f: string) => join(ROOT, 'examples', f)
const file = (name: string) => join(ROOT, 'docs/cli-schemas', `${name}.schema.json`)

function json(...argv: string[]): unknown {
  let stdout = ''
  let stderr = ''
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  expect([0, 1], `${argv.join(' ')}: ${stderr}`).toContain(code)
  return JSON.parse(stdout)
}

/** The same for the commands that read text with OCR (asynchronous). */
async function jsonAsync(...argv: string[]): Promise<unknown> {
  let stdout = ''
  let stderr = ''
  const code = await mainAsync(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  })
  expect([0, 1], `${argv.join(' ')}: ${stderr}`).toContain(code)
  return JSON.parse(stdout)
}

const LUNG = resolve(ROOT, '../shared/cases/lung/figure.png')

const dir = mkdtempSync(join(tmpdir(), 'kmpool-schemas-'))
const fig = renderKmFigure(figureSpec({}, {}, 3))
writeFileSync(join(dir, 'figure.png'), fig.file)
writeFileSync(join(dir, 'figure.calibration.json'), JSON.stringify(fig.calibration))
writeFileSync(join(dir, 'broken.png'), 'not an image')
writeFileSync(join(dir, 'marks.csv'), 'time\n1\n1.5\n2\n')
const blank = createCanvas(400, 300)
const g = blank.getContext('2d')
g.fillStyle = '#fff'
g.fillRect(0, 0, 400, 300)
writeFileSync(join(dir, 'blank.png'), blank.toBuffer('image/png'))

/** Real outputs of each command, the less common shapes included (nulls, failures, subgroups). */
const outputs: Record<(typeof cliSchemas)[number]['name'], () => unknown[] | Promise<unknown[]>> = {
  reconstruct: () => [
    json('reconstruct', '--points', ex('points.csv'), '--risk', ex('risk.csv'), '--json'),
    json('reconstruct', '--points', ex('points.csv'), '--n', '410', '--method', 'guyot', '--json'),
    // Censor marks too few to use: a marks-not-used warning and marks_not_used.
    json(
      'reconstruct',
      '--points',
      ex('points.csv'),
      '--risk',
      ex('risk.csv'),
      '--censor',
      join(dir, 'marks.csv'),
      '--json',
    ),
  ],
  'reconstruct-study': () => [
    json('reconstruct', '--study', ex('keynote189.kmstudy'), '--json'),
    json('reconstruct', '--study', ex('metastasectomy/studies/kovac-2018.kmstudy'), '--json'),
  ],
  'reconstruct-batch': () => [json('reconstruct', ex(''), '--json')],
  km: () => [
    json('km', '--ipd', ex('ipd.csv'), '--group', 'arm', '--times', '12,24,200', '--json'),
    json('km', '--ipd', ex('ipd.csv'), '--json'),
  ],
  trace: () => [
    json(
      'trace',
      '--image',
      join(dir, 'figure.png'),
      '--calibration',
      join(dir, 'figure.calibration.json'),
      '--color',
      'auto',
      '--json',
    ),
  ],
  'trace-batch': () => [json('trace', dir, '--color', 'auto', '--json')],
  pool: () => [
    json(
      'pool',
      '--input',
      ex('review-table5.csv'),
      '--outcome',
      'survival',
      '--time',
      '12',
      '--json',
    ),
    json(
      'pool',
      ...['--input', ex('review-table5.csv'), '--outcome', 'survival', '--time', '36'],
      ...['--by', 'subgroup', '--method', 'DL', '--hksj', '--json'],
    ),
    json('pool', '--input', ex('ipd.csv'), '--outcome', 'hr', '--json'),
  ],
  'pool-curve': () => [
    json('pool', '--input', ex('review-table5.csv'), '--outcome', 'curve', '--json'),
  ],
  axes: async () => [
    await jsonAsync('axes', '--image', LUNG, '--out', join(dir, 'lung.calibration.json'), '--json'),
    // A page with no axes: calibration null, the problems listed (exit 1).
    await jsonAsync('axes', '--image', join(dir, 'blank.png'), '--json'),
  ],
  risk: async () => [
    await jsonAsync(
      ...['risk', '--image', LUNG, '--calibration', join(dir, 'lung.calibration.json')],
      ...['--out-dir', join(dir, 'risk'), '--n', '90,138', '--json'],
    ),
  ],
  read: async () => [await jsonAsync('read', '--image', LUNG, '--json')],
  // One figure read, one refused (not an image): the failure is an entry, not an abort.
  'read-batch': async () => [
    await jsonAsync(
      'read',
      LUNG,
      join(dir, 'broken.png'),
      '--out-dir',
      join(dir, 'read'),
      '--json',
    ),
  ],
}

describe('docs/cli-schemas', () => {
  it.each(cliSchemas.map((e) => [e.name, e] as const))(
    '%s.schema.json is the one src/cli/schemas.ts generates',
    (name, entry) => {
      const text = jsonSchemaText(entry)
      if (process.env.KMPOOL_WRITE_SCHEMAS) writeFileSync(file(name), text)
      expect(readFileSync(file(name), 'utf8'), `rewrite with KMPOOL_WRITE_SCHEMAS=1`).toBe(text)
    },
  )

  it.each(cliSchemas.map((e) => [e.name, e] as const))(
    "kmpool's real --json output passes %s.schema.json",
    async (name, entry) => {
      const fromFile = z.fromJSONSchema(JSON.parse(readFileSync(file(name), 'utf8')))
      for (const output of await outputs[name]()) {
        const checked = entry.schema.safeParse(output)
        expect(checked.success, JSON.stringify(checked.error?.issues.slice(0, 3))).toBe(true)
        expect(fromFile.safeParse(output).success).toBe(true)
      }
    },
    // axes, risk and read run the OCR engine: seconds each on a busy machine.
    120_000,
  )

  it('refuses an output with a field the contract does not list, or a wrong type', () => {
    const km = cliSchemas.find((e) => e.name === 'km')!
    const output = json('km', '--ipd', ex('ipd.csv'), '--json') as {
      groups: Record<string, unknown>[]
    }
    const fromFile = z.fromJSONSchema(JSON.parse(readFileSync(file('km'), 'utf8')))
    const extra = { ...output, version: 1 }
    const wrong = { groups: [{ ...output.groups[0], n: null }] }
    for (const bad of [extra, wrong]) {
      expect(km.schema.safeParse(bad).success).toBe(false)
      expect(fromFile.safeParse(bad).success).toBe(false)
    }
  })
})
