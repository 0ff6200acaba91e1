import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { parseReviewFile } from '../../src/shared/model/reviewFile'
import { computeReview } from '../../src/shared/review'
import { checkXml } from './xml'

const EXAMPLE = resolve(import.meta.dirname, '../../examples/metastasectomy')

function run(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr }
}

const tmp = () => mkdtempSync(join(tmpdir(), 'kmpool-review-'))

/** A copy of the example review to break. */
function exampleCopy(): string {
  const dir = join(tmp(), 'review')
  cpSync(EXAMPLE, dir, { recursive: true })
  return dir
}

function csvRows(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split('\n')
  const names = header.split(',')
  return rows.map((r) => {
    const cells = r.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''))
    return Object.fromEntries(names.map((n, i) => [n, cells[i]]))
  })
}

describe('kmpool review on the example review', () => {
  const out = join(tmp(), 'out')
  const r = run('review', EXAMPLE, '--out', out)

  it('writes every table, figure, the IPD and the methods, and prints a summary', () => {
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const files = readdirSync(out).sort()
    for (const f of [
      'survival_table.csv',
      'median_table.csv',
      'hr_table.csv',
      'exclusions.csv',
      'leave_one_out.csv',
      'egger.csv',
      'ipd.csv',
      'methods.md',
      'pooled_curves.svg',
      'pooled_curves.png',
      'forest_median.svg',
      'forest_median.png',
      'forest_hr.png',
      'funnel_median.svg',
    ]) {
      expect(files).toContain(f)
    }
    for (const t of [12, 24, 36, 48, 60]) {
      expect(files).toContain(`forest_survival_${t}.svg`)
      expect(files).toContain(`forest_survival_${t}.png`)
    }
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false)
    expect(r.stdout).toMatch(/14 studies, 14 pooled \(12 reconstructed, 2 from published numbers\)/)
    expect(r.stdout).toMatch(/^Lung\s+5\s+/m)
    expect(r.stdout).toMatch(new RegExp(`Wrote ${files.length} files to`))
    expect(readFileSync(join(out, 'ipd.csv'), 'utf8').split('\n')[0]).toBe(
      'study,subgroup,arm,time,event',
    )
    expect(readFileSync(join(out, 'methods.md'), 'utf8')).toMatch(
      /quantile estimation method of McGrath et al\. \(2020\)/,
    )
  })

  it('writes PNGs at 300 dpi for the figure’s physical width', () => {
    const svg = readFileSync(join(out, 'pooled_curves.svg'), 'utf8')
    const widthPt = Number(/width="([\d.]+)pt"/.exec(svg)![1])
    const png = readFileSync(join(out, 'pooled_curves.png'))
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(png.readUInt32BE(16)).toBe(Math.round((widthPt / 72) * 300))
    expect(png.subarray(37, 41).toString('latin1')).toBe('pHYs')
    expect(png.readUInt32BE(41)).toBe(Math.round(300 / 0.0254))
  })

  it('writes well-formed SVG', () => {
    for (const f of readdirSync(out).filter((x) => x.endsWith('.svg'))) {
      expect(() => checkXml(readFileSync(join(out, f), 'utf8'))).not.toThrow()
    }
  })

  it('gives the numbers the app computes from the same files', () => {
    const review = parseReviewFile(
      readFileSync(join(EXAMPLE, 'metastasectomy.kmreview'), 'utf8'),
      'r',
    )
    const result = computeReview({
      title: review.title,
      settings: review.settings,
      studies: review.studies.map((e) => ({
        ...e,
        study: parseStudyFile(readFileSync(join(EXAMPLE, e.path), 'utf8'), e.path),
        loadError: null,
      })),
    })
    const rows = csvRows(readFileSync(join(out, 'survival_table.csv'), 'utf8'))
    const overall = rows.find((x) => x.row === 'overall')!
    const last = result.survivalTable.rows.find((r) => r.kind === 'overall')!
    if (last.kind === 'study') throw new Error('no overall row')
    expect(Number(overall.surv_60)).toBe(Number(last.cells[4].surv!.toFixed(4)))
    const median = csvRows(readFileSync(join(out, 'median_table.csv'), 'utf8'))
    const lung = median.find((x) => x.row === 'subgroup' && x.study === 'Lung')!
    const lungRow = result.medianTable!.rows.find(
      (x) => x.kind === 'subgroup' && x.label === 'Lung',
    )!
    expect(Number(lung.median)).toBe(Number(lungRow.value!.toFixed(2)))
  })
})

describe('kmpool review with broken input', () => {
  it('runs without a missing or corrupt study, naming it on one line and in exclusions.csv', () => {
    const dir = exampleCopy()
    rmSync(join(dir, 'studies/albers-2009.kmstudy'))
    writeFileSync(join(dir, 'studies/hallam-2019.kmstudy'), '{"format": "kmpool-study", "ver')
    const out = join(dir, 'out')
    const r = run('review', dir, '--out', out, '--no-png')
    expect(r.code).toBe(0)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toEqual([
      'kmpool review: studies/albers-2009.kmstudy: cannot read it (no such file); the review runs without it',
      expect.stringMatching(
        /^kmpool review: studies\/hallam-2019\.kmstudy: not a kmpool study \(not valid JSON: .*\); the review runs without it$/,
      ),
    ])
    const exclusions = readFileSync(join(out, 'exclusions.csv'), 'utf8')
    expect(exclusions).toMatch(
      /albers-2009,,all analyses,excluded,studies\/albers-2009\.kmstudy: cannot read it/,
    )
    expect(exclusions).toMatch(/hallam-2019,,all analyses,excluded,/)
    expect(readdirSync(out).some((f) => f.endsWith('.png'))).toBe(false)
    expect(r.stdout).toMatch(/14 studies, 12 pooled/)
  })

  it('applies the settings given on the command line', () => {
    const out = join(tmp(), 'dl')
    const r = run(
      'review',
      EXAMPLE,
      '--out',
      out,
      '--method',
      'dl',
      '--hksj',
      '--times',
      '12,36',
      '--no-png',
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/DL with HKSJ/)
    expect(existsSync(join(out, 'forest_survival_36.svg'))).toBe(true)
    expect(existsSync(join(out, 'forest_survival_60.svg'))).toBe(false)
    expect(readFileSync(join(out, 'methods.md'), 'utf8')).toMatch(
      /DerSimonian & Laird 1986.*Hartung & Knapp 2001/s,
    )
  })

  it('stops with one line, never a stack trace, on bad input', () => {
    const empty = tmp()
    const two = tmp()
    writeFileSync(join(two, 'a.kmreview'), '{}')
    writeFileSync(join(two, 'b.kmreview'), '{}')
    const newer = tmp()
    writeFileSync(
      join(newer, 'r.kmreview'),
      JSON.stringify({ format: 'kmpool-review', version: 7, studies: [] }),
    )
    const none = tmp()
    mkdirSync(join(none, 'x'))
    writeFileSync(
      join(none, 'r.kmreview'),
      JSON.stringify({ format: 'kmpool-review', version: 1, studies: [] }),
    )
    const cases: [string[], number, RegExp][] = [
      [['review', EXAMPLE], 2, /--out is required \(see --help\)/],
      [['review', '--out', empty], 2, /give the review folder/],
      [['review', join(empty, 'nope'), '--out', empty], 1, /nope: no such file or folder/],
      [['review', empty, '--out', empty], 1, /no \.kmreview file in this folder/],
      [
        ['review', two, '--out', empty],
        1,
        /2 review files \(a\.kmreview, b\.kmreview\); choose one/,
      ],
      [['review', newer, '--out', empty], 1, /saved by a newer kmpool/],
      [['review', none, '--out', empty], 1, /the review lists no studies/],
      [['review', EXAMPLE, '--out', empty, '--method', 'XY'], 2, /--method must be one of/],
      [['review', EXAMPLE, '--out', empty, '--times', '24,12'], 2, /--times must be increasing/],
      [['review', EXAMPLE, '--out', empty, '--by', 'site'], 2, /--by must be subgroup, design/],
      [['review', EXAMPLE, '--out', empty, '--dpi', '5'], 2, /--dpi must be/],
      [['review', EXAMPLE, '--out', empty, '--bogus'], 2, /Unknown option '--bogus'/],
    ]
    for (const [argv, code, message] of cases) {
      const r = run(...argv)
      expect(r.code).toBe(code)
      expect(r.stderr).toMatch(message)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).not.toMatch(/^\s+at .*:\d+/m)
    }
  })

  it('prints its help', () => {
    const r = run('review', '--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage: kmpool review DIR --out OUTDIR/)
  })
})
