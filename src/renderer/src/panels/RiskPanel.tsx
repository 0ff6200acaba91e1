import { useState, type ClipboardEvent } from 'react'
import type { StudyCurve } from '../../../shared/model/study'
import { axesChecker } from '../geometry/calibration'
import { parseRiskPaste } from '../io/riskPaste'
import { setRisk, updateCurve } from '../store/studyOps'
import { axesOf, edit, notify, useStudy } from '../store/store'
import { NumberField } from './fields'

type RiskRow = StudyCurve['risk'][number]

interface GridRow {
  time: number | undefined
  nRisk: number | undefined
  /** The row's index in the curve's saved table, or null for a suggested time. */
  saved: number | null
}

/** The saved rows, and the axis's round times that have no row yet, in time order. */
function gridRows(risk: RiskRow[], ticks: number[], extra: number): GridRow[] {
  const rows: GridRow[] = risk.map((r, i) => ({ time: r.time, nRisk: r.nRisk, saved: i }))
  for (const t of ticks) {
    if (t >= 0 && !risk.some((r) => Math.abs(r.time - t) < 1e-9)) {
      rows.push({ time: t, nRisk: undefined, saved: null })
    }
  }
  rows.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity))
  for (let i = 0; i < extra; i++) rows.push({ time: undefined, nRisk: undefined, saved: null })
  return rows
}

function countError(v: number): string | null {
  return Number.isInteger(v) && v >= 0 ? null : 'a number at risk is a whole number ≥ 0'
}

function timeError(v: number): string | null {
  return v >= 0 ? null : 'a time is ≥ 0'
}

/**
 * A curve's number-at-risk table: typed, or pasted from a spreadsheet or the published table,
 * with the axis's round times offered as rows. Published and reconstructed numbers side by side.
 */
export function RiskPanel() {
  const curves = useStudy((s) => s.study.curves)
  const calibration = useStudy((s) => s.study.calibration)
  const activeCurveId = useStudy((s) => s.activeCurveId)
  const riskFocus = useStudy((s) => s.riskFocus)
  const result = useStudy((s) => s.reconstruction.result)
  const [extra, setExtra] = useState(0)
  const curve = curves.find((c) => c.id === activeCurveId) ?? null
  const axes = axesOf(calibration)
  const ticks = calibration && axes ? axesChecker(calibration, axes).xTicks : []

  if (!curve) {
    return (
      <section className="panel-section" aria-label="Risk table">
        <p className="hint">Add a curve first.</p>
      </section>
    )
  }
  const rows = gridRows(curve.risk, ticks, extra)
  const outcome = result?.curves.find((c) => c.id === curve.id)
  const reconstructedAt = (t: number | undefined) =>
    outcome?.status === 'done'
      ? outcome.report.risk.find((r) => r.time === t)?.reconstructed
      : undefined

  const save = (next: RiskRow[]) => {
    const times = next.map((r) => r.time)
    if (new Set(times).size !== times.length) {
      notify('error', 'Two rows of the risk table have the same time; change one of them.')
      return
    }
    edit((s) => setRisk(s, curve.id, next))
  }

  const setCell = (row: GridRow, patch: Partial<RiskRow>, clear = false) => {
    const rest = curve.risk.filter((_, i) => i !== row.saved)
    if (clear) {
      save(rest)
      return
    }
    const time = patch.time ?? row.time
    const nRisk = patch.nRisk ?? row.nRisk
    if (time === undefined || nRisk === undefined) return
    if (row.saved === null && row.time === undefined) setExtra((n) => Math.max(0, n - 1))
    save([...rest, { time, nRisk }])
  }

  const onPaste = (e: ClipboardEvent<HTMLDivElement>, from: number) => {
    const pasted = parseRiskPaste(e.clipboardData.getData('text/plain'))
    if (!pasted || (pasted.counts.length < 2 && !pasted.times)) return
    e.preventDefault()
    const bad = pasted.counts.find((n) => countError(n) !== null)
    if (bad !== undefined) {
      notify(
        'error',
        `The pasted number at risk ${bad} is not a whole number ≥ 0; nothing was changed.`,
      )
      return
    }
    if (pasted.times) {
      save(pasted.times.map((time, i) => ({ time, nRisk: pasted.counts[i] })))
      notify('info', `Pasted ${pasted.times.length} rows.`)
      return
    }
    const targets = rows.slice(from).filter((r) => r.time !== undefined)
    if (targets.length < pasted.counts.length) {
      notify(
        'error',
        `Pasted ${pasted.counts.length} numbers but only ${targets.length} rows have a time; add rows or paste times too.`,
      )
      return
    }
    const filled = new Map(curve.risk.map((r) => [r.time, r.nRisk]))
    pasted.counts.forEach((n, i) => filled.set(targets[i].time!, n))
    save([...filled].map(([time, nRisk]) => ({ time, nRisk })))
    notify('info', `Pasted ${pasted.counts.length} numbers at risk.`)
  }

  return (
    <section className="panel-section" aria-label="Risk table">
      <div className="curve-tabs" role="tablist" aria-label="Curve">
        {curves.map((c) => (
          <button
            key={c.id}
            type="button"
            role="tab"
            aria-selected={c.id === curve.id}
            onClick={() => useStudy.setState({ activeCurveId: c.id, selection: [] })}
          >
            <span className="swatch" style={{ background: c.color }} />
            {c.name}
          </button>
        ))}
      </div>
      <p className="hint">
        Type the numbers at risk, or paste them: a row of the published table, or two columns from a
        spreadsheet. Times are offered at the axis&apos;s ticks.
      </p>
      <div className="risk-grid" role="table" aria-label={`Risk table of ${curve.name}`}>
        <div className="risk-head" role="row">
          <span role="columnheader">Time</span>
          <span role="columnheader">At risk</span>
          <span role="columnheader">Reconstructed</span>
        </div>
        {rows.map((row, i) => {
          const focused = riskFocus?.curveId === curve.id && row.saved === riskFocus.row
          const rec = reconstructedAt(row.time)
          const off = rec !== undefined && row.nRisk !== undefined && rec !== row.nRisk
          return (
            <div
              key={row.time === undefined ? `new${i}` : `t${row.time}`}
              role="row"
              className={`risk-row ${focused ? 'focused' : ''}`}
              onPaste={(e) => onPaste(e, i)}
            >
              <span role="cell">
                <NumberField
                  label={`Time of row ${i + 1}`}
                  hideLabel
                  value={row.time}
                  validate={timeError}
                  onCommit={(time) =>
                    time === undefined
                      ? setCell(row, {}, row.saved !== null)
                      : setCell(row, { time })
                  }
                />
              </span>
              <span role="cell">
                <NumberField
                  label={`At risk at ${row.time ?? 'new row'}`}
                  hideLabel
                  value={row.nRisk}
                  validate={countError}
                  onCommit={(nRisk) =>
                    nRisk === undefined
                      ? setCell(row, {}, row.saved !== null)
                      : setCell(row, { nRisk })
                  }
                />
              </span>
              <span role="cell" className={off ? 'mismatch' : 'muted'}>
                {rec ?? '—'}
              </span>
            </div>
          )
        })}
      </div>
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => setExtra((n) => n + 1)}>
          Add row
        </button>
        <button
          type="button"
          className="secondary"
          disabled={curve.risk.length === 0}
          onClick={() => save([])}
        >
          Clear table
        </button>
      </div>
      <div className="field-grid">
        <NumberField
          label="Total N (optional)"
          value={curve.totalN}
          validate={(v) => (Number.isInteger(v) && v > 0 ? null : 'a whole number above 0')}
          onCommit={(totalN) => edit((s) => updateCurve(s, curve.id, { totalN }))}
        />
        <NumberField
          label="Total events (optional)"
          value={curve.totalEvents}
          validate={countError}
          onCommit={(totalEvents) => edit((s) => updateCurve(s, curve.id, { totalEvents }))}
        />
      </div>
    </section>
  )
}
