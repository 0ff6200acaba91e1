/**
 * The one-stage section as CSV (issue 16), written by `kmpool review` and the app's export beside
 * ipd.csv, from the same patients: hazard ratios and RMST to 4 decimals, p-values to 3
 * significant digits (tiny ones keep their exponent), an empty cell where a value is missing.
 */
import { csvCell, csvFixed, csvPValue, formatCsv } from '../formats/table'
import { OBSERVATIONAL, type OneStageResult } from './oneStage'

/** `comparison,model,hr,lower,upper,p_wald,p_lr,ph_p`, one row per Cox model. */
export function oneStageCsv(one: OneStageResult): string {
  return formatCsv(
    ['comparison', 'model', 'hr', 'lower', 'upper', 'p_wald', 'p_lr', 'ph_p'],
    one.cox.map((r) => [
      csvCell(r.comparison),
      csvCell(r.observational ? `${r.model} (${OBSERVATIONAL})` : r.model),
      csvFixed(r.hr, 4),
      csvFixed(r.lower, 4),
      csvFixed(r.upper, 4),
      csvPValue(r.pWald),
      csvPValue(r.pLR),
      csvPValue(r.phP),
    ]),
  )
}

/**
 * `study,subgroup,arm,tau,rmst,se`: each study's arms, each two-arm study's difference (other arm
 * − reference arm, named in `arm`), then rows with study `pooled`: the differences pooled
 * (two-stage random effects; one-stage stratified) and each subgroup's pooled RMST.
 */
export function rmstCsv(one: OneStageResult): string {
  return formatCsv(
    ['study', 'subgroup', 'arm', 'tau', 'rmst', 'se'],
    one.rmst.map((r) => [
      csvCell(r.study),
      csvCell(r.subgroup),
      csvCell(r.arm),
      r.tau === null ? csvCell(r.tau) : String(Number(r.tau.toFixed(4))),
      csvFixed(r.rmst, 4),
      csvFixed(r.se, 4),
    ]),
  )
}
