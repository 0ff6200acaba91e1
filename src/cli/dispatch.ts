/**
 * From a command line to an exit code, for the CLI (runCli, which loads only the command it runs)
 * and the tests (main.ts, which has every command loaded). Exit codes: 0 done; 1 an input the
 * command cannot use (a file missing, unreadable, too large, not what it should be), or in a batch
 * any input that failed; 2 a usage mistake (an unknown command or flag, a bad value). Anything
 * else is a bug and is thrown, with its stack (index.ts then exits with 3). docs/cli.md.
 */
import { FileRefused } from '../node/fileRefused'
import { CliError } from './cliError'
import { startRun } from './io'
import type { Output } from './output'
import { clearProgress } from './progress'
import { type Command, registry } from './registry'

const width = Math.max(...registry.map((c) => c.name.length)) + 3

export const mainHelp = `Usage: kmpool <command> [options]

Commands:
${registry.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Run "kmpool <command> --help" for a command's options.`

/** The exit code of a failure the user caused, after its one line on standard error. */
function failure(name: string, e: unknown, output: Output): number {
  clearProgress()
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

/**
 * The command named first, or the exit code when there is none to run: the help (0 when asked
 * for, 2 for an empty command line) or an unknown name (2).
 */
export function commandOf(
  argv: string[],
  output: Output,
): { name: string; rest: string[] } | { code: number } {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    output.stdout(`${mainHelp}\n`)
    return { code: name === undefined ? 2 : 0 }
  }
  if (!registry.some((c) => c.name === name)) {
    output.stderr(`kmpool: unknown command "${name}"\n${mainHelp}\n`)
    return { code: 2 }
  }
  return { name, rest }
}

/**
 * Runs a command and returns its exit code; a promise of it for a command that returns one. Every
 * failure the user can cause ends here as one line on standard error.
 */
export function execute(
  name: string,
  command: Command,
  rest: string[],
  output: Output,
): number | Promise<number> {
  startRun()
  let done: void | Promise<void>
  try {
    done = command.run(rest, output)
  } catch (e) {
    return failure(name, e, output)
  }
  if (done instanceof Promise) {
    return done.then(
      () => 0,
      (e: unknown) => failure(name, e, output),
    )
  }
  return 0
}

/** The command line as the installed `kmpool` runs it: only the named command is loaded. */
export async function runCli(argv: string[], output: Output): Promise<number> {
  const found = commandOf(argv, output)
  if ('code' in found) return found.code
  const command = await registry.find((c) => c.name === found.name)!.load()
  return execute(found.name, command, found.rest, output)
}
