import { readFileSync } from 'node:fs'

/**
 * Golden values written by test/golden/meta.R (R + metafor); the tests never run R. Compare with
 * test/helpers/close.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const golden: any = JSON.parse(
  readFileSync(new URL('../golden/meta.json', import.meta.url), 'utf8'),
)
