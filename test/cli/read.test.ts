import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mainAsync } from '../../src/cli/main'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { partsToCheck } from '../../src/shared/model/provenance'
import { renderKmFigure } from '../generator/kmFigure'
import { figureSpec } from '../generator/figureSpec'

/**
 * `kmpool risk` and `kmpool read` with the real OCR engine on the lung case (shared/cases/lung:
 * R's survival::lung drawn by R, its table printed by R: the numbers below are what it prints).
 */
const lung = (f: string) => join(SHARED, 'cases/lung', f)

const SHARED = resolve(import.meta.dirname, '../../../shared')

async function run(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await mainAsync(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  })
  return { code, stdout, stderr }
}

const FEMALE = [90, 70, 30, 15, 6, 1, 0]
const MALE = [138, 86, 35, 17, 7, 2, 0]
const TIMES = [0, 6, 12, 18, 24, 30, 36]

describe('kmpool risk', () => {
  it('writes one time,n_risk CSV per arm, named by its label', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-risk-'))
    const r = await run(
      'risk',
      '--image',
      lung('figure.png'),
      '--calibration',
      lung('truth.json'),
      '--out-dir',
      dir,
      '--json',
    )
    expect(r.code).toBe(0)
    expect(readdirSync(dir).sort()).toEqual(['Female.csv', 'Male.csv'])
    const csv = (n: number[]) => `time,n_risk\n${TIMES.map((t, i) => `${t},${n[i]}\n`).join('')}`
    expect(readFileSync(join(dir, 'Female.csv'), 'utf8')).toBe(csv(FEMALE))
    expect(readFileSync(join(dir, 'Male.csv'), 'utf8')).toBe(csv(MALE))
    const json = JSON.parse(r.stdout)
    expect(json.arms.map((a: { color: string }) => a.color)).toEqual(['#1f77b4', '#d62728'])
    expect(json.arms.flatMap((a: { problems: unknown[] }) => a.problems)).toEqual([])
  })

  it('exits 1 with one line when there is no table under the plot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-risk-'))
    const fig = renderKmFigure(figureSpec())
    writeFileSync(join(dir, 'f.png'), fig.file)
    writeFileSync(join(dir, 'c.json'), JSON.stringify(fig.calibration))
    const r = await run('risk', '--image', join(dir, 'f.png'), '--calibration', join(dir, 'c.json'))
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^kmpool risk: .*no number-at-risk table found under the plot\n$/)
  })

  it('refuses --n that is not whole numbers', async () => {
    const r = await run('risk', '--image', 'x.png', '--calibration', 'c.json', '--n', '90,abc')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--n must be whole numbers/)
  })
})

describe('kmpool read', () => {
  it('reads the whole figure into a study whose automatic parts are to check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-read-'))
    const out = join(dir, 'lung.kmstudy')
    const r = await run('read', '--image', lung('figure.png'), '--out', out, '--json')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.calibration_from).toBe('read')
    const study = parseStudyFile(readFileSync(out, 'utf8'), out)
    const byName = Object.fromEntries(study.curves.map((c) => [c.name, c]))
    expect(Object.keys(byName).sort()).toEqual(['Female', 'Male'])
    expect(byName.Female.color).toBe('#1f77b4')
    expect(byName.Female.risk).toEqual(TIMES.map((time, i) => ({ time, nRisk: FEMALE[i] })))
    expect(byName.Male.risk).toEqual(TIMES.map((time, i) => ({ time, nRisk: MALE[i] })))
    expect(byName.Female.censorTimes!.length).toBeGreaterThan(0)
    expect(study.figure?.data).toBeDefined()
    expect(study.referenceCurve).toBe(byName.Female.id)
    expect(partsToCheck(study.provenance)).toEqual([
      'calibration',
      ...['curves', 'risk', 'censor'].flatMap((k) => study.curves.map((c) => `${k}.${c.id}`)),
      'referenceCurve',
    ])
    expect(json.to_check).toEqual(partsToCheck(study.provenance))
  })

  it('takes a calibration given by hand, marked as the user’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-read-'))
    const out = join(dir, 'lung.kmstudy')
    const r = await run(
      'read',
      '--image',
      lung('figure.png'),
      '--calibration',
      lung('truth.json'),
      '--out',
      out,
    )
    expect(r.code).toBe(0)
    const study = parseStudyFile(readFileSync(out, 'utf8'), out)
    expect(study.provenance?.calibration).toEqual({ from: 'user', confirmed: true, notes: [] })
    expect(study.calibration?.x2).toEqual({ px: 1370, py: 760, value: 36 })
    // The calibration given is the user's: the parts to check start with a curve's trace.
    expect(r.stdout).toMatch(/To check in kmpool before use: (Male|Female): the trace;/)
    expect(r.stdout).not.toContain('the axes;')
  })
})

describe('kmpool read, several figures', () => {
  it('reads each figure into DIR/NAME.kmstudy, reports a failed one and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-read-batch-'))
    const missing = join(dir, 'missing.png')
    const r = await run('read', lung('figure.png'), missing, '--out-dir', dir, '--quiet')
    expect(r.code).toBe(1)
    expect(readdirSync(dir)).toEqual(['figure.kmstudy'])
    const study = parseStudyFile(
      readFileSync(join(dir, 'figure.kmstudy'), 'utf8'),
      'figure.kmstudy',
    )
    expect(study.curves.map((c) => c.risk.map((x) => x.nRisk)).sort()).toEqual(
      [FEMALE, MALE].sort(),
    )
    expect(r.stdout).toMatch(/figure\.png\s+ok\s+2 curves/)
    expect(r.stdout).toContain('2 inputs: 1 done, 1 failed; 1 file written.')
    expect(r.stderr).toContain(`kmpool read: ${missing}: cannot read it (no such file)`)
  }, 120_000)

  it('refuses --image together with a list of figures', async () => {
    const r = await run('read', '--image', lung('figure.png'), lung('figure.png'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('not both')
  })
})
