/**
 * The single path from an untrusted IPC message to a handler: the channel must exist and the
 * payload must pass the contract's schema. ipc.ts and the end-to-end bridge both go through it.
 */
import type { z } from 'zod'
import {
  contract,
  isChannel,
  type Channel,
  type ParsedRequestOf,
  type ResponseOf,
} from '../shared/ipc/contract'
import type { Handlers } from './handlers'

export async function dispatch(
  handlers: Handlers,
  channel: string,
  payload: unknown,
): Promise<unknown> {
  if (!isChannel(channel)) throw new Error(`Unknown IPC channel "${channel}"`)
  return call(handlers, channel, payload)
}

async function call<C extends Channel>(
  handlers: Handlers,
  channel: C,
  payload: unknown,
): Promise<ResponseOf<C>> {
  const parsed = contract[channel].request.safeParse(payload)
  if (!parsed.success) {
    throw new Error(`Invalid request for "${channel}": ${describeIssues(parsed.error.issues)}`)
  }
  const handler = handlers[channel] as (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>
  // TypeScript cannot correlate the indexed schema with the indexed handler; the schema is C's.
  return handler(parsed.data as ParsedRequestOf<C>)
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => (issue.path.length ? `${formatPath(issue.path)}: ` : '') + issue.message)
    .join('; ')
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`))
    .join('')
}
