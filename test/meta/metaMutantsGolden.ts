import { readFileSync } from 'node:fs'

/**
 * Golden values written by test/golden/metaMutants.R (R's uniroot and metafor) for the
 * test/meta/mutants*.test.ts files; the tests never run R. Compare with test/helpers/close.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const metaMutants: any = JSON.parse(
  readFileSync(new URL('../golden/metaMutants.json', import.meta.url), 'utf8'),
)
