/** Messages between the study view and its tracing worker (trace.worker.ts). */
import type { MaskStroke } from '../../../shared/model/study'
import type { Calibration, Rgb, TraceWarning, TracedCurve } from '../../../shared/trace'
import type { InsetRect } from '../../../shared/trace/findInset'

export interface TraceRequest {
  id: number
  /** Trace one colour, or find the figure's curves with no colour given. */
  kind: 'trace' | 'suggest'
  /** The figure's hash: the worker keeps the pixels of the last figure it was sent. */
  sha256: string
  /** The full-size figure, sent (transferred) only when the worker does not hold it yet. */
  bitmap?: ImageBitmap
  calibration: Calibration
  color?: Rgb
  otherColors: Rgb[]
  tolerance: number
  mask: MaskStroke[]
}

export type TraceResponse =
  | {
      id: number
      ok: true
      curves: TracedCurve[]
      warnings: TraceWarning[]
      ms: number
      /** Suggesting: a zoomed inset found and left out, where the mask did not reach yet. */
      inset?: InsetRect
    }
  | { id: number; ok: false; error: string }
