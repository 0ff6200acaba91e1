import { TraceError } from './traceError'
import type { Rgb } from './types'

/** A colour in CIELAB (D65 white): L* 0–100, a* and b* roughly −128…127. */
export type Lab = readonly [number, number, number]

/**
 * A pale shade of a coloured ink keeps at least this share of its chroma along its hue (hueShare):
 * a blend with a white background as pale as ink goes (ΔE 20 from it) keeps about 0.4; a grey
 * keeps none.
 */
export const HUE_KEPT = 0.25

/** Hues within 2·asin(SAME_HUE) = 30° of each other are one (sameHue). */
const SAME_HUE = Math.sin(Math.PI / 12)

/**
 * Whether two colours' hues, taken about `from` (the background's chroma; the neutral axis by
 * default), lie within 30° of each other. A line's JPEG halo keeps its hue; the red and orange, or
 * the blue and red, of two arms do not (NEJM's red #BC3C29 and orange #E18727 read 31° apart
 * once JPEG has greyed them, dev seed 6338).
 */
export function sameHue(a: Lab, b: Lab, from: Lab = [0, 0, 0]): boolean {
  const hue = (c: Lab) => Math.atan2(c[2] - from[2], c[1] - from[1])
  return Math.abs(Math.sin((hue(a) - hue(b)) / 2)) < SAME_HUE
}

/**
 * The share of colour p's chroma that colour m keeps along p's hue: the projection of m's a*b*
 * onto p's, over p's chroma squared, both measured from `from` (the neutral axis by default).
 * 1 for p itself, about the blend weight for a blend of p with a neutral background, 0 for a grey
 * or a hue at right angles, negative for the opposite hue; NaN when p has no chroma.
 */
export function hueShare(m: Lab, p: Lab, from: Lab = [0, 0, 0]): number {
  const p1 = p[1] - from[1]
  const p2 = p[2] - from[2]
  return ((m[1] - from[1]) * p1 + (m[2] - from[2]) * p2) / (p1 * p1 + p2 * p2)
}

const LINEAR = new Float64Array(256)
for (let i = 0; i < 256; i++) {
  const c = i / 255
  LINEAR[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/**
 * Steps per channel unit of FINE, the transfer function's power segment tabulated for fractional
 * channels (a blend of two colours): finding a figure's curves judges tens of thousands of
 * colours as blends of each candidate (coverage.ts: blendTable), and the power is most of that
 * time. Cubic interpolation in it is within 1.2e-12 of the exact value (under 1e-8 ΔE in
 * CIELAB: test/trace/color.test.ts),
 * some ten thousand times below what a float32 coverage table keeps.
 */
const FINE_STEPS = 16
const FINE_LAST = 255 * FINE_STEPS
/** FINE[j] is the power segment at channel (j − 1) / FINE_STEPS, from one step below 0 to two above 255. */
const FINE = new Float64Array(FINE_LAST + 3)
for (let j = 0; j < FINE.length; j++) {
  FINE[j] = (((j - 1) / FINE_STEPS / 255 + 0.055) / 1.055) ** 2.4
}

const labF = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116)

/**
 * A channel (0–255, fractions allowed) linearised: by the table when whole, else by cubic
 * (Catmull–Rom) interpolation in FINE on the power segment and exactly on the linear one.
 */
function lin(v: number): number {
  if (Number.isInteger(v) && v >= 0 && v <= 255) return LINEAR[v]
  const c = Math.min(1, Math.max(0, v / 255))
  if (c <= 0.04045) return c / 12.92
  const u = c * FINE_LAST
  const j = Math.min(Math.floor(u), FINE_LAST - 1)
  const t = u - j
  const p0 = FINE[j]
  const p1 = FINE[j + 1]
  const p2 = FINE[j + 2]
  const p3 = FINE[j + 3]
  return (
    p1 +
    t *
      (0.5 * (p2 - p0) +
        t * (p0 - 2.5 * p1 + 2 * p2 - 0.5 * p3 + t * (1.5 * (p1 - p2) + 0.5 * (p3 - p0))))
  )
}

/**
 * Luma (Rec. 601) of an sRGB colour, 0–255 per channel: the lightness JPEG keeps at full
 * resolution, by which the tracer weighs how much ink a pixel holds.
 */
export const luma = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b

/**
 * sRGB (0–255 per channel, fractions allowed) to CIELAB under D65, by the IEC 61966-2-1 transfer
 * function and the CIE 1976 formulas. Fractional channels (a blend of two colours) are linearised
 * through a fine table (lin), whole ones through LINEAR.
 */
export function rgbToLab(r: number, g: number, b: number): Lab {
  const R = lin(r)
  const G = lin(g)
  const B = lin(b)
  const fx = labF((0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047)
  const fy = labF(0.2126729 * R + 0.7151522 * G + 0.072175 * B)
  const fz = labF((0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883)
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)]
}

/** CIE 1976 colour difference ΔE*ab: about 2.3 is just noticeable, 10+ is clearly different. */
export const JUST_NOTICEABLE = 2.3

/** CIE 1976 colour difference ΔE*ab (over JUST_NOTICEABLE: a different colour). */
export function deltaE(p: Lab, q: Lab): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])
}

/** Whether two colours cannot be told apart (ΔE*ab no more than JUST_NOTICEABLE). */
export function sameColor(a: Rgb, b: Rgb): boolean {
  return deltaE(rgbToLab(...a), rgbToLab(...b)) <= JUST_NOTICEABLE
}

/**
 * Reads a colour as CSS writes it: `#rgb`, `#rrggbb` or `rgb(r, g, b)`. Throws a TraceError that
 * quotes the text otherwise.
 */
export function parseColor(text: string): Rgb {
  const s = text.trim().toLowerCase()
  let m = /^#?([0-9a-f]{6})$/.exec(s)
  if (m) {
    const v = parseInt(m[1], 16)
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255]
  }
  m = /^#?([0-9a-f]{3})$/.exec(s)
  if (m) return [0, 1, 2].map((i) => parseInt(m![1][i] + m![1][i], 16)) as unknown as Rgb
  m = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(s)
  if (m && [m[1], m[2], m[3]].every((c) => Number(c) <= 255)) {
    return [Number(m[1]), Number(m[2]), Number(m[3])]
  }
  throw new TraceError(`"${text}" is not a colour; write it as #rrggbb, e.g. #1f77b4`)
}

/** `#rrggbb` of a colour, channels rounded. */
export function formatColor(c: Rgb): string {
  return `#${c
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}
