/**
 * Scenario files from the disk: the edge where src/scenario/load.ts meets the file system
 * and the machine (its memory and threads, for the memory check). Commands call
 * `readScenario` (throws a UserError listing every problem) or `loadScenario` (returns them).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, isAbsolute, normalize } from 'node:path';
import { availableParallelism, totalmem } from 'node:os';
import { loadScenarioWith, type LoadResult, type ScenarioHost } from '../scenario/load.ts';
import { formatProblems } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import { UserError } from './io.ts';

/** Reads files relative to the file that names them. */
export const diskHost: ScenarioHost = {
  resolve: (from, ref) => (isAbsolute(ref) ? normalize(ref) : join(dirname(from), ref)),
  read: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message);
    }
  },
};

export interface ReadOptions {
  /** Worker threads the run will use (for the memory check); default: all cores. */
  threads?: number;
}

/** Loads and validates a scenario file, checking the run fits in this machine's memory. */
export function loadScenario(path: string, options: ReadOptions = {}): LoadResult {
  return loadScenarioWith(normalize(path), diskHost, {
    memory: { totalBytes: totalmem(), threads: options.threads ?? availableParallelism() },
  });
}

/** The normalised scenario of a file, or a UserError (exit code 2) listing every problem. */
export function readScenario(path: string, options: ReadOptions = {}): Scenario {
  const r = loadScenario(path, options);
  if (!r.ok) throw new UserError(`${r.problems.length === 1 ? '' : `${path} has ${r.problems.length} problems:\n`}${formatProblems(r.problems)}`);
  return r.scenario;
}
