import { create } from 'zustand'
import type { AxesCalibration } from '../../../shared/calibration/axes'
import {
  nextAxisKey,
  AXIS_KEYS,
  AXIS_LABELS,
  calibrationFromDraft,
  type AxisKey,
  type CalibrationDraft,
} from '../geometry/calibration'
import { messageOf } from '../io/messages'
import { setCalibration } from '../store/studyOps'
import {
  beginGesture,
  calibrationToCheck,
  edit,
  endGesture,
  notify,
  setDraft,
  useStudy,
} from '../store/store'
import { HIT_RADIUS, movedBeyond, type Tool, type ToolPointer } from './types'

interface Drag {
  key: AxisKey
  start: ToolPointer
  from: { x: number; y: number }
  /** A press on a placed point while another is still to place: a click there places the next one
   * on it (a shared origin), a drag moves the point pressed. Undecided until moved or released. */
  pending: AxisKey | null
  /** The press was on a placed point (it selects it), and whether it has moved since. */
  selects: boolean
  moved: boolean
}

let dragging: Drag | null = null

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

const name = (k: AxisKey) => k.toUpperCase()

/**
 * The value field of a point just placed takes the focus, so that its value is typed next, as
 * Engauge asks for it: click, type, click, type, with no click into the field or Tab between.
 */
function focusValue(key: AxisKey) {
  const field = document.querySelector<HTMLInputElement>(
    `input[aria-label="${AXIS_LABELS[key]} value"]`,
  )
  field?.focus()
  field?.select()
}

/**
 * Calibration: a press places the next of X1, X2, Y1, Y2 (and dragging before release adjusts
 * it); a press on a placed point drags it. A click on a placed point while a point is still to
 * place puts the next one there too, since a shared origin (X1 and Y1 at the axes' corner) is the
 * usual case; every click that selects rather than places says so. One press, one undo step.
 * The value field of the point placed takes the focus.
 */
export const axesTool: Tool = {
  cursor: 'crosshair',
  down(p) {
    const hit = hitAxisPoint(p)
    const next = nextAxisKey(useStudy.getState().draft)
    const key = hit ?? next
    if (!key) {
      notify('info', 'All four axis points are placed: drag one to move it.')
      return
    }
    beginGesture()
    const from = hit ? useStudy.getState().draft.points[hit]! : p.image
    useStudy.setState({ activeAxis: key })
    if (!hit) place(key, p.image.x, p.image.y)
    dragging = {
      key,
      start: p,
      from,
      pending: hit && next ? next : null,
      selects: hit !== null,
      moved: false,
    }
  },
  move(p) {
    if (!dragging) return
    const { key, start, from } = dragging
    if (dragging.pending) {
      if (!movedBeyond(start.screen, p.screen)) return
      dragging.pending = null
    }
    if (movedBeyond(start.screen, p.screen)) dragging.moved = true
    place(key, from.x + p.image.x - start.image.x, from.y + p.image.y - start.image.y)
  },
  up() {
    const drag = dragging
    dragging = null
    if (drag?.pending) {
      // A click on a placed point: the next point shares its place.
      place(drag.pending, drag.from.x, drag.from.y)
      useStudy.setState({ activeAxis: drag.pending })
      notify(
        'info',
        `${name(drag.pending)} placed on ${name(drag.key)} (one point for both, as at a shared origin). To move ${name(drag.key)} instead, drag it.`,
      )
    } else if (drag?.selects && !drag.moved) {
      notify(
        'info',
        `Selected ${name(drag.key)} (nothing placed): drag it, or nudge it with the arrow keys.`,
      )
    }
    endGesture()
    // After the gesture's end, so that the field's own edits are one undo step of their own.
    if (drag?.pending) focusValue(drag.pending)
    else if (drag && !drag.selects) focusValue(drag.key)
  },
}

export interface AxesReadingState {
  /** "Detect axes" is reading the figure. */
  busy: boolean
  /** Why the last reading gave no calibration, in words; null after a success or a new reading. */
  failure: string[] | null
  /** The figure (its SHA-256) the failure is about: another figure's is not shown. */
  failureFor: string | null
}

export const useAxesReading = create<AxesReadingState>(() => ({
  busy: false,
  failure: null,
  failureFor: null,
}))

/** The provenance notes keep what the reader was unsure of, within the study file's bounds. */
export const noteOf = (problem: string) =>
  problem.length > 500 ? `${problem.slice(0, 499)}…` : problem

/**
 * Places the calibration read from the figure: the four points with their values, the scales and
 * the time unit when the axis title named one, as one undo step; marked read and not confirmed
 * (`provenance.calibration`), so that its points are drawn "to check" until Confirm or a change by
 * hand. Returns why it could not, or null.
 */
export function applyDetectedAxes(cal: AxesCalibration, problems: string[]): string | null {
  const next = detectedDraft(cal)
  const result = calibrationFromDraft(next)
  if (!result.ok) return result.message
  useStudy.setState({ draft: next, activeAxis: null, tool: 'axes' })
  edit((s) => ({
    ...setCalibration(s, result.calibration, result.axes),
    provenance: {
      ...s.provenance,
      calibration: { from: 'read', confirmed: false, notes: problems.slice(0, 200).map(noteOf) },
    },
  }))
  return null
}

/**
 * The calibration draft of a calibration read from the figure: its four points and values, its
 * scales, and its time unit when the axis title named one (else the draft's).
 */
export function detectedDraft(cal: AxesCalibration): CalibrationDraft {
  const { draft } = useStudy.getState()
  const at = (k: AxisKey) => ({ x: cal[k].px, y: cal[k].py })
  return {
    points: { x1: at('x1'), x2: at('x2'), y1: at('y1'), y2: at('y2') },
    values: {
      x1: String(cal.x1.value),
      x2: String(cal.x2.value),
      y1: String(cal.y1.value),
      y2: String(cal.y2.value),
    },
    xScale: cal.xScale ?? 'linear',
    yAxis: cal.yAxis ?? 'linear',
    yScale: cal.yScale ?? draft.yScale,
    timeUnit: cal.timeUnit ?? draft.timeUnit,
    // Reading the axes cannot tell rising curves: the reviewer's choice stays.
    yShows: draft.yShows,
  }
}

/** The reviewer checked the calibration read from the figure: one undo step. */
export function confirmDetectedAxes(): void {
  edit((s) =>
    calibrationToCheck(s)
      ? {
          ...s,
          provenance: {
            ...s.provenance,
            calibration: { ...s.provenance!.calibration!, confirmed: true },
          },
        }
      : s,
  )
}

/**
 * "Detect axes": main reads the figure's axes (tick marks, their labels by offline OCR, a
 * least-squares fit; src/node/detectAxesService.ts); a verified calibration is placed, to check;
 * otherwise the reasons are shown and nothing changes.
 */
export async function detectAxesFromFigure(): Promise<void> {
  const figure = useStudy.getState().study.figure
  if (!figure?.data) {
    notify('error', 'Open a figure first: the axes are read from it.')
    return
  }
  if (useAxesReading.getState().busy) return
  useAxesReading.setState({ busy: true, failure: null, failureFor: figure.sha256 })
  try {
    const found = await window.kmpool.detectAxes({ data: figure.data, name: figure.name })
    // A figure opened meanwhile is another figure: its axes were not the ones read.
    if (useStudy.getState().study.figure?.sha256 !== figure.sha256) return
    const refused = found.calibration
      ? applyDetectedAxes(found.calibration, found.problems)
      : 'the axes could not be verified'
    const reasons = found.calibration === null && found.problems.length ? found.problems : [refused]
    useAxesReading.setState({ failure: refused === null ? null : reasons.map(String) })
  } catch (error) {
    useAxesReading.setState({ failure: [messageOf(error)] })
  } finally {
    useAxesReading.setState({ busy: false })
  }
}
