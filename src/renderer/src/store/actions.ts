/** Point and view actions shared by the keyboard, the menu, the toolbar and the panels. */
import { AXIS_KEYS } from '../geometry/calibration'
import { actualSizeView, centreOn, fitView, isVisible, zoomAbout } from '../geometry/view'
import { deletePoints, movePoints } from './studyOps'
import { axesOf, edit, setDraft, useStudy } from './store'

const get = () => useStudy.getState()

function activeCurve() {
  const { study, activeCurveId } = get()
  return study.curves.find((c) => c.id === activeCurveId) ?? null
}

export function deleteSelection(): void {
  const curve = activeCurve()
  const { selection } = get()
  if (!curve || selection.length === 0) return
  edit((s) => deletePoints(s, curve.id, selection))
  const next = Math.min(Math.min(...selection), curve.points.length - selection.length - 1)
  useStudy.setState({ selection: next >= 0 ? [next] : [] })
}

/**
 * Moves the selected points, or the selected calibration point in the axes tool, by (dx, dy)
 * screen pixels, as WebPlotDigitizer's arrow keys do.
 */
export function nudge(dx: number, dy: number): void {
  const { view, tool, activeAxis, draft, study, selection } = get()
  const ix = dx / view.scale
  const iy = dy / view.scale
  if (tool === 'axes' && activeAxis && draft.points[activeAxis]) {
    const p = draft.points[activeAxis]!
    setDraft({ ...draft, points: { ...draft.points, [activeAxis]: { x: p.x + ix, y: p.y + iy } } })
    return
  }
  const curve = activeCurve()
  const axes = axesOf(study.calibration)
  if (!curve || !axes || selection.length === 0) return
  const moved = movePoints(study, curve.id, selection, ix, iy, axes)
  edit(() => moved.study)
  useStudy.setState({ selection: moved.indices })
}

/** Selects one point and brings it into view. */
export function selectPoint(curveId: string, index: number): void {
  const { study, view, viewport } = get()
  const point = study.curves.find((c) => c.id === curveId)?.points[index]
  if (!point) return
  const at = { x: point.px, y: point.py }
  useStudy.setState({
    activeCurveId: curveId,
    selection: [index],
    view: isVisible(view, at, viewport) ? view : centreOn(view, at, viewport),
  })
}

/** The previous or next point along the active curve (or calibration point in the axes tool). */
export function stepSelection(step: 1 | -1): void {
  const { tool, activeAxis, selection } = get()
  if (tool === 'axes') {
    const i = activeAxis ? AXIS_KEYS.indexOf(activeAxis) : -1
    useStudy.setState({ activeAxis: AXIS_KEYS[(i + step + AXIS_KEYS.length) % AXIS_KEYS.length] })
    return
  }
  const curve = activeCurve()
  if (!curve || curve.points.length === 0) return
  const current = selection.length ? selection[selection.length - 1] : step > 0 ? -1 : 0
  selectPoint(curve.id, Math.min(curve.points.length - 1, Math.max(0, current + step)))
}

export function selectAll(): void {
  const curve = activeCurve()
  if (curve) useStudy.setState({ selection: curve.points.map((_, i) => i) })
}

export function zoomFit(): void {
  const { study, viewport } = get()
  if (study.figure) useStudy.setState({ view: fitView(study.figure, viewport) })
}

export function zoomActual(): void {
  const { view, viewport } = get()
  useStudy.setState({ view: actualSizeView(view, viewport) })
}

export function zoomBy(factor: number): void {
  const { view, viewport } = get()
  useStudy.setState({
    view: zoomAbout(view, { x: viewport.width / 2, y: viewport.height / 2 }, factor),
  })
}
