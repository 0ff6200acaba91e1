/**
 * Writes test/golden/risca-example.csv: the inputs of the example review's pooled curves
 * (examples/metastasectomy, the All-studies curve and one per subgroup) in the layout of
 * `RISCA::survival.summary` — one row per study and grid time, `n_risk` the number at risk at the
 * start of the interval that ends at `time` (the study size for the first) — so that risca.R can
 * run the authors' code on exactly what kmpool pools. A study's rows stop at its last grid time
 * with survival and patients at risk, and at the first time its curve reaches 0 (RISCA needs each
 * study's times to be the first times of the grid, and divides by S at the previous time).
 *
 *   npx tsx test/golden/risca-example.ts && Rscript test/golden/risca.R
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { parseReviewFile } from '../../src/shared/model/reviewFile'
import type { CombescureStudy } from '../../src/shared/meta'
import { computeReview, curveInput } from '../../src/shared/review'

const DIR = resolve(import.meta.dirname, '../../examples/metastasectomy')
const OUT = resolve(import.meta.dirname, 'risca-example.csv')

/** A study's rows in RISCA's layout: [time, surv, n_risk at the start of the interval]. */
export function riscaRows(input: CombescureStudy, grid: readonly number[]): number[][] {
  const rows: number[][] = []
  for (let j = 0; j < grid.length; j++) {
    const s = input.surv[j]
    const n = j === 0 ? input.n : input.nRisk[j - 1]
    if (s === null || n === null || !(n > 0)) break
    rows.push([grid[j], s, n])
    if (s === 0) break
  }
  return rows
}

export function exampleReviewInputs(): string {
  const reviewPath = join(DIR, 'metastasectomy.kmreview')
  const review = parseReviewFile(readFileSync(reviewPath, 'utf8'), reviewPath)
  const result = computeReview({
    title: review.title,
    settings: review.settings,
    studies: review.studies.map((s) => ({
      path: s.path,
      included: s.included,
      reason: s.reason,
      study: parseStudyFile(readFileSync(join(DIR, s.path), 'utf8'), s.path),
      loadError: null,
    })),
  })
  const curves = result.curves!
  const lines = ['group,study,time,surv,n_risk']
  for (const g of curves.groups) {
    for (const p of result.studies) {
      if (p.excludedReason !== null || (!g.overall && p.subgroup !== g.subgroup)) continue
      const input = curveInput(p, curves.grid)
      if (!input) continue
      for (const [t, s, n] of riscaRows(input, curves.grid)) {
        lines.push(`"${g.label}","${p.label}",${t},${s},${n}`)
      }
    }
  }
  return lines.join('\n') + '\n'
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(OUT, exampleReviewInputs())
}
