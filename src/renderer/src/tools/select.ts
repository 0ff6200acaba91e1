import { hitPoint, normalizeRect, pointsInRect } from '../geometry/hit'
import type { Study } from '../../../shared/model/study'
import { movePoints } from '../store/studyOps'
import { axesOf, beginGesture, edit, endGesture, useStudy } from '../store/store'
import { HIT_RADIUS, movedBeyond, type Tool, type ToolPointer } from './types'

type Press =
  | { kind: 'move'; start: ToolPointer; base: Study; indices: number[]; dragging: boolean }
  | { kind: 'box'; start: ToolPointer; additive: boolean; before: number[] }

let press: Press | null = null

/** The curve and point under the pointer: the active curve first, then the others. */
function hitAnyCurve(p: ToolPointer): { curveId: string; index: number } | null {
  const { study, activeCurveId, view } = useStudy.getState()
  const radius = HIT_RADIUS / view.scale
  const curves = [...study.curves].sort(
    (a, b) => Number(b.id === activeCurveId) - Number(a.id === activeCurveId),
  )
  for (const curve of curves) {
    const index = hitPoint(curve.points, p.image, radius)
    if (index >= 0) return { curveId: curve.id, index }
  }
  return null
}

/**
 * Selects and moves points: a press on a point selects it (Shift adds it) and dragging moves the
 * whole selection; a press elsewhere drags a box that selects the points inside it.
 */
export const selectTool: Tool = {
  cursor: 'default',
  down(p) {
    const state = useStudy.getState()
    const hit = hitAnyCurve(p)
    if (hit) {
      const same = hit.curveId === state.activeCurveId
      let selection = same ? state.selection : []
      if (!selection.includes(hit.index)) {
        selection = p.shift ? [...selection, hit.index] : [hit.index]
      }
      useStudy.setState({ activeCurveId: hit.curveId, selection })
      press = { kind: 'move', start: p, base: state.study, indices: selection, dragging: false }
      return
    }
    press = { kind: 'box', start: p, additive: p.shift, before: p.shift ? state.selection : [] }
  },
  move(p) {
    if (!press) return
    if (press.kind === 'box') {
      useStudy.setState({ box: normalizeRect(press.start.image, p.image) })
      return
    }
    if (!press.dragging) {
      if (!movedBeyond(press.start.screen, p.screen)) return
      press.dragging = true
      beginGesture()
    }
    const { activeCurveId, study } = useStudy.getState()
    const axes = axesOf(study.calibration)
    if (!axes || !activeCurveId) return
    const moved = movePoints(
      press.base,
      activeCurveId,
      press.indices,
      p.image.x - press.start.image.x,
      p.image.y - press.start.image.y,
      axes,
    )
    edit(() => moved.study)
    useStudy.setState({ selection: moved.indices })
  },
  up() {
    if (press?.kind === 'box') {
      const { box, study, activeCurveId } = useStudy.getState()
      const curve = study.curves.find((c) => c.id === activeCurveId)
      const inside = box && curve ? pointsInRect(curve.points, box) : []
      useStudy.setState({ box: null, selection: [...new Set([...press.before, ...inside])] })
    }
    press = null
    endGesture()
  },
}
