import type { z } from 'zod'

/**
 * Why a project file could not be opened, in words that say what to do, on one line: the parts
 * quoted from the file (V8's JSON errors quote the text around the fault) may hold line breaks.
 */
export class ProjectFileError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' '))
    this.name = 'ProjectFileError'
  }
}

/**
 * Where JSON.parse stopped, without the text around it that V8's message quotes: a file from
 * someone else (or a file that is not JSON at all) must not be echoed into messages and exports.
 */
function jsonFault(error: unknown): string {
  const message = (error as Error).message
  if (/end of (JSON )?input|Unterminated/i.test(message)) return 'it ends too early'
  const at = /position (\d+)/.exec(message)
  return at ? `unexpected character at position ${at[1]}` : 'unexpected character'
}

/** A step that brings a file of version v to v + 1. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>

export interface VersionedFormat<T> {
  /** What the file is, for messages: "study", "review". */
  kind: string
  format: string
  version: number
  /** Steps keyed by the version they start from; each later version adds one. */
  migrations: Record<number, Migration>
  schema: z.ZodType<T>
  /** How a newer file's version is named in the refusal ("format version"). */
  versionLabel: string
}

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map(String).join('.') : 'the file'
}

/**
 * Reads a kmpool project file: JSON, the right `format`, a `version` this app knows (older ones
 * migrated forward step by step; a newer one refused, never half-read), every field validated by
 * the schema. Each failure is a ProjectFileError naming the file, what is wrong and where.
 */
export function parseVersionedFile<T>(text: string, source: string, f: VersionedFormat<T>): T {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ProjectFileError(
      `${source}: not a kmpool ${f.kind} (not valid JSON: ${jsonFault(e)})`,
    )
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ProjectFileError(`${source}: not a kmpool ${f.kind} (expected a JSON object)`)
  }
  let obj = json as Record<string, unknown>
  if (obj.format !== f.format) {
    throw new ProjectFileError(
      `${source}: not a kmpool ${f.kind} (format is ${JSON.stringify(obj.format)}, expected "${f.format}")`,
    )
  }
  const version = obj.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ProjectFileError(`${source}: the file has no valid format version`)
  }
  if (version > f.version) {
    throw new ProjectFileError(
      `${source}: saved by a newer kmpool (${f.versionLabel} ${version}; this one reads up to ${f.version}); update kmpool to open it`,
    )
  }
  for (let v = version; v < f.version; v++) obj = { ...f.migrations[v](obj), version: v + 1 }
  const result = f.schema.safeParse(obj)
  if (!result.success) {
    const first = result.error.issues[0]
    const more =
      result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : ''
    throw new ProjectFileError(`${source}: ${issuePath(first)}: ${first.message}${more}`)
  }
  return result.data
}

/** The text of a project file: the schema's key order, two-space indent, final newline. */
export function formatVersionedFile<T>(value: T, schema: z.ZodType<T>): string {
  return `${JSON.stringify(schema.parse(value), null, 2)}\n`
}
