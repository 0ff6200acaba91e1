/**
 * A stretch hidden under censor marks (traceStatus.ts: underMarks, issue 10) in the words a user
 * reads — the app's curve list, reconstruction panel and overlay legend, the saved study — worked
 * by hand from the inputs written here.
 */
import { describe, expect, it } from 'vitest'
import { type CurveTrace, curveTraceOf, curveTraceSchema } from '../../src/shared/model/curveTrace'
import { legendRows } from '../../src/renderer/src/canvas/traceStatusOverlay'
import type { StudyCurve } from '../../src/shared/model/study'
import {
  reconstructionCaveat,
  traceStatusText,
} from '../../src/renderer/src/geometry/traceStatusText'

const armA = { id: 'a', name: 'Arm A', color: '#bc3c29' }
const studyCurve: StudyCurve = { ...armA, points: [], risk: [] }
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
      'These patients rest on stretches where the trace ran under censor marks drawn over its line: hidden under censor marks, 0.95–1.5 months. Check them on the figure (dashed on the overlay).',
    )
  })

  it('is said once for many stretches, beside the other kinds, in the caveat and the legend', () => {
    const armB = { id: 'b', name: 'Arm B', color: '#0072b5' }
    const trace: CurveTrace = {
      status: 'gaps',
      stretches: [
        { kind: 'under', from: 10.2, to: 12.1, x0: 300, x1: 330, underMarks: true },
        { kind: 'under', from: 12.4, to: 16.8, x0: 335, x1: 400, underColor: '#0072b5' },
        { kind: 'under', from: 17.2, to: 18.9, x0: 405, x1: 430, underMarks: true },
        { kind: 'gap', from: 19.4, to: 23.3, x0: 440, x1: 500 },
        { kind: 'under', from: 23.5, to: 23.9, x0: 502, x1: 508, underMarks: true },
      ],
    }
    const curve = { ...armA, trace }
    expect(traceStatusText(curve, [curve, armB], 'months')).toBe(
      'hidden under censor marks, 10–12, 17–19 and 23.5–23.9 months; partly under Arm B, 12–17 months; no ink of its own, 19–23 months',
    )
    expect(reconstructionCaveat(curve, [curve, armB], 'months')).toContain(
      'stretches where the trace followed another curve’s ink, ran under censor marks drawn over its line or had no ink of its own (bridged by a straight line): ',
    )
    const legend = (t: CurveTrace) =>
      legendRows([{ ...studyCurve, trace: t }]).find((r) => r.kind === 'under')?.text
    expect(legend(trace)).toBe('Traced under another curve’s line or censor marks (inferred)')
    expect(legend(underMarks)).toBe('Traced under censor marks (inferred)')
    const other = { ...trace, stretches: trace.stretches.filter((s) => !s.underMarks) }
    expect(legend(other)).toBe('Traced under another curve’s line (inferred)')
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
