import { defineConfig } from 'vitest/config'

/**
 * The tests Stryker runs against each mutant (`npm run mutation`, see docs/mutation.md): the fast
 * unit tests of the folder of src/shared being mutated, which scripts/mutation.mjs names in
 * MUTATION_FOLDER (all four folders' tests when it is unset). Not e2e, not the bench, not the
 * figure tracer, not the review and CLI pipelines: on two shared cores each mutant must run in
 * seconds, and a test elsewhere that fails for its own reasons must not stop the run.
 */
const TESTS: Record<string, string[]> = {
  // rmstContrast is checked against survRM2 in the one-stage review's tests.
  survival: [
    'test/survival/**/*.test.ts',
    'test/fuzz/survival.test.ts',
    'test/review/oneStage.test.ts',
  ],
  meta: ['test/meta/**/*.test.ts', 'test/pool/**/*.test.ts'],
  reconstruct: ['test/reconstruct/**/*.test.ts', 'test/fuzz/reconstruct.test.ts'],
  pool: ['test/pool/**/*.test.ts'],
}

const folder = process.env.MUTATION_FOLDER
if (folder !== undefined && !(folder in TESTS)) {
  throw new Error(`MUTATION_FOLDER must be one of ${Object.keys(TESTS).join(', ')}, got ${folder}`)
}

/**
 * Test files to leave out, comma-separated (MUTATION_SKIP): Stryker stops when a test fails
 * before any mutation, so a test that fails on its own (work in progress) must be set aside and
 * the run's report says so.
 */
const skip = (process.env.MUTATION_SKIP ?? '').split(',').filter(Boolean)

/**
 * Test files to run instead of the folder's, comma-separated paths or globs (MUTATION_TESTS, set
 * by `npm run mutation -- <folder> --tests …`): a quick measure of one source file with the tests
 * written for it. Mutants those tests miss count as survived.
 */
const only = (process.env.MUTATION_TESTS ?? '').split(',').filter(Boolean)

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    // Two cores are shared; Stryker runs one vitest at a time and vitest one test file at a time.
    maxWorkers: 1,
    include:
      only.length > 0
        ? only
        : folder === undefined
          ? [...new Set(Object.values(TESTS).flat())]
          : TESTS[folder],
    exclude: ['**/node_modules/**', ...skip],
  },
})
