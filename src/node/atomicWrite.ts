/**
 * The one way kmpool writes a file, in the app and in the CLI: the new bytes go to a temporary
 * file in the same folder, created exclusively under a random name, flushed to the disk, and only
 * then renamed over the target; the folder is flushed after the rename. A rename within one file
 * system replaces the target in one step, so a write interrupted at any point (an error, a full
 * disk, a crash, a power cut after the flush) leaves either the old file or the new one, and a
 * failed write removes its temporary file.
 *
 * - An existing file keeps its permissions (0600 stays 0600).
 * - A symbolic link is written through: the file it names gets the new bytes and the link stays
 *   (renaming over the link would replace it with a file and leave the real file unchanged).
 * - Only a regular file is replaced: a folder, a device or a pipe at the target is refused.
 * - A target that is one of `inputs` (the same file, by device and inode, whatever the path) is
 *   refused, so that a command never overwrites what it is reading.
 *
 * It is synchronous so that the CLI's synchronous commands and the app's main process share one
 * implementation; the app's writes are study files, tables and figures of a few megabytes.
 */
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { FileRefused, ioReason, shownPath } from './fileRefused'

/** The file operations a write uses; tests replace some of them to interrupt it at every step. */
export interface AtomicWriteFs {
  open: (path: string, flags: string, mode?: number) => number
  write: (fd: number, bytes: Uint8Array, offset: number, length: number) => number
  fsync: (fd: number) => void
  fchmod: (fd: number, mode: number) => void
  fstat: (fd: number) => { size: number; mtimeMs: number }
  close: (fd: number) => void
  rename: (from: string, to: string) => void
  unlink: (path: string) => void
  realpath: (path: string) => string
  stat: (path: string) => fs.Stats
}

export const nodeFs: AtomicWriteFs = {
  open: (path, flags, mode) => fs.openSync(path, flags, mode),
  write: (fd, bytes, offset, length) => fs.writeSync(fd, bytes, offset, length),
  fsync: (fd) => fs.fsyncSync(fd),
  fchmod: (fd, mode) => fs.fchmodSync(fd, mode),
  fstat: (fd) => fs.fstatSync(fd),
  close: (fd) => fs.closeSync(fd),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (path) => fs.rmSync(path, { force: true }),
  realpath: (path) => fs.realpathSync(path),
  stat: (path) => fs.statSync(path),
}

/** The temporary files of writes that never finished (a crash) start so, beside their target. */
export const TEMP_PREFIX = '.kmpool-'

/** The temporary name for a write of `target`: hidden, unique, in the same folder. */
export function tempPathFor(target: string): string {
  return join(
    dirname(target),
    `${TEMP_PREFIX}${basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  )
}

/** The size and modification time of a file as written, which the rename keeps. */
export interface WrittenFile {
  size: number
  mtimeMs: number
}

export interface AtomicWriteOptions {
  /** Files the caller reads: writing over one of them is refused. */
  inputs?: Iterable<string>
  fs?: AtomicWriteFs
}

/** Device and inode: the same file whatever path or link names it. */
function identity(path: string, io: AtomicWriteFs): string | null {
  try {
    const { dev, ino } = io.stat(path)
    return `${dev}:${ino}`
  } catch {
    return null
  }
}

/** Flushes a folder, so that a rename in it survives a power cut; not possible everywhere. */
export function syncFolder(folder: string, io: AtomicWriteFs = nodeFs): void {
  let fd: number | undefined
  try {
    fd = io.open(folder, 'r')
    io.fsync(fd)
  } catch {
    // Windows cannot open a folder, and some file systems refuse to flush one; the rename is
    // still atomic there, only its durability is up to the operating system.
  } finally {
    if (fd !== undefined) {
      try {
        io.close(fd)
      } catch {
        // Nothing was written through it.
      }
    }
  }
}

/**
 * Writes `data` to `path` atomically (see the top of this file). Throws a one-line FileRefused
 * for a target that is an input or not a regular file; otherwise Node's error (with its code,
 * e.g. ENOSPC), after removing the temporary file.
 */
export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): WrittenFile {
  const io = options.fs ?? nodeFs
  let target: string
  try {
    target = io.realpath(path)
  } catch {
    target = resolve(path)
  }
  let existing: fs.Stats | undefined
  try {
    existing = io.stat(target)
  } catch {
    existing = undefined
  }
  if (existing && !existing.isFile()) {
    throw new FileRefused(
      `${shownPath(path)}: is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}; kmpool writes only files`,
    )
  }
  if (existing && options.inputs) {
    const id = `${existing.dev}:${existing.ino}`
    for (const input of options.inputs) {
      if (identity(input, io) === id) {
        throw new FileRefused(
          `${shownPath(path)}: is one of the files being read; write the output elsewhere`,
        )
      }
    }
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const mode = existing ? existing.mode & 0o7777 : undefined
  const temp = tempPathFor(target)
  let created = false
  let written: WrittenFile
  try {
    // 'wx': never write into a file that already exists, even a stray temporary one or a link.
    const fd = io.open(temp, 'wx', mode ?? 0o666)
    created = true
    try {
      // The umask applies to a new file's mode; an existing file's permissions are kept as is.
      if (mode !== undefined) io.fchmod(fd, mode)
      let offset = 0
      while (offset < bytes.length) {
        const n = io.write(fd, bytes, offset, bytes.length - offset)
        // A write that makes no progress would otherwise loop for ever.
        if (n <= 0) throw new Error(`the disk took no bytes at offset ${offset}`)
        offset += n
      }
      io.fsync(fd)
      // Taken before the rename: afterwards another program could already have changed the file.
      const { size, mtimeMs } = io.fstat(fd)
      written = { size, mtimeMs }
    } finally {
      io.close(fd)
    }
    io.rename(temp, target)
  } catch (error) {
    if (created) {
      try {
        io.unlink(temp)
      } catch {
        // The error that stopped the write is the one to report.
      }
    }
    throw error
  }
  syncFolder(dirname(target), io)
  return written
}

/** writeFileAtomicSync for callers that await (the app's handlers). */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<WrittenFile> {
  return writeFileAtomicSync(path, data, options)
}

/** A write failure as one line naming the file: Node's code in words, or the refusal. */
export function writeFailure(path: string, error: unknown): FileRefused {
  if (error instanceof FileRefused) return error
  return new FileRefused(`${shownPath(path)}: cannot write it (${ioReason(error)})`)
}
