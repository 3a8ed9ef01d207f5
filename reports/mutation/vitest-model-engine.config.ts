/**
 * vitest.mutation.config.ts with one change for the model/engine mutation runs
 * (reports/mutation/stryker-model-engine.config.mjs): test files run fastest first, and a file
 * that killed the previous mutant first. Stryker bails on the first failing test there, so a
 * mutant killed by a 50 ms unit test no longer waits for a 20 s engine test that vitest's
 * default order ("longest first") puts ahead of it. Which mutants are killed does not change,
 * only how soon.
 */
import { relative } from 'node:path';
import { mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from '../../vitest.mutation.config.ts';

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

export default mergeConfig(base, { test: { sequence: { sequencer: FastestFirst } } });
