import { FileRefused } from '../node/fileRefused'
import { CliError } from './cliError'
import { kmHelp, runKm } from './commands/km'
import { poolHelp, runPool } from './commands/pool'
import { reconstructHelp, runReconstruct } from './commands/reconstruct'
import { reviewHelp, runReview } from './commands/review'
import { runTrace, traceHelp } from './commands/trace'
import { startRun } from './io'
import type { Output } from './output'

const commands: Record<string, { run: (argv: string[], out: Output) => void; help: string }> = {
  reconstruct: { run: runReconstruct, help: reconstructHelp },
  km: { run: runKm, help: kmHelp },
  trace: { run: runTrace, help: traceHelp },
  pool: { run: runPool, help: poolHelp },
  review: { run: runReview, help: reviewHelp },
}

export const mainHelp = `Usage: kmpool <command> [options]

Commands:
  reconstruct   reconstruct IPD from a digitized KM curve and its risk table
  km            Kaplan–Meier summaries, medians, hazard ratio of IPD
  trace         trace KM curves and censor marks in a figure by colour
  pool          random-effects meta-analysis of survival, medians, hazard ratios
  review        a whole review: tables, forest plots, pooled curves, IPD, methods

Run "kmpool <command> --help" for a command's options.`

/**
 * Runs one command line and returns the exit code. Every failure the user can cause ends here as
 * one line on standard error; anything else is a bug and is reported as one, with its stack.
 */
export function main(argv: string[], output: Output): number {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    output.stdout(`${mainHelp}\n`)
    return name === undefined ? 2 : 0
  }
  const command = commands[name]
  if (!command) {
    output.stderr(`kmpool: unknown command "${name}"\n${mainHelp}\n`)
    return 2
  }
  startRun()
  try {
    command.run(rest, output)
    return 0
  } catch (e) {
    if (e instanceof CliError) {
      output.stderr(`kmpool ${name}: ${e.message}\n`)
      return e.exitCode
    }
    // A file refused by the Node-side services (too large, outside a review, not whole…).
    if (e instanceof FileRefused) {
      output.stderr(`kmpool ${name}: ${e.message}\n`)
      return 1
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      output.stderr(`kmpool ${name}: ${e.message} (see --help)\n`)
      return 2
    }
    throw e
  }
}
