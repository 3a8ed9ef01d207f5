/**
 * Scenario files from the disk: the edge where src/scenario/load.ts meets the file system
 * and the machine (its memory and threads, for the memory check). Commands call
 * `readScenario` (throws a UserError listing every problem) or `loadScenario` (returns them).
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync, constants } from 'node:fs';
import { dirname, join, isAbsolute, normalize, resolve, sep, extname } from 'node:path';
import { availableParallelism, totalmem } from 'node:os';
import { loadScenarioWith, type LoadResult, type ScenarioHost } from '../scenario/load.ts';
import { formatProblems } from '../scenario/errors.ts';
import { MAX_SCENARIO_BYTES } from '../scenario/limits.ts';
import type { Scenario } from '../scenario/schema.ts';
import { UserError } from './io.ts';

/** Folders outside a scenario's own folder tree that `extends:` may reach (the global --allow-outside option). */
let allowedOutside: string[] = [];
export function setAllowOutside(paths: readonly string[] | undefined): void {
  allowedOutside = (paths ?? []).map((p) => resolve(p));
}

const SCENARIO_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads a regular file of at most MAX_SCENARIO_BYTES: folders, FIFOs, devices (/dev/zero) and
 * sockets are refused from their type (opened with O_NONBLOCK, so a FIFO never blocks), and a
 * larger file is refused from its size, before its content is read.
 */
export function readScenarioBytes(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new Error('it is a folder');
    if (!st.isFile()) throw new Error('it is not a regular file (a device, FIFO or socket)');
    if (st.size > MAX_SCENARIO_BYTES) throw new Error(`it is ${st.size.toLocaleString('en-US')} bytes; a scenario file may have at most ${MAX_SCENARIO_BYTES.toLocaleString('en-US')} (8 MiB)`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const k = readSync(fd, buf, got, st.size - got, got);
      if (k === 0) break;
      got += k;
    }
    return buf.subarray(0, got).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const inside = (path: string, folder: string): boolean => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * The disk host of one scenario file: the file itself is read as named; a file it extends (and
 * their ancestors) must be a .yaml, .yml or .json regular file inside the folder tree of the
 * named scenario (symbolic links followed before the check) or of an --allow-outside folder.
 * Nothing else is read, so no message can echo another file's content.
 */
export function scenarioHost(scenarioPath: string): ScenarioHost {
  const top = normalize(scenarioPath);
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const roots = [real(dirname(resolve(top))), ...allowedOutside.map(real)];
  return {
    resolve: (from, ref) => (isAbsolute(ref) ? normalize(ref) : join(dirname(from), ref)),
    read: (path) => {
      if (path !== top) {
        if (!SCENARIO_EXTENSIONS.has(extname(path).toLowerCase())) throw new Error(`expected a scenario file (.yaml, .yml or .json) to extend, found "${path}"`);
        const where = real(path);
        if (!roots.some((r) => inside(where, r))) {
          throw new Error(`it is outside the folder of ${top} (${roots[0]}); a scenario may only extend files in its own folder tree (add --allow-outside FOLDER to allow another)`);
        }
      }
      return readScenarioBytes(path);
    },
  };
}

/** Reads files relative to the file that names them (no confinement: for callers that name every file themselves). */
export const diskHost: ScenarioHost = {
  resolve: (from, ref) => (isAbsolute(ref) ? normalize(ref) : join(dirname(from), ref)),
  read: (path) => readScenarioBytes(path),
};

export interface ReadOptions {
  /** Worker threads the run will use (for the memory check); default: all cores. */
  threads?: number;
}

/** Loads and validates a scenario file, checking the run fits in this machine's memory. */
export function loadScenario(path: string, options: ReadOptions = {}): LoadResult {
  if (path.trim() === '' || path === '-') {
    return { ok: false, files: [path], problems: [{ file: path === '-' ? '-' : '(no file)', line: 1, column: 1, path: '', message: `expected the path of a scenario file, found ${path === '-' ? '"-"' : 'an empty name (or "-")'}; reading a scenario from standard input is not supported, save it to a file` }] };
  }
  return loadScenarioWith(normalize(path), scenarioHost(path), {
    memory: { totalBytes: totalmem(), threads: options.threads ?? availableParallelism() },
  });
}

/** The normalised scenario of a file, or a UserError (exit code 2) listing every problem. */
export function readScenario(path: string, options: ReadOptions = {}): Scenario {
  const r = loadScenario(path, options);
  if (!r.ok) throw new UserError(`${r.problems.length === 1 ? '' : `${path} has ${r.problems.length} problems:\n`}${formatProblems(r.problems)}`);
  return r.scenario;
}
