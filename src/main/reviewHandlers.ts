/**
 * The review channels: open, create and save `.kmreview` files, add and edit their studies,
 * compute the review and export its results. A review is computed in the compute worker
 * (src/node/compute.ts), off main's thread, with one ReviewCache per open review kept there, so
 * that a settings change recomputes only the pooling, never the reconstructions.
 * The page names a review by the token of its file and a study by its path relative to that file;
 * only studies the review file lists or the user added in a dialog are read or written, and only
 * inside the review's folder (src/node/reviewFolder.ts, as `kmpool review` reads them).
 */
import { randomUUID } from 'node:crypto'
import { cp, mkdir, stat } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { writeFileAtomic } from '../node/atomicWrite'
import { readBounded } from '../node/boundedRead'
import { FileRefused, shownPath } from '../node/fileRefused'
import { MANIFEST, writeResultsFolder } from '../node/resultsFolder'
import { type LoadedStudy, loadReviewStudy, studyFileIn } from '../node/reviewFolder'
import type { ComputeWorker } from '../node/compute'
import type { ReviewJob } from '../node/computeJobs'
import { decodeText } from '../node/text'
import type {
  AppInfo,
  ExportedReview,
  FileRef,
  OpenedReview,
  OpenedStudy,
  ParsedRequestOf,
  ResponseOf,
} from '../shared/ipc/contract'
import { formatStudyFile, parseStudyFile } from '../shared/model/projectFile'
import { emptyReview, type Review } from '../shared/model/review'
import { formatReviewFile, parseReviewFile } from '../shared/model/reviewFile'
import type { ReviewStudyInput } from '../shared/review'
import type { Dialogs } from './handlers'

export const REVIEW_EXTENSION = 'kmreview'
const EXAMPLE_REVIEW = 'metastasectomy/metastasectomy.kmreview'

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
  /** The worker that computes reviews off main's thread. */
  compute: ComputeWorker
}

/** A study as last loaded, with the size and time its file had then. */
interface CachedStudy extends LoadedStudy {
  mtimeMs: number
  size: number
}

interface OpenReview {
  path: string
  dir: string
  /** Absolute paths of the studies the page may name: listed in the file or added by the user. */
  allowed: Set<string>
  loaded: Map<string, CachedStudy>
  /** A review bundled with the app (the example): never written; the page offers a copy. */
  readOnly: boolean
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
  | 'review:copyExample'

export type ReviewHandlers = {
  readonly [C in ReviewChannel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>
}

/** A path as a review lists it: relative to the review's folder, '/' between folders. */
export function relativeStudyPath(reviewDir: string, studyPath: string): string {
  return relative(reviewDir, studyPath).split(sep).join('/')
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
  /** Whether the review a token names ships with the app (the example), never to be written. */
  readOnly(token: string): boolean
}

export function createReviewHandlers(ctx: ReviewContext): {
  handlers: ReviewHandlers
  files: ReviewFiles
} {
  const reviews = new Map<string, OpenReview>()

  const bundled = (path: string): boolean =>
    ctx.examplesDir !== undefined && isInside(ctx.examplesDir, path)

  const remember = (path: string, review: Review): OpenedReview => {
    const dir = dirname(path)
    const token = randomUUID()
    const readOnly = bundled(path)
    reviews.set(token, {
      path,
      dir,
      allowed: new Set(review.studies.map((s) => resolve(dir, s.path))),
      loaded: new Map(),
      readOnly,
    })
    return { review, file: { token, name: basename(path) }, ...(readOnly ? { readOnly } : {}) }
  }

  /** Refuses to write into a bundled review: its files ship with the app and are shared. */
  const writable = (review: OpenReview): void => {
    if (review.readOnly) {
      throw new FileRefused(
        'the example review is read-only; save a copy in your folder (Save a copy…) to change it',
      )
    }
  }

  const openAt = async (path: string): Promise<OpenedReview> => {
    const text = decodeText(await readBounded(path, 'review'), basename(path))
    return remember(path, parseReviewFile(text, basename(path)))
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

  /**
   * The real path of a study the review may use: listed or added, and inside the review's folder
   * (studyFileIn), or a one-line error naming it.
   */
  const studyPath = (review: OpenReview, path: string): string => {
    if (!review.allowed.has(resolve(review.dir, path))) {
      throw new FileRefused(`${shownPath(path)} is not a study of this review`)
    }
    return studyFileIn(review.dir, path)
  }

  /** Checks that the page names only studies the review file lists or the user added. */
  const checkListed = (review: OpenReview, path: string): void => {
    if (!review.allowed.has(resolve(review.dir, path))) {
      throw new FileRefused(`${shownPath(path)} is not a study of this review`)
    }
  }

  /** A study file, parsed once and again only when it changes on disk. */
  const loadStudy = async (review: OpenReview, path: string): Promise<CachedStudy> => {
    if (!review.allowed.has(resolve(review.dir, path))) {
      return {
        mtimeMs: 0,
        size: 0,
        study: null,
        loadError: `${shownPath(path)}: not part of this review`,
      }
    }
    const loaded = await loadReviewStudy(review.dir, path, (real, stamp) => {
      const known = review.loaded.get(real)
      return known && known.mtimeMs === stamp.mtimeMs && known.size === stamp.size
        ? known
        : undefined
    })
    const { real, ...cached } = loaded
    if (real !== null) review.loaded.set(real, cached)
    return cached
  }

  /**
   * The review's studies loaded here (reads stay in main, confined and bounded), for the compute
   * worker, which reconstructs and pools them off main's thread and keeps the reconstructions of
   * each open review between computations.
   */
  const reviewJob = async (request: ParsedRequestOf<'review:export'>): Promise<ReviewJob> => {
    const review = reviewOf(request.review)
    const loaded = await Promise.all(request.studies.map((s) => loadStudy(review, s.path)))
    const studies: ReviewStudyInput[] = request.studies.map((s, i) => ({
      path: s.path,
      included: s.included,
      reason: s.reason,
      study: loaded[i].study,
      loadError: loaded[i].loadError,
    }))
    return {
      review: request.review,
      title: request.title,
      settings: request.settings,
      studies,
      version: ctx.app.version,
    }
  }

  const known: ReviewFiles = {
    pathOf: (token) => reviews.get(token)?.path,
    checkStudies: (token, content) => {
      const review = reviewOf(token)
      for (const s of content.studies) checkListed(review, s.path)
    },
    adopt: (path, review) => remember(path, review).file,
    readOnly: (token) => reviews.get(token)?.readOnly === true,
  }

  const handlers: ReviewHandlers = {
    'review:start': async () => {
      if (ctx.examplesDir === undefined) return null
      if (ctx.settingsPath !== undefined) {
        const settings = await readBounded(ctx.settingsPath, 'settings')
          .then((bytes) => JSON.parse(bytes.toString('utf8')) as Record<string, unknown>)
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
      for (const s of content.studies) checkListed(review, s.path)
      writable(review)
      await writeFileAtomic(review.path, formatReviewFile(content))
      return { token, name: basename(review.path) }
    },
    'review:addStudy': async ({ review: token }) => {
      const review = reviewOf(token)
      const path = await ctx.dialogs.openFile({ title: 'Add study', filters: studyFilter })
      if (path === null) return null
      const relativePath = relativeStudyPath(review.dir, path)
      // A review reads only inside its folder, so that it can be zipped and sent whole.
      review.allowed.add(resolve(review.dir, relativePath))
      try {
        studyPath(review, relativePath)
      } catch (error) {
        review.allowed.delete(resolve(review.dir, relativePath))
        if (error instanceof FileRefused) {
          throw new FileRefused(
            `${shownPath(basename(path))} is not inside the review's folder; copy it there (or into a folder inside it) and add it again`,
          )
        }
        throw error
      }
      return { path: relativePath }
    },
    'review:editStudy': async ({ review: token, path, label, subgroup }) => {
      const review = reviewOf(token)
      writable(review)
      // The real file inside the review's folder; nothing outside it is read or written.
      const real = studyPath(review, path)
      const study = parseStudyFile(decodeText(await readBounded(real, 'study', path), path), path)
      study.record = { ...study.record, label, subgroup }
      await writeFileAtomic(real, formatStudyFile(study))
      return { label, subgroup }
    },
    'review:copyExample': async ({ review: token }) => {
      const review = reviewOf(token)
      const target = await ctx.dialogs.saveFile({
        title: 'Save a copy of the example review in a new folder',
        defaultName: basename(review.dir),
        filters: [],
      })
      if (target === null) return null
      if (bundled(target)) throw new FileRefused('choose a folder outside the app’s examples')
      if (
        await stat(target).then(
          () => true,
          () => false,
        )
      ) {
        throw new FileRefused(
          `${shownPath(basename(target))} exists already; name a new folder for the copy`,
        )
      }
      // The whole folder (the review and its study files), into a folder that does not exist yet,
      // so that nothing of the user's is overwritten.
      await cp(review.dir, target, { recursive: true, errorOnExist: true, force: false })
      return openAt(join(target, basename(review.path)))
    },
    'review:openStudy': async ({ review: token, path }) =>
      ctx.openStudyAt(studyPath(reviewOf(token), path)),
    'review:compute': async (request) =>
      // Leave-one-out only for the outcome the view shows; the export computes all of them. A
      // newer computation of the same review supersedes one still running.
      ctx.compute.run(
        'reviewView',
        { job: await reviewJob(request), figure: request.figure },
        `review:${request.review}`,
      ),
    'review:export': async (request): Promise<ExportedReview | null> => {
      const target = await ctx.dialogs.saveFile({
        title: 'Export review results into a new folder',
        defaultName: 'results',
        filters: [],
      })
      if (target === null) return null
      const review = reviewOf(request.review)
      // The files and names `kmpool review` writes, so that app and command line agree, written
      // as one unit with their manifest.
      const { files, settings } = await ctx.compute.run('reviewFiles', await reviewJob(request))
      writeResultsFolder(target, files, { kmpool: ctx.app.version, settings, inputs: [review.dir] })
      return { name: basename(target), files: [...files.map(([name]) => name), MANIFEST] }
    },
  }
  return { handlers, files: known }
}

/** Whether `path` is `dir` or inside it. */
function isInside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(path))
  return !rel.startsWith('..') && !isAbsolute(rel)
}
