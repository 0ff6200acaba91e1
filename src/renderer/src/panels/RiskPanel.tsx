import { useEffect, useState, type ClipboardEvent } from 'react'
import type { StudyCurve } from '../../../shared/model/study'
import { placeCounts } from '../../../shared/calibration/riskTimes'
import {
  isDefaultName,
  parseRiskArms,
  parseRiskPaste,
  pastedRowLabel,
  riskViolations,
  type PastedArm,
} from '../io/riskPaste'
import { figureTimeTickStep } from '../geometry/figureTicks'
import { formatTime, riskSpacing } from '../geometry/riskSpacing'
import { useFigureImage } from '../io/figure'
import {
  confirmRisk,
  pickPart,
  readRiskFromFigure,
  riskByHand,
  riskCellToCheck,
  riskToCheck,
  risksToCheck,
  useFigureReading,
} from '../io/figureReading'
import { setRisk, updateCurve } from '../store/studyOps'
import { edit, notify, useStudy } from '../store/store'
import { NumberField } from './fields'
import { ReadingProgress } from './ReadFigure'

type RiskRow = StudyCurve['risk'][number]

/** No unmatched rows: one array, so that the store's selector answers the same object. */
const NONE: { label: string; cells: number }[] = []
const NO_NOTES: string[] = []

interface GridRow {
  time: number | undefined
  nRisk: number | undefined
  /** The row's index in the curve's saved table, or null for an offered time. */
  saved: number | null
}

/** The saved rows, and the offered times that have no row yet, in time order. */
function gridRows(risk: RiskRow[], times: number[], extra: number): GridRow[] {
  const rows: GridRow[] = risk.map((r, i) => ({ time: r.time, nRisk: r.nRisk, saved: i }))
  for (const t of times) {
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

/** Moves the focus to the At-risk field of row `row`, when there is one. */
function focusCount(row: number): boolean {
  const next = document.querySelector<HTMLInputElement>(`input[data-risk-count="${row}"]`)
  next?.focus()
  next?.select()
  return next !== null
}

const listTimes = (times: number[]) =>
  times.length > 4
    ? `${times.slice(0, 3).map(formatTime).join(', ')} … ${formatTime(times[times.length - 1])}`
    : times.map(formatTime).join(', ')

/**
 * "Read from figure": the table under the plot read with the study's calibration (main, offline
 * OCR), its rows on the curves they match; while it reads, its progress and Cancel; then what is
 * to check on this curve — the cells not read and the flagged ones in words — and Confirm.
 */
function RiskReading({ curve }: { curve: StudyCurve }) {
  const canRead = useStudy(
    (s) => s.study.figure?.data !== undefined && s.study.calibration !== null,
  )
  const sha256 = useStudy((s) => s.study.figure?.sha256)
  const toCheck = useStudy((s) => riskToCheck(s.study, curve.id))
  const notes = useStudy((s) => s.study.provenance?.risk?.[curve.id]?.notes) ?? NO_NOTES
  const others = useStudy((s) => risksToCheck(s.study).length)
  const busy = useFigureReading((s) => s.busy)
  const failure = useFigureReading((s) =>
    s.failure?.kind === 'risk' && s.failure.figure === sha256 ? s.failure.reasons : null,
  )
  const problems = useFigureReading((s) =>
    s.problems?.figure === sha256 ? s.problems!.byCurve[curve.id] : undefined,
  )
  const unmatched = useFigureReading((s) =>
    s.unmatched?.figure === sha256 ? s.unmatched!.rows : NONE,
  )
  // The reading's own list when it is this session's; otherwise what the study file kept.
  const flagged = problems
    ? problems.map((p) => p.message)
    : notes.filter((n) => !n.startsWith('matched '))
  const how = notes.find((n) => n.startsWith('matched ')) ?? null
  return (
    <div className="risk-reading">
      <button
        type="button"
        disabled={!canRead || busy !== null}
        onClick={() => void readRiskFromFigure()}
        title={
          canRead
            ? 'Read the numbers at risk printed under the plot, for every curve'
            : 'Open a figure and calibrate its axes first'
        }
      >
        Read from figure
      </button>
      {busy === 'risk' && <ReadingProgress />}
      {busy === null && failure && (
        <div className="status error" role="alert">
          <p>The numbers at risk could not be read from the figure.</p>
          <ul>
            {failure.slice(0, 3).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {toCheck && (
        <div className="status warning" role="status" data-testid="risk-to-check">
          <p>
            Read from the figure{how ? ` (${how})` : ''}: check each number marked &ldquo;to
            check&rdquo; against the figure, correct any that is wrong, then confirm.
          </p>
          {flagged.length > 0 && (
            <>
              <p>Not read, or flagged: look at these on the figure and type the right number.</p>
              <ul className="risk-problems">
                {flagged.map((message, i) => (
                  <li key={`${i}-${message}`}>{message}</li>
                ))}
              </ul>
            </>
          )}
          <div className="button-row">
            <button type="button" className="small" onClick={() => confirmRisk([curve.id])}>
              Confirm {curve.name}
            </button>
            {others > 1 && (
              <button type="button" className="small secondary" onClick={() => confirmRisk()}>
                Confirm all {others} arms
              </button>
            )}
          </div>
        </div>
      )}
      {unmatched.length > 0 && (
        <p className="status warning">
          {unmatched.length === 1 ? 'A row' : `${unmatched.length} rows`} of the table matched no
          curve: {unmatched.map((r) => `${r.label || 'no label'} (${r.cells} numbers)`).join(', ')}.
          Add the missing curve, then read again.
        </p>
      )}
    </div>
  )
}

/**
 * A curve's number-at-risk table: typed, or pasted from a spreadsheet or the published table,
 * with rows offered at the figure's own tick times (the spacing inferred from the calibration,
 * editable). Published and reconstructed numbers side by side.
 */
export function RiskPanel() {
  const curves = useStudy((s) => s.study.curves)
  const calibration = useStudy((s) => s.study.calibration)
  const activeCurveId = useStudy((s) => s.activeCurveId)
  const riskFocus = useStudy((s) => s.riskFocus)
  const riskStep = useStudy((s) => s.riskStep)
  const riskPasted = useStudy((s) => s.riskPasted)
  const result = useStudy((s) => s.reconstruction.result)
  const image = useFigureImage((s) => s.image)
  const study = useStudy((s) => s.study)
  const readings = useFigureReading()
  const [extra, setExtra] = useState(0)
  const curve = curves.find((c) => c.id === activeCurveId) ?? null
  const cellFocus = useStudy((s) => s.riskCellFocus)
  const checkFocus = useStudy((s) => s.checkFocus)

  // A cell's box clicked on the figure: its field focused, for a correction by hand (after the
  // press, which would otherwise take the focus back to the canvas).
  useEffect(() => {
    if (!cellFocus || cellFocus.curveId !== curve?.id) return
    const frame = requestAnimationFrame(() => {
      const input = document.querySelector<HTMLInputElement>(
        `input[data-risk-time="${cellFocus.time}"]`,
      )
      input?.scrollIntoView({ block: 'nearest' })
      input?.focus()
      input?.select()
      // Done: the click is not replayed when this curve's tab comes back (a point of the curve
      // picked on the figure, say), which would take the focus and the keys from the canvas.
      if (input) useStudy.setState({ riskCellFocus: null })
    })
    return () => cancelAnimationFrame(frame)
  }, [cellFocus, curve?.id])

  if (!curve) {
    return (
      <section className="panel-section" aria-label="Risk table">
        <p className="hint">Add a curve first.</p>
      </section>
    )
  }
  const detected = figureTimeTickStep(image, calibration)
  const spacing = riskSpacing(calibration, curve, riskStep, detected)
  const rows = gridRows(curve.risk, spacing.times, extra)
  const outcome = result?.curves.find((c) => c.id === curve.id)
  const reconstructedAt = (t: number | undefined) =>
    outcome?.status === 'done'
      ? outcome.report.risk.find((r) => r.time === t)?.reconstructed
      : undefined
  const ownPaste = riskPasted?.find((p) => p.curveId === curve.id)
  const pasted = ownPaste ? new Set(ownPaste.times) : null
  const unit = calibration?.timeUnit ?? 'months'
  const cellToCheck = (t: number) => riskCellToCheck(study, curve.id, t)
  const armToCheck = riskToCheck(study, curve.id)
  const readProblems =
    readings.problems?.figure === study.figure?.sha256
      ? readings.problems?.byCurve[curve.id]
      : undefined

  /**
   * The table as the reviewer changed it: `touched`, the times of the cells they typed, corrected
   * or removed (each then theirs, no longer to check); absent, the whole table (Clear).
   */
  const save = (next: RiskRow[], touched?: number[]) => {
    const times = next.map((r) => r.time)
    if (new Set(times).size !== times.length) {
      notify('error', 'Two rows of the risk table have the same time; change one of them.')
      return
    }
    edit((s) =>
      riskByHand(setRisk(s, curve.id, next), curve.id, touched ?? [], touched === undefined),
    )
  }

  const setCell = (row: GridRow, patch: Partial<RiskRow>, clear = false) => {
    const rest = curve.risk.filter((_, i) => i !== row.saved)
    const was = row.time === undefined ? [] : [row.time]
    if (clear) {
      save(rest, was)
      return
    }
    const time = patch.time ?? row.time
    const nRisk = patch.nRisk ?? row.nRisk
    if (time === undefined || nRisk === undefined) return
    if (row.saved === null && row.time === undefined) setExtra((n) => Math.max(0, n - 1))
    // A typed number ends what the last paste showed: its marks belong to that moment.
    useStudy.setState({ riskPasted: null })
    save([...rest, { time, nRisk }], [...was, time])
  }

  /**
   * Text pasted, or a whole row typed into an At-risk field: a table of several arms fills every
   * curve (in the curves' order, or by name), a single row fills this curve from row `from` on.
   * A label names a curve that still has kmpool's name. Answers whether the text was a table.
   */
  const applyRiskText = (text: string, from: number): boolean => {
    const arms = curves.length >= 2 ? parseRiskArms(text) : null
    if (arms) {
      pasteArms(arms.times, arms.arms)
      return true
    }
    const pasted = parseRiskPaste(text)
    if (!pasted || (pasted.counts.length < 2 && !pasted.times)) return false
    const bad = pasted.counts.find((n) => countError(n) !== null)
    if (bad !== undefined) {
      notify(
        'error',
        `The pasted number at risk ${bad} is not a whole number ≥ 0; nothing was changed.`,
      )
      return true
    }
    const label = pastedRowLabel(text)
    const renamed = label !== null && isDefaultName(curve.name) ? label : null
    const named = renamed === null ? '' : ` ${curve.name} is now named ${renamed}, as the row is.`
    const fill = (risk: RiskRow[]) =>
      edit((s) => {
        const next = riskByHand(setRisk(s, curve.id, risk), curve.id, [], true)
        return renamed === null ? next : updateCurve(next, curve.id, { name: renamed })
      })
    if (pasted.times) {
      const times = pasted.times
      fill(times.map((time, i) => ({ time, nRisk: pasted.counts[i] })))
      useStudy.setState({ riskPasted: [{ curveId: curve.id, times }] })
      notify('info', `Pasted ${times.length} rows, at ${listTimes(times)} ${unit}.${named}`)
      return true
    }
    const timed = rows.filter((r) => r.time !== undefined).map((r) => r.time!)
    const fromTime = rows[from]?.time
    const start = fromTime === undefined ? timed.length : timed.indexOf(fromTime)
    const placed = placeCounts(pasted.counts, timed, start, spacing.step, spacing.axisEnd)
    const filled = new Map(curve.risk.map((r) => [r.time, r.nRisk]))
    for (const p of placed) filled.set(p.time, p.nRisk)
    fill([...filled].map(([time, nRisk]) => ({ time, nRisk })))
    const times = placed.map((p) => p.time)
    useStudy.setState({ riskPasted: [{ curveId: curve.id, times }] })
    const beyond = placed.filter((p) => p.beyondAxis).length
    notify(
      beyond > 0 ? 'error' : 'info',
      `Pasted ${placed.length} numbers at risk at ${listTimes(times)} ${unit} (marked in the table).` +
        (beyond > 0
          ? ` ${beyond} of them fall after the end of the time axis (${formatTime(spacing.axisEnd)} ${unit}): check "Rows every".`
          : ' Check each time against the published table.') +
        named,
    )
    return true
  }

  /** A pasted table of several arms: each row onto its curve, in one undo step. */
  const pasteArms = (times: number[] | null, arms: PastedArm[]) => {
    const bad = arms.flatMap((a) => a.counts).find((n) => countError(n) !== null)
    if (bad !== undefined) {
      notify(
        'error',
        `The pasted number at risk ${bad} is not a whole number ≥ 0; nothing was changed.`,
      )
      return
    }
    if (arms.length > curves.length) {
      notify(
        'error',
        `The pasted table has ${arms.length} rows but the figure has ${curves.length} curves: add the missing curves first. Nothing was changed.`,
      )
      return
    }
    const key = (name: string) => name.trim().toLowerCase()
    const byName = arms.map((a) =>
      a.label === null ? undefined : curves.find((c) => key(c.name) === key(a.label ?? '')),
    )
    const named = byName.every((c) => c !== undefined) && new Set(byName).size === arms.length
    const rowsOf = (arm: PastedArm, c: StudyCurve): RiskRow[] => {
      if (times) {
        return arm.counts.slice(0, times.length).map((nRisk, i) => ({ time: times[i], nRisk }))
      }
      const own = riskSpacing(calibration, { ...c, risk: [] }, riskStep, detected)
      return placeCounts(arm.counts, own.times, 0, own.step, own.axisEnd).map((p) => ({
        time: p.time,
        nRisk: p.nRisk,
      }))
    }
    const misfits = (targets: StudyCurve[]) =>
      arms.reduce((n, a, i) => n + riskViolations(rowsOf(a, targets[i]), targets[i].points), 0)
    let order = named ? (byName as StudyCurve[]) : curves.slice(0, arms.length)
    let misfit = misfits(order)
    let swapped = false
    if (!named && arms.length === 2 && misfit > 0 && misfits([order[1], order[0]]) === 0) {
      // Rows in the curves' order that their curves could not have, the other way round fine.
      order = [order[1], order[0]]
      misfit = 0
      swapped = true
    }
    const pairs = arms.map((arm, i) => ({ arm, curve: order[i], rows: rowsOf(arm, order[i]) }))
    edit((s) =>
      pairs.reduce((next, p) => {
        const filled = riskByHand(setRisk(next, p.curve.id, p.rows), p.curve.id, [], true)
        return p.arm.label !== null && isDefaultName(p.curve.name)
          ? updateCurve(filled, p.curve.id, { name: p.arm.label })
          : filled
      }, s),
    )
    useStudy.setState({
      riskPasted: pairs.map((p) => ({ curveId: p.curve.id, times: p.rows.map((r) => r.time) })),
    })
    const axisEnd = spacing.axisEnd
    const beyond = pairs.some((p) => p.rows.some((r) => r.time > axisEnd + 1e-9))
    const said = pairs
      .map((p) => {
        const name =
          p.arm.label !== null && isDefaultName(p.curve.name)
            ? `${p.arm.label} (was ${p.curve.name})`
            : p.curve.name
        return `${name} ${p.rows.length} numbers at ${listTimes(p.rows.map((r) => r.time))} ${unit}`
      })
      .join('; ')
    const how = named
      ? ' Rows matched to curves by name.'
      : swapped
        ? ' Rows matched to curves by survival: in the curves’ order, the first row would have more patients at risk than its curve has survivors.'
        : ' Rows matched to curves in their order: check the names against the legend.'
    notify(
      misfit > 0 || beyond ? 'error' : 'info',
      `Pasted ${pairs.length} rows: ${said}.${how}` +
        (misfit > 0
          ? ' Some numbers at risk are higher than their curve’s survival allows: check which row belongs to which curve.'
          : '') +
        (beyond
          ? ` Some times fall after the end of the time axis (${formatTime(axisEnd)} ${unit}): check "Rows every".`
          : ''),
    )
  }

  const onPaste = (e: ClipboardEvent<HTMLDivElement>, from: number) => {
    if (applyRiskText(e.clipboardData.getData('text/plain'), from)) e.preventDefault()
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
        Type the numbers at risk (Enter or Tab moves down), or type or paste a whole row as printed
        (&ldquo;Female 90 70 30&rdquo;): it fills the times below in order and a label names the
        curve. Pasting the table of all arms fills every curve; two columns from a spreadsheet bring
        their own times. Or read the table printed under the figure.
      </p>
      <RiskReading curve={curve} />
      <div className="field-grid risk-step">
        <NumberField
          label={`Rows every (${unit})`}
          value={spacing.step}
          validate={(v) => (v > 0 ? null : 'a spacing above 0')}
          onCommit={(step) => useStudy.setState({ riskStep: step ?? null })}
        />
        <span className="hint" data-testid="risk-step-source">
          {spacing.source}
        </span>
      </div>
      <div className="risk-grid" role="table" aria-label={`Risk table of ${curve.name}`}>
        <div className="risk-head" role="row">
          <span role="columnheader">Time</span>
          <span role="columnheader">At risk</span>
          <span role="columnheader">Reconstructed</span>
        </div>
        {rows.map((row, i) => {
          const focused =
            (riskFocus?.curveId === curve.id && row.saved === riskFocus.row) ||
            (checkFocus?.part === `risk.${curve.id}` &&
              row.time !== undefined &&
              checkFocus.time !== undefined &&
              Math.abs(checkFocus.time - row.time) < 1e-9)
          const rec = reconstructedAt(row.time)
          const off = rec !== undefined && row.nRisk !== undefined && rec !== row.nRisk
          const justPasted = row.time !== undefined && pasted?.has(row.time)
          const beyond = row.time !== undefined && row.time > spacing.axisEnd + 1e-9
          const check = row.saved !== null && row.time !== undefined && cellToCheck(row.time)
          // A problem of the reading is shown while its cell is still to check, or still empty
          // in a reading to check: a cell typed since, or a confirmed reading, is the reviewer's.
          const problem =
            row.time === undefined || !(check || (row.saved === null && armToCheck))
              ? undefined
              : readProblems?.find((p) => p.time !== null && Math.abs(p.time - row.time!) < 1e-9)
          return (
            <div
              // Keyed by curve too: another arm's table gets fields of its own, never for a
              // moment the last arm's numbers.
              key={`${curve.id}:${row.time === undefined ? `new${i}` : `t${row.time}`}`}
              role="row"
              className={`risk-row ${focused ? 'focused' : ''} ${justPasted ? 'pasted' : ''} ${beyond ? 'beyond' : ''} ${check ? 'to-check' : ''} ${problem ? 'flagged' : ''}`}
              title={
                problem?.message ??
                (check
                  ? 'read from the figure: to check'
                  : beyond
                    ? 'after the end of the time axis'
                    : undefined)
              }
              onPaste={(e) => onPaste(e, i)}
              // A number to check focused here is picked on the figure too: its box shows where
              // it was read.
              onFocus={() => {
                if (row.time !== undefined && (check || problem)) {
                  pickPart(`risk.${curve.id}`, row.time)
                }
              }}
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
                  inputProps={{
                    'data-risk-count': i,
                    ...(row.time !== undefined ? { 'data-risk-time': row.time } : {}),
                  }}
                  onText={(text) => applyRiskText(text, i)}
                  onKeyDown={(e) => {
                    // Down the column, as a published row is typed: Enter or Tab to the next
                    // time, Shift+Tab back; the field commits as it loses the focus.
                    const down = e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey)
                    const up = e.key === 'Tab' && e.shiftKey
                    if ((down && focusCount(i + 1)) || (up && focusCount(i - 1))) e.preventDefault()
                  }}
                  onCommit={(nRisk) =>
                    nRisk === undefined
                      ? setCell(row, {}, row.saved !== null)
                      : setCell(row, { nRisk })
                  }
                />
              </span>
              <span role="cell" className={off ? 'mismatch' : 'muted'}>
                {rec ?? '—'}
                {justPasted && <span className="visually-hidden"> pasted</span>}
                {problem ? (
                  <span className="check-tag flag">
                    {problem.code === 'blank'
                      ? 'blank'
                      : row.saved === null
                        ? 'not read'
                        : 'flagged'}
                  </span>
                ) : (
                  check && <span className="check-tag">to check</span>
                )}
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
