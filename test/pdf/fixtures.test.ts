import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PdfPage, openPdfPage } from '../../src/cli/pdf'
import { type VectorCurve, findVectorCurves } from '../../src/shared/pdf'
import { reconstruct } from '../../src/shared/reconstruct'
import { formatColor } from '../../src/shared/trace'
import { integratedAbsoluteError } from '../bench/metrics'
import { CASES, type FixtureArm, loadFixture, roundingInTime } from './helpers'

/** The found curve drawn as this arm is: its colour, dashed or not. */
function curveOf(curves: VectorCurve[], arm: FixtureArm): VectorCurve {
  const mine = curves.filter(
    (c) => formatColor(c.color) === arm.color && c.dash.length > 0 === (arm.lty !== 1),
  )
  expect(mine, `one curve for ${arm.name}`).toHaveLength(1)
  return mine[0]
}

describe.each(CASES)('%s.pdf, drawn by R', (name) => {
  const f = loadFixture(name)
  let page: PdfPage
  let curves: VectorCurve[]
  beforeAll(() => {
    page = openPdfPage(f.pdf, { scale: f.scale })
    curves = findVectorCurves(page.paths, f.calibration, { bounds: page.geometry })
  })
  afterAll(() => page.close())

  it('finds exactly the arms’ curves, nothing else on the page', () => {
    expect(curves).toHaveLength(f.arms.length)
    for (const arm of f.arms) curveOf(curves, arm)
  })

  it('reads every step corner of the true KM curve, to R’s rounding of its coordinates', () => {
    // R writes coordinates to 0.01 pt: at most 0.0004 months on the monthly axes, 0.0018 weeks
    // on aml's 168-week axis; survival is exact to 2e-5.
    const timeTol = Math.max(1e-3, roundingInTime(f) * 1.01)
    for (const arm of f.arms) {
      const curve = curveOf(curves, arm)
      expect(curve.points).toHaveLength(arm.corners.length)
      curve.points.forEach((p, i) => {
        expect(Math.abs(p.time - arm.corners[i].time)).toBeLessThanOrEqual(timeTol)
        expect(Math.abs(p.surv - arm.corners[i].surv)).toBeLessThanOrEqual(1e-4)
      })
    }
    expect(roundingInTime(f)).toBeLessThanOrEqual(name === 'aml' ? 2e-3 : 5e-4)
  })

  it('reads a censor mark at each time R marks, on the right curve', () => {
    const timeTol = Math.max(1e-3, roundingInTime(f) * 1.01)
    for (const arm of f.arms) {
      const curve = curveOf(curves, arm)
      const times = curve.censorMarks.map((m) => m.time)
      expect(times).toHaveLength(arm.censor.length)
      times.forEach((t, i) => expect(Math.abs(t - arm.censor[i])).toBeLessThanOrEqual(timeTol))
      for (const m of curve.censorMarks) {
        // On the plateau it sits on; a mark at a time with a death too (R draws it halfway down
        // the fall) is on either side of the fall.
        const before = arm.corners.filter((c) => c.time < m.time - timeTol).at(-1)!.surv
        const after = arm.corners.filter((c) => c.time <= m.time + timeTol).at(-1)!.surv
        const off = Math.min(Math.abs(m.surv - before), Math.abs(m.surv - after))
        expect(off).toBeLessThanOrEqual(1e-4)
      }
    }
  })

  it('reconstructs the IPD as well as R’s own corners and censoring times do', () => {
    for (const arm of f.arms) {
      const curve = curveOf(curves, arm)
      const read = reconstruct({
        points: curve.points.map((p) => ({ time: p.time, surv: p.surv })),
        risk: arm.risk,
        censorTimes: curve.censorMarks.map((m) => m.time),
      }).ipd
      const exact = reconstruct({ points: arm.corners, risk: arm.risk, censorTimes: arm.censor })
      const iae = integratedAbsoluteError(read, arm.ipd)
      expect(Math.abs(iae - integratedAbsoluteError(exact.ipd, arm.ipd))).toBeLessThan(1e-4)
      expect(iae).toBeLessThan(0.0035)
    }
  })
})
