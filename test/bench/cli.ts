import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { registry } from '../../src/cli/registry'

const ROOT = resolve(import.meta.dirname, '../..')
/**
 * The built CLI itself: bin/kmpool.mjs runs it too, but in a clone whose sources change while the
 * bench runs it would run them through tsx instead, which is not what is measured here.
 */
export const BUILT_CLI = join(ROOT, 'out/cli/kmpool.mjs')
/** Runs per command line; the median is printed (start-up times vary with the machine's load). */
const RUNS = 15

/** Median wall-clock time, in ms, of running `node ARGS` as a new process `runs` times. */
function medianMs(args: string[], runs = RUNS): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' })
    times.push(performance.now() - start)
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}`)
  }
  times.sort((a, b) => a - b)
  const mid = Math.floor(runs / 2)
  return runs % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2
}

/** Builds the CLI into out/cli (scripts/build-cli.mjs) from the sources as they are; its report. */
export function buildCli(): string {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (built.status !== 0) throw new Error(`the CLI did not build: ${built.stderr}`)
  return built.stdout.trim()
}

/**
 * Runs `node ARGS` as a new process and measures it: its CPU time, every thread counted (read at
 * its exit by cpuAtExit.mjs, loaded with --import), and the wall time. Throws if it fails.
 */
export function timedProcess(args: string[]): { cpuSeconds: number; wallSeconds: number } {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-bench-cpu-'))
  try {
    const out = join(dir, 'cpu.json')
    const start = performance.now()
    const r = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(join(import.meta.dirname, 'cpuAtExit.mjs')).href, ...args],
      {
        cwd: ROOT,
        stdio: 'ignore',
        env: { ...process.env, KMPOOL_BENCH_CPU: out },
      },
    )
    const wallSeconds = (performance.now() - start) / 1000
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}`)
    const cpu = JSON.parse(readFileSync(out, 'utf8')) as { user: number; system: number }
    return { cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * `npm run bench`, command line: how long `kmpool` takes to start, built (scripts/build-cli.mjs,
 * run first so that the build matches the sources) against a bare `node -e 0`, with the target
 * of issue 15 (`kmpool --help` within 5× bare node); each command's start (`kmpool CMD --help`,
 * which loads the command's code and nothing else); one real run of the small commands; and the
 * sources through tsx, as the CLI ran before it was built.
 */
export function benchCli(print: (s: string) => void): void {
  const built = buildCli()
  print(
    `## Command line start-up (median of ${RUNS} runs, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; ${built})`,
  )
  print('')
  const bare = medianMs(['-e', '0'])
  const rows: [string, string[], string][] = [
    ['kmpool --help', ['--help'], '≤ 5×'],
    ...registry.map((c): [string, string[], string] => [
      `kmpool ${c.name} --help`,
      [c.name, '--help'],
      '',
    ]),
    [
      'kmpool km --ipd examples/ipd.csv --group arm',
      ['km', '--ipd', 'examples/ipd.csv', '--group', 'arm'],
      '',
    ],
    [
      'kmpool reconstruct --points examples/points.csv --risk examples/risk.csv',
      ['reconstruct', '--points', 'examples/points.csv', '--risk', 'examples/risk.csv'],
      '',
    ],
    [
      'kmpool trace --pdf test/fixtures/pdf/lung.pdf (vector curves, PDF.js worker)',
      [
        'trace',
        '--pdf',
        'test/fixtures/pdf/lung.pdf',
        '--calibration',
        'test/fixtures/pdf/lung.json',
        '--color',
        'auto',
      ],
      '',
    ],
  ]
  print('| command line | median ms | × bare node | target |')
  print('| --- | --- | --- | --- |')
  print(`| node -e 0 | ${bare.toFixed(0)} | 1.0 | |`)
  for (const [label, args, target] of rows) {
    const ms = medianMs([BUILT_CLI, ...args])
    const ratio = ms / bare
    const verdict = target ? ` ${ratio <= 5 ? 'met' : 'NOT met'}` : ''
    print(`| ${label} | ${ms.toFixed(0)} | ${ratio.toFixed(1)} | ${target}${verdict} |`)
  }
  // Five runs are enough to show the difference the build makes.
  const tsx = medianMs(['--import', 'tsx', join(ROOT, 'src/cli/index.ts'), '--help'], 5)
  print(
    `| kmpool --help from the sources through tsx (before the build; 5 runs) | ${tsx.toFixed(0)} | ${(tsx / bare).toFixed(1)} | |`,
  )
  print('')
}
