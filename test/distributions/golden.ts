import { readFileSync } from 'node:fs'

/**
 * R's values for the distribution functions, from the two golden files: test/golden/meta.json
 * (written by test/golden/meta.R) and test/golden/survival.json (test/golden/survival.R). The
 * tests never run R. Compare with test/helpers/close.ts.
 */
interface MetaDistributions {
  qnorm: { p: number; value: number }[]
  pnorm: { x: number; value: number; upper: number }[]
  qt: { p: number; df: number; value: number }[]
  pt: { x: number; df: number; value: number; upper: number }[]
  qchisq: { p: number; df: number; value: number }[]
  pchisq: { x: number; df: number; value: number; upper: number }[]
}

interface SurvivalDistributions {
  pnorm_upper: { x: number[]; p: number[] }
  qnorm: { p: number[]; q: number[] }
  pchisq_upper: { df: number; x: number[]; p: number[] }[]
}

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../golden/${name}`, import.meta.url), 'utf8'))

/** From test/golden/meta.R. */
export const metaGolden: MetaDistributions = read('meta.json').distributions
/** From test/golden/survival.R. */
export const survivalGolden: SurvivalDistributions = read('survival.json').distributions
