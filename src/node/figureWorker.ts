/**
 * The figure reader's worker thread (src/node/figureReaderService.ts): decodes the figure, finds
 * its axes, traces its curves and reads its risk table here, so that the app's main thread stays
 * free. One OCR engine (tesseract.js, itself in a worker thread of this one) is kept for the
 * readings that follow. Messages in: { id, job, input } and { cancel: id }; out: { id, progress },
 * { id, value } or { id, error: { name, message } }. Built as its own file beside main's
 * (electron.vite.config.ts); run from its TypeScript source through tsx in the tests.
 */
import { parentPort } from 'node:worker_threads'
import { detectAxes } from '../shared/axes'
import { parseCalibration } from '../shared/trace'
import { readFigureStudy, readRiskForCurves, type ReadProgress } from './figureReading'
import { decodeImage } from './images'
import { openOcr, type Ocr } from './ocr'
import type { FigureJobs } from './figureReaderService'

let ocr: Ocr | null = null
const engine = () => (ocr ??= openOcr())
const running = new Map<number, AbortController>()

type Job = keyof FigureJobs

async function run<J extends Job>(
  job: J,
  input: FigureJobs[J]['input'],
  signal: AbortSignal,
  onProgress: (p: ReadProgress) => void,
): Promise<FigureJobs[J]['output']> {
  const bytes = Buffer.from(input.bytes)
  const image = decodeImage(bytes, input.name)
  signal.throwIfAborted()
  const reader = engine()
  if (job === 'detectAxes') {
    return (await detectAxes(image, (request) => {
      signal.throwIfAborted()
      return reader.recognizeWords(image, request)
    })) as FigureJobs[J]['output']
  }
  if (job === 'readRisk') {
    const { calibration, curves } = input as FigureJobs['readRisk']['input']
    return (await readRiskForCurves(reader, image, parseCalibration(calibration), curves, {
      signal,
      onProgress,
    })) as FigureJobs[J]['output']
  }
  const reading = await readFigureStudy(reader, bytes, input.name, image, null, {
    signal,
    onProgress,
  })
  // The page keeps its own figure: the image does not travel back.
  const riskProblems = Object.fromEntries(
    reading.study.curves.map((c, i) => {
      const row = reading.rowOf[i]
      const problems = row >= 0 ? reading.table.arms[row].problems : []
      return [
        c.id,
        problems.map((p) => ({ code: p.code, time: p.time ?? null, message: p.message })),
      ]
    }),
  )
  return {
    calibration: reading.calibration,
    curves: reading.study.curves,
    referenceCurve: reading.study.referenceCurve ?? null,
    provenance: reading.study.provenance ?? {},
    riskProblems,
    matchedBy: reading.matchedBy,
    referenceWhy: reading.reference.why,
    warnings: reading.warnings,
    times: reading.table.times,
  } satisfies FigureJobs['readFigure']['output'] as FigureJobs[J]['output']
}

parentPort?.on(
  'message',
  (message: { cancel: number } | { id: number; job: Job; input: never }) => {
    if ('cancel' in message) {
      running.get(message.cancel)?.abort()
      return
    }
    const { id, job, input } = message
    const controller = new AbortController()
    running.set(id, controller)
    run(job, input, controller.signal, (progress) => parentPort!.postMessage({ id, progress }))
      .then((value) => parentPort!.postMessage({ id, value }))
      .catch((e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e))
        parentPort!.postMessage({ id, error: { name: error.name, message: error.message } })
      })
      .finally(() => running.delete(id))
  },
)
