/**
 * The one IPC contract. Main, preload and renderer all derive from it: each channel's name, the
 * preload function that calls it, the schema main checks its request against, and its response.
 * A channel added here without a response type or a main-process handler fails to compile; the
 * preload and the test bridge expose it by themselves.
 */
import { z } from 'zod'
import type { ReconstructInput, ReconstructResult } from '../reconstruct/types'

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

export interface AppInfo {
  name: string
  version: string
  platform: string
}

/** The bundled example study, as the CSV text of its files. */
export interface ExampleStudy {
  pointsCsv: string
  riskCsv: string
}

const noRequest = z.undefined()

export const contract = {
  'app:getInfo': { method: 'getInfo', request: noRequest },
  'example:load': { method: 'loadExample', request: noRequest },
  'reconstruct:run': { method: 'reconstruct', request: reconstructInputSchema },
} as const satisfies Record<string, { method: string; request: z.ZodType }>

export type Channel = keyof typeof contract

interface Responses {
  'app:getInfo': AppInfo
  'example:load': ExampleStudy
  'reconstruct:run': ReconstructResult
}

export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>
export type ResponseOf<C extends Channel> = Responses[C]

export const channels = Object.keys(contract) as Channel[]

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name)
}

type ApiFunction<C extends Channel> = [RequestOf<C>] extends [undefined]
  ? () => Promise<ResponseOf<C>>
  : (request: RequestOf<C>) => Promise<ResponseOf<C>>

/** What the renderer sees as `window.kmpool`. */
export type KmpoolApi = {
  readonly [C in Channel as (typeof contract)[C]['method']]: ApiFunction<C>
}
