// Mutation testing (issue 17 item 4). Run it through `npm run mutation` (scripts/mutation.ts):
//   npm run mutation                       every folder of mutation.folders.mjs, one after another
//   npm run mutation -- --folder finance   one folder (metrics, finance, calibrate, model, engine)
//   npm run mutation -- --folder finance --full    ignore the incremental file, run every mutant
// Any other option is passed to `stryker run`.
// - Each folder is mutated with its own fast in-process tests (mutation.folders.mjs, read by
//   vitest.mutation.config.ts); per-test coverage runs, for each mutant, only the tests that
//   reach it.
// - Incremental: results for unchanged code and tests are reused from
//   reports/mutation/<folder>/stryker-incremental.json (--full for a full run).
// - Report per folder: reports/mutation/<folder>/mutation.html (open in a browser) and
//   mutation.json; `node bin/run-ts.js scripts/mutation-score.ts` prints the score per folder.
//   Equivalent mutants, with the reason, are listed in reports/mutation/EQUIVALENT.md.
// - 2 workers: the machine has 2 cores. Not part of `npm test` or CI (minutes, not seconds).
// Run directly (`npx stryker run`, no CXSIM_MUTATION_FOLDER), it mutates the whole scope in one
// run against the union of the tests and writes reports/mutation/all/.
// @ts-check
import { FOLDERS, selectedFolder } from './mutation.folders.mjs';

const folder = selectedFolder();
const out = `reports/mutation/${folder ?? 'all'}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: folder ? FOLDERS[folder].mutate : Object.values(FOLDERS).flatMap((f) => f.mutate),
  coverageAnalysis: 'perTest',
  // Every covering test runs against every mutant (no bail on the first failure), so the report
  // lists all the tests that kill each mutant: the score without some test files (the score
  // before they were added) is read off one run (scripts/mutation-score.ts --without).
  // src/model, src/engine, src/metrics and src/calibrate bail at the first failing test (test
  // files fastest first, vitest.mutation.config.ts): their mutants are covered by tests that
  // simulate or fit (a model mutant by ~80 engine tests, a comparison.ts mutant by every test that
  // compares strategies, a calibration mutant by ~30 output tests that each fit a model); without
  // bail a full metrics run tested 17 mutants in 2 minutes and calibrate 250 of 2,900 in 3 at load 20.
  // Their "before" is a run before the new tests (or a lower bound).
  disableBail: !['model', 'engine', 'metrics', 'calibrate'].includes(folder ?? ''),
  // Mutants in module-level constants would need every test re-run per mutant; they are skipped
  // (and listed as "ignored" in the report).
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: `${out}/stryker-incremental.json`,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `${out}/mutation.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  // The machine is shared and loaded: generous timeouts so a slow run is not scored as a kill.
  timeoutMS: 20000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 30,
  // tsconfig.json has no `extends`/`references` for Stryker to rewrite, and TypeScript 7 (the
  // native compiler) has no JS API for Stryker to parse it with: point Stryker at no tsconfig.
  tsconfigFile: 'tsconfig.stryker-none.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
