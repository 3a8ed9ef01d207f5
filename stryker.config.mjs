// Mutation testing (issue 17): `npm run mutation`.
// - Mutates src/metrics and src/finance; one folder:  npm run mutation -- --mutate 'src/metrics/**/*.ts'
// - Runs the in-process unit tests listed in vitest.mutation.config.ts against each mutant
//   (per-test coverage: only the tests that reach a mutant run for it).
// - Incremental: results for unchanged code and tests are reused from
//   reports/mutation/stryker-incremental.json (delete it, or pass --force, for a full run).
// - Report: reports/mutation/mutation.html (open in a browser) and reports/mutation/mutation.json.
// - 2 workers: the machine has 2 cores. Not part of `npm test` or CI (minutes, not seconds).
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/metrics/**/*.ts', 'src/finance/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Every covering test runs against every mutant (no bail on the first failure), so the report
  // lists all the tests that kill each mutant: the score of any subset of the tests (e.g. the
  // suite before a change) is read off one run (scripts/mutation-score.ts).
  disableBail: true,
  // Mutants in module-level constants would need every test re-run per mutant; they are skipped
  // (and listed as "ignored" in the report).
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  // The machine is shared and loaded: generous timeouts so a slow run is not scored as a kill.
  timeoutMS: 5000,
  timeoutFactor: 2,
  // tsconfig.json has no `extends`/`references` for Stryker to rewrite, and TypeScript 7 (the
  // native compiler) has no JS API for Stryker to parse it with: point Stryker at no tsconfig.
  tsconfigFile: 'tsconfig.stryker-none.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
