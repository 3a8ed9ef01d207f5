/**
 * The tests StrykerJS runs against each mutant (`npm run mutation`, stryker.config.json): the
 * in-process unit tests of the mutated folders. Tests that run the CLI in a child process or a
 * worker thread are left out: a mutant is switched on inside the test process only, so they
 * could never kill one, and they would make every dry run minutes longer on 2 shared cores.
 *
 * CXSIM_MUTATION_TESTS (comma-separated globs) narrows the list, e.g. to a folder's own unit
 * tests: CXSIM_MUTATION_TESTS='tests/metrics-*.test.ts,tests/pinned/**' npm run mutation -- --mutate 'src/metrics/**'
 */
import { defineConfig } from 'vitest/config';

const ALL = [
  'tests/metrics-*.test.ts',
  'tests/pinned/**/*.test.ts',
  'tests/finance/optimise.test.ts',
  'tests/finance/sensitivity.test.ts',
  'tests/finance/stress.test.ts',
  'tests/finance/sobol.test.ts',
  'tests/finance/shock-syntax.test.ts',
];
const only = process.env.CXSIM_MUTATION_TESTS?.split(',').map((g) => g.trim()).filter(Boolean);

export default defineConfig({
  test: {
    include: only?.length ? only : ALL,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
