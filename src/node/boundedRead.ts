/**
 * Reading a file someone else made without letting it decide how much memory kmpool uses. The size
 * a file reports is not trusted (`/dev/zero` and files under /proc report 0, a file may grow while
 * it is read): bytes are read in chunks and the read stops as soon as they pass the limit. Only
 * regular files are read; a folder, a device, a pipe or a socket is refused before any byte.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { open } from 'node:fs/promises'
import { FileRefused, ioReason, shownPath } from './fileRefused'

const MB = 1024 * 1024

/**
 * The most bytes kmpool reads of each kind of file, in the app and in the CLI alike. A review
 * lists paths and settings; a study may embed its figure (base64, a third larger than the image);
 * a table is a CSV or TSV of points, numbers at risk, IPD or study estimates.
 */
export const READ_LIMITS = {
  review: { bytes: 10 * MB, what: 'review file' },
  study: { bytes: 150 * MB, what: 'study file' },
  figure: { bytes: 100 * MB, what: 'figure' },
  pdf: { bytes: 100 * MB, what: 'PDF' },
  table: { bytes: 50 * MB, what: 'table (CSV)' },
  settings: { bytes: 1 * MB, what: 'settings file' },
} as const

export type ReadKind = keyof typeof READ_LIMITS

const CHUNK = MB

// Opening a FIFO for reading waits for a writer unless it is opened non-blocking; the kind of file
// is checked on the open descriptor right after, so nothing is read from one. Windows has neither.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

function megabytes(bytes: number): string {
  return `${Math.round(bytes / MB)} MB`
}

function checkKind(stats: Stats, path: string): void {
  if (stats.isDirectory()) throw new FileRefused(`${shownPath(path)}: is a folder, not a file`)
  if (!stats.isFile()) {
    throw new FileRefused(
      `${shownPath(path)}: is not a regular file (a device, a pipe or a socket); kmpool reads only files`,
    )
  }
}

/** The chunks read so far; refuses the file as soon as they pass the limit. */
class Collected {
  private readonly chunks: Buffer[] = []
  total = 0

  constructor(
    private readonly path: string,
    private readonly kind: ReadKind,
  ) {}

  add(chunk: Buffer): void {
    this.total += chunk.length
    const { bytes, what } = READ_LIMITS[this.kind]
    if (this.total > bytes) {
      throw new FileRefused(
        `${shownPath(this.path)}: larger than the ${megabytes(bytes)} a ${what} may be`,
      )
    }
    this.chunks.push(chunk)
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.total)
  }
}

function openFailure(path: string, error: unknown): FileRefused {
  return new FileRefused(`${shownPath(path)}: cannot read it (${ioReason(error)})`)
}

/**
 * Reads a regular file of at most READ_LIMITS[kind] bytes, or throws a one-line FileRefused that
 * names it as `name` (by default its path; a review's study by the path the review gives).
 */
export function readBoundedSync(path: string, kind: ReadKind, name = path): Buffer {
  let fd: number
  try {
    fd = openSync(path, OPEN_FLAGS)
  } catch (error) {
    throw openFailure(name, error)
  }
  try {
    checkKind(fstatSync(fd), name)
    const collected = new Collected(name, kind)
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK)
      let n: number
      try {
        n = readSync(fd, chunk, 0, CHUNK, null)
      } catch (error) {
        throw openFailure(name, error)
      }
      if (n === 0) return collected.bytes()
      collected.add(chunk.subarray(0, n))
    }
  } finally {
    closeSync(fd)
  }
}

/** As readBoundedSync, without blocking the thread (the app's main process). */
export async function readBounded(path: string, kind: ReadKind, name = path): Promise<Buffer> {
  let handle
  try {
    handle = await open(path, OPEN_FLAGS)
  } catch (error) {
    throw openFailure(name, error)
  }
  try {
    checkKind(await handle.stat(), name)
    const collected = new Collected(name, kind)
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK)
      let n: number
      try {
        ;({ bytesRead: n } = await handle.read(chunk, 0, CHUNK, null))
      } catch (error) {
        throw openFailure(name, error)
      }
      if (n === 0) return collected.bytes()
      collected.add(chunk.subarray(0, n))
    }
  } finally {
    await handle.close()
  }
}
