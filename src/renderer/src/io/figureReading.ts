/**
 * The figure's automatic readings in the page (issue 14): the risk tab's "Read from figure" (the
 * number-at-risk table, with the study's calibration, its rows matched to the study's curves) and
 * "Read figure" (axes, curves and risk tables at once). Main reads them in a worker thread
 * (src/node/figureReaderService.ts); the page asks how far it is while it reads, and may cancel.
 * What is read is placed as one undo step and marked "to check" (the study's provenance) until
 * the reviewer confirms it, or corrects it by hand; the risk cells keep where each number was
 * read, so that the canvas shows it in place (canvas/toCheckOverlay.ts, canvas/ToCheckInPlace.tsx).
 */
import { create } from 'zustand'
import type { FigureReadResult, ReadProgress, RiskCellProblem } from '../../../shared/ipc/contract'
import {
  cellToCheck,
  markToCheck,
  partsToCheck,
  type ProvenanceMark,
} from '../../../shared/model/provenance'
import type { Study, StudyCurve } from '../../../shared/model/study'
import { calibrationFromDraft } from '../geometry/calibration'
import { setCalibration, setRisk, updateCurve } from '../store/studyOps'
import { edit, notify, useStudy } from '../store/store'
import { detectedDraft, noteOf } from '../tools/axes'
import { isDefaultName } from './riskPaste'
import { messageOf } from './messages'

export type ReadingKind = 'risk' | 'figure'

export interface FigureReadingState {
  /** What is being read, or null. */
  busy: ReadingKind | null
  job: string | null
  progress: ReadProgress | null
  /** The reviewer pressed Cancel: the reading is stopping. */
  cancelling: boolean
  /** Why the last reading of that kind gave nothing, in words (null after a success). */
  failure: { kind: ReadingKind; reasons: string[]; figure: string } | null
  /** The last reading's cells not read or flagged, per curve id, for the figure it was of. */
  problems: { figure: string; byCurve: Record<string, RiskCellProblem[]> } | null
  /** Risk-table rows of the last reading that match no curve of the study. */
  unmatched: { figure: string; rows: { label: string; cells: number }[] } | null
}

export const useFigureReading = create<FigureReadingState>(() => ({
  busy: null,
  job: null,
  progress: null,
  cancelling: false,
  failure: null,
  problems: null,
  unmatched: null,
}))

/** How often the page asks main how far a reading is. */
const POLL_MS = 150

const newJob = () => `read-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

/** A reading cancelled by the reviewer rejects with this name in its message. */
const CANCELLED = /ReadingCancelled|cancelled/

/**
 * Runs one reading under a job token: progress polled while it runs, the result or null (failed
 * or cancelled, the state says which).
 */
async function withJob<T>(
  kind: ReadingKind,
  figure: string,
  read: (job: string) => Promise<T>,
): Promise<T | null> {
  const job = newJob()
  useFigureReading.setState({ busy: kind, job, progress: null, cancelling: false, failure: null })
  const timer = setInterval(() => {
    void window.kmpool.readProgress({ job }).then(
      (progress) => {
        if (progress && useFigureReading.getState().job === job) {
          useFigureReading.setState({ progress })
        }
      },
      () => {},
    )
  }, POLL_MS)
  try {
    return await read(job)
  } catch (error) {
    const message = messageOf(error)
    if (CANCELLED.test(message) && useFigureReading.getState().cancelling) {
      notify('info', 'Reading cancelled: nothing was changed.')
    } else {
      useFigureReading.setState({ failure: { kind, reasons: [message], figure } })
    }
    return null
  } finally {
    clearInterval(timer)
    useFigureReading.setState({ busy: null, job: null, progress: null, cancelling: false })
  }
}

/** Stops the reading that runs; its result, if it still comes, is dropped. */
export function cancelReading(): void {
  const { job } = useFigureReading.getState()
  if (!job) return
  useFigureReading.setState({ cancelling: true })
  void window.kmpool.cancelRead({ job }).catch(() => {})
}

// ---- which cells are to check --------------------------------------------------------------

const isToCheck = markToCheck

/** Whether the curve's risk table was read from the figure and is not confirmed yet. */
export function riskToCheck(study: Study, curveId: string): boolean {
  return isToCheck(study.provenance?.risk?.[curveId])
}

/** Whether the cell at `time` of the curve's risk table was read and not checked since. */
export function riskCellToCheck(study: Study, curveId: string, time: number): boolean {
  return cellToCheck(study.provenance?.risk?.[curveId], time)
}

/** The risk marks still to check, by curve id. */
export function risksToCheck(study: Study): string[] {
  return study.curves.filter((c) => riskToCheck(study, c.id)).map((c) => c.id)
}

/**
 * The study after the reviewer typed, corrected or removed the cells at `times` of a risk table
 * read from the figure: those cells are the reviewer's own, the others still to check; once none
 * is left, the reading is confirmed. `whole`: the whole table was replaced (a paste, Clear).
 */
export function riskByHand(study: Study, curveId: string, times: number[], whole = false): Study {
  const mark = study.provenance?.risk?.[curveId]
  if (!isToCheck(mark)) return study
  const curve = study.curves.find((c) => c.id === curveId)
  const before = mark.times ?? curve?.risk.map((r) => r.time) ?? []
  const left = whole ? [] : before.filter((t) => !times.some((x) => Math.abs(x - t) < 1e-9))
  const next: ProvenanceMark =
    left.length === 0
      ? { from: whole ? 'user' : 'read', confirmed: true, notes: whole ? [] : mark.notes }
      : { ...mark, times: left }
  return {
    ...study,
    provenance: { ...study.provenance, risk: { ...study.provenance!.risk, [curveId]: next } },
  }
}

/** Confirms the risk tables read for these curves (all still to check when absent): one step. */
export function confirmRisk(curveIds?: string[]): void {
  edit((s) => {
    const ids = (curveIds ?? risksToCheck(s)).filter((id) => riskToCheck(s, id))
    if (ids.length === 0) return s
    const risk = { ...s.provenance!.risk }
    for (const id of ids) {
      const { times: _times, ...mark } = risk[id]
      risk[id] = { ...mark, confirmed: true }
    }
    return { ...s, provenance: { ...s.provenance, risk } }
  })
}

/**
 * Confirms parts of a study read from its figure, named as `partsToCheck` names them
 * ("calibration", "curves.<id>", "risk.<id>", "censor.<id>", "referenceCurve"); all of them when
 * absent. One undo step.
 */
export function confirmParts(parts?: string[]): void {
  edit((s) => {
    const todo = parts ?? partsToCheck(s.provenance)
    if (todo.length === 0 || !s.provenance) return s
    const p = { ...s.provenance }
    const done = (m: ProvenanceMark): ProvenanceMark => {
      const { times: _times, ...rest } = m
      return { ...rest, confirmed: true }
    }
    for (const part of todo) {
      const [kind, id] = part.split('.') as [string, string | undefined]
      if (kind === 'calibration' && isToCheck(p.calibration)) p.calibration = done(p.calibration)
      else if (kind === 'referenceCurve' && isToCheck(p.referenceCurve)) {
        p.referenceCurve = done(p.referenceCurve)
      } else if ((kind === 'curves' || kind === 'risk' || kind === 'censor') && id) {
        const marks = p[kind]
        if (marks && isToCheck(marks[id])) p[kind] = { ...marks, [id]: done(marks[id]) }
      }
    }
    return { ...s, provenance: p }
  })
}

// ---- the risk tab's "Read from figure" -----------------------------------------------------

const listProblems = (problems: RiskCellProblem[]) => problems.map((p) => noteOf(p.message))

/**
 * Reads the figure's risk table with the study's calibration and fills the tables of the curves
 * its rows match, as one undo step, each cell to check. Cells not read are left empty and listed;
 * nothing is guessed.
 */
export async function readRiskFromFigure(): Promise<void> {
  const { study } = useStudy.getState()
  const figure = study.figure
  if (!figure?.data) {
    notify('error', 'Open a figure first: the numbers at risk are read from it.')
    return
  }
  if (!study.calibration) {
    notify('error', 'Calibrate the axes first (tab 1): the table’s columns are placed by them.')
    return
  }
  if (study.curves.length === 0) {
    notify('error', 'Add the curves first (tab 2): each row of the table fills one curve.')
    return
  }
  if (useFigureReading.getState().busy) return
  const cal = study.calibration
  const point = (k: 'x1' | 'x2' | 'y1' | 'y2') => ({ ...cal[k] })
  const found = await withJob('risk', figure.sha256, (job) =>
    window.kmpool.readRiskTable({
      data: figure.data!,
      name: figure.name,
      job,
      calibration: {
        x1: point('x1'),
        x2: point('x2'),
        y1: point('y1'),
        y2: point('y2'),
        yScale: cal.yScale,
        timeUnit: cal.timeUnit,
      },
      curves: study.curves.map((c) => ({
        id: c.id,
        name: c.name,
        color: c.color,
        points: c.points.map((p) => ({ time: p.time, surv: p.surv })),
        ...(c.totalN !== undefined ? { totalN: c.totalN } : {}),
      })),
    }),
  )
  if (!found) return
  // Another figure opened meanwhile: its table was not the one read.
  if (useStudy.getState().study.figure?.sha256 !== figure.sha256) return
  if (found.arms.length === 0) {
    useFigureReading.setState({
      failure: {
        kind: 'risk',
        figure: figure.sha256,
        reasons: [
          found.unmatched.length
            ? 'The table’s rows match none of the study’s curves.'
            : 'No number-at-risk table was found under the plot: type the numbers by hand.',
        ],
      },
    })
    return
  }
  const how =
    found.matchedBy === 'label'
      ? 'matched to the curve by its name'
      : found.matchedBy === 'color'
        ? 'matched to the curve by colour'
        : found.matchedBy === 'numbers'
          ? 'matched to the curve by its numbers'
          : 'matched to the curves in their order: check which row is which arm'
  edit((s) => {
    let next = s
    const risk = { ...s.provenance?.risk }
    for (const arm of found.arms) {
      const curve = next.curves.find((c) => c.id === arm.curveId)
      if (!curve) continue
      next = setRisk(next, curve.id, arm.cells)
      if (arm.label && isDefaultName(curve.name)) {
        next = updateCurve(next, curve.id, { name: arm.label.slice(0, 500) })
      }
      risk[curve.id] = {
        from: 'read',
        confirmed: false,
        notes: [how, ...listProblems(arm.problems)].slice(0, 200),
        times: arm.cells.map((c) => c.time),
        cells: arm.places,
      }
    }
    return { ...next, provenance: { ...next.provenance, risk } }
  })
  useFigureReading.setState({
    problems: {
      figure: figure.sha256,
      byCurve: Object.fromEntries(found.arms.map((a) => [a.curveId, a.problems])),
    },
    unmatched: { figure: figure.sha256, rows: found.unmatched },
  })
  // Tables the reviewer had filled before: replaced, and said so.
  const before = new Map(study.curves.map((c) => [c.id, c]))
  const overwritten = found.arms
    .map((a) => before.get(a.curveId))
    .filter((c) => c !== undefined && c.risk.length > 0)
    .map((c) => c!.name)
  const cells = found.arms.reduce((n, a) => n + a.cells.length, 0)
  const flagged = found.arms.reduce((n, a) => n + a.problems.length, 0)
  notify(
    flagged > 0 ? 'error' : 'info',
    `Read ${cells} numbers at risk for ${found.arms.length} curve${found.arms.length === 1 ? '' : 's'}` +
      (flagged > 0 ? `; ${flagged} not read or flagged (listed in the risk tab)` : '') +
      '. Check them against the figure, then confirm.' +
      (overwritten.length
        ? ` The table${overwritten.length === 1 ? '' : 's'} of ${overwritten.join(', ')} entered before ${overwritten.length === 1 ? 'was' : 'were'} replaced (Undo brings ${overwritten.length === 1 ? 'it' : 'them'} back).`
        : ''),
  )
}

// ---- "Read figure" -------------------------------------------------------------------------

/**
 * Reads the whole figure (axes, curves, risk tables, reference arm) and puts it in place of the
 * study's calibration and curves, as one undo step, every part to check.
 */
export async function readWholeFigure(): Promise<void> {
  const figure = useStudy.getState().study.figure
  if (!figure?.data) {
    notify('error', 'Open a figure first.')
    return
  }
  if (useFigureReading.getState().busy) return
  const found = await withJob('figure', figure.sha256, (job) =>
    window.kmpool.readFigure({ data: figure.data!, name: figure.name, job }),
  )
  if (!found) return
  if (useStudy.getState().study.figure?.sha256 !== figure.sha256) return
  const replaced = useStudy.getState().study.curves.length
  const refused = applyFigureReading(found)
  if (refused) {
    useFigureReading.setState({
      failure: { kind: 'figure', reasons: [refused], figure: figure.sha256 },
    })
    return
  }
  useFigureReading.setState({
    problems: { figure: figure.sha256, byCurve: found.riskProblems },
    unmatched: null,
  })
  const n = found.curves.length
  const tables = found.curves.filter((c) => c.risk.length).length
  notify(
    'info',
    `Read the axes, ${n} curve${n === 1 ? '' : 's'} and ${tables} risk table${tables === 1 ? '' : 's'}: each part is marked to check until you confirm it.` +
      (replaced > 0
        ? ` The ${replaced} curve${replaced === 1 ? '' : 's'} drawn before ${replaced === 1 ? 'was' : 'were'} replaced (Undo brings them back).`
        : ''),
  )
}

/** Places what "Read figure" read: one undo step. Returns why it could not, or null. */
export function applyFigureReading(found: FigureReadResult): string | null {
  const draft = detectedDraft(found.calibration)
  const result = calibrationFromDraft(draft)
  if (!result.ok) return `the axes read do not make a calibration: ${result.message}`
  useStudy.setState({
    draft,
    activeAxis: null,
    activeCurveId: found.curves[0]?.id ?? null,
    selection: [],
    riskPasted: null,
  })
  edit((s) => {
    const withCurves: Study = {
      ...s,
      curves: found.curves as StudyCurve[],
      provenance: found.provenance,
    }
    if (found.referenceCurve) withCurves.referenceCurve = found.referenceCurve
    else delete withCurves.referenceCurve
    delete withCurves.pooledCurve
    // The points' times and survival from the app's own map of their pixels, as for any point.
    return setCalibration(withCurves, result.calibration, result.axes)
  })
  return null
}

/** The parts of the study still to check, in words, with what the reader noted of each. */
export function partsInWords(study: Study): { part: string; words: string; notes: string[] }[] {
  const names = new Map(study.curves.map((c) => [c.id, c.name]))
  const what: Record<string, string> = {
    calibration: 'the axes',
    curves: 'the trace',
    risk: 'the numbers at risk',
    censor: 'the censor marks',
    referenceCurve: 'the reference arm',
  }
  return partsToCheck(study.provenance).map((part) => {
    const [kind, id] = part.split('.')
    const words = id === undefined ? what[kind] : `${names.get(id) ?? id}: ${what[kind]}`
    const p = study.provenance!
    const mark =
      kind === 'calibration' || kind === 'referenceCurve'
        ? p[kind]
        : p[kind as 'curves' | 'risk' | 'censor']?.[id]
    return { part, words, notes: mark?.notes ?? [] }
  })
}

// ---- in place on the figure ----------------------------------------------------------------

/** Picks a part to check (its label or box on the figure, or its row in a panel). */
export function pickPart(part: string, time?: number): void {
  const [kind, id] = part.split('.')
  const curves = useStudy.getState().study.curves
  useStudy.setState({
    checkFocus: time === undefined ? { part } : { part, time },
    ...(id !== undefined && kind !== 'calibration' && curves.some((c) => c.id === id)
      ? { activeCurveId: id, selection: [] }
      : {}),
  })
}

/**
 * A click on a risk cell's box on the figure: the cell picked, and its field in the risk tab
 * focused for a correction by hand.
 */
export function pickCell(curveId: string, time: number): void {
  pickPart(`risk.${curveId}`, time)
  const seq = (useStudy.getState().riskCellFocus?.seq ?? 0) + 1
  useStudy.setState({ tab: 'risk', riskCellFocus: { curveId, time, seq } })
}

/** Confirms one cell of a risk table read from the figure, as read: one undo step. */
export function confirmCell(curveId: string, time: number): void {
  edit((s) => riskByHand(s, curveId, [time]))
}
