import type { KeyboardEvent, PointerEvent } from 'react'

/** The narrowest and widest the reconstruction panel may be dragged, in CSS pixels. */
export const RESULTS_MIN = 260
export const RESULTS_MAX = 900

export const clampWidth = (w: number) => Math.round(Math.min(RESULTS_MAX, Math.max(RESULTS_MIN, w)))

/**
 * The handle on the reconstruction panel's left edge: drag it, or focus it and use the arrow
 * keys, to give the panel's tables more room (the figure refits to what is left).
 */
export function PanelSplitter(props: { width: number; onWidth(width: number): void }) {
  const { width, onWidth } = props
  const down = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId)
  }
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId)) return
    onWidth(clampWidth(window.innerWidth - e.clientX))
  }
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 80 : 20
    if (e.key === 'ArrowLeft') onWidth(clampWidth(width + step))
    else if (e.key === 'ArrowRight') onWidth(clampWidth(width - step))
    else return
    e.preventDefault()
    e.stopPropagation()
  }
  return (
    <div
      className="panel-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Width of the reconstruction panel"
      aria-valuemin={RESULTS_MIN}
      aria-valuemax={RESULTS_MAX}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={down}
      onPointerMove={move}
      onKeyDown={key}
    />
  )
}
