/**
 * PDF.js as the PDF workers run it, outside the thread or process that asks: the worker thread of
 * the CLI and the tests (pdfWorker.ts) and the app's utility process (src/main/pdfProcess.ts).
 * It holds the open documents by number until they are closed. PDF.js runs without scripting,
 * without XFA and without eval, and decodes no image above `maxImagePixels` (see pdf.ts).
 */
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

export interface PdfEngineConfig {
  pdfjsUrl: string
  assets: { standardFonts: string; cMaps: string; wasm: string }
  maxImagePixels: number
}

/** PDF.js's module and the data files it reads (fonts of the standard 14, CMaps, decoders). */
export function pdfjsLocation(): Omit<PdfEngineConfig, 'maxImagePixels'> {
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

/** A request to the engine, as the callers in pdf.ts post it. */
export type PdfRequest = { type: string; doc: number; seq: number; [k: string]: unknown }

/** An error as it crosses to the caller: its name (PDF.js's exception class) and message. */
export function errorAnswer(e: unknown): { error: { name: string; message: string } } {
  const error = e as { name?: string; message?: string } | undefined
  return { error: { name: error?.name || 'Error', message: String(error?.message || e) } }
}

/* PDF.js's legacy build is loaded at run time from its file URL: its objects are untyped here. */
/* eslint-disable @typescript-eslint/no-explicit-any */
export function pdfEngine({ pdfjsUrl, assets, maxImagePixels }: PdfEngineConfig) {
  const docs = new Map<number, { doc: any; page: any; viewport: any }>()
  let pdfjs: any

  async function open({ doc: id, data, page: number, scale }: any) {
    pdfjs ??= await import(pdfjsUrl)
    const doc = await pdfjs.getDocument({
      data,
      // No scripting, no XFA, no eval: see src/node/pdf.ts.
      isEvalSupported: false,
      enableXfa: false,
      maxImageSize: maxImagePixels,
      canvasMaxAreaInBytes: maxImagePixels * 4,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
      standardFontDataUrl: assets.standardFonts,
      cMapUrl: assets.cMaps,
      cMapPacked: true,
      wasmUrl: assets.wasm,
    }).promise
    if (number > doc.numPages) {
      await doc.destroy()
      return { value: { pageCount: doc.numPages }, transfer: [] }
    }
    const page = await doc.getPage(number)
    const viewport = page.getViewport({ scale })
    docs.set(id, { doc, page, viewport })
    const { transform, width, height } = viewport
    return {
      value: { pageCount: doc.numPages, viewport: { transform, width, height } },
      transfer: [],
    }
  }

  async function paths({ doc: id, names }: any) {
    const { page } = docs.get(id)!
    const list = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE })
    const ops = Object.fromEntries((names as string[]).map((n) => [n, pdfjs.OPS[n]]))
    const wanted = new Set(Object.values(ops))
    const fnArray = Array.from(list.fnArray as number[])
    const argsArray = fnArray.map((fn, i) => (wanted.has(fn) ? list.argsArray[i] : null))
    return { value: { ops, fnArray, argsArray }, transfer: [] }
  }

  async function render({ doc: id, crop, png }: any) {
    const { doc, page, viewport } = docs.get(id)!
    const { canvas, context } = doc.canvasFactory.create(crop.width, crop.height)
    await page.render({
      canvas: null,
      canvasContext: context,
      viewport,
      annotationMode: pdfjs.AnnotationMode.DISABLE,
      transform: [1, 0, 0, 1, -crop.x, -crop.y],
    }).promise
    const pixels = context.getImageData(0, 0, crop.width, crop.height).data
    const out: { rgba: Uint8ClampedArray; png?: Uint8Array } = {
      rgba: new Uint8ClampedArray(pixels),
    }
    const transfer: ArrayBuffer[] = [out.rgba.buffer as ArrayBuffer]
    if (png) {
      out.png = new Uint8Array(canvas.toBuffer('image/png'))
      transfer.push(out.png.buffer as ArrayBuffer)
    }
    return { value: out, transfer }
  }

  const handlers: Record<
    string,
    (request: any) => Promise<{ value: unknown; transfer: ArrayBuffer[] }>
  > = {
    open,
    paths,
    render,
    // Loads PDF.js before the first document, so that a caller can tell the memory PDF.js itself
    // takes from what a document makes it take (src/node/pdf.ts watches the latter).
    load: async () => {
      pdfjs ??= await import(pdfjsUrl)
      return { value: true, transfer: [] }
    },
  }

  return {
    /** Answers a request: its value and the buffers that may be moved rather than copied. */
    handle: (request: PdfRequest) => handlers[request.type](request),
    /** Forgets a document. */
    async close(id: number) {
      const entry = docs.get(id)
      docs.delete(id)
      await entry?.doc.destroy()
    },
  }
}
