import type { RiskCell, RiskProblem } from './types'

/**
 * The checks a row of numbers at risk must pass, as problems on the cells that fail them: the
 * number at risk never rises with time (a rise is a misread cell or a misplaced row), and never
 * exceeds the arm's number of patients N, when N is known.
 */
export function rowChecks(cells: readonly RiskCell[], totalN?: number): RiskProblem[] {
  const problems: RiskProblem[] = []
  const fmt = (t: number) => String(Number(t.toPrecision(6)))
  cells.forEach((c, i) => {
    const prev = cells[i - 1]
    if (prev && c.nRisk > prev.nRisk) {
      // Either number may be the misread one: both are flagged.
      problems.push({
        code: 'rises',
        time: prev.time,
        box: prev.box,
        text: String(prev.nRisk),
        message: `${prev.nRisk} at ${fmt(prev.time)} is less than ${c.nRisk} at ${fmt(c.time)}: numbers at risk only fall`,
      })
      problems.push({
        code: 'rises',
        time: c.time,
        box: c.box,
        text: String(c.nRisk),
        message: `${c.nRisk} at ${fmt(c.time)} is more than ${prev.nRisk} at ${fmt(prev.time)}: numbers at risk only fall`,
      })
    }
    if (totalN !== undefined && c.nRisk > totalN) {
      problems.push({
        code: 'exceeds-n',
        time: c.time,
        box: c.box,
        text: String(c.nRisk),
        message: `${c.nRisk} at ${fmt(c.time)} is more than the arm's ${totalN} patients`,
      })
    }
  })
  return problems
}
