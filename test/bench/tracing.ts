import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { readImage } from '../../src/cli/image'
import { reconstruct } from '../../src/shared/reconstruct'
import type { IpdRow, RiskRow } from '../../src/shared/reconstruct/types'
import { coxTwoGroup } from '../../src/shared/survival'
import { parseColor, traceCurves } from '../../src/shared/trace'
import type { Calibration, RgbaImage, TracedCurve } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { overlayPng } from '../generator/overlay'
import { randomFigureSpec } from '../generator/randomFigure'
import { SHARED, loadCases, loadTrials } from './cases'
import { integratedAbsoluteError } from './metrics'
import { timeIt } from './timing'

/** Generated figures in the benchmark (seeds 1…N, styles drawn at random: randomFigure.ts). */
const GENERATED = 60
/** Worst arms drawn as pictures. */
const WORST = 4
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/bench')

/**
 * Bonner et al. 2006 (NEJM), as published: its axis ticks read off the image (t = 0 and 70
 * months at x = 120.5 and 394.5, 0% and 100% at y = 224 and 36) and its two inks as an
 * eyedropper picks them.
 */
const BONNER: Calibration = {
  x1: { px: 120.5, py: 224, value: 0 },
  x2: { px: 394.5, py: 224, value: 70 },
  y1: { px: 120.5, py: 224, value: 0 },
  y2: { px: 120.5, py: 36, value: 100 },
  yScale: 'percent',
}
const BONNER_INKS = { radiotherapy: '#999999', radiotherapy_cetuximab: '#222222' }

interface ArmResult {
  label: string
  iae: number
  curve: TracedCurve
  image: RgbaImage
}

function reconstructTrace(curve: TracedCurve, risk: RiskRow[], marks: boolean): IpdRow[] {
  return reconstruct({
    points: curve.points.map((p) => ({ time: p.time, surv: p.surv })),
    risk,
    censorTimes: marks ? curve.censorMarks.map((m) => m.time) : undefined,
  }).ipd
}

const f4 = (x: number) => x.toFixed(4)
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

function summary(print: (s: string) => void, name: string, results: ArmResult[], plain: number[]) {
  const worst = results.reduce((a, b) => (b.iae > a.iae ? b : a))
  const over = results.filter((r) => r.iae > 0.01).length
  print(
    `| ${name} | ${results.length} | ${f4(mean(plain))} | ${f4(mean(results.map((r) => r.iae)))} | ${f4(worst.iae)} (${worst.label}) | ${over} |`,
  )
}

export function benchTracing(print: (s: string) => void): void {
  print('## Tracing figures, then reconstructing (trace + risk table, no clicks)')
  print('')
  const caseResults: ArmResult[] = []
  const casePlain: number[] = []
  const caseTimes: { name: string; size: string; ms: number }[] = []
  for (const c of loadCases()) {
    const dir = join(SHARED, 'cases', c.name)
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'))
    const image = readImage(join(dir, 'figure.png'))
    const colors = c.arms.map((a) => parseColor(truth.curveColors[a.name]))
    const curves = traceCurves(image, truth.calibration, colors)
    caseTimes.push({
      name: c.name,
      size: `${image.width}×${image.height}`,
      ms: timeIt(() => traceCurves(image, truth.calibration, colors)) / colors.length,
    })
    c.arms.forEach((arm, i) => {
      casePlain.push(
        integratedAbsoluteError(reconstructTrace(curves[i], arm.risk, false), arm.truth),
      )
      const iae = integratedAbsoluteError(reconstructTrace(curves[i], arm.risk, true), arm.truth)
      caseResults.push({ label: `${c.name}/${arm.name}`, iae, curve: curves[i], image })
    })
  }

  const genResults: ArmResult[] = []
  const genPlain: number[] = []
  for (let seed = 1; seed <= GENERATED; seed++) {
    const fig = renderKmFigure(randomFigureSpec(seed))
    const colors = fig.arms.map((a) => parseColor(a.color))
    const curves = traceCurves(fig.image, fig.calibration, colors)
    fig.arms.forEach((arm, i) => {
      genPlain.push(integratedAbsoluteError(reconstructTrace(curves[i], arm.risk, false), arm.ipd))
      const iae = integratedAbsoluteError(reconstructTrace(curves[i], arm.risk, true), arm.ipd)
      genResults.push({
        label: `seed ${seed}/${arm.name}`,
        iae,
        curve: curves[i],
        image: fig.image,
      })
    })
  }

  print(
    '| figures | arms | mean IAE, marks not used | mean IAE | worst-arm IAE | arms above 0.010 |',
  )
  print('| --- | --- | --- | --- | --- | --- |')
  print('| IPDfromKM 0.1.10, every corner clicked (shared/README) | 8 | — | 0.0039 | — | — |')
  summary(print, 'shared/cases (R)', caseResults, casePlain)
  summary(print, `generated (${GENERATED} figures, random styles)`, genResults, genPlain)
  print('')
  print('Worst arms (figure with the trace drawn over it, magenta; censor marks circled):')
  print('')
  mkdirSync(ARTIFACTS, { recursive: true })
  const worst = [...caseResults, ...genResults].sort((a, b) => b.iae - a.iae).slice(0, WORST)
  for (const r of worst) {
    const file = join(ARTIFACTS, `trace-${r.label.replace(/[^A-Za-z0-9]+/g, '-')}.png`)
    const full = { x0: 0, y0: 0, x1: r.image.width, y1: r.image.height }
    const zoom = r.image.width > 1600 ? 0.5 : 1
    writeFileSync(
      file,
      overlayPng(
        r.image,
        full,
        [{ points: r.curve.points, marks: r.curve.censorMarks, stroke: 'rgba(255,0,255,0.9)' }],
        zoom,
      ),
    )
    print(`- ${r.label}: IAE ${f4(r.iae)} — ${file}`)
  }
  print('')

  print('## Bonner 2006 (published figure, 437×348, grey): hazard ratio from traced curves')
  print('')
  const trial = loadTrials().find((t) => t.name === 'bonner2006')!
  const bonner = readImage(join(SHARED, 'trials', 'bonner2006', 'figure.png'))
  const inks = trial.arms.map((a) => parseColor(BONNER_INKS[a.name as keyof typeof BONNER_INKS]))
  const traced = traceCurves(bonner, BONNER, inks)
  const t: number[] = []
  const e: number[] = []
  const g: string[] = []
  const events: number[] = []
  trial.arms.forEach((arm, i) => {
    const ipd = reconstructTrace(traced[i], arm.risk, true)
    events.push(ipd.filter((r) => r.event === 1).length)
    for (const r of ipd) {
      t.push(r.time)
      e.push(r.event)
      g.push(arm.name)
    }
  })
  const cox = coxTwoGroup(t, e, g, { ref: trial.arms[0].name })
  const p = trial.published!
  const inside = cox.hr !== null && cox.hr >= p.lower && cox.hr <= p.upper
  print(
    '| input | events per arm | HR (95% CI) | published HR (95% CI) | inside the published CI |',
  )
  print('| --- | --- | --- | --- | --- |')
  print(
    `| traced (${Object.values(BONNER_INKS).join(', ')}) | ${events.join(' / ')} | ${cox.hr?.toFixed(3)} (${cox.lower?.toFixed(3)}–${cox.upper?.toFixed(3)}) | ${p.hr} (${p.lower}–${p.upper}) | ${inside ? 'yes' : 'no'} |`,
  )
  print('')

  print('## Tracing speed (one curve, mean of repeated runs)')
  print('')
  print('| figure | size | ms per curve |')
  print('| --- | --- | --- |')
  for (const c of caseTimes) print(`| ${c.name} | ${c.size} | ${c.ms.toFixed(1)} |`)
  const big = renderKmFigure({ ...randomFigureSpec(3), width: 4000, height: 3000, jpeg: null })
  const bigColors = big.arms.map((a) => parseColor(a.color))
  const bigMs =
    timeIt(() => traceCurves(big.image, big.calibration, bigColors), 1000) / bigColors.length
  print(`| generated (seed 3, redrawn larger) | 4000×3000 | ${bigMs.toFixed(1)} |`)
  print('')
  print(
    'Targets (issue 5): mean IAE ≤ 0.003 on the cases and the generated figures, no arm above 0.010; Bonner HR inside 0.52–0.89; tracing a 1400×1000 figure under 100 ms, a 4000×3000 one under 1 s.',
  )
}
