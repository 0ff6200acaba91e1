import type { OcrWord } from '../ocr/ocrWord'

/** Words that share a line of text, left to right. */
export interface WordRow {
  words: OcrWord[]
  /** Vertical centre of the line and the union of its words' boxes, in image pixels. */
  yc: number
  box: { x0: number; y0: number; x1: number; y1: number }
}

const centreY = (w: OcrWord) => (w.box.y0 + w.box.y1) / 2
const height = (w: OcrWord) => w.box.y1 - w.box.y0

/**
 * Groups words into lines: a word joins the line above it when its vertical centre lies within
 * 0.45 of the line's median word height of the line's centre (lines of a table are at least
 * about 1.2 text heights apart, and a word's box grows by a descender or a parenthesis on one side
 * only). Lines come back top to bottom, their words left to right.
 */
export function wordRows(words: readonly OcrWord[]): WordRow[] {
  const sorted = [...words].sort((a, b) => centreY(a) - centreY(b))
  const rows: OcrWord[][] = []
  for (const w of sorted) {
    const row = rows[rows.length - 1]
    if (row) {
      const hs = row.map(height).sort((a, b) => a - b)
      const h = hs[Math.floor(hs.length / 2)]
      const yc = row.reduce((s, x) => s + centreY(x), 0) / row.length
      if (Math.abs(centreY(w) - yc) <= 0.45 * Math.max(h, height(w))) {
        row.push(w)
        continue
      }
    }
    rows.push([w])
  }
  return rows.map((row) => {
    const ws = row.sort((a, b) => a.box.x0 - b.box.x0)
    return {
      words: ws,
      yc: ws.reduce((s, x) => s + centreY(x), 0) / ws.length,
      box: {
        x0: Math.min(...ws.map((w) => w.box.x0)),
        y0: Math.min(...ws.map((w) => w.box.y0)),
        x1: Math.max(...ws.map((w) => w.box.x1)),
        y1: Math.max(...ws.map((w) => w.box.y1)),
      },
    }
  })
}
