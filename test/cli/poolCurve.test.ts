/**
 * `kmpool pool --outcome curve`: the pooled survival curve from a table in RISCA's layout or from
 * IPD, against RISCA::survival.summary run by test/golden/risca.R.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { PooledCurveResult } from '../../src/shared/pool'
import { expectAllClose, expectClose } from '../helpers/close'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const risca: any = JSON.parse(
  readFileSync(new URL('../golden/risca.json', import.meta.url), 'utf8'),
)

function run(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr }
}

function tmp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kmpool-curve-')), name)
  writeFileSync(path, text)
  return path
}

function curveJson(path: string, ...extra: string[]): PooledCurveResult {
  const r = run('pool', '--outcome', 'curve', '--input', path, '--json', ...extra)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout)
}

const hepatologyCsv = (percent = false): string => {
  const inp = risca.hepatology.input
  const lines = ['study,time,surv,n_risk']
  inp.study.forEach((s: number, i: number) =>
    lines.push(`${s},${inp.time[i]},${percent ? 100 * inp.surv[i] : inp.surv[i]},${inp.n_risk[i]}`),
  )
  return lines.join('\n') + '\n'
}

describe('kmpool pool --outcome curve', () => {
  it("matches RISCA on its example data (dataHepatology), in RISCA's layout", () => {
    const r = curveJson(tmp('hep.csv', hepatologyCsv()))
    const ref = risca.hepatology
    expectAllClose(
      r.curve.map((p) => p.time),
      ref.time,
      { rel: 0 },
      'time',
    )
    expectAllClose(
      r.curve.map((p) => p.surv),
      ref.surv,
      { rel: 1e-6 },
      'surv',
    )
    // RISCA's limits use z = 1.96, kmpool's 1.959964.
    expectAllClose(
      r.curve.map((p) => p.lower),
      ref.lower,
      { rel: 1e-4 },
      'lower',
    )
    expectAllClose(
      r.curve.map((p) => p.upper),
      ref.upper.map((u: number) => Math.min(1, u)),
      { rel: 1e-4 },
      'upper',
    )
    expectClose(r.median.estimate, ref.median, { rel: 1e-6 }, 'median')
    // The median's CI is simulated (RISCA: 4.47–4.50 to 6.68–6.77 over seeds 1–5).
    expect(r.median.lower!).toBeGreaterThan(4.3)
    expect(r.median.lower!).toBeLessThan(4.65)
    expect(r.median.upper!).toBeGreaterThan(6.5)
    expect(r.median.upper!).toBeLessThan(6.95)
    expect(r.curve[0].k).toBe(27)
    expect(r.notes).toEqual([
      'between-study covariance had 12 negative eigenvalue(s), set to 0 (as RISCA does)',
    ])
  })

  it('reads survival given in percent, saying nothing else changed', () => {
    const a = curveJson(tmp('hep.csv', hepatologyCsv()))
    const b = curveJson(tmp('hep-pct.csv', hepatologyCsv(true)))
    expectAllClose(
      b.curve.map((p) => p.surv),
      a.curve.map((p) => p.surv),
      { rel: 1e-12 },
      'percent',
    )
  })

  it("matches RISCA on the example review's Liver curve", () => {
    const csv = readFileSync(new URL('../golden/risca-example.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('"Liver"'))
      .map((l) => l.split(',').slice(1).join(','))
    const r = curveJson(tmp('liver.csv', ['study,time,surv,n_risk', ...csv].join('\n')))
    const ref = risca.example.find((e: { group: string }) => e.group === 'Liver')
    expectAllClose(
      r.curve.map((p) => p.surv),
      ref.surv,
      { rel: 1e-6 },
      'surv',
    )
    // The figure: RISCA's Liver median is 32.2 months (the plain arcsine gave 42).
    expectClose(r.median.estimate, ref.median, { rel: 1e-6 }, 'median')
  })

  it('pools IPD with a study column on the given times as it pools the same table', () => {
    // Study a: deaths at 1 and 2, a censoring at 3, a death at 4 (S = 0.75, 0.5, 0.5, 0);
    // study b: deaths at 2 and 3 of 5, censorings at 1 and 4.
    const ipd = tmp(
      'ipd.csv',
      'study,time,event\na,1,1\na,2,1\na,3,0\na,4,1\nb,1,0\nb,2,1\nb,3,1\nb,4,0\nb,5,0\n',
    )
    const fromIpd = curveJson(ipd, '--times', '1.5,2.5,3.5')
    // The same on RISCA's layout: S at 1.5, 2.5, 3.5 and the number at risk at each interval's start.
    const table = tmp(
      'table.csv',
      'study,time,surv,n_risk\na,1.5,0.75,4\na,2.5,0.5,3\na,3.5,0.5,2\nb,1.5,1,5\nb,2.5,0.75,4\nb,3.5,0.5,3\n',
    )
    const fromTable = curveJson(table)
    expectAllClose(
      fromIpd.curve.map((p) => p.surv),
      fromTable.curve.map((p) => p.surv),
      { rel: 1e-12 },
      'surv',
    )
    expect(fromIpd.curve.map((p) => p.k)).toEqual([2, 2, 2])
  })

  it('notes a study that skips a time, and says how the grid was chosen for IPD', () => {
    const gap = curveJson(
      tmp(
        'gap.csv',
        'study,time,surv,n_risk\na,1,0.9,10\na,3,0.7,8\nb,1,0.8,20\nb,2,0.7,16\nb,3,0.6,14\n',
      ),
    )
    expect(gap.notes).toContain(
      'a: no row at time 2, so the intervals on either side are not used for this study',
    )
    expect(gap.curve.map((p) => p.k)).toEqual([2, 1, 1])
    const ipd = curveJson(tmp('ipd.csv', 'study,time,event\na,1,1\na,2,0\nb,3,1\nb,4,0\n'))
    expect(ipd.notes[0]).toBe(
      'time grid: 20 equal steps of 0.2 up to 4, the last follow-up time (choose it with --times)',
    )
    expect(ipd.curve).toHaveLength(20)
  })

  it('refuses bad input and flags with one line', () => {
    const fails = (re: RegExp, ...argv: string[]) => {
      const r = run('pool', '--outcome', 'curve', ...argv)
      expect(r.code).not.toBe(0)
      expect(r.stderr).toMatch(re)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
    fails(/no "n_risk" column/, '--input', tmp('a.csv', 'study,time,surv\na,1,0.9\n'))
    fails(
      /row 3: study "a" has a second row at time 1/,
      '--input',
      tmp('b.csv', 'study,time,surv,n_risk\na,1,0.9,10\na,1,0.8,9\n'),
    )
    fails(
      /row 2: survival -0.1 is outside 0 to 1/,
      '--input',
      tmp('c.csv', 'study,time,surv,n_risk\na,1,-0.1,10\n'),
    )
    fails(/--by does not apply to --outcome curve/, '--input', 'x.csv', '--by', 'g')
    fails(/--times must be increasing/, '--input', 'x.csv', '--times', '3,2')
    fails(
      /--times applies to IPD/,
      '--input',
      tmp('d.csv', 'study,time,surv,n_risk\na,1,0.9,10\n'),
      '--times',
      '1,2',
    )
  })

  it('prints a table and the median for people, and documents the form in --help', () => {
    const r = run('pool', '--outcome', 'curve', '--input', tmp('hep.csv', hepatologyCsv()))
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Pooled survival curve \(Combescure et al\. 2014 as RISCA/)
    expect(r.stdout).toMatch(/Median survival: 5\.376 \(95% CI 4\.\d+ to 6\.\d+\)/)
    const help = run('pool', '--help').stdout
    expect(help).toContain('kmpool pool --input F.csv --outcome curve')
    expect(help).toContain('curve: study,time,surv,n_risk')
  })
})
