/** A number-at-risk table as pasted, before it is placed into a curve's grid. */
export interface PastedRisk {
  /** The times, when the paste had them (two columns, or a row of times over a row of counts). */
  times: number[] | null
  counts: number[]
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/

function numbersOf(line: string): number[] {
  return line
    .split(/[\t;,]|\s+/)
    .map((cell) => cell.trim())
    .filter((cell) => NUMBER.test(cell))
    .map(Number)
}

/**
 * Reads what a reviewer pastes into a risk table: from a spreadsheet (two columns time and
 * number at risk, or one column of counts), or a line of the published table ("Radiotherapy 213
 * 122 80 51 30 10", labels ignored), or two such lines, times over counts. Null when the text has
 * no numbers at all.
 */
export function parseRiskPaste(text: string): PastedRisk | null {
  const lines = text
    .split(/\r?\n/)
    .map(numbersOf)
    .filter((row) => row.length > 0)
  if (lines.length === 0) return null
  if (lines.length > 1 && lines.every((row) => row.length === 2)) {
    return { times: lines.map((r) => r[0]), counts: lines.map((r) => r[1]) }
  }
  if (lines.length === 2 && lines[0].length === lines[1].length && lines[0].length > 2) {
    return { times: lines[0], counts: lines[1] }
  }
  if (lines.every((row) => row.length === 1)) return { times: null, counts: lines.map((r) => r[0]) }
  if (lines.length === 1) return { times: null, counts: lines[0] }
  return { times: null, counts: lines.flat() }
}
