/**
 * Saving without ever losing the previous file: the new bytes go to a temporary file in the same
 * folder, are flushed to the disk, and only then renamed over the target. A rename within one
 * file system replaces the target in one step, so a save interrupted at any point (an error, a
 * full disk, a crash, a power cut after the flush) leaves either the old file or the new one.
 */
import { randomBytes } from 'node:crypto'
import * as fsp from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'

/**
 * The file operations a save uses. Tests replace some of them to interrupt a save at every step;
 * the app uses Node's.
 */
export interface AtomicWriteFs {
  open: (path: string, flags: string, mode?: number) => Promise<fsp.FileHandle>
  rename: (from: string, to: string) => Promise<void>
  rm: (path: string, options: { force: boolean }) => Promise<void>
  realpath: (path: string) => Promise<string>
  stat: (path: string) => Promise<{ mode: number }>
}

const nodeFs: AtomicWriteFs = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: fsp.rename,
  rm: fsp.rm,
  realpath: (path) => fsp.realpath(path),
  stat: fsp.stat,
}

/** The temporary files of saves that never finished (a crash) start so, beside their target. */
export const TEMP_PREFIX = '.kmpool-'

/** The temporary name for a save of `target`: hidden, unique, in the same folder. */
export function tempPathFor(target: string): string {
  return join(
    dirname(target),
    `${TEMP_PREFIX}${basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  )
}

async function targetOf(path: string, fs: AtomicWriteFs): Promise<string> {
  // Through a symbolic link to the file it names: renaming over the link would replace the link
  // with a file and leave the real file behind unchanged.
  try {
    return await fs.realpath(path)
  } catch {
    return resolve(path)
  }
}

async function modeOf(path: string, fs: AtomicWriteFs): Promise<number | undefined> {
  try {
    return (await fs.stat(path)).mode & 0o7777
  } catch {
    return undefined
  }
}

async function writeAll(handle: fsp.FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, offset)
    // A write that makes no progress would otherwise loop for ever.
    if (bytesWritten <= 0) throw new Error(`the disk took no bytes at offset ${offset}`)
    offset += bytesWritten
  }
}

/** Flushes the folder, so that the rename itself survives a power cut; not possible everywhere. */
async function syncFolder(folder: string, fs: AtomicWriteFs): Promise<void> {
  let handle: fsp.FileHandle | undefined
  try {
    handle = await fs.open(folder, 'r')
    await handle.sync()
  } catch {
    // Windows cannot open a folder, and some file systems refuse to flush one; the rename is
    // still atomic there, only its durability is up to the operating system.
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

/** The size and modification time of a file as written, which the rename keeps. */
export interface WrittenFile {
  size: number
  mtimeMs: number
}

/**
 * Writes `data` to `path` atomically: `path` holds either its previous content or all of `data`,
 * whatever happens during the save. An existing file keeps its permissions. On failure the
 * temporary file is removed and the error (with Node's code, e.g. ENOSPC) is thrown.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  fs: AtomicWriteFs = nodeFs,
): Promise<WrittenFile> {
  const target = await targetOf(path, fs)
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const mode = await modeOf(target, fs)
  const temp = tempPathFor(target)
  let created = false
  let written: WrittenFile
  try {
    // 'wx': never write into a file that already exists, even a stray temporary one.
    const handle = await fs.open(temp, 'wx', mode ?? 0o666)
    created = true
    try {
      // The umask applies to a new file's mode; an existing file's permissions are kept as is.
      if (mode !== undefined) await handle.chmod(mode)
      await writeAll(handle, bytes)
      await handle.sync()
      // Taken before the rename: afterwards another program could already have changed the file.
      const { size, mtimeMs } = await handle.stat()
      written = { size, mtimeMs }
    } finally {
      await handle.close()
    }
    await fs.rename(temp, target)
  } catch (error) {
    if (created) await fs.rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
  await syncFolder(dirname(target), fs)
  return written
}
