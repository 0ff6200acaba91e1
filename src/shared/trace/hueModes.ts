import { type Lab, deltaE, rgbToLab } from './color'
import type { Rgb } from './types'

/** Hue bins of the histogram, 10° each. */
const BINS = 36
/** Ink this far (ΔE in a*b*) from the background's chroma counts for its hue. */
const HUED = 12
/** A mode's colour: the mean of its inkiest pixels, this share of them. */
const INKIEST = 0.2
/** A mode takes the pixels of its bin and this many bins either side (±25°). */
const REACH = 2

/** A coloured ink's hue family: its colour (the mean of its inkiest pixels) and pixel count. */
export interface HueMode {
  color: Rgb
  lab: Lab
  count: number
  /** Which colours (by index) are of the family. */
  members: Uint8Array
}

/**
 * The hue families of a figure's coloured ink: the local maxima of a histogram of the hues of its
 * ink pixels (10° bins, smoothed 1-2-1, circular), about the background's chroma, with at least
 * `minPixels` pixels within 25° of them, each as the mean colour of the inkiest fifth of those.
 * Lightness and chroma leave the histogram: a thin line that JPEG greys and lightens spreads over
 * many CIELAB bins, none a peak (inkColorsOf), but keeps its hue, and two arms of hues 30° apart
 * (NEJM's red and orange) are two modes. `pixels[c]` counts the ink pixels of colour `c`
 * (`colors`, RGB triplets; `labs`, their CIELAB); `ink` is the least ΔE from the background that
 * is ink. Modes are returned commonest first; none when the figure has no coloured ink.
 */
export function hueModes(
  colors: Uint8Array,
  labs: readonly Lab[],
  pixels: Int32Array,
  background: Lab,
  ink: number,
  minPixels: number,
): HueMode[] {
  const binOf = new Int16Array(pixels.length).fill(-1)
  const hist = new Float64Array(BINS)
  for (let c = 0; c < pixels.length; c++) {
    if (pixels[c] === 0) continue
    const lab = labs[c]
    const a = lab[1] - background[1]
    const b = lab[2] - background[2]
    if (Math.hypot(a, b) < HUED || deltaE(lab, background) < ink) continue
    const turn = Math.atan2(b, a) / (2 * Math.PI)
    binOf[c] = Math.floor((turn - Math.floor(turn)) * BINS) % BINS
    hist[binOf[c]] += pixels[c]
  }
  const at = (i: number) => (i + BINS) % BINS
  const smooth = hist.map((_, i) => hist[at(i - 1)] + 2 * hist[i] + hist[at(i + 1)])
  const modes: HueMode[] = []
  for (let i = 0; i < BINS; i++) {
    const n = smooth[i]
    // A plateau's first bin is its mode (ties to the left are not maxima).
    if (n < smooth[at(i - 1)] || n <= smooth[at(i + 1)]) continue
    const family: { c: number; d: number }[] = []
    for (let c = 0; c < pixels.length; c++) {
      const bin = binOf[c]
      if (bin < 0) continue
      const apart = Math.min(at(bin - i), at(i - bin))
      if (apart <= REACH) family.push({ c, d: deltaE(labs[c], background) })
    }
    const total = family.reduce((s, f) => s + pixels[f.c], 0)
    if (total < minPixels) continue
    const members = new Uint8Array(pixels.length)
    for (const { c } of family) members[c] = 1
    family.sort((p, q) => q.d - p.d)
    let taken = 0
    const sum = [0, 0, 0]
    for (const { c } of family) {
      if (taken >= INKIEST * total) break
      taken += pixels[c]
      for (let k = 0; k < 3; k++) sum[k] += pixels[c] * colors[3 * c + k]
    }
    const color = sum.map((v) => v / taken) as unknown as Rgb
    modes.push({ color, lab: rgbToLab(...color), count: total, members })
  }
  return modes.sort((p, q) => q.count - p.count)
}
