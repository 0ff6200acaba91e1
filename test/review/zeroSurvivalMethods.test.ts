/**
 * The methods text names the zero-survival rule that was applied (issue 11): on the example
 * review, whose Lindqvist 2010 and Moreau 2015 curves reach 0% with nobody left at risk before 48
 * months, 'followed' says the patients actually followed were counted, 'exclude' says those
 * studies were left out at that time (the continuity sentence then no longer claims a count).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'

const ROOT = resolve(import.meta.dirname, '../..')

function methodsWith(zeroSurvival: 'followed' | 'exclude'): string {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-zero-'))
  cpSync(join(ROOT, 'examples/metastasectomy'), join(dir, 'm'), { recursive: true })
  const file = join(dir, 'm/metastasectomy.kmreview')
  const review = JSON.parse(readFileSync(file, 'utf8'))
  review.settings.zeroSurvival = zeroSurvival
  writeFileSync(file, JSON.stringify(review))
  let err = ''
  const code = main(['review', join(dir, 'm'), '--out', join(dir, 'out')], {
    stdout: () => {},
    stderr: (s) => (err += s),
  })
  expect(code, err).toBe(0)
  return readFileSync(join(dir, 'out/methods.md'), 'utf8')
}

describe('methods text and the zero-survival rule', () => {
  it('followed: the patients at risk before the curve reached 0 were counted', () => {
    const text = methodsWith('followed')
    expect(text).toMatch(/the patients at risk just before it did \(those actually followed\)/)
    expect(text).not.toMatch(/left out of the pooled survival at that time rather than corrected/)
  })
  it('exclude: the studies were left out at that time, and nothing claims a count', () => {
    const text = methodsWith('exclude')
    expect(text).toMatch(
      /A study whose survival had reached 0% with nobody left at risk was left out of the pooled survival at that time rather than corrected/,
    )
    expect(text).not.toMatch(/those actually followed/)
  })
}, 120_000)
