import { describe, expect, it } from 'vitest'
import {
  isDefaultName,
  parseRiskArms,
  parseRiskPaste,
  pastedRowLabel,
  riskViolations,
} from '../../src/renderer/src/io/riskPaste'

describe('a pasted number-at-risk table of several arms', () => {
  it('reads one labelled line per arm, with or without a line of times over them', () => {
    // The lung figure's table as printed under it.
    const printed = 'Female 90 70 30 15 6 1 0\nMale 138 86 35 17 7 2 0'
    expect(parseRiskArms(printed)).toEqual({
      times: null,
      arms: [
        { label: 'Female', counts: [90, 70, 30, 15, 6, 1, 0] },
        { label: 'Male', counts: [138, 86, 35, 17, 7, 2, 0] },
      ],
    })
    expect(
      parseRiskArms(`Number at risk\n0\t6\t12\n${'RT + C\t211\t143\t101'}\nRT\t213\t122\t80`),
    ).toEqual({
      times: [0, 6, 12],
      arms: [
        { label: 'RT + C', counts: [211, 143, 101] },
        { label: 'RT', counts: [213, 122, 80] },
      ],
    })
    // Not a table of arms: parseRiskPaste reads these as before.
    expect(parseRiskArms('Radiotherapy 213 122 80')).toBeNull()
    expect(parseRiskArms('0\t211\n10\t143\n20\t101')).toBeNull()
    expect(parseRiskArms('0 3 6\n410 377 347')).toBeNull()
    expect(parseRiskPaste('0 3 6\n410 377 347')).toEqual({
      times: [0, 3, 6],
      counts: [410, 377, 347],
    })
  })

  it("takes a single row's label, to name a curve that still has kmpool's name", () => {
    expect(pastedRowLabel('Radiotherapy plus cetuximab: 211 143 101')).toBe(
      'Radiotherapy plus cetuximab',
    )
    expect(pastedRowLabel('213 122 80')).toBeNull()
    expect(isDefaultName('Arm 2')).toBe(true)
    expect(isDefaultName('')).toBe(true)
    expect(isDefaultName('Armstrong')).toBe(false)
  })

  it('finds a row that its curve could not have: more at risk than the curve has survivors', () => {
    const high = [
      { time: 0, surv: 1 },
      { time: 5, surv: 0.85 },
      { time: 10, surv: 0.55 },
    ]
    const low = [
      { time: 0, surv: 1 },
      { time: 5, surv: 0.65 },
      { time: 10, surv: 0.37 },
    ]
    // The lung table's first rows at 0 and 6 months (times scaled to these curves).
    const female = [
      { time: 0, nRisk: 90 },
      { time: 6, nRisk: 70 },
    ]
    expect(riskViolations(female, high)).toBe(0)
    expect(riskViolations(female, low)).toBe(1)
    // Times after the curve's last point say nothing.
    expect(
      riskViolations(
        [
          { time: 0, nRisk: 10 },
          { time: 20, nRisk: 10 },
        ],
        low,
      ),
    ).toBe(0)
  })
})
