/**
 * Heavy computations (reconstructing a study: a Cox model and Kaplan–Meier fits over up to a
 * million reconstructed patients per arm) run in a worker thread, so that the app's main process
 * answers the window, menus and other requests while a large study computes. A request with the
 * `key` of one still running supersedes it: the worker is ended at once (JavaScript cannot be
 * interrupted otherwise), the older request fails with "superseded", and a fresh worker computes
 * the newer one. Each worker is capped like the PDF worker (resourceLimits).
 */
import { Worker } from 'node:worker_threads'
import type { ComputeJobs, JobName } from './computeJobs'
import { sourceWorker } from './sourceWorker'

/** The compute worker's JavaScript heap, in MB. */
export const COMPUTE_HEAP_MB = 1024

/** Why a request was not answered: a newer request with its key took its place. */
export class Superseded extends Error {
  constructor() {
    super('superseded by a newer request')
    this.name = 'Superseded'
  }
}

/**
 * A computation superseded by a newer one with the same key is answered at once with Superseded;
 * the worker is ended (and restarted) only if it is still busy with it this long after it was
 * sent. Most computations take milliseconds: restarting the worker (loading its code takes
 * seconds on a busy machine) on every keystroke would cost far more than letting them finish
 * unheard.
 */
const KILL_AFTER_MS = 300

interface Pending {
  key: string | null
  /** When it was posted to the worker (performance.now()). */
  sentAt: number
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  /** Posts it again, to a new worker, when the one it was sent to is ended. */
  resend: () => void
}

const LIMITS = { maxOldGenerationSizeMb: COMPUTE_HEAP_MB }

export class ComputeWorker {
  private worker: Worker | null = null
  private seq = 0
  private readonly pending = new Map<number, Pending>()
  /** Superseded computations still in the worker, with the timer that ends it if they last. */
  private readonly abandoned = new Map<number, NodeJS.Timeout>()

  /** `entry`: the built worker file (the packaged app passes out/main/computeWorker.js). */
  constructor(private readonly entry?: string) {}

  private start(): Worker {
    const worker = this.entry
      ? new Worker(this.entry, { resourceLimits: LIMITS })
      : sourceWorker(new URL('./computeWorker.ts', import.meta.url), { resourceLimits: LIMITS })
    worker.unref()
    worker.on('message', ({ id, value, error }) => {
      const timer = this.abandoned.get(id)
      if (timer !== undefined) {
        clearTimeout(timer)
        this.abandoned.delete(id)
        return
      }
      const p = this.pending.get(id)
      this.pending.delete(id)
      if (!p) return
      if (error) p.reject(Object.assign(new Error(error.message), { name: error.name }))
      else p.resolve(value)
    })
    const failAll = (error: Error) => {
      if (this.worker !== worker) return
      this.worker = null
      this.forgetAbandoned()
      for (const p of this.pending.values()) p.reject(error)
      this.pending.clear()
    }
    worker.on('error', (error) =>
      failAll(
        new Error(
          (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `the computation needs more than the ${COMPUTE_HEAP_MB} MB it may use`
            : error.message,
        ),
      ),
    )
    worker.on('exit', () => failAll(new Error('the computation stopped')))
    return worker
  }

  private forgetAbandoned(): void {
    for (const timer of this.abandoned.values()) clearTimeout(timer)
    this.abandoned.clear()
  }

  /**
   * Ends a worker still busy with a superseded computation (ending it is the only way to stop
   * one); the computations waiting in it are sent again to a new worker.
   */
  private restart(): void {
    const stopped = this.worker
    if (!stopped) return
    this.worker = null
    this.forgetAbandoned()
    stopped.removeAllListeners()
    void stopped.terminate()
    const waiting = [...this.pending.values()]
    this.pending.clear()
    for (const p of waiting) p.resend()
  }

  /** Runs `job` on `input` in the worker; a later run with the same `key` supersedes it. */
  run<J extends JobName>(
    job: J,
    input: Parameters<ComputeJobs[J]>[0],
    key: string | null = null,
  ): Promise<ReturnType<ComputeJobs[J]>> {
    if (key !== null) {
      for (const [id, p] of this.pending) {
        if (p.key !== key) continue
        this.pending.delete(id)
        p.reject(new Superseded())
        const wait = Math.max(0, KILL_AFTER_MS - (performance.now() - p.sentAt))
        const timer = setTimeout(() => this.restart(), wait)
        timer.unref()
        this.abandoned.set(id, timer)
      }
    }
    return new Promise((resolve, reject) => {
      const send = () => {
        this.worker ??= this.start()
        const id = ++this.seq
        this.pending.set(id, {
          key,
          sentAt: performance.now(),
          resolve: resolve as (value: unknown) => void,
          reject,
          resend: send,
        })
        this.worker.postMessage({ id, job, input })
      }
      send()
    })
  }

  /** Ends the worker (the app is quitting). */
  close(): void {
    const worker = this.worker
    this.worker = null
    this.forgetAbandoned()
    void worker?.terminate()
  }
}
