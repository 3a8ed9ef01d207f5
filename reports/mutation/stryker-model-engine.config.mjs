// Mutation runs for src/model and src/engine (issue 17 item 4), on top of stryker.config.mjs:
//   CXSIM_MUTATION_TESTS="$(node reports/mutation/model-engine-tests.mjs model)" \
//     npx stryker run reports/mutation/stryker-model-engine.config.mjs --mutate 'src/model/**/*.ts'
// Differences from stryker.config.mjs, and why:
// - bail on the first failing test (disableBail: false): an engine test replays whole
//   replications, and a model mutant is covered by every engine test; running all of them for
//   every killed mutant would take hours on 2 cores. "Before" and "after" are two runs instead.
// - test files fastest first (reports/mutation/vitest-model-engine.config.ts), so bailing is quick.
// - its own incremental file and reports (*-model-engine*), so mutfin's are not touched.
// - longer timeouts: the machine is shared; a slow test must not be scored as a kill.
// @ts-check
import base from '../../stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ['src/model/**/*.ts', 'src/engine/**/*.ts'],
  vitest: { configFile: 'reports/mutation/vitest-model-engine.config.ts', related: false },
  disableBail: false,
  incrementalFile: 'reports/mutation/stryker-incremental-model-engine.json',
  htmlReporter: { fileName: 'reports/mutation/mutation-model-engine.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation-model-engine.json' },
  timeoutMS: 20000,
  timeoutFactor: 3,
  dryRunTimeoutMinutes: 30,
};
