/**
 * The tests StrykerJS runs against each mutant (`npm run mutation`, stryker.config.json): the
 * in-process unit tests of the mutated folders. Tests that run the CLI in a child process or a
 * worker thread are left out: a mutant is switched on inside the test process only, so they
 * could never kill one, and they would make every dry run minutes longer on 2 shared cores.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/metrics-*.test.ts',
      'tests/pinned/**/*.test.ts',
      'tests/finance/optimise.test.ts',
      'tests/finance/sensitivity.test.ts',
      'tests/finance/stress.test.ts',
      'tests/finance/sobol.test.ts',
      'tests/finance/shock-syntax.test.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
