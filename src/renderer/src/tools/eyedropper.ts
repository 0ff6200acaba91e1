import { pickColorAt } from '../io/trace'
import type { Tool } from './types'

/** Picks the curve colour under the pointer for the active curve (or a new one), for tracing. */
export const eyedropperTool: Tool = {
  cursor: 'copy',
  down(p) {
    pickColorAt(p.image.x, p.image.y)
  },
  move() {},
  up() {},
}
