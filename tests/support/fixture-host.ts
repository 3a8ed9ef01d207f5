/**
 * A ScenarioHost reading fixture files by names relative to one folder, so problems name
 * files exactly as tests/fixtures/.../expected.json does, whatever the working directory.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ScenarioHost } from '../../src/scenario/load.ts';

export function fixtureHost(dir: string): ScenarioHost {
  return {
    resolve: (from, ref) => posix.join(posix.dirname(from), ref),
    read: (path) => {
      try {
        return readFileSync(join(dir, path), 'utf8');
      } catch {
        throw new Error('no such file');
      }
    },
  };
}

/** The machine the fixtures assume for the memory check: 16 GiB, 2 worker threads. */
export const FIXTURE_MACHINE = { memory: { totalBytes: 16 * 2 ** 30, threads: 2 } };
