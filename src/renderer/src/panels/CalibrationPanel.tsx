import {
  AXIS_KEYS,
  AXIS_LABELS,
  calibrationFromDraft,
  draftFromCalibration,
  nextAxisKey,
  suggestedYScale,
  type AxisKey,
  type CalibrationDraft,
} from '../geometry/calibration'
import { calibrationToCheck, setDraft, useStudy } from '../store/store'
import { confirmDetectedAxes, detectAxesFromFigure, useAxesReading } from '../tools/axes'
import { GestureScope, Select } from './fields'

const units = [
  ['days', 'days'],
  ['weeks', 'weeks'],
  ['months', 'months'],
  ['years', 'years'],
] as const

const scales = [
  ['linear', 'linear'],
  ['log', 'log10'],
] as const

function selectAxis(k: AxisKey) {
  useStudy.setState({ activeAxis: k, tool: 'axes' })
}

function AxisRow({ k, draft, active }: { k: AxisKey; draft: CalibrationDraft; active: boolean }) {
  const p = draft.points[k]
  const setValue = (text: string) => {
    const next = { ...draft, values: { ...draft.values, [k]: text } }
    const yScale = k.startsWith('y') ? suggestedYScale(next) : next.yScale
    setDraft({ ...next, yScale })
  }
  return (
    <tr className={active ? 'active' : undefined}>
      <th scope="row">
        {/* Out of the tab sequence, so Tab runs through the four values; the same buttons
            follow the table for the keyboard. */}
        <button
          type="button"
          className="link"
          tabIndex={-1}
          onClick={() => selectAxis(k)}
          title="Select, then drag it on the figure or nudge it with the arrow keys"
        >
          {k.toUpperCase()}
        </button>
      </th>
      <td className="muted">
        {p ? `(${p.x.toFixed(1)}, ${p.y.toFixed(1)})` : <em>click on the figure</em>}
      </td>
      <td>
        <input
          type="text"
          inputMode="decimal"
          aria-label={`${AXIS_LABELS[k]} value`}
          className="number"
          value={draft.values[k]}
          placeholder={k.startsWith('x') ? 'time' : 'survival'}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            // Enter confirms the value and moves on: to the next value still empty, else back to
            // the figure, where the tool keys (A, V, C …) work again.
            if (e.key !== 'Enter') return
            e.preventDefault()
            const next = AXIS_KEYS.find((key) => key !== k && draft.values[key].trim() === '')
            const target = next
              ? document.querySelector<HTMLElement>(
                  `input[aria-label="${AXIS_LABELS[next]} value"]`,
                )
              : document.querySelector<HTMLElement>('.figure-canvas')
            target?.focus()
          }}
        />
      </td>
    </tr>
  )
}

/**
 * "Detect axes": the calibration read from the figure by main (offline OCR of the tick labels),
 * placed as one undo step and shown "to check" until confirmed; or why it could not be read.
 */
function DetectAxes() {
  const hasFigure = useStudy((s) => s.study.figure?.data !== undefined)
  const toCheck = useStudy((s) => calibrationToCheck(s.study))
  const sha256 = useStudy((s) => s.study.figure?.sha256)
  const { busy, failure: lastFailure, failureFor } = useAxesReading()
  const failure = failureFor === sha256 ? lastFailure : null
  return (
    <div className="detect-axes">
      <button
        type="button"
        disabled={!hasFigure || busy}
        onClick={() => void detectAxesFromFigure()}
        title="Find the axes' tick marks, read their labels and place the four points"
      >
        Detect axes
      </button>
      {busy && (
        <p className="status" role="status">
          Reading the axes…
        </p>
      )}
      {!busy && toCheck && (
        <p className="status warning" role="status">
          Axes read from the figure: check that the dashed gridlines sit on the ticks, then confirm.{' '}
          <button type="button" className="small" onClick={confirmDetectedAxes}>
            Confirm
          </button>
        </p>
      )}
      {!busy && failure && (
        <div className="status error" role="alert">
          <p>The axes could not be read from the figure: place the four points by hand.</p>
          <ul>
            {failure.slice(0, 3).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

/**
 * WebPlotDigitizer's four-point calibration: two points on each axis with their values, the
 * scales and the time unit. Every change is checked at once; a refused calibration says why and
 * the figure keeps the last valid one.
 */
export function CalibrationPanel() {
  const draft = useStudy((s) => s.draft)
  const activeAxis = useStudy((s) => s.activeAxis)
  const calibrated = useStudy((s) => s.study.calibration !== null)
  const toCheck = useStudy((s) => calibrationToCheck(s.study))
  const result = calibrationFromDraft(draft)
  const set = (patch: Partial<CalibrationDraft>) => setDraft({ ...draft, ...patch })
  return (
    <section className="panel-section" aria-label="Axes calibration">
      <p className="hint">
        With the axes tool (C), click two points on the time axis (X1, X2), then two on the survival
        axis (Y1, Y2), typing each one&apos;s value as you place it: the value field takes the
        focus, Tab goes to the next value, Enter to the next empty one or back to the figure. A
        shared origin: click it again for Y1. Drag a point, or select it below and nudge it with the
        arrow keys, to adjust it.
      </p>
      <DetectAxes />
      <GestureScope>
        <table className="axis-table">
          <thead>
            <tr>
              <th>Point</th>
              <th>Pixel</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {AXIS_KEYS.map((k) => (
              <AxisRow key={k} k={k} draft={draft} active={k === activeAxis} />
            ))}
          </tbody>
        </table>
        <div className="select-axis" role="group" aria-label="Select a point to nudge">
          <span className="muted">Nudge:</span>
          {AXIS_KEYS.map((k) => (
            <button
              key={k}
              type="button"
              className="secondary small"
              aria-pressed={k === activeAxis}
              disabled={!draft.points[k]}
              onClick={() => selectAxis(k)}
              title="Select it, then move it with the arrow keys"
            >
              {k.toUpperCase()}
            </button>
          ))}
        </div>
        <div className="field-grid">
          <Select
            label="Time axis"
            value={draft.xScale}
            options={scales}
            onChange={(xScale) => set({ xScale })}
          />
          <Select
            label="Time unit"
            value={draft.timeUnit}
            options={units}
            onChange={(timeUnit) => set({ timeUnit })}
          />
          <Select
            label="Survival axis"
            value={draft.yAxis}
            options={scales}
            onChange={(yAxis) => set({ yAxis })}
          />
          <Select
            label="Survival values"
            value={draft.yScale}
            options={[
              ['proportion', 'proportion (0–1)'],
              ['percent', 'percent (0–100)'],
            ]}
            onChange={(yScale) => set({ yScale })}
          />
        </div>
        <label className="check-row">
          <input
            type="checkbox"
            checked={draft.yShows === 'cumulative-incidence'}
            onChange={(e) =>
              set({ yShows: e.target.checked ? 'cumulative-incidence' : 'survival' })
            }
          />
          The curves rise: the y axis shows the share with the event (1 − survival). Type the axis
          values as printed; kmpool keeps survival.
        </label>
      </GestureScope>
      {result.ok ? (
        // While a calibration read from the figure waits for Confirm, its own message above says
        // what to check; this one would repeat it.
        !toCheck && (
          <p className="status ok" role="status">
            Calibrated. Check that the dashed gridlines sit on the figure&apos;s own ticks, then
            digitize the curves (tab 2).
          </p>
        )
      ) : (
        <p
          className={`status ${result.complete ? 'error' : ''}`}
          role={result.complete ? 'alert' : 'status'}
        >
          {result.message}
          {calibrated &&
            nextAxisKey(draft) === null &&
            ' The figure keeps its last valid calibration.'}
        </p>
      )}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          const reset = draftFromCalibration(null)
          useStudy.setState({
            draft: {
              ...reset,
              timeUnit: draft.timeUnit,
              yScale: draft.yScale,
              yShows: draft.yShows,
            },
            activeAxis: null,
            tool: 'axes',
          })
        }}
      >
        Place the points again
      </button>
    </section>
  )
}
