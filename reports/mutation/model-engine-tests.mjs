// The in-process tests that can kill mutants in src/model and src/engine (CXSIM_MUTATION_TESTS).
// Left out: tests that run the CLI in a child process or the engine on worker threads (a
// mutant is switched on in the test process only), and tests that run whole bundled scenarios
// (flagship, scenarios): minutes per mutant. For src/model the kernel test is left out too:
// it compares the generated kernel with the reference on the SAME compiled model, so a model
// mutant changes both sides alike and that test cannot see it.
//   node reports/mutation/model-engine-tests.mjs model|engine|before-model|before-engine
const existing = [
  'tests/engine/closed-forms.test.ts',
  'tests/engine/valuation.test.ts',
  'tests/engine/review-fixes.test.ts',
  'tests/engine/causal-directions.test.ts',
  'tests/engine/service-profit-chain.test.ts',
  'tests/engine/clv-summary-order.test.ts',
  'tests/metrics-engine.test.ts',
  'tests/review/final-visit-cost-timing.test.ts',
  'tests/review/finance-beta-quantile.test.ts',
  'tests/finance/stress.test.ts',
  'tests/finance/sensitivity.test.ts',
];
const mine = ['tests/mutation-model/**/*.test.ts', 'tests/mutation-engine/**/*.test.ts'];
const kernel = ['tests/engine/kernel.test.ts'];
const sets = {
  'before-model': existing,
  model: [...existing, ...mine],
  'before-engine': [...existing, ...kernel],
  engine: [...existing, ...kernel, ...mine],
};
const which = process.argv[2] ?? 'engine';
if (!(which in sets)) throw new Error(`one of ${Object.keys(sets).join(', ')}`);
console.log(sets[which].join(','));
