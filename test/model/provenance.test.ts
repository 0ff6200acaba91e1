import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatStudyFile, parseStudyFile } from '../../src/shared/model/projectFile'
import { partsToCheck } from '../../src/shared/model/provenance'
import { emptyStudy } from '../../src/shared/model/study'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/studies/v1')

describe('study provenance (issue 14)', () => {
  it('reads every saved version-1 study, which has none: nothing to check', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.kmstudy'))
    expect(files.length).toBeGreaterThan(0)
    for (const f of files) {
      const study = parseStudyFile(readFileSync(join(FIXTURES, f), 'utf8'), f)
      expect(study.provenance).toBeUndefined()
      expect(partsToCheck(study.provenance)).toEqual([])
    }
  })

  it('keeps what was read and what is confirmed through a save and a load', () => {
    const study = {
      ...emptyStudy(),
      provenance: {
        calibration: { from: 'read' as const, confirmed: true, notes: [] },
        risk: {
          'curve-1': {
            from: 'read' as const,
            confirmed: false,
            notes: ['no number could be read at 36'],
          },
        },
        curves: { 'curve-1': { from: 'user' as const, confirmed: true, notes: [] } },
        referenceCurve: { from: 'read' as const, confirmed: false, notes: ['guessed'] },
      },
    }
    const back = parseStudyFile(formatStudyFile(study), 'x.kmstudy')
    expect(back.provenance).toEqual(study.provenance)
    expect(partsToCheck(back.provenance)).toEqual(['risk.curve-1', 'referenceCurve'])
  })

  it('refuses a provenance it does not know, naming where', () => {
    const text = JSON.stringify({
      ...emptyStudy(),
      provenance: { calibration: { from: 'guess', confirmed: false } },
    })
    expect(() => parseStudyFile(text, 'bad.kmstudy')).toThrow(/provenance\.calibration\.from/)
  })
})
