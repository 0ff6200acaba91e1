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

/** The words of a line that are not numbers: a published row's arm label ("Female", "RT + C"). */
function labelOf(line: string): string | null {
  const words = line
    .split(/[\t;,]|\s+/)
    .map((cell) => cell.trim())
    .filter((cell) => cell !== '' && !NUMBER.test(cell))
  const label = words
    .join(' ')
    .replace(/[:=]+$/, '')
    .trim()
  return label === '' ? null : label
}

const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1])

/** One arm's row of a pasted table: its label as printed, and its numbers at risk. */
export interface PastedArm {
  label: string | null
  counts: number[]
}

/**
 * Reads a pasted number-at-risk table of several arms, as it is printed under a figure: one line
 * per arm, each its label and its numbers ("Female 90 70 30 15 6 1 0" over "Male 138 86 35 17 7 2
 * 0"), optionally under a line of the times ("0 6 12 … 36", unlabelled and increasing). Null when
 * the text is not that: a single line, two columns of a spreadsheet, a line of times over one of
 * counts (parseRiskPaste reads those).
 */
export function parseRiskArms(text: string): { times: number[] | null; arms: PastedArm[] } | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => ({ label: labelOf(line), counts: numbersOf(line) }))
    .filter((row) => row.counts.length > 0)
  const header =
    lines.length > 2 &&
    lines[0].label === null &&
    lines[0].counts[0] >= 0 &&
    increasing(lines[0].counts)
  const times = header ? lines[0].counts : null
  const arms = header ? lines.slice(1) : lines
  if (arms.length < 2 || arms.some((row) => row.counts.length < 2)) return null
  // Two numbers a line without labels is a spreadsheet's time and count columns.
  if (arms.every((row) => row.counts.length === 2 && row.label === null)) return null
  // An unlabelled increasing line over another is times over counts.
  if (!header && arms.length === 2 && arms[0].label === null && increasing(arms[0].counts))
    return null
  return { times, arms }
}

/** The label of a pasted single row ("Radiotherapy 213 122 …" → "Radiotherapy"), if it has one. */
export function pastedRowLabel(text: string): string | null {
  const lines = text.split(/\r?\n/).filter((line) => numbersOf(line).length > 0)
  return lines.length === 1 ? labelOf(lines[0]) : null
}

/** A curve's name as kmpool gives it ("Arm 2"), which a pasted label may replace. */
export const isDefaultName = (name: string) => name.trim() === '' || /^Arm \d+$/.test(name.trim())

/**
 * How many times a row of numbers at risk is impossible under a curve: more patients still at risk
 * at time t, as a share of those at time 0, than the curve's survival just before t (censoring can
 * only lower the share), allowing 0.1 for digitizing and rounding. A row pasted onto the wrong arm
 * usually breaks it where the arms differ most.
 */
export function riskViolations(
  rows: { time: number; nRisk: number }[],
  points: { time: number; surv: number }[],
): number {
  const first = rows.find((r) => r.time === 0)
  if (!first || first.nRisk <= 0 || points.length < 2) return 0
  const sorted = [...points].sort((a, b) => a.time - b.time)
  const last = sorted[sorted.length - 1].time
  let violations = 0
  for (const r of rows) {
    if (r.time <= 0 || r.time > last) continue
    let surv = 1
    for (const p of sorted) if (p.time < r.time) surv = p.surv
    if (r.nRisk / first.nRisk > surv + 0.1) violations++
  }
  return violations
}
