import { nextAxisKey, AXIS_KEYS, type AxisKey } from '../geometry/calibration'
import { beginGesture, endGesture, setDraft, useStudy } from '../store/store'
import { HIT_RADIUS, type Tool, type ToolPointer } from './types'

let dragging: { key: AxisKey; start: ToolPointer; from: { x: number; y: number } } | null = null

function hitAxisPoint(p: ToolPointer): AxisKey | null {
  const { draft, view } = useStudy.getState()
  const radius = HIT_RADIUS / view.scale
  let best: AxisKey | null = null
  let bestD = radius
  for (const key of AXIS_KEYS) {
    const q = draft.points[key]
    if (!q) continue
    const d = Math.hypot(q.x - p.image.x, q.y - p.image.y)
    if (d <= bestD) {
      best = key
      bestD = d
    }
  }
  return best
}

function place(key: AxisKey, x: number, y: number) {
  const { draft } = useStudy.getState()
  setDraft({ ...draft, points: { ...draft.points, [key]: { x, y } } })
}

/**
 * Calibration: a press places the next of X1, X2, Y1, Y2 (and dragging before release adjusts
 * it); a press on a placed point drags it. One press, one undo step.
 */
export const axesTool: Tool = {
  cursor: 'crosshair',
  down(p) {
    const hit = hitAxisPoint(p)
    const key = hit ?? nextAxisKey(useStudy.getState().draft)
    if (!key) {
      useStudy.setState({
        notice: { kind: 'info', text: 'All four axis points are placed: drag one to move it.' },
      })
      return
    }
    beginGesture()
    const from = hit ? useStudy.getState().draft.points[hit]! : p.image
    useStudy.setState({ activeAxis: key })
    if (!hit) place(key, p.image.x, p.image.y)
    dragging = { key, start: p, from }
  },
  move(p) {
    if (!dragging) return
    const { key, start, from } = dragging
    place(key, from.x + p.image.x - start.image.x, from.y + p.image.y - start.image.y)
  },
  up() {
    dragging = null
    endGesture()
  },
}
