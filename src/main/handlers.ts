/**
 * The main-process side of every IPC channel, as plain functions of an already validated request.
 * Nothing here imports Electron, so tests can bridge the same handlers into a plain browser; the
 * file dialogs come in through `dialogs`. The handlers read and write only files the user chose in
 * a dialog: the page gets a token for a study file, never a path it could change.
 */
import { createHash, randomUUID } from 'node:crypto'
import { basename, isAbsolute, relative, resolve } from 'node:path'
import { writeFileAtomic } from '../node/atomicWrite'
import { readBounded } from '../node/boundedRead'
import { FileRefused, shownPath } from '../node/fileRefused'
import { ComputeWorker } from '../node/compute'
import { checkImage, imageMime, isPdf } from '../node/images'
import type { PdfCaller } from '../node/pdf'
import { checkEmbeddedFigure, embedReferencedFigure } from '../node/studyFigure'
import { decodeText } from '../node/text'
import { createAxesReader } from '../node/detectAxesService'
import { createFigureReader, createReadJobs } from '../node/figureReaderService'
import type {
  AppInfo,
  Channel,
  FileRef,
  ParsedRequestOf,
  ResponseOf,
  SaveConflict,
  UnsavedDocuments,
} from '../shared/ipc/contract'
import { formatStudyFile, parseStudyFile } from '../shared/model/projectFile'
import { FileChangedError, FileGuard } from './fileGuard'
import { createReviewHandlers } from './reviewHandlers'
import { createPdfHandlers } from './pdfHandlers'
import type { RecoveryStore } from './recovery'
import { formatReviewFile, parseReviewFile } from '../shared/model/reviewFile'
import { formatWpdCsv } from '../shared/formats/wpdCsv'

export type Handlers = {
  readonly [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>
}

export interface FileFilter {
  name: string
  extensions: string[]
}

/** The native file dialogs; each answers the chosen path, or null when the user cancels. */
export interface Dialogs {
  openFile(options: { title: string; filters: FileFilter[] }): Promise<string | null>
  saveFile(options: {
    title: string
    defaultName: string
    filters: FileFilter[]
  }): Promise<string | null>
}

export interface HandlerContext {
  app: AppInfo
  dialogs: Dialogs
  /** Where autosaved documents go (the app's userData/recovery); absent, nothing is autosaved. */
  recovery?: RecoveryStore
  /** The bundled examples folder (Help → Open example review); none in the bridged tests. */
  examplesDir?: string
  /** The app's settings file in userData, where the first start is remembered. */
  settingsPath?: string
  /** Told which documents the page has unsaved, for the close dialog to name them. */
  onUnsaved?: (unsaved: UnsavedDocuments) => void
  /**
   * The built compute worker (out/main/computeWorker.js in the app); absent, its TypeScript
   * source runs through tsx (the tests).
   */
  computeWorker?: string
  /** Who reads PDFs: the app's utility process; absent, a worker thread (the tests). */
  pdfCaller?: PdfCaller
  /**
   * The built figure reader's worker (out/main/figureWorker.js in the app); absent, its
   * TypeScript source runs through tsx (the tests).
   */
  figureWorker?: string
}

export const STUDY_EXTENSION = 'kmstudy'

const filters = {
  figure: [{ name: 'Images and PDFs', extensions: ['png', 'jpg', 'jpeg', 'webp', 'bmp', 'pdf'] }],
  study: [{ name: 'kmpool study', extensions: [STUDY_EXTENSION] }],
  csv: [{ name: 'CSV', extensions: ['csv', 'txt', 'tsv'] }],
  png: [{ name: 'PNG image', extensions: ['png'] }],
}

export function createHandlers({
  app,
  dialogs,
  recovery,
  examplesDir,
  settingsPath,
  onUnsaved,
  computeWorker,
  pdfCaller,
  figureWorker,
}: HandlerContext): Handlers {
  // Reconstructions run off main's thread; a newer request of a channel supersedes an older one.
  const compute = new ComputeWorker(computeWorker)
  // Study files chosen in a dialog this session, by the token the page holds for each.
  const studyFiles = new Map<string, string>()
  const remember = (path: string): FileRef => {
    const token = randomUUID()
    studyFiles.set(token, path)
    return { token, name: basename(path) }
  }
  // What each study file held when last read or saved, to catch another program's change.
  const guard = new FileGuard()
  const pdf = createPdfHandlers(pdfCaller)
  // The figure's readings ("Detect axes", "Read from figure", "Read figure"): one worker thread
  // with one OCR engine for the session, ended when idle (unref'd).
  const figureReader = createFigureReader(figureWorker)
  const axesReader = createAxesReader(figureReader)
  const readJobs = createReadJobs(figureReader)
  const review = createReviewHandlers({
    app,
    dialogs,
    examplesDir,
    settingsPath,
    openStudyAt: (path) => openStudyAt(path),
    compute,
  })
  const studyPathOf = (file: string): string => {
    const path = studyFiles.get(file)
    if (path === undefined) throw new Error('the study file is no longer known; use Save as')
    return path
  }
  /**
   * A study file, read within the study limit (the guard remembers it); its figure, referenced
   * inside the study's folder or embedded, checked before the page decodes it.
   */
  const readStudy = async (path: string) => {
    const study = parseStudyFile(decodeText(await guard.read(path), basename(path)), basename(path))
    if (study.figure?.path !== undefined) {
      study.figure = await embedReferencedFigure(study.figure, path)
    } else if (study.figure) {
      checkEmbeddedFigure(study.figure, path)
    }
    return study
  }
  const recoveryStore = (): RecoveryStore => {
    if (recovery === undefined) throw new Error('autosave is off in this session')
    return recovery
  }

  const saveStudy = async (
    request: ParsedRequestOf<'study:save'>,
    path: string | null,
  ): Promise<FileRef | SaveConflict | null> => {
    const target =
      path ??
      (await dialogs.saveFile({
        title: 'Save study',
        defaultName: request.defaultName,
        filters: filters.study,
      }))
    if (target === null) return null
    try {
      // A target chosen in the dialog was confirmed there, replacing whatever it held.
      await guard.save(target, formatStudyFile(request.study), {
        force: path === null || request.force === true,
      })
    } catch (error) {
      if (error instanceof FileChangedError) return { conflict: basename(target) }
      throw error
    }
    if (request.file !== undefined && studyFiles.get(request.file) === target) {
      return { token: request.file, name: basename(target) }
    }
    return remember(target)
  }

  // A study the review view opens, read as `study:open` reads one (its save guarded alike).
  const openStudyAt = async (path: string) => ({
    study: await readStudy(path),
    file: remember(path),
  })

  const exportText = async (title: string, defaultName: string, text: () => Promise<string>) => {
    const target = await dialogs.saveFile({ title, defaultName, filters: filters.csv })
    if (target === null) return null
    // An export never replaces a study file this session opened or saved.
    await writeFileAtomic(target, await text(), { inputs: studyFiles.values() })
    return { name: basename(target) }
  }

  return {
    'app:getInfo': async () => ({ ...app }),
    'reconstruct:run': (input) => compute.run('reconstruct', input, 'reconstruct:run'),
    'study:reconstruct': (input) => compute.run('reconstructStudy', input, 'study:reconstruct'),
    'figure:open': async () => {
      const path = await dialogs.openFile({ title: 'Open figure', filters: filters.figure })
      if (path === null) return null
      const bytes = await readBounded(path, 'figure')
      // A PDF's page is chosen and rendered next (pdf:renderPage), through the token.
      if (isPdf(bytes)) return pdf.open(path)
      const mime = imageMime(bytes)
      if (mime === null || mime === 'image/gif') {
        throw new FileRefused(
          `${shownPath(basename(path))} is not a PNG, JPEG, WebP or BMP image, nor a PDF`,
        )
      }
      // Whole, and small enough to decode, before the page decodes it.
      checkImage(bytes, basename(path))
      return {
        name: basename(path),
        mime,
        data: bytes.toString('base64'),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
      }
    },
    'points:import': async () => {
      const path = await dialogs.openFile({ title: 'Import points', filters: filters.csv })
      if (path === null) return null
      const bytes = await readBounded(path, 'table')
      return { name: basename(path), text: decodeText(bytes, basename(path)) }
    },
    'study:open': async () => {
      const path = await dialogs.openFile({ title: 'Open study', filters: filters.study })
      if (path === null) return null
      return { study: await readStudy(path), file: remember(path) }
    },
    'study:reload': async ({ file }) => {
      const path = studyPathOf(file)
      return { study: await readStudy(path), file: { token: file, name: basename(path) } }
    },
    'recovery:save': async (request) => {
      // A review's token names a review file, a study's a study file: each in its own map.
      let original: string | null = null
      if (request.kind === 'review' && request.file !== undefined) {
        review.files.checkStudies(request.file, request.document)
        original = review.files.pathOf(request.file) ?? null
      } else if (request.file !== undefined) {
        original = studyFiles.get(request.file) ?? null
      }
      const text =
        request.kind === 'study'
          ? formatStudyFile(request.document)
          : formatReviewFile(request.document)
      return recoveryStore().save({
        kind: request.kind,
        key: request.key,
        original,
        stamp:
          original === null || request.kind === 'review' ? null : (guard.stampOf(original) ?? null),
        text,
      })
    },
    'recovery:list': async () =>
      recovery === undefined ? { entries: [], problems: [] } : recovery.list(),
    'recovery:restore': async ({ key }) => {
      const record = await recoveryStore().take(key)
      const { kind, savedAt, original } = record
      const name = original?.split(/[\\/]/).pop() ?? 'document'
      const source = `recovered ${name}`
      if (kind === 'review') {
        const recovered = parseReviewFile(record.text, source)
        // Its file becomes an open review again, so that Save Review writes back to it.
        const file = original === null ? null : review.files.adopt(original, recovered)
        const readOnly = file !== null && review.files.readOnly(file.token)
        return { kind, key, savedAt, review: recovered, file, ...(readOnly ? { readOnly } : {}) }
      }
      let file: FileRef | null = null
      if (original !== null) {
        file = remember(original)
        if (record.stamp !== null) guard.adopt(original, record.stamp)
      }
      return { kind, key, savedAt, study: parseStudyFile(record.text, source), file }
    },
    'recovery:discard': async ({ key }) => {
      await recovery?.remove(key)
      return null
    },
    'window:unsaved': async (unsaved) => {
      onUnsaved?.(unsaved)
      return null
    },
    'study:save': async (request) => {
      const known = request.file === undefined ? null : (studyFiles.get(request.file) ?? null)
      // A bundled example is never written over: Save asks where to put the user's copy.
      const inExamples =
        known !== null && examplesDir !== undefined ? relative(resolve(examplesDir), known) : '..'
      const bundled = !inExamples.startsWith('..') && !isAbsolute(inExamples)
      return saveStudy(request, bundled ? null : known)
    },
    'study:saveAs': async (request) => saveStudy(request, null),
    'export:ipd': async ({ input, defaultName }) =>
      exportText('Export IPD', defaultName, () => compute.run('ipdCsv', input)),
    'export:summary': async ({ input, record, defaultName }) =>
      exportText('Export KM summary', defaultName, () =>
        compute.run('summaryCsv', { input, record }),
      ),
    'export:points': async ({ input, defaultName }) =>
      exportText('Export digitized points (WebPlotDigitizer CSV)', defaultName, async () =>
        formatWpdCsv(input.curves),
      ),
    'export:png': async ({ data, defaultName }) => {
      const bytes = Buffer.from(data, 'base64')
      if (imageMime(bytes) !== 'image/png') throw new Error('the figure export is not a PNG image')
      const target = await dialogs.saveFile({
        title: 'Export figure with overlay',
        defaultName,
        filters: filters.png,
      })
      if (target === null) return null
      await writeFileAtomic(target, bytes, { inputs: studyFiles.values() })
      return { name: basename(target) }
    },
    'figure:detectAxes': ({ data, name }) => axesReader.detect(Buffer.from(data, 'base64'), name),
    'figure:readRisk': ({ data, name, job, calibration, curves }) =>
      readJobs.run(job, 'readRisk', {
        bytes: Buffer.from(data, 'base64'),
        name,
        calibration,
        curves,
      }),
    'figure:read': ({ data, name, job }) =>
      readJobs.run(job, 'readFigure', { bytes: Buffer.from(data, 'base64'), name }),
    'figure:readProgress': async ({ job }) => readJobs.progress(job),
    'figure:cancelRead': async ({ job }) => {
      readJobs.cancel(job)
      return null
    },
    ...review.handlers,
    ...pdf.handlers,
  }
}
