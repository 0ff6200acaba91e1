/**
 * A tick label's number as printed: digits with at most one decimal separator, a point or (in
 * much of Europe) a comma, optionally followed by "%"; a separator with no digit after it is
 * dropped. Anything else (letters, signs, a second
 * separator, a leading zero before a digit such as "05", which is a dropped decimal point far more
 * often than a label) is not a number here: a label is read exactly or not at all.
 *
 * `comma` says how to read a comma: as a decimal separator ("0,25"), or as a thousands separator
 * ("1,000", only before groups of three digits). An axis is read both ways and the reading whose
 * labels are evenly spaced wins (see fitAxis).
 */
export interface TickLabel {
  value: number
  percent: boolean
}

export function parseTickLabel(text: string, comma: 'decimal' | 'thousands'): TickLabel | null {
  // A separator after the last digit ("40.") is a speck read as a point, not part of a number.
  const t = text.trim().replace(/(\d)[.,](%?)$/, '$1$2')
  const m = /^(\d+(?:[.,]\d+)*)(%?)$/.exec(t)
  if (!m) return null
  let body = m[1]
  if (comma === 'thousands') {
    if (body.includes(',')) {
      if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(body)) return null
      body = body.replace(/,/g, '')
    }
  } else {
    if (body.includes(',') && body.includes('.')) return null
    body = body.replace(',', '.')
  }
  if ((body.match(/\./g) ?? []).length > 1) return null
  if (/^0\d/.test(body)) return null
  const value = Number(body)
  if (!Number.isFinite(value)) return null
  return { value, percent: m[2] === '%' }
}
