import { useTrace } from '../io/trace'
import { addMaskStroke, extendMaskStroke } from '../store/traceOps'
import { beginGesture, edit, endGesture, useStudy } from '../store/store'
import type { Tool } from './types'

let last: { x: number; y: number; step: number } | null = null

/**
 * Paints the tracing mask: a drag is one brush stroke and one undo step. Shift, or Erase in the
 * curves panel, paints an erase stroke that uncovers what earlier strokes hid.
 */
export const maskTool: Tool = {
  cursor: 'crosshair',
  down(p) {
    const { brush, erasing } = useTrace.getState()
    const radius = brush / useStudy.getState().view.scale
    beginGesture()
    edit((s) =>
      addMaskStroke(s, { erase: erasing || p.shift, radius, points: [[p.image.x, p.image.y]] }),
    )
    // Points closer than a quarter of the brush add nothing the stroke does not already cover.
    last = { x: p.image.x, y: p.image.y, step: radius / 4 }
  },
  move(p) {
    if (!last || Math.hypot(p.image.x - last.x, p.image.y - last.y) < last.step) return
    last = { ...last, x: p.image.x, y: p.image.y }
    edit((s) => extendMaskStroke(s, p.image.x, p.image.y))
  },
  up() {
    last = null
    endGesture()
  },
}
