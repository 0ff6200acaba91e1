/**
 * One word read by optical character recognition from a figure, in image pixels (y down), as the
 * OCR engine (tesseract.js, run by src/node/ocr.ts) reports it. Pure data: the axis and
 * risk-table readers in src/shared work from these, so they are tested without the engine.
 */
export interface OcrWord {
  text: string
  /** The engine's confidence in this word, 0–100. */
  confidence: number
  /** Bounding box in image pixels: left, top, right, bottom (exclusive). */
  box: { x0: number; y0: number; x1: number; y1: number }
}
