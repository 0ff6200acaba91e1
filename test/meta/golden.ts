import { readFileSync } from 'node:fs'
import { expect } from 'vitest'

/** Golden values written by test/golden/meta.R (R + metafor); the tests never run R. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const golden: any = JSON.parse(
  readFileSync(new URL('../golden/meta.json', import.meta.url), 'utf8'),
)

/** Asserts |actual − expected| ≤ tol, treating null (R's NA) as a value that must match. */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  tol: number,
  label: string,
): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, label).toBeNull()
    return
  }
  expect(actual, label).not.toBeNull()
  expect(
    Math.abs((actual as number) - expected),
    `${label}: ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(tol)
}

/** Relative agreement, for values spanning many orders of magnitude (p-values, tails). */
export function expectRelClose(actual: number, expected: number, rel: number, label: string): void {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE)
  expect(
    Math.abs(actual - expected) / scale,
    `${label}: ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(rel)
}
