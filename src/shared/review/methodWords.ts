/**
 * Method codes and engine notes in words a reviewer reads (issue 13: "ci-lower-half-log",
 * "range-hozo-2005", "(see studies[].reason)", "16 negative eigenvalue(s)" reached the tables and
 * the CSV files). The codes stay as they are in the JSON results, where programs read them; the
 * tables on screen and the CSV files show these words.
 */

const SCALE: Record<string, string> = { log: 'log scale', raw: 'raw scale', identity: 'raw scale' }

/** Replacements in order, each a code as the engine writes it and its words. */
const METHOD_WORDS: [RegExp, string | ((...m: string[]) => string)][] = [
  [
    /\bci-(lower|upper)-half-(log|raw|identity)\b/g,
    (_, half, scale) =>
      `SE from the ${half} half of the published CI (${SCALE[scale]}; the other limit was not usable)`,
  ],
  [/\bci-(log|raw|identity)\b/g, (_, scale) => `SE from the CI (${SCALE[scale]})`],
  [/\brange-hozo-2005\b/g, 'from the median, range and n (Hozo 2005)'],
  [
    /\brange-qe-mcgrath-2020\b/g,
    'from the published quantiles and n (quantile estimation, McGrath 2020)',
  ],
  [
    /\brange-bc-mcgrath-2020\b/g,
    'from the published quantiles and n (Box–Cox method, McGrath 2020; SD/√n)',
  ],
  [/\brange-mln-cai-2021\b/g, 'from the published quantiles and n (MLN method, Cai 2021; SD/√n)'],
  [/\bS1: min, median, max\b/g, 'minimum, median and maximum'],
  [/\bS2: q1, median, q3\b/g, 'quartiles and median'],
  [/\bS3: min, q1, median, q3, max\b/g, 'minimum, quartiles, median and maximum'],
  [/; (normal|log-normal|gamma|weibull)\)/gi, '; $1 distribution fitted)'],
  [/\brange-wan-2014\b/g, 'from the median, range and n (Wan 2014)'],
  [
    /\brange-luo-2018 \(mean\), wan-2014 \(SD\)/g,
    'from the median, range and n (Luo 2018, Wan 2014)',
  ],
  [/\bluo-2018 \(mean\), wan-2014 \(SD\)/g, 'from the median and quartiles (Luo 2018, Wan 2014)'],
  [/\bwan-2014\b/g, 'Wan 2014'],
  [/^greenwood\b/, 'Greenwood variance'],
  [/^peto\b/, 'Peto variance (from the numbers at risk)'],
  [/^se\b/, 'published SE'],
  [/^ci\b/, 'SE from the published CI'],
  [/^continuity-corrected\b/, 'continuity-corrected (survival of 0% or 100%)'],
  [/\bn ≤ 15: variance formula\b/g, 'n ≤ 15: Hozo’s variance formula'],
  [/\(published\)/g, '(published numbers)'],
  [/\bIPD\b/g, 'patient data'],
]

/** A method as the engine names it, in words. */
export function methodInWords(method: string): string {
  let text = method
  for (const [code, words] of METHOD_WORDS) {
    text = typeof words === 'string' ? text.replace(code, words) : text.replace(code, words)
  }
  return text
}

const NOTE_WORDS: [RegExp, string | ((...m: string[]) => string)][] = [
  [/ \(see studies\[\]\.reason\)/g, ', each with its reason in the exclusions'],
  [
    /between-study covariance had (\d+) negative eigenvalue\(s\), set to 0 \(as RISCA does\)/g,
    (_, n) =>
      `the estimated between-study covariance of the pooled curve was corrected in ${n} direction${n === '1' ? '' : 's'} where it came out below zero (set to zero, as the RISCA package does)`,
  ],
  [
    /pooled conditional survival of interval (\d+) clamped to its range/g,
    (_, j) =>
      `the pooled curve's survival over its interval ${j} came out above 100% or below 0% and was limited to that range`,
  ],
]

/** A note or reason of the engine, in words; method codes in it too. */
export function noteInWords(note: string): string {
  let text = note
  for (const [code, words] of NOTE_WORDS) {
    text = typeof words === 'string' ? text.replace(code, words) : text.replace(code, words)
  }
  return methodInWords(text)
}

/** A number as text with `digits` significant digits at most, no float noise (8.1, not 8.100000000000001). */
export function shortNumber(x: number, digits = 4): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x)
}
