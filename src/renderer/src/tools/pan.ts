import { panBy } from '../geometry/view'
import { useStudy } from '../store/store'
import type { Tool, ToolPointer } from './types'

let last: ToolPointer | null = null

/** Drags the view; also what the middle button and a held space bar do in any tool. */
export const panTool: Tool = {
  cursor: 'grab',
  down(p) {
    last = p
  },
  move(p) {
    if (!last) return
    const dx = p.screen.x - last.screen.x
    const dy = p.screen.y - last.screen.y
    last = p
    useStudy.setState((s) => ({ view: panBy(s.view, dx, dy) }))
  },
  up() {
    last = null
  },
}
