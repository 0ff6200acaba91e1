import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatStudyFile,
  parseStudyFile,
  ProjectFileError,
} from '../../src/shared/model/projectFile'
import { expectAllFinite, fuzz, outcome } from './config'
import { mutatedArb } from './mutateJson'
import { studyArb } from './studyArbitraries'

/** Whatever is accepted is a study that saves and reads back to itself. */
function checkText(text: string): void {
  const result = outcome(() => parseStudyFile(text, 'f.kmstudy'), [ProjectFileError])
  if (!result.ok) {
    expect(result.error.message.startsWith('f.kmstudy: ')).toBe(true)
    return
  }
  expectAllFinite(result.value)
  // Compared as text: a number that underflows to -0 on reading is saved as 0, which is the same.
  const saved = formatStudyFile(result.value)
  expect(formatStudyFile(parseStudyFile(saved, 'f.kmstudy'))).toBe(saved)
}

describe('study project files under fuzzing', () => {
  it('read back every valid study exactly', () => {
    fc.assert(
      fc.property(studyArb, (study) => {
        const text = formatStudyFile(study)
        expect(parseStudyFile(text, 's.kmstudy')).toEqual(study)
        expect(formatStudyFile(parseStudyFile(text, 's.kmstudy'))).toBe(text)
      }),
      fuzz(300),
    )
  })

  it('refuse arbitrary text and JSON with a ProjectFileError', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc
        .jsonValue({ maxDepth: 3 })
        .map((v) => JSON.stringify({ format: 'kmpool-study', version: 1, v })),
      fc
        .record(
          { format: fc.jsonValue({ maxDepth: 1 }), version: fc.jsonValue({ maxDepth: 1 }) },
          { requiredKeys: [] },
        )
        .map((o) => JSON.stringify(o)),
    )
    fc.assert(fc.property(text, checkText), fuzz(500))
  })

  it('read a study with one value changed, removed or added, or refuse it clearly', () => {
    const mutated = mutatedArb(studyArb).map((json) => JSON.stringify(json))
    fc.assert(fc.property(mutated, checkText), fuzz(800))
  })

  it('read a study file with its bytes edited, or refuse it clearly', () => {
    const edited = fc
      .tuple(
        studyArb,
        fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.string({ maxLength: 3 })), {
          minLength: 1,
          maxLength: 4,
        }),
      )
      .map(([study, edits]) => {
        let s = formatStudyFile(study)
        for (const [at, del, ins] of edits) {
          const i = at % (s.length + 1)
          s = s.slice(0, i) + ins + s.slice(i + del)
        }
        return s
      })
    fc.assert(fc.property(edited, checkText), fuzz(800))
  })
})
