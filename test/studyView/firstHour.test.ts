/**
 * Pure pieces of issue 13 (a reviewer's first hour): the figure refitting as the window grows,
 * and the machine codes of the engine turned into words for tables and CSV files.
 */
import { describe, expect, it } from 'vitest'
import { fitView, viewAfterResize } from '../../src/renderer/src/geometry/view'
import { methodInWords, noteInWords, shortNumber } from '../../src/shared/review/methodWords'

describe('the figure as the window resizes', () => {
  const image = { width: 1000, height: 800 }
  const small = { width: 800, height: 600 }
  const large = { width: 1600, height: 1000 }

  it('refits a figure that was fitted, and leaves a zoomed one where it was', () => {
    expect(viewAfterResize(fitView(image, small), image, small, large)).toEqual(
      fitView(image, large),
    )
    const zoomed = { scale: 2, x: -100, y: -50 }
    expect(viewAfterResize(zoomed, image, small, large)).toBe(zoomed)
    expect(viewAfterResize(zoomed, null, small, large)).toBe(zoomed)
  })
})

describe('method codes and notes in words', () => {
  it('words every code the tables showed (issue 13)', () => {
    const cases: [string, string][] = [
      [
        'ci-lower-half-log, Brookmeyer–Crowley CI (reconstructed IPD)',
        'SE from the lower half of the published CI (log scale; the other limit was not usable), Brookmeyer–Crowley CI (reconstructed patient data)',
      ],
      ['ci-log (published CI)', 'SE from the CI (log scale) (published CI)'],
      ['greenwood (reconstructed IPD)', 'Greenwood variance (reconstructed patient data)'],
      ['peto (published)', 'Peto variance (from the numbers at risk) (published numbers)'],
      [
        'range-hozo-2005 (15 < n ≤ 70: range/4) (published median, range 2–30 months, n 40)',
        'from the median, range and n (Hozo 2005) (15 < n ≤ 70: range/4) (published median, range 2–30 months, n 40)',
      ],
    ]
    cases.push([
      'range-qe-mcgrath-2020 (S1: min, median, max; normal) (published median, range 0–32.4 months, n 19)',
      'from the published quantiles and n (quantile estimation, McGrath 2020) (minimum, median and maximum; normal distribution fitted) (published median, range 0–32.4 months, n 19)',
    ])
    for (const [code, words] of cases) expect(methodInWords(code)).toBe(words)
    for (const [code] of cases) {
      expect(methodInWords(code)).not.toMatch(
        /\bci-|range-(hozo|qe)|\bS1:|\bIPD\b|^greenwood|^peto/,
      )
    }
  })

  it('words the engine notes, with their numbers', () => {
    expect(noteInWords('2 of 14 studies excluded (see studies[].reason)')).toBe(
      '2 of 14 studies excluded, each with its reason in the exclusions',
    )
    expect(
      noteInWords(
        'between-study covariance had 16 negative eigenvalue(s), set to 0 (as RISCA does)',
      ),
    ).toMatch(/^the estimated between-study covariance .* in 16 directions where/)
    expect(noteInWords('pooled conditional survival of interval 14 clamped to its range')).toBe(
      "the pooled curve's survival over its interval 14 came out above 100% or below 0% and was limited to that range",
    )
  })

  it('prints numbers without float noise', () => {
    expect(shortNumber(8.100000000000001)).toBe('8.1')
    expect(shortNumber(31.352899999999998, 10)).toBe('31.3529')
    expect(shortNumber(0.000123456, 3)).toBe('0.000123')
  })
})
