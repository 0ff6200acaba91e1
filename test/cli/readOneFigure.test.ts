import { mkdtempSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mainAsync } from '../../src/cli/main'

// V8's flags recorded, not set: a flag set here would stay set for every later test.
vi.mock('node:v8', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:v8')>()),
  setFlagsFromString: vi.fn(),
}))

/**
 * `kmpool read --image` reads one figure and ends, so it tunes V8 for a short life (read.ts: no
 * inlining for the optimising compiler; ocr.ts: WebAssembly compiled once, quickly); a batch reads
 * many figures and keeps V8 as it is. The lung case of shared/cases, read with the real engine.
 */
const lung = join(resolve(import.meta.dirname, '../../../shared'), 'cases/lung/figure.png')

async function run(...argv: string[]) {
  const code = await mainAsync(argv, { stdout: () => {}, stderr: () => {} })
  return { code, flags: vi.mocked(setFlagsFromString).mock.calls.map((c) => c[0]) }
}

describe('kmpool read: V8 tuned for one figure only', () => {
  beforeEach(() => vi.mocked(setFlagsFromString).mockClear())

  it('reads one figure (--image) without inlining and with WebAssembly compiled once', async () => {
    const r = await run('read', '--image', lung, '--json')
    expect(r.code).toBe(0)
    expect(r.flags).toContain('--no-turbo-inlining')
    expect(r.flags).toContain('--liftoff-only')
  })

  it('leaves V8 as it is for a batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-read-flags-'))
    const r = await run('read', lung, '--out-dir', dir, '--quiet')
    expect(r.code).toBe(0)
    expect(r.flags).toEqual([])
  })
})
