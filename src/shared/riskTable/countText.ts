/**
 * The number a cell of a number-at-risk table prints, from the text read there. Published tables
 * print whole numbers, grouped in thousands by a comma ("1,234") or, in some journals (The
 * Lancet), a thin space ("1 234"), and some print a second number in parentheses after each one
 * ("120 (5)": censored, or events, as the header says). Anything else — a letter where a digit
 * should be ("1O"), a dash for "not reported" ("—"), a decimal, a leading zero — is not read as a
 * number: a misread cell must be shown to a person, never turned into a plausible number.
 */
export type CountText =
  { ok: true; nRisk: number; inParentheses?: number } | { ok: false; reason: string }

/** A whole number ≥ 0: plain digits without a leading zero, or grouped in thousands. */
const WHOLE = /^(?:0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d{0,2}(?: \d{3})+)$/

function whole(text: string): number | null {
  if (!WHOLE.test(text)) return null
  const n = Number(text.replace(/[, ]/g, ''))
  return Number.isSafeInteger(n) ? n : null
}

/**
 * Reads a cell's text (its words joined by single spaces). Thin and no-break spaces count as
 * spaces; the parenthesised number may touch the first ("120(5)").
 */
export function countText(raw: string): CountText {
  const text = raw
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (text === '') return { ok: false, reason: 'nothing read' }
  const paren = /^(.*?) ?\(([^()]*)\)$/.exec(text)
  if (paren) {
    if (paren[1] === '') return { ok: false, reason: 'only a number in parentheses' }
    const nRisk = whole(paren[1])
    const inParentheses = whole(paren[2])
    if (nRisk === null || inParentheses === null) return { ok: false, reason: 'not a whole number' }
    return { ok: true, nRisk, inParentheses }
  }
  const nRisk = whole(text)
  return nRisk === null ? { ok: false, reason: 'not a whole number' } : { ok: true, nRisk }
}

/** Whether a word could be (part of) a cell: it has a digit and nothing but digits and marks. */
export function looksNumeric(text: string): boolean {
  return /\d/.test(text) && /^[\d,.()\s\u00a0\u2009\u202f'’-]+$/.test(text)
}
