import { memo, useEffect, useRef, useState } from 'react'
import type { StudyCalibration, StudyCurve } from '../../../shared/model/study'
import { flagsOf } from '../canvas/scene'
import { traceNoteText, traceStatusText } from '../geometry/traceStatusText'
import { importPoints } from '../io/commands'
import { traceCurveById, traceNotesOf, useTrace } from '../io/trace'
import { deleteSelection, selectPoint, stepSelection } from '../store/actions'
import { addCurve, removeCurve, setPointData, updateCurve } from '../store/studyOps'
import { axesOf, edit, notify, useStudy } from '../store/store'
import { NumberField, TextField } from './fields'
import { TraceSection } from './TraceSection'

const ROW_HEIGHT = 26
const VISIBLE_ROWS = 14

function CurveRow({ curve, active }: { curve: StudyCurve; active: boolean }) {
  const busy = useTrace((s) => s.busy)
  const marks = curve.censorTimes?.length ?? 0
  const curves = useStudy((s) => s.study.curves)
  const unit = useStudy((s) => s.study.calibration?.timeUnit ?? 'months')
  const status = traceStatusText(curve, curves, unit)
  const notes = useCurveNotes(curve, curves)
  return (
    <li className={`curve-row ${active ? 'active' : ''}`}>
      <input
        type="color"
        aria-label={`Colour of ${curve.name}`}
        value={curve.color}
        onChange={(e) => edit((s) => updateCurve(s, curve.id, { color: e.target.value }))}
      />
      <button
        type="button"
        className="curve-name"
        aria-pressed={active}
        onClick={() => useStudy.setState({ activeCurveId: curve.id, selection: [] })}
      >
        {curve.name || 'unnamed'}
        <span className="muted"> · {curve.points.length} points</span>
        {marks > 0 && (
          <span className="muted curve-marks">
            {marks} censor mark{marks === 1 ? '' : 's'}
          </span>
        )}
        {status && (
          <span
            className={`curve-status ${curve.trace?.status === 'whole' ? 'muted' : 'flagged'}`}
            data-trace-status={curve.trace?.status}
          >
            {status}
          </span>
        )}
      </button>
      <button
        type="button"
        className="secondary"
        title={`Trace ${curve.name} by its colour`}
        aria-label={`Trace ${curve.name}`}
        disabled={busy !== null}
        onClick={() => void traceCurveById(curve.id)}
      >
        {busy === curve.id ? 'Tracing…' : 'Trace'}
      </button>
      <button
        type="button"
        className="icon"
        title={`Remove ${curve.name}`}
        aria-label={`Remove ${curve.name}`}
        onClick={() => {
          edit((s) => removeCurve(s, curve.id))
          const rest = useStudy.getState().study.curves
          useStudy.setState({ activeCurveId: rest[0]?.id ?? null, selection: [] })
          notify('info', `Removed ${curve.name}. Undo (Ctrl+Z) brings it back.`)
        }}
      >
        ×
      </button>
      {notes.length > 0 && (
        <ul className="warnings curve-notes" aria-label={`Notes on the trace of ${curve.name}`}>
          {notes.map((n, k) => (
            <li key={k}>{n}</li>
          ))}
        </ul>
      )}
    </li>
  )
}

const NO_NOTES: string[] = []

/**
 * What the tracer noted of the curve's current trace, in words: the notes saved with its trace
 * (Trace, Suggest curves), else what "Read figure" noted of it (its provenance) less its status,
 * which the row shows already.
 */
function useCurveNotes(curve: StudyCurve, curves: readonly StudyCurve[]): string[] {
  const read = useStudy((s) => s.study.provenance?.curves?.[curve.id]?.notes) ?? NO_NOTES
  const notes = traceNotesOf(curve) ?? read.filter((n) => !/^traced (inferred|gaps)$/.test(n))
  return notes.map((n) => traceNoteText(n, curves))
}

/** Survival shown as the axis reads it: percent when calibrated in percent. */
function survivalFactor(cal: StudyCalibration | null): number {
  return cal?.yScale === 'percent' ? 100 : 1
}

const PointsTable = memo(function PointsTable(props: {
  curve: StudyCurve
  calibration: StudyCalibration | null
  selection: number[]
}) {
  const { curve, calibration, selection } = props
  const scroller = useRef<HTMLDivElement>(null)
  const [top, setTop] = useState(0)
  const flags = flagsOf(curve, calibration)
  const factor = survivalFactor(calibration)
  const selected = new Set(selection)
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - 2)
  const last = Math.min(curve.points.length, first + VISIBLE_ROWS + 4)
  const focus = selection[selection.length - 1]

  useEffect(() => {
    const el = scroller.current
    if (!el || focus === undefined) return
    const y = focus * ROW_HEIGHT
    if (y < el.scrollTop || y + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, y - el.clientHeight / 2)
    }
  }, [focus])

  const setData = (index: number, time: number, surv: number) => {
    const axes = axesOf(calibration)
    if (!axes) return
    let moved = index
    edit((s) => {
      const r = setPointData(s, curve.id, index, time, surv, axes)
      moved = r.index
      return r.study
    })
    useStudy.setState({ selection: [moved] })
  }

  return (
    <div className="points-table" role="table" aria-label={`Points of ${curve.name}`}>
      <div className="points-head" role="row">
        <span role="columnheader">#</span>
        <span role="columnheader">Time</span>
        <span role="columnheader">Survival{factor === 100 ? ' (%)' : ''}</span>
        <span role="columnheader" aria-label="Checks" />
      </div>
      <div
        ref={scroller}
        className="points-body"
        style={{ height: VISIBLE_ROWS * ROW_HEIGHT }}
        onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: curve.points.length * ROW_HEIGHT, position: 'relative' }}>
          {curve.points.slice(first, last).map((p, k) => {
            const i = first + k
            const f = flags?.[i]
            const why = f?.outside
              ? 'outside the axes'
              : f?.rising
                ? 'the curve rises between this point and its neighbour'
                : ''
            return (
              <div
                key={i}
                role="row"
                className={`points-row ${selected.has(i) ? 'selected' : ''} ${why ? 'flagged' : ''}`}
                style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
                onClick={() => selectPoint(curve.id, i)}
              >
                <span role="cell" className="muted">
                  {i + 1}
                </span>
                <span role="cell">
                  <NumberField
                    label={`Time of point ${i + 1}`}
                    hideLabel
                    value={Number(p.time.toFixed(4))}
                    onCommit={(v) => v !== undefined && setData(i, v, p.surv)}
                  />
                </span>
                <span role="cell">
                  <NumberField
                    label={`Survival of point ${i + 1}`}
                    hideLabel
                    value={Number((p.surv * factor).toFixed(factor === 100 ? 2 : 4))}
                    onCommit={(v) => v !== undefined && setData(i, p.time, v / factor)}
                  />
                </span>
                <span role="cell" className="flag" title={why}>
                  {why ? '!' : ''}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
})

/** The curves (arms) of the figure, and the points of the one being digitized. */
export function CurvesPanel() {
  const curves = useStudy((s) => s.study.curves)
  const calibration = useStudy((s) => s.study.calibration)
  const activeCurveId = useStudy((s) => s.activeCurveId)
  const selection = useStudy((s) => s.selection)
  const active = curves.find((c) => c.id === activeCurveId) ?? null
  return (
    <section className="panel-section" aria-label="Curves">
      <ul className="curve-list">
        {curves.map((c) => (
          <CurveRow key={c.id} curve={c} active={c.id === activeCurveId} />
        ))}
      </ul>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          let id = ''
          edit((s) => {
            const added = addCurve(s)
            id = added.id
            return added.study
          })
          // The eyedropper stays: its next click picks (and traces) the new curve's colour.
          const tool = useStudy.getState().tool === 'eyedropper' ? 'eyedropper' : 'add'
          useStudy.setState({ activeCurveId: id, selection: [], tool })
        }}
      >
        Add curve
      </button>
      <TraceSection />
      {active && (
        <>
          {/* Keyed by the curve: a new active curve gets a new field, so a name typed at once
              after Add curve is not overwritten by the field catching up with the new name. */}
          <TextField
            key={active.id}
            label="Name of the active curve"
            value={active.name}
            onCommit={(name) => edit((s) => updateCurve(s, active.id, { name }))}
          />
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => stepSelection(-1)}>
              ◀ Previous
            </button>
            <button type="button" className="secondary" onClick={() => stepSelection(1)}>
              Next ▶
            </button>
            <button
              type="button"
              className="secondary"
              disabled={selection.length === 0}
              onClick={deleteSelection}
            >
              Delete {selection.length > 1 ? `${selection.length} points` : 'point'}
            </button>
            <button type="button" className="secondary" onClick={importPoints}>
              Import CSV…
            </button>
          </div>
          <p className="hint">
            Add tool (A): click each step of the curve. Select tool (V): drag points or a box;
            Delete removes, arrows nudge (Shift ×10), [ and ] step through points.
          </p>
          <PointsTable curve={active} calibration={calibration} selection={selection} />
        </>
      )}
    </section>
  )
}
