import { describe, expect, it } from 'vitest'
import { type ReadAlternative, settleByRow } from '../../src/shared/riskTable/rowBounds'

const alt = (nRisk: number, readings: number, confidence = 95, inParentheses?: number) =>
  ({
    nRisk,
    readings,
    confidence,
    ...(inParentheses !== undefined ? { inParentheses } : {}),
  }) satisfies ReadAlternative

describe('settleByRow', () => {
  it('keeps the one number read that the row allows (a pale "75" read "15" twice, before 47)', () => {
    expect(settleByRow([alt(75, 4), alt(15, 2)], undefined, { nRisk: 47 })?.nRisk).toBe(75)
    expect(settleByRow([alt(8, 5), alt(3, 2)], { nRisk: 12 }, { nRisk: 5 })?.nRisk).toBe(8)
  })

  it('keeps none when two numbers read fit the row, or none does', () => {
    expect(settleByRow([alt(75, 4), alt(55, 2)], undefined, { nRisk: 47 })).toBeNull()
    expect(settleByRow([alt(75, 4), alt(55, 2)], { nRisk: 40 }, undefined)).toBeNull()
  })

  it('keeps none without a bound on either side', () => {
    expect(settleByRow([alt(75, 4), alt(15, 2)], undefined, undefined)).toBeNull()
  })

  it('keeps none read once, never surely, or by fewer readings than a number ruled out', () => {
    expect(settleByRow([alt(75, 1), alt(15, 1)], undefined, { nRisk: 47 })).toBeNull()
    expect(settleByRow([alt(75, 3, 89), alt(15, 2)], undefined, { nRisk: 47 })).toBeNull()
    expect(settleByRow([alt(75, 2), alt(15, 3)], undefined, { nRisk: 47 })).toBeNull()
  })

  it('holds a count in parentheses to never fall along the row', () => {
    // "90 (63)" read "90 (68)" too, between "95 (60)" and "85 (65)": 68 would fall after it.
    const read = [alt(90, 3, 95, 63), alt(90, 2, 95, 68)]
    const before = { nRisk: 95, inParentheses: 60 }
    const after = { nRisk: 85, inParentheses: 65 }
    expect(settleByRow(read, before, after)?.inParentheses).toBe(63)
    expect(settleByRow(read, before, { nRisk: 85, inParentheses: 70 })).toBeNull()
    // "90 (58)" would have fallen from "95 (60)" before it.
    const low = [alt(90, 3, 95, 63), alt(90, 2, 95, 58)]
    expect(settleByRow(low, before, undefined)?.inParentheses).toBe(63)
    expect(settleByRow(low, { nRisk: 95, inParentheses: 50 }, undefined)).toBeNull()
  })
})
