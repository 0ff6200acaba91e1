/**
 * The in-place controls of the parts read from the figure and not yet confirmed (issue 14): a
 * label at the end of each traced curve to check, which picks it and then offers Confirm beside
 * it; and, under the table, what was read in the picked risk cell (or the first cell of the
 * picked table), with Confirm and Correct. Buttons, so that each is reached by the keyboard too.
 */
import { formatTime } from '../geometry/riskSpacing'
import {
  axisTextStrips,
  CALIBRATION_LABEL_SIZE,
  calibrationLabels,
  LABEL_FONT,
  placeLabels,
} from '../geometry/labelPlacement'
import { boxToScreen, cellHighlights, curveHighlights } from '../geometry/readHighlights'
import { imageToScreen } from '../geometry/view'
import { confirmCell, confirmParts, pickCell, pickPart, riskToCheck } from '../io/figureReading'
import { calibrationToCheck, useStudy } from '../store/store'
import { calibrationPointsShown } from './scene'

/** Screen pixels between a curve's end and its label, and kept free around each label. */
const LABEL_OFFSET = 8
const LABEL_GAP = 3
/** A label's height in screen pixels (the chip with its ring; styles.css). */
const LABEL_HEIGHT = 22
/** Room beside a label's chip for its Confirm button, kept so that picking it moves nothing. */
const CONFIRM_ROOM = 70
/** The chip around its text: padding, border, ring, colour swatch and gap (styles.css). */
const CHIP_EXTRA = 40
/** The chip's font (styles.css: 600 weight, 0.75rem of the 13 px root). */
const CHIP_FONT = `600 9.75px ${LABEL_FONT}`
/** The height of a picked cell's bar, kept inside the canvas. */
const CELL_BAR = 36

export function ToCheckInPlace() {
  const study = useStudy((s) => s.study)
  const view = useStudy((s) => s.view)
  const viewport = useStudy((s) => s.viewport)
  const picked = useStudy((s) => s.checkFocus)
  const unit = study.calibration?.timeUnit ?? 'months'

  const calibrationShown = useStudy(calibrationPointsShown)
  const draft = useStudy((s) => s.draft)

  const curves = curveHighlights(study)
  const ends = curves.map((c) => imageToScreen(view, c.anchor))
  // Clear of the calibration points' names drawn on the canvas and of the risk cells outlined.
  const px = 1 / view.scale
  const names = calibrationShown
    ? calibrationLabels(
        draft,
        calibrationToCheck(study),
        px,
        study.figure?.width ?? Infinity,
        (text) => measureText(text, `${CALIBRATION_LABEL_SIZE}px ${LABEL_FONT}`),
      ).map((l) => boxToScreen(l.box, view))
    : []
  const sizes = curves.map((c) => ({
    w: measureText(`${c.name}: to check`, CHIP_FONT) + CHIP_EXTRA + CONFIRM_ROOM,
    h: LABEL_HEIGHT,
  }))

  const cells = cellHighlights(study)
  // Nor over the figure's own tick labels and axis titles, below the time axis and left of the
  // survival axis.
  const strips =
    study.calibration && study.figure
      ? axisTextStrips(study.calibration, study.figure.width, study.figure.height)
      : []
  const places = placeLabels(
    ends,
    sizes,
    [...names, ...[...cells.map((c) => c.box), ...strips].map((b) => boxToScreen(b, view))],
    viewport,
    LABEL_OFFSET,
    LABEL_GAP,
  )
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
        const place = places[i]
        const on = picked?.part === `curves.${c.curveId}`
        return (
          <div
            key={c.curveId}
            className={`to-check-label ${place.left ? 'left' : ''}`}
            // On the left of its curve's end, the chip nearest the end and Confirm beyond it.
            style={
              place.left
                ? { right: viewport.width - (place.x + sizes[i].w), top: place.y }
                : { left: place.x, top: place.y }
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

let measuring: CanvasRenderingContext2D | null = null

/** A text's width in screen pixels in a CSS font; an estimate where no canvas can measure. */
function measureText(text: string, font: string): number {
  measuring ??= document.createElement('canvas').getContext('2d')
  if (!measuring) return text.length * 7
  measuring.font = font
  return measuring.measureText(text).width
}
