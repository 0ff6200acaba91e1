import { describe, expect, it } from 'vitest'
import { type CellReading, outvoteLone } from '../../src/shared/riskTable/loneDissent'

const grey = (nRisk: number, confidence = 92): CellReading => ({ nRisk, confidence, binary: false })
const bw = (nRisk: number, confidence = 96): CellReading => ({ nRisk, confidence, binary: true })

describe('outvoteLone', () => {
  it('outvotes one unsure reading of another number (a "76" read "70" once at 78)', () => {
    expect(outvoteLone([grey(70, 78), grey(76), grey(76), bw(76), grey(76)])?.nRisk).toBe(76)
  })

  it('keeps the cell unsettled when the other number was read twice, or surely', () => {
    // A "99" the grey readings read "29", the black-and-white ones "99".
    expect(outvoteLone([grey(29), grey(29), grey(29), grey(29), bw(99, 85), bw(99, 82)])).toBeNull()
    expect(outvoteLone([grey(70, 90), grey(76), grey(76), bw(76)])).toBeNull()
    expect(outvoteLone([grey(70, 78), grey(70, 80), grey(76), grey(76), bw(76)])).toBeNull()
  })

  it('never takes a number read only in grey, by fewer than three, or never surely', () => {
    expect(outvoteLone([bw(4, 80), grey(1), grey(1), grey(1)])).toBeNull()
    expect(outvoteLone([grey(70, 78), grey(76), bw(76)])).toBeNull()
    expect(outvoteLone([grey(70, 78), grey(76, 85), grey(76, 85), bw(76, 85)])).toBeNull()
  })

  it('keeps the cell unsettled when three numbers were read', () => {
    expect(outvoteLone([grey(70, 78), grey(16, 50), grey(76), grey(76), bw(76)])).toBeNull()
  })

  it('tells numbers apart by their count in parentheses too', () => {
    const r = (nRisk: number, inParentheses: number, binary = false, confidence = 95) => ({
      nRisk,
      inParentheses,
      confidence,
      binary,
    })
    const got = outvoteLone([r(90, 68, false, 70), r(90, 63), r(90, 63), r(90, 63, true)])
    expect(got?.inParentheses).toBe(63)
  })
})
