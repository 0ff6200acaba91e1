import type { ToolName } from '../store/store'
import { addTool } from './add'
import { axesTool } from './axes'
import { eyedropperTool } from './eyedropper'
import { maskTool } from './mask'
import { panTool } from './pan'
import { selectTool } from './select'
import type { Tool } from './types'

export const tools: Record<ToolName, Tool> = {
  pan: panTool,
  axes: axesTool,
  add: addTool,
  select: selectTool,
  eyedropper: eyedropperTool,
  mask: maskTool,
}
