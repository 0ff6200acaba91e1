/**
 * Automatic tracing in the study view (issue 5): the eyedropper's colour pick, tracing a curve by
 * its colour, and suggesting the figure's curves. The tracing itself runs in a worker
 * (trace.worker.ts); its results land in the study as one edit, so one undo step, and the live
 * reconstruction follows them like any other edit.
 */
import { create } from 'zustand'
import type { MaskStroke, StudyCalibration } from '../../../shared/model/study'
import {
  DEFAULT_TOLERANCE,
  formatColor,
  parseColor,
  type Calibration,
  type Rgb,
  type TracedCurve,
} from '../../../shared/trace'
import { curveTraceOf, type CurveTrace } from '../../../shared/model/curveTrace'
import { inkiestPixel } from '../geometry/pickColor'
import { addCurve, updateCurve } from '../store/studyOps'
import { addMaskStroke, addTracedCurve, applyTrace, type Trace } from '../store/traceOps'
import { insetStroke } from '../../../shared/trace/insetMask'
import { axesOf, edit, notify, useStudy } from '../store/store'
import { useFigureImage } from './figure'
import { messageOf } from './messages'
import type { TraceRequest, TraceResponse } from './traceProtocol'

export interface CurveOffer {
  color: string
  trace: Trace
  /** What the tracer noted of this curve (its warnings' messages; traceNoteText words them). */
  notes: string[]
}

export interface TraceState {
  /** Colour tolerance, ΔE*76. */
  tolerance: number
  /** Mask brush radius, in screen pixels (so it feels the same at any zoom). */
  brush: number
  erasing: boolean
  /** What the worker is doing: a curve's id, 'suggest', or nothing. */
  busy: string | null
  offers: CurveOffer[]
  /** The figure the offers were found in: another figure's offers are not shown. */
  offersFor: string | null
  /**
   * What Suggest curves noted of the inks it did not offer (censor marks, inks it could not trace):
   * notes to read under the offers, not failures (traceNoteText words them).
   */
  suggestNotes: string[]
  /**
   * The zoomed inset Suggest curves painted into the mask, and its note: shown while that very
   * stroke is in the mask (an undo takes it out, and the note with it; a redo brings both back).
   */
  inset: { stroke: MaskStroke; note: string } | null
}

export const useTrace = create<TraceState>(() => ({
  tolerance: DEFAULT_TOLERANCE,
  brush: 12,
  erasing: false,
  busy: null,
  offers: [],
  offersFor: null,
  suggestNotes: [],
  inset: null,
}))

/**
 * The tracer's notes (its warnings' messages) on the curve's current trace, saved with it (none
 * being [], or [] since its points were edited by hand); undefined when the trace carries none
 * (made by Read figure, whose notes are its provenance's, or saved before notes were kept).
 */
export function traceNotesOf(curve: { trace?: CurveTrace }): string[] | undefined {
  return curve.trace?.notes
}

let worker: Worker | null = null
/** The figure the worker holds, so that its pixels cross over once per figure. */
let workerFigure: string | null = null
let nextId = 1
const pending = new Map<number, (r: TraceResponse) => void>()

function getWorker(): Worker {
  if (worker) return worker
  const w = new Worker(new URL('./trace.worker.ts', import.meta.url), { type: 'module' })
  w.onmessage = (e: MessageEvent<TraceResponse>) => {
    pending.get(e.data.id)?.(e.data)
    pending.delete(e.data.id)
  }
  w.onerror = (e) => {
    // A worker that failed to load or crashed answers nothing: fail what waits, start afresh.
    e.preventDefault()
    for (const [id, settle] of pending) settle({ id, ok: false, error: 'the tracer stopped' })
    pending.clear()
    w.terminate()
    worker = null
    workerFigure = null
  }
  worker = w
  return w
}

/** The study's calibration as the tracer takes it, or why it cannot. */
export function traceCalibration(cal: StudyCalibration | null): Calibration | string {
  if (!cal) return 'Calibrate the axes (tab 1) before tracing.'
  if (cal.yAxis !== 'linear') {
    return 'Automatic tracing needs a linear survival axis; digitize a log-scale one by hand.'
  }
  // A log time axis is traced from its left end (X1 or X2, the smaller), where the curves start.
  return {
    x1: cal.x1,
    x2: cal.x2,
    y1: cal.y1,
    y2: cal.y2,
    yScale: cal.yScale,
    xScale: cal.xScale,
    ...(cal.yShows ? { yShows: cal.yShows } : {}),
  }
}

async function run(
  kind: TraceRequest['kind'],
  color: Rgb | undefined,
  otherColors: Rgb[],
): Promise<TraceResponse> {
  const { study } = useStudy.getState()
  const image = useFigureImage.getState().image
  const calibration = traceCalibration(study.calibration)
  if (!image || !study.figure) return { id: 0, ok: false, error: 'Open a figure first.' }
  if (typeof calibration === 'string') return { id: 0, ok: false, error: calibration }
  let w: Worker
  try {
    w = getWorker()
  } catch (error) {
    return { id: 0, ok: false, error: `the tracer could not start (${messageOf(error)})` }
  }
  const id = nextId++
  const request: TraceRequest = {
    id,
    kind,
    sha256: image.sha256,
    calibration,
    color,
    otherColors,
    tolerance: useTrace.getState().tolerance,
    mask: study.traceMask ?? [],
  }
  const transfer: Transferable[] = []
  if (workerFigure !== image.sha256) {
    // A copy, because the canvas keeps drawing the original.
    request.bitmap = await createImageBitmap(image.levels[0])
    transfer.push(request.bitmap)
    workerFigure = image.sha256
  }
  return new Promise((resolve) => {
    pending.set(id, resolve)
    w.postMessage(request, transfer)
  })
}

/** The trace to apply, its notes kept with its status (`traceNotesOf`), so saved with it. */
function traceOf(curve: TracedCurve): Trace {
  const status = curveTraceOf(
    curve.status,
    curve.warnings.map((w) => w.message),
  )
  return {
    corners: curve.points.map(({ x, y }) => ({ x, y })),
    censorTimes: curve.censorMarks.map((m) => m.time),
    status,
  }
}

function describe(name: string, curve: TracedCurve, ms: number): string {
  const marks = curve.censorMarks.length
  const notes = curve.warnings.length
  return `Traced ${name}: ${curve.points.length} points, ${marks} censor mark${
    marks === 1 ? '' : 's'
  } (${Math.round(ms)} ms).${
    notes ? ` ${notes} note${notes === 1 ? '' : 's'} to read on it in the curve list.` : ''
  }`
}

/** Traces a curve by its colour and replaces its points with the traced corners (one undo step). */
export async function traceCurveById(curveId: string): Promise<void> {
  const curve = useStudy.getState().study.curves.find((c) => c.id === curveId)
  if (!curve || useTrace.getState().busy) return
  const others = useStudy
    .getState()
    .study.curves.filter((c) => c.id !== curveId)
    .map((c) => parseColor(c.color))
  useTrace.setState({ busy: curveId })
  try {
    const response = await run('trace', parseColor(curve.color), others)
    if (!response.ok) {
      notify('error', `Cannot trace ${curve.name}: ${response.error}`)
      return
    }
    const axes = axesOf(useStudy.getState().study.calibration)
    const traced = response.curves[0]
    if (!axes || !useStudy.getState().study.curves.some((c) => c.id === curveId)) return
    edit((s) => applyTrace(s, curveId, traceOf(traced), axes))
    useStudy.setState({ activeCurveId: curveId, selection: [] })
    // The tracer's notes are for the reviewer to read (on the curve, in the list), not failures.
    notify(traced.warnings.length ? 'warning' : 'info', describe(curve.name, traced, response.ms))
  } finally {
    useTrace.setState({ busy: null })
  }
}

/** Finds the figure's curves by their colours and offers one per arm. */
export async function suggestCurves(): Promise<void> {
  if (useTrace.getState().busy) return
  useTrace.setState({ busy: 'suggest', offers: [], suggestNotes: [], inset: null })
  try {
    const response = await run('suggest', undefined, [])
    if (!response.ok) {
      notify('error', `No curves suggested: ${response.error}`)
      return
    }
    const offers = response.curves.map((c) => ({
      color: formatColor(c.color),
      trace: traceOf(c),
      notes: c.warnings.map((w) => w.message),
    }))
    // Inks not offered (read as censor marks, or not traceable) are notes to read under the
    // offers, each in words: the suggestion itself worked.
    const suggestNotes = response.warnings.map((w) => w.message)
    let inset: TraceState['inset'] = null
    if (response.inset) {
      // Painted into the mask (one undo step), so the user sees what was left out and can erase it.
      const r = response.inset
      const stroke = insetStroke(r)
      edit((s) => addMaskStroke(s, stroke))
      inset = {
        stroke,
        note: `A zoomed inset (${r.x},${r.y},${r.width},${r.height} px) was added to the mask and left out of the curves; erase the mask there to trace it.`,
      }
    }
    const figure = useStudy.getState().study.figure?.sha256 ?? null
    useTrace.setState({ offers, offersFor: figure, suggestNotes, inset })
    const n = suggestNotes.length + (inset ? 1 : 0)
    notify(
      n ? 'warning' : 'info',
      `Found ${offers.length} curve${offers.length === 1 ? '' : 's'}: add each, in arm order, below.${
        n ? ` Read the note${n === 1 ? '' : 's'} under them.` : ''
      }`,
    )
  } finally {
    useTrace.setState({ busy: null })
  }
}

/** Adds suggested curves, with their traces, in one undo step. */
export function acceptOffers(offers: CurveOffer[]): void {
  const axes = axesOf(useStudy.getState().study.calibration)
  if (!axes || offers.length === 0) return
  let id = ''
  edit((s) =>
    offers.reduce((study, o) => {
      const added = addTracedCurve(study, o.color, o.trace, axes)
      id = added.id
      return added.study
    }, s),
  )
  useTrace.setState((t) => ({ offers: t.offers.filter((o) => !offers.includes(o)) }))
  useStudy.setState({ activeCurveId: id, selection: [] })
}

/**
 * The eyedropper: the curve colour at image pixel (x, y) for the active curve, or a new curve;
 * a curve with no points yet is traced with it at once.
 */
export function pickColorAt(x: number, y: number): void {
  const image = useFigureImage.getState().image
  if (!image) return
  const cx = Math.floor(x)
  const cy = Math.floor(y)
  if (cx < 0 || cy < 0 || cx >= image.width || cy >= image.height) return
  const canvas = new OffscreenCanvas(5, 5)
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) return
  // The window stays inside the image: pixels beyond it would read as transparent black.
  const sx = Math.max(0, Math.min(image.width - 5, cx - 2))
  const sy = Math.max(0, Math.min(image.height - 5, cy - 2))
  ctx.drawImage(image.levels[0], sx, sy, 5, 5, 0, 0, 5, 5)
  const color = formatColor(inkiestPixel(ctx.getImageData(0, 0, 5, 5).data, 5, 5))
  let curveId = useStudy.getState().activeCurveId
  if (curveId) {
    const id = curveId
    edit((s) => updateCurve(s, id, { color }))
  } else {
    edit((s) => {
      const added = addCurve(s)
      curveId = added.id
      return updateCurve(added.study, added.id, { color })
    })
    useStudy.setState({ activeCurveId: curveId })
  }
  const picked = useStudy.getState().study.curves.find((c) => c.id === curveId)
  const name = picked?.name ?? ''
  // A curve with no points yet is traced at once: picking its colour says which curve it is.
  if (picked && picked.points.length === 0 && useStudy.getState().study.calibration) {
    notify('info', `Colour ${color} picked for ${name}; tracing it.`)
    void traceCurveById(picked.id)
    return
  }
  notify('info', `Colour ${color} picked for ${name}: press Trace to trace it.`)
}
