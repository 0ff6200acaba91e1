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

  describe('with the page’s reading first (firstFromPage)', () => {
    const page = (...readings: ReturnType<typeof w>[]) =>
      settleCell(12, box, readings, { firstFromPage: true })

    it('lets four sure, alike readings of the cell alone outvote the page’s', () => {
      // Dev seed 3026 (NEJM, JPEG 0.51): the page read "47", the cell alone "77" four times.
      expect(code(page(w('47', 8), w('77', 96), w('77', 96), w('77', 96), w('77', 94)))).toBe(77)
      // Not when none of them is sure, nor when one of them reads another number.
      expect(code(page(w('47'), w('77', 89), w('77', 89), w('77', 88), w('77', 81)))).toBe(
        'disagree',
      )
      expect(code(page(w('47'), w('77'), w('77'), w('77'), w('71')))).toBe('disagree')
      // Nor when the first reading is not the page's.
      expect(code(settle(w('47', 8), w('77'), w('77'), w('77'), w('77')))).toBe('disagree')
    })

    it('does not take a number the page read with a letter unless the cell was read surely', () => {
      // Dev seed 4115 (JAMA, 11 px, JPEG 0.48): "56" read "a6" by the page, "36" by the rest.
      const r = page(w('a6', 54), w('36', 68), w('36', 83), w('36', 83), w('36', 88))
      expect(code(r)).toBe('low-confidence')
      expect('problem' in r && r.problem.message).toMatch(/read "a6"/)
      expect(code(page(w('a6', 54), w('36', 68), w('36', 83), w('36', 83), w('36', 95)))).toBe(36)
      // Parentheses misread are no letters: "2318)" for "23 (8)".
      expect(code(page(w('2318)', 47), w('23(8)', 61), w('23(8)', 47), w('23(8)', 12)))).toBe(23)
    })
  })
})
