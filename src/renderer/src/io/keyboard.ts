/**
 * Keyboard shortcuts, handled by the page in Electron and in a browser alike (the menu shows the
 * same accelerators without registering them). Keys typed into a field stay the field's own.
 */
import * as commands from './commands'
import {
  deleteSelection,
  nudge,
  selectAll,
  stepSelection,
  zoomActual,
  zoomBy,
  zoomFit,
} from '../store/actions'
import { beginGesture, endGesture, redo, undo, useStudy, type ToolName } from '../store/store'

const TOOL_KEYS: Record<string, ToolName> = {
  h: 'pan',
  c: 'axes',
  a: 'add',
  v: 'select',
  i: 'eyedropper',
  m: 'mask',
}

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['button', 'checkbox', 'radio'].includes(target.type))
  )
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
}

/** Half a screen pixel per press, five with Shift, as in WebPlotDigitizer. */
const NUDGE = 0.5

function withModifier(e: KeyboardEvent): (() => void) | null {
  const key = e.key.toLowerCase()
  if (key === 'z') return e.shiftKey ? redo : undo
  if (key === 'y') return redo
  if (key === 'o') return e.shiftKey ? commands.openStudy : commands.openFigure
  if (key === 's') return e.shiftKey ? commands.saveAs : commands.save
  if (key === '0') return zoomFit
  if (key === '1') return zoomActual
  if (key === '=' || key === '+') return () => zoomBy(1.25)
  if (key === '-') return () => zoomBy(0.8)
  if (key === 'a') return selectAll
  return null
}

function plain(e: KeyboardEvent): (() => void) | null {
  const arrow = ARROWS[e.key]
  if (arrow) {
    const k = NUDGE * (e.shiftKey ? 10 : 1)
    return () => {
      // Holding an arrow key is one gesture: one undo step, however many repeats.
      beginGesture()
      nudge(arrow[0] * k, arrow[1] * k)
    }
  }
  if (e.key === 'Delete' || e.key === 'Backspace') return deleteSelection
  if (e.key === '[' || e.key === ',') return () => stepSelection(-1)
  if (e.key === ']' || e.key === '.') return () => stepSelection(1)
  // Escape lets go of what is picked: points, the box being dragged, a part read to check.
  if (e.key === 'Escape')
    return () => useStudy.setState({ selection: [], box: null, checkFocus: null })
  const tool = TOOL_KEYS[e.key.toLowerCase()]
  if (tool && !e.shiftKey) return () => useStudy.setState({ tool })
  return null
}

export function installKeyboard(): () => void {
  const down = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey
    if (isTextField(e.target)) return
    const action = mod ? withModifier(e) : e.altKey ? null : plain(e)
    if (!action) return
    e.preventDefault()
    action()
  }
  const up = (e: KeyboardEvent) => {
    if (ARROWS[e.key]) endGesture()
  }
  window.addEventListener('keydown', down)
  window.addEventListener('keyup', up)
  return () => {
    window.removeEventListener('keydown', down)
    window.removeEventListener('keyup', up)
  }
}
