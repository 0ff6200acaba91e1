// @ts-check
/**
 * Mutation testing of the numerical core (issue 17). Run through `npm run mutation`
 * (scripts/mutation.mjs), which runs Stryker once per folder of src/shared and overrides
 * `mutate`, `incrementalFile` and the JSON report's file name; see docs/mutation.md.
 * Stryker 9 (Stryker 10 needs Node 22).
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  // Each mutant runs only the tests that reached it in the dry run.
  coverageAnalysis: 'perTest',
  // Two CPU cores are shared with other work: one test runner at a time.
  concurrency: 1,
  // Results of unchanged mutants (same code, same tests) are reused from the previous run.
  incremental: true,
  reporters: ['json', 'clear-text', 'progress-append-only'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // A mutant that makes a loop endless is a timeout (counted as detected) after 1.5 × its tests'
  // own time + 8 s.
  timeoutMS: 8_000,
  timeoutFactor: 1.5,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: ['out', 'dist', 'coverage', 'test-artifacts', 'reports', '.stryker-tmp*'],
  thresholds: { high: 90, low: 85, break: null },
}

export default config
