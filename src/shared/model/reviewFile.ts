import type { z } from 'zod'
import { ProjectFileError } from './projectFile'
import { REVIEW_FORMAT, REVIEW_VERSION, type Review, reviewSchema } from './review'

/**
 * Steps that bring a review file of version v to v + 1, keyed by v. Empty while version 1 is the
 * only one; each later version adds its step here and a saved fixture of the old version to the
 * tests.
 */
const REVIEW_MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> =
  {}

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map(String).join('.') : 'the file'
}

/**
 * Reads a review file: JSON, the right `format`, a `version` this app knows (older ones migrated
 * forward; a newer one refused, never half-read), every field validated. Each failure is a
 * ProjectFileError, on one line, naming what is wrong and where.
 */
export function parseReviewFile(text: string, source: string): Review {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ProjectFileError(
      `${source}: not a kmpool review (not valid JSON: ${(e as Error).message})`,
    )
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ProjectFileError(`${source}: not a kmpool review (expected a JSON object)`)
  }
  let obj = json as Record<string, unknown>
  if (obj.format !== REVIEW_FORMAT) {
    throw new ProjectFileError(
      `${source}: not a kmpool review (format is ${JSON.stringify(obj.format)}, expected "${REVIEW_FORMAT}")`,
    )
  }
  const version = obj.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ProjectFileError(`${source}: the file has no valid format version`)
  }
  if (version > REVIEW_VERSION) {
    throw new ProjectFileError(
      `${source}: saved by a newer kmpool (review format version ${version}; this one reads up to ${REVIEW_VERSION}); update kmpool to open it`,
    )
  }
  for (let v = version; v < REVIEW_VERSION; v++)
    obj = { ...REVIEW_MIGRATIONS[v](obj), version: v + 1 }
  const result = reviewSchema.safeParse(obj)
  if (!result.success) {
    const first = result.error.issues[0]
    const more =
      result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : ''
    throw new ProjectFileError(`${source}: ${issuePath(first)}: ${first.message}${more}`)
  }
  return result.data
}

/** The text of a review file: stable key order, two-space indent, final newline. */
export function formatReviewFile(review: Review): string {
  return `${JSON.stringify(reviewSchema.parse(review), null, 2)}\n`
}
