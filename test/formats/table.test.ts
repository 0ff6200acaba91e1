import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/shared/formats/inputError'
import { readIpdFile } from '../../src/shared/formats/ipdFile'
import { readPointsFile } from '../../src/shared/formats/pointsFile'
import { readRiskFile } from '../../src/shared/formats/riskFile'
import { csvFixed, csvPValue } from '../../src/shared/formats/table'

describe('points files', () => {
  it('reads WebPlotDigitizer CSV without a header, detecting proportions', () => {
    const f = readPointsFile('0,1\n1.5,0.9\n3,0.8\n', 'p.csv')
    expect(f.points).toEqual([
      { time: 0, surv: 1 },
      { time: 1.5, surv: 0.9 },
      { time: 3, surv: 0.8 },
    ])
    expect(f.scale).toBe('proportion')
    expect(f.detected).toBe(true)
  })

  it('detects percent and converts to proportions; scientific notation reads', () => {
    const f = readPointsFile('time,surv\n7.59E-02,1.00E+02\n2,98.4\n', 'p.csv')
    expect(f.scale).toBe('percent')
    expect(f.points[1].surv).toBeCloseTo(0.984, 12)
    expect(f.points[0].time).toBeCloseTo(0.0759, 12)
  })

  it('reads a European spreadsheet: semicolons and decimal commas', () => {
    const f = readPointsFile('Zeit;Überleben\n0;1\n1,5;0,95\n', 'eu.csv')
    expect(f.points[1]).toEqual({ time: 1.5, surv: 0.95 })
  })

  it('refuses a file that mixes decimal commas and points', () => {
    expect(() => readPointsFile('0;1\n1,5;0.95\n', 'mixed.csv')).toThrow(
      /mixes decimal commas \(row 2\) and decimal points \(row 2\)/,
    )
  })

  it('refuses comma-separated decimal commas, naming the row', () => {
    expect(() => readPointsFile('0,1\n1,5,0,95\n', 'bad.csv')).toThrow(
      'bad.csv, row 2: 4 fields where the first row has 2 (if the file uses decimal commas, separate its columns with semicolons)',
    )
  })

  it('refuses a percent curve declared as a proportion, naming the row', () => {
    expect(() => readPointsFile('0,100\n1,95\n', 'p.csv', 'proportion')).toThrow(
      /p.csv, row 1: survival 100 is above 1/,
    )
  })

  it('names the row of a malformed value', () => {
    const err = (() => {
      try {
        readPointsFile('0,1\n1,abc\n', 'p.csv')
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).message).toBe('p.csv, row 2: survival "abc" is not a number')
  })

  it('refuses an empty file', () => {
    expect(() => readPointsFile('\n\n', 'e.csv')).toThrow('e.csv: the file is empty')
  })
})

describe('risk files', () => {
  it('reads quoted headers as R writes them', () => {
    const f = readRiskFile('"time","n_risk"\n0,138\n6,86\n', 'r.csv')
    expect(f.rows).toEqual([
      { time: 0, nRisk: 138 },
      { time: 6, nRisk: 86 },
    ])
    expect(f.lines).toEqual([2, 3])
  })

  it('refuses fractional or negative numbers at risk and unordered times', () => {
    expect(() => readRiskFile('0,10\n6,8.5\n', 'r.csv')).toThrow('r.csv, row 2: number at risk 8.5')
    expect(() => readRiskFile('0,10\n6,-1\n', 'r.csv')).toThrow('r.csv, row 2')
    expect(() => readRiskFile('0,10\n6,8\n6,7\n', 'r.csv')).toThrow(
      'r.csv, row 3: time 6 does not come after 6',
    )
  })
})

describe('IPD files', () => {
  it('reads time,event with arm, accepting status for event', () => {
    const rows = readIpdFile('"time","status","arm"\n1.5,1,"A"\n2,0,"B"\n', 'ipd.csv')
    expect(rows).toEqual([
      { time: 1.5, event: 1, arm: 'A', study: null, subgroup: null },
      { time: 2, event: 0, arm: 'B', study: null, subgroup: null },
    ])
  })

  it('needs a header and 0/1 events', () => {
    expect(() => readIpdFile('1,1\n', 'ipd.csv')).toThrow(/header/)
    expect(() => readIpdFile('time,event\n1,2\n', 'ipd.csv')).toThrow(
      'ipd.csv, row 2: event 2 must be 1',
    )
  })
})

describe('numbers in CSV exports', () => {
  it('keeps a tiny p-value its digits, where fixed decimals would write 0', () => {
    expect(csvPValue(9.21e-18)).toBe('9.21e-18')
    expect(csvPValue(0.12345)).toBe('0.123')
    expect(csvPValue(1)).toBe('1')
    expect(csvPValue(null)).toBe('')
    expect(csvPValue(NaN)).toBe('')
  })

  it('writes estimates to fixed decimals and a missing one as empty', () => {
    expect(csvFixed(0.123456, 4)).toBe('0.1235')
    expect(csvFixed(2, 2)).toBe('2.00')
    expect(csvFixed(undefined, 4)).toBe('')
    expect(csvFixed(Infinity, 4)).toBe('')
  })
})
