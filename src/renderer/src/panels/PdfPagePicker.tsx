/** The page chooser of a PDF opened as a figure: page, scale and an optional crop, over the app. */
import { useRef, useState, type PointerEvent } from 'react'
import {
  PDF_SCALES,
  PREVIEW_SCALE,
  cancelPdf,
  choosePage,
  confirmPdf,
  cropAtScale,
  usePdf,
  type Crop,
} from '../io/pdf'
import './pdf.css'

/** A drag shorter than this many preview pixels is a click, not a crop. */
const MIN_CROP = 4

export function PdfPagePicker() {
  const picker = usePdf((s) => s.picker)
  const image = useRef<HTMLImageElement>(null)
  const [dragFrom, setDragFrom] = useState<{ x: number; y: number } | null>(null)
  if (!picker) return null
  const { doc, page, scale, preview, crop, busy, error } = picker

  // The pointer in the preview's pixels, held inside the image.
  const at = (e: PointerEvent) => {
    const box = image.current!.getBoundingClientRect()
    const k = preview!.width / box.width
    return {
      x: Math.min(preview!.width, Math.max(0, (e.clientX - box.left) * k)),
      y: Math.min(preview!.height, Math.max(0, (e.clientY - box.top) * k)),
    }
  }
  const dragTo = (e: PointerEvent): Crop | null => {
    if (!dragFrom) return null
    const p = at(e)
    const rect = {
      x: Math.min(dragFrom.x, p.x),
      y: Math.min(dragFrom.y, p.y),
      width: Math.abs(p.x - dragFrom.x),
      height: Math.abs(p.y - dragFrom.y),
    }
    return rect.width >= MIN_CROP && rect.height >= MIN_CROP ? rect : null
  }
  const setCrop = (next: Crop | null) =>
    usePdf.setState((s) => (s.picker ? { picker: { ...s.picker, crop: next } } : s))
  const output = crop
    ? cropAtScale(crop, scale)
    : preview && {
        width: Math.round((preview.width / PREVIEW_SCALE) * scale),
        height: Math.round((preview.height / PREVIEW_SCALE) * scale),
      }

  return (
    <div className="prompt-backdrop">
      <div
        className="prompt pdf-picker"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pdf-picker-title"
        // The study's shortcuts must not act behind the chooser.
        onKeyDown={(e) => {
          e.stopPropagation()
          if (e.key === 'Escape') cancelPdf()
        }}
      >
        <h2 id="pdf-picker-title">Figure from {doc.name}</h2>
        <div className="pdf-picker-fields">
          <label className="field">
            <span>Page (of {doc.pages})</span>
            <input
              type="number"
              min={1}
              max={doc.pages}
              value={page}
              aria-label="Page"
              onChange={(e) => {
                const n = Number(e.target.value)
                if (Number.isInteger(n) && n >= 1 && n <= doc.pages) void choosePage(n)
              }}
            />
          </label>
          <label className="field">
            <span>Scale (pixels per point)</span>
            <select
              value={scale}
              aria-label="Scale"
              onChange={(e) =>
                usePdf.setState((s) =>
                  s.picker ? { picker: { ...s.picker, scale: Number(e.target.value) } } : s,
                )
              }
            >
              {PDF_SCALES.map((s) => (
                <option key={s} value={s}>
                  {s} ({s * 72} dpi)
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="secondary"
            disabled={!crop}
            onClick={() => setCrop(null)}
          >
            Whole page
          </button>
        </div>
        <p className="hint">
          Drag a rectangle over the figure to keep only it, or keep the whole page.
          {output && ` The figure will be ${output.width}×${output.height} px.`}
        </p>
        <div className="pdf-preview">
          {preview ? (
            <div className="pdf-preview-page">
              <img
                ref={image}
                src={preview.url}
                alt={`Page ${page} of ${doc.name}`}
                draggable={false}
                onPointerDown={(e) => {
                  e.currentTarget.setPointerCapture(e.pointerId)
                  setDragFrom(at(e))
                }}
                onPointerMove={(e) => {
                  const rect = dragTo(e)
                  if (rect) setCrop(rect)
                }}
                onPointerUp={(e) => {
                  const rect = dragTo(e)
                  if (rect) setCrop(rect)
                  setDragFrom(null)
                }}
              />
              {crop && (
                <div
                  className="pdf-crop"
                  aria-label="Crop"
                  style={{
                    left: `${(crop.x / preview.width) * 100}%`,
                    top: `${(crop.y / preview.height) * 100}%`,
                    width: `${(crop.width / preview.width) * 100}%`,
                    height: `${(crop.height / preview.height) * 100}%`,
                  }}
                />
              )}
            </div>
          ) : (
            <p className="muted">{busy ? 'Rendering the page…' : ''}</p>
          )}
        </div>
        {error && (
          <p className="pdf-error" role="alert">
            {error}
          </p>
        )}
        <div className="prompt-choices">
          <button
            type="button"
            className="primary"
            disabled={busy || !preview}
            onClick={() => void confirmPdf()}
          >
            Use this page
          </button>
          <button type="button" className="secondary" onClick={cancelPdf}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  )
}
