/**
 * The commands, each loaded only when it runs: `kmpool --help` and a command's start load none of
 * the others (the built CLI keeps each in its own chunk, scripts/build-cli.mjs). A command added
 * here is also listed in main.ts's `commands`, which the tests run in-process (a test checks the
 * two agree).
 */
import type { Output } from './output'

/** A command: its help, and a run that throws CliError for what the user can get wrong. */
export interface Command {
  /** May return a promise (a command that waits on a worker, OCR): the CLI awaits it. */
  run: (argv: string[], output: Output) => void | Promise<void>
  help: string
}

export interface CommandEntry {
  name: string
  /** One line in `kmpool --help`. */
  summary: string
  load: () => Promise<Command>
}

export const registry: readonly CommandEntry[] = [
  {
    name: 'reconstruct',
    summary: 'reconstruct IPD from a digitized KM curve and its risk table',
    load: async () => {
      const m = await import('./commands/reconstruct')
      return { run: m.runReconstruct, help: m.reconstructHelp }
    },
  },
  {
    name: 'km',
    summary: 'Kaplan–Meier summaries, medians, hazard ratio of IPD',
    load: async () => {
      const m = await import('./commands/km')
      return { run: m.runKm, help: m.kmHelp }
    },
  },
  {
    name: 'trace',
    summary: 'trace KM curves and censor marks in a figure by colour',
    load: async () => {
      const m = await import('./commands/trace')
      return { run: m.runTrace, help: m.traceHelp }
    },
  },
  {
    name: 'axes',
    summary: 'find and calibrate a figure’s axes by reading its tick labels',
    load: async () => {
      const m = await import('./commands/axes')
      return { run: m.runAxes, help: m.axesHelp }
    },
  },
  {
    name: 'risk',
    summary: 'read the number-at-risk table under a figure, one CSV per arm',
    load: async () => {
      const m = await import('./commands/risk')
      return { run: m.runRisk, help: m.riskHelp }
    },
  },
  {
    name: 'read',
    summary: 'read a whole figure (axes, curves, risk table) into a study to check',
    load: async () => {
      const m = await import('./commands/read')
      return { run: m.runRead, help: m.readHelp }
    },
  },
  {
    name: 'pool',
    summary: 'random-effects meta-analysis of survival, medians, hazard ratios',
    load: async () => {
      const m = await import('./commands/pool')
      return { run: m.runPool, help: m.poolHelp }
    },
  },
  {
    name: 'review',
    summary: 'a whole review: tables, forest plots, pooled curves, IPD, methods',
    load: async () => {
      const m = await import('./commands/review')
      return { run: m.runReview, help: m.reviewHelp }
    },
  },
]
