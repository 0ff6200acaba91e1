import { expect } from 'vitest'

/**
 * The one numeric comparator of the test suite, after simple-statistics' `approx_equal`: two
 * numbers agree when |actual − expected| ≤ rel·|expected|, or ≤ abs where a test states an
 * absolute floor because the expected value may be 0 (a survival that reaches 0, τ² truncated at
 * 0). The default is relative only, so a tiny p-value keeps its significant digits: p = 0 never
 * matches p = 1e-12.
 *
 * `null` (R's NA) matches only `null`; `undefined` matches nothing, so a missing field is a failure
 * rather than a silent "must be absent"; NaN matches nothing; ±Infinity matches only itself.
 */
export interface Tolerance {
  /** Relative tolerance, as a fraction of |expected|. Default 1e-8. */
  rel?: number
  /** Absolute floor, for values that may be 0. Default 0 (none). */
  abs?: number
}

export const DEFAULT_REL = 1e-8

export type Closeness = { ok: true } | { ok: false; why: string }

export function compareClose(actual: unknown, expected: unknown, tol: Tolerance = {}): Closeness {
  const rel = tol.rel ?? DEFAULT_REL
  const abs = tol.abs ?? 0
  if (!(rel >= 0) || !(abs >= 0)) throw new Error('tolerances must be non-negative numbers')
  if (expected === undefined) return { ok: false, why: 'the expected value is undefined' }
  if (actual === undefined) return { ok: false, why: 'the actual value is undefined' }
  if (expected === null || actual === null) {
    return actual === expected
      ? { ok: true }
      : { ok: false, why: `${String(actual)} vs ${String(expected)} (null matches only null)` }
  }
  if (typeof actual !== 'number' || typeof expected !== 'number') {
    return { ok: false, why: `not numbers: ${typeof actual} vs ${typeof expected}` }
  }
  if (Number.isNaN(actual) || Number.isNaN(expected)) {
    return { ok: false, why: `NaN matches nothing: ${actual} vs ${expected}` }
  }
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) {
    return actual === expected ? { ok: true } : { ok: false, why: `${actual} vs ${expected}` }
  }
  const diff = Math.abs(actual - expected)
  const allowed = Math.max(rel * Math.abs(expected), abs)
  return diff <= allowed
    ? { ok: true }
    : {
        ok: false,
        why: `${actual} vs ${expected}: difference ${diff.toExponential(3)} above ${allowed.toExponential(3)} (rel ${rel}, abs ${abs})`,
      }
}

export function isClose(actual: unknown, expected: unknown, tol: Tolerance = {}): boolean {
  return compareClose(actual, expected, tol).ok
}

/** Fails the test, naming `label`, unless `actual` and `expected` agree under `tol`. */
export function expectClose(
  actual: unknown,
  expected: unknown,
  tol: Tolerance = {},
  label = 'value',
): void {
  const c = compareClose(actual, expected, tol)
  if (!c.ok) expect.fail(`${label}: ${c.why}`)
}

/**
 * Element-wise `expectClose` over arrays of equal length (a length difference fails: a dropped
 * row must not pass).
 */
export function expectAllClose(
  actual: readonly unknown[] | undefined | null,
  expected: readonly unknown[],
  tol: Tolerance = {},
  label = 'values',
): void {
  if (!Array.isArray(actual)) expect.fail(`${label}: expected an array, got ${String(actual)}`)
  if (actual.length !== expected.length) {
    expect.fail(`${label}: length ${actual.length} vs ${expected.length}`)
  }
  expected.forEach((e, i) => expectClose(actual[i], e, tol, `${label}[${i}]`))
}
