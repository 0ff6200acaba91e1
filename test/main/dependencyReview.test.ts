import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
const work = mkdtempSync(join(tmpdir(), 'kmpool-deps-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}

/** node_modules with every runtime dependency at 1.0.0, and `versions` for some. */
function modules(versions: Record<string, string>): string {
  const dir = mkdtempSync(join(work, 'nm-'))
  for (const name of [...Object.keys(pkg.dependencies), 'electron']) {
    mkdirSync(join(dir, name), { recursive: true })
    const version = versions[name] ?? '1.0.0'
    writeFileSync(join(dir, name, 'package.json'), JSON.stringify({ name, version }))
  }
  return dir
}

function review(list: object, versions: Record<string, string>) {
  const file = join(work, `list-${Math.random()}.json`)
  writeFileSync(file, JSON.stringify(list))
  const run = spawnSync(
    process.execPath,
    ['scripts/dependency-review.mjs', file, modules(versions)],
    { cwd: ROOT, encoding: 'utf8' },
  )
  return { status: run.status, output: run.stdout + run.stderr }
}

const today = new Date().toISOString().slice(0, 10)
const electron = {
  package: 'electron',
  id: 'GHSA-test-0001',
  summary: 'a test advisory',
  vulnerable: { from: '41.0.0', below: '41.10.3' },
  applies: 'yes',
}

describe('the dependency review', () => {
  it('fails on a runtime dependency inside an advisory that applies, naming the fix', () => {
    const r = review({ checked: today, advisories: [electron] }, { electron: '41.7.1' })
    expect(r.status).toBe(1)
    expect(r.output).toMatch(/electron 41\.7\.1: GHSA-test-0001 .*update to 41\.10\.3 or later/)
  })

  it('passes on the fixed version and outside the range', () => {
    expect(review({ checked: today, advisories: [electron] }, { electron: '41.10.3' }).status).toBe(
      0,
    )
    expect(review({ checked: today, advisories: [electron] }, { electron: '40.9.9' }).status).toBe(
      0,
    )
  })

  it('passes on an advisory that does not apply only when it says why, and prints the reason', () => {
    const pdf = { ...electron, package: 'pdfjs-dist', applies: 'no', why: 'needs XFA, off here' }
    const r = review({ checked: today, advisories: [pdf] }, { 'pdfjs-dist': '41.5.0' })
    expect(r.status).toBe(0)
    expect(r.output).toMatch(/does not apply: needs XFA, off here/)
    const unexplained = { ...pdf, why: ' ' }
    expect(
      review({ checked: today, advisories: [unexplained] }, { 'pdfjs-dist': '41.5.0' }).status,
    ).toBe(1)
  })

  it('fails when the list has not been checked for months', () => {
    const r = review({ checked: '2020-01-01', advisories: [] }, {})
    expect(r.status).toBe(1)
    expect(r.output).toMatch(/last checked on 2020-01-01/)
  })

  it('records the pdfjs-dist advisory as needing scripting or XFA, and says so where PDF.js is configured', () => {
    const list = JSON.parse(readFileSync(join(ROOT, 'scripts/advisories.json'), 'utf8')) as {
      advisories: { package: string; applies: string; why?: string }[]
    }
    const pdf = list.advisories.find((a) => a.package === 'pdfjs-dist')
    expect(pdf?.applies).toBe('no')
    expect(pdf?.why).toMatch(/^needs scripting or XFA, both off — see where PDF\.js is configured/)
    const source = readFileSync(join(ROOT, 'src/node/pdf.ts'), 'utf8')
    expect(source).toMatch(/isEvalSupported: false/)
    expect(source).toMatch(/enableXfa: false/)
    expect(source).toMatch(/needs scripting or XFA/)
  })
})
