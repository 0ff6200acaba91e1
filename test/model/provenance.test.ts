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

  /** A study with a 400 × 300 figure whose curve c1's risk table was read, with `cells` kept. */
  const withCells = (cells: unknown[]) =>
    JSON.stringify({
      ...emptyStudy(),
      figure: {
        name: 'f.png',
        mime: 'image/png',
        sha256: 'a'.repeat(64),
        width: 400,
        height: 300,
        path: 'f.png',
      },
      provenance: { risk: { c1: { from: 'read', confirmed: false, notes: [], cells } } },
    })

  it('keeps where each risk cell was read, and the cells not read, through a save and a load', () => {
    const cells = [
      { time: 0, x0: 10, y0: 250, x1: 30, y1: 262, n: 120 },
      { time: 12, x0: 110, y0: 250, x1: 130.5, y1: 262 },
    ]
    const study = parseStudyFile(withCells(cells), 'x.kmstudy')
    expect(study.provenance?.risk?.c1.cells).toEqual(cells)
    expect(parseStudyFile(formatStudyFile(study), 'x.kmstudy').provenance).toEqual(study.provenance)
  })

  it('refuses a cell box outside the figure, reversed, not finite, or too many, naming where', () => {
    const cell = { time: 0, x0: 10, y0: 250, x1: 30, y1: 262, n: 120 }
    expect(() => parseStudyFile(withCells([{ ...cell, y1: 301 }]), 'bad.kmstudy')).toThrow(
      /provenance\.risk\.c1\.cells\.0.*outside the 400 × 300 figure/,
    )
    expect(() => parseStudyFile(withCells([{ ...cell, x0: 40 }]), 'bad.kmstudy')).toThrow(/x0 ≤ x1/)
    expect(() => parseStudyFile(withCells([{ ...cell, x0: -1 }]), 'bad.kmstudy')).toThrow(
      /provenance\.risk\.c1\.cells\.0\.x0/,
    )
    // JSON has no NaN: a number too large to be a pixel stands for it.
    expect(() => parseStudyFile(withCells([{ ...cell, x1: 1e300 }]), 'bad.kmstudy')).toThrow(
      /provenance\.risk\.c1\.cells\.0\.x1/,
    )
    expect(() => parseStudyFile(withCells([{ ...cell, n: 1.5 }]), 'bad.kmstudy')).toThrow(
      /cells\.0\.n/,
    )
    expect(() =>
      parseStudyFile(withCells(Array.from({ length: 1001 }, () => cell)), 'bad.kmstudy'),
    ).toThrow(/provenance\.risk\.c1\.cells/)
  })
})
