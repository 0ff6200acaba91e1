/**
 * A study's published median with its quartiles (issue 11): q1/q3 beside or instead of the
 * range in the study file, used by the review (QE for all three kinds, BC/MLN/Wan/Luo with the
 * quartiles, Hozo refusing quartiles alone), converted with the time unit, and named in the
 * methods text. Old files (median, min, max, n) read unchanged.
 */
import { describe, expect, it } from 'vitest'
import { formatStudyFile, parseStudyFile } from '../../src/shared/model/projectFile'
import { medianFromRange, REASON_RANGE_HOZO_IQR } from '../../src/shared/meta/medianFromRange'
import { emptyStudy, type Study } from '../../src/shared/model/study'
import { computeReview } from '../../src/shared/review'
import { expectClose } from '../helpers/close'
import { entry, publishedStudy, smallReview } from './studies'

const withRange = (medianRange: unknown) =>
  JSON.stringify({ ...emptyStudy(), published: { medianRange } })

describe('published median with quartiles in a study file', () => {
  it('an old file with the range only reads unchanged', () => {
    const s = parseStudyFile(withRange({ median: 14, min: 2, max: 60, n: 25 }), 'old.kmstudy')
    expect(s.published?.medianRange).toEqual({ median: 14, min: 2, max: 60, n: 25 })
  })
  it('quartiles alone, and all five numbers, round-trip', () => {
    for (const r of [
      { median: 31, q1: 18, q3: 52, n: 75 },
      { median: 22, min: 2, q1: 11, q3: 40, max: 130, n: 120 },
    ]) {
      const s = emptyStudy()
      s.published = { timeUnit: 'months', survival: [], medianRange: r }
      expect(parseStudyFile(formatStudyFile(s), 's.kmstudy').published?.medianRange).toEqual(r)
    }
  })
  it('refuses a half pair, no pair, and numbers out of order, each with one line', () => {
    expect(() => parseStudyFile(withRange({ median: 31, q1: 18, n: 75 }), 's.kmstudy')).toThrow(
      /published\.medianRange\.q3: q1 and q3 go together/,
    )
    expect(() => parseStudyFile(withRange({ median: 31, n: 75 }), 's.kmstudy')).toThrow(
      /published\.medianRange\.min: give the range \(min, max\), the quartiles/,
    )
    expect(() =>
      parseStudyFile(withRange({ median: 31, q1: 40, q3: 52, n: 75 }), 's.kmstudy'),
    ).toThrow(/published\.medianRange\.median: must be in order/)
  })
})

/** smallReview() with Spine G reporting `medianRange` in `unit`. */
function reviewWith(medianRange: NonNullable<Study['published']>['medianRange'], unit = 'months') {
  const input = smallReview()
  const spine = publishedStudy('Spine G', 'Spine', {
    timeUnit: unit as 'months' | 'years',
    survival: [],
    medianRange,
  })
  const i = input.studies.findIndex((s) => s.study?.record.label === 'Spine G')
  input.studies[i] = entry(spine, 'spine-g.kmstudy')
  return input
}
const spineMedian = (input: ReturnType<typeof smallReview>) => {
  const result = computeReview(input, { version: '9.9.9' })
  const median = result.outcomes.find((a) => a.id === 'median')!
  return { row: median.studies.find((s) => s.study === 'Spine G')!, result }
}

describe('the review uses the quartiles', () => {
  const iqr = { median: 31, q1: 18, q3: 52, n: 75 }
  it('QE (default) from the quartiles alone: the same SE as medianFromRange, IQR named', () => {
    const { row, result } = spineMedian(reviewWith(iqr))
    const direct = medianFromRange({ study: 'Spine G', ...iqr, min: null, max: null, scale: 'log' })
    expect(row.excluded).toBe(false)
    expectClose(row.vi, direct.vi, { rel: 1e-12 }, 'vi')
    expect(row.method).toMatch(
      /^range-qe-mcgrath-2020 \(S2: .*published median, IQR 18–52 months, n 75\)/,
    )
    expect(result.methods.paragraphs.join(' ')).toMatch(
      /reporting a median with the interquartile range and the sample size/,
    )
  })
  it('quartiles given in years are converted to the review unit like the median', () => {
    const years = { median: 31 / 12, q1: 18 / 12, q3: 52 / 12, n: 75 }
    const { row } = spineMedian(reviewWith(years, 'years'))
    const direct = medianFromRange({ study: 'Spine G', ...iqr, min: null, max: null, scale: 'log' })
    expectClose(row.vi, direct.vi, { rel: 1e-9 }, 'vi after conversion')
  })
  it('with all five numbers QE uses all five (S3), not the range alone', () => {
    const five = { median: 22, min: 2, q1: 11, q3: 40, max: 130, n: 120 }
    const { row, result } = spineMedian(reviewWith(five))
    expect(row.method).toMatch(/^range-qe-mcgrath-2020 \(S3: .*range 2–130, IQR 11–40 months/)
    expect(result.methods.paragraphs.join(' ')).toMatch(/reporting a median with both and/)
  })
  it('Hozo refuses the quartiles alone with its reason; BC uses them', () => {
    const hozo = reviewWith(iqr)
    hozo.settings.rangeMethod = 'hozo'
    expect(spineMedian(hozo).row.reason).toBe(REASON_RANGE_HOZO_IQR)
    const bc = reviewWith(iqr)
    bc.settings.rangeMethod = 'bc'
    const { row, result } = spineMedian(bc)
    expect(row.method).toMatch(/^range-bc-mcgrath-2020 \(S2/)
    expect(result.methods.paragraphs.join(' ')).toMatch(/Box–Cox method of McGrath et al\./)
    expect(result.methods.references.some((r) => r.startsWith('McGrath S, Zhao X'))).toBe(true)
  })
})
