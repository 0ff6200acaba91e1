import type { RiskCell } from './types'

/**
 * A cell whose readings disagree, settled by its row when the row leaves one of the numbers read
 * possible: the number at risk never rises with time, so it lies between the row's nearest
 * numbers read for sure on either side (at most the one before, at least the one after), and a
 * count printed in parentheses (the cumulative number censored, The Lancet) never falls. The
 * number kept must be one the readings read — never one made up to fit — read by at least two
 * readings, one of them sure (SURE, 90), and by no fewer readings than any number the row rules
 * out ("75" read four times and "15" twice, between nothing and 47: 75). Otherwise, or when two
 * numbers read both fit, the cell stays unsettled.
 */

/** One number the readings of a cell read: how many read it, and the surest of them (0–100). */
export interface ReadAlternative {
  nRisk: number
  inParentheses?: number
  readings: number
  confidence: number
}

/** The confidence (0–100) one of the readings of the number kept must reach. */
const SURE = 90

/**
 * The number the row allows among `alternatives`, or null. `before` and `after` are the row's
 * nearest numbers read for sure left and right of the cell (either may be absent); null too when
 * neither is given.
 */
export function settleByRow(
  alternatives: readonly ReadAlternative[],
  before: Pick<RiskCell, 'nRisk' | 'inParentheses'> | undefined,
  after: Pick<RiskCell, 'nRisk' | 'inParentheses'> | undefined,
): ReadAlternative | null {
  if (!before && !after) return null
  const fits = (a: ReadAlternative) =>
    (!before || a.nRisk <= before.nRisk) &&
    (!after || a.nRisk >= after.nRisk) &&
    (a.inParentheses === undefined ||
      ((before?.inParentheses === undefined || a.inParentheses >= before.inParentheses) &&
        (after?.inParentheses === undefined || a.inParentheses <= after.inParentheses)))
  const kept = alternatives.filter(fits)
  if (kept.length !== 1) return null
  const [one] = kept
  const most = Math.max(...alternatives.filter((a) => a !== one).map((a) => a.readings), 0)
  return one.readings >= 2 && one.confidence >= SURE && one.readings >= most ? one : null
}
