import { axesHelp, runAxes } from './commands/axes'
import { kmHelp, runKm } from './commands/km'
import { poolHelp, runPool } from './commands/pool'
import { reconstructHelp, runReconstruct } from './commands/reconstruct'
import { reviewHelp, runReview } from './commands/review'
import { readHelp, runRead } from './commands/read'
import { riskHelp, runRisk } from './commands/risk'
import { runTrace, traceHelp } from './commands/trace'
import { commandOf, execute } from './dispatch'
import type { Output } from './output'
import type { Command } from './registry'

export { mainHelp } from './dispatch'

/** Every command, loaded: the same as registry.ts lists (a test checks), for in-process runs. */
export const commands: Record<string, Command> = {
  reconstruct: { run: runReconstruct, help: reconstructHelp },
  km: { run: runKm, help: kmHelp },
  trace: { run: runTrace, help: traceHelp },
  axes: { run: runAxes, help: axesHelp },
  risk: { run: runRisk, help: riskHelp },
  read: { run: runRead, help: readHelp },
  pool: { run: runPool, help: poolHelp },
  review: { run: runReview, help: reviewHelp },
}

/**
 * Runs one command line in this process and returns the exit code (see dispatch.ts), or a promise
 * of it for a command that returns one. The installed `kmpool` runs runCli instead, which loads
 * only the command it runs.
 */
export function main(argv: string[], output: Output): number {
  const found = commandOf(argv, output)
  if ('code' in found) return found.code
  const code = execute(found.name, commands[found.name], found.rest, output)
  if (code instanceof Promise) {
    throw new Error(`kmpool ${found.name} returns a promise: run it with mainAsync`)
  }
  return code
}

/** main for any command, awaited: the one to use for a command that returns a promise. */
export async function mainAsync(argv: string[], output: Output): Promise<number> {
  const found = commandOf(argv, output)
  if ('code' in found) return found.code
  return execute(found.name, commands[found.name], found.rest, output)
}
