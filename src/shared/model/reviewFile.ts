import { REVIEW_FORMAT, REVIEW_VERSION, type Review, reviewSchema } from './review'
import { formatVersionedFile, type Migration, parseVersionedFile } from './versionedFile'

/**
 * Steps that bring a review file of version v to v + 1, keyed by v. Empty while version 1 is the
 * only one; each later version adds its step here and a saved fixture of the old version to the
 * tests.
 */
const REVIEW_MIGRATIONS: Record<number, Migration> = {}

const REVIEW_FILE = {
  kind: 'review',
  format: REVIEW_FORMAT,
  version: REVIEW_VERSION,
  migrations: REVIEW_MIGRATIONS,
  schema: reviewSchema,
  versionLabel: 'review format version',
}

/** Reads a `.kmreview` file (see parseVersionedFile), or throws a ProjectFileError. */
export function parseReviewFile(text: string, source: string): Review {
  return parseVersionedFile(text, source, REVIEW_FILE)
}

/** The text of a review file: stable key order, two-space indent, final newline. */
export function formatReviewFile(review: Review): string {
  return formatVersionedFile(review, reviewSchema)
}
