import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openOcr } from '../../src/node/ocr'
import { readRiskTableImage } from '../../src/node/riskTableOcr'
import { renderKmFigure } from '../generator/kmFigure'
import { BUILT_CLI, buildCli, timedProcess } from './cli'
import { HELD_OUT, seeds } from '../generator/seeds'
import {
  FIGURE_STYLES,
  type FigureStyle,
  styleOfSeed,
  styledFigureSpec,
} from '../generator/styledFigure'

type Print = (s: string) => void

interface Tally {
  figures: number
  cells: number
  right: number
  /** Wrong and flagged by a problem at its time (a rise, above N), or wrong and not flagged. */
  wrongFlagged: number
  wrongSilent: number
  unread: number
  /** Rows not found, or extra rows read. */
  rowsMissed: number
  ms: number[]
}

const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : '–')

/**
 * Issue 14's risk-table reader on the held-out generated figures, each with a table in its
 * style's layout (R base, survminer, NEJM, JCO, Lancet with censored counts, JAMA): the share of
 * cells read right, read wrong (the outcome that must not happen; each listed), and reported as
 * unreadable; the time per figure with the OCR engine already started, given the calibration.
 * KMPOOL_BENCH_RISK_FIGURES bounds the number of figures (default: all 200).
 */
export async function benchRisk(print: Print): Promise<void> {
  print('## Numbers at risk read from the figure (issue 14)')
  print('')
  const limit = Number(process.env.KMPOOL_BENCH_RISK_FIGURES ?? Infinity)
  const list = seeds(HELD_OUT).slice(0, Number.isFinite(limit) && limit > 0 ? limit : undefined)
  await riskAccuracy(print, list, 'held-out')
  await readTime(print)
}

/**
 * `kmpool read --image F --json` as a user runs it: the built CLI (scripts/build-cli.mjs, built
 * first so that it matches the sources) started anew for each figure, drawn at 1400×1000 with a
 * risk table, one of each journal style. Printed: the process's CPU time, every thread counted (the
 * OCR engine runs in a worker thread; Node's and the engine's start are included), which is the
 * time on one core, and the wall time, which on a loaded machine is the longer. Issue 14's
 * target: ≤ 3 s on one core.
 */
export async function readTime(
  print: Print,
  seedList = [100_001, 100_002, 100_003, 100_004, 100_005, 100_006],
) {
  buildCli()
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-bench-read-'))
  const rows: string[] = []
  try {
    for (const seed of seedList) {
      const style = styleOfSeed(seed)
      const spec = styledFigureSpec(seed, style, { riskTable: true })
      const fig = renderKmFigure({ ...spec, width: 1400, height: 1000 })
      const file = join(dir, `${seed}.${fig.fileType === 'png' ? 'png' : 'jpg'}`)
      writeFileSync(file, fig.file)
      const { cpuSeconds, wallSeconds } = timedProcess([
        BUILT_CLI,
        'read',
        '--image',
        file,
        '--json',
      ])
      rows.push(`| ${seed} (${style}) | ${cpuSeconds.toFixed(2)} | ${wallSeconds.toFixed(2)} |`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  print(
    "`kmpool read --image F --json` on a 1400×1000 figure with a risk table (the built CLI, a new process per figure: Node's and the OCR engine's start included; target ≤ 3 s on one core):",
  )
  print('')
  print('| figure | CPU s (all threads) | wall s |')
  print('|---|---|---|')
  for (const r of rows) print(r)
  print('')
}

export async function riskAccuracy(print: Print, list: number[], kind: string): Promise<void> {
  const ocr = openOcr()
  const blank = { data: new Uint8ClampedArray(16 * 16 * 4).fill(255), width: 16, height: 16 }
  let t0 = performance.now()
  await ocr.recognizeWords(blank)
  const startMs = performance.now() - t0
  const tallies = new Map<FigureStyle | 'all', Tally>()
  const tally = (k: FigureStyle | 'all') => {
    if (!tallies.has(k)) {
      tallies.set(k, {
        figures: 0,
        cells: 0,
        right: 0,
        wrongFlagged: 0,
        wrongSilent: 0,
        unread: 0,
        rowsMissed: 0,
        ms: [],
      })
    }
    return tallies.get(k)!
  }
  const wrongOnes: string[] = []
  for (const seed of list) {
    const style = styleOfSeed(seed)
    const spec = styledFigureSpec(seed, style, { riskTable: true })
    const fig = renderKmFigure(spec)
    t0 = performance.now()
    const table = await readRiskTableImage(ocr, fig.image, fig.calibration)
    const ms = performance.now() - t0
    const add = (f: (t: Tally) => void) => [tally(style), tally('all')].forEach(f)
    add((t) => {
      t.figures++
      t.ms.push(ms)
      t.rowsMissed += Math.abs(table.arms.length - fig.arms.length)
    })
    fig.arms.forEach((truth, a) => {
      const arm = table.arms[a]
      truth.risk.forEach((row, i) => {
        add((t) => t.cells++)
        const cell = arm?.cells.find((c) => Math.abs(c.time - row.time) < 1e-9)
        if (!cell) return add((t) => t.unread++)
        const right =
          cell.nRisk === row.nRisk &&
          (!truth.riskCensored || cell.inParentheses === truth.riskCensored[i])
        if (right) return add((t) => t.right++)
        const flagged = arm.problems.some(
          (p) => p.time !== undefined && Math.abs(p.time - row.time) < 1e-9,
        )
        add((t) => (flagged ? t.wrongFlagged++ : t.wrongSilent++))
        wrongOnes.push(
          `seed ${seed} (${style}, ${Math.round(spec.width * spec.fontScale)} px text${spec.jpeg === null ? '' : `, JPEG ${spec.jpeg.toFixed(2)}`}): arm ${a + 1} at ${row.time} read ${cell.nRisk}${cell.inParentheses !== undefined ? ` (${cell.inParentheses})` : ''} for ${row.nRisk}${truth.riskCensored ? ` (${truth.riskCensored[i]})` : ''}${flagged ? ', flagged' : ''}`,
        )
      })
    })
  }
  await ocr.close()
  print(
    `${list.length} ${kind} figures (seeds ${list[0]}–${list[list.length - 1]}, the styles in turn, each with a risk table in its style's layout), read with the true calibration; OCR engine start ${startMs.toFixed(0)} ms (once per process).`,
  )
  print('')
  print(
    '| style | figures | cells | right (target ≥ 99%) | wrong, flagged | wrong, not flagged (target 0) | reported unreadable | rows missed | mean s / figure | max s |',
  )
  print('|---|---|---|---|---|---|---|---|---|---|')
  for (const k of [...FIGURE_STYLES, 'all'] as const) {
    const t = tallies.get(k)
    if (!t) continue
    const mean = t.ms.reduce((x, y) => x + y, 0) / t.ms.length / 1000
    const max = Math.max(...t.ms) / 1000
    print(
      `| ${k} | ${t.figures} | ${t.cells} | ${pct(t.right, t.cells)} | ${t.wrongFlagged} | ${t.wrongSilent} | ${pct(t.unread, t.cells)} | ${t.rowsMissed} | ${mean.toFixed(2)} | ${max.toFixed(2)} |`,
    )
  }
  print('')
  print(wrongOnes.length ? `Wrong cells: ${wrongOnes.join('; ')}.` : 'Wrong cells: none.')
  print('')
}
