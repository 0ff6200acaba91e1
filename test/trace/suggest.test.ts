import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readImage } from '../../src/cli/image'
import { readRiskFile } from '../../src/shared/formats/riskFile'
import { reconstruct } from '../../src/shared/reconstruct'
import { coxTwoGroup } from '../../src/shared/survival'
import { deltaE, rgbToLab } from '../../src/shared/trace/color'
import { traceAllCurves } from '../../src/shared/trace/suggestColors'
import type { Calibration, Rgb, TracedCurve } from '../../src/shared/trace'

const TRIAL = resolve(import.meta.dirname, '../../../shared/trials/bonner2006')

/** Bonner 2006 (radiotherapy ± cetuximab): a low-resolution black-and-grey figure. */
const calibration: Calibration = {
  x1: { px: 120.5, py: 224, value: 0 },
  x2: { px: 394.5, py: 224, value: 70 },
  y1: { px: 120.5, py: 224, value: 0 },
  y2: { px: 120.5, py: 36, value: 100 },
  yScale: 'percent',
}

/** The arms' inks as an eyedropper picks them. */
const GREY: Rgb = [153, 153, 153] // radiotherapy, lower curve
const BLACK: Rgb = [34, 34, 34] // radiotherapy + cetuximab, upper curve

const dE = (p: Rgb, q: Rgb) => deltaE(rgbToLab(...p), rgbToLab(...q))
const risk = (name: string) =>
  readRiskFile(readFileSync(resolve(TRIAL, `${name}_risk.csv`), 'utf8'), `${name}_risk.csv`).rows

describe('traceAllCurves on a black-and-grey figure', () => {
  const curves = traceAllCurves(readImage(resolve(TRIAL, 'figure.png')), calibration)

  it('offers the grey arm beside the black one, told apart by lightness', () => {
    expect(curves).toHaveLength(2)
    const [dark, light] = [...curves].sort(
      (a, b) => rgbToLab(...a.color)[0] - rgbToLab(...b.color)[0],
    )
    // The colours are the histogram peaks of the inks (thin anti-aliased lines read a little
    // lighter than the eyedropper's core pixel), each nearest its own arm's ink.
    expect(dE(dark.color, BLACK)).toBeLessThan(20)
    expect(dE(light.color, GREY)).toBeLessThan(20)
    expect(dE(dark.color, BLACK)).toBeLessThan(dE(dark.color, GREY))
    expect(dE(light.color, GREY)).toBeLessThan(dE(light.color, BLACK))
  })

  it('reconstructs to the published hazard ratio', () => {
    const [dark, light] = [...curves].sort(
      (a, b) => rgbToLab(...a.color)[0] - rgbToLab(...b.color)[0],
    )
    const ipd = (curve: TracedCurve, name: string) =>
      reconstruct({
        points: curve.points.map((p) => ({ time: p.time, surv: p.surv })),
        risk: risk(name),
      }).ipd
    const grey = ipd(light, 'radiotherapy')
    const black = ipd(dark, 'radiotherapy_cetuximab')
    const rows = [
      ...grey.map((r) => ({ ...r, group: 'radiotherapy' })),
      ...black.map((r) => ({ ...r, group: 'cetuximab' })),
    ]
    const cox = coxTwoGroup(
      rows.map((r) => r.time),
      rows.map((r) => r.event),
      rows.map((r) => r.group),
      { ref: 'radiotherapy' },
    )
    // regression lock: HR 0.719 produced by kmpool (trace with the suggested colours, reconstruct,
    // Cox) on 2026-12-07, ±0.01; the published CI (0.52–0.89) is the external check. (0.736 until
    // the black arm's tail, which leapt across the background onto the grey arm's last step, ends
    // where its own line ends: retraceAlongOthers.ts, tailLeapt.)
    expect(Math.abs(cox.hr! - 0.719), `HR ${cox.hr}`).toBeLessThanOrEqual(0.01)
    expect(cox.hr).toBeGreaterThan(0.52)
    expect(cox.hr).toBeLessThan(0.89)
  })
})
