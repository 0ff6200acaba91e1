import { describe, expect, it } from 'vitest'
import { reconstruct } from '../../src/shared/reconstruct'
import { parseColor, traceCurves } from '../../src/shared/trace'
import { integratedAbsoluteError } from '../bench/metrics'
import { renderKmFigure } from '../generator/kmFigure'
import { type FigureStyle, styledFigureSpec } from '../generator/styledFigure'
import { traceIae } from './helpers'

/**
 * House-style figures of DEVELOPMENT seeds (test/generator/seeds.ts; the held-out ones are the
 * bench's alone), traced with their true colours and calibration. Limits: each arm's trace within
 * 0.003 of its true KM (mean absolute gap; these arms trace at 0.0003–0.0018 today) and its
 * reconstruction from the trace and the risk table within IAE 0.004 (0.0008–0.0031 today), with
 * the traced censor marks and without. These six were picked among the first development seeds
 * as ones traced well today: they guard against a regression; the bench prints how the styles
 * fare over many figures, failures included.
 */
const FIGURES: { style: FigureStyle; seed: number; what: string }[] = [
  { style: 'survminer', seed: 3, what: 'grey panel, bands, dense "+" marks, JPEG 0.84' },
  { style: 'survminer', seed: 8, what: 'three arms in ggplot2 hues, PNG' },
  { style: 'nejm', seed: 2, what: 'black "+" marks on three coloured curves, scaled down, JPEG' },
  { style: 'jco', seed: 7, what: 'upward ticks, JPEG' },
  { style: 'lancet', seed: 3, what: 'dark colours and grey, JPEG' },
  { style: 'jama', seed: 6, what: 'dark slate, grey and orange, JPEG' },
]

const TRACE_LIMIT = 0.003
const RECONSTRUCTION_LIMIT = 0.004

describe('tracing house-style figures (development seeds)', () => {
  for (const { style, seed, what } of FIGURES) {
    it(`traces and reconstructs ${style} seed ${seed} (${what})`, () => {
      const fig = renderKmFigure(styledFigureSpec(seed, style))
      const colors = fig.arms.map((a) => parseColor(a.color))
      const curves = traceCurves(fig.image, fig.calibration, colors)
      expect(curves).toHaveLength(fig.arms.length)
      curves.forEach((curve, i) => {
        const arm = fig.arms[i]
        const label = `${style} ${seed} ${arm.name}`
        expect(traceIae(curve, arm.ipd), label).toBeLessThan(TRACE_LIMIT)
        const points = curve.points.map((p) => ({ time: p.time, surv: p.surv }))
        const plain = reconstruct({ points, risk: arm.risk }).ipd
        const marked = reconstruct({
          points,
          risk: arm.risk,
          censorTimes: curve.censorMarks.map((m) => m.time),
        }).ipd
        expect(integratedAbsoluteError(plain, arm.ipd), `${label}, no marks`).toBeLessThan(
          RECONSTRUCTION_LIMIT,
        )
        expect(integratedAbsoluteError(marked, arm.ipd), `${label}, marks`).toBeLessThan(
          RECONSTRUCTION_LIMIT,
        )
      })
    })
  }
})
