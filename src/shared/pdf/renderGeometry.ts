import { type Matrix, compose } from './matrix'
import { PdfError } from './pdfError'

/** A rectangle of whole pixels of the rendered page: its top-left corner and its size. */
export interface PixelCrop {
  x: number
  y: number
  width: number
  height: number
}

/** PDF.js's `page.getViewport({ scale })`: page space to rendered pixels, and the page's size. */
export interface ViewportLike {
  transform: ArrayLike<number>
  width: number
  height: number
}

/** Where a page's content lands in the image made of it. */
export interface RenderGeometry {
  /** Page space (PDF points, y up) to the image's pixels (top-left origin, y down). */
  toPixel: Matrix
  /** The image's size in pixels. */
  width: number
  height: number
  /** The part of the whole rendered page that the image shows. */
  crop: PixelCrop
  /** The whole rendered page's size in pixels. */
  pageWidth: number
  pageHeight: number
}

/** Renders larger than this many pixels (a 250 MB RGBA buffer) are refused. */
export const MAX_PIXELS = 64e6

/**
 * The geometry of an image rendered from a page at a viewport, optionally cut to a crop. The whole
 * page covers ⌈width⌉ × ⌈height⌉ pixels (a fractional last column or row is rendered partly
 * blank, so that no content is lost); a crop must be whole pixels inside it. Pixel coordinates
 * follow the image convention of the calibration: the image's top-left corner is (0, 0) and pixel
 * (i, j) covers [i, i + 1) × [j, j + 1). Throws a PdfError for a crop outside the page or an image
 * above MAX_PIXELS.
 */
export function renderGeometry(viewport: ViewportLike, crop?: PixelCrop): RenderGeometry {
  const t = Array.from(viewport.transform)
  if (t.length !== 6 || !t.every(Number.isFinite)) {
    throw new PdfError('the page viewport has no valid transform')
  }
  // A viewport's size is a float product (595.28 pt × 2); shave rounding noise before the ceiling.
  const pageWidth = Math.ceil(viewport.width - 1e-6)
  const pageHeight = Math.ceil(viewport.height - 1e-6)
  if (!(pageWidth > 0 && pageHeight > 0)) {
    throw new PdfError(`the page renders to ${pageWidth}×${pageHeight} pixels; raise the scale`)
  }
  const area = crop ?? { x: 0, y: 0, width: pageWidth, height: pageHeight }
  const { x, y, width, height } = area
  if (![x, y, width, height].every(Number.isInteger) || width < 1 || height < 1) {
    throw new PdfError(
      `crop ${x},${y},${width},${height} must be whole pixels x,y,w,h with w, h ≥ 1`,
    )
  }
  if (x < 0 || y < 0 || x + width > pageWidth || y + height > pageHeight) {
    throw new PdfError(
      `crop ${x},${y},${width},${height} reaches outside the ${pageWidth}×${pageHeight} pixel page`,
    )
  }
  if (width * height > MAX_PIXELS) {
    throw new PdfError(
      `the image would be ${width}×${height} pixels, more than ${MAX_PIXELS / 1e6} million; lower the scale or crop`,
    )
  }
  return {
    toPixel: compose(t as unknown as Matrix, [1, 0, 0, 1, -x, -y]),
    width,
    height,
    crop: { ...area },
    pageWidth,
    pageHeight,
  }
}
