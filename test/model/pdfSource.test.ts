import { describe, expect, it } from 'vitest'
import { formatStudyFile, parseStudyFile } from '../../src/shared/model/projectFile'
import { emptyStudy, type Study } from '../../src/shared/model/study'

function pdfStudy(source: NonNullable<NonNullable<Study['figure']>['source']>): Study {
  const study = emptyStudy()
  study.figure = {
    name: 'lung p1.png',
    mime: 'image/png',
    sha256: 'a'.repeat(64),
    width: 300,
    height: 200,
    data: 'iVBORw0KGgo=',
    source,
  }
  return study
}

describe('a figure rendered from a PDF page', () => {
  it('keeps the PDF’s name, page, scale and crop through a save and a load', () => {
    const source = {
      kind: 'pdf' as const,
      name: 'lung.pdf',
      page: 2,
      scale: 2,
      crop: { x: 100, y: 40, width: 300, height: 200 },
    }
    const study = pdfStudy(source)
    expect(parseStudyFile(formatStudyFile(study), 'lung.kmstudy').figure?.source).toEqual(source)
  })

  it('refuses a source that is not a PDF page', () => {
    const study = pdfStudy({ kind: 'pdf', name: 'lung.pdf', page: 1, scale: 2 })
    const text = formatStudyFile(study).replace('"page": 1', '"page": 0')
    expect(() => parseStudyFile(text, 'lung.kmstudy')).toThrow(/page/)
  })
})
