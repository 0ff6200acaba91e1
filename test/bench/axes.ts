import { openOcr } from '../../src/node/ocr'
import { detectAxes } from '../../src/shared/axes'
import {
  type AxesCalibration,
  axesTransform,
  survivalAxes,
} from '../../src/shared/calibration/axes'
import { parseCalibration } from '../../src/shared/trace'
import type { Calibration } from '../../src/shared/trace/types'
import { renderKmFigure } from '../generator/kmFigure'
import { HELD_OUT, seeds } from '../generator/seeds'
import { armIaes } from './tracing'
import {
  FIGURE_STYLES,
  type FigureStyle,
  styleOfSeed,
  styledFigureSpec,
} from '../generator/styledFigure'

type Print = (s: string) => void

/** A calibration is wrong when a true tick maps more than this far (pixels) from where it is. */
const WRONG_PX = 2

interface Tally {
  n: number
  calibrated: number
  refused: number
  wrong: number
  right: number
  ms: number[]
}

/** The generator's calibration as the axes reader's type (its time unit is always months). */
const asAxes = ({ x1, x2, y1, y2, yScale }: Calibration): AxesCalibration => ({
  x1,
  x2,
  y1,
  y2,
  yScale,
})

const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : '–')

/**
 * Issue 14's axis reader on the held-out generated figures (the styles in turn): how many it
 * calibrates, refuses, and calibrates wrongly (a true tick more than 2 px from where the
 * calibration maps its value: the outcome that must not happen), how many are right by the
 * issue's target (the plot's corners mapped within 0.5% of the time range and 0.005 of
 * survival), and the time per figure with the OCR engine already started.
 */
export async function benchAxes(print: Print): Promise<void> {
  print('## Axes read from the figure (issue 14)')
  print('')
  await axesAccuracy(print, seeds(HELD_OUT), 'held-out')
}

/** The table for any seeds (the held-out ones in the bench; development seeds while tuning). */
export async function axesAccuracy(print: Print, list: number[], kind: string): Promise<void> {
  const ocr = openOcr()
  const blank = { data: new Uint8ClampedArray(16 * 16 * 4).fill(255), width: 16, height: 16 }
  let t0 = performance.now()
  await ocr.recognizeWords(blank)
  const startMs = performance.now() - t0
  const tallies = new Map<FigureStyle | 'all', Tally>()
  const tally = (k: FigureStyle | 'all') => {
    if (!tallies.has(k)) {
      tallies.set(k, { n: 0, calibrated: 0, refused: 0, wrong: 0, right: 0, ms: [] })
    }
    return tallies.get(k)!
  }
  const wrongOnes: string[] = []
  // The reconstruction from arms traced (true colours) with the read calibration, beside the same
  // with the true one, over the figures calibrated: what reading the axes costs downstream.
  const iaeRead: number[] = []
  const iaeTrue: number[] = []
  let armsLost = 0
  for (const seed of list) {
    const style = styleOfSeed(seed)
    const spec = styledFigureSpec(seed, style)
    const fig = renderKmFigure(spec)
    t0 = performance.now()
    const found = await detectAxes(fig.image, (req) => ocr.recognizeWords(fig.image, req))
    const ms = performance.now() - t0
    for (const t of [tally(style), tally('all')]) {
      t.n++
      t.ms.push(ms)
    }
    const cal = found.calibration
    if (!cal) {
      tally(style).refused++
      tally('all').refused++
      continue
    }
    tally(style).calibrated++
    tally('all').calibrated++
    const truth = axesTransform(asAxes(fig.calibration))
    const got = axesTransform(cal)
    const top = fig.calibration.yScale === 'percent' ? 100 : 1
    let worst = 0
    for (let t = 0; t <= spec.tMax + 1e-9; t += spec.tickStep) {
      worst = Math.max(worst, Math.abs(got.toPixel(t, 0).px - truth.toPixel(t, 0).px))
    }
    for (const s of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
      worst = Math.max(worst, Math.abs(got.toPixel(0, s * top).py - truth.toPixel(0, s * top).py))
    }
    const yScaleRight = cal.yScale === fig.calibration.yScale
    if (worst > WRONG_PX || !yScaleRight) {
      tally(style).wrong++
      tally('all').wrong++
      wrongOnes.push(
        `seed ${seed} (${style}): ${worst.toFixed(1)} px${yScaleRight ? '' : ', y scale'}`,
      )
      continue
    }
    const read = armIaes(fig, parseCalibration(cal))
    const truthIaes = armIaes(fig, fig.calibration)
    read.forEach((r, i) => {
      const t = truthIaes[i]
      if (t === null) return
      if (r === null) armsLost++
      else {
        iaeRead.push(r)
        iaeTrue.push(t)
      }
    })
    // The target: the plot's corners, mapped back to data, within 0.5% of the time range
    // and 0.005 of survival.
    const s = survivalAxes(cal)
    const trueAxes = survivalAxes(asAxes(fig.calibration))
    const corners = [
      [0, 0],
      [spec.tMax, 0],
      [0, 1],
      [spec.tMax, 1],
    ].map(([t, v]) => s.toData(trueAxes.toPixel(t, v).px, trueAxes.toPixel(t, v).py))
    const cornersRight = corners.every(
      (c, i) =>
        Math.abs(c.time - [0, spec.tMax, 0, spec.tMax][i]) <= 0.005 * spec.tMax &&
        Math.abs(c.surv - [0, 0, 1, 1][i]) <= 0.005,
    )
    if (cornersRight) {
      tally(style).right++
      tally('all').right++
    }
  }
  await ocr.close()
  print(
    `${list.length} ${kind} figures (seeds ${list[0]}–${list[list.length - 1]}, the styles in turn); OCR engine start ${startMs.toFixed(0)} ms (once per process).`,
  )
  print('')
  print(
    '| style | figures | calibrated | refused | wrong (> 2 px) | right (issue target ≥ 98%) | mean s / figure | max s |',
  )
  print('|---|---|---|---|---|---|---|---|')
  for (const k of [...FIGURE_STYLES, 'all'] as const) {
    const t = tallies.get(k)
    if (!t) continue
    const mean = t.ms.reduce((a, b) => a + b, 0) / t.ms.length / 1000
    const max = Math.max(...t.ms) / 1000
    print(
      `| ${k} | ${t.n} | ${pct(t.calibrated, t.n)} | ${pct(t.refused, t.n)} | ${pct(t.wrong, t.n)} | ${pct(t.right, t.n)} | ${mean.toFixed(2)} | ${max.toFixed(2)} |`,
    )
  }
  print('')
  print(
    wrongOnes.length
      ? `Wrong calibrations (must be none): ${wrongOnes.join('; ')}`
      : 'Wrong calibrations: none (a refused figure is reported to the user; a wrong one would not be).',
  )
  print('')
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  const worse = iaeRead.filter((r, i) => r > iaeTrue[i] + 0.0005).length
  print(
    `Downstream, on the ${tally('all').calibrated} figures calibrated: the arms traced with their true colours and reconstructed with the true risk table (censor marks not used) have a mean IAE of ${avg(iaeRead).toFixed(4)} with the calibration read from the image and ${avg(iaeTrue).toFixed(4)} with the true one (${iaeRead.length} arms); ${worse} arms worse by more than 0.0005 with the read one, ${armsLost} traced with the true calibration but not with the read one.`,
  )
  print('')
}
