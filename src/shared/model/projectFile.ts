import type { z } from 'zod'
import { STUDY_FORMAT, STUDY_VERSION, type Study, studySchema } from './study'

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
 * Steps that bring a file of version v to v + 1, keyed by v. Empty while version 1 is the only
 * one; each later version adds its step here and a saved fixture of the old version to the tests.
 */
const STUDY_MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> =
  {}

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map(String).join('.') : 'the file'
}

/**
 * Reads a study project file: JSON, the right `format`, a `version` this app knows (older ones
 * migrated forward; a newer one refused, never half-read), every field validated. Each failure is
 * a ProjectFileError naming what is wrong and where.
 */
export function parseStudyFile(text: string, source: string): Study {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ProjectFileError(
      `${source}: not a kmpool study (not valid JSON: ${(e as Error).message})`,
    )
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ProjectFileError(`${source}: not a kmpool study (expected a JSON object)`)
  }
  let obj = json as Record<string, unknown>
  if (obj.format !== STUDY_FORMAT) {
    throw new ProjectFileError(
      `${source}: not a kmpool study (format is ${JSON.stringify(obj.format)}, expected "${STUDY_FORMAT}")`,
    )
  }
  const version = obj.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ProjectFileError(`${source}: the file has no valid format version`)
  }
  if (version > STUDY_VERSION) {
    throw new ProjectFileError(
      `${source}: saved by a newer kmpool (format version ${version}; this one reads up to ${STUDY_VERSION}); update kmpool to open it`,
    )
  }
  for (let v = version; v < STUDY_VERSION; v++)
    obj = { ...STUDY_MIGRATIONS[v](obj), version: v + 1 }
  const result = studySchema.safeParse(obj)
  if (!result.success) {
    const first = result.error.issues[0]
    const more =
      result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : ''
    throw new ProjectFileError(`${source}: ${issuePath(first)}: ${first.message}${more}`)
  }
  return result.data
}

/** The text of a study project file: stable key order, two-space indent, final newline. */
export function formatStudyFile(study: Study): string {
  return `${JSON.stringify(studySchema.parse(study), null, 2)}\n`
}
