import { execFileSync } from 'node:child_process'
import * as fsp from 'node:fs/promises'
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
  mkdirSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { type AtomicWriteFs, TEMP_PREFIX, writeFileAtomic } from '../../src/main/atomicWrite'

const root = mkdtempSync(join(tmpdir(), 'kmpool-atomic-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let dir: string
let target: string
let n = 0
beforeEach(() => {
  dir = join(root, `case-${n++}`)
  mkdirSync(dir)
  target = join(dir, 'study.kmstudy')
})

const OLD = Buffer.from(`${JSON.stringify({ format: 'kmpool-study', version: 1, notes: 'old' })}\n`)
const NEW = Buffer.from(
  Array.from({ length: 60 }, (_, i) => `line ${i}: ${'é✓'.repeat(i % 7)}\n`).join(''),
)

class Interrupted extends Error {}

/** `handle` with its method `name` replaced by `fn`, every other member as it is. */
function intercept(handle: fsp.FileHandle, name: string, fn: unknown): fsp.FileHandle {
  return new Proxy(handle, {
    get: (h, key) => {
      if (key === name) return fn
      const value: unknown = Reflect.get(h, key, h)
      return typeof value === 'function' ? value.bind(h) : value
    },
  })
}

const realFs: AtomicWriteFs = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: fsp.rename,
  rm: fsp.rm,
  realpath: (path) => fsp.realpath(path),
  stat: fsp.stat,
}

/**
 * The real file system, but a file opened for a save takes at most `budget` bytes in all (in
 * writes of at most `chunk` bytes, as a busy disk answers) and then fails.
 */
function failingAfter(budget: number, chunk = Infinity): AtomicWriteFs {
  return {
    ...realFs,
    open: async (path, flags, mode) => {
      const handle = await fsp.open(path, flags, mode)
      let left = budget
      const write = async (
        bytes: Uint8Array,
        offset: number,
        length: number,
        position: number,
      ): Promise<{ bytesWritten: number }> => {
        if (left <= 0) throw new Interrupted(`interrupted after ${budget} bytes`)
        const take = Math.min(length, left, chunk)
        left -= take
        return handle.write(bytes, offset, take, position)
      }
      return intercept(handle, 'write', write)
    },
  }
}

function leftovers(): string[] {
  return readdirSync(dir).filter((f) => f.startsWith(TEMP_PREFIX))
}

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an old one', async () => {
    await writeFileAtomic(target, 'first')
    expect(readFileSync(target, 'utf8')).toBe('first')
    await writeFileAtomic(target, NEW)
    expect(readFileSync(target)).toEqual(NEW)
    expect(leftovers()).toEqual([])
  })

  it('leaves the previous file byte-identical when the save fails after any number of bytes', async () => {
    writeFileSync(target, OLD)
    for (let k = 0; k < NEW.length; k++) {
      await expect(writeFileAtomic(target, NEW, failingAfter(k))).rejects.toThrow(Interrupted)
      expect(readFileSync(target)).toEqual(OLD)
      expect(leftovers()).toEqual([])
    }
    await writeFileAtomic(target, NEW, failingAfter(NEW.length))
    expect(readFileSync(target)).toEqual(NEW)
  })

  it('creates nothing when the save of a new file fails after any number of bytes', async () => {
    for (let k = 0; k < NEW.length; k += 7) {
      await expect(writeFileAtomic(target, NEW, failingAfter(k))).rejects.toThrow(Interrupted)
      expect(readdirSync(dir)).toEqual([])
    }
  })

  it('keeps the old file or writes all of the new one, however the disk splits the writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.uint8Array({ maxLength: 3000 }),
        fc.nat(3100),
        fc.integer({ min: 1, max: 700 }),
        async (before, after, budget, chunk) => {
          writeFileSync(target, before)
          const result = await writeFileAtomic(target, after, failingAfter(budget, chunk)).then(
            () => 'written',
            (e: unknown) => {
              if (!(e instanceof Interrupted)) throw e
              return 'interrupted'
            },
          )
          const now = readFileSync(target)
          if (result === 'written') expect(Buffer.compare(now, Buffer.from(after))).toBe(0)
          else expect(Buffer.compare(now, Buffer.from(before))).toBe(0)
          expect(leftovers()).toEqual([])
        },
      ),
      { seed: 7, numRuns: 150 },
    )
  })

  it.each([
    ['the flush', 'sync'],
    ['reading the written size', 'stat'],
    ['closing the file', 'close'],
    ['setting its permissions', 'chmod'],
  ])('leaves the old file when %s fails', async (_what, method) => {
    writeFileSync(target, OLD)
    const fs: AtomicWriteFs = {
      ...realFs,
      open: async (path, flags, mode) => {
        const handle = await fsp.open(path, flags, mode)
        return intercept(handle, method, async () => {
          if (method === 'close') await handle.close()
          throw Object.assign(new Error(`${method} failed`), { code: 'EIO' })
        })
      },
    }
    await expect(writeFileAtomic(target, NEW, fs)).rejects.toThrow(`${method} failed`)
    expect(readFileSync(target)).toEqual(OLD)
    expect(leftovers()).toEqual([])
  })

  it('leaves the old file when the rename fails, and when the temporary file cannot be made', async () => {
    writeFileSync(target, OLD)
    const noRename = {
      ...realFs,
      rename: async () => {
        throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' })
      },
    }
    await expect(writeFileAtomic(target, NEW, noRename)).rejects.toThrow(/EXDEV/)
    const noOpen = {
      ...realFs,
      open: async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
      },
    }
    await expect(writeFileAtomic(target, NEW, noOpen)).rejects.toThrow(/EACCES/)
    expect(readFileSync(target)).toEqual(OLD)
    expect(leftovers()).toEqual([])
  })

  it.each([
    ['between the flush and the rename', 'rename', -1],
    ['in the middle of writing', 'write', 100],
  ])(
    'leaves the old file when the process is killed %s',
    async (_when, at, bytes) => {
      writeFileSync(target, OLD)
      const module = new URL('../../src/main/atomicWrite.ts', import.meta.url).pathname
      // A real crash: the child is killed by the system, so no cleanup code runs in it.
      const script = `
        import * as fsp from 'node:fs/promises'
        import { writeFileAtomic } from ${JSON.stringify(module)}
        const kill = () => process.kill(process.pid, 'SIGKILL')
        const fs = {
          open: async (p, f, m) => {
            const h = await fsp.open(p, f, m)
            let left = ${bytes}
            return new Proxy(h, { get: (t, k) => k === 'write' && ${JSON.stringify(at)} === 'write'
              ? async (b, o, l, pos) => { if (left <= 0) kill(); const r = await t.write(b, o, Math.min(l, left), pos); left -= r.bytesWritten; return r }
              : Reflect.get(t, k, t)?.bind?.(t) })
          },
          rename: async (a, b) => (${JSON.stringify(at)} === 'rename' ? kill() : fsp.rename(a, b)),
          rm: fsp.rm, realpath: (p) => fsp.realpath(p), stat: fsp.stat,
        }
        await writeFileAtomic(${JSON.stringify(target)}, process.argv[2].repeat(50), fs)
      `
      const child = join(dir, 'child.mts')
      writeFileSync(child, script)
      expect(() =>
        execFileSync(process.execPath, ['--import', 'tsx', child, 'new content '], {
          stdio: 'pipe',
        }),
      ).toThrow()
      rmSync(child)
      expect(readFileSync(target)).toEqual(OLD)
      // The crash leaves its temporary file; it never replaces the target, and the next save works.
      expect(leftovers()).toHaveLength(1)
      await writeFileAtomic(target, NEW)
      expect(readFileSync(target)).toEqual(NEW)
    },
    30_000,
  )

  it('keeps the permissions of the file it replaces', async () => {
    writeFileSync(target, OLD)
    chmodSync(target, 0o600)
    await writeFileAtomic(target, NEW)
    expect(statSync(target).mode & 0o777).toBe(0o600)
    chmodSync(target, 0o640)
    await writeFileAtomic(target, OLD)
    expect(statSync(target).mode & 0o777).toBe(0o640)
  })

  it('writes through a symbolic link to the file it names, keeping the link', async () => {
    const real = join(dir, 'real.kmstudy')
    writeFileSync(real, OLD)
    symlinkSync(real, target)
    await writeFileAtomic(target, NEW)
    expect(lstatSync(target).isSymbolicLink()).toBe(true)
    expect(readFileSync(real)).toEqual(NEW)
  })

  it('ends concurrent saves of one file with one of them whole', async () => {
    writeFileSync(target, OLD)
    const versions = Array.from({ length: 8 }, (_, i) => Buffer.from(`${i}`.repeat(5000 + i)))
    await Promise.all(versions.map((v) => writeFileAtomic(target, v)))
    const now = readFileSync(target)
    expect(versions.some((v) => v.equals(now))).toBe(true)
    expect(leftovers()).toEqual([])
  })

  it('reports the size and time of what it wrote', async () => {
    const written = await writeFileAtomic(target, NEW)
    const { size, mtimeMs } = statSync(target)
    expect(written).toEqual({ size, mtimeMs })
    expect(size).toBe(NEW.length)
  })

  it('refuses a target in a folder that does not exist, leaving nothing behind', async () => {
    await expect(writeFileAtomic(join(dir, 'absent', 'x.kmstudy'), NEW)).rejects.toThrow(/ENOENT/)
    expect(readdirSync(dir)).toEqual([])
  })
})
