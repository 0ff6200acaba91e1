/**
 * The study view's state. The study is the document (saved, undone, reconstructed); everything
 * else is how the reviewer is looking at it. The canvas and panels draw from here and change it
 * only through these actions.
 */
import { create } from 'zustand'
import { survivalAxes, type SurvivalAxes } from '../../../shared/calibration/axes'
import type { FileRef } from '../../../shared/ipc/contract'
import { emptyStudy, type Study, type StudyCalibration } from '../../../shared/model/study'
import type { StudyReconstructionView } from '../../../shared/study/reconstructStudy'
import {
  calibrationFromDraft,
  draftFromCalibration,
  type AxisKey,
  type CalibrationDraft,
} from '../geometry/calibration'
import type { Rect } from '../geometry/hit'
import * as history from '../geometry/history'
import type { Size, View } from '../geometry/view'
import { setCalibration } from './studyOps'

export type ToolName = 'pan' | 'axes' | 'add' | 'select' | 'eyedropper' | 'mask'
export type PanelTab = 'axes' | 'curves' | 'risk' | 'study'

export interface Notice {
  /** A failure; something done with a note the reviewer should read; something done. */
  kind: 'error' | 'warning' | 'info'
  text: string
}

export interface ReconstructionState {
  status: 'idle' | 'done' | 'failed'
  result: StudyReconstructionView | null
  /** The study the result belongs to: the overlay is stale while it differs from the present. */
  of: Study | null
  error: string | null
  /** Results received so far; tests and the benchmark wait on it. */
  revision: number
}

export interface StudyState {
  study: Study
  history: history.History<Study>
  /** The study when the current gesture started; null between gestures. */
  gestureBase: Study | null
  /** The study as last opened or saved: the study is dirty while it is another object. */
  savedStudy: Study
  file: FileRef | null
  draft: CalibrationDraft
  view: View
  viewport: Size
  tool: ToolName
  tab: PanelTab
  activeCurveId: string | null
  /** Selected points of the active curve, by index. */
  selection: number[]
  activeAxis: AxisKey | null
  box: Rect | null
  /** A risk-table row to point out, from a warning's link. */
  riskFocus: { curveId: string; row: number } | null
  /**
   * The part read from the figure the reviewer picked to check (issue 14): a part as
   * `partsToCheck` names it ("curves.<id>", "risk.<id>"…), and for a risk cell its time. The
   * canvas shows it picked, with its Confirm in place.
   */
  checkFocus: { part: string; time?: number } | null
  /** A risk cell whose field the risk tab focuses (a click on its box); `seq` tells clicks apart. */
  riskCellFocus: { curveId: string; time: number; seq: number } | null
  /** The risk table's row spacing as the reviewer typed it; null: the figure's tick spacing. */
  riskStep: number | null
  /** The times the last paste into the risk table filled, per curve, shown beside their numbers. */
  riskPasted: { curveId: string; times: number[] }[] | null
  reconstruction: ReconstructionState
  notice: Notice | null
  /** Bumped when a study is loaded: the canvas then fits the figure to the window. */
  fitRequest: number
}

const axesCache = new WeakMap<StudyCalibration, SurvivalAxes>()

/** The pixel ↔ data map of the study's calibration, computed once per calibration. */
export function axesOf(calibration: StudyCalibration | null): SurvivalAxes | null {
  if (!calibration) return null
  let axes = axesCache.get(calibration)
  if (!axes) {
    axes = survivalAxes(calibration)
    axesCache.set(calibration, axes)
  }
  return axes
}

function initialState(study: Study): StudyState {
  return {
    study,
    history: history.emptyHistory(),
    gestureBase: null,
    savedStudy: study,
    file: null,
    draft: draftFromCalibration(study.calibration),
    view: { scale: 1, x: 0, y: 0 },
    viewport: { width: 800, height: 600 },
    tool: study.calibration ? 'add' : 'axes',
    tab: study.calibration ? 'curves' : 'axes',
    activeCurveId: study.curves[0]?.id ?? null,
    selection: [],
    activeAxis: null,
    box: null,
    riskFocus: null,
    checkFocus: null,
    riskCellFocus: null,
    riskStep: null,
    riskPasted: null,
    reconstruction: { status: 'idle', result: null, of: null, error: null, revision: 0 },
    notice: null,
    fitRequest: 0,
  }
}

export const useStudy = create<StudyState>(() => initialState(emptyStudy()))

const get = () => useStudy.getState()
const set = (partial: Partial<StudyState>) => useStudy.setState(partial)

/**
 * Applies an edit of the study. Outside a gesture it is one undo step; inside one it only moves
 * the present, and the gesture's end records the step.
 */
export function edit(fn: (study: Study) => Study): void {
  const { study, gestureBase } = get()
  const next = fn(study)
  if (next === study) return
  if (gestureBase) set({ study: next })
  else set({ study: next, history: history.record(get().history, study) })
}

export function beginGesture(): void {
  if (!get().gestureBase) set({ gestureBase: get().study })
}

export function endGesture(): void {
  const { gestureBase, study } = get()
  if (!gestureBase) return
  set({ gestureBase: null, history: history.endGesture(get().history, gestureBase, study) })
}

function restore(step: { history: history.History<Study>; present: Study } | null): void {
  if (!step) return
  const { activeCurveId } = get()
  const curves = step.present.curves
  set({
    history: step.history,
    study: step.present,
    draft: draftFromCalibration(step.present.calibration),
    selection: [],
    activeCurveId: curves.some((c) => c.id === activeCurveId)
      ? activeCurveId
      : (curves[0]?.id ?? null),
  })
}

export function undo(): void {
  endGesture()
  restore(history.undo(get().history, get().study))
}

export function redo(): void {
  endGesture()
  restore(history.redo(get().history, get().study))
}

/** A study opened or started anew: no history, nothing unsaved, the view reset by the canvas. */
export function loadStudy(study: Study, file: FileRef | null): void {
  set({
    ...initialState(study),
    viewport: get().viewport,
    fitRequest: get().fitRequest + 1,
    reconstruction: { ...get().reconstruction, of: null },
    file,
    // A study that came from no file is unsaved from the start.
    savedStudy: file ? study : emptyStudy(),
  })
}

export function markSaved(study: Study, file: FileRef): void {
  set({ savedStudy: study, file })
}

export function isDirty(state: StudyState = get()): boolean {
  return state.study !== state.savedStudy
}

export function notify(kind: Notice['kind'], text: string): void {
  set({ notice: { kind, text } })
}

/**
 * Applies a changed calibration draft: a complete, valid one becomes the study's calibration (and
 * moves every point's data units); otherwise the study keeps its last valid calibration and the
 * draft shows why in the panel.
 */
export function setDraft(draft: CalibrationDraft): void {
  set({ draft })
  const result = calibrationFromDraft(draft)
  if (!result.ok) return
  const same = JSON.stringify(result.calibration) === JSON.stringify(get().study.calibration)
  if (!same) edit((s) => byHand(setCalibration(s, result.calibration, result.axes)))
}

/**
 * Whether the study's calibration was read from the figure ("Detect axes") and not yet confirmed:
 * its points are drawn "to check" until Confirm or a correction by hand.
 */
export function calibrationToCheck(study: Study): boolean {
  const mark = study.provenance?.calibration
  return mark?.from === 'read' && !mark.confirmed
}

/** A calibration read from the figure and then changed by hand is the reviewer's own. */
function byHand(study: Study): Study {
  if (!calibrationToCheck(study)) return study
  return {
    ...study,
    provenance: { ...study.provenance, calibration: { from: 'user', confirmed: true, notes: [] } },
  }
}
