/**
 * PDF figures, for the app and the CLI: PDF.js (pdfjs-dist's legacy build, which runs in Node,
 * drawing with @napi-rs/canvas) runs in a worker thread, never on the calling thread, with limits
 * that end a hostile PDF in a one-line refusal instead of a frozen app:
 *
 * - the worker's JavaScript heap is capped (resourceLimits): a content-stream bomb that would grow
 *   the operator list to gigabytes kills the worker, not the process;
 *   every call has a deadline (CALL_TIMEOUT_MS), after which the worker is terminated;
 * - images inside the PDF are limited to MAX_IMAGE_PIXELS (PDF.js's maxImageSize), and a rendered
 *   page to renderGeometry's MAX_PIXELS, so that a 9 KB PDF naming a 60000² image decodes nothing;
 * - PDF.js runs without scripting and without XFA: `isEvalSupported: false`, `enableXfa: false`,
 *   and the scripting sandbox is never loaded (only getDocument, getPage, getOperatorList and
 *   render are called). The advisory recorded for pdfjs-dist 5.6.205 in scripts/advisories.json
 *   needs scripting or XFA, so it does not apply while these stay off.
 *
 * The CLI's commands are synchronous: openPdfPage waits for the worker's answer with Atomics.wait.
 * The app's main process must never wait: it uses openPdfPageAsync, which awaits the answer and
 * learns at once when the worker dies.
 */
import {
  MessageChannel,
  type MessagePort,
  type Worker,
  receiveMessageOnPort,
} from 'node:worker_threads'
import {
  PATH_OPS,
  PdfError,
  type PdfOps,
  type PixelCrop,
  type RenderGeometry,
  type VectorPath,
  extractVectorPaths,
  renderGeometry,
} from '../shared/pdf'
import type { RgbaImage } from '../shared/trace/types'
import { readBounded, readBoundedSync } from './boundedRead'
import { FileRefused } from './fileRefused'
import { MAX_IMAGE_PIXELS } from './images'
import { pdfjsLocation } from './pdfEngine'
import { sourceWorker } from './sourceWorker'

/** PDF.js's scale 1 is 72 pixels per inch; 2 (144 per inch) gives curves a few pixels wide. */
export const DEFAULT_SCALE = 2

/**
 * How long opening a page (parsing the file and the page's operator list) may take, and then each
 * render: a PDF that takes longer is refused, within 10 s of asking in all.
 */
export const CALL_TIMEOUT_MS = 6_000

/** The worker's JavaScript heap, in MB: PDF.js's parsed objects and operator lists live there. */
export const WORKER_HEAP_MB = 512

export interface PdfPageOptions {
  /** Page number, from 1 (default 1). */
  page?: number
  /** Rendered pixels per PDF point (default DEFAULT_SCALE). */
  scale?: number
  /** The part of the rendered page to keep, in its pixels (default: the whole page). */
  crop?: PixelCrop
}

/** An open PDF page: its vector paths at once, its pixels on request. Close it when done. */
export interface PdfPage<R = { image: RgbaImage; png?: Uint8Array }> {
  pageCount: number
  page: number
  scale: number
  /** Where the page lands in the image: its size, the crop, page points to image pixels. */
  geometry: RenderGeometry
  /** The page's vector paths, in points and in the image's pixels. */
  paths: VectorPath[]
  /** Renders the image (and, with `png`, its PNG file's bytes). */
  render(png?: boolean): R
  close(): void
}

export interface WorkerError {
  name: string
  message: string
}

export type Answer<T> = { value: T } | { error: WorkerError }

type Request = { type: string; doc: number; [k: string]: unknown }

/**
 * Who runs PDF.js for an asynchronous caller: the worker thread here, or in the app a utility
 * process (src/main/pdfUtility.ts). `call` answers by the deadline, or with TIMEOUT or DIED.
 */
export interface PdfCaller {
  newDoc(): number
  call<T>(request: Request, transfer: ArrayBuffer[], deadline: number): Promise<Answer<T>>
  forget(doc: number): void
}

export const TIMEOUT: WorkerError = {
  name: 'Timeout',
  message: `it took more than ${CALL_TIMEOUT_MS / 1000} s (a PDF built to exhaust its reader?)`,
}
export const DIED: WorkerError = {
  name: 'WorkerDied',
  message: `it needs more than the ${WORKER_HEAP_MB} MB a PDF may use (a PDF built to exhaust its reader?)`,
}

/**
 * What the process may grow by while PDF.js works on one call. The worker's heap cap
 * (WORKER_HEAP_MB) does not bound the page's streams, which PDF.js decodes into buffers outside
 * the JavaScript heap (a content-stream bomb grew the CLI past 1.3 GB under the heap cap), so the
 * caller also watches the whole process's resident memory and ends the worker past this.
 */
export const PDF_GROWTH_MB = 384
const WATCH_MS = 25

export const MEMORY: WorkerError = {
  name: 'WorkerMemory',
  message: `it needs more than the ${PDF_GROWTH_MB} MB of memory a PDF may use (a PDF built to exhaust its reader?)`,
}

function overMemory(rssAtStart: number): boolean {
  return process.memoryUsage.rss() - rssAtStart > PDF_GROWTH_MB * 1024 * 1024
}

/**
 * The PDF.js worker thread (pdfWorker.ts: built beside the CLI, or run from its TypeScript source
 * through tsx in the tests; see sourceWorker). One serves the whole process (loading PDF.js takes
 * a few hundred milliseconds); it does not keep the process alive, and one that stops answering or
 * dies is dropped for a new one.
 */
class PdfWorker implements PdfCaller {
  private readonly worker: Worker
  private readonly port: MessagePort
  private readonly signal = new Int32Array(new SharedArrayBuffer(4))
  private seq = 0
  private docs = 0
  private dead = false
  /** Whether PDF.js is loaded in the worker: the memory watch starts from there. */
  private loaded = false
  /** Calls awaiting their answer (the asynchronous caller's), by request number. */
  private readonly waiting = new Map<number, (answer: Answer<unknown>) => void>()

  constructor() {
    const { port1, port2 } = new MessageChannel()
    this.port = port1
    this.worker = sourceWorker(new URL('./pdfWorker.ts', import.meta.url), {
      workerData: {
        port: port2,
        signal: this.signal,
        config: { ...pdfjsLocation(), maxImagePixels: MAX_IMAGE_PIXELS },
      },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 64 },
    })
    this.worker.unref()
    this.port.on('message', (answer: Answer<unknown> & { seq: number }) => {
      this.waiting.get(answer.seq)?.(answer)
      this.waiting.delete(answer.seq)
    })
    // Listening refs the port; the process need not stay alive for a worker with nothing to do.
    this.port.unref()
    // A worker over its heap limit ends with an error and exits: every waiting call fails now.
    this.worker.on('error', () => undefined)
    this.worker.on('exit', () => {
      this.dead = true
      for (const done of this.waiting.values()) done({ error: DIED })
      this.waiting.clear()
      if (worker === this) worker = null
    })
  }

  newDoc(): number {
    return ++this.docs
  }

  /** One call, waiting on this thread (the CLI). */
  callSync<T>(
    request: Request,
    transfer: ArrayBuffer[] = [],
    deadline = Date.now() + CALL_TIMEOUT_MS,
  ): Answer<T> {
    if (this.dead) return { error: DIED }
    if (!this.loaded && request.type !== 'load') {
      const loaded = this.callSync<boolean>({ type: 'load', doc: 0 }, [], deadline)
      if ('error' in loaded) return loaded
      this.loaded = true
    }
    const seq = ++this.seq
    const rssAtStart = process.memoryUsage.rss()
    this.port.postMessage({ ...request, seq }, transfer)
    for (;;) {
      // The worker posts its answer, then counts it on the flag: read the count before looking
      // for answers, so that one arriving in between still wakes the wait below.
      const seen = Atomics.load(this.signal, 0)
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const answer = m.message as Answer<T> & { seq: number }
        if (answer.seq === seq) return answer
      }
      const left = deadline - Date.now()
      // Short waits: a worker killed by its heap limit never counts an answer.
      if (left <= 0) {
        // Whether it died must be read before terminate(), which marks it dead.
        const died = this.exited()
        this.terminate()
        return { error: died ? DIED : TIMEOUT }
      }
      Atomics.wait(this.signal, 0, seen, Math.min(left, WATCH_MS))
      if (overMemory(rssAtStart)) {
        this.terminate()
        return { error: MEMORY }
      }
      if (this.exited()) {
        this.terminate()
        return { error: DIED }
      }
    }
  }

  /** Whether the worker thread has ended (its thread id is -1 then). */
  private exited(): boolean {
    return this.dead || this.worker.threadId === -1
  }

  /** One call, awaited (the app's main process, which must never block). */
  async call<T>(
    request: Request,
    transfer: ArrayBuffer[] = [],
    deadline = Date.now() + CALL_TIMEOUT_MS,
  ): Promise<Answer<T>> {
    if (this.dead) return { error: DIED }
    if (!this.loaded && request.type !== 'load') {
      const loaded = await this.call<boolean>({ type: 'load', doc: 0 }, [], deadline)
      if ('error' in loaded) return loaded
      this.loaded = true
    }
    const seq = ++this.seq
    const rssAtStart = process.memoryUsage.rss()
    return new Promise((resolve) => {
      const fail = (error: WorkerError) => {
        clearTimeout(timer)
        clearInterval(watch)
        this.waiting.delete(seq)
        this.terminate()
        resolve({ error })
      }
      const timer = setTimeout(() => fail(TIMEOUT), Math.max(0, deadline - Date.now()))
      const watch = setInterval(() => {
        if (overMemory(rssAtStart)) fail(MEMORY)
      }, WATCH_MS)
      watch.unref()
      this.waiting.set(seq, (answer) => {
        clearTimeout(timer)
        clearInterval(watch)
        resolve(answer as Answer<T>)
      })
      this.port.postMessage({ ...request, seq }, transfer)
    })
  }

  /** Lets the worker forget a document; nothing is waited for. */
  forget(doc: number): void {
    if (worker === this && !this.dead) this.port.postMessage({ type: 'close', doc })
  }

  terminate(): void {
    if (worker === this) worker = null
    this.dead = true
    this.port.close()
    void this.worker.terminate()
  }
}

let worker: PdfWorker | null = null

/** One line for what went wrong in PDF.js: a password, a file that is no PDF, or anything else. */
function pdfFailure(path: string, error: WorkerError): FileRefused {
  if (error.name === 'PasswordException') {
    return new FileRefused(
      `${path}: the PDF is protected by a password; save a copy without one and use that`,
    )
  }
  const why = error.message.replace(/\s+/g, ' ').replace(/\.$/, '')
  if (error.name === 'InvalidPDFException') {
    return new FileRefused(`${path}: not a PDF this tool can read (${why})`)
  }
  return new FileRefused(`${path}: cannot read the PDF (${why})`)
}

function checkOptions(options: PdfPageOptions): { pageNumber: number; scale: number } {
  const pageNumber = options.page ?? 1
  const scale = options.scale ?? DEFAULT_SCALE
  if (!(Number.isInteger(pageNumber) && pageNumber >= 1)) {
    throw new FileRefused(`page must be a whole number from 1, got ${pageNumber}`)
  }
  if (!(Number.isFinite(scale) && scale > 0)) {
    throw new FileRefused(`scale must be a number above 0, got ${scale}`)
  }
  return { pageNumber, scale }
}

type Opened = {
  pageCount: number
  viewport?: { transform: number[]; width: number; height: number }
}
type Listed = { ops: PdfOps; fnArray: number[]; argsArray: unknown[] }
type Drawn = { rgba: Uint8ClampedArray; png?: Uint8Array }

function geometryOf(path: string, pageNumber: number, opened: Answer<Opened>, crop?: PixelCrop) {
  if ('error' in opened) throw pdfFailure(path, opened.error)
  const { pageCount, viewport } = opened.value
  if (!viewport) {
    const pages = pageCount === 1 ? '1 page' : `${pageCount} pages`
    throw new FileRefused(`${path}: has ${pages}; there is no page ${pageNumber}`)
  }
  try {
    return { pageCount, geometry: renderGeometry(viewport, crop) }
  } catch (e) {
    if (e instanceof PdfError) throw new FileRefused(`${path}: page ${pageNumber}: ${e.message}`)
    throw e
  }
}

function pathsOf(path: string, listed: Answer<Listed>, geometry: RenderGeometry): VectorPath[] {
  if ('error' in listed) throw pdfFailure(path, listed.error)
  const { ops, fnArray, argsArray } = listed.value
  return extractVectorPaths({ fnArray, argsArray }, ops, geometry.toPixel)
}

function imageOf(path: string, drawn: Answer<Drawn>, geometry: RenderGeometry) {
  if ('error' in drawn) throw pdfFailure(path, drawn.error)
  const image = { data: drawn.value.rgba, width: geometry.width, height: geometry.height }
  return { image, png: drawn.value.png }
}

/**
 * Opens a page of a PDF and reads its vector paths from its operator list; `render` then draws it
 * at the scale (annotations left out, on white), cut to the crop. Waits on this thread: for the
 * CLI. Every failure a user can cause is a one-line FileRefused: an unreadable or too large file,
 * a file that is not a PDF, a password, a page it does not have, a crop outside the page, an image
 * too large, a PDF that exhausts the worker's time or memory.
 */
export function openPdfPage(path: string, options: PdfPageOptions = {}): PdfPage {
  const { pageNumber, scale } = checkOptions(options)
  const data = new Uint8Array(readBoundedSync(path, 'pdf'))
  worker ??= new PdfWorker()
  const pdf = worker
  const doc = pdf.newDoc()
  const deadline = Date.now() + CALL_TIMEOUT_MS
  try {
    const opened = pdf.callSync<Opened>(
      { type: 'open', doc, data, page: pageNumber, scale },
      [data.buffer as ArrayBuffer],
      deadline,
    )
    const { pageCount, geometry } = geometryOf(path, pageNumber, opened, options.crop)
    const listed = pdf.callSync<Listed>({ type: 'paths', doc, names: PATH_OPS }, [], deadline)
    return {
      pageCount,
      page: pageNumber,
      scale,
      geometry,
      paths: pathsOf(path, listed, geometry),
      render: (png = false) =>
        imageOf(
          path,
          pdf.callSync<Drawn>({ type: 'render', doc, crop: geometry.crop, png }),
          geometry,
        ),
      close: () => pdf.forget(doc),
    }
  } catch (e) {
    pdf.forget(doc)
    throw e
  }
}

/**
 * openPdfPage without ever blocking the thread: for the app's main process, which passes its
 * utility process as `caller`; the worker thread otherwise.
 */
export async function openPdfPageAsync(
  path: string,
  options: PdfPageOptions = {},
  caller?: PdfCaller,
): Promise<PdfPage<Promise<{ image: RgbaImage; png?: Uint8Array }>>> {
  const { pageNumber, scale } = checkOptions(options)
  const data = new Uint8Array(await readBounded(path, 'pdf'))
  const pdf = caller ?? (worker ??= new PdfWorker())
  const doc = pdf.newDoc()
  const deadline = Date.now() + CALL_TIMEOUT_MS
  try {
    const opened = await pdf.call<Opened>(
      { type: 'open', doc, data, page: pageNumber, scale },
      [data.buffer as ArrayBuffer],
      deadline,
    )
    const { pageCount, geometry } = geometryOf(path, pageNumber, opened, options.crop)
    const listed = await pdf.call<Listed>({ type: 'paths', doc, names: PATH_OPS }, [], deadline)
    return {
      pageCount,
      page: pageNumber,
      scale,
      geometry,
      paths: pathsOf(path, listed, geometry),
      render: async (png = false) =>
        imageOf(
          path,
          await pdf.call<Drawn>(
            { type: 'render', doc, crop: geometry.crop, png },
            [],
            Date.now() + CALL_TIMEOUT_MS,
          ),
          geometry,
        ),
      close: () => pdf.forget(doc),
    }
  } catch (e) {
    pdf.forget(doc)
    throw e
  }
}
