/**
 * Detects that a file was changed on disk by someone else (another copy of kmpool, a sync client,
 * a colleague on a shared drive) since the app opened or last saved it, so that a save does not
 * silently overwrite their work.
 */
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { writeFileAtomic } from '../node/atomicWrite'
import { readBounded } from '../node/boundedRead'

/** What the app knows of a file as it last read or wrote it. */
export interface FileStamp {
  mtimeMs: number
  size: number
  sha256: string
}

export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Why a save was refused; the app offers to save elsewhere or to overwrite (`force`). */
export class FileChangedError extends Error {
  readonly path: string

  constructor(path: string) {
    super(
      `${basename(path)} was changed on disk by another program since kmpool opened or saved it; save under another name to keep both, or overwrite it`,
    )
    this.name = 'FileChangedError'
    this.path = path
  }
}

async function statOrNull(path: string): Promise<{ mtimeMs: number; size: number } | null> {
  try {
    const { mtimeMs, size } = await stat(path)
    return { mtimeMs, size }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
}

/** The stamps of the files this session read or saved, by absolute path. */
export class FileGuard {
  private readonly stamps = new Map<string, FileStamp>()

  /** What the guard remembers of `path`, if anything. */
  stampOf(path: string): FileStamp | undefined {
    return this.stamps.get(resolve(path))
  }

  /**
   * Reads `path` for the app and remembers it as read. Its time is taken before the read: a
   * change during the read then shows as a newer time, and the content decides (see isUnchanged).
   */
  async read(path: string): Promise<Buffer> {
    const { mtimeMs } = await stat(path)
    const bytes = await readBounded(path, 'study')
    const stamp = { mtimeMs, size: bytes.length, sha256: sha256(bytes) }
    this.stamps.set(resolve(path), stamp)
    return bytes
  }

  /**
   * Takes over what an earlier session knew of `path` (an autosaved copy recovered after a crash),
   * so that a change made to the file since then is still caught before it is overwritten.
   */
  adopt(path: string, stamp: FileStamp): void {
    this.stamps.set(resolve(path), stamp)
  }

  forget(path: string): void {
    this.stamps.delete(resolve(path))
  }

  /**
   * Whether `path` still holds what the app last read or wrote there. A file the app never saw,
   * or one deleted since, has nothing to lose. The same size and modification time are taken as
   * the same file; otherwise the content decides, so a file merely touched (a sync client
   * restoring it) does not count as changed.
   */
  async isUnchanged(path: string): Promise<boolean> {
    const stamp = this.stampOf(path)
    if (stamp === undefined) return true
    const now = await statOrNull(path)
    if (now === null) return true
    if (now.size === stamp.size && now.mtimeMs === stamp.mtimeMs) return true
    return now.size === stamp.size && sha256(await readBounded(path, 'study')) === stamp.sha256
  }

  /** Throws a FileChangedError when `path` changed on disk since the app saw it, unless forced. */
  async checkBeforeOverwrite(path: string, options: { force?: boolean } = {}): Promise<void> {
    if (options.force) return
    if (!(await this.isUnchanged(path))) throw new FileChangedError(resolve(path))
  }

  /**
   * Saves `data` to `path` atomically (see atomicWrite.ts) after checking that nobody changed it
   * since the app read or saved it, unless `force`; then remembers what it wrote.
   */
  async save(
    path: string,
    data: string | Uint8Array,
    options: { force?: boolean } = {},
  ): Promise<FileStamp> {
    await this.checkBeforeOverwrite(path, options)
    const { mtimeMs, size } = await writeFileAtomic(path, data)
    const stamp = { mtimeMs, size, sha256: sha256(data) }
    this.stamps.set(resolve(path), stamp)
    return stamp
  }
}
