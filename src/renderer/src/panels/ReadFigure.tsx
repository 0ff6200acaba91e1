import {
  cancelReading,
  confirmParts,
  partsInWords,
  pickPart,
  readWholeFigure,
  useFigureReading,
} from '../io/figureReading'
import { useStudy, type PanelTab } from '../store/store'

/** The tab where each kind of part read is seen and corrected. */
const TAB_OF: Record<string, PanelTab> = {
  calibration: 'axes',
  curves: 'curves',
  censor: 'curves',
  risk: 'risk',
  referenceCurve: 'study',
}

/** A reading's progress: its step in words, a bar, and Cancel. */
export function ReadingProgress() {
  const progress = useFigureReading((s) => s.progress)
  const cancelling = useFigureReading((s) => s.cancelling)
  const busy = useFigureReading((s) => s.busy)
  const step = progress?.step ?? 0
  const steps = progress?.steps ?? (busy === 'risk' ? 1 : 3)
  const words = cancelling
    ? 'Cancelling…'
    : progress
      ? `${steps > 1 ? `Step ${step} of ${steps}: ` : ''}${progress.message}${progress.reads ? ` (${progress.reads} texts read)` : ''}`
      : 'Starting the text reader…'
  return (
    <div className="reading-progress" role="status" aria-live="polite">
      <p>{words}</p>
      <div className="button-row">
        <progress
          max={steps}
          value={Math.max(0, step - 1) + Math.min(0.9, (progress?.reads ?? 0) / 60)}
          aria-label="Reading progress"
        />
        <button
          type="button"
          className="small secondary"
          onClick={cancelReading}
          disabled={cancelling}
        >
          Cancel
        </button>
      </div>
    </div>
  )
}

/**
 * "Read figure": the axes, every curve, the risk tables and the reference arm read at once (main,
 * offline), with progress and Cancel; then every part read listed "to check", each with its own
 * Confirm and its tab, and Confirm all. A part's name picks it on the figure too, where it is
 * highlighted with its Confirm in place.
 */
export function ReadFigure() {
  const hasFigure = useStudy((s) => s.study.figure?.data !== undefined)
  const sha256 = useStudy((s) => s.study.figure?.sha256)
  const study = useStudy((s) => s.study)
  const parts = partsInWords(study)
  const busy = useFigureReading((s) => s.busy)
  const failure = useFigureReading((s) =>
    s.failure?.kind === 'figure' && s.failure.figure === sha256 ? s.failure.reasons : null,
  )
  if (!hasFigure) return null
  return (
    <section className="read-figure" aria-label="Read figure">
      <div className="button-row">
        <button
          type="button"
          disabled={busy !== null}
          onClick={() => void readWholeFigure()}
          title="Read the axes, trace every curve and read the numbers at risk, in one step"
        >
          Read figure
        </button>
        {busy === null && parts.length === 0 && (
          <span className="hint">Axes, curves and risk tables in one step.</span>
        )}
      </div>
      {busy === 'figure' && <ReadingProgress />}
      {busy === null && failure && (
        <div className="status error" role="alert">
          <p>The figure could not be read: nothing was changed.</p>
          <ul>
            {failure.slice(0, 3).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {parts.length > 0 && (
        <div className="status warning" role="status" data-testid="parts-to-check">
          <p>Read from the figure — to check, then confirm:</p>
          <ul className="parts-to-check">
            {parts.map(({ part, words, notes }) => (
              <li key={part}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    pickPart(part)
                    useStudy.setState({ tab: TAB_OF[part.split('.')[0]] ?? 'axes' })
                  }}
                  title={notes.length ? notes.join('\n') : 'Show it on the figure'}
                >
                  {words}
                </button>
                <button
                  type="button"
                  className="small secondary"
                  aria-label={`Confirm ${words}`}
                  onClick={() => confirmParts([part])}
                >
                  Confirm
                </button>
              </li>
            ))}
          </ul>
          {parts.length > 1 && (
            <button type="button" className="small" onClick={() => confirmParts()}>
              Confirm all {parts.length}
            </button>
          )}
        </div>
      )}
    </section>
  )
}
