import { describe, expect, it } from 'vitest'
import { settleCell } from '../../src/shared/riskTable/settleCell'
import { word } from './words'

const box = { x0: 90, y0: 10, x1: 130, y1: 30 }
const w = (text: string, confidence = 95) => [word(text, 110, 20, confidence)]
const settle = (...readings: ReturnType<typeof w>[]) => settleCell(12, box, readings)
const code = (r: ReturnType<typeof settle>) => ('cell' in r ? r.cell.nRisk : r.problem.code)

describe('settleCell', () => {
  it('takes a number two readings agree on', () => {
    expect(code(settle(w('98'), w('98')))).toBe(98)
    expect(code(settle([], w('98'), w('98')))).toBe(98)
  })

  it('takes one reading when it is the only one there is', () => {
    expect(code(settle(w('98')))).toBe(98)
  })

  it('does not take a number read once among several readings', () => {
    const r = settle([], w('98'), [])
    expect(code(r)).toBe('low-confidence')
    expect('problem' in r && r.problem.message).toMatch(/read only once/)
  })

  it('does not take a number fewer than half of all the readings read', () => {
    // A "0" through heavy JPEG: two readings saw nothing, two read "1".
    const r = settle([], [], w('1'), w('1'))
    expect(code(r)).toBe('low-confidence')
    expect('problem' in r && r.problem.message).toMatch(/read only 2 times in 4 readings/)
    expect(code(settle([], w('1'), w('1'), w('1')))).toBe(1)
  })

  it('reports readings of different numbers, whatever their count', () => {
    expect(code(settle(w('41'), w('11'), w('11')))).toBe('disagree')
  })

  it('lets two agreeing numbers outvote one reading of no number, not two', () => {
    expect(code(settle(w('a8'), w('98'), w('98')))).toBe(98)
    expect(code(settle(w('1O'), w('10'), w('10'), w('1O')))).toBe('not-a-number')
  })

  it('reports an unsure reading', () => {
    expect(code(settle(w('98', 30), w('98', 40)))).toBe('low-confidence')
  })

  it('tells nothing printed from nothing read', () => {
    expect(code(settleCell(12, box, [[], []], { inked: false }))).toBe('blank')
    expect(code(settleCell(12, box, [[], []], { inked: true }))).toBe('missing')
  })

  it('compares the parenthesised number too', () => {
    expect(code(settle(w('120 (5)'), w('120(5)')))).toBe(120)
    expect(code(settle(w('120 (5)'), w('120 (6)')))).toBe('disagree')
  })
})
