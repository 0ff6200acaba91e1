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

/** The property of `window` under which the preload exposes the API. */
export const API_GLOBAL = 'kmpool'

const count = z.number().int().min(0)

// Digitized points stay as clicked (slightly negative times, survival a little above 1, or in
// percent): reconstruct() cleans them and reports what it changed, so only finiteness is checked.
export const curvePointSchema = z.strictObject({ time: z.number(), surv: z.number() })

export const riskRowSchema = z.strictObject({ time: z.number().min(0), nRisk: count })

export const reconstructOptionsSchema = z.strictObject({
  method: z.enum(['kmpool', 'guyot']).optional(),
  scale: z.enum(['auto', 'proportion', 'percent']).optional(),
  monotone: z.enum(['isotonic', 'carry-forward']).optional(),
})

// Bounds keep a runaway renderer from handing main an unbounded amount of work.
export const reconstructInputSchema: z.ZodType<ReconstructInput, ReconstructInput> = z.strictObject(
  {
    points: z.array(curvePointSchema).min(1).max(100_000),
    risk: z.array(riskRowSchema).max(10_000).optional(),
    totalN: z.number().int().positive().optional(),
    totalEvents: count.optional(),
    options: reconstructOptionsSchema.optional(),
  },
)

const curveSchema = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().max(500),
  // Empty or one-point curves are allowed: reconstructStudy() reports them as incomplete.
  points: z.array(curvePointSchema).max(100_000),
  risk: z.array(riskRowSchema).max(10_000),
  totalN: z.number().int().positive().optional(),
  totalEvents: count.optional(),
})

export const studyReconstructionInputSchema: z.ZodType<
  StudyReconstructionInput,
  StudyReconstructionInput
> = z.strictObject({
  timeUnit: z.enum(['days', 'weeks', 'months', 'years']),
  curves: z.array(curveSchema).max(50),
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
})

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
  'figure:open': FigureFile | null
  'points:import': TextFile | null
  'study:open': OpenedStudy | null
  'study:save': FileRef | null
  'study:saveAs': FileRef | null
  'export:ipd': SavedFile | null
  'export:summary': SavedFile | null
  'export:png': SavedFile | null
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
