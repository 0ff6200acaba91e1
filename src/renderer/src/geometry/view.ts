/**
 * The canvas view: screen = image · scale + offset. Screen coordinates are CSS pixels from the
 * canvas's top-left corner; image coordinates are the figure's pixels, (0, 0) its top-left corner.
 */
export interface View {
  scale: number
  x: number
  y: number
}

export interface Point {
  x: number
  y: number
}

export interface Size {
  width: number
  height: number
}

const MIN_SCALE = 0.02
const MAX_SCALE = 64

function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))
}

export function screenToImage(view: View, p: Point): Point {
  return { x: (p.x - view.x) / view.scale, y: (p.y - view.y) / view.scale }
}

export function imageToScreen(view: View, p: Point): Point {
  return { x: p.x * view.scale + view.x, y: p.y * view.scale + view.y }
}

/** The view at `scale` (clamped), the image point under `anchor` staying under it. */
function zoomTo(view: View, anchor: Point, scale: number): View {
  const s = clampScale(scale)
  const k = s / view.scale
  return { scale: s, x: anchor.x - (anchor.x - view.x) * k, y: anchor.y - (anchor.y - view.y) * k }
}

/** The view scaled by `factor` about `anchor`. */
export function zoomAbout(view: View, anchor: Point, factor: number): View {
  return zoomTo(view, anchor, view.scale * factor)
}

/** The wheel's zoom factor: one notch (100 pixels of delta) zooms by 20%. */
export function wheelFactor(deltaY: number): number {
  return Math.pow(1.2, -deltaY / 100)
}

/** The whole image centred in the viewport, as large as fits with `margin` pixels around it. */
/**
 * The view after the window resized from `before` to `after`: refitted when the figure was fitted
 * to the old size (the reviewer had not zoomed or panned since), else left where the reviewer put
 * it.
 */
export function viewAfterResize(view: View, image: Size | null, before: Size, after: Size): View {
  if (!image || before.width <= 0 || before.height <= 0) return view
  const fit = fitView(image, before)
  const fitted =
    Math.abs(view.scale - fit.scale) <= 1e-6 * fit.scale &&
    Math.abs(view.x - fit.x) < 0.5 &&
    Math.abs(view.y - fit.y) < 0.5
  return fitted ? fitView(image, after) : view
}

export function fitView(image: Size, viewport: Size, margin = 16): View {
  const scale = clampScale(
    Math.min(
      (viewport.width - 2 * margin) / image.width,
      (viewport.height - 2 * margin) / image.height,
    ),
  )
  return {
    scale,
    x: (viewport.width - image.width * scale) / 2,
    y: (viewport.height - image.height * scale) / 2,
  }
}

/** The image at 100% (one image pixel per CSS pixel), keeping the viewport's centre in place. */
export function actualSizeView(view: View, viewport: Size): View {
  return zoomTo(view, { x: viewport.width / 2, y: viewport.height / 2 }, 1)
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy }
}

/** The view moved so that image point `p` is at the viewport's centre. */
export function centreOn(view: View, p: Point, viewport: Size): View {
  return {
    ...view,
    x: viewport.width / 2 - p.x * view.scale,
    y: viewport.height / 2 - p.y * view.scale,
  }
}

/** Whether image point `p` shows inside the viewport, `margin` screen pixels in from its edges. */
export function isVisible(view: View, p: Point, viewport: Size, margin = 24): boolean {
  const s = imageToScreen(view, p)
  return (
    s.x >= margin &&
    s.y >= margin &&
    s.x <= viewport.width - margin &&
    s.y <= viewport.height - margin
  )
}
