/**
 * The tests StrykerJS runs against each mutant (`npm run mutation`, stryker.config.mjs): the
 * in-process tests of the folder being mutated (CXSIM_MUTATION_FOLDER, set by
 * scripts/mutation.ts), or of every folder when it is unset; the lists are in
 * mutation.folders.mjs, the one place they are kept. Tests that run the CLI in a child process
 * or a worker thread are left out: a mutant is switched on inside the test process only, so they
 * could never kill one.
 *
 * Test files run fastest first, and a file that failed last time (killed the previous mutant)
 * first of all. Where Stryker bails on the first failing test (src/model, src/engine), a mutant
 * killed by a 50 ms unit test then no longer waits for a 20 s engine test that vitest's default
 * order ("longest first") puts ahead of it. Which mutants are killed does not change, only how
 * soon.
 *
 * CXSIM_MUTATION_TESTS (comma-separated globs) overrides the list, e.g. to try one test file.
 */
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { FOLDERS, selectedFolder } from './mutation.folders.mjs';

const folder = selectedFolder();
const listed = folder ? FOLDERS[folder].tests : Object.values(FOLDERS).flatMap((f) => f.tests);
const only = process.env.CXSIM_MUTATION_TESTS?.split(',').map((g) => g.trim()).filter(Boolean);

class FastestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const key = (f: TestSpecification) => `${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`;
    const info = (f: TestSpecification) => {
      const r = cache.getFileTestResults(key(f));
      return { failed: r?.failed ? 0 : 1, duration: r?.duration ?? cache.getFileStats(key(f))?.size ?? 0 };
    };
    return [...files].sort((a, b) => {
      const x = info(a), y = info(b);
      return x.failed - y.failed || x.duration - y.duration;
    });
  }
}

export default defineConfig({
  test: {
    include: only?.length ? only : [...new Set(listed)],
    // a folder may share one module graph across test files and mutant runs (mutation.folders.mjs)
    isolate: folder ? (FOLDERS[folder].isolate ?? true) : true,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    sequence: { sequencer: FastestFirst },
  },
});
