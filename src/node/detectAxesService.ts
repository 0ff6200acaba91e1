/**
 * The app's "Detect axes" (issue 14): the figure the page holds, decoded and calibrated as
 * `kmpool axes` does (src/shared/axes). The OCR engine (tesseract.js, recognition in its own
 * worker thread) is started on first use and kept for the next figure, then closed after a
 * minute without use, or by `close()` when the app quits; main's thread only decodes the image
 * and finds the tick marks.
 */
import { detectAxes, type AxesDetection } from '../shared/axes'
import { decodeImage } from './images'
import type { Ocr } from './ocr'

/** How long the engine (and its ~11 MB model) stays loaded after a reading. */
const IDLE_MS = 60_000

export interface AxesReader {
  detect(bytes: Buffer, name: string): Promise<AxesDetection>
  close(): Promise<void>
}

/** One reader per app: one OCR engine, reused while figures keep coming, closed when idle. */
export function createAxesReader(idleMs = IDLE_MS): AxesReader {
  let ocr: Ocr | null = null
  let idle: NodeJS.Timeout | null = null
  let running = 0

  const closeEngine = async () => {
    if (idle) clearTimeout(idle)
    idle = null
    const o = ocr
    ocr = null
    if (o) await o.close()
  }

  return {
    async detect(bytes, name) {
      const image = decodeImage(bytes, name)
      if (idle) clearTimeout(idle)
      idle = null
      running++
      try {
        // Imported on first use: tesseract.js is loaded only when a figure is read.
        ocr ??= (await import('./ocr')).openOcr()
        const engine = ocr
        return await detectAxes(image, (request) => engine.recognizeWords(image, request))
      } finally {
        running--
        if (running === 0) {
          idle = setTimeout(() => void closeEngine(), idleMs)
          idle.unref()
        }
      }
    },
    close: closeEngine,
  }
}
