/**
 * Several inputs in one run (`kmpool trace`, `kmpool reconstruct` and any command that reads one
 * input at a time): files and folders expanded to a list, each input run on its own, its results
 * written under --out-dir with a name of its own, and a summary table at the end. An input that
 * fails, or is done only in part, is reported on one line and the others still run; the exit code
 * is then 1. With --json
 * the array of per-input results is all that goes to standard output.
 */
import { readdirSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { FileRefused } from '../node/fileRefused'
import { CliError } from './cliError'
import { columns } from './format'
import type { Output } from './output'
import { progressBar } from './progress'

/** What one input gave: its JSON (as the command's --json for one input), files, summary. */
export interface BatchItem<T> {
  result: T
  /** Files written for this input. */
  outputs: string[]
  /** Its key figures, one short cell of the summary table. */
  figures: string
  /** Its warnings, one line each (naming the curve or part they concern), listed under the table. */
  warnings: string[]
  /**
   * What of the input could not be done though the rest was (one line; `kmpool trace`: a colour
   * given that could not be traced). The input is then "partial": its files are written, and the
   * run's exit code is 1.
   */
  incomplete?: string
}

/** One input's line of the --json array. */
export interface BatchEntry<T> {
  input: string
  status: 'ok' | 'partial' | 'failed'
  /** Why it failed, or what of it could not be done, in one line; null when all was done. */
  error: string | null
  outputs: string[]
  warnings: number
  result: T | null
}

/**
 * The inputs named on the command line: a folder stands for the files directly in it that
 * `wanted` accepts (sorted by name); a file is taken as named, even one that does not exist (it
 * then fails on its own). A folder with none is a mistake in the command line.
 */
export function expandInputs(args: string[], wanted: (file: string) => boolean, what: string) {
  const inputs: string[] = []
  for (const arg of args) {
    let folder = false
    try {
      folder = statSync(arg).isDirectory()
    } catch {
      // Not there: it fails as an input, with the reason the reading gives.
    }
    if (!folder) {
      inputs.push(arg)
      continue
    }
    const found = readdirSync(arg, { withFileTypes: true })
      .filter((e) => e.isFile() && wanted(e.name))
      .map((e) => join(arg, e.name))
      .sort()
    if (found.length === 0) throw new CliError(`${arg}: no ${what} in this folder`)
    inputs.push(...found)
  }
  return inputs
}

/**
 * A name per input for its files under --out-dir: the file's name without its extension, with
 * its folder's name in front when two inputs share it (cases/aml/figure.png → aml-figure), and a
 * number after when that is not enough.
 */
export function outputNames(inputs: string[]): string[] {
  const stem = (p: string) => basename(p, extname(p))
  const count = (names: string[], n: string) => names.filter((x) => x === n).length
  let names = inputs.map(stem)
  names = names.map((n, i) =>
    count(names, n) > 1 ? `${basename(dirname(inputs[i])) || 'input'}-${n}` : n,
  )
  return names.map((n, i) => (count(names, n) > 1 ? `${n}-${count(names.slice(0, i), n) + 1}` : n))
}

export interface BatchOptions {
  /** The command's name, for its error lines ("kmpool trace: …"). */
  command: string
  json: boolean
  quiet: boolean
}

/**
 * Runs `each` on every input (with its output name), then prints the summary table, or the JSON
 * array with --json. Throws a CliError (exit code 1) after printing when any input failed or was
 * done only in part.
 */
export function runBatch<T>(
  inputs: string[],
  each: (input: string, name: string) => BatchItem<T>,
  options: BatchOptions,
  output: Output,
): void {
  const batch = new Batch<T>(inputs, options, output)
  for (const [i, input] of inputs.entries()) {
    batch.start(i)
    try {
      batch.done(i, each(input, batch.names[i]))
    } catch (e) {
      batch.failed(i, e)
    }
  }
  batch.finish()
}

/** The same for a command whose work on one input is asynchronous (`kmpool read`). */
export async function runBatchAsync<T>(
  inputs: string[],
  each: (input: string, name: string) => Promise<BatchItem<T>>,
  options: BatchOptions,
  output: Output,
): Promise<void> {
  const batch = new Batch<T>(inputs, options, output)
  for (const [i, input] of inputs.entries()) {
    batch.start(i)
    try {
      batch.done(i, await each(input, batch.names[i]))
    } catch (e) {
      batch.failed(i, e)
    }
  }
  batch.finish()
}

/** The entries, progress bar and summary of one batch run. */
class Batch<T> {
  readonly names: string[]
  private readonly entries: BatchEntry<T>[] = []
  private readonly figures: string[] = []
  private readonly notes: string[][] = []
  private readonly bar: ReturnType<typeof progressBar>

  constructor(
    private readonly inputs: string[],
    private readonly options: BatchOptions,
    private readonly output: Output,
  ) {
    this.names = outputNames(inputs)
    this.bar = progressBar(output, inputs.length, options.quiet)
  }

  start(i: number): void {
    this.bar.update(i, this.inputs[i])
  }

  done(i: number, item: BatchItem<T>): void {
    const { result, outputs, warnings, incomplete } = item
    this.entries.push({
      input: this.inputs[i],
      status: incomplete === undefined ? 'ok' : 'partial',
      error: incomplete ?? null,
      outputs,
      warnings: warnings.length,
      result,
    })
    this.figures.push(item.figures)
    this.notes.push(warnings)
    if (incomplete !== undefined) {
      this.bar.end()
      this.output.stderr(`kmpool ${this.options.command}: ${incomplete}\n`)
    }
  }

  /** An input that failed with a reason for the user is recorded; any other error is a bug. */
  failed(i: number, e: unknown): void {
    this.bar.end()
    if (!(e instanceof CliError || e instanceof FileRefused)) throw e
    this.entries.push({
      input: this.inputs[i],
      status: 'failed',
      error: e.message,
      outputs: [],
      warnings: 0,
      result: null,
    })
    this.figures.push('')
    this.notes.push([])
    this.output.stderr(`kmpool ${this.options.command}: ${e.message}\n`)
  }

  finish(): void {
    const { entries, figures, output } = this
    this.bar.update(this.inputs.length, 'done')
    this.bar.end()
    const failed = entries.filter((e) => e.status === 'failed').length
    const partial = entries.filter((e) => e.status === 'partial').length
    if (this.options.json) {
      output.stdout(`${JSON.stringify(entries, null, 2)}\n`)
    } else {
      const rows = entries.map((e, i) => [
        e.input,
        e.status,
        e.status === 'failed' ? (e.error ?? '') : figures[i],
        e.status === 'failed' ? '—' : String(e.warnings),
      ])
      const written = entries.reduce((n, e) => n + e.outputs.length, 0)
      // The warnings themselves, not only their count: without --out-dir no file holds them.
      const notes = entries.flatMap((e, i) => this.notes[i].map((w) => `  ${e.input}: ${w}`))
      output.stdout(
        `${columns([['input', 'status', 'result', 'warnings'], ...rows])}\n\n` +
          (notes.length ? `Warnings:\n${notes.join('\n')}\n\n` : '') +
          `${entries.length} input${entries.length === 1 ? '' : 's'}: ${entries.length - failed - partial} done, ${partial ? `${partial} done in part, ` : ''}${failed} failed; ${written} file${written === 1 ? '' : 's'} written.\n`,
      )
    }
    if (failed > 0 || partial > 0) {
      const inPart = partial ? `${partial} of ${entries.length} inputs done only in part` : ''
      const failedToo = failed ? `${failed} of ${entries.length} inputs failed` : ''
      throw new CliError([failedToo, inPart].filter(Boolean).join(', '))
    }
  }
}
