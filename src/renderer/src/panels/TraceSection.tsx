import { pdfSourceOf, readVectorCurves, usePdf } from '../io/pdf'
import { acceptOffers, suggestCurves, useTrace } from '../io/trace'
import { traceNoteText } from '../geometry/traceStatusText'
import { clearMask } from '../store/traceOps'
import { edit, useStudy } from '../store/store'

/**
 * Automatic tracing: the colour tolerance, the curves found by their colours (each offered with
 * its swatch, to add with its trace), and the mask brush.
 */
export function TraceSection() {
  const {
    tolerance,
    brush,
    erasing,
    busy,
    offersFor,
    offers: found,
    suggestNotes,
    inset,
  } = useTrace()
  const figure = useStudy((s) => s.study.figure?.sha256 ?? null)
  const offers = offersFor === figure ? found : []
  // The inset's note only while its stroke is in the mask: undone, the note would be untrue.
  const insetMasked = useStudy(
    (s) => inset !== null && (s.study.traceMask ?? []).includes(inset.stroke),
  )
  const notes =
    offersFor === figure ? [...(insetMasked && inset ? [inset.note] : []), ...suggestNotes] : []
  const curves = useStudy((s) => s.study.curves)
  // The tracer names curves by colour: the study's by their names, the offers as listed here.
  const named = [
    ...curves,
    ...offers.map((o, i) => ({ id: `offer${i}`, name: `Curve ${i + 1}`, color: o.color })),
  ]
  const calibrated = useStudy((s) => s.study.calibration !== null)
  const masked = useStudy((s) => (s.study.traceMask?.length ?? 0) > 0)
  const fromPdf = useStudy((s) => s.study.figure?.source !== undefined)
  const pdfTokens = usePdf((p) => p.tokens)
  const pdfOpen = useStudy((s) => pdfSourceOf(s.study.figure, pdfTokens) !== null)
  return (
    <section className="trace-section" aria-label="Automatic tracing">
      <h3>Automatic tracing</h3>
      <label className="field">
        <span>
          Colour tolerance (ΔE) <output>{tolerance}</output>
        </span>
        <input
          type="range"
          min={4}
          max={60}
          step={1}
          value={tolerance}
          aria-label="Colour tolerance (ΔE)"
          onChange={(e) => useTrace.setState({ tolerance: Number(e.target.value) })}
        />
      </label>
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={!calibrated || busy !== null}
          onClick={() => void suggestCurves()}
        >
          {busy === 'suggest' ? 'Looking for curves…' : 'Suggest curves'}
        </button>
        {fromPdf && (
          <button
            type="button"
            className="secondary"
            disabled={!calibrated || !pdfOpen || busy !== null}
            title={
              pdfOpen
                ? 'Read the curves from the PDF page’s vector paths: exact corners and censor marks'
                : 'Open the PDF again (File → Open figure) to read its vector curves'
            }
            onClick={() => void readVectorCurves()}
          >
            {busy === 'vector' ? 'Reading the page…' : 'Read vector curves'}
          </button>
        )}
      </div>
      {offers.length > 0 && (
        <ul className="offer-list" aria-label="Suggested curves">
          {offers.map((o, i) => (
            // Two vector curves may share a colour (told apart by their dashes).
            <li key={`${i}:${o.color}`}>
              <span className="swatch" style={{ background: o.color }} />
              Curve {i + 1} <span className="muted">{o.color}</span>
              <button
                type="button"
                className="secondary"
                aria-label={`Add the ${o.color} curve`}
                onClick={() => acceptOffers([o])}
              >
                Add
              </button>
              {o.notes.length > 0 && (
                // Folded: the same notes are listed under the curve's row once it is added.
                <details className="warnings offer-notes">
                  <summary>
                    {o.notes.length} note{o.notes.length === 1 ? '' : 's'} on its trace
                  </summary>
                  <ul aria-label={`Notes on curve ${i + 1}`}>
                    {o.notes.map((n, k) => (
                      <li key={k}>{traceNoteText(n, named)}</li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
          {offers.length > 1 && (
            <li>
              <button type="button" onClick={() => acceptOffers(offers)}>
                Add all {offers.length}
              </button>
            </li>
          )}
        </ul>
      )}
      {notes.length > 0 && (
        // Notes to read, not failures: what the suggestion saw and did not offer, and why.
        <div className="warnings suggest-notes" role="note" aria-label="Notes on the suggestion">
          <p>Not offered as curves:</p>
          <ul>
            {notes.map((n, k) => (
              <li key={k}>{traceNoteText(n, named)}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="hint">
        Eyedropper (I): click a curve to take its colour for the active curve, then Trace. Mask (M):
        paint over a legend, text or a crossing curve to hide it from tracing (Shift erases).
      </p>
      <label className="field">
        <span>
          Mask brush <output>{brush}</output> px
        </span>
        <input
          type="range"
          min={2}
          max={60}
          step={1}
          value={brush}
          aria-label="Mask brush size"
          onChange={(e) => useTrace.setState({ brush: Number(e.target.value) })}
        />
      </label>
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          aria-pressed={erasing}
          onClick={() => {
            useTrace.setState({ erasing: !erasing })
            useStudy.setState({ tool: 'mask' })
          }}
        >
          {erasing ? 'Erasing' : 'Erase'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!masked}
          onClick={() => edit(clearMask)}
        >
          Clear mask
        </button>
      </div>
    </section>
  )
}
