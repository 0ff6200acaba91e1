import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { readFigureStudy } from '../../src/node/figureReading'
import type { TracedCurve } from '../../src/shared/trace'
import type { FigureSpec, RenderedFigure } from '../generator/kmFigure'
import { renderKmFigure } from '../generator/kmFigure'
import { figureSpec } from '../generator/figureSpec'
import { styledFigureSpec } from '../generator/styledFigure'
import { traceIae } from './helpers'

/**
 * `kmpool trace` and `kmpool read` leave a zoomed inset out by default and say so (issue 10),
 * on generated figures of DEVELOPMENT seeds: the figure of risingAndAxes.test.ts (PNG) and a
 * NEJM-style JPEG. The arms must trace as well as with the inset masked by hand.
 */
interface JsonOut {
  curves: { color: string; points: TracedCurve['points'] }[]
  warnings: { code: string; message: string }[]
}

// The colours: "auto" and the arms' own, or (where auto does not find this JPEG's pale thin
// arms, with or without an inset) only the arms' own.
const FIGURES: [string, FigureSpec, boolean][] = [
  ['plain PNG', figureSpec({ inset: { tMax: 12, yFrom: 0.6 } }, {}, 1), true],
  ['NEJM JPEG', { ...styledFigureSpec(3008, 'nejm'), inset: { tMax: 14, yFrom: 0.6 } }, false],
]

function files(fig: RenderedFigure) {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-inset-cli-'))
  const image = join(dir, `figure.${fig.fileType === 'jpeg' ? 'jpg' : 'png'}`)
  const cal = join(dir, 'calibration.json')
  writeFileSync(image, fig.file)
  writeFileSync(cal, JSON.stringify(fig.calibration))
  return { image, cal }
}

function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr }
}

/** The trace's mean gap from each arm's true KM, found by colour. */
function gaps(out: JsonOut, fig: RenderedFigure): number[] {
  return fig.arms.map((arm) => {
    const curve = out.curves.find((c) => c.color.toLowerCase() === arm.color.toLowerCase())
    expect(curve, `${arm.color} traced`).toBeDefined()
    return traceIae(curve as unknown as TracedCurve, arm.ipd)
  })
}

describe('kmpool trace: a zoomed inset is left out by default', () => {
  for (const [label, spec, auto] of FIGURES) {
    it(`${label}: says where, with code inset-masked, and traces as with a hand mask`, () => {
      const fig = renderKmFigure(spec)
      const b = fig.inset!
      const { image, cal } = files(fig)
      const colors = fig.arms.map((a) => a.color).join(',')
      for (const color of auto ? ['auto', colors] : [colors]) {
        const argv = ['trace', '--image', image, '--calibration', cal, '--color', color]
        const auto = run([...argv, '--json'])
        expect(auto.stderr).toBe('')
        expect(auto.code).toBe(0)
        const out = JSON.parse(auto.stdout) as JsonOut
        const note = out.warnings.filter((w) => w.code === 'inset-masked')
        expect(note).toHaveLength(1)
        expect(note[0].message).toMatch(
          /^a zoomed inset at \d+,\d+,\d+,\d+ px was left out of the tracing; give --keep-inset to trace it$/,
        )
        const lower = (cs: string[]) => cs.map((c) => c.toLowerCase()).sort()
        expect(lower(out.curves.map((c) => c.color))).toEqual(lower(fig.arms.map((a) => a.color)))
        // The same arms with the inset masked by hand (and detection off).
        const hand = `${b.x0 - 3},${b.y0 - 3},${b.x1 - b.x0 + 6},${b.y1 - b.y0 + 6}`
        const masked = run([...argv, '--mask', hand, '--keep-inset', '--json'])
        expect(masked.code).toBe(0)
        const byHand = JSON.parse(masked.stdout) as JsonOut
        expect(byHand.warnings.some((w) => w.code === 'inset-masked')).toBe(false)
        const found = gaps(out, fig)
        gaps(byHand, fig).forEach((g, i) => {
          expect(found[i], `${label} ${color} arm ${i + 1}`).toBeLessThan(Math.max(1.2 * g, 0.0025))
        })
        // The note in words, in the human report.
        const human = run(argv)
        expect(human.code).toBe(0)
        expect(human.stdout).toContain('was left out of the tracing; give --keep-inset to trace it')
      }
    })
  }

  it('--keep-inset traces the inset too: its curves are taken for more curves, and no note', () => {
    const fig = renderKmFigure(FIGURES[0][1])
    const { image, cal } = files(fig)
    const argv = ['trace', '--image', image, '--calibration', cal, '--color', 'auto', '--json']
    const kept = run([...argv, '--keep-inset'])
    expect(kept.code).toBe(0)
    const out = JSON.parse(kept.stdout) as JsonOut
    expect(out.warnings.some((w) => w.code === 'inset-masked')).toBe(false)
    expect(out.curves.length).toBeGreaterThan(fig.arms.length)
  })

  it('says nothing of an inset on a figure without one', () => {
    const fig = renderKmFigure(figureSpec({}, {}, 1))
    const { image, cal } = files(fig)
    const argv = ['trace', '--image', image, '--calibration', cal, '--color', 'auto', '--json']
    const out = JSON.parse(run(argv).stdout) as JsonOut
    expect(out.warnings.some((w) => w.code === 'inset-masked')).toBe(false)
  })
})

describe('kmpool read (readFigureStudy): the inset is left out and kept as the study mask', () => {
  // No OCR needed: the calibration is given, and a table read from no words is empty.
  const ocr = { recognizeWords: async () => [] }

  it('masks it, says so, and writes it into the study’s tracing mask; keepInset turns it off', async () => {
    const fig = renderKmFigure(FIGURES[0][1])
    const read = await readFigureStudy(ocr, fig.file, 'figure.png', fig.image, fig.calibration)
    expect(read.study.curves).toHaveLength(fig.arms.length)
    expect(read.warnings.some((w) => /^a zoomed inset at .* left out of the tracing/.test(w))).toBe(
      true,
    )
    expect(read.study.traceMask).toHaveLength(1)
    const kept = await readFigureStudy(ocr, fig.file, 'figure.png', fig.image, fig.calibration, {
      keepInset: true,
    })
    expect(kept.study.curves.length).toBeGreaterThan(fig.arms.length)
    expect(kept.study.traceMask).toBeUndefined()
    expect(kept.warnings.some((w) => /zoomed inset/.test(w))).toBe(false)
  })
})
