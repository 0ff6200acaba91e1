/**
 * The app's readings of its figure (issue 14): "Detect axes", the risk tab's "Read from figure"
 * and "Read figure" (axes, curves and risk table at once). Each runs in a worker thread
 * (figureWorker.ts): decoding, tick finding, tracing and the table's layout never block main's
 * thread, and the OCR engine runs in tesseract.js's own worker thread inside it. The worker and its
 * engine are started on first use, kept for the next reading, and ended after a minute without
 * one, or by `close()` when the app quits.
 *
 * A reading is cancelled through its AbortSignal: the worker stops at its next OCR call or step;
 * if it is still busy a moment later (a trace cannot be interrupted), the worker is ended, which
 * stops the OCR engine too, and the next reading starts a fresh one.
 */
import { Worker } from 'node:worker_threads'
import type { AxesDetection } from '../shared/axes'
import type { FigureReadResult, ReadProgress, RiskReadingResult } from '../shared/ipc/contract'
import type { Calibration } from '../shared/trace'
import type { StudyCurveForRisk } from './figureReading'
import { checkImage } from './images'
import { sourceWorker } from './sourceWorker'

/** How long the worker (and its ~11 MB model) stays after a reading. */
const IDLE_MS = 60_000
/** A cancelled reading still running this long after its cancel ends its worker. */
const KILL_AFTER_MS = 300
/** The worker's JavaScript heap, in MB: a 64-megapixel figure decoded is 256 MB. */
const HEAP_MB = 1024

interface FigureInput {
  bytes: Uint8Array
  name: string
}

/** The worker's jobs, their inputs and outputs. */
export interface FigureJobs {
  detectAxes: { input: FigureInput; output: AxesDetection }
  readRisk: {
    input: FigureInput & { calibration: Calibration; curves: StudyCurveForRisk[] }
    output: RiskReadingResult
  }
  readFigure: { input: FigureInput; output: FigureReadResult }
}

export interface RunOptions {
  signal?: AbortSignal
  onProgress?: (p: ReadProgress) => void
}

/** Why a reading did not answer: it was cancelled. */
export class ReadingCancelled extends Error {
  constructor() {
    super('the reading was cancelled')
    this.name = 'ReadingCancelled'
  }
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  onProgress?: (p: ReadProgress) => void
}

export interface FigureReader {
  run<J extends keyof FigureJobs>(
    job: J,
    input: FigureJobs[J]['input'],
    opts?: RunOptions,
  ): Promise<FigureJobs[J]['output']>
  close(): Promise<void>
}

/**
 * One reader per app. `entry`: the built worker file (the packaged app passes
 * out/main/figureWorker.js); absent, its TypeScript source runs through tsx (the tests).
 */
export function createFigureReader(entry?: string, idleMs = IDLE_MS): FigureReader {
  let worker: Worker | null = null
  let seq = 0
  const pending = new Map<number, Pending>()
  let idle: NodeJS.Timeout | null = null

  const end = (w: Worker | null, why: Error) => {
    if (!w) return
    if (worker === w) worker = null
    w.removeAllListeners()
    void w.terminate()
    for (const p of pending.values()) p.reject(why)
    pending.clear()
  }

  const start = (): Worker => {
    const limits = { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } }
    const w = entry
      ? new Worker(entry, limits)
      : sourceWorker(new URL('./figureWorker.ts', import.meta.url), limits)
    w.unref()
    w.on('message', ({ id, value, error, progress }) => {
      const p = pending.get(id)
      if (!p) return
      if (progress) {
        p.onProgress?.(progress)
        return
      }
      pending.delete(id)
      if (error) {
        p.reject(
          error.name === 'AbortError'
            ? new ReadingCancelled()
            : Object.assign(new Error(error.message), { name: error.name }),
        )
      } else p.resolve(value)
      if (pending.size === 0) scheduleIdle()
    })
    w.on('error', (error) =>
      end(
        w,
        new Error(
          (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `reading the figure needs more than the ${HEAP_MB} MB it may use`
            : error.message,
        ),
      ),
    )
    w.on('exit', () => end(w, new Error('the figure reader stopped')))
    return w
  }

  const scheduleIdle = () => {
    if (idle) clearTimeout(idle)
    idle = setTimeout(() => end(worker, new Error('the figure reader was closed')), idleMs)
    idle.unref()
  }

  return {
    run(job, input, opts = {}) {
      const { signal, onProgress } = opts
      // The header is checked here, at once: bytes that are no image never reach the worker.
      try {
        checkImage(input.bytes, input.name)
      } catch (error) {
        return Promise.reject(error as Error)
      }
      if (signal?.aborted) return Promise.reject(new ReadingCancelled())
      if (idle) clearTimeout(idle)
      idle = null
      return new Promise((resolve, reject) => {
        const w = (worker ??= start())
        const id = ++seq
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress })
        signal?.addEventListener(
          'abort',
          () => {
            if (!pending.has(id)) return
            w.postMessage({ cancel: id })
            // Stopped at the next OCR call, normally; a trace runs to its end unless ended.
            const timer = setTimeout(() => {
              if (!pending.has(id)) return
              pending.get(id)!.reject(new ReadingCancelled())
              pending.delete(id)
              end(w, new Error('the figure reader was restarted after a cancelled reading'))
            }, KILL_AFTER_MS)
            timer.unref()
          },
          { once: true },
        )
        w.postMessage({ id, job, input })
      }) as Promise<FigureJobs[typeof job]['output']>
    },
    async close() {
      if (idle) clearTimeout(idle)
      idle = null
      const w = worker
      worker = null
      if (w) {
        for (const p of pending.values()) p.reject(new Error('the figure reader was closed'))
        pending.clear()
        w.removeAllListeners()
        await w.terminate()
      }
    },
  }
}

/**
 * Readings the page started under a job token of its own: their progress, asked for while they
 * run, and their cancel. A token is forgotten once its reading ends.
 */
export function createReadJobs(reader: FigureReader) {
  const jobs = new Map<string, { controller: AbortController; progress: ReadProgress | null }>()
  return {
    async run<J extends keyof FigureJobs>(
      token: string | undefined,
      job: J,
      input: FigureJobs[J]['input'],
    ): Promise<FigureJobs[J]['output']> {
      if (token === undefined) return reader.run(job, input)
      if (jobs.has(token)) throw new Error('a reading with this token is already running')
      const entry = { controller: new AbortController(), progress: null as ReadProgress | null }
      jobs.set(token, entry)
      try {
        return await reader.run(job, input, {
          signal: entry.controller.signal,
          onProgress: (p) => (entry.progress = p),
        })
      } finally {
        jobs.delete(token)
      }
    },
    /** Where the reading is; null when no reading runs under that token (ended or never). */
    progress: (token: string): ReadProgress | null => jobs.get(token)?.progress ?? null,
    /** Stops the reading; nothing when it already ended. */
    cancel(token: string): void {
      jobs.get(token)?.controller.abort()
    },
  }
}
