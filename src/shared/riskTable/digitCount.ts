/**
 * How many digits a number printed in a risk table has, from the width of its ink. The digits of
 * the fonts tables are set in (Arial, Helvetica, DejaVu, Liberation, Times) all have the same
 * advance ("tabular figures"), so a number of n digits is about (n − 1) advances plus one digit's
 * ink wide, whatever its digits. The advance and that last term are fitted to the numbers of the
 * same table read for sure; a number whose width falls clearly on one count tells which of two
 * readings that disagree ("717" and "77", "12" and "112") dropped or added a digit.
 */

/** Ink width ≈ (digits − 1) · pitch + base, in pixels. */
export interface DigitPitch {
  pitch: number
  base: number
}

/** A number read for sure: its digit count and the width of its ink (pixels). */
export interface DigitSample {
  digits: number
  width: number
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * The pitch, the median over every pair of samples of different digit counts of their widths'
 * difference per digit (Theil–Sen's slope, robust to a few bad spans), and the base, the median of
 * what is left. Null unless there are at least four samples of two counts or more, the fit leaves
 * all but a sixth of the samples within 0.3 of a pitch (or 1.5 px: widths are whole pixels), and
 * the base is wider than a fifth of a pitch and narrower than `maxBase` pitches (a digit's ink is
 * narrower than its advance, 1.2; parentheses and a space add two to three advances).
 */
export function fitDigitPitch(samples: readonly DigitSample[], maxBase = 1.2): DigitPitch | null {
  if (samples.length < 4 || new Set(samples.map((s) => s.digits)).size < 2) return null
  const slopes: number[] = []
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const dn = samples[j].digits - samples[i].digits
      if (dn !== 0) slopes.push((samples[j].width - samples[i].width) / dn)
    }
  }
  const pitch = median(slopes)
  if (!(pitch > 0)) return null
  const base = median(samples.map((s) => s.width - (s.digits - 1) * pitch))
  if (!(base > 0.2 * pitch && base < maxBase * pitch)) return null
  const tolerance = Math.max(0.3 * pitch, 1.5)
  const off = samples.filter((s) => Math.abs(s.width - (s.digits - 1) * pitch - base) > tolerance)
  return off.length <= samples.length / 6 ? { pitch, base } : null
}

/**
 * The digit count of a number `width` pixels wide, when the width is within 0.3 of a pitch of a
 * whole count (a digit's own ink varies about ±0.2 pitch: "1" is narrow, "0" wide); null when it
 * falls between two counts.
 */
export function digitsFromWidth(fit: DigitPitch, width: number): number | null {
  const n = (width - fit.base) / fit.pitch + 1
  const k = Math.round(n)
  return k >= 1 && Math.abs(n - k) <= 0.3 ? k : null
}
