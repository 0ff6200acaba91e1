import { type Lab, rgbToLab } from './color'
import type { PixelRect, Rgb, RgbaImage } from './types'

/** How far (largest channel difference, 0–255) a pixel may stray from the background and still be background. */
const BACKGROUND_NOISE = 10

/**
 * Per-pixel coverage of one curve colour over the area: `cover[i]` in [0, 1] is the estimated
 * fraction of pixel i covered by a line of that colour (0 for pixels that are not the curve's),
 * `other[i]` is 1 for pixels that are clearly another listed curve's. Indexing is
 * (y − area.y0) · width + (x − area.x0).
 */
export interface CoverageMap {
  area: PixelRect
  width: number
  height: number
  cover: Float32Array
  other: Uint8Array
}

interface Blend {
  /** Coverage, clamped to [0, 1], and as computed (above 1: the pixel is darker than the colour). */
  alpha: number
  raw: number
  residual: number
}

/** Below this luma difference from the background (0–255), a colour's coverage is read from all three channels. */
const MIN_LUMA_CONTRAST = 60
/** JPEG's chroma subsampling can halve the chroma of a thin line; no less than this is accepted. */
const MIN_CHROMA_KEPT = 0.4
/**
 * A pixel this many times as inked as this colour can be is a darker sibling's. JPEG halos reach
 * less; a thin line of the sibling (1 px of black beside grey) spreads its ink over two rows and
 * puts 0.6–0.75 of it in one of them, which reads as 1.2–1.5 times a grey pixel, and must not
 * pass for this colour's fully inked pixel.
 */
const DARKER = 1.3

const luma = (c: Rgb) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]

/**
 * A pixel as a blend of a line colour over the background, which is how anti-aliasing draws a
 * partly covered pixel. The blend weight comes from luma (Rec. 601, the channel JPEG keeps at full
 * resolution), or for a colour of nearly the background's luma from the projection of
 * (pixel − background) on (colour − background) in sRGB. The residual is a CIELAB ΔE*76 between
 * the pixel and that blend in which the blend's chroma (relative to the background's) may shrink
 * to MIN_CHROMA_KEPT of itself: JPEG averages chroma over 2×2 pixels, which desaturates a thin
 * line but keeps its hue and lightness.
 */
export function blendOf(p: Rgb, pLab: Lab, c: Rgb, bg: Rgb, bgLab: Lab): Blend {
  const dr = c[0] - bg[0]
  const dg = c[1] - bg[1]
  const db = c[2] - bg[2]
  const dl = luma(bg) - luma(c)
  let raw: number
  if (Math.abs(dl) >= MIN_LUMA_CONTRAST) raw = (luma(bg) - luma(p)) / dl
  else {
    const norm = dr * dr + dg * dg + db * db
    raw = norm > 0 ? ((p[0] - bg[0]) * dr + (p[1] - bg[1]) * dg + (p[2] - bg[2]) * db) / norm : 0
  }
  const alpha = Math.min(1, Math.max(0, raw))
  const q = rgbToLab(bg[0] + alpha * dr, bg[1] + alpha * dg, bg[2] + alpha * db)
  const qa = q[1] - bgLab[1]
  const qb = q[2] - bgLab[2]
  const pa = pLab[1] - bgLab[1]
  const pb = pLab[2] - bgLab[2]
  const qn = qa * qa + qb * qb
  const kept = qn > 0 ? Math.min(1, Math.max(MIN_CHROMA_KEPT, (pa * qa + pb * qb) / qn)) : 1
  const residual = Math.hypot(pLab[0] - q[0], pa - kept * qa, pb - kept * qb)
  return { alpha, raw, residual }
}

/**
 * How another curve's colour relates to this one: `lighter` when it is this colour blended
 * with the background (grey beside black), `darker` when this one is a blend of it, otherwise
 * `distinct`. Pixels cannot tell siblings apart (a half-covered black pixel is grey); only the
 * amount of ink in a run can, which columnRuns' caller weighs.
 */
export function relation(
  color: Rgb,
  other: Rgb,
  bg: Rgb,
  tolerance: number,
): { kind: 'lighter' | 'darker' | 'distinct'; strength: number } {
  const bgLab = rgbToLab(...bg)
  const asBlend = blendOf(other, rgbToLab(...other), color, bg, bgLab)
  if (asBlend.residual <= tolerance / 2 && asBlend.raw > 0.1 && asBlend.raw < 0.85) {
    return { kind: 'lighter', strength: asBlend.raw }
  }
  const inverse = blendOf(color, rgbToLab(...color), other, bg, bgLab)
  if (inverse.residual <= tolerance / 2 && inverse.raw > 0.1 && inverse.raw < 0.85) {
    return { kind: 'darker', strength: inverse.raw }
  }
  return { kind: 'distinct', strength: 1 }
}

/**
 * Which pixels of the area belong to the curve of colour `color`, and how much of each its line
 * covers. A pixel belongs when it lies within `tolerance` (ΔE*76) of some blend of the colour with
 * the background: this accepts the anti-aliased edges of the line, whose colours run from the
 * line's to the background's, which a plain distance to the colour (WebPlotDigitizer's RGB
 * distance) either drops or, with a tolerance wide enough to keep them, confuses with other
 * colours. A pixel that a curve of another hue among `others` explains better is left to it
 * (and marked as that curve's when it is its near full strength); a pixel darker than this colour
 * can be, of a darker sibling's ink (black beside grey), is marked as the sibling's. A lighter
 * sibling's pixels cannot be told from this colour's anti-aliased ones (a half-covered black pixel
 * is grey): siblingRuns.ts weighs whole runs instead. Masked pixels are 0.
 * Results are cached per distinct colour, so a figure costs one colour conversion per colour.
 */
export function coverageMap(
  image: RgbaImage,
  area: PixelRect,
  color: Rgb,
  background: Rgb,
  tolerance: number,
  others: readonly Rgb[],
  mask?: Uint8Array,
): CoverageMap {
  const width = area.x1 - area.x0
  const height = area.y1 - area.y0
  const cover = new Float32Array(width * height)
  const other = new Uint8Array(width * height)
  const cache = new Map<number, number>()
  const { data } = image
  const [br, bgg, bb] = background
  const bgLab = rgbToLab(...background)
  const kinds = others.map((o) => ({ color: o, ...relation(color, o, background, tolerance) }))
  // Coverage of this curve, or −1 for a pixel that is clearly another curve's.
  const classify = (p: Rgb): number => {
    const lab = rgbToLab(...p)
    const own = blendOf(p, lab, color, background, bgLab)
    const code = own.residual <= tolerance ? own.alpha : 0
    for (const o of kinds) {
      if (o.kind === 'lighter') continue
      const theirs = blendOf(p, lab, o.color, background, bgLab)
      if (o.kind === 'darker') {
        // Darker than this colour can be: the other curve's ink.
        if (own.raw > DARKER && theirs.residual <= tolerance) return -1
        continue
      }
      if (theirs.residual < own.residual && theirs.alpha >= 0.25) {
        return theirs.alpha >= 0.7 && theirs.residual <= tolerance ? -1 : 0
      }
    }
    return code
  }
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) {
      const k = y * image.width + x
      if (mask && mask[k]) continue
      const o = k * 4
      const r = data[o]
      const g = data[o + 1]
      const b = data[o + 2]
      if (
        Math.abs(r - br) <= BACKGROUND_NOISE &&
        Math.abs(g - bgg) <= BACKGROUND_NOISE &&
        Math.abs(b - bb) <= BACKGROUND_NOISE
      ) {
        continue
      }
      const key = (r << 16) | (g << 8) | b
      let code = cache.get(key)
      if (code === undefined) {
        code = classify([r, g, b])
        cache.set(key, code)
      }
      const i = (y - area.y0) * width + (x - area.x0)
      if (code < 0) other[i] = 1
      else cover[i] = code
    }
  }
  return { area, width, height, cover, other }
}

/**
 * The plot's background: the commonest colour of the area (quantised to 32 levels per channel,
 * then averaged over its pixels), white in nearly every published figure but not in all.
 */
export function backgroundColor(image: RgbaImage, area: PixelRect): Rgb {
  const counts = new Map<number, { n: number; r: number; g: number; b: number }>()
  const step = Math.max(
    1,
    Math.floor(Math.sqrt(((area.x1 - area.x0) * (area.y1 - area.y0)) / 40000)),
  )
  for (let y = area.y0; y < area.y1; y += step) {
    for (let x = area.x0; x < area.x1; x += step) {
      const o = (y * image.width + x) * 4
      const r = image.data[o]
      const g = image.data[o + 1]
      const b = image.data[o + 2]
      const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)
      const c = counts.get(key)
      if (c) {
        c.n++
        c.r += r
        c.g += g
        c.b += b
      } else counts.set(key, { n: 1, r, g, b })
    }
  }
  let best = { n: 0, r: 255, g: 255, b: 255 }
  for (const c of counts.values()) if (c.n > best.n) best = c
  return best.n > 0 ? [best.r / best.n, best.g / best.n, best.b / best.n] : [255, 255, 255]
}
