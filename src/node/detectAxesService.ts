/**
 * The app's "Detect axes" (issue 14): the figure the page holds, decoded and calibrated as
 * `kmpool axes` does (src/shared/axes), in the figure reader's worker thread
 * (figureReaderService.ts): main's thread neither decodes the image nor finds the tick marks, and
 * the OCR engine (tesseract.js, in its own worker thread) is kept for the next figure, then closed
 * after a minute without use, or by `close()` when the app quits.
 */
import type { AxesDetection } from '../shared/axes'
import { createFigureReader, type FigureReader } from './figureReaderService'

export interface AxesReader {
  detect(bytes: Buffer, name: string): Promise<AxesDetection>
  close(): Promise<void>
}

/** Detect axes through `reader` (the app's one), or a reader of its own. */
export function createAxesReader(reader: FigureReader = createFigureReader()): AxesReader {
  return {
    detect: (bytes, name) => reader.run('detectAxes', { bytes, name }),
    close: () => reader.close(),
  }
}
