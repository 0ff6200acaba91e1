import type { OcrWord } from '../ocr/ocrWord'
import type { PixelRect } from '../trace/types'
import { countText } from './countText'
import type { RiskCell, RiskProblem } from './types'

/**
 * The number in one cell of a risk table, from one or more independent readings of it (the words
 * read there by each), or the reason there is none. A number is taken only when at least `agree`
 * readings read that same number (and the same number in parentheses), no reading read another
 * number, more readings read it than read text that is no number ("a8" for a blurred "98", "1O"),
 * more than half of all the readings read it (a "0" through heavy JPEG read "1" twice and nothing
 * twice is not confirmed), and the surest of them is at least `minConfidence` sure; otherwise the
 * cell is reported with what was read, never guessed.
 *
 * When the first reading is the whole page's (`firstFromPage`; the others read the cell alone,
 * four of them when the page's was not sure), it is the weakest: read among its neighbours, a
 * digit of a small number is easily taken for another ("77" read "47"). Four readings of the cell
 * alone that all read one number, the surest of them at least `SURE` (90), outvote it. And when
 * the page read a letter in the cell ("a6" for a blurred "56"), the cell's own readings must
 * include such a sure one: otherwise they may all share one mistake ("36").
 */
export interface SettleOptions {
  /** Readings that must agree (default: 2 when there are two readings or more, else 1). */
  agree?: number
  /** Least OCR confidence (0–100) of the surest agreeing reading (default 50). */
  minConfidence?: number
  /** Whether the cell's place has any ink: "blank" rather than "missing" when it has none. */
  inked?: boolean
  /** The first reading is the whole page's, the others the cell's alone (see above). */
  firstFromPage?: boolean
}

/** A confidence (0–100) Tesseract gives only to clearly printed text. */
export const SURE = 90
/** Readings of the cell alone that, all alike and one of them sure, outvote the page's. */
const OUTVOTE = 4

export const DEFAULT_MIN_CONFIDENCE = 50

const fmt = (t: number) => String(Number(t.toPrecision(6)))

export function settleCell(
  time: number,
  box: PixelRect,
  given: readonly (readonly OcrWord[])[],
  opts: SettleOptions = {},
): { cell: RiskCell } | { problem: RiskProblem } {
  let readings = given
  const agree = opts.agree ?? (readings.length >= 2 ? 2 : 1)
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE
  const textOf = (ws: readonly OcrWord[]) =>
    [...ws]
      .sort((a, b) => a.box.x0 - b.box.x0)
      .map((w) => w.text)
      .join(' ')
  const page = opts.firstFromPage && readings.length > 1 ? readings[0] : []
  // A letter where the cell's digits are: the page took a digit's shape for another glyph.
  const pageMisread = /[A-Za-z]/.test(textOf(page))
  const own = readings.slice(1).map((ws) => countText(textOf(ws)))
  const ownKey = (c: (typeof own)[number]) => (c.ok ? `${c.nRisk}|${c.inParentheses ?? ''}` : '')
  if (
    page.length > 0 &&
    own.length >= OUTVOTE &&
    own.every((c) => c.ok && ownKey(c) === ownKey(own[0])) &&
    Math.max(...readings.slice(1).map((ws) => Math.min(...ws.map((w) => w.confidence)))) >= SURE
  ) {
    readings = [[], ...readings.slice(1)]
  }
  const seen = readings
    .filter((ws) => ws.length > 0)
    .map((ws) => {
      const sorted = [...ws].sort((a, b) => a.box.x0 - b.box.x0)
      const text = textOf(ws)
      return {
        text,
        parsed: countText(text),
        confidence: Math.min(...sorted.map((w) => w.confidence)),
        box: {
          x0: Math.floor(Math.min(...sorted.map((w) => w.box.x0))),
          y0: Math.floor(Math.min(...sorted.map((w) => w.box.y0))),
          x1: Math.ceil(Math.max(...sorted.map((w) => w.box.x1))),
          y1: Math.ceil(Math.max(...sorted.map((w) => w.box.y1))),
        },
      }
    })
  const at = `at ${fmt(time)}`
  if (seen.length === 0) {
    return opts.inked === false
      ? { problem: { code: 'blank', time, box, message: `nothing printed ${at}` } }
      : { problem: { code: 'missing', time, box, message: `no number could be read ${at}` } }
  }
  const numbers = seen.filter((s) => s.parsed.ok)
  const notNumbers = seen.filter((s) => !s.parsed.ok)
  const bad = notNumbers[0]
  if (bad && (numbers.length < Math.max(2, agree) || numbers.length <= notNumbers.length)) {
    const parts = bad.text.split(' ')
    const twoNumbers = parts.length > 1 && parts.every((t) => countText(t).ok)
    return {
      problem: twoNumbers
        ? {
            code: 'two-numbers',
            time,
            box: bad.box,
            text: bad.text,
            message: `two numbers under one tick ${at}: "${bad.text}"`,
          }
        : {
            code: 'not-a-number',
            time,
            box: bad.box,
            text: bad.text,
            message: `"${bad.text}" ${at} is not a whole number`,
          },
    }
  }
  const key = (s: (typeof seen)[number]) =>
    s.parsed.ok ? `${s.parsed.nRisk}|${s.parsed.inParentheses ?? ''}` : ''
  if (new Set(numbers.map(key)).size > 1) {
    const texts = [...new Set(numbers.map((s) => s.text))].map((t) => `"${t}"`).join(' or ')
    return {
      problem: {
        code: 'disagree',
        time,
        box: numbers[0].box,
        text: numbers[0].text,
        message: `read as ${texts} ${at}; the readings disagree`,
      },
    }
  }
  const best = numbers.reduce((a, b) => (b.confidence > a.confidence ? b : a))
  if (pageMisread && best.confidence < SURE) {
    return {
      problem: {
        code: 'low-confidence',
        time,
        box: best.box,
        text: best.text,
        message: `"${best.text}" ${at} was read "${textOf(page)}" among the other numbers and never surely alone: check it`,
      },
    }
  }
  const most = numbers.length * 2 > readings.length
  if (numbers.length < agree || !most || best.confidence < minConfidence) {
    return {
      problem: {
        code: 'low-confidence',
        time,
        box: best.box,
        text: best.text,
        message:
          numbers.length < agree || !most
            ? `"${best.text}" ${at} was read only ${numbers.length === 1 ? 'once' : `${numbers.length} times`} in ${readings.length} readings: not confirmed`
            : `"${best.text}" ${at} was not read surely enough to use`,
      },
    }
  }
  const parsed = best.parsed as Extract<typeof best.parsed, { ok: true }>
  return {
    cell: {
      time,
      nRisk: parsed.nRisk,
      ...(parsed.inParentheses !== undefined ? { inParentheses: parsed.inParentheses } : {}),
      box: numbers[0].box,
      confidence: best.confidence,
    },
  }
}
