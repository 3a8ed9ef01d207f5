// The scope of mutation testing (issue 17 item 4), one entry per folder: the files StrykerJS
// mutates and the fast in-process tests it runs against each of their mutants. Read by
// stryker.config.mjs, vitest.mutation.config.ts and scripts/mutation.ts.
//
// Only tests that call the folder's code in the vitest process can kill a mutant (Stryker
// switches a mutant on inside the test process): tests that spawn the CLI or use worker threads
// are left out, they would only make each run longer. Per-test coverage then runs, for each
// mutant, only the tests that reach it.
// @ts-check
/** @type {Record<string, { mutate: string[]; tests: string[]; isolate?: boolean }>} */
export const FOLDERS = {
  metrics: {
    mutate: ['src/metrics/**/*.ts'],
    tests: [
      'tests/metrics-*.test.ts',
      'tests/pinned/metrics-*.test.ts',
      'tests/mutation/metrics-*.test.ts',
      'tests/report-findings.test.ts',
      'tests/review/final-visit-cost-timing.test.ts',
    ],
  },
  finance: {
    mutate: ['src/finance/**/*.ts'],
    // Fast tests only (milliseconds each; issue 17): each mutant re-runs every test that covers it
    // (disableBail), so one test of seconds costs seconds on every mutant it reaches.
    tests: [
      'tests/finance/sensitivity-pure.test.ts',
      'tests/finance/sobol.test.ts',
      'tests/finance/shock-syntax.test.ts',
      'tests/pinned/finance-*.test.ts',
      'tests/mutation/finance-*.test.ts',
      'tests/review/finance-{beta-quantile,optimality-unspent,pbeats-wilson,regret-margin,switching}.test.ts',
      // left out: tests/finance/finance-cli.test.ts and sweep.test.ts run whole commands (seconds
      // per re-run), tests/review/final-{adhoc-shock,optimise-budget}-bounds.test.ts child
      // processes; tests/finance/optimise.test.ts, sensitivity.test.ts, stress.test.ts and
      // tests/review/finance-{stress-tail-text,optimise-cvar-gain,tail-leader,sweep-tail}.test.ts
      // simulate hundreds of replications (0.6–3 s per test; a whole-folder run with them made
      // 7 mutants/min at load 18): tests/mutation/finance-*.test.ts pin the same code on small
      // fixed inputs and stub runners.
    ],
  },
  calibrate: {
    mutate: ['src/calibrate/**/*.ts'],
    tests: [
      'tests/calibrate/event-log.test.ts',
      'tests/calibrate/numerics.test.ts',
      'tests/review/edges-calibrate.test.ts',
      'tests/mutation/calibrate-*.test.ts',
      // left out: tests/calibrate/published-fits.test.ts (maximum likelihood on the published
      // data sets: seconds for every mutant of the likelihoods; tests/mutation/calibrate-numbers
      // pins the same likelihoods on small inputs), tests/calibrate/round-trip.test.ts and
      // tests/review/edges-calibrate-series.test.ts (calibrate and simulate in their describe
      // bodies: seconds on every re-run, and code run there is not attributed to a test),
      // tests/calibrate/cli.test.ts (child processes)
    ],
  },
  // src/model: the engine tests that run a replication in process, and the model's own.
  // Left out: tests/engine/kernel.test.ts (it compares the generated kernel with the reference
  // step on the SAME compiled model, so a model mutant changes both sides alike and it can never
  // fail), tests/engine/determinism.test.ts (worker threads), the CLI spawners,
  // tests/flagship.test.ts and tests/scenarios.test.ts (whole bundled scenarios: minutes per mutant).
  model: {
    mutate: ['src/model/**/*.ts'],
    tests: [
      'tests/engine/closed-forms.test.ts',
      'tests/engine/valuation.test.ts',
      'tests/engine/exact-valuation.test.ts',
      'tests/engine/review-fixes.test.ts',
      'tests/engine/causal-directions.test.ts',
      'tests/engine/service-profit-chain.test.ts',
      'tests/engine/clv-summary-order.test.ts',
      'tests/metrics-engine.test.ts',
      'tests/finance/stress.test.ts',
      'tests/finance/sensitivity.test.ts',
      'tests/review/final-visit-cost-timing.test.ts',
      'tests/review/finance-beta-quantile.test.ts',
      'tests/mutation-model/**/*.test.ts',
      'tests/mutation-engine/**/*.test.ts',
    ],
  },
  // src/engine: tiny scenarios only (tests/mutation-engine/worlds.ts: ~100 customers, 24 steps,
  // every mechanism on), so that a mutant costs well under a second: the generated kernel against
  // the reference step, accounting identities and timing conventions, the firm-level mechanics
  // and every valuation convention exactly, golden digests. The engine tests of the model list
  // simulate thousands of customers or whole bundled scenarios (seconds to minutes per mutant,
  // ~100 s for one pass on 2 cores): left out here.
  engine: {
    mutate: ['src/engine/**/*.ts'],
    tests: ['tests/mutation-engine/**/*.test.ts', 'tests/engine/exact-valuation.test.ts', 'tests/engine/mechanics.test.ts', 'tests/metrics-engine.test.ts'],
    // One module graph for all test files and mutant runs (vitest `isolate: false`): a mutant run
    // is mostly vitest's own start-up and imports (measured: ~20% less CPU per mutant). Safe here:
    // these tests restore what they change (the live-list threshold), and the kernel cache is
    // keyed by the generated source text, so a kernel compiled under one mutant is reused under
    // another only when both generate the same text, i.e. the same function.
    isolate: false,
  },
};


/** The folder named by CXSIM_MUTATION_FOLDER (set by scripts/mutation.ts), or undefined for all. */
export function selectedFolder() {
  const name = process.env.CXSIM_MUTATION_FOLDER;
  if (!name) return undefined;
  if (!(name in FOLDERS)) throw new Error(`CXSIM_MUTATION_FOLDER=${name}: expected one of ${Object.keys(FOLDERS).join(', ')}`);
  return name;
}
