import { describe, expect, it } from 'vitest'
import {
  formatStudyFile,
  parseStudyFile,
  ProjectFileError,
} from '../../src/shared/model/projectFile'
import { emptyReview, REVIEW_FORMAT } from '../../src/shared/model/review'
import { formatReviewFile, parseReviewFile } from '../../src/shared/model/reviewFile'
import { emptyStudy } from '../../src/shared/model/study'

const minimal = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: REVIEW_FORMAT, version: 1, studies: [], ...extra })

describe('review files (.kmreview)', () => {
  it('round-trips a review exactly, relative paths and settings included', () => {
    const r = emptyReview('Metastasectomy')
    r.studies.push(
      { path: 'studies/a.kmstudy', included: true, reason: '' },
      { path: '../shared/b.kmstudy', included: false, reason: 'overlapping cohort' },
    )
    r.settings.method = 'DL'
    r.settings.hksj = true
    r.settings.survivalTimes = [6, 12, 24]
    r.settings.subgroupBy = null
    const text = formatReviewFile(r)
    expect(parseReviewFile(text, 'r.kmreview')).toEqual(r)
    expect(formatReviewFile(parseReviewFile(text, 'r.kmreview'))).toBe(text)
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('fills in the default settings: REML, cloglog, 1–5 years in months, by subgroup', () => {
    const r = parseReviewFile(minimal({ title: 'x' }), 'r.kmreview')
    expect(r.settings).toEqual({
      timeUnit: 'months',
      survivalTimes: [12, 24, 36, 48, 60],
      median: true,
      hr: true,
      method: 'REML',
      hksj: false,
      scale: 'cloglog',
      medianScale: 'log',
      rangeMethod: 'qe',
      zeroSurvival: 'followed',
      subgroupBy: 'subgroup',
      curveStep: null,
      rmstTau: null,
    })
  })

  it('refuses corrupt, foreign, newer or invalid files with one line that says why', () => {
    const cases: [string, RegExp][] = [
      ['{"format": "kmpool-review", "vers', /r\.kmreview: not a kmpool review \(not valid JSON/],
      ['[1]', /expected a JSON object/],
      [
        '{"format":"kmpool-study","version":1}',
        /format is "kmpool-study", expected "kmpool-review"/,
      ],
      [minimal({ version: 2 }), /newer kmpool \(review format version 2; this one reads up to 1\)/],
      [minimal({ version: 0 }), /no valid format version/],
      [
        minimal({ studies: [{ path: '/home/me/a.kmstudy' }] }),
        /studies\.0\.path: must be relative to the review file/,
      ],
      [minimal({ studies: [{ path: 'C:\\a.kmstudy' }] }), /studies\.0\.path: must use "\/"/],
      [
        minimal({ settings: { survivalTimes: [24, 12] } }),
        /settings\.survivalTimes: must be increasing/,
      ],
      [minimal({ settings: { method: 'XX' } }), /settings\.method/],
      [minimal({ extra: 1 }), /the file/],
    ]
    for (const [text, message] of cases) {
      let error: unknown
      try {
        parseReviewFile(text, 'r.kmreview')
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ProjectFileError)
      expect((error as Error).message).toMatch(message)
      expect((error as Error).message).not.toMatch(/\n/)
    }
  })
})

describe('published numbers in a study file', () => {
  it('round-trip, with the pooled curve named', () => {
    const s = emptyStudy()
    s.pooledCurve = 'c2'
    s.published = {
      timeUnit: 'years',
      survival: [
        { time: 1, surv: 0.8, nRisk: 30 },
        { time: 5, surv: 0.3, lower: 0.15, upper: 0.47 },
      ],
      median: { value: 2.5, lower: 1.9, upper: 3.4 },
      medianRange: { median: 2.1, min: 0.2, max: 9, n: 25 },
      hr: { value: 0.6, lower: 0.4, upper: 0.9, comparison: 'resection vs none' },
    }
    const text = formatStudyFile(s)
    expect(parseStudyFile(text, 's.kmstudy')).toEqual(s)
  })

  it('are validated: survival is a proportion, times are positive, n ≥ 2', () => {
    const withPublished = (published: unknown) => JSON.stringify({ ...emptyStudy(), published })
    expect(() =>
      parseStudyFile(withPublished({ survival: [{ time: 12, surv: 53 }] }), 's.kmstudy'),
    ).toThrow(/published\.survival\.0\.surv: must be a proportion/)
    expect(() =>
      parseStudyFile(withPublished({ survival: [{ time: 0, surv: 0.5 }] }), 's.kmstudy'),
    ).toThrow(/published\.survival\.0\.time: must be > 0/)
    expect(() =>
      parseStudyFile(
        withPublished({ medianRange: { median: 3, min: 1, max: 9, n: 1 } }),
        's.kmstudy',
      ),
    ).toThrow(/published\.medianRange\.n/)
  })
})
