import { describe, expect, it } from 'vitest'
import {
  formatStudyFile,
  parseStudyFile,
  ProjectFileError,
} from '../../src/shared/model/projectFile'
import { emptyStudy } from '../../src/shared/model/study'

describe('study project files', () => {
  it('round-trips a study exactly', () => {
    const s = emptyStudy()
    s.record.label = 'Bonner 2006'
    s.curves.push({
      id: 'c1',
      name: 'RT',
      color: '#1f77b4',
      points: [{ px: 10, py: 20, time: 0, surv: 1 }],
      risk: [{ time: 0, nRisk: 213 }],
    })
    const text = formatStudyFile(s)
    expect(parseStudyFile(text, 's.kmstudy')).toEqual(s)
    expect(formatStudyFile(parseStudyFile(text, 's.kmstudy'))).toBe(text)
  })

  it('refuses a corrupt, foreign, newer or invalid file with a message that says why', () => {
    expect(() => parseStudyFile('{"format": "kmpool-study", "vers', 'a.kmstudy')).toThrow(
      /a.kmstudy: not a kmpool study \(not valid JSON/,
    )
    expect(() => parseStudyFile('[1]', 'a.kmstudy')).toThrow(/expected a JSON object/)
    expect(() => parseStudyFile('{"format":"other"}', 'a.kmstudy')).toThrow(/format is "other"/)
    expect(() => parseStudyFile('{"format":"kmpool-study","version":99}', 'a.kmstudy')).toThrow(
      /newer kmpool \(format version 99; this one reads up to 1\)/,
    )
    const bad = {
      ...emptyStudy(),
      curves: [{ id: 'c', name: 'x', color: 'blue', points: [], risk: [] }],
    }
    expect(() => parseStudyFile(JSON.stringify(bad), 'a.kmstudy')).toThrow(ProjectFileError)
    expect(() => parseStudyFile(JSON.stringify(bad), 'a.kmstudy')).toThrow(/curves.0.color/)
  })
})
