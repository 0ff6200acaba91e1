/**
 * The review channels: open, create and save `.kmreview` files, add and edit their studies,
 * compute the review and export its results. A review is computed here, with one ReviewCache per
 * open review, so that a settings change recomputes only the pooling, never the reconstructions.
 * The page names a review by the token of its file and a study by its path relative to that file;
 * only studies the review file lists or the user added in a dialog are read or written.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { reviewFiles } from '../cli/commands/review'
import type {
  AppInfo,
  ExportedReview,
  FileRef,
  OpenedReview,
  OpenedStudy,
  ParsedRequestOf,
  ResponseOf,
} from '../shared/ipc/contract'
import { formatStudyFile, ProjectFileError, parseStudyFile } from '../shared/model/projectFile'
import { emptyReview, type Review } from '../shared/model/review'
import { formatReviewFile, parseReviewFile } from '../shared/model/reviewFile'
import type { Study } from '../shared/model/study'
import { computeReview, ReviewCache, type ReviewStudyInput } from '../shared/review'
import { reviewView } from '../shared/review/reviewView'
import { writeFileAtomic } from './atomicWrite'
import type { Dialogs } from './handlers'

export const REVIEW_EXTENSION = 'kmreview'
const EXAMPLE_REVIEW = 'metastasectomy/metastasectomy.kmreview'
const MAX_REVIEW_BYTES = 10 * 1024 * 1024
const MAX_STUDY_BYTES = 500 * 1024 * 1024

const reviewFilter = [{ name: 'kmpool review', extensions: [REVIEW_EXTENSION] }]
const studyFilter = [{ name: 'kmpool study', extensions: ['kmstudy'] }]

export interface ReviewContext {
  app: AppInfo
  dialogs: Dialogs
  /** The app's bundled examples folder; without it there is no example review. */
  examplesDir?: string
  /**
   * The app's settings file (in userData), where the first start is remembered; without it every
   * start is a first start (the bridged tests start fresh).
   */
  settingsPath?: string
  /** Opens a study file for the study view, as `study:open` does after its dialog. */
  openStudyAt(path: string): Promise<OpenedStudy>
}

interface LoadedStudy {
  mtimeMs: number
  size: number
  study: Study | null
  loadError: string | null
}

interface OpenReview {
  path: string
  dir: string
  cache: ReviewCache
  /** Absolute paths of the studies the page may name: listed in the file or added by the user. */
  allowed: Set<string>
  loaded: Map<string, LoadedStudy>
}

export type ReviewChannel =
  | 'review:start'
  | 'review:openExample'
  | 'review:open'
  | 'review:create'
  | 'review:save'
  | 'review:addStudy'
  | 'review:editStudy'
  | 'review:openStudy'
  | 'review:compute'
  | 'review:export'

export type ReviewHandlers = {
  readonly [C in ReviewChannel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>
}

/** A path as a review lists it: relative to the review's folder, '/' between folders. */
export function relativeStudyPath(reviewDir: string, studyPath: string): string {
  return relative(reviewDir, studyPath).split(sep).join('/')
}

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'is a folder, not a file'
  return code ?? (error as Error).message
}

/** The review files the page holds tokens for, as the recovery channels need them. */
export interface ReviewFiles {
  /** The path of the review file a token names, or undefined for none open. */
  pathOf(token: string): string | undefined
  /**
   * Checks that every study `review` lists is one the review file's token allows (as a save
   * does), so that an autosave never smuggles in another path for a recovered review to read.
   */
  checkStudies(token: string, review: Review): void
  /** Opens `review`, recovered from a crashed session, as the review in the file at `path`. */
  adopt(path: string, review: Review): FileRef
}

export function createReviewHandlers(ctx: ReviewContext): {
  handlers: ReviewHandlers
  files: ReviewFiles
} {
  const reviews = new Map<string, OpenReview>()

  const remember = (path: string, review: Review): OpenedReview => {
    const dir = dirname(path)
    const token = randomUUID()
    reviews.set(token, {
      path,
      dir,
      cache: new ReviewCache(),
      allowed: new Set(review.studies.map((s) => resolve(dir, s.path))),
      loaded: new Map(),
    })
    return { review, file: { token, name: basename(path) } }
  }

  const openAt = async (path: string): Promise<OpenedReview> => {
    const { size } = await stat(path)
    if (size > MAX_REVIEW_BYTES) throw new Error(`${basename(path)} is too large for a review`)
    return remember(path, parseReviewFile(await readFile(path, 'utf8'), basename(path)))
  }

  const openExample = async (): Promise<OpenedReview> => {
    if (ctx.examplesDir === undefined) throw new Error('this build has no example review')
    return openAt(join(ctx.examplesDir, EXAMPLE_REVIEW))
  }

  const reviewOf = (token: string): OpenReview => {
    const review = reviews.get(token)
    if (!review) throw new Error('the review is no longer open; open it again')
    return review
  }

  /** The absolute path of a study the review may use, or an error naming it. */
  const studyPath = (review: OpenReview, path: string): string => {
    const absolute = resolve(review.dir, path)
    if (!review.allowed.has(absolute)) throw new Error(`${path} is not a study of this review`)
    return absolute
  }

  /** A study file, parsed once and again only when it changes on disk. */
  const loadStudy = async (review: OpenReview, path: string): Promise<LoadedStudy> => {
    const absolute = resolve(review.dir, path)
    if (!review.allowed.has(absolute)) {
      return { mtimeMs: 0, size: 0, study: null, loadError: `${path}: not part of this review` }
    }
    let info
    try {
      info = await stat(absolute)
    } catch (error) {
      return {
        mtimeMs: 0,
        size: 0,
        study: null,
        loadError: `${path}: cannot read it (${why(error)})`,
      }
    }
    const known = review.loaded.get(absolute)
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known
    let loaded: LoadedStudy
    try {
      if (info.size > MAX_STUDY_BYTES) throw new ProjectFileError(`${path}: too large`)
      const study = parseStudyFile(await readFile(absolute, 'utf8'), path)
      loaded = { mtimeMs: info.mtimeMs, size: info.size, study, loadError: null }
    } catch (error) {
      const message =
        error instanceof ProjectFileError
          ? error.message
          : `${path}: cannot read it (${why(error)})`
      loaded = { mtimeMs: info.mtimeMs, size: info.size, study: null, loadError: message }
    }
    review.loaded.set(absolute, loaded)
    return loaded
  }

  const compute = async (
    request: ParsedRequestOf<'review:export'>,
    leaveOneOut?: (outcomeId: string) => boolean,
  ) => {
    const review = reviewOf(request.review)
    const loaded = await Promise.all(request.studies.map((s) => loadStudy(review, s.path)))
    const studies: ReviewStudyInput[] = request.studies.map((s, i) => ({
      path: s.path,
      included: s.included,
      reason: s.reason,
      study: loaded[i].study,
      loadError: loaded[i].loadError,
    }))
    const result = computeReview(
      { title: request.title, settings: request.settings, studies },
      { cache: review.cache, version: ctx.app.version, leaveOneOut },
    )
    return { result, loaded }
  }

  const known: ReviewFiles = {
    pathOf: (token) => reviews.get(token)?.path,
    checkStudies: (token, content) => {
      const review = reviewOf(token)
      for (const s of content.studies) studyPath(review, s.path)
    },
    adopt: (path, review) => remember(path, review).file,
  }

  const handlers: ReviewHandlers = {
    'review:start': async () => {
      if (ctx.examplesDir === undefined) return null
      if (ctx.settingsPath !== undefined) {
        const settings = await readFile(ctx.settingsPath, 'utf8')
          .then((text) => JSON.parse(text) as Record<string, unknown>)
          .catch(() => ({}) as Record<string, unknown>)
        if (settings.started === true) return null
        await mkdir(dirname(ctx.settingsPath), { recursive: true })
        await writeFileAtomic(
          ctx.settingsPath,
          `${JSON.stringify({ ...settings, started: true }, null, 2)}\n`,
        )
      }
      return openExample()
    },
    'review:openExample': openExample,
    'review:open': async () => {
      const path = await ctx.dialogs.openFile({ title: 'Open review', filters: reviewFilter })
      return path === null ? null : openAt(path)
    },
    'review:create': async () => {
      const path = await ctx.dialogs.saveFile({
        title: 'New review',
        defaultName: `review.${REVIEW_EXTENSION}`,
        filters: reviewFilter,
      })
      if (path === null) return null
      const review = emptyReview(basename(path).replace(/\.[^.]+$/, ''))
      await writeFileAtomic(path, formatReviewFile(review))
      return remember(path, review)
    },
    'review:save': async ({ review: token, content }): Promise<FileRef> => {
      const review = reviewOf(token)
      for (const s of content.studies) studyPath(review, s.path)
      await writeFileAtomic(review.path, formatReviewFile(content))
      return { token, name: basename(review.path) }
    },
    'review:addStudy': async ({ review: token }) => {
      const review = reviewOf(token)
      const path = await ctx.dialogs.openFile({ title: 'Add study', filters: studyFilter })
      if (path === null) return null
      const relativePath = relativeStudyPath(review.dir, path)
      if (/^[A-Za-z]:/.test(relativePath)) {
        throw new Error(`${basename(path)} is on another drive than the review file`)
      }
      review.allowed.add(resolve(path))
      return { path: relativePath }
    },
    'review:editStudy': async ({ review: token, path, label, subgroup }) => {
      const review = reviewOf(token)
      const absolute = studyPath(review, path)
      const study = parseStudyFile(await readFile(absolute, 'utf8'), path)
      study.record = { ...study.record, label, subgroup }
      await writeFileAtomic(absolute, formatStudyFile(study))
      return { label, subgroup }
    },
    'review:openStudy': async ({ review: token, path }) =>
      ctx.openStudyAt(studyPath(reviewOf(token), path)),
    'review:compute': async (request) => {
      // Leave-one-out only for the outcome the view shows; the export computes all of them.
      const { result, loaded } = await compute(request, (id) => id === request.figure)
      const records = loaded.map((l) =>
        l.study ? { label: l.study.record.label, subgroup: l.study.record.subgroup } : null,
      )
      return reviewView(result, records, request.figure)
    },
    'review:export': async (request): Promise<ExportedReview | null> => {
      const target = await ctx.dialogs.saveFile({
        title: 'Export review results into a new folder',
        defaultName: 'results',
        filters: [],
      })
      if (target === null) return null
      const { result } = await compute(request)
      await mkdir(target, { recursive: true })
      // The files and names `kmpool review` writes, so that app and command line agree.
      const files = reviewFiles(result, { png: true, dpi: 300 })
      for (const [name, content] of files) await writeFileAtomic(join(target, name), content)
      return { name: basename(target), files: files.map(([name]) => name) }
    },
  }
  return { handlers, files: known }
}
