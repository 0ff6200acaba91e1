/**
 * `kmpool reconstruct --json` gives each warning its machine code (with the point or risk-table
 * row it concerns, and for unused censor marks the stretches), and every stretch of marks not used
 * in `marks_not_used`; the text output says the same in words only, without the codes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { reconstructOutput } from '../../src/cli/schemas'

const ROOT = resolve(import.meta.dirname, '../..')
const ex = (f: string) => join(ROOT, 'examples', f)
const dir = mkdtempSync(join(tmpdir(), 'kmpool-reconstruct-warnings-'))
const tmp = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

function run(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  expect(code, stderr).toBe(0)
  return stdout
}

// A curve whose second point lies above the line of its neighbours (a stray click).
const stray = tmp('stray.csv', '0,1\n2,0.9\n4,0.95\n6,0.7\n8,0.5\n10,0.4\n')
// Three marks on the examples' curve, whose risk table implies 282 censorings: too few to use.
const marks = tmp('marks.csv', 'time\n1\n1.5\n2\n')

describe('kmpool reconstruct --json warnings', () => {
  it('give each warning its code and the point it concerns', () => {
    const json = reconstructOutput.parse(
      JSON.parse(run('reconstruct', '--points', stray, '--n', '100', '--json')),
    )
    expect(json.warnings).toEqual([
      {
        code: 'stray-click',
        message: expect.stringMatching(/^point at time 2, survival 0\.9 is out of line/),
        point: 1,
      },
    ])
    // No marks given: nothing to say of them.
    expect(json.marks_not_used).toBeUndefined()
  })

  it('list the censor marks not used, in the warning and in marks_not_used', () => {
    const argv = ['reconstruct', '--points', ex('points.csv'), '--risk', ex('risk.csv')]
    const json = reconstructOutput.parse(JSON.parse(run(...argv, '--censor', marks, '--json')))
    const stretch = { from: 0, to: 21, reason: 'few', marks: 3, censorings: 282 }
    expect(json.marks_not_used).toEqual([stretch])
    const warning = json.warnings.find((w) => w.code === 'marks-not-used')
    expect(warning?.marks).toEqual([stretch])
    expect(warning?.message).toContain('3 marks for the 282 censorings')

    // The text output: the same warning in words, no machine code.
    const text = run(...argv, '--censor', marks)
    expect(text).toContain(`Warnings:\n  ${warning!.message}`)
    expect(text).not.toContain('marks-not-used')
    expect(text).not.toContain('stray-click')
  })
})
