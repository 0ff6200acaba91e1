import { addCurve, addPoint, movePoints } from '../store/studyOps'
import { axesOf, beginGesture, edit, endGesture, notify, useStudy } from '../store/store'
import type { Tool } from './types'

let adding = false

/**
 * Adds a point to the active curve where pressed, as WebPlotDigitizer's manual mode does: every
 * press adds, however close to another point; dragging before release adjusts the new point.
 */
export const addTool: Tool = {
  cursor: 'crosshair',
  down(p) {
    const { study } = useStudy.getState()
    const axes = axesOf(study.calibration)
    if (!axes) {
      notify('error', 'Calibrate the axes before adding points.')
      return
    }
    beginGesture()
    // The first click on a figure without curves starts one, in the same undo step.
    let activeCurveId = useStudy.getState().activeCurveId
    if (!activeCurveId) {
      edit((s) => {
        const added = addCurve(s)
        activeCurveId = added.id
        return added.study
      })
      useStudy.setState({ activeCurveId })
    }
    const curveId = activeCurveId!
    let index = -1
    edit((s) => {
      const added = addPoint(s, curveId, p.image.x, p.image.y, axes)
      index = added.index
      return added.study
    })
    useStudy.setState({ selection: [index] })
    adding = true
  },
  move(p) {
    if (!adding) return
    const { study, activeCurveId, selection } = useStudy.getState()
    const axes = axesOf(study.calibration)
    const at = study.curves.find((c) => c.id === activeCurveId)?.points[selection[0]]
    if (!axes || !activeCurveId || !at) return
    const moved = movePoints(
      study,
      activeCurveId,
      [selection[0]],
      p.image.x - at.px,
      p.image.y - at.py,
      axes,
    )
    edit(() => moved.study)
    useStudy.setState({ selection: moved.indices })
  },
  up() {
    adding = false
    endGesture()
  },
}
