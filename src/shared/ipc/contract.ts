/**
 * The one IPC contract. Main, preload and renderer all derive from it: each channel's name, the
 * preload function that calls it, the schema main checks its request against, and its response.
 * A channel added here without a response type or a main-process handler fails to compile; the
 * preload and the test bridge expose it by themselves.
 */
import { z } from 'zod'
import { studySchema, type Study } from '../model/study'
import type { ReconstructInput, ReconstructResult } from '../reconstruct/types'
import type { StudyReconstructionInput, StudyReconstructionView } from '../study/reconstructStudy'
import {
  MAX_CENSOR_MARKS,
  MAX_CURVES,
  MAX_PATIENTS,
  MAX_POINTS_PER_CURVE,
  MAX_RISK_ROWS,
  MAX_STUDIES,
  MAX_TIME,
} from '../model/limits'
import { reviewSchema, reviewSettingsSchema, reviewStudySchema } from '../model/review'
import type { ReviewView } from '../review/reviewView'
import type { AxesDetection } from '../axes/detectAxes'
import type { AxesCalibration } from '../calibration/axes'
import type { Provenance, ReadCell } from '../model/provenance'

/** The property of `window` under which the preload exposes the API. */
export const API_GLOBAL = 'kmpool'

const count = z.number().int().min(0).max(MAX_PATIENTS)
const time = z.number().min(-MAX_TIME).max(MAX_TIME)

// Digitized points stay as clicked (slightly negative times, survival a little above 1, or in
// percent): reconstruct() cleans them and reports what it changed, so only their size is checked
// (the bounds of a study file, limits.ts).
export const curvePointSchema = z.strictObject({ time, surv: z.number().min(-1e7).max(1e7) })

export const riskRowSchema = z.strictObject({ time: time.min(0), nRisk: count })

export const reconstructOptionsSchema = z.strictObject({
  method: z.enum(['kmpool', 'guyot']).optional(),
  scale: z.enum(['auto', 'proportion', 'percent']).optional(),
  monotone: z.enum(['isotonic', 'carry-forward']).optional(),
})

// Bounds keep a runaway renderer from handing main an unbounded amount of work.
export const reconstructInputSchema: z.ZodType<ReconstructInput, ReconstructInput> = z.strictObject(
  {
    points: z.array(curvePointSchema).min(1).max(MAX_POINTS_PER_CURVE),
    risk: z.array(riskRowSchema).max(MAX_RISK_ROWS).optional(),
    totalN: z.number().int().positive().optional(),
    totalEvents: count.optional(),
    options: reconstructOptionsSchema.optional(),
  },
)

const curveSchema = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().max(500),
  // Empty or one-point curves are allowed: reconstructStudy() reports them as incomplete.
  points: z.array(curvePointSchema).max(MAX_POINTS_PER_CURVE),
  risk: z.array(riskRowSchema).max(MAX_RISK_ROWS),
  totalN: z.number().int().positive().optional(),
  totalEvents: count.optional(),
  censorTimes: z.array(z.number().min(0)).max(MAX_CENSOR_MARKS).optional(),
})

export const studyReconstructionInputSchema: z.ZodType<
  StudyReconstructionInput,
  StudyReconstructionInput
> = z.strictObject({
  timeUnit: z.enum(['days', 'weeks', 'months', 'years']),
  curves: z.array(curveSchema).max(MAX_CURVES),
  referenceId: z.string().min(1).max(200).optional(),
})

const fileName = z.string().min(1).max(255)

const pngExportSchema = z.strictObject({
  // A PNG's bytes, base64; main checks the signature before writing anything.
  data: z.string().min(1).max(400_000_000),
  defaultName: fileName,
})

const csvExportSchema = z.strictObject({
  input: studyReconstructionInputSchema,
  record: studySchema.shape.record,
  defaultName: fileName,
})

const saveSchema = z.strictObject({
  study: studySchema,
  /** The token of the file the study came from or was last saved to; absent for a new study. */
  file: z.string().max(100).optional(),
  defaultName: fileName,
  /** Overwrite the file even though it changed on disk since the page opened or saved it. */
  force: z.boolean().optional(),
})

const token = z.string().min(1).max(100)

const recoveryKey = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits and dashes')

// The document travels as its own schema's object; main formats it with the file's formatter.
const recoverySaveSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('study'),
    key: recoveryKey,
    document: studySchema,
    /** The token of the file the document came from or was last saved to. */
    file: token.optional(),
  }),
  z.strictObject({
    kind: z.literal('review'),
    key: recoveryKey,
    document: reviewSchema,
    file: token.optional(),
  }),
])

const recoveryKeySchema = z.strictObject({ key: recoveryKey })

/** Which of the page's documents have unsaved changes, for main's close dialog to name them. */
const unsavedSchema = z.strictObject({ study: z.boolean(), review: z.boolean() })
export type UnsavedDocuments = z.output<typeof unsavedSchema>

/** The review as the page holds it, for the review file a token names. */
const reviewRequestSchema = z.strictObject({
  review: token,
  title: z.string().max(10_000),
  settings: reviewSettingsSchema,
  studies: z.array(reviewStudySchema).max(MAX_STUDIES),
})

const reviewComputeSchema = reviewRequestSchema.extend({
  /** The outcome whose forest and funnel plots to draw; null: none. */
  figure: z.string().max(100).nullable(),
})

const reviewSaveSchema = z.strictObject({ review: token, content: reviewSchema })

const reviewStudyEditSchema = z.strictObject({
  review: token,
  path: reviewStudySchema.shape.path,
  label: z.string().max(1000),
  subgroup: z.string().max(1000),
})

const reviewStudyRefSchema = z.strictObject({ review: token, path: reviewStudySchema.shape.path })

// A page of a PDF the user chose, rendered at `scale` pixels per point, cut to `crop` (in those
// pixels); the bounds keep a renderer from asking for an unbounded image.
const pdfPageSchema = z.strictObject({
  token,
  page: z.number().int().min(1).max(100_000),
  scale: z.number().min(0.1).max(8),
  crop: z
    .strictObject({
      x: z.number().min(0).max(100_000),
      y: z.number().min(0).max(100_000),
      width: z.number().positive().max(100_000),
      height: z.number().positive().max(100_000),
    })
    .optional(),
})

const calibrationPointSchema = z.strictObject({ px: z.number(), py: z.number(), value: z.number() })

/**
 * A calibration as the tracer and the readers take it. A log time axis and rising curves must
 * reach them (the vector reader refuses both with a message, the page is then traced as pixels),
 * not fail validation.
 */
const traceCalibrationSchema = z.strictObject({
  x1: calibrationPointSchema,
  x2: calibrationPointSchema,
  y1: calibrationPointSchema,
  y2: calibrationPointSchema,
  yScale: z.enum(['proportion', 'percent']),
  xScale: z.enum(['linear', 'log']).optional(),
  yShows: z.enum(['survival', 'cumulative-incidence']).optional(),
})

const pdfVectorCurvesSchema = pdfPageSchema.extend({
  /** The axes in the rendered (and cropped) page's pixels. */
  calibration: traceCalibrationSchema,
})

// The study's figure as the page holds it (base64, as embedded in a study), for "Detect axes".
const figureBytesSchema = z.strictObject({
  data: z.string().min(1).max(400_000_000),
  name: fileName,
})

// A reading the page started and may ask about or cancel: a token of its own choosing.
const readJob = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits and dashes')

const figureReadSchema = figureBytesSchema.extend({ job: readJob })

// "Read from figure" in the risk tab: the study's calibration and curves (their rows are matched
// to them by label, colour or numbers; a curve's N flags numbers above it).
const figureReadRiskSchema = figureBytesSchema.extend({
  job: readJob.optional(),
  calibration: traceCalibrationSchema.extend({
    timeUnit: z.enum(['days', 'weeks', 'months', 'years']).optional(),
  }),
  curves: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(200),
        name: z.string().max(500),
        color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
        points: z.array(curvePointSchema).max(MAX_POINTS_PER_CURVE),
        totalN: z.number().int().positive().max(MAX_PATIENTS).optional(),
      }),
    )
    .min(1)
    .max(MAX_CURVES),
})

/** Where a reading of the figure is: its step of `steps`, in words, and the texts read so far. */
export interface ReadProgress {
  step: number
  steps: number
  message: string
  reads: number
}

/** A risk-table problem the page shows: a cell not read, or a flagged one. */
export interface RiskCellProblem {
  code: string
  /** The tick the cell stands under; null for a row's own problem. */
  time: number | null
  message: string
}

/** The risk tab's "Read from figure": the table's rows on the study's curves. */
export interface RiskReadingResult {
  /** The tick times the columns stand under. */
  times: number[]
  /** One per row matched to a curve. */
  arms: {
    curveId: string
    /** The row's label as printed ('' when it has none). */
    label: string
    color?: string
    cells: { time: number; nRisk: number }[]
    problems: RiskCellProblem[]
    /** Where each cell was read in the figure (and where none could be), to show it in place. */
    places: ReadCell[]
  }[]
  /** How rows were matched to curves; null when the table had no row. */
  matchedBy: 'label' | 'color' | 'numbers' | 'order' | null
  /** Rows that match no curve of the study, with their label and how many numbers they hold. */
  unmatched: { label: string; cells: number }[]
}

/** "Read figure": the parts of a study read from its figure, each marked to check. */
export interface FigureReadResult {
  calibration: AxesCalibration
  curves: Study['curves']
  referenceCurve: string | null
  provenance: Provenance
  /** Per curve id: its risk-table cells not read, or flagged. */
  riskProblems: Record<string, RiskCellProblem[]>
  matchedBy: 'label' | 'color' | 'numbers' | 'order'
  /** Why that arm was guessed as the reference, in words. */
  referenceWhy: string
  warnings: string[]
  times: number[]
}

export interface AppInfo {
  name: string
  version: string
  platform: string
}

export type FigureMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/bmp'

/** An image file the user chose, as bytes the renderer can decode and embed. */
export interface FigureFile {
  name: string
  mime: FigureMime
  /** The file's bytes, base64. */
  data: string
  sha256: string
  size: number
}

/** A PDF chosen in File → Open figure: its pages are rendered and read through the token. */
export interface PdfDocument {
  kind: 'pdf'
  token: string
  name: string
  pages: number
}

/** A PDF page rendered to PNG, ready to embed as a study's figure. */
export interface PdfRendered extends FigureFile {
  width: number
  height: number
  pages: number
}

/** KM curves read from a PDF page's vector paths, in the rendered page's pixels. */
export interface PdfVectorCurves {
  curves: {
    color: string
    /** The step function's corners in order. */
    corners: { x: number; y: number }[]
    censorTimes: number[]
    warnings: string[]
  }[]
}

/**
 * A file main remembers for this session. The renderer only ever holds the token, so it can write
 * to a file the user chose but never name a path of its own.
 */
export interface FileRef {
  token: string
  name: string
}

/** A file written where the user chose, named for the message that says so. */
export interface SavedFile {
  name: string
}

export interface OpenedStudy {
  study: Study
  file: FileRef
}

/** A review file opened or created, with its content. */
export interface OpenedReview {
  review: z.output<typeof reviewSchema>
  file: FileRef
  /** A review bundled with the app (the example): never written; a copy is offered to edit. */
  readOnly?: boolean
}

/** A study added to a review: its path relative to the review file. */
export interface AddedStudy {
  path: string
}

/** A review's results written into a folder the user chose. */
export interface ExportedReview {
  name: string
  files: string[]
}

/**
 * A study save refused because its file changed on disk since the page opened or saved it; the
 * page asks whether to overwrite it (`force`), save elsewhere or reload it.
 */
export interface SaveConflict {
  conflict: string
}

export type RecoveryKind = 'study' | 'review'

/** An autosaved document an earlier session left behind (it crashed or was killed). */
export interface RecoveryEntry {
  kind: RecoveryKind
  key: string
  /** ISO time of the autosave. */
  savedAt: string
  /** The name of the file it came from; null for a document never saved. */
  name: string | null
}

export interface RecoveryList {
  entries: RecoveryEntry[]
  /** Recovery files that could not be read back, each kept aside and described. */
  problems: string[]
}

/** A recovered document, unsaved, with a token for the file it came from if any. */
export type RecoveredDocument =
  | { kind: 'study'; key: string; savedAt: string; study: Study; file: FileRef | null }
  | {
      kind: 'review'
      key: string
      savedAt: string
      review: z.output<typeof reviewSchema>
      file: FileRef | null
      /** The recovered review is the bundled example: saving it offers a copy. */
      readOnly?: boolean
    }

export interface TextFile {
  name: string
  text: string
}

/** Menu items main forwards to the page, which owns the study and its undo history. */
export const menuCommands = [
  'open-figure',
  'open-study',
  'save',
  'save-as',
  'import-points',
  'export-ipd',
  'export-summary',
  'export-png',
  'undo',
  'redo',
  'zoom-fit',
  'zoom-100',
  'zoom-in',
  'zoom-out',
  'new-review',
  'open-review',
  'save-review',
  'open-example-review',
] as const

export type MenuCommand = (typeof menuCommands)[number]

const noRequest = z.undefined()

export const contract = {
  'app:getInfo': { method: 'getInfo', request: noRequest },
  'reconstruct:run': { method: 'reconstruct', request: reconstructInputSchema },
  'study:reconstruct': { method: 'reconstructStudy', request: studyReconstructionInputSchema },
  'figure:open': { method: 'openFigure', request: noRequest },
  'points:import': { method: 'importPoints', request: noRequest },
  'study:open': { method: 'openStudy', request: noRequest },
  'study:save': { method: 'saveStudy', request: saveSchema },
  'study:saveAs': { method: 'saveStudyAs', request: saveSchema },
  'export:ipd': { method: 'exportIpd', request: csvExportSchema },
  'export:summary': { method: 'exportSummary', request: csvExportSchema },
  'export:png': { method: 'exportPng', request: pngExportSchema },
  'export:points': { method: 'exportPoints', request: csvExportSchema },
  'study:reload': { method: 'reloadStudy', request: z.strictObject({ file: token }) },
  'recovery:save': { method: 'saveRecovery', request: recoverySaveSchema },
  'recovery:list': { method: 'listRecovery', request: noRequest },
  'recovery:restore': { method: 'restoreRecovery', request: recoveryKeySchema },
  'recovery:discard': { method: 'discardRecovery', request: recoveryKeySchema },
  'window:unsaved': { method: 'setUnsaved', request: unsavedSchema },
  'review:start': { method: 'startReview', request: noRequest },
  'review:openExample': { method: 'openExampleReview', request: noRequest },
  'review:open': { method: 'openReview', request: noRequest },
  'review:create': { method: 'createReview', request: noRequest },
  'review:save': { method: 'saveReview', request: reviewSaveSchema },
  'review:addStudy': { method: 'addReviewStudy', request: z.strictObject({ review: token }) },
  'review:editStudy': { method: 'editReviewStudy', request: reviewStudyEditSchema },
  'review:openStudy': { method: 'openReviewStudy', request: reviewStudyRefSchema },
  'review:compute': { method: 'computeReview', request: reviewComputeSchema },
  'review:export': { method: 'exportReview', request: reviewRequestSchema },
  'review:copyExample': {
    method: 'copyExampleReview',
    request: z.strictObject({ review: token }),
  },
  'pdf:renderPage': { method: 'renderPdfPage', request: pdfPageSchema },
  'pdf:vectorCurves': { method: 'pdfVectorCurves', request: pdfVectorCurvesSchema },
  'figure:detectAxes': { method: 'detectAxes', request: figureBytesSchema },
  'figure:readRisk': { method: 'readRiskTable', request: figureReadRiskSchema },
  'figure:read': { method: 'readFigure', request: figureReadSchema },
  'figure:readProgress': { method: 'readProgress', request: z.strictObject({ job: readJob }) },
  'figure:cancelRead': { method: 'cancelRead', request: z.strictObject({ job: readJob }) },
} as const satisfies Record<string, { method: string; request: z.ZodType }>

/** Messages main sends the page, each with the schema the preload checks it against. */
export const events = {
  'menu:command': { method: 'onMenuCommand', payload: z.enum(menuCommands) },
} as const satisfies Record<string, { method: string; payload: z.ZodType }>

export type EventChannel = keyof typeof events
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]['payload']>
export const eventChannels = Object.keys(events) as EventChannel[]

export type Channel = keyof typeof contract

interface Responses {
  'app:getInfo': AppInfo
  'reconstruct:run': ReconstructResult
  'study:reconstruct': StudyReconstructionView
  // null: the user cancelled the dialog.
  'figure:open': FigureFile | PdfDocument | null
  'points:import': TextFile | null
  'study:open': OpenedStudy | null
  'study:save': FileRef | SaveConflict | null
  'study:saveAs': FileRef | SaveConflict | null
  'study:reload': OpenedStudy
  'recovery:save': RecoveryEntry
  'recovery:list': RecoveryList
  'recovery:restore': RecoveredDocument
  'recovery:discard': null
  'window:unsaved': null
  'export:ipd': SavedFile | null
  'export:summary': SavedFile | null
  'export:png': SavedFile | null
  'export:points': SavedFile | null
  // null: not the first start, or no example bundled.
  'review:start': OpenedReview | null
  'review:openExample': OpenedReview
  'review:open': OpenedReview | null
  'review:create': OpenedReview | null
  'review:save': FileRef
  'review:addStudy': AddedStudy | null
  'review:editStudy': ReviewView['studies'][number]['record']
  'review:openStudy': OpenedStudy
  'review:compute': ReviewView
  'review:export': ExportedReview | null
  // null: the user cancelled the dialog.
  'review:copyExample': OpenedReview | null
  'pdf:renderPage': PdfRendered
  'pdf:vectorCurves': PdfVectorCurves
  'figure:detectAxes': AxesDetection
  'figure:readRisk': RiskReadingResult
  'figure:read': FigureReadResult
  // null: no reading runs under that token (not started yet, or ended).
  'figure:readProgress': ReadProgress | null
  'figure:cancelRead': null
}

export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>
/** A request as main's handler receives it: parsed by the schema, defaults filled in. */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>
export type ResponseOf<C extends Channel> = Responses[C]

export const channels = Object.keys(contract) as Channel[]

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name)
}

type ApiFunction<C extends Channel> = [RequestOf<C>] extends [undefined]
  ? () => Promise<ResponseOf<C>>
  : (request: RequestOf<C>) => Promise<ResponseOf<C>>

type Subscribe<E extends EventChannel> = (
  listener: (payload: EventPayload<E>) => void,
) => () => void

/** What the renderer sees as `window.kmpool`; an event's function returns its unsubscribe. */
export type KmpoolApi = {
  readonly [C in Channel as (typeof contract)[C]['method']]: ApiFunction<C>
} & {
  readonly [E in EventChannel as (typeof events)[E]['method']]: Subscribe<E>
}
