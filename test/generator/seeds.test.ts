import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BENCH_DEVELOPMENT_SEEDS, DEVELOPMENT, HELD_OUT, inRange } from './seeds'

const ROOT = resolve(import.meta.dirname, '../..')

/** Every TypeScript file under `dir` (relative to the repository), recursively. */
function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sources(path))
    else if (/\.tsx?$/.test(name)) out.push(path)
  }
  return out
}

/** Files that may name held-out seeds: the bench, and the module that defines them. */
const allowed = (path: string) =>
  path.startsWith('test/bench/') ||
  path === 'test/generator/seeds.ts' ||
  path === 'test/generator/seeds.test.ts'

describe('generator seed ranges', () => {
  it('keeps development and held-out seeds apart', () => {
    expect(HELD_OUT.first).toBeGreaterThan(DEVELOPMENT.last)
    expect(HELD_OUT.last - HELD_OUT.first + 1).toBeGreaterThanOrEqual(100)
    for (const seed of BENCH_DEVELOPMENT_SEEDS) {
      expect(inRange(seed, DEVELOPMENT), `bench seed ${seed}`).toBe(true)
    }
    expect(inRange(HELD_OUT.first, DEVELOPMENT)).toBe(false)
    expect(inRange(DEVELOPMENT.last, HELD_OUT)).toBe(false)
  })

  it('finds held-out seeds only in the bench', () => {
    // Any integer literal of the held-out range in a test or tool, however written (100123 or
    // 100_123), or the range itself imported, makes those figures in-sample. A number of that
    // size that is no seed would trip this too: write it otherwise (1e5 + 1).
    const files = [...sources('test'), ...sources('tools')].map((p) =>
      relative(ROOT, join(ROOT, p)),
    )
    expect(files.length).toBeGreaterThan(20)
    const offenders: string[] = []
    for (const path of files.filter((p) => !allowed(p))) {
      const text = readFileSync(join(ROOT, path), 'utf8')
      for (const m of text.matchAll(/(?<![\w.])\d[\d_]*(?![\w.])/g)) {
        const n = Number(m[0].replaceAll('_', ''))
        if (inRange(n, HELD_OUT)) offenders.push(`${path}: ${m[0]}`)
      }
      if (/\bHELD_OUT\b/.test(text)) offenders.push(`${path}: imports HELD_OUT`)
    }
    expect(offenders).toEqual([])
  })

  it('would catch a held-out seed written either way', () => {
    const scan = (text: string) =>
      [...text.matchAll(/(?<![\w.])\d[\d_]*(?![\w.])/g)].filter((m) =>
        inRange(Number(m[0].replaceAll('_', '')), HELD_OUT),
      ).length
    expect(scan(`styledFigureSpec(${HELD_OUT.first + 7}, 'nejm')`)).toBe(1)
    expect(scan(`const seed = ${String(HELD_OUT.last).replace(/(\d{3})$/, '_$1')}`)).toBe(1)
    expect(scan('randomFigureSpec(40); width: 1000.5')).toBe(0)
  })
})
