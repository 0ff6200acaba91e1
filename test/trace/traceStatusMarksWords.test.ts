/**
 * A stretch hidden under censor marks (traceStatus.ts: underMarks, issue 10) in the words a user
 * reads — the app's curve list and reconstruction panel, the saved study — worked by hand from the
 * inputs written here.
 */
import { describe, expect, it } from 'vitest'
import { type CurveTrace, curveTraceOf, curveTraceSchema } from '../../src/shared/model/curveTrace'
import {
  reconstructionCaveat,
  traceStatusText,
} from '../../src/renderer/src/geometry/traceStatusText'

const armA = { id: 'a', name: 'Arm A', color: '#bc3c29' }
const underMarks: CurveTrace = {
  status: 'inferred',
  stretches: [{ kind: 'under', from: 0.95, to: 1.46, x0: 61, x1: 68, underMarks: true }],
}

describe('a stretch under censor marks', () => {
  it('is said plainly on the curve list and the reconstruction panel', () => {
    const curve = { ...armA, trace: underMarks }
    expect(traceStatusText(curve, [curve], 'months')).toBe(
      'hidden under censor marks, 0.95–1.5 months',
    )
    expect(reconstructionCaveat(curve, [curve], 'months')).toBe(
      'These patients rest on stretches where the trace followed another curve’s ink or censor marks drawn over its line: hidden under censor marks, 0.95–1.5 months. Check them on the figure (dashed on the overlay).',
    )
  })

  it('is kept with the study and read back', () => {
    const kept = curveTraceOf({
      status: 'inferred',
      stretches: [{ kind: 'under', from: 0.95, to: 1.46, x0: 61, x1: 68, underMarks: true }],
    })
    expect(kept).toEqual(underMarks)
    expect(curveTraceSchema.parse(JSON.parse(JSON.stringify(kept)))).toEqual(underMarks)
  })
})
