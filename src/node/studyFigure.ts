/**
 * A study's figure as the app opens it: a referenced figure (a path relative to the study file)
 * must be a file inside the study's folder, within the figure limit, whole, of at most
 * MAX_IMAGE_PIXELS, and the image its hash names; an embedded one is checked alike before the
 * page decodes it.
 */
import { createHash } from 'node:crypto'
import { basename, dirname } from 'node:path'
import type { StudyFigure } from '../shared/model/study'
import { readBounded } from './boundedRead'
import { confinedFile } from './confine'
import { FileRefused, shownPath } from './fileRefused'
import { checkImage } from './images'

/** The referenced figure read and embedded, so that the next save is self-contained. */
export async function embedReferencedFigure(
  figure: StudyFigure,
  studyPath: string,
): Promise<StudyFigure> {
  const study = basename(studyPath)
  const path = figure.path ?? ''
  let bytes: Buffer
  try {
    bytes = await readBounded(
      confinedFile(dirname(studyPath), path, "the study's folder"),
      'figure',
    )
    checkImage(bytes, path)
  } catch (error) {
    if (error instanceof FileRefused) {
      throw new FileRefused(`${shownPath(study)}: its figure ${error.message}`)
    }
    throw error
  }
  // A changed image is refused: the calibration and every point were made on the image it names.
  if (createHash('sha256').update(bytes).digest('hex') !== figure.sha256) {
    throw new FileRefused(
      `${shownPath(study)}: its figure ${shownPath(path)} has changed since the study was made (its SHA-256 differs)`,
    )
  }
  const { path: _path, ...embedded } = figure
  return { ...embedded, data: bytes.toString('base64') }
}

/** Checks a figure embedded in a study before the page decodes it. */
export function checkEmbeddedFigure(figure: StudyFigure, studyPath: string): void {
  if (figure.data === undefined) return
  try {
    checkImage(Buffer.from(figure.data, 'base64'), figure.name || 'the embedded figure')
  } catch (error) {
    if (error instanceof FileRefused) {
      throw new FileRefused(`${shownPath(basename(studyPath))}: its figure ${error.message}`)
    }
    throw error
  }
}
