import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { CliError } from './cliError'

/** Reads a text file the user named, with a one-line message when it cannot be read. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code
    throw new CliError(`${path}: cannot read it (${why})`)
  }
}

/**
 * Writes a file atomically (a temporary file beside it, then a rename), so an interrupted run
 * never leaves half a file where a good one was. `-` writes to standard output.
 */
export function writeText(path: string, text: string, stdout: (s: string) => void): void {
  if (path === '-') {
    stdout(text)
    return
  }
  const target = resolve(path)
  const tmp = `${target}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(tmp, text)
    renameSync(tmp, target)
  } catch (e) {
    throw new CliError(`${path}: cannot write it (${(e as NodeJS.ErrnoException).code})`)
  }
}
