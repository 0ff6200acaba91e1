/**
 * The numbers in the docs come from the code: the README's worked examples (`kmpool pool` on
 * Table 5 of the published review, `kmpool review` on the example review, `kmpool axes`, `risk` and
 * `read` on R's lung figure, with the real OCR engine, `kmpool trace` on the overlap figure of
 * tools/docs/tracingOverlap.ts) and the example
 * review's methods text (examples/metastasectomy/methods.md) are recomputed here and must equal
 * what is written. After a deliberate change, rewrite them from the code with
 *
 *   KMPOOL_UPDATE_DOCS=1 npx vitest run test/docs/workedExamples.test.ts
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main, mainAsync } from '../../src/cli/main'

const ROOT = resolve(import.meta.dirname, '../..')
const README = join(ROOT, 'README.md')
const METHODS = join(ROOT, 'examples/metastasectomy/methods.md')
const UPDATE = process.env.KMPOOL_UPDATE_DOCS === '1'

function run(...argv: string[]): string {
  let out = ''
  let err = ''
  const code = main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) })
  if (code !== 0) throw new Error(`kmpool ${argv.join(' ')} failed: ${err}`)
  return out
}

/** The same for the commands that read text with OCR (asynchronous); exit 1 is a failure too. */
async function runAsync(...argv: string[]): Promise<string> {
  let out = ''
  let err = ''
  const code = await mainAsync(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) })
  if (code !== 0) throw new Error(`kmpool ${argv.join(' ')} failed: ${err}`)
  return out
}

/** The fenced block after `<!-- worked-example:NAME -->` in the README. */
function blockRange(text: string, name: string): { start: number; end: number } {
  const marker = `<!-- worked-example:${name} -->\n\`\`\`\n`
  const start = text.indexOf(marker)
  if (start < 0) throw new Error(`README.md has no ${marker.trim()} marker`)
  const from = start + marker.length
  return { start: from, end: text.indexOf('```\n', from) }
}

function checkBlock(name: string, actual: string): void {
  const text = readFileSync(README, 'utf8')
  const { start, end } = blockRange(text, name)
  if (UPDATE) {
    writeFileSync(README, text.slice(0, start) + actual + text.slice(end))
    return
  }
  expect(text.slice(start, end), `README worked example "${name}" (see this file's header)`).toBe(
    actual,
  )
}

/** The pool output as the README shows it: all but the study rows of `keep`, elided by "...". */
function poolBlock(out: string, keep: readonly string[]): string {
  const lines = out.trimEnd().split('\n')
  const head = lines.findIndex((l) => l.startsWith('study '))
  const blank = lines.findIndex((l, i) => i > head && l === '')
  const rows = lines.slice(head + 1, blank < 0 ? undefined : blank)
  const shown: string[] = []
  let elided = false
  for (const r of rows) {
    if (keep.some((k) => r.startsWith(`${k} `))) {
      shown.push(r)
      elided = false
    } else if (!elided) {
      shown.push('...')
      elided = true
    }
  }
  return (
    [...lines.slice(0, head + 1), ...shown, ...(blank < 0 ? [] : lines.slice(blank))].join('\n') +
    '\n'
  )
}

describe('the docs quote the code', () => {
  it('README: kmpool pool on Table 5 of the published review', () => {
    const out = run(
      'pool',
      '--input',
      join(ROOT, 'examples/review-table5.csv'),
      '--outcome',
      'survival',
      '--time',
      '60',
      '--by',
      'subgroup',
    )
    checkBlock('pool', poolBlock(out, ['Anraku 2003', 'Burt 2011', 'Chen 1998']))
  })

  it('README and methods.md: kmpool review on the example review', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-docs-'))
    const out = run('review', join(ROOT, 'examples/metastasectomy'), '--out', dir)
    checkBlock('review', out.split(dir).join('results/').replace('results//', 'results/'))
    const methods = readFileSync(join(dir, 'methods.md'), 'utf8')
    if (UPDATE) writeFileSync(METHODS, methods)
    expect(readFileSync(METHODS, 'utf8'), 'examples/metastasectomy/methods.md').toBe(methods)
  }, 120_000)

  it('README: kmpool trace where one arm runs under another (tools/docs/tracingOverlap.ts)', () => {
    const dir = join(ROOT, 'docs/tracing-overlap')
    const out = run(
      ...['trace', '--image', join(dir, 'figure.jpg')],
      ...['--calibration', join(dir, 'figure.calibration.json'), '--color', 'auto'],
    )
    checkBlock('trace-overlap', out)
  })

  it('README: kmpool axes, risk and read on the lung figure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-docs-read-'))
    const figure = resolve(ROOT, '../shared/cases/lung/figure.png')
    const cal = join(dir, 'figure.calibration.json')
    const axes = await runAsync('axes', '--image', figure, '--out', cal)
    checkBlock('axes-lung', axes)
    const risk = await runAsync(
      ...['risk', '--image', figure, '--calibration', cal, '--out-dir', join(dir, 'risk')],
    )
    checkBlock('risk-lung', risk.split(`${dir}/`).join(''))
    const read = await runAsync('read', '--image', figure, '--out', join(dir, 'lung.kmstudy'))
    checkBlock('read-lung', read.split(`${dir}/`).join(''))
  }, 120_000)
})
