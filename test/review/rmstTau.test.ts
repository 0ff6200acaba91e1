import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { emptyReview, type ReviewSettings } from '../../src/shared/model/review'
import { formatReviewFile, parseReviewFile } from '../../src/shared/model/reviewFile'
import { parseTable } from '../../src/shared/formats/table'
import { computeReview, ReviewCache } from '../../src/shared/review'
import { loadReviewStudySync } from '../../src/node/reviewFolder'

/** The review's RMST horizon τ (issue 16): a setting of the review file, used by computeReview. */

const dir = resolve(import.meta.dirname, '../../examples/metastasectomy')
const exampleText = readFileSync(join(dir, 'metastasectomy.kmreview'), 'utf8')
const example = parseReviewFile(exampleText, 'metastasectomy.kmreview')
const studies = example.studies.map((e) => ({ ...e, ...loadReviewStudySync(dir, e.path) }))

function withSettings(text: string, patch: Record<string, unknown>): string {
  const json = JSON.parse(text)
  json.settings = { ...json.settings, ...patch }
  return JSON.stringify(json)
}

describe('rmstTau in the review file', () => {
  it('an old file without it loads with the default (null), its other settings unchanged', () => {
    expect(exampleText).not.toContain('rmstTau')
    expect(example.settings.rmstTau).toBeNull()
    const raw = JSON.parse(exampleText).settings
    for (const [key, value] of Object.entries(raw)) {
      expect((example.settings as Record<string, unknown>)[key], key).toEqual(value)
    }
  })

  it('is kept through a save and a load', () => {
    const review = { ...emptyReview('τ'), settings: { ...example.settings, rmstTau: 30.5 } }
    const text = formatReviewFile(review)
    const back = parseReviewFile(text, 'r.kmreview')
    expect(back.settings.rmstTau).toBe(30.5)
    expect(formatReviewFile(back)).toBe(text)
    const cleared = parseReviewFile(withSettings(text, { rmstTau: null }), 'r.kmreview')
    expect(cleared.settings.rmstTau).toBeNull()
  })

  it.each([
    [0, /rmstTau.*must be > 0/],
    [-12, /rmstTau.*must be > 0/],
    [2e6, /rmstTau.*at most 1000000/],
    ['24', /rmstTau/],
  ])('refuses %s with a message naming the setting', (value, message) => {
    expect(() =>
      parseReviewFile(withSettings(exampleText, { rmstTau: value }), 'r.kmreview'),
    ).toThrow(message)
  })
})

describe('computeReview with the review’s τ', () => {
  const run = (patch: Partial<ReviewSettings>, rmstTau?: number) =>
    computeReview(
      { title: example.title, settings: { ...example.settings, ...patch }, studies },
      { rmstTau },
    )
  const methods = (r: ReturnType<typeof run>) =>
    r.methods.paragraphs.find((p) => p.includes('Restricted mean survival time')) ?? ''
  const byDefault = run({})
  const one = byDefault.oneStage!

  it('without it: τ is the shortest last follow-up, so said in the methods', () => {
    expect(one.tauSet).toBe(false)
    expect(one.tau).toBe(one.tauDefault)
    expect(methods(byDefault)).toContain('the shortest last follow-up of any arm')
    expect(methods(byDefault)).not.toContain('set by the reviewer')
  })

  it('with it: every RMST is at that τ, said to be set by the reviewer', () => {
    const tau = Math.round(one.tauDefault / 2)
    const r = run({ rmstTau: tau })
    expect(r.oneStage!.tau).toBe(tau)
    expect(r.oneStage!.tauSet).toBe(true)
    expect(new Set(r.oneStage!.rmst.map((x) => x.tau))).toEqual(new Set([tau]))
    // A shorter horizon gives a smaller area under every arm's curve.
    const arm = (res: typeof r) => res.oneStage!.rmst.find((x) => x.kind === 'arm')!.rmst
    expect(arm(r)).not.toBeNull()
    expect(arm(r)!).toBeLessThan(arm(byDefault)!)
    expect(methods(r)).toContain(`τ = ${tau} `)
    expect(methods(r)).toContain('set by the reviewer')
    expect(r.oneStage!.notes.join(' ')).not.toContain('past the last follow-up')
  })

  it('set to the default value, it is still the reviewer’s', () => {
    const r = run({ rmstTau: one.tauDefault })
    expect(r.oneStage!.tau).toBe(one.tauDefault)
    expect(methods(r)).toContain('set by the reviewer')
  })

  it('past an arm’s follow-up, the extrapolation is flagged', () => {
    const r = run({ rmstTau: one.tauDefault + 12 })
    expect(r.oneStage!.tau).toBe(one.tauDefault + 12)
    expect(r.oneStage!.notes.join(' ')).toContain('past the last follow-up of some arms')
  })

  it('a τ for one call (kmpool review --tau) overrides the setting', () => {
    const r = run({ rmstTau: 6 }, 9)
    expect(r.oneStage!.tau).toBe(9)
    expect(r.oneStage!.tauSet).toBe(true)
  })

  it('a change of τ refits the one-stage section, another setting does not', () => {
    const cache = new ReviewCache()
    const input = { title: example.title, settings: example.settings, studies }
    const first = computeReview(input, { cache })
    const same = computeReview({ ...input, settings: { ...example.settings } }, { cache })
    expect(same.oneStage).toBe(first.oneStage)
    const changed = computeReview(
      { ...input, settings: { ...example.settings, rmstTau: 10 } },
      { cache },
    )
    expect(changed.oneStage).not.toBe(first.oneStage)
    expect(changed.oneStage!.tau).toBe(10)
  })
})

describe('kmpool review --tau', () => {
  const run = (...argv: string[]) => {
    let stderr = ''
    const code = main(argv, { stdout: () => {}, stderr: (x) => (stderr += x) })
    return { code, stderr }
  }

  it('overrides the review’s τ for the run, and the manifest records it', () => {
    const out = mkdtempSync(join(tmpdir(), 'kmpool-tau-'))
    try {
      expect(run('review', dir, '--out', join(out, 'r'), '--tau', '20', '--no-png').code).toBe(0)
      const rmstCsv = parseTable(readFileSync(join(out, 'r', 'rmst.csv'), 'utf8'), 'rmst.csv')
      const col = rmstCsv.header!.indexOf('tau')
      expect(new Set(rmstCsv.rows.map((r) => r[col]))).toEqual(new Set(['20']))
      const manifest = JSON.parse(readFileSync(join(out, 'r', 'manifest.json'), 'utf8'))
      expect(manifest.settings.rmstTau).toBe(20)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })

  it.each(['0', '-3', 'x', '2e6'])('refuses --tau %s with one line', (tau) => {
    const { code, stderr } = run('review', dir, '--out', join(tmpdir(), 'unused'), `--tau=${tau}`)
    expect(code).not.toBe(0)
    expect(stderr.trim().split('\n')[0]).toMatch(/--tau must be a number > 0 and at most 1000000/)
  })
})
