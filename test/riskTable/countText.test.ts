import { describe, expect, it } from 'vitest'
import { countText } from '../../src/shared/riskTable/countText'

describe('countText', () => {
  it('reads whole numbers, grouped by commas or thin spaces', () => {
    expect(countText('0')).toEqual({ ok: true, nRisk: 0 })
    expect(countText('138')).toEqual({ ok: true, nRisk: 138 })
    expect(countText('1,234')).toEqual({ ok: true, nRisk: 1234 })
    expect(countText('12,345,678')).toEqual({ ok: true, nRisk: 12345678 })
    expect(countText('1 234')).toEqual({ ok: true, nRisk: 1234 })
    expect(countText('1\u2009234')).toEqual({ ok: true, nRisk: 1234 })
  })

  it('reads a number with its parenthesised count, spaced or not', () => {
    expect(countText('120 (5)')).toEqual({ ok: true, nRisk: 120, inParentheses: 5 })
    expect(countText('120(5)')).toEqual({ ok: true, nRisk: 120, inParentheses: 5 })
    expect(countText('1,024 (0)')).toEqual({ ok: true, nRisk: 1024, inParentheses: 0 })
  })

  it.each([
    ['1O', 'a letter for a digit'],
    ['—', 'a dash for "not reported"'],
    ['-', 'a hyphen'],
    ['12.5', 'a decimal'],
    ['007', 'a leading zero'],
    ['1,23', 'a comma that does not group thousands'],
    ['12 34', 'two numbers, not a thousands group'],
    ['(12)', 'only the parenthesised number'],
    ['12 (x)', 'a parenthesised non-number'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (text) => {
    expect(countText(text).ok).toBe(false)
  })
})
