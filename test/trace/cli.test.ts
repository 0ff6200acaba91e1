import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { readCensorFile } from '../../src/shared/formats/censorFile'
import { reconstruct } from '../../src/shared/reconstruct'
import { figureSpec } from '../generator/figureSpec'
import { renderKmFigure } from '../generator/kmFigure'

function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr }
}

describe('kmpool trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-trace-'))
  const fig = renderKmFigure(figureSpec({}, { censor: 'tick', markSize: 6 }))
  const image = join(dir, 'figure.png')
  const cal = join(dir, 'calibration.json')
  writeFileSync(image, fig.file)
  writeFileSync(cal, JSON.stringify(fig.calibration))

  it('writes points and censor marks that kmpool reconstruct reads', () => {
    const points = join(dir, 'points.csv')
    const censor = join(dir, 'censor.csv')
    const risk = join(dir, 'risk.csv')
    writeFileSync(
      risk,
      `time,n_risk\n${fig.arms[0].risk.map((r) => `${r.time},${r.nRisk}`).join('\n')}\n`,
    )
    const r = run([
      'trace',
      '--image',
      image,
      '--calibration',
      cal,
      '--color',
      fig.arms[0].color,
      '--out',
      points,
      '--censor-out',
      censor,
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(readFileSync(points, 'utf8').startsWith('time,surv\n0,1\n')).toBe(true)
    expect(readCensorFile(readFileSync(censor, 'utf8'), 'censor.csv').times.length).toBeGreaterThan(
      0,
    )
    const rec = run([
      'reconstruct',
      '--points',
      points,
      '--risk',
      risk,
      '--censor',
      censor,
      '--json',
    ])
    expect(rec.code).toBe(0)
    expect(JSON.parse(rec.stdout).n).toBe(fig.arms[0].ipd.length)
  })

  it('traces every curve with --color auto and prints JSON', () => {
    const r = run(['trace', '--image', image, '--calibration', cal, '--color', 'auto', '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.curves).toHaveLength(2)
    for (const c of json.curves) {
      expect(c.points[0]).toMatchObject({ time: 0, surv: 1 })
      expect(c.line_width).toBeGreaterThan(1)
    }
  })

  it('traces every colour of a --color given once for each, as of one comma-separated', () => {
    const [a, b] = fig.arms.map((arm) => arm.color)
    const base = ['trace', '--image', image, '--calibration', cal, '--json']
    const again = run([...base, '--color', a, '--color', b])
    const comma = run([...base, '--color', `${a},${b}`])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).curves.map((c: { color: string }) => c.color)).toEqual([
      a.toLowerCase(),
      b.toLowerCase(),
    ])
    expect(again.stdout).toBe(comma.stdout)
  })

  it('writes the curves traced when a colour given is not, says which, and exits with 1', () => {
    const points = join(dir, 'given.csv')
    const blue = fig.arms[0].color
    const args = ['trace', '--image', image, '--calibration', cal, '--color', `${blue},#2ca02c`]
    const r = run([...args, '--out', points])
    expect(r.code).toBe(1)
    // The one curve traced keeps the file name it has when both are (FILE's stem + _rrggbb).
    expect(readFileSync(join(dir, `given_${blue.slice(1)}.csv`), 'utf8')).toMatch(
      /^time,surv\n0,1\n/,
    )
    expect(r.stdout).toMatch(
      /Warnings:\n {2}the curve of colour #2ca02c could not be traced: no pixels/,
    )
    expect(r.stderr).toBe(
      `kmpool trace: ${image}: 1 of the 2 colours given could not be traced (#2ca02c; see the warnings); the other curve was traced\n`,
    )
    const json = run([...args, '--json'])
    expect(json.code).toBe(1)
    const out = JSON.parse(json.stdout)
    expect(out.curves.map((c: { color: string }) => c.color)).toEqual([blue])
    expect(out.warnings.filter((w: { code: string }) => w.code === 'curve-not-traced')).toEqual([
      expect.objectContaining({ color: '#2ca02c' }),
    ])
    // None traced: the figure is refused in one line, each reason once, nothing written.
    const none = run([...args.slice(0, -1), '#2ca02c,#00ff00'])
    expect(none.code).toBe(1)
    expect(none.stdout).toBe('')
    expect(none.stderr).toMatch(
      /no (pixels|curve) of colour #2ca02c .*; no pixels of colour #00ff00 /,
    )
    expect(none.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('fails with one line naming the problem', () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(
      bad,
      JSON.stringify({ ...fig.calibration, x2: { ...fig.calibration.x2, value: 0 } }),
    )
    const cases: [string[], RegExp][] = [
      [
        ['--image', image, '--calibration', bad, '--color', '#1f77b4'],
        /bad\.json: calibration: the two x-axis points have the same value/,
      ],
      [
        ['--image', image, '--calibration', cal, '--color', 'blueish'],
        /--color: "blueish" is not a colour/,
      ],
      [
        ['--image', image, '--calibration', cal, '--color', '#00ff00'],
        /figure\.png: no (pixels|curve) of colour #00ff00/,
      ],
      [
        ['--image', join(dir, 'none.png'), '--calibration', cal, '--color', '#1f77b4'],
        /none\.png: cannot read it \(no such file\)/,
      ],
      [
        ['--image', cal, '--calibration', cal, '--color', '#1f77b4'],
        /calibration\.json: not a PNG, JPEG, WebP, BMP or GIF image/,
      ],
      [['--image', image, '--color', '#1f77b4'], /--calibration is required/],
    ]
    for (const [args, message] of cases) {
      const r = run(['trace', ...args])
      expect(r.code).not.toBe(0)
      expect(r.stderr).toMatch(message)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
  })
})

describe('censor marks in reconstruction', () => {
  const points = [
    { time: 0, surv: 1 },
    { time: 2, surv: 1 },
    { time: 2, surv: 0.9 },
    { time: 8, surv: 0.9 },
    { time: 8, surv: 0.75 },
    { time: 14, surv: 0.75 },
  ]
  const risk = [
    { time: 0, nRisk: 10 },
    { time: 10, nRisk: 6 },
  ]

  // The risk table implies two censorings before time 10.
  const censoredBefore10 = (censorTimes: number[]) =>
    reconstruct({ points, risk, censorTimes })
      .ipd.filter((x) => x.event === 0 && x.time < 10)
      .map((x) => x.time)

  // Without marks they are spread evenly, at 4 and 6.
  it('puts the censorings at the marks when their numbers agree', () => {
    expect(censoredBefore10([])).toEqual([4, 6])
    expect(censoredBefore10([3, 7.5])).toEqual([3, 7.5])
  })

  it('thins the marks evenly when they outnumber the censorings', () => {
    expect(censoredBefore10([1, 3, 5, 7, 9])).toEqual([3, 7])
  })

  it('does not use marks that are too few (some were missed), and records where', () => {
    // One mark for two censorings: placing one there and the other evenly was worse than no
    // marks on the bench's figures (usableMarks.ts); the interval is reconstructed as without.
    expect(censoredBefore10([1])).toEqual([4, 6])
    const r = reconstruct({ points, risk, censorTimes: [1, 12] })
    // Issue 10: missed marks alone leave the usual reconstruction there, nothing for a reviewer
    // to check; a warning for them fired on 9 arms in 10 of the development figures and so said
    // nothing. They are recorded in the report's JSON, not warned.
    expect(r.report.warnings).toEqual([])
    expect(r.report.marksNotUsed).toEqual([
      { from: 0, to: 10, reason: 'missed', marks: 1, censorings: 2 },
    ])
    // The mark after the last risk time accounts for the one censoring there: used.
    expect(
      r.ipd.filter((x) => x.event === 0 && x.time > 10 && x.time < 14).map((x) => x.time),
    ).toEqual([12])
    expect(
      reconstruct({ points, risk, censorTimes: [11] }).ipd.some(
        (x) => x.event === 0 && x.time === 11,
      ),
    ).toBe(true)
  })

  it('reads a censor file with or without a header', () => {
    expect(readCensorFile('time\n2.5\n1\n', 'c.csv').times).toEqual([1, 2.5])
    expect(readCensorFile('3\n', 'c.csv').times).toEqual([3])
    expect(() => readCensorFile('time\n-1\n', 'c.csv')).toThrow('c.csv, row 2: time -1 is negative')
  })
})
