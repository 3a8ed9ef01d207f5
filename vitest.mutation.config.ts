/**
 * The tests StrykerJS runs against each mutant (`npm run mutation`, stryker.config.mjs): the
 * in-process tests of the folder being mutated (CXSIM_MUTATION_FOLDER, set by
 * scripts/mutation.ts), or of every folder when it is unset; the lists are in
 * mutation.folders.mjs. Tests that run the CLI in a child process or a worker thread are left
 * out: a mutant is switched on inside the test process only, so they could never kill one.
 *
 * CXSIM_MUTATION_TESTS (comma-separated globs) overrides the list, e.g. to try one test file.
 */
import { defineConfig } from 'vitest/config';
import { FOLDERS, selectedFolder } from './mutation.folders.mjs';

const folder = selectedFolder();
const listed = folder ? FOLDERS[folder].tests : Object.values(FOLDERS).flatMap((f) => f.tests);
const only = process.env.CXSIM_MUTATION_TESTS?.split(',').map((g) => g.trim()).filter(Boolean);

export default defineConfig({
  test: {
    include: only?.length ? only : listed,
    // a folder may share one module graph across test files and mutant runs (mutation.folders.mjs)
    isolate: folder ? (FOLDERS[folder].isolate ?? true) : true,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
