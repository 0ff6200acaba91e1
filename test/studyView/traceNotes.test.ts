/**
 * The tracer's notes on a curve's trace (Trace, Suggest curves) are saved with the curve, read
 * back from the file, and dropped when the curve's points are edited by hand: an edited curve is
 * the reviewer's. Files saved before notes were kept open unchanged. The inputs are written here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  curveTraceOf,
  MAX_TRACE_NOTE_CHARS,
  MAX_TRACE_NOTES,
} from '../../src/shared/model/curveTrace'
import { formatStudyFile, parseStudyFile } from '../../src/shared/model/projectFile'
import { emptyStudy, studySchema, type Study } from '../../src/shared/model/study'
import { traceNotesOf } from '../../src/renderer/src/io/trace'
import {
  addPoint,
  deletePoints,
  movePoints,
  replacePoints,
  setPointData,
  updateCurve,
} from '../../src/renderer/src/store/studyOps'
import { addTracedCurve } from '../../src/renderer/src/store/traceOps'
import { repoRoot } from '../e2e/paths'
import { axes, calibration } from './traceFixture'

const notes = [
  'the trace of #1f77b4 ends at x = 640 while more of its ink lies further right (to x = 690)',
  'censor marks at 3.1, 7.8 on the shared line of #1f77b4 and #d62728 are counted for neither',
]
const corners = [
  { x: 100, y: 100 },
  { x: 400, y: 100 },
  { x: 400, y: 300 },
  { x: 700, y: 300 },
]

function traced(): { study: Study; id: string } {
  const status = curveTraceOf({ status: 'whole', stretches: [] }, notes)
  return addTracedCurve(
    { ...emptyStudy(), calibration },
    '#1f77b4',
    { corners, censorTimes: [], status },
    axes,
  )
}

describe("the tracer's notes on a curve", () => {
  it('are saved with its trace and read back from the file', () => {
    const { study } = traced()
    expect(traceNotesOf(study.curves[0])).toEqual(notes)
    const text = formatStudyFile(study)
    const back = parseStudyFile(text, 'notes.kmstudy')
    expect(back.curves[0].trace?.notes).toEqual(notes)
    expect(traceNotesOf(back.curves[0])).toEqual(notes)
    // A trace with nothing to note says so ([]): not the same as a trace that kept no notes.
    const none = curveTraceOf({ status: 'whole', stretches: [] }, [])
    expect(none.notes).toEqual([])
    expect(traceNotesOf({ trace: curveTraceOf({ status: 'whole', stretches: [] }) })).toBe(
      undefined,
    )
  })

  it('stay within the bounds the file is checked against, so that it always opens again', () => {
    const long = 'x'.repeat(MAX_TRACE_NOTE_CHARS + 50)
    const many = Array.from({ length: MAX_TRACE_NOTES + 5 }, (_, i) => `note ${i}`)
    const cut = curveTraceOf({ status: 'whole', stretches: [] }, [long, ...many])
    expect(cut.notes).toHaveLength(MAX_TRACE_NOTES)
    expect(cut.notes![0]).toHaveLength(MAX_TRACE_NOTE_CHARS)
    expect(cut.notes![0].endsWith('…')).toBe(true)
    const { study } = traced()
    const bounded = { ...study, curves: [{ ...study.curves[0], trace: cut }] }
    expect(studySchema.safeParse(bounded).success).toBe(true)
    const over = { ...study, curves: [{ ...study.curves[0], trace: { ...cut, notes: [long] } }] }
    expect(studySchema.safeParse(over).success).toBe(false)
  })

  it('are dropped by every hand edit of the points, and kept by a change of name or colour', () => {
    const { study, id } = traced()
    const edits: [string, (s: Study) => Study][] = [
      ['add', (s) => addPoint(s, id, 500, 320, axes).study],
      ['move', (s) => movePoints(s, id, [1], 5, 0, axes).study],
      ['delete', (s) => deletePoints(s, id, [3])],
      ['type', (s) => setPointData(s, id, 1, 31, 1, axes).study],
      ['import', (s) => replacePoints(s, id, [{ time: 0, surv: 1 }], axes)],
    ]
    for (const [name, edit] of edits) {
      const after = edit(study).curves[0]
      expect(after.trace?.notes, name).toEqual([])
      // The status stays: it records what the tracer saw in the figure (traceOps.applyTrace).
      expect(after.trace?.status, name).toBe('whole')
    }
    const renamed = updateCurve(study, id, { name: 'Arm B', color: '#d62728' })
    expect(renamed.curves[0].trace?.notes).toEqual(notes)
    // The original study is untouched: an undo brings the notes back with the trace.
    expect(study.curves[0].trace?.notes).toEqual(notes)
  })

  it('are absent from files saved before they were kept, which open unchanged', () => {
    const text = readFileSync(join(repoRoot, 'test/fixtures/studies/v1/two-arm.kmstudy'), 'utf8')
    const study = parseStudyFile(text, 'two-arm.kmstudy')
    expect(study.curves.every((c) => traceNotesOf(c) === undefined)).toBe(true)
    // A hand-digitized curve has no trace, so an edit adds none.
    const edited = deletePoints(study, study.curves[0].id, [0])
    expect(edited.curves[0].trace).toBeUndefined()
  })
})
