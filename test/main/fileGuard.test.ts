import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { FileChangedError, FileGuard, sha256 } from '../../src/main/fileGuard'

const root = mkdtempSync(join(tmpdir(), 'kmpool-guard-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let path: string
let n = 0
beforeEach(() => {
  path = join(root, `study-${n++}.kmstudy`)
  writeFileSync(path, 'as opened\n')
})

/** Another program rewrites the file, its time moved on as a later write would. */
function changeOnDisk(text: string, secondsLater = 5): void {
  const before = statSync(path).mtime
  writeFileSync(path, text)
  const later = new Date(before.getTime() + secondsLater * 1000)
  utimesSync(path, later, later)
}

describe('FileGuard', () => {
  it('saves over a file nobody changed since it was opened, and again after its own save', async () => {
    const guard = new FileGuard()
    expect((await guard.read(path)).toString()).toBe('as opened\n')
    await guard.save(path, 'first save\n')
    await guard.save(path, 'second save\n')
    expect(readFileSync(path, 'utf8')).toBe('second save\n')
    expect(guard.stampOf(path)).toEqual({
      mtimeMs: statSync(path).mtimeMs,
      size: 12,
      sha256: sha256('second save\n'),
    })
  })

  it('refuses to overwrite a file changed on disk since it was opened, keeping their change', async () => {
    const guard = new FileGuard()
    await guard.read(path)
    changeOnDisk('their edit\n')
    const save = guard.save(path, 'my edit\n')
    await expect(save).rejects.toThrow(FileChangedError)
    await expect(guard.save(path, 'my edit\n')).rejects.toThrow(
      /study-\d+\.kmstudy was changed on disk by another program since kmpool opened or saved it; save under another name to keep both, or overwrite it/,
    )
    expect(readFileSync(path, 'utf8')).toBe('their edit\n')
  })

  it('overwrites a changed file when forced, and guards the file as saved from then on', async () => {
    const guard = new FileGuard()
    await guard.read(path)
    changeOnDisk('their edit\n')
    await guard.save(path, 'my edit\n', { force: true })
    expect(readFileSync(path, 'utf8')).toBe('my edit\n')
    await guard.save(path, 'my next edit\n')
    changeOnDisk('theirs again\n')
    await expect(guard.checkBeforeOverwrite(path)).rejects.toThrow(FileChangedError)
  })

  it('detects a change of the same size and one that keeps the modification time', async () => {
    const guard = new FileGuard()
    await guard.read(path)
    changeOnDisk('AS OPENED\n')
    expect(await guard.isUnchanged(path)).toBe(false)
    const sameTime = new FileGuard()
    await sameTime.read(path)
    const { atime, mtime } = statSync(path)
    writeFileSync(path, 'a longer edit by someone else\n')
    utimesSync(path, atime, mtime)
    expect(await sameTime.isUnchanged(path)).toBe(false)
  })

  it('does not count a file rewritten with the same content as changed', async () => {
    const guard = new FileGuard()
    await guard.read(path)
    changeOnDisk('as opened\n')
    expect(await guard.isUnchanged(path)).toBe(true)
    await guard.save(path, 'mine\n')
  })

  it('sees the save of another kmpool window that had the same file open', async () => {
    const mine = new FileGuard()
    const theirs = new FileGuard()
    await mine.read(path)
    await theirs.read(path)
    // Both windows save within the same second; the sizes differ, so the times cannot hide it.
    await theirs.save(path, 'saved by the other window\n')
    await expect(mine.save(path, 'mine\n')).rejects.toThrow(FileChangedError)
    expect(readFileSync(path, 'utf8')).toBe('saved by the other window\n')
  })

  it('lets a file be saved that it never read, or that was deleted since', async () => {
    const guard = new FileGuard()
    await guard.save(join(root, 'new.kmstudy'), 'new\n')
    await guard.read(path)
    rmSync(path)
    await guard.save(path, 'recreated\n')
    expect(readFileSync(path, 'utf8')).toBe('recreated\n')
  })

  it('forgets a file on request, and keys files by their absolute path', async () => {
    const guard = new FileGuard()
    await guard.read(path)
    expect(guard.stampOf(join(root, '.', path.slice(root.length)))).toBeDefined()
    changeOnDisk('their edit\n')
    guard.forget(path)
    expect(guard.stampOf(path)).toBeUndefined()
    await guard.save(path, 'mine\n')
  })
})
