import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * `npm run golden:check` (scripts/golden-check.mjs) re-runs the R scripts of test/golden; these
 * tests check, without R, that it finds every script there and that each can write where the
 * check reads, so that no golden escapes it.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const SCRIPT = 'scripts/golden-check.mjs'
const GOLDEN = join(ROOT, 'test/golden')

function list(dir?: string): { scripts: string[]; helpers: string[] } {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, SCRIPT), '--list', ...(dir ? ['--dir', dir] : [])],
    { encoding: 'utf8' },
  )
  expect(run.status, run.stderr).toBe(0)
  return JSON.parse(run.stdout)
}

describe('npm run golden:check', () => {
  it('is the package script that runs scripts/golden-check.mjs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(pkg.scripts['golden:check']).toBe(`node ${SCRIPT}`)
  })

  it('covers every R file of test/golden: each is run, or sourced by one that is', () => {
    const rFiles = readdirSync(GOLDEN).filter((f) => f.endsWith('.R'))
    const { scripts, helpers } = list()
    expect([...scripts, ...helpers].sort()).toEqual(rFiles.sort())
    expect(scripts.length).toBeGreaterThan(0)
    expect(helpers).toContain('json.R')
  })

  it('every script run writes into $KMPOOL_GOLDEN_OUT when it is set, not over the committed JSON', () => {
    for (const script of list().scripts) {
      const text = readFileSync(join(GOLDEN, script), 'utf8')
      expect(text, script).toMatch(/Sys\.getenv\("KMPOOL_GOLDEN_OUT", script_dir\)/)
    }
  })

  it('every committed JSON of test/golden has a script of the same name', () => {
    const { scripts } = list()
    for (const json of readdirSync(GOLDEN).filter((f) => f.endsWith('.json')))
      expect(scripts, json).toContain(json.replace(/\.json$/, '.R'))
  })

  it('finds scripts by glob: a new one is checked without editing the check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-golden-list-'))
    writeFileSync(join(dir, 'lib.R'), 'f <- function() 1\n')
    writeFileSync(join(dir, 'a_new_one.R'), 'source(file.path(script_dir, "lib.R"))\n')
    writeFileSync(join(dir, 'notes.txt'), 'not a script\n')
    expect(list(dir)).toEqual({ scripts: ['a_new_one.R'], helpers: ['lib.R'] })
  })
})
