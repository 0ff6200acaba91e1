import Papa from 'papaparse'
import { InputError } from './inputError'

/** A delimited text table as read from a file, with every cell still a string. */
export interface Table {
  source: string
  /** Lower-cased, trimmed column names, or null when the first row holds data. */
  header: string[] | null
  rows: string[][]
  /** The 1-based line of the file that each row came from, for messages. */
  lines: number[]
  delimiter: ',' | ';' | '\t' | ' '
  decimal: '.' | ','
}

/**
 * The most rows a table may have, in the app and the CLI alike (both read tables with parseTable):
 * far above any trial's IPD, and read in a few seconds. The size of the file is bounded before,
 * by the reader (READ_LIMITS.table in src/node/boundedRead.ts).
 */
export const MAX_TABLE_ROWS = 200_000

const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/
const DECIMAL_POINT = /^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$/
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

function countOutsideQuotes(line: string, ch: string): number {
  let inQuotes = false
  let n = 0
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes
    else if (!inQuotes && c === ch) n++
  }
  return n
}

function detectDelimiter(lines: string[]): Table['delimiter'] {
  const sample = lines.slice(0, 200)
  // A semicolon or a tab only separates columns; a comma may be a decimal separator in files from
  // European spreadsheets, so it is the delimiter only when neither of the others occurs.
  if (sample.some((l) => countOutsideQuotes(l, ';') > 0)) return ';'
  if (sample.some((l) => countOutsideQuotes(l, '\t') > 0)) return '\t'
  if (sample.some((l) => countOutsideQuotes(l, ',') > 0) && !blankWithDecimalCommas(sample)) {
    return ','
  }
  return ' '
}

/**
 * Whether every line has blank-separated fields whose only commas are decimal commas, as in
 * `0,5 0,93`: a comma-separated file has a field with a comma that is not one (`0,1` is one
 * field; `0, 1` has the field `0,`).
 */
function blankWithDecimalCommas(lines: string[]): boolean {
  return lines.every((l) => {
    const fields = l.trim().split(/\s+/)
    return fields.length >= 2 && fields.every((f) => !f.includes(',') || DECIMAL_COMMA.test(f))
  })
}

/**
 * Reads a delimited table: comma, semicolon, tab or blank separated, optional header row, quoted
 * fields, a byte-order mark, CRLF line ends, at most MAX_TABLE_ROWS rows. Semicolon-, tab- and
 * blank-separated files may use decimal commas (European spreadsheets); a file that mixes decimal
 * commas and decimal points is ambiguous and refused, as is a row whose number of fields differs
 * from the others.
 */
export function parseTable(text: string, source: string): Table {
  const clean = text.replace(/^\uFEFF/, '')
  const rawLines = clean.split(/\r\n|\n|\r/)
  // One more line for a header, one for the empty string after a final line break.
  if (rawLines.length > MAX_TABLE_ROWS + 2) {
    throw new InputError(
      source,
      null,
      `has ${rawLines.length} lines, more than the ${MAX_TABLE_ROWS} rows kmpool reads from a table`,
    )
  }
  const nonEmpty = rawLines.filter((l) => l.trim() !== '')
  if (nonEmpty.length === 0) throw new InputError(source, null, 'the file is empty')
  const delimiter = detectDelimiter(nonEmpty)

  const rows: string[][] = []
  const lines: number[] = []
  rawLines.forEach((line, i) => {
    if (line.trim() === '') return
    const cells =
      delimiter === ' '
        ? line.trim().split(/\s+/)
        : (Papa.parse<string[]>(line, { delimiter, quoteChar: '"' }).data[0] ?? [])
    rows.push(cells.map((c) => c.trim()))
    lines.push(i + 1)
  })

  const width = rows[0].length
  rows.forEach((r, i) => {
    if (r.length !== width) {
      const hint =
        delimiter === ','
          ? ' (if the file uses decimal commas, separate its columns with semicolons)'
          : ''
      throw new InputError(
        source,
        lines[i],
        `${r.length} fields where the first row has ${width}${hint}`,
      )
    }
  })

  const firstIsHeader = rows[0].some((c) => c !== '' && !NUMBER.test(c) && !DECIMAL_COMMA.test(c))
  const header = firstIsHeader ? rows[0].map((c) => c.toLowerCase()) : null
  const dataRows = firstIsHeader ? rows.slice(1) : rows
  const dataLines = firstIsHeader ? lines.slice(1) : lines

  let decimal: Table['decimal'] = '.'
  if (delimiter !== ',') {
    let commaAt = -1
    let pointAt = -1
    dataRows.forEach((r, i) => {
      for (const c of r) {
        if (commaAt < 0 && DECIMAL_COMMA.test(c)) commaAt = i
        if (pointAt < 0 && DECIMAL_POINT.test(c)) pointAt = i
      }
    })
    if (commaAt >= 0 && pointAt >= 0) {
      throw new InputError(
        source,
        null,
        `mixes decimal commas (row ${dataLines[commaAt]}) and decimal points (row ${dataLines[pointAt]}); save it with one decimal separator`,
      )
    }
    if (commaAt >= 0) decimal = ','
  }

  return { source, header, rows: dataRows, lines: dataLines, delimiter, decimal }
}

/** Parses one cell of a table as a finite number, or throws an InputError naming the row. */
export function cellNumber(table: Table, row: number, col: number, what: string): number {
  const raw = table.rows[row][col]
  const line = table.lines[row]
  if (raw === undefined || raw === '' || raw.toUpperCase() === 'NA') {
    throw new InputError(table.source, line, `${what} is missing`)
  }
  const text = table.decimal === ',' ? raw.replace(',', '.') : raw
  if (!NUMBER.test(text)) {
    const hint = /\d[.,]\d{3}[.,]/.test(raw) ? ' (thousands separators are not supported)' : ''
    throw new InputError(table.source, line, `${what} "${raw}" is not a number${hint}`)
  }
  const value = Number(text)
  if (!Number.isFinite(value)) {
    throw new InputError(table.source, line, `${what} "${raw}" is not a finite number`)
  }
  return value
}

/**
 * The index of the first column whose header is one of `names`; otherwise `fallback` (the column's
 * position in the documented layout, used for files without a header or with other names), or -1.
 */
export function columnIndex(table: Table, names: string[], fallback: number | null): number {
  const named = table.header ? table.header.findIndex((h) => names.includes(h)) : -1
  if (named >= 0) return named
  if (fallback === null || fallback >= (table.rows[0]?.length ?? 0)) return -1
  return fallback
}

/** A number as a CSV cell may hold it (the same as NUMBER, with the exponent forms JS writes). */
const NUMERIC_CELL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * One cell of a CSV file kmpool writes. Text that a spreadsheet would run as a formula (it starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a number) gets a leading `'`,
 * as OWASP's "CSV injection" advice says: a study label `=HYPERLINK(…)` from someone else's file
 * is then shown as text. Text with a comma, a quote or a line break is quoted (RFC 4180). Numbers
 * are written in full (the shortest exact decimal); a missing or non-finite value is empty.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = /^[=+\-@\t\r]/.test(value) && !NUMERIC_CELL.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A number to `digits` decimals (4 for proportions, 2 for weights); missing or non-finite: empty. */
export function csvFixed(value: number | null | undefined, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : ''
}

/**
 * A p-value to 3 significant digits, so that a tiny one keeps its exponent (3.41e-12, where 4
 * decimals would write 0.0000); missing or non-finite: empty.
 */
export function csvPValue(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value)
    ? String(Number(value.toPrecision(3)))
    : ''
}

/** A CSV file: a header and rows of cells already made by csvCell, LF line ends, final LF. */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`
}
