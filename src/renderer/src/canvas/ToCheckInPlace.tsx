/**
 * The in-place controls of the parts read from the figure and not yet confirmed (issue 14): a
 * label at the end of each traced curve to check, which picks it and then offers Confirm beside
 * it; and, under the table, what was read in the picked risk cell (or the first cell of the
 * picked table), with Confirm and Correct. Buttons, so that each is reached by the keyboard too.
 */
import { formatTime } from '../geometry/riskSpacing'
import {
  boxToScreen,
  cellHighlights,
  curveHighlights,
  spreadLabels,
} from '../geometry/readHighlights'
import { imageToScreen } from '../geometry/view'
import { confirmCell, confirmParts, pickCell, pickPart, riskToCheck } from '../io/figureReading'
import { useStudy } from '../store/store'

/** Screen pixels between two curves' labels. */
const LABEL_GAP = 24
/** Room a label needs on the right of its curve's end before it goes on the left. */
const LABEL_ROOM = 220
/** The height of a picked cell's bar, kept inside the canvas. */
const CELL_BAR = 36

export function ToCheckInPlace() {
  const study = useStudy((s) => s.study)
  const view = useStudy((s) => s.view)
  const viewport = useStudy((s) => s.viewport)
  const picked = useStudy((s) => s.checkFocus)
  const unit = study.calibration?.timeUnit ?? 'months'

  const curves = curveHighlights(study)
  const ends = curves.map((c) => imageToScreen(view, c.anchor))
  const tops = spreadLabels(
    ends.map((p) => p.y - LABEL_GAP / 2),
    LABEL_GAP,
  )

  const cells = cellHighlights(study)
  const [kind, id] = picked?.part.split('.') ?? []
  const cell =
    kind === 'risk' && id !== undefined
      ? (cells.find(
          (c) =>
            c.curveId === id &&
            (picked?.time === undefined || Math.abs(c.time - picked.time) < 1e-9),
        ) ?? null)
      : null
  const cellCurve = cell ? study.curves.find((c) => c.id === cell.curveId) : undefined
  const box = cell ? boxToScreen(cell.box, view) : null
  // Under the whole table, so as to hide none of its numbers; within the canvas.
  const below = Math.max(...cells.map((c) => boxToScreen(c.box, view).y1))
  const cellTop = Math.min(below + 8, viewport.height - CELL_BAR)

  if (curves.length === 0 && !cell) return null
  return (
    <div
      className="to-check-in-place"
      // Presses on these controls are theirs, not the canvas tool's.
      onPointerDown={(e) => e.stopPropagation()}
    >
      {curves.map((c, i) => {
        const left = ends[i].x + LABEL_ROOM > viewport.width
        const on = picked?.part === `curves.${c.curveId}`
        return (
          <div
            key={c.curveId}
            className={`to-check-label ${left ? 'left' : ''}`}
            style={
              left
                ? { right: viewport.width - ends[i].x + 8, top: tops[i] }
                : { left: ends[i].x + 8, top: tops[i] }
            }
            data-testid={`curve-to-check-${c.curveId}`}
          >
            <button
              type="button"
              className="chip"
              aria-pressed={on}
              style={{ borderColor: c.color }}
              title="Read from the figure: check it follows the printed curve, then confirm"
              onClick={() => pickPart(`curves.${c.curveId}`)}
            >
              <span className="swatch" style={{ background: c.color }} />
              {c.name}: to check
            </button>
            {on && (
              <button
                type="button"
                className="small"
                aria-label={`Confirm the trace of ${c.name}`}
                onClick={() => confirmParts([`curves.${c.curveId}`])}
              >
                Confirm
              </button>
            )}
          </div>
        )
      })}
      {cell && box && cellCurve && (
        <div
          className="to-check-cell"
          role="group"
          aria-label="Number at risk to check"
          style={{ left: Math.max(4, box.x0 - 4), top: cellTop }}
        >
          <span>
            {cellCurve.name} at {formatTime(cell.time)} {unit}:{' '}
            {cell.n === null ? 'nothing could be read' : `read ${cell.n}`}
          </span>
          {cell.n !== null && (
            <button
              type="button"
              className="small"
              onClick={() => confirmCell(cell.curveId, cell.time)}
              aria-label={`Confirm ${cell.n} at ${formatTime(cell.time)}`}
            >
              Confirm
            </button>
          )}
          <button
            type="button"
            className="small secondary"
            onClick={() => pickCell(cell.curveId, cell.time)}
          >
            {cell.n === null ? 'Type it' : 'Correct'}
          </button>
          {picked?.time === undefined && riskToCheck(study, cell.curveId) && (
            <button
              type="button"
              className="small secondary"
              onClick={() => confirmParts([`risk.${cell.curveId}`])}
            >
              Confirm all of {cellCurve.name}
            </button>
          )}
        </div>
      )}
    </div>
  )
}
