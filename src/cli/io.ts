import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { CliError } from './cliError'

/** Reads a file the user named, with a one-line message when it cannot be read. */
export function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code
    throw new CliError(`${path}: cannot read it (${why})`)
  }
}

/** Reads a text file the user named (UTF-8), with a one-line message when it cannot be read. */
export function readText(path: string): string {
  // ignoreBOM keeps a byte-order mark in the text, as readFileSync(path, 'utf8') does.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(readBytes(path))
}

/**
 * Writes a file atomically (a temporary file beside it, then a rename), so an interrupted run
 * never leaves half a file where a good one was.
 */
export function writeBytes(path: string, data: Uint8Array | string): void {
  const target = resolve(path)
  const tmp = `${target}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(tmp, data)
    renameSync(tmp, target)
  } catch (e) {
    throw new CliError(`${path}: cannot write it (${(e as NodeJS.ErrnoException).code})`)
  }
}

/** Writes a text file atomically (see writeBytes); `-` writes to standard output. */
export function writeText(path: string, text: string, stdout: (s: string) => void): void {
  if (path === '-') stdout(text)
  else writeBytes(path, text)
}
