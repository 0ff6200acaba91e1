import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads'
import {
  PATH_OPS,
  PdfError,
  type PdfOps,
  type PixelCrop,
  type RenderGeometry,
  type VectorCurve,
  type VectorPath,
  curvesByColor,
  extractVectorPaths,
  findVectorCurves,
  renderGeometry,
} from '../shared/pdf'
import { TraceError, traceAllCurves, traceCurves } from '../shared/trace'
import type { Calibration, Rgb, RgbaImage, TracedCurve } from '../shared/trace/types'
import { CliError } from './cliError'
import { readBytes, writeBytes } from './io'

/** PDF.js's scale 1 is 72 pixels per inch; 2 (144 per inch) gives curves a few pixels wide. */
export const DEFAULT_SCALE = 2

/** How long one step of reading a PDF may take before the CLI gives up on it. */
const TIMEOUT_MS = 120_000

export interface PdfPageOptions {
  /** Page number, from 1 (default 1). */
  page?: number
  /** Rendered pixels per PDF point (default DEFAULT_SCALE). */
  scale?: number
  /** The part of the rendered page to keep, in its pixels (default: the whole page). */
  crop?: PixelCrop
}

/** An open PDF page: its vector paths at once, its pixels on request. Close it when done. */
export interface PdfPage {
  pageCount: number
  page: number
  scale: number
  /** Where the page lands in the image: its size, the crop, page points to image pixels. */
  geometry: RenderGeometry
  /** The page's vector paths, in points and in the image's pixels. */
  paths: VectorPath[]
  /** Renders the image (and, with `png`, its PNG file's bytes). */
  render(png?: boolean): { image: RgbaImage; png?: Uint8Array }
  close(): void
}

/**
 * The worker that runs PDF.js. PDF.js is asynchronous and the CLI's commands are synchronous, so
 * the main thread posts a request and sleeps on a shared counter (Atomics.wait) until the worker
 * has answered on a message port, then takes the answer with receiveMessageOnPort. Answers carry
 * their request's number, so a late answer to an abandoned request is never taken for another's.
 * The worker is plain JavaScript, given as source, so that it needs no TypeScript loader; it holds
 * the open documents by number until they are closed.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const { port, signal, pdfjsUrl, assets } = workerData
const docs = new Map()
let current = 0
const reply = (message, transfer = []) => {
  port.postMessage({ seq: current, ...message }, transfer)
  Atomics.add(signal, 0, 1)
  Atomics.notify(signal, 0)
}
const fail = (e) =>
  reply({ error: { name: (e && e.name) || 'Error', message: String((e && e.message) || e) } })
process.on('uncaughtException', fail)
process.on('unhandledRejection', fail)
let pdfjs
async function open({ doc: id, data, page: number, scale }) {
  pdfjs ??= await import(pdfjsUrl)
  const doc = await pdfjs.getDocument({
    data,
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    standardFontDataUrl: assets.standardFonts,
    cMapUrl: assets.cMaps,
    cMapPacked: true,
    wasmUrl: assets.wasm,
  }).promise
  if (number > doc.numPages) {
    await doc.destroy()
    return [{ pageCount: doc.numPages }]
  }
  const page = await doc.getPage(number)
  const viewport = page.getViewport({ scale })
  docs.set(id, { doc, page, viewport })
  const { transform, width, height } = viewport
  return [{ pageCount: doc.numPages, viewport: { transform, width, height } }]
}
async function paths({ doc: id, names }) {
  const { page } = docs.get(id)
  const list = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE })
  const ops = Object.fromEntries(names.map((n) => [n, pdfjs.OPS[n]]))
  const wanted = new Set(Object.values(ops))
  const fnArray = Array.from(list.fnArray)
  const argsArray = fnArray.map((fn, i) => (wanted.has(fn) ? list.argsArray[i] : null))
  return [{ ops, fnArray, argsArray }]
}
async function render({ doc: id, crop, png }) {
  const { doc, page, viewport } = docs.get(id)
  const { canvas, context } = doc.canvasFactory.create(crop.width, crop.height)
  await page.render({
    canvas: null,
    canvasContext: context,
    viewport,
    annotationMode: pdfjs.AnnotationMode.DISABLE,
    transform: [1, 0, 0, 1, -crop.x, -crop.y],
  }).promise
  const pixels = context.getImageData(0, 0, crop.width, crop.height).data
  const out = { rgba: new Uint8ClampedArray(pixels) }
  const transfer = [out.rgba.buffer]
  if (png) {
    out.png = new Uint8Array(canvas.toBuffer('image/png'))
    transfer.push(out.png.buffer)
  }
  return [out, transfer]
}
const handlers = { open, paths, render }
port.on('message', async (request) => {
  if (request.type === 'close') {
    const entry = docs.get(request.doc)
    docs.delete(request.doc)
    await entry?.doc.destroy()
    return
  }
  current = request.seq
  try {
    const [value, transfer] = await handlers[request.type](request)
    reply({ value }, transfer)
  } catch (e) {
    fail(e)
  }
})
`

/** PDF.js's module and the data files it reads (fonts of the standard 14, CMaps, decoders). */
function pdfjsLocation() {
  const require = createRequire(import.meta.url)
  const root = dirname(require.resolve('pdfjs-dist/package.json'))
  return {
    pdfjsUrl: pathToFileURL(join(root, 'legacy', 'build', 'pdf.mjs')).href,
    assets: {
      standardFonts: join(root, 'standard_fonts') + sep,
      cMaps: join(root, 'cmaps') + sep,
      wasm: join(root, 'wasm') + sep,
    },
  }
}

interface WorkerError {
  name: string
  message: string
}

type Answer<T> = { value: T } | { error: WorkerError }

/**
 * The PDF.js worker, called synchronously: each call blocks until its answer. One serves the whole
 * process (loading PDF.js takes a few hundred milliseconds); it does not keep the process alive,
 * and one that stops answering is dropped for a new one.
 */
class SyncPdfWorker {
  private readonly worker: Worker
  private readonly port: MessagePort
  private readonly signal = new Int32Array(new SharedArrayBuffer(4))
  private seq = 0
  private docs = 0

  constructor() {
    const { port1, port2 } = new MessageChannel()
    this.port = port1
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, signal: this.signal, ...pdfjsLocation() },
      transferList: [port2],
    })
    this.worker.unref()
  }

  newDoc(): number {
    return ++this.docs
  }

  call<T>(
    request: { type: string; doc: number; [k: string]: unknown },
    transfer: ArrayBuffer[] = [],
  ): Answer<T> {
    const seq = ++this.seq
    this.port.postMessage({ ...request, seq }, transfer)
    const deadline = Date.now() + TIMEOUT_MS
    for (;;) {
      // The worker posts its answer, then counts it on the flag: read the count before looking
      // for answers, so that one arriving in between still wakes the wait below.
      const seen = Atomics.load(this.signal, 0)
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const answer = m.message as Answer<T> & { seq: number }
        if (answer.seq === seq) return answer
      }
      const left = deadline - Date.now()
      if (left <= 0 || Atomics.wait(this.signal, 0, seen, left) === 'timed-out') {
        this.terminate()
        return { error: { name: 'Timeout', message: `no answer within ${TIMEOUT_MS / 1000} s` } }
      }
    }
  }

  /** Lets the worker forget a document; nothing is waited for. */
  forget(doc: number): void {
    if (worker === this) this.port.postMessage({ type: 'close', doc })
  }

  terminate(): void {
    if (worker === this) worker = null
    this.port.close()
    void this.worker.terminate()
  }
}

let worker: SyncPdfWorker | null = null

/** One line for what went wrong in PDF.js: a password, a file that is no PDF, or anything else. */
function pdfFailure(path: string, error: WorkerError): CliError {
  if (error.name === 'PasswordException') {
    return new CliError(
      `${path}: the PDF is protected by a password; save a copy without one and use that`,
    )
  }
  const why = error.message.replace(/\s+/g, ' ').replace(/\.$/, '')
  if (error.name === 'InvalidPDFException') {
    return new CliError(`${path}: not a PDF this tool can read (${why})`)
  }
  return new CliError(`${path}: cannot read the PDF (${why})`)
}

/**
 * Opens a page of a PDF with PDF.js (pdfjs-dist's legacy build, which runs in Node, drawing with
 * @napi-rs/canvas) and reads its vector paths from its operator list; `render` then draws it at
 * the scale (annotations left out, on white), cut to the crop. Every failure a user can cause is
 * a one-line CliError: an unreadable file, a file that is not a PDF, a PDF protected by a
 * password, a page it does not have, a crop outside the page, an image too large.
 */
export function openPdfPage(path: string, options: PdfPageOptions = {}): PdfPage {
  const pageNumber = options.page ?? 1
  const scale = options.scale ?? DEFAULT_SCALE
  if (!(Number.isInteger(pageNumber) && pageNumber >= 1)) {
    throw new CliError(`page must be a whole number from 1, got ${pageNumber}`)
  }
  if (!(Number.isFinite(scale) && scale > 0)) {
    throw new CliError(`scale must be a number above 0, got ${scale}`)
  }
  const data = readBytes(path)
  worker ??= new SyncPdfWorker()
  const pdf = worker
  const doc = pdf.newDoc()
  try {
    const opened = pdf.call<{
      pageCount: number
      viewport?: { transform: number[]; width: number; height: number }
    }>({ type: 'open', doc, data, page: pageNumber, scale }, [data.buffer as ArrayBuffer])
    if ('error' in opened) throw pdfFailure(path, opened.error)
    const { pageCount, viewport } = opened.value
    if (!viewport) {
      const pages = pageCount === 1 ? '1 page' : `${pageCount} pages`
      throw new CliError(`${path}: has ${pages}; there is no page ${pageNumber}`)
    }
    let geometry: RenderGeometry
    try {
      geometry = renderGeometry(viewport, options.crop)
    } catch (e) {
      if (e instanceof PdfError) throw new CliError(`${path}: page ${pageNumber}: ${e.message}`)
      throw e
    }
    const listed = pdf.call<{ ops: PdfOps; fnArray: number[]; argsArray: unknown[] }>({
      type: 'paths',
      doc,
      names: PATH_OPS,
    })
    if ('error' in listed) throw pdfFailure(path, listed.error)
    const { ops, fnArray, argsArray } = listed.value
    return {
      pageCount,
      page: pageNumber,
      scale,
      geometry,
      paths: extractVectorPaths({ fnArray, argsArray }, ops, geometry.toPixel),
      render(png = false) {
        const drawn = pdf.call<{ rgba: Uint8ClampedArray; png?: Uint8Array }>({
          type: 'render',
          doc,
          crop: geometry.crop,
          png,
        })
        if ('error' in drawn) throw pdfFailure(path, drawn.error)
        const image = { data: drawn.value.rgba, width: geometry.width, height: geometry.height }
        return { image, png: drawn.value.png }
      },
      close: () => pdf.forget(doc),
    }
  } catch (e) {
    pdf.forget(doc)
    throw e
  }
}

/** Curves read from a PDF page, and how: from its vector paths, or traced in its pixels. */
export interface PdfCurves {
  curves: (VectorCurve | TracedCurve)[]
  source: 'vector' | 'pixels'
}

/**
 * Reads the KM curves of a PDF page through a calibration in the rendered image's pixels: the
 * page's vector curves when it has them (exact coordinates and colours, findVectorCurves), with
 * `colors` all of the given colours' (each must have a curve, or none is taken); otherwise the
 * page rendered at the scale and traced as an image (traceCurves, or traceAllCurves for "auto").
 * With `renderOut`, the rendered image is written there as PNG either way, so that a user can
 * read calibration pixels off it. One-line CliErrors for every failure a user can cause.
 */
export function tracePdf(
  path: string,
  options: PdfPageOptions,
  calibration: Calibration,
  colors: readonly Rgb[] | 'auto',
  tolerance: number,
  renderOut?: string,
): PdfCurves {
  const page = openPdfPage(path, options)
  try {
    const rendered = renderOut ? page.render(true) : null
    if (rendered?.png) writeBytes(renderOut!, rendered.png)
    let found: VectorCurve[]
    try {
      found = findVectorCurves(page.paths, calibration, { bounds: page.geometry })
    } catch (e) {
      if (e instanceof TraceError) throw new CliError(`${path}: ${e.message}`)
      throw e
    }
    const groups = colors === 'auto' ? [found] : curvesByColor(found, colors, tolerance)
    if (groups.every((g) => g.length > 0)) return { curves: groups.flat(), source: 'vector' }
    const { image } = rendered ?? page.render()
    try {
      const curves =
        colors === 'auto'
          ? traceAllCurves(image, calibration, { tolerance })
          : traceCurves(image, calibration, colors, { tolerance })
      return { curves, source: 'pixels' }
    } catch (e) {
      if (e instanceof TraceError) throw new CliError(`${path}: page ${page.page}: ${e.message}`)
      throw e
    }
  } finally {
    page.close()
  }
}
