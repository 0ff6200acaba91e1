import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { expectAllClose, expectClose } from '../helpers/close'

const ROOT = resolve(import.meta.dirname, '../..')
const ex = (f: string) => join(ROOT, 'examples', f)

interface KmGolden {
  groups: ({
    group: string
    n: number
    events: number
    median: number | null
    median_lower: number | null
    median_upper: number | null
  } & Record<'time' | 'surv' | 'se' | 'lower' | 'upper' | 'n_risk', number[]>)[]
  hr: Record<'hr' | 'lower' | 'upper' | 'p_logrank', number>
}
/** R's survival on examples/ipd.csv, written by `Rscript test/golden/km.R`. */
const golden: KmGolden = JSON.parse(readFileSync(join(ROOT, 'test/golden/km.json'), 'utf8'))

function run(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr }
}

function tmp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-cli-'))
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('kmpool reconstruct', () => {
  it('prints the contract JSON and writes the IPD', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kmpool-')), 'ipd.csv')
    const r = run(
      'reconstruct',
      '--points',
      ex('points.csv'),
      '--risk',
      ex('risk.csv'),
      '--out',
      out,
      '--json',
    )
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['n', 'events', 'censored', 'warnings', 'accuracy', 'risk']),
    )
    expect(Object.keys(json.accuracy)).toEqual(['rmse', 'mae', 'max_abs'])
    expect(json.n).toBe(410)
    expect(json.events + json.censored).toBe(410)
    expect(json.risk[0]).toEqual({ time: 0, published: 410, reconstructed: 410 })
    const ipd = readFileSync(out, 'utf8').trim().split('\n')
    expect(ipd[0]).toBe('time,event')
    expect(ipd.length).toBe(411)
  })

  it('prints a readable report without --json', () => {
    const r = run('reconstruct', '--points', ex('points.csv'), '--risk', ex('risk.csv'))
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Reconstructed 410 patients: \d+ events, \d+ censored/)
    expect(r.stdout).toMatch(/Give --out FILE to write the IPD/)
  })

  it('works from the total N alone and honours --events', () => {
    const r = run(
      'reconstruct',
      '--points',
      ex('points.csv'),
      '--n',
      '410',
      '--events',
      '126',
      '--json',
    )
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).events).toBe(126)
  })

  it('reads a European spreadsheet export', () => {
    const points = tmp('eu.csv', 'Zeit;Überleben\n0;100\n2,5;90\n2,5;80\n6;80\n6;60\n9;60\n')
    const risk = tmp('risk.csv', 'time;n_risk\n0;20\n5;16\n')
    const r = run('reconstruct', '--points', points, '--risk', risk, '--json')
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout).n).toBe(20)
  })

  const failsWith = (pattern: RegExp, ...argv: string[]) => {
    const r = run(...argv)
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(pattern)
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/)
  }

  it('gives one line naming the file and row for bad input, never a stack trace', () => {
    failsWith(
      /nope\.csv: cannot read it \(no such file\)/,
      'reconstruct',
      '--points',
      'nope.csv',
      '--n',
      '5',
    )
    failsWith(
      /bad\.csv, row 3: survival "x" is not a number/,
      'reconstruct',
      '--points',
      tmp('bad.csv', '0,1\n1,0.9\n2,x\n'),
      '--n',
      '5',
    )
    failsWith(
      /pct\.csv, row 1: survival 100 is above 1 but the curve was declared a proportion/,
      'reconstruct',
      '--points',
      tmp('pct.csv', '0,100\n5,80\n'),
      '--n',
      '5',
      '--proportion',
    )
    failsWith(
      /risk\.csv, row 3: 40 of 50 patients \(80.0%\) at risk at time 10/,
      'reconstruct',
      '--points',
      tmp('p.csv', '0,1\n2,1\n2,0.5\n12,0.5\n'),
      '--risk',
      tmp('risk.csv', 'time,n_risk\n0,50\n10,40\n'),
    )
    failsWith(
      /mixed\.csv: mixes decimal commas/,
      'reconstruct',
      '--points',
      tmp('mixed.csv', '0;1\n1,5;0.9\n'),
      '--n',
      '5',
    )
  })

  it('refuses bad flags with a usage message', () => {
    failsWith(/--points is required/, 'reconstruct', '--n', '5')
    failsWith(
      /--n must be a whole number/,
      'reconstruct',
      '--points',
      ex('points.csv'),
      '--n',
      'many',
    )
    failsWith(/give --risk or --n/, 'reconstruct', '--points', ex('points.csv'))
    failsWith(/Unknown option '--bogus'/, 'reconstruct', '--bogus')
  })

  it('has --help', () => {
    const r = run('reconstruct', '--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage: kmpool reconstruct --points P.csv/)
  })
})

describe('kmpool km', () => {
  it('prints per-group summaries, the HR and the log-rank p as the contract says', () => {
    const r = run('km', '--ipd', ex('ipd.csv'), '--times', '6,12', '--group', 'arm', '--json')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.groups.map((g: { group: string }) => g.group)).toEqual(['placebo', 'pembrolizumab'])
    const g = json.groups[1]
    expect(Object.keys(g)).toEqual([
      'group',
      'n',
      'events',
      'median',
      'median_lower',
      'median_upper',
      'at',
    ])
    expect(g.median).toBeNull()
    expect(Object.keys(g.at[0])).toEqual(['time', 'surv', 'se', 'lower', 'upper', 'n_risk'])
    expect(Object.keys(json.hr)).toEqual(
      expect.arrayContaining(['hr', 'lower', 'upper', 'p_logrank']),
    )
    // R's survival on the same file (test/golden/km.R → km.json), relative 1e-8; the log-rank p
    // too, relatively, so a p-value flattened to 0 fails.
    golden.groups.forEach((ref, i) => {
      const mine = json.groups[i]
      expect(mine.group).toBe(ref.group)
      expect([mine.n, mine.events]).toEqual([ref.n, ref.events])
      for (const key of ['median', 'median_lower', 'median_upper'] as const) {
        expectClose(mine[key], ref[key], {}, `${ref.group} ${key}`)
      }
      for (const key of ['time', 'surv', 'se', 'lower', 'upper', 'n_risk'] as const) {
        expectAllClose(
          mine.at.map((row: Record<string, number>) => row[key]),
          ref[key],
          {},
          `${ref.group} ${key}`,
        )
      }
    })
    expect([json.hr.ref, json.hr.other]).toEqual(['placebo', 'pembrolizumab'])
    for (const key of ['hr', 'lower', 'upper', 'p_logrank'] as const) {
      expectClose(json.hr[key], golden.hr[key], {}, `hr.${key}`)
    }
    // The README prints 0.498 (95% CI 0.385–0.645); the trial published 0.49 (0.38–0.64).
    expect(json.hr.hr).toBeGreaterThan(0.38)
    expect(json.hr.hr).toBeLessThan(0.64)
  })

  it('summarises everyone without --group, and names a missing column', () => {
    const r = run('km', '--ipd', ex('ipd.csv'), '--json')
    expect(JSON.parse(r.stdout).groups).toHaveLength(1)
    const bad = run('km', '--ipd', ex('ipd.csv'), '--group', 'study')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/no column "study"/)
  })
})

describe('kmpool', () => {
  it('lists its commands and refuses an unknown one', () => {
    expect(run('--help').stdout).toMatch(/reconstruct/)
    const r = run('frobnicate')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/unknown command "frobnicate"/)
  })
})

describe('an option given twice', () => {
  it('is refused with both values named, not the first dropped (parseArgs keeps the last)', () => {
    const r = run('km', '--ipd', ex('ipd.csv'), '--group', 'arm', '--group', 'study')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /--group is given more than once \("arm", then "study"\): give it once/,
    )
    expect(r.stdout).toBe('')
    // A flag given twice says so too; one given once runs.
    expect(run('km', '--ipd', ex('ipd.csv'), '--json', '--json').code).toBe(2)
    expect(run('km', '--ipd', ex('ipd.csv'), '--group', 'arm').code).toBe(0)
  })
})

describe('bin/kmpool.mjs', () => {
  it('runs as a real process and exits non-zero with one line on bad input', async () => {
    const { spawnSync } = await import('node:child_process')
    const ok = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/kmpool.mjs'), 'km', '--ipd', ex('ipd.csv')],
      {
        encoding: 'utf8',
      },
    )
    expect(ok.status).toBe(0)
    expect(ok.stdout).toMatch(/^all: 616 patients/)
    const bad = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/kmpool.mjs'), 'km', '--ipd', 'missing.csv'],
      {
        encoding: 'utf8',
      },
    )
    expect(bad.status).toBe(1)
    expect(bad.stderr).toBe('kmpool km: missing.csv: cannot read it (no such file)\n')
  })
})
