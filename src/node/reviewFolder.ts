/**
 * Reading the studies of a review from its folder, the same in the app and in the CLI: each path
 * the review lists is confined to the review's folder (confine.ts), read with the study file's
 * limit (boundedRead.ts) and parsed; whatever goes wrong becomes the study's one-line load error,
 * and the review runs without it.
 */
import { statSync } from 'node:fs'
import { ProjectFileError, parseStudyFile } from '../shared/model/projectFile'
import type { Study } from '../shared/model/study'
import { readBounded, readBoundedSync } from './boundedRead'
import { confinedFile } from './confine'
import { FileRefused } from './fileRefused'
import { decodeText } from './text'

export const REVIEW_FOLDER = "the review's folder"

/** A study as a review loads it: parsed, or the reason it could not be. */
export interface LoadedStudy {
  study: Study | null
  loadError: string | null
}

/** The real path of a study a review lists, inside the review's folder (see confinedFile). */
export function studyFileIn(reviewDir: string, path: string): string {
  return confinedFile(reviewDir, path, REVIEW_FOLDER)
}

/** The study in `bytes` (read from the review's `path`), or its one-line load error. */
export function parseStudyBytes(bytes: Uint8Array, path: string): LoadedStudy {
  try {
    return { study: parseStudyFile(decodeText(bytes, path), path), loadError: null }
  } catch (error) {
    if (error instanceof ProjectFileError || error instanceof FileRefused) {
      return { study: null, loadError: error.message }
    }
    throw error
  }
}

function refused(error: unknown): LoadedStudy {
  if (error instanceof FileRefused) return { study: null, loadError: error.message }
  throw error
}

/** Loads the study a review lists at `path` (CLI). */
export function loadReviewStudySync(reviewDir: string, path: string): LoadedStudy {
  let bytes: Buffer
  try {
    bytes = readBoundedSync(studyFileIn(reviewDir, path), 'study', path)
  } catch (error) {
    return refused(error)
  }
  return parseStudyBytes(bytes, path)
}

/**
 * Loads the study a review lists at `path` (app), or answers `cached` when the file's size and
 * modification time are those it was loaded with.
 */
export async function loadReviewStudy(
  reviewDir: string,
  path: string,
  cached?: (real: string, stamp: { mtimeMs: number; size: number }) => LoadedStudy | undefined,
): Promise<LoadedStudy & { real: string | null; mtimeMs: number; size: number }> {
  let real: string
  let stamp: { mtimeMs: number; size: number }
  try {
    real = studyFileIn(reviewDir, path)
    const { mtimeMs, size } = statSync(real)
    stamp = { mtimeMs, size }
  } catch (error) {
    return { ...refused(error), real: null, mtimeMs: 0, size: 0 }
  }
  const known = cached?.(real, stamp)
  if (known) return { ...known, real, ...stamp }
  let bytes: Buffer
  try {
    bytes = await readBounded(real, 'study', path)
  } catch (error) {
    return { ...refused(error), real, ...stamp }
  }
  return { ...parseStudyBytes(bytes, path), real, ...stamp }
}
