import fc from 'fast-check'
import { expect } from 'vitest'

/**
 * A fixed seed keeps CI reproducible; FUZZ_SEED replays or varies it and FUZZ_SCALE multiplies
 * the number of runs for a longer hunt (`FUZZ_SCALE=50 npx vitest run test/fuzz`). On a failure
 * fast-check reports the seed and the shrunk counterexample's path, which replay it exactly.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_607)
const SCALE = Number(process.env.FUZZ_SCALE ?? 1)

export function fuzz(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * SCALE)) }
}

/** A message a user can act on: some text, on one line. */
export function expectOneLine(message: string): void {
  expect(message.trim()).not.toBe('')
  expect(message).not.toMatch(/[\r\n]/)
}

/** Every number anywhere in `value` is finite (NaN and ±Infinity are bugs in an output). */
export function expectAllFinite(value: unknown, path = 'output'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) expect.fail(`${path} is ${value}`)
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => expectAllFinite(v, `${path}[${i}]`))
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) expectAllFinite(v, `${path}.${k}`)
  }
}

/**
 * Runs `fn` and sorts its outcome: a result, or one of the `expected` errors (whose message must
 * be a clear one-liner). Any other exception is rethrown, which fails the property with it.
 */
export function outcome<T>(
  fn: () => T,
  expected: readonly (abstract new (...args: never[]) => Error)[],
): { ok: true; value: T } | { ok: false; error: Error } {
  try {
    return { ok: true, value: fn() }
  } catch (e) {
    if (expected.some((cls) => e instanceof cls)) {
      expectOneLine((e as Error).message)
      return { ok: false, error: e as Error }
    }
    throw e
  }
}
