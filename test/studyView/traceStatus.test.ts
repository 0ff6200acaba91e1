/**
 * The app's side of a traced curve's status (issue 10): kept on the study's curve, said in plain
 * words on the curve list and the reconstruction panel, and drawn along the digitized step line.
 * The expected values are worked by hand from the inputs written here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type CurveTrace, curveTraceOf } from '../../src/shared/model/curveTrace'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { emptyStudy, studySchema } from '../../src/shared/model/study'
import { legendRows } from '../../src/renderer/src/canvas/traceStatusOverlay'
import {
  formatTime,
  reconstructionCaveat,
  traceNoteText,
  traceStatusText,
} from '../../src/renderer/src/geometry/traceStatusText'
import { stretchPath } from '../../src/renderer/src/geometry/traceStretchPath'
import { addTracedCurve, applyTrace } from '../../src/renderer/src/store/traceOps'
import { repoRoot } from '../e2e/paths'
import { axes, calibration } from './traceFixture'

const armA = { id: 'a', name: 'Arm A', color: '#1f77b4' }
const armB = { id: 'b', name: 'Arm B', color: '#D62728' }
const inferred: CurveTrace = {
  status: 'inferred',
  stretches: [{ kind: 'under', from: 3.14, to: 7.76, x0: 131, x1: 178, underColor: '#d62728' }],
}
const gaps: CurveTrace = {
  status: 'gaps',
  stretches: [
    { kind: 'under', from: 0, to: 0.456, x0: 100, x1: 105, underColor: '#00ff00' },
    { kind: 'gap', from: 12, to: 15.4, x0: 220, x1: 250 },
  ],
}

describe('traceStatusText', () => {
  it('says whole, or each stretch with whose line was followed and when', () => {
    const whole = { ...armA, trace: { status: 'whole' as const, stretches: [] } }
    expect(traceStatusText(whole, [whole, armB], 'months')).toBe('traced whole')
    // With the tracer's notes (one may say the trace followed another curve), it says to read them.
    const noted = (notes: string[]) => ({ ...whole, trace: { ...whole.trace, notes } })
    expect(traceStatusText(noted([]), [whole, armB], 'months')).toBe('traced whole')
    expect(traceStatusText(noted(['a']), [whole, armB], 'months')).toBe(
      'traced whole; see the note below',
    )
    expect(traceStatusText(noted(['a', 'b']), [whole, armB], 'months')).toBe(
      'traced whole; see the notes below',
    )
    // Arm B's colour is matched whatever its case; the curve's own is never named.
    expect(traceStatusText({ ...armA, trace: inferred }, [armA, armB], 'months')).toBe(
      'partly under Arm B, 3.1–7.8 months',
    )
    expect(traceStatusText({ ...armA, trace: gaps }, [armA, armB], 'days')).toBe(
      'partly under another curve (#00ff00), 0–0.46 days; no ink of its own, 12–15 days',
    )
    const self = {
      ...armA,
      trace: { ...inferred, stretches: [{ ...inferred.stretches[0], underColor: armA.color }] },
    }
    expect(traceStatusText(self, [self], 'months')).toBe(
      'partly under another curve (#1f77b4), 3.1–7.8 months',
    )
  })

  it('claims nothing for a curve never traced, and never calls a flagged curve whole', () => {
    expect(traceStatusText(armA, [armA], 'months')).toBeNull()
    const bare = { ...armA, trace: { status: 'gaps' as const, stretches: [] } }
    expect(traceStatusText(bare, [bare], 'months')).not.toContain('whole')
  })

  it('formats times as a reader says them', () => {
    expect([formatTime(0), formatTime(0.456), formatTime(3.14), formatTime(15.4)]).toEqual([
      '0',
      '0.46',
      '3.1',
      '15',
    ])
  })
})

describe('traceNoteText', () => {
  const curves = [
    { id: 'a', name: 'Placebo', color: '#1F77B4' },
    { id: 'b', name: '', color: '#d62728' },
  ]

  it('names a curve by its name where the study has its colour, else keeps the colour', () => {
    // As traceAudit.ts words follows-other (its message, shortened).
    const m =
      "the trace of colour #d62728 runs along the trace of colour #1f77b4 for 80% of its length: it may have followed that curve's line"
    expect(traceNoteText(m, curves)).toBe(
      // #d62728's curve has no name: its colour stays, the sentence still says which.
      "The trace of colour #d62728 runs along the trace of Placebo for 80% of its length: it may have followed that curve's line.",
    )
    expect(traceNoteText(m)).toBe(
      "The trace of colour #d62728 runs along the trace of colour #1f77b4 for 80% of its length: it may have followed that curve's line.",
    )
  })

  it("says the eyedropper where the tracer's message says --color", () => {
    // As suggestColors.ts words candidate-is-marks (its message, shortened).
    const marks =
      'black ink (#000000) between time 0.0 and 30.0 lies in small pieces along the #1f77b4 curve: read as censor marks on that curve, not a curve of its own; if it is an arm, give its colour with --color'
    // No curve of the study has that colour yet (Suggest curves' offers are not curves yet).
    const text = traceNoteText(marks)
    expect(text).not.toContain('--color')
    expect(text).toBe(
      'Black ink (#000000) between time 0.0 and 30.0 lies in small pieces along the #1f77b4 curve: read as censor marks on that curve, not a curve of its own; if it is an arm, pick its colour with the eyedropper (I) and press Trace.',
    )
    // Once the study has a curve of that colour, it is named.
    expect(traceNoteText(marks, [{ id: 'c', name: 'Arm A', color: '#1f77b4' }])).toContain(
      'lies in small pieces along the curve of Arm A: read as censor marks',
    )
    expect(traceNoteText('no curve found; give the curve colours with --color.')).toBe(
      'No curve found; pick each curve’s colour with the eyedropper (I).',
    )
    // Suggest curves' notes of an arm that may be lost (suggestColors.ts).
    expect(
      traceNoteText(
        "ink of two hues (about #492f1c and #5a2f2b) makes up the #a9877b curve: two arms of neighbouring colours may be drawn there and traced as one, and one of them lost; check its overlay, and give each arm's colour with --color",
      ),
    ).toMatch(/; check its overlay, and pick each arm’s colour with the eyedropper \(I\)\.$/)
  })
})

describe('reconstructionCaveat', () => {
  it('is given only when the trace is inferred or has gaps, and says which', () => {
    expect(reconstructionCaveat(armA, [armA], 'months')).toBeNull()
    const whole = { ...armA, trace: { status: 'whole' as const, stretches: [] } }
    expect(reconstructionCaveat(whole, [whole], 'months')).toBeNull()
    const a = reconstructionCaveat({ ...armA, trace: inferred }, [armA, armB], 'months')!
    expect(a).toContain('followed another curve’s ink: partly under Arm B, 3.1–7.8 months')
    const b = reconstructionCaveat({ ...armA, trace: gaps }, [armA, armB], 'months')!
    expect(b).toContain('no ink of its own (bridged by a straight line)')
  })

  it('says apart that the trace stops before its line does, from its last point on', () => {
    // The tracer's ink-beyond-end: a gap from the trace's last point (time 12) on.
    const points = [
      { time: 0, surv: 1 },
      { time: 12, surv: 0.6 },
    ]
    const stops = { ...armA, points, trace: gaps }
    expect(traceStatusText(stops, [stops, armB], 'months')).toBe(
      'partly under another curve (#00ff00), 0–0.46 months; not traced where its line goes on, 12–15 months',
    )
    const c = reconstructionCaveat(stops, [stops, armB], 'months')!
    expect(c).toBe(
      'These patients rest on stretches where the trace followed another curve’s ink: partly under another curve (#00ff00), 0–0.46 months. Check them on the figure (dashed on the overlay). The trace stops before its line does (12–15 months not traced): the reconstruction knows nothing of the curve after its end. Check the end on the figure.',
    )
    // A gap before the last point is a bridge, as before.
    const bridged = { ...stops, points: [...points, { time: 20, surv: 0.5 }] }
    expect(reconstructionCaveat(bridged, [bridged, armB], 'months')).toContain(
      'had no ink of its own (bridged by a straight line)',
    )
  })
})

describe('stretchPath', () => {
  // Corners of a step function: level 100 until column 200, where it drops to 300.
  const points = [
    { px: 100, py: 100 },
    { px: 200, py: 100 },
    { px: 200, py: 300 },
    { px: 400, py: 300 },
  ]
  it('follows the step line between the stretch columns, drops included', () => {
    expect(stretchPath(points, 150, 250)).toEqual([
      { px: 150, py: 100 },
      { px: 200, py: 100 },
      { px: 200, py: 300 },
      { px: 250, py: 300 },
    ])
  })
  it('starts at the level reached before the stretch, and is empty when there is nothing', () => {
    expect(stretchPath(points, 300, 350)).toEqual([
      { px: 300, py: 300 },
      { px: 350, py: 300 },
    ])
    // Before the first point the curve is at the first point's level.
    expect(stretchPath(points, 0, 50)).toEqual([
      { px: 0, py: 100 },
      { px: 50, py: 100 },
    ])
    // A stretch that starts at a drop's column starts below it: the column's level is the drop's.
    expect(stretchPath(points, 200, 250)).toEqual([
      { px: 200, py: 300 },
      { px: 250, py: 300 },
    ])
    expect(stretchPath([], 0, 50)).toEqual([])
    expect(stretchPath(points, 50, 50)).toEqual([])
  })
})

describe('the trace status on the study', () => {
  const trace = {
    corners: [
      { x: 100, y: 100 },
      { x: 400, y: 100 },
      { x: 400, y: 300 },
      { x: 700, y: 300 },
    ],
    censorTimes: [],
  }

  it('is kept from the tracer (its run-local curve index dropped) and saved', () => {
    const status = curveTraceOf({
      status: 'inferred',
      stretches: [{ ...inferred.stretches[0], underArm: 1 }],
    })
    expect(status).toEqual(inferred)
    const added = addTracedCurve(
      { ...emptyStudy(), calibration },
      '#1f77b4',
      { ...trace, status },
      axes,
    )
    expect(added.study.curves[0].trace).toEqual(inferred)
    expect(studySchema.safeParse(added.study).success).toBe(true)
    // A new trace without a status claims none.
    const again = applyTrace(added.study, added.id, trace, axes)
    expect(again.curves[0].trace).toBeUndefined()
  })

  it('loads files saved before it existed, and refuses a malformed one', () => {
    const text = readFileSync(join(repoRoot, 'test/fixtures/studies/v1/two-arm.kmstudy'), 'utf8')
    const study = parseStudyFile(text, 'two-arm.kmstudy')
    expect(study.curves.length).toBeGreaterThan(0)
    expect(study.curves.every((c) => c.trace === undefined)).toBe(true)
    const bad = {
      ...study,
      curves: [{ ...study.curves[0], trace: { status: 'partly', stretches: [] } }],
    }
    expect(studySchema.safeParse(bad).success).toBe(false)
  })

  it('adds the stretch styles to the legend only when a curve has such stretches', () => {
    const curve = { ...emptyStudy(), calibration }
    const added = addTracedCurve(curve, '#1f77b4', { ...trace, status: gaps }, axes)
    expect(legendRows(added.study.curves).map((r) => r.kind)).toEqual([
      'points',
      'reconstructed',
      'under',
      'gap',
    ])
    const plain = applyTrace(added.study, added.id, trace, axes)
    expect(legendRows(plain.curves).map((r) => r.kind)).toEqual(['points', 'reconstructed'])
  })

  it('says a gap beyond the trace’s end is not traced, not bridged', () => {
    const curve = { ...emptyStudy(), calibration }
    const added = addTracedCurve(curve, '#1f77b4', { ...trace, status: gaps }, axes)
    const gapText = (curves: typeof added.study.curves) =>
      legendRows(curves).find((r) => r.kind === 'gap')?.text
    const c = added.study.curves[0]
    // The fixture's gap (12–15.4) lies before the trace's end: bridged.
    expect(Math.max(...c.points.map((p) => p.time))).toBeGreaterThan(15.4)
    expect(gapText(added.study.curves)).toBe('No ink of its own: bridged (gap)')
    // The same gap after the trace's last point (time 10): beyond its end.
    const cut = { ...c, points: [c.points[0], { ...c.points[0], time: 10 }] }
    expect(gapText([cut])).toBe('Not traced beyond the trace’s end, where its line goes on (gap)')
    // Both kinds: both said (a gap before the trace's end, bridged).
    const inside = { kind: 'gap' as const, from: 2, to: 4, x0: 120, x1: 125 }
    const both = { ...cut, trace: { ...cut.trace!, stretches: [...cut.trace!.stretches, inside] } }
    expect(gapText([both])).toBe('No ink of its own: bridged, or not traced beyond its end (gap)')
  })
})
