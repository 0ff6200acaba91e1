import { execFileSync } from 'node:child_process'
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
import {
  type AtomicWriteFs,
  nodeFs,
  TEMP_PREFIX,
  writeFileAtomic,
  writeFileAtomicSync,
} from '../../src/node/atomicWrite'
import { FileRefused } from '../../src/node/fileRefused'

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

const realFs: AtomicWriteFs = nodeFs

/**
 * The real file system, but a file opened for a save takes at most `budget` bytes in all (in
 * writes of at most `chunk` bytes, as a busy disk answers) and then fails.
 */
function failingAfter(budget: number, chunk = Infinity): AtomicWriteFs {
  let left = budget
  return {
    ...realFs,
    write: (fd, bytes, offset, length) => {
      if (left <= 0) throw new Interrupted(`interrupted after ${budget} bytes`)
      const take = Math.min(length, left, chunk)
      left -= take
      return realFs.write(fd, bytes, offset, take)
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
      await expect(writeFileAtomic(target, NEW, { fs: failingAfter(k) })).rejects.toThrow(
        Interrupted,
      )
      expect(readFileSync(target)).toEqual(OLD)
      expect(leftovers()).toEqual([])
    }
    await writeFileAtomic(target, NEW, { fs: failingAfter(NEW.length) })
    expect(readFileSync(target)).toEqual(NEW)
  })

  it('creates nothing when the save of a new file fails after any number of bytes', async () => {
    for (let k = 0; k < NEW.length; k += 7) {
      await expect(writeFileAtomic(target, NEW, { fs: failingAfter(k) })).rejects.toThrow(
        Interrupted,
      )
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
          const result = await writeFileAtomic(target, after, {
            fs: failingAfter(budget, chunk),
          }).then(
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
    ['the flush', 'fsync'],
    ['reading the written size', 'fstat'],
    ['closing the file', 'close'],
    ['setting its permissions', 'fchmod'],
  ] as const)('leaves the old file when %s fails', async (_what, method) => {
    writeFileSync(target, OLD)
    const fs: AtomicWriteFs = {
      ...realFs,
      [method]: (fd: number) => {
        if (method === 'close') realFs.close(fd)
        throw Object.assign(new Error(`${method} failed`), { code: 'EIO' })
      },
    }
    await expect(writeFileAtomic(target, NEW, { fs })).rejects.toThrow(`${method} failed`)
    expect(readFileSync(target)).toEqual(OLD)
    expect(leftovers()).toEqual([])
  })

  it('leaves the old file when the rename fails, and when the temporary file cannot be made', async () => {
    writeFileSync(target, OLD)
    const noRename: AtomicWriteFs = {
      ...realFs,
      rename: () => {
        throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' })
      },
    }
    await expect(writeFileAtomic(target, NEW, { fs: noRename })).rejects.toThrow(/EXDEV/)
    const noOpen: AtomicWriteFs = {
      ...realFs,
      open: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
      },
    }
    await expect(writeFileAtomic(target, NEW, { fs: noOpen })).rejects.toThrow(/EACCES/)
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
      const module = new URL('../../src/node/atomicWrite.ts', import.meta.url).pathname
      // A real crash: the child is killed by the system, so no cleanup code runs in it.
      const script = `
        import { nodeFs, writeFileAtomicSync } from ${JSON.stringify(module)}
        const kill = () => process.kill(process.pid, 'SIGKILL')
        let left = ${bytes}
        const fs = {
          ...nodeFs,
          write: (fd, b, o, l) => {
            if (${JSON.stringify(at)} !== 'write') return nodeFs.write(fd, b, o, l)
            if (left <= 0) kill()
            const n = nodeFs.write(fd, b, o, Math.min(l, left))
            left -= n
            return n
          },
          rename: (a, b) => (${JSON.stringify(at)} === 'rename' ? kill() : nodeFs.rename(a, b)),
        }
        writeFileAtomicSync(${JSON.stringify(target)}, process.argv[2].repeat(50), { fs })
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

  it('refuses to write over a file it was given as an input, by any path or link', () => {
    writeFileSync(target, OLD)
    const link = join(dir, 'link.kmstudy')
    symlinkSync(target, link)
    expect(() => writeFileAtomicSync(link, NEW, { inputs: [target] })).toThrow(
      /link\.kmstudy: is one of the files being read/,
    )
    expect(() => writeFileAtomicSync(target, NEW, { inputs: [link] })).toThrow(FileRefused)
    expect(readFileSync(target)).toEqual(OLD)
    writeFileAtomicSync(target, NEW, { inputs: [join(dir, 'other.csv')] })
    expect(readFileSync(target)).toEqual(NEW)
  })

  it('refuses a target that is a folder or a device, writing nothing', () => {
    expect(() => writeFileAtomicSync(dir, NEW)).toThrow(/is a folder; kmpool writes only files/)
    expect(() => writeFileAtomicSync('/dev/null', NEW)).toThrow(/is not a regular file/)
    expect(leftovers()).toEqual([])
  })

  it('creates its temporary file exclusively, never through a file or link already there', () => {
    const fs: AtomicWriteFs = {
      ...realFs,
      open: (path, flags, mode) => {
        expect(flags).toBe('wx')
        // Someone put a link where the temporary file goes: the open must fail, not follow it.
        symlinkSync(join(dir, 'elsewhere'), path)
        return realFs.open(path, flags, mode)
      },
      unlink: () => undefined,
    }
    expect(() => writeFileAtomicSync(target, NEW, { fs })).toThrow(/EEXIST/)
    expect(readdirSync(dir)).not.toContain('elsewhere')
  })

  it('refuses a target in a folder that does not exist, leaving nothing behind', async () => {
    await expect(writeFileAtomic(join(dir, 'absent', 'x.kmstudy'), NEW)).rejects.toThrow(/ENOENT/)
    expect(readdirSync(dir)).toEqual([])
  })
})
