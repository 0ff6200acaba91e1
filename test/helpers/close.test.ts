import { describe, expect, it } from 'vitest'
import { compareClose, expectAllClose, expectClose, isClose } from './close'

describe('the numeric comparator', () => {
  it('accepts agreement within the relative tolerance', () => {
    expect(isClose(1 + 5e-9, 1, { rel: 1e-8 })).toBe(true)
    expect(isClose(2e-26 * (1 + 1e-9), 2e-26, { rel: 1e-8 })).toBe(true)
    expect(isClose(-3.5, -3.5)).toBe(true)
  })

  it('rejects what must not match', () => {
    expect(isClose(0, 1e-12, { rel: 1e-6 })).toBe(false)
    expect(isClose(1.000001, 1, { rel: 1e-8 })).toBe(false)
    expect(isClose(1e-12, 0, { rel: 1e-6 })).toBe(false)
    expect(isClose(-1, 1, { rel: 1 - 1e-12 })).toBe(false)
    expect(isClose(1.1e-7, 1e-7, { rel: 1e-6 })).toBe(false)
  })

  it('uses an absolute floor only where one is stated', () => {
    expect(isClose(1e-12, 0)).toBe(false)
    expect(isClose(1e-12, 0, { abs: 1e-10 })).toBe(true)
    expect(isClose(1e-9, 0, { abs: 1e-10 })).toBe(false)
  })

  it('treats null, undefined, NaN and infinities strictly', () => {
    expect(isClose(null, null)).toBe(true)
    expect(isClose(0, null)).toBe(false)
    expect(isClose(null, 0)).toBe(false)
    expect(isClose(undefined, undefined)).toBe(false)
    expect(isClose(undefined, null)).toBe(false)
    expect(isClose(0, undefined)).toBe(false)
    expect(isClose(NaN, NaN)).toBe(false)
    expect(isClose(NaN, 1, { abs: Infinity })).toBe(false)
    expect(isClose(Infinity, Infinity)).toBe(true)
    expect(isClose(-Infinity, Infinity)).toBe(false)
    expect(isClose(1e308, Infinity, { rel: 1 })).toBe(false)
    expect(isClose('1', 1)).toBe(false)
  })

  it('refuses meaningless tolerances', () => {
    expect(() => compareClose(1, 1, { rel: -1 })).toThrow(/non-negative/)
    expect(() => compareClose(1, 1, { abs: NaN })).toThrow(/non-negative/)
  })

  it('fails a test with the label and both values', () => {
    expect(() => expectClose(0, 1e-12, { rel: 1e-6 }, 'Q_p')).toThrow(/Q_p: 0 vs 1e-12/)
    expect(() => expectClose(1, 1, {}, 'x')).not.toThrow()
  })

  it('compares arrays element-wise and fails on a length difference', () => {
    expect(() => expectAllClose([1, 2], [1, 2])).not.toThrow()
    expect(() => expectAllClose([1, 2], [1, 2, 3], {}, 'surv')).toThrow(/surv: length 2 vs 3/)
    expect(() => expectAllClose([1, 2.1], [1, 2], { rel: 1e-3 }, 'surv')).toThrow(/surv\[1\]/)
    expect(() => expectAllClose(undefined, [1])).toThrow(/expected an array/)
  })
})
