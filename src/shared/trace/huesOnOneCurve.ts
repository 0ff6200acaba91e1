import { type Lab, deltaE, sameHue } from './color'
import type { HueMode } from './hueModes'

/**
 * Hue families (hueModes.ts) of one curve's hue whose colours lie at least this far apart in hue
 * (degrees, about the background's chroma) are two inks: two local maxima of hueModes' 10° bins
 * lie at least 20° apart, and a line's JPEG shades keep its hue.
 */
const HUES_APART = 20
/**
 * Only families whose inkiest colour is at least this share of the inkiest family's distance
 * (ΔE) from the background count: a line's own ink, not the pale tint of a band about it
 * (survminer's green line and its band over another arm's blue band read as a green and a pale
 * teal family 22–29° apart: development seeds 7147, 7195, 7471).
 */
const DARK_SHARE = 0.75

/** A curve offered, with the hue families of its ink that lie wide apart in hue. */
export interface HuesOnOneCurve {
  /** Index of the curve among those given. */
  curve: number
  /** The two families farthest apart in hue. */
  families: [HueMode, HueMode]
}

/**
 * Coloured curves each of whose hue holds two families of ink wide apart (HUES_APART, of the
 * line's darkness: DARK_SHARE) that no other curve's hue holds: two arms of neighbouring hues
 * (NEJM's red #BC3C29 and orange #E18727, greyed by JPEG) taken for one ink, traced as one curve
 * of a hue between them that follows one arm, while the other is lost without a candidate of its
 * own (development seed 7208, NEJM at JPEG quality 0.50: a #a9877b curve along the orange arm,
 * families at 30°, 47° and 60°). `colors` are the curves' CIELAB colours, null for a neutral
 * one; `background` the background's. Measured on development seeds 3000–3119 forced NEJM,
 * 6000–6239 and 7000–7479 (Suggest curves, 2026-12-08): it finds 7208 and no figure whose arms
 * were all offered; with HUES_APART alone, without DARK_SHARE, it also named 7147, 7195 and 7471.
 */
export function huesOnOneCurve(
  colors: readonly (Lab | null)[],
  families: readonly HueMode[],
  background: Lab,
): HuesOnOneCurve[] {
  const hue = (l: Lab) => (Math.atan2(l[2] - background[2], l[1] - background[1]) * 180) / Math.PI
  const apart = (a: Lab, b: Lab) => {
    const d = Math.abs(hue(a) - hue(b)) % 360
    return Math.min(d, 360 - d)
  }
  const out: HuesOnOneCurve[] = []
  colors.forEach((color, i) => {
    if (!color) return
    const own = families.filter(
      (f) =>
        sameHue(color, f.lab, background) &&
        !colors.some((o, j) => j !== i && o !== null && sameHue(o, f.lab, background)),
    )
    const darkest = Math.max(0, ...own.map((f) => deltaE(f.lab, background)))
    const dark = own.filter((f) => deltaE(f.lab, background) >= DARK_SHARE * darkest)
    let best: [HueMode, HueMode] | null = null
    let widest = HUES_APART
    for (let a = 0; a < dark.length; a++) {
      for (let b = a + 1; b < dark.length; b++) {
        const d = apart(dark[a].lab, dark[b].lab)
        if (d >= widest) {
          widest = d
          best = [dark[a], dark[b]]
        }
      }
    }
    if (best) out.push({ curve: i, families: best })
  })
  return out
}
