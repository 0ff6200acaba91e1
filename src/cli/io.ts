/**
 * The CLI's file reads and writes, through the Node-side services the app uses too: reads are
 * bounded while reading (READ_LIMITS), text may be UTF-8 or UTF-16 with its byte-order mark,
 * writes are atomic (writeFileAtomicSync), and a run never writes over a file it has read.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { type ReadKind, readBoundedSync } from '../node/boundedRead'
import { writeFailure, writeFileAtomicSync } from '../node/atomicWrite'
import { FileRefused } from '../node/fileRefused'
import { decodeText } from '../node/text'
import { CliError } from './cliError'

/** The files this run has read, so that none of them is written over (see startRun). */
const inputs = new Set<string>()

/** Forgets the files an earlier command read in this process (the tests run many). */
export function startRun(): void {
  inputs.clear()
}

/** A refusal of the Node-side services as the CLI's own one-line error, which commands expect. */
function asCliError<T>(read: () => T): T {
  try {
    return read()
  } catch (e) {
    if (e instanceof FileRefused) throw new CliError(e.message)
    throw e
  }
}

/** Reads a file the user named, within the limit of its kind; a one-line CliError otherwise. */
export function readBytes(path: string, kind: ReadKind = 'table'): Uint8Array {
  const bytes = new Uint8Array(asCliError(() => readBoundedSync(path, kind)))
  inputs.add(resolve(path))
  return bytes
}

/** Reads a text file the user named: UTF-8, or UTF-16 with its byte-order mark. */
export function readText(path: string, kind: ReadKind = 'table'): string {
  const bytes = readBytes(path, kind)
  return asCliError(() => decodeText(bytes, path))
}

/**
 * Writes a file atomically (see writeFileAtomicSync), creating its folder; refuses a file this
 * run has read.
 */
export function writeBytes(path: string, data: Uint8Array | string): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true })
    writeFileAtomicSync(path, data, { inputs })
  } catch (e) {
    throw new CliError(writeFailure(path, e).message)
  }
}

/** Writes a text file atomically (see writeBytes); `-` writes to standard output. */
export function writeText(path: string, text: string, stdout: (s: string) => void): void {
  if (path === '-') stdout(text)
  else writeBytes(path, text)
}
