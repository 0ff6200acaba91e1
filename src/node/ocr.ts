/**
 * Offline optical character recognition for figures: tesseract.js (Tesseract 5's LSTM engine
 * compiled to WebAssembly) with the English model of the `@tesseract.js-data/eng` package, both
 * read from node_modules by local path, so nothing is downloaded, ever. In Node, tesseract.js runs
 * recognition in a worker_thread: the calling thread stays free while a figure is read.
 *
 * The engine starts lazily (about 0.3–0.5 s: the WebAssembly core and the 11 MB model) and is
 * reused by every call until `close()`. Import this module dynamically from the commands that read
 * text, so the others never load it.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { createCanvas, Image } from '@napi-rs/canvas'
import type { OcrWord } from '../shared/ocr/ocrWord'
import type { RgbaImage } from '../shared/trace/types'

/** A rectangle of the image, in its pixels. */
export interface OcrRegion {
  x: number
  y: number
  width: number
  height: number
}

/**
 * How the text is laid out, Tesseract's page segmentation: 'sparse' finds words anywhere (tick
 * labels scattered around a plot), 'line' reads one line, 'block' one block of lines.
 */
export type OcrMode = 'sparse' | 'line' | 'block'

export interface OcrProgress {
  /** What the engine is doing, in its own words ("loading language traineddata", "recognizing text"). */
  status: string
  /** 0–1 within that step. */
  progress: number
}

export interface RecognizeOptions {
  /** Read only this rectangle (image pixels); the words come back in the whole image's pixels. */
  region?: OcrRegion
  mode?: OcrMode
  /** Only these characters may be read, e.g. "0123456789.,%" for tick labels. */
  charWhitelist?: string
  /** Enlarge the image (or region) this many times before reading: small text reads better. */
  upscale?: number
  /** A white margin this many pixels wide (after enlarging) around the image: Tesseract reads
   * text that touches the image's edge less well. */
  pad?: number
  /** Turn the (enlarged) image to black and white at Otsu's threshold before reading: another
   * view of the same text, whose mistakes differ from those of the grey one. */
  binarize?: boolean
  /** Turn the (enlarged) image grey, its darkest channel, and stretch its levels so that its ink
   * is black and its background white: pale, grey or coloured text (R base's coloured numbers at
   * risk) reads as well as black, still anti-aliased (unlike `binarize`). */
  normalize?: boolean
  /** Let Tesseract read again, inverted, a line it is unsure of (light text on dark; its
   * default, on). Off, a figure's dark-on-light text reads the same at about a third less time. */
  invert?: boolean
  onProgress?: (p: OcrProgress) => void
}

/** Tesseract's page segmentation modes (tesseract/publictypes.h, PageSegMode). */
const PSM: Record<OcrMode, string> = { sparse: '11', line: '7', block: '6' }

/** The largest image this reads (pixels after upscaling), against a runaway upscale. */
const MAX_PIXELS = 40_000_000

/**
 * A path inside the packaged app's archive (…/app.asar/…) as the same file in the folder
 * electron-builder unpacks beside it (…/app.asar.unpacked/…, `asarUnpack` in
 * electron-builder.yml): a worker thread cannot start from a script inside the archive, and the
 * engine reads its WebAssembly and model with plain file reads. Other paths are returned as given.
 */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
}

/**
 * Where the engine's files are, on this disk: the worker script and WebAssembly core of
 * tesseract.js, and the folder of the English model. Resolved from this module, so it works from
 * the sources, the tests and the bundled CLI (where tesseract.js stays an external package).
 */
export function ocrPaths(): { workerPath: string; corePath: string; langPath: string } {
  const require = createRequire(import.meta.url)
  const folder = (pkg: string) => outsideAsar(dirname(require.resolve(`${pkg}/package.json`)))
  const tesseract = folder('tesseract.js')
  const core = folder('tesseract.js-core')
  const eng = folder('@tesseract.js-data/eng')
  return {
    workerPath: join(tesseract, 'src', 'worker-script', 'node', 'index.js'),
    corePath: core,
    langPath: join(eng, '4.0.0_best_int'),
  }
}

/**
 * The worker thread's module: tesseract.js's own Node worker script (`script`, a path), with the
 * choice of its WebAssembly core corrected. tesseract.js 7 hands the core loader
 * (worker-script/node/getCore.js) a boolean, "LSTM only", where that loader compares an engine
 * mode (constants/OEM.js), so in Node it always loaded the core that holds the legacy engine too:
 * 3.45 MB of WebAssembly compiled at every start instead of the LSTM-only core's 2.86 MB, about
 * 0.14 s more CPU per process. The loader is replaced in the worker's module cache before the
 * script requires it, by one that turns the boolean into the mode it means (a mode given as a
 * number passes unchanged, should a later tesseract.js pass one). The words read are the same:
 * the engine runs in LSTM-only mode either way. A data: URL (an ES module), because a worker
 * thread cannot start from a script inside the packaged app's archive, and this needs no file of
 * its own beside the bundled CLI.
 */
export function lstmCoreWorker(script: string): URL {
  const source = `import { createRequire } from 'node:module'
const require = createRequire(${JSON.stringify(script)})
const OEM = require('../../constants/OEM')
const loader = require.resolve('./getCore')
const getCore = require(loader)
require.cache[loader].exports = (mode, corePath, res) =>
  getCore(typeof mode === 'boolean' ? (mode ? OEM.LSTM_ONLY : OEM.TESSERACT_LSTM_COMBINED) : mode, corePath, res)
require(${JSON.stringify(script)})
`
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`)
}

/**
 * The options the worker is created with: local paths only, no cache written or read (the model
 * is read from the package each start), gzip'd model. A langPath that is a local path (not a URL)
 * makes tesseract.js read the file instead of fetching it. The worker script is tesseract.js's
 * own, started through `lstmCoreWorker` (tesseract.js in Node hands `workerPath` to `new Worker`
 * as it is, which takes a URL).
 */
export function ocrWorkerOptions(logger: (m: { status: string; progress: number }) => void) {
  const paths = ocrPaths()
  return {
    ...paths,
    workerPath: lstmCoreWorker(paths.workerPath),
    cacheMethod: 'none',
    gzip: true,
    legacyCore: false,
    legacyLang: false,
    logger,
    errorHandler: () => {},
  }
}

type TesseractWorker = Awaited<ReturnType<typeof import('tesseract.js').createWorker>>

/** One engine, started on first use, reading one image at a time. */
export interface Ocr {
  recognizeWords(image: RgbaImage | Buffer, opts?: RecognizeOptions): Promise<OcrWord[]>
  close(): Promise<void>
}

/**
 * An engine of its own (a long-lived owner such as the app's main process keeps one).
 * `oneFigure`: the engine will read one figure and stop (`kmpool read --image`, `kmpool axes`,
 * `kmpool risk`). V8 compiles the engine's WebAssembly quickly first (Liftoff), then the functions
 * that run often again, optimised, on background threads. One figure is read before that second
 * compile pays back: without it `kmpool read` took a fifth less CPU on 1400×1000 figures (3.5 →
 * 2.8 s on a NEJM-style figure), with the same words read; an engine that goes on to read more
 * figures reads each later one a third faster with it, so only a one-figure engine goes without.
 * The V8 flag is process-wide and touches only WebAssembly.
 */
export function openOcr(opts: { oneFigure?: boolean } = {}): Ocr {
  let worker: Promise<TesseractWorker> | null = null
  let queue: Promise<unknown> = Promise.resolve()
  let progress: ((p: OcrProgress) => void) | undefined
  /** The parameters the engine holds now (null: unknown). */
  let setFor: string | null = null
  const logger = (m: { status: string; progress: number }) =>
    progress?.({ status: m.status, progress: m.progress })

  async function start(): Promise<TesseractWorker> {
    if (opts.oneFigure) setFlagsFromString('--liftoff-only')
    const { createWorker, OEM } = await import('tesseract.js')
    const options = ocrWorkerOptions(logger)
    // Typed as a string by tesseract.js, handed to `new Worker` as it is (see lstmCoreWorker).
    return createWorker('eng', OEM.LSTM_ONLY, {
      ...options,
      workerPath: options.workerPath as unknown as string,
    })
  }

  async function run(image: RgbaImage | Buffer, opts: RecognizeOptions): Promise<OcrWord[]> {
    const prepared = prepare(image, opts)
    progress = opts.onProgress
    try {
      worker ??= start()
      const w = await worker
      const params = {
        tessedit_pageseg_mode: PSM[opts.mode ?? 'sparse'] as never,
        tessedit_char_whitelist: opts.charWhitelist ?? '',
        tessedit_do_invert: opts.invert === false ? '0' : '1',
        user_defined_dpi: '300',
        // Tesseract's own messages ("Image too small") would go to the terminal, between our output.
        debug_file: '/dev/null',
      }
      // Set only when they change (a figure's cells are read alike, one after another).
      const key = JSON.stringify(params)
      if (key !== setFor) {
        setFor = null
        await w.setParameters(params)
        setFor = key
      }
      const { data } = await w.recognize(prepared.file, {}, { blocks: true, text: false })
      const words: OcrWord[] = []
      for (const block of data.blocks ?? []) {
        for (const para of block.paragraphs) {
          for (const line of para.lines) {
            for (const word of line.words) {
              const text = word.text.trim()
              if (!text) continue
              const { x0, y0, x1, y1 } = word.bbox
              words.push({
                text,
                confidence: word.confidence,
                box: {
                  x0: prepared.x + x0 / prepared.sx,
                  y0: prepared.y + y0 / prepared.sy,
                  x1: prepared.x + x1 / prepared.sx,
                  y1: prepared.y + y1 / prepared.sy,
                },
              })
            }
          }
        }
      }
      return words
    } finally {
      progress = undefined
    }
  }

  return {
    recognizeWords(image, opts = {}) {
      // One image at a time: parameters are set per call on the one engine.
      const job = queue.then(() => run(image, opts))
      queue = job.catch(() => {})
      return job
    },
    async close() {
      const w = worker
      worker = null
      setFor = null
      await queue
      if (w) await (await w).terminate()
    },
  }
}

let shared: Ocr | null = null

/** Reads the words of an image (or of a region of it) with the process's shared engine. */
export function recognizeWords(
  image: RgbaImage | Buffer,
  opts?: RecognizeOptions,
): Promise<OcrWord[]> {
  shared ??= openOcr()
  return shared.recognizeWords(image, opts)
}

/** Stops the shared engine (its worker thread), so that a command can exit. */
export async function closeOcr(): Promise<void> {
  const s = shared
  shared = null
  if (s) await s.close()
}

/**
 * The image tesseract reads (the file as given, or else a PPM): the image, or its region,
 * enlarged `upscale` times (smoothly), and where it sits in the original so that boxes can be
 * mapped back.
 */
function prepare(
  image: RgbaImage | Buffer,
  opts: RecognizeOptions,
): { file: Buffer; x: number; y: number; sx: number; sy: number } {
  const scale = opts.upscale ?? 1
  if (!(Number.isFinite(scale) && scale > 0)) {
    throw new RangeError(`upscale must be a number above 0, got ${scale}`)
  }
  if (Buffer.isBuffer(image) && !opts.region && scale === 1 && !opts.pad && !opts.binarize)
    return { file: image, x: 0, y: 0, sx: 1, sy: 1 }
  const decoded = Buffer.isBuffer(image) ? toCanvasImage(image) : null
  const W = decoded ? decoded.width : (image as RgbaImage).width
  const H = decoded ? decoded.height : (image as RgbaImage).height
  const r = opts.region ?? { x: 0, y: 0, width: W, height: H }
  const x = Math.max(0, Math.floor(r.x))
  const y = Math.max(0, Math.floor(r.y))
  const w = Math.min(W, Math.ceil(r.x + r.width)) - x
  const h = Math.min(H, Math.ceil(r.y + r.height)) - y
  if (!(w > 0 && h > 0)) throw new RangeError('the region to read is outside the image')
  // Only the region's pixels are copied to a canvas: a whole figure's canvas per call cost more
  // than reading a small cell.
  const source = decoded ?? regionCanvas(image as RgbaImage, x, y, w, h)
  const sx0 = decoded ? x : 0
  const sy0 = decoded ? y : 0
  const cw = Math.max(1, Math.round(w * scale))
  const ch = Math.max(1, Math.round(h * scale))
  const pad = Math.max(0, Math.round(opts.pad ?? 0))
  if ((cw + 2 * pad) * (ch + 2 * pad) > MAX_PIXELS) {
    throw new RangeError('the region to read is too large once enlarged')
  }
  const canvas = createCanvas(cw + 2 * pad, ch + 2 * pad)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, cw + 2 * pad, ch + 2 * pad)
  ctx.imageSmoothingEnabled = true
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(source as never, sx0, sy0, w, h, pad, pad, cw, ch)
  const pixels = ctx.getImageData(0, 0, cw + 2 * pad, ch + 2 * pad)
  if (opts.binarize) binarize(pixels.data)
  else if (opts.normalize) stretchLevels(pixels.data)
  return {
    file: ppm(pixels.data, cw + 2 * pad, ch + 2 * pad),
    x: x - pad / (cw / w),
    y: y - pad / (ch / h),
    sx: cw / w,
    sy: ch / h,
  }
}

/**
 * Pixels (RGBA) to black and white in place, at the threshold that best separates the darkest
 * channel's histogram in two (Otsu 1979, "A threshold selection method from gray-level
 * histograms"): the darkest channel, so that coloured text turns black.
 */
function binarize(px: Uint8ClampedArray): void {
  const hist = new Float64Array(256)
  for (let i = 0; i < px.length; i += 4) hist[Math.min(px[i], px[i + 1], px[i + 2])]++
  const total = px.length / 4
  let sum = 0
  for (let t = 0; t < 256; t++) sum += t * hist[t]
  let below = 0
  let sumBelow = 0
  let best = -1
  let threshold = 127
  for (let t = 0; t < 256; t++) {
    below += hist[t]
    sumBelow += t * hist[t]
    const above = total - below
    if (below === 0 || above === 0) continue
    const between = below * above * (sumBelow / below - (sum - sumBelow) / above) ** 2
    if (between > best) {
      best = between
      threshold = t
    }
  }
  for (let i = 0; i < px.length; i += 4) {
    const v = Math.min(px[i], px[i + 1], px[i + 2]) <= threshold ? 0 : 255
    px[i] = v
    px[i + 1] = v
    px[i + 2] = v
    px[i + 3] = 255
  }
}

/**
 * Pixels (RGBA) to grey in place, the darkest channel (coloured text turns dark), with its levels
 * stretched: the 1st percentile (the ink's core) to black, the 90th (the background: a cell's
 * crop is mostly margin) to white, linearly between. Left grey but unstretched when the two are
 * under 40 levels apart (no text to stretch, only noise).
 */
export function stretchLevels(px: Uint8ClampedArray): void {
  const hist = new Uint32Array(256)
  for (let i = 0; i < px.length; i += 4) hist[Math.min(px[i], px[i + 1], px[i + 2])]++
  const total = px.length / 4
  const level = (share: number) => {
    let seen = 0
    for (let v = 0; v < 256; v++) {
      seen += hist[v]
      if (seen >= share * total) return v
    }
    return 255
  }
  const lo = level(0.01)
  const hi = level(0.9)
  const stretch = hi - lo >= 40
  for (let i = 0; i < px.length; i += 4) {
    const v = Math.min(px[i], px[i + 1], px[i + 2])
    const g = stretch ? Math.round((255 * (v - lo)) / (hi - lo)) : v
    px[i] = g
    px[i + 1] = g
    px[i + 2] = g
    px[i + 3] = 255
  }
}

/**
 * RGBA pixels (opaque: drawn over white) as a binary PPM (P6, Netpbm), which the engine's
 * Leptonica reads as it is: a PNG would be compressed here and inflated there, for nothing (a
 * strip under the plot, enlarged, took about 50 ms to compress). The pixels are the same, and so
 * are the words read.
 */
export function ppm(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
  const head = Buffer.from(`P6\n${width} ${height}\n255\n`, 'ascii')
  const out = Buffer.allocUnsafe(head.length + width * height * 3)
  head.copy(out, 0)
  let k = head.length
  for (let i = 0; i < width * height * 4; i += 4) {
    out[k++] = rgba[i]
    out[k++] = rgba[i + 1]
    out[k++] = rgba[i + 2]
  }
  return out
}

function toCanvasImage(image: Buffer) {
  const img = new Image()
  img.src = image
  if (!img.complete || img.width <= 0) throw new RangeError('not an image OCR can decode')
  return img
}

/** A canvas of the rectangle x, y, w, h of the image (inside it), row by row. */
function regionCanvas(image: RgbaImage, x: number, y: number, w: number, h: number) {
  const canvas = createCanvas(w, h)
  const ctx = canvas.getContext('2d')
  const data = ctx.createImageData(w, h)
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * image.width + x) * 4
    data.data.set(image.data.subarray(from, from + w * 4), row * w * 4)
  }
  ctx.putImageData(data, 0, 0)
  return canvas
}
