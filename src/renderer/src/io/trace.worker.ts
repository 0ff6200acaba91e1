/**
 * Tracing off the interface thread: a 4000×3000 scan takes the better part of a second to trace,
 * and the window must stay responsive meanwhile. Holds the pixels of the last figure sent.
 */
import {
  TraceError,
  findCurves,
  sameColor,
  traceEachCurve,
  type RgbaImage,
  type TraceOptions,
} from '../../../shared/trace'
import { findInset } from '../../../shared/trace/findInset'
import { insetStroke, maskTouches } from '../../../shared/trace/insetMask'
import { masksAnything, rasterizeMask } from '../geometry/mask'
import type { TraceRequest, TraceResponse } from './traceProtocol'

let held: { sha256: string; image: RgbaImage } | null = null

function pixels(bitmap: ImageBitmap): RgbaImage {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new Error('this window cannot read the figure’s pixels')
  ctx.drawImage(bitmap, 0, 0)
  bitmap.close()
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height)
  return { data, width, height }
}

/**
 * The requested curve, traced together with the study's other curves' colours as `kmpool trace`
 * traces them, so that it is warned of where it follows one of their lines (a grey arm along a
 * slate one); an other colour that cannot be traced is left out of that check, not reported.
 */
function traceOne(image: RgbaImage, req: TraceRequest, options: TraceOptions) {
  const color = req.color!
  // A curve of the same colour would be traced along the same line: no check, and no colour the
  // tracer could keep apart from this one (it ignores such a colour as another curve's).
  const others = req.otherColors.filter((c) => !sameColor(c, color))
  const [curve] = traceEachCurve(image, req.calibration, [color, ...others], options)
  if (curve instanceof TraceError) throw curve
  return { curves: [curve], warnings: [] }
}

function handle(req: TraceRequest): TraceResponse {
  const start = performance.now()
  if (req.bitmap) held = { sha256: req.sha256, image: pixels(req.bitmap) }
  if (!held || held.sha256 !== req.sha256) throw new Error('the tracer was not given this figure')
  const { image } = held
  // Suggesting leaves a zoomed inset out (its curves are the arms' ink) unless the user's mask
  // already covers or uncovers that part; the view paints it into the study's mask.
  const found = req.kind === 'suggest' ? findInset(image, req.calibration) : null
  const inset = found && !maskTouches(req.mask, found) ? found : undefined
  const strokes = inset ? [...req.mask, insetStroke(inset)] : req.mask
  const mask = masksAnything(strokes)
    ? rasterizeMask(strokes, image.width, image.height)
    : undefined
  const options = { tolerance: req.tolerance, mask }
  // Each curve carries its status (whole, inferred or gaps, with the stretches); suggesting also
  // reports the inks that look like curves but could not be traced.
  const { curves, warnings } =
    req.kind === 'suggest'
      ? findCurves(image, req.calibration, options)
      : traceOne(image, req, options)
  return {
    id: req.id,
    ok: true,
    curves,
    warnings,
    ms: performance.now() - start,
    ...(inset ? { inset } : {}),
  }
}

self.onmessage = (e: MessageEvent<TraceRequest>) => {
  let response: TraceResponse
  try {
    response = handle(e.data)
  } catch (error) {
    // A TraceError says what to fix; anything else is a fault worth naming as such.
    const text = error instanceof Error ? error.message : String(error)
    response = {
      id: e.data.id,
      ok: false,
      error: error instanceof TraceError ? text : `tracing failed: ${text}`,
    }
  }
  self.postMessage(response)
}
