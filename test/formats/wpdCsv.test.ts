import { describe, expect, it } from 'vitest'
import { formatWpdCsv } from '../../src/shared/formats/wpdCsv'
import { readPointsFile } from '../../src/shared/formats/pointsFile'

describe("digitized points in WebPlotDigitizer's CSV layout", () => {
  const curves = [
    {
      name: 'Radiotherapy',
      points: [
        { time: 0, surv: 1 },
        { time: 3.0000000000000004, surv: 0.9 },
      ],
    },
    { name: 'RT, cetuximab', points: [{ time: 0, surv: 1 }] },
  ]

  it('writes one pair of columns per curve under its name, shorter curves left empty', () => {
    expect(formatWpdCsv(curves)).toBe('Radiotherapy,,"RT, cetuximab",\nX,Y,X,Y\n0,1,0,1\n3,0.9,,\n')
  })

  it('reads back, one curve at a time, through the importer of WebPlotDigitizer files', () => {
    const one = formatWpdCsv([curves[0]]).split('\n').slice(1).join('\n')
    expect(readPointsFile(one, 'points.csv').points).toEqual([
      { time: 0, surv: 1 },
      { time: 3, surv: 0.9 },
    ])
  })
})
