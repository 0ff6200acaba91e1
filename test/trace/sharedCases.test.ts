import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readImage } from '../../src/cli/image'
import { reconstruct } from '../../src/shared/reconstruct'
import { parseColor, traceCurves } from '../../src/shared/trace'
import { SHARED, loadCases } from '../bench/cases'
import { integratedAbsoluteError } from '../bench/metrics'

/**
 * Issue 10: tracing may not make the R-rendered figures of ../shared/cases worse. Each arm is
 * traced by its true colour (all arms of the figure together), reconstructed with its published
 * numbers at risk, and compared with the case's true IPD.
 */
function tracedIae(): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of loadCases()) {
    const dir = join(SHARED, 'cases', c.name)
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'))
    const colors = c.arms.map((a) => parseColor(truth.curveColors[a.name]))
    const curves = traceCurves(readImage(join(dir, 'figure.png')), truth.calibration, colors)
    c.arms.forEach((arm, i) => {
      const points = curves[i].points.map((p) => ({ time: p.time, surv: p.surv }))
      const r = reconstruct({ points, risk: arm.risk })
      out.set(`${c.name} ${arm.name}`, integratedAbsoluteError(r.ipd, arm.truth))
    })
  }
  return out
}

describe('traced shared cases (R-rendered figures)', () => {
  it('are no worse than before the tie rule kept paths at the top of a drop', () => {
    // regression lock: produced by kmpool at commit 7365c50 (before last session's tracing
    // changes), not an external reference. Those changes held lung's and veteran's drops a column
    // or so late (the path stayed at the top of a tie and fell along a mark's arm or a sliver of
    // the line beside a gridline): lung Female 0.00347, veteran Test 0.00316, mean 0.00182.
    // Each limit is that commit's IAE + 3%.
    const before: Record<string, number> = {
      'lung Female': 0.00263,
      'lung Male': 0.00194,
      'veteran Standard': 0.00556,
      'veteran Test': 0.00288,
    }
    const iae = tracedIae()
    expect(iae.size).toBe(8)
    for (const [arm, limit] of Object.entries(before)) {
      expect(iae.get(arm), arm).toBeLessThanOrEqual(limit * 1.03)
    }
    const mean = [...iae.values()].reduce((a, b) => a + b) / iae.size
    expect(mean, 'mean IAE').toBeLessThanOrEqual(0.00164 * 1.01)
  })
})
