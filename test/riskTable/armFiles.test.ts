import { describe, expect, it } from 'vitest'
import { armCsv, armFileNames, fileStem } from '../../src/shared/riskTable/armFiles'

describe('armFileNames', () => {
  it('names each arm by its label, as a plain file name', () => {
    expect(armFileNames([{ label: 'Female' }, { label: 'Male' }])).toEqual([
      'Female.csv',
      'Male.csv',
    ])
    expect(fileStem('Pembrolizumab + chemo (n=410)')).toBe('Pembrolizumab_chemo_n_410')
    expect(fileStem('Ébauche')).toBe('Ebauche')
  })

  it('never makes a path, a hidden file or a device name of a label', () => {
    for (const label of ['../../etc/passwd', '/abs/path', '..\\win', '.hidden', 'a/b']) {
      const [name] = armFileNames([{ label }])
      expect(name).not.toMatch(/[/\\]/)
      expect(name.startsWith('.')).toBe(false)
    }
    expect(armFileNames([{ label: 'CON' }, { label: 'nul.txt' }])).toEqual([
      'arm_CON.csv',
      'arm_nul.txt.csv',
    ])
  })

  it('numbers rows without a usable label, and names taken twice (any case)', () => {
    expect(armFileNames([{ label: '' }, { label: '***' }, { label: 'A' }, { label: 'a' }])).toEqual(
      ['arm_1.csv', 'arm_2.csv', 'A.csv', 'a_2.csv'],
    )
  })
})

describe('armCsv', () => {
  it('writes the cells read as time,n_risk', () => {
    const box = { x0: 0, y0: 0, x1: 1, y1: 1 }
    expect(
      armCsv({
        cells: [
          { time: 0, nRisk: 90, box, confidence: 96 },
          { time: 6, nRisk: 70, box, confidence: 96 },
        ],
      }),
    ).toBe('time,n_risk\n0,90\n6,70\n')
  })
})
