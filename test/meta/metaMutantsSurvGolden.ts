import { readFileSync } from 'node:fs'

/**
 * Golden values written by test/golden/metaMutantsSurv.R (R's survival and metafor) for
 * test/meta/mutantsSurvivalAt.test.ts and mutantsSubgroups.test.ts; the tests never run R.
 * Compare with test/helpers/close.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const metaMutantsSurv: any = JSON.parse(
  readFileSync(new URL('../golden/metaMutantsSurv.json', import.meta.url), 'utf8'),
)
