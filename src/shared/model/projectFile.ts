import { STUDY_FORMAT, STUDY_VERSION, type Study, studySchema } from './study'
import { formatVersionedFile, type Migration, parseVersionedFile } from './versionedFile'

export { ProjectFileError } from './versionedFile'

/**
 * Steps that bring a study file of version v to v + 1, keyed by v. Empty while version 1 is the
 * only one; each later version adds its step here and a saved fixture of the old version to the
 * tests (test/fixtures/studies/).
 */
const STUDY_MIGRATIONS: Record<number, Migration> = {}

const STUDY_FILE = {
  kind: 'study',
  format: STUDY_FORMAT,
  version: STUDY_VERSION,
  migrations: STUDY_MIGRATIONS,
  schema: studySchema,
  versionLabel: 'format version',
}

/** Reads a `.kmstudy` file (see parseVersionedFile), or throws a ProjectFileError. */
export function parseStudyFile(text: string, source: string): Study {
  return parseVersionedFile(text, source, STUDY_FILE)
}

/** The text of a study project file: stable key order, two-space indent, final newline. */
export function formatStudyFile(study: Study): string {
  return formatVersionedFile(study, studySchema)
}
