import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { outputNames } from '../../src/cli/batch'
import { runCli } from '../../src/cli/dispatch'
import { commands, main } from '../../src/cli/main'
import { registry } from '../../src/cli/registry'
import { figureSpec } from '../generator/figureSpec'
import { renderKmFigure } from '../generator/kmFigure'

const ROOT = resolve(import.meta.dirname, '../..')

function run(argv: string[], tty = false) {
  let stdout = ''
  let stderr = ''
  const code = main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stderrIsTTY: tty,
  })
  return { code, stdout, stderr }
}

/** A folder of two figures, each with its calibration beside it, and a file that is no figure. */
function figures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-batch-'))
  for (const [name, seed] of [
    ['one', 1],
    ['two', 2],
  ] as const) {
    const fig = renderKmFigure(figureSpec({}, {}, seed))
    writeFileSync(join(dir, `${name}.png`), fig.file)
    writeFileSync(join(dir, `${name}.calibration.json`), JSON.stringify(fig.calibration))
    if (name === 'one') {
      writeFileSync(join(dir, 'broken.png'), 'not an image')
      writeFileSync(join(dir, 'calibration.json'), JSON.stringify(fig.calibration))
    }
  }
  return dir
}

describe('kmpool trace, several figures', () => {
  it('traces each figure of a folder, writes its files, and goes on past one that fails', () => {
    const dir = figures()
    const out = join(dir, 'out')
    const r = run(['trace', dir, '--color', 'auto', '--out-dir', out])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^input\s+status\s+result\s+warnings\n/)
    expect(r.stdout).toMatch(/broken\.png\s+failed\s+.*broken\.png: not a PNG/)
    expect(r.stdout).toMatch(/one\.png\s+ok\s+2 curves \(pixels, whole\), \d+\/\d+ corners\s+0\n/)
    expect(r.stdout).toMatch(/two\.png\s+ok\s+2 curves \(pixels/)
    expect(r.stdout).toMatch(/3 inputs: 2 done, 1 failed; 10 files written\.\n$/)
    expect(r.stderr).toMatch(/^kmpool trace: .*broken\.png: not a PNG/m)
    expect(r.stderr).toMatch(/^kmpool trace: 1 of 3 inputs failed\n$/m)
    for (const f of ['one.json', 'one-points_1f77b4.csv', 'two-censor_d62728.csv']) {
      expect(existsSync(join(out, f)), f).toBe(true)
    }
    // Each figure's file is what --json prints for it alone.
    const alone = run([
      'trace',
      '--image',
      join(dir, 'two.png'),
      '--calibration',
      join(dir, 'two.calibration.json'),
      '--color',
      'auto',
      '--json',
    ])
    expect(JSON.parse(readFileSync(join(out, 'two.json'), 'utf8'))).toEqual(
      JSON.parse(alone.stdout),
    )
  })

  it('--json prints only the array on standard output', () => {
    const dir = figures()
    const r = run([
      'trace',
      join(dir, 'one.png'),
      join(dir, 'broken.png'),
      '--color',
      'auto',
      '--json',
    ])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.map((e: { status: string }) => e.status)).toEqual(['ok', 'failed'])
    expect(json[0].result.curves).toHaveLength(2)
    expect(json[0].outputs).toEqual([])
    expect(json[1].error).toMatch(/broken\.png: not a PNG/)
    expect(json[1].result).toBe(null)
  })

  it('keeps the curves traced when a colour given is not (status partial, exit code 1)', () => {
    const dir = figures()
    const out = join(dir, 'out')
    const r = run([
      'trace',
      join(dir, 'one.png'),
      join(dir, 'two.png'),
      '--color',
      '#1f77b4,#2ca02c',
      '--out-dir',
      out,
      '--json',
    ])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.map((e: { status: string }) => e.status)).toEqual(['partial', 'partial'])
    expect(json[0].error).toMatch(
      /one\.png: 1 of the 2 colours given could not be traced \(#2ca02c; see the warnings\); the other curve was traced$/,
    )
    expect(json[0].result.curves.map((c: { color: string }) => c.color)).toEqual(['#1f77b4'])
    expect(json[0].result.warnings).toContainEqual({
      code: 'curve-not-traced',
      color: '#2ca02c',
      message: expect.stringMatching(/^the curve of colour #2ca02c could not be traced: no pixels/),
    })
    // The file keeps the colour's name it has when every colour given is traced.
    expect(existsSync(join(out, 'one-points_1f77b4.csv'))).toBe(true)
    expect(r.stderr).toMatch(/^kmpool trace: .*two\.png: 1 of the 2 colours given/m)
    expect(r.stderr).toMatch(/^kmpool trace: 2 of 2 inputs done only in part\n$/m)
    const table = run(['trace', join(dir, 'one.png'), '--color', '#1f77b4,#2ca02c', '--quiet'])
    expect(table.stdout).toMatch(/one\.png\s+partial\s+1 curve \(pixels, whole\)/)
    // The warnings themselves are listed under the table (no file holds them without --out-dir).
    expect(table.stdout).toMatch(
      /\n\nWarnings:\n {2}\S*one\.png: the curve of colour #2ca02c could not be traced: no pixels.*\n\n1 input:/,
    )
    expect(table.stdout).toMatch(/1 input: 0 done, 1 done in part, 0 failed; 0 files written\.\n$/)
  })

  it('refuses one-figure flags with several figures, and --out-dir with one', () => {
    const dir = figures()
    expect(run(['trace', dir, '--color', 'auto', '--out', 'x.csv']).code).toBe(2)
    const single = run([
      'trace',
      '--image',
      join(dir, 'one.png'),
      '--calibration',
      join(dir, 'calibration.json'),
      '--color',
      'auto',
      '--out-dir',
      dir,
    ])
    expect(single.code).toBe(2)
    expect(single.stderr).toMatch(/--out-dir is for several figures/)
  })
})

describe('kmpool reconstruct, several studies', () => {
  it('gives each study the result --study --json gives it alone', () => {
    const out = mkdtempSync(join(tmpdir(), 'kmpool-batch-'))
    const r = run(['reconstruct', join(ROOT, 'examples'), '--out-dir', out, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.map((e: { input: string }) => e.input)).toEqual([
      join(ROOT, 'examples/bonner2006.kmstudy'),
      join(ROOT, 'examples/keynote189.kmstudy'),
    ])
    const alone = run([
      'reconstruct',
      '--study',
      join(ROOT, 'examples/keynote189.kmstudy'),
      '--json',
    ])
    expect(json[1].result).toEqual(JSON.parse(alone.stdout))
    expect(json[1].outputs).toEqual([
      join(out, 'keynote189-ipd.csv'),
      join(out, 'keynote189-km-summary.csv'),
      join(out, 'keynote189.json'),
    ])
    expect(readFileSync(join(out, 'keynote189-ipd.csv'), 'utf8')).toMatch(/^time,event,arm\n/)
  })

  it('reports a study it cannot read and reconstructs the others (exit code 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-batch-'))
    writeFileSync(join(dir, 'bad.kmstudy'), '{"not": "a study"}')
    const r = run([
      'reconstruct',
      join(ROOT, 'examples/bonner2006.kmstudy'),
      join(dir, 'bad.kmstudy'),
    ])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /bonner2006\.kmstudy\s+ok\s+Radiotherapy n=213, Radiotherapy plus cetuximab n=211; HR/,
    )
    expect(r.stdout).toMatch(/bad\.kmstudy\s+failed/)
    expect(r.stderr).toMatch(/1 of 2 inputs failed/)
  })
})

describe('progress bar', () => {
  const args = ['reconstruct', join(ROOT, 'examples')]
  it('is drawn on a terminal and cleared at the end', () => {
    const r = run(args, true)
    expect(r.stderr).toMatch(/█/)
    expect(r.stderr).toMatch(/2\/2 done/)
    expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true)
    expect(r.stdout).not.toMatch(/█|\r/)
  })
  it('is drawn by kmpool review, step by step, and cleared before its summary', () => {
    const out = mkdtempSync(join(tmpdir(), 'kmpool-batch-'))
    const r = run(['review', join(ROOT, 'examples/metastasectomy'), '--out', out, '--no-png'], true)
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/reading studies\/albers-2009\.kmstudy/)
    expect(r.stderr).toMatch(/reconstructing and pooling/)
    expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true)
    expect(r.stdout).not.toMatch(/█|\r/)
  })
  it('is not drawn with --quiet, nor when standard error is not a terminal', () => {
    expect(run([...args, '--quiet'], true).stderr).toBe('')
    expect(run(args, false).stderr).toBe('')
  })
})

describe('output names', () => {
  it('are the file names, with the folder when two are alike, and a number when still alike', () => {
    expect(outputNames(['a/aml/figure.png', 'a/lung/figure.png', 'b/x.pdf'])).toEqual([
      'aml-figure',
      'lung-figure',
      'x',
    ])
    expect(outputNames(['a/f.png', 'a/f.pdf'])).toEqual(['a-f-1', 'a-f-2'])
  })
})

describe('the command registry', () => {
  it('lists the commands main.ts runs, with the same help', async () => {
    expect(registry.map((c) => c.name)).toEqual(Object.keys(commands))
    for (const entry of registry) {
      expect((await entry.load()).help, entry.name).toBe(commands[entry.name].help)
    }
  })

  it('runCli answers as main does', async () => {
    for (const argv of [['--help'], [], ['frobnicate'], ['km', '--ipd', 'missing.csv']]) {
      let out = ''
      const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (out += s) })
      const expected = run(argv)
      expect(code, argv.join(' ')).toBe(expected.code)
      expect(out).toBe(expected.stdout + expected.stderr)
    }
  })
})
