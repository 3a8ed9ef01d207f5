/**
 * Whole output folders (issue 10): a command writes its whole file set into a temporary
 * sibling folder and swaps it in at the end, so a reader sees the old set or the new set,
 * never a mix of two runs. Used by every command that writes a folder.
 *
 * - `OutputFolder.open(target, { force })` runs before any simulation: it checks that the
 *   target can be a folder (not a file, not under a file), that the location is writable (by
 *   creating the temporary sibling), that an existing folder is only replaced with --force and
 *   only when it is cxsim's: it holds cxsim's manifest (MANIFEST_FILE, written into every output
 *   folder at commit, listing the entries of the set) and nothing the manifest does not list.
 *   A folder without a manifest that holds anything is refused, with or without --force, so a
 *   user's folder of CSVs, notes or scenarios is never replaced. It also removes the
 *   temporaries of earlier runs that were killed (their process is gone).
 * - `path(name)` is where to write a file of the set (inside the temporary folder).
 * - `commit()` writes the manifest into the new set, then swaps: the old folder is renamed
 *   aside, the new one renamed into place, the old one removed. Between the two renames the target is absent for an instant (never mixed);
 *   a run killed right there leaves the old folder aside, which the next run puts back.
 * - `carry` hard-links entries of the existing folder into the new set (a sweep's manifest and
 *   finished cells), so resuming keeps working.
 * A temporary folder that is never committed (an error, Ctrl-C) is removed when the process
 * exits, or by the next run if the process was killed.
 *
 * For tests, CXSIM_TEST_KILL_AT=<point> makes the process SIGKILL itself at a known point:
 * `after-first-file` (the second file of the set is being written), `between-renames`.
 */
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from './io.ts';

export interface OpenOptions {
  /** Replace an existing folder that holds files (the user's --force). */
  force: boolean;
  /** Replace an existing folder even without force (a folder this command owns, e.g. the same sweep). */
  own?: boolean;
  /** Entries of the existing folder to carry into the new set (hard links, copies where links fail). */
  carry?: string[];
  /** Files the command reads (its scenario, its data): an output folder that holds one is refused, since it is replaced whole. */
  inputs?: string[];
}

/** The manifest cxsim writes into every output folder it commits: which entries of the folder are its own. */
export const MANIFEST_FILE = 'cxsim-output.json';
/** What the manifest says it is (a JSON file of another program is not cxsim's manifest). */
const MANIFEST_KIND = 'cxsim output folder';
/** Per-file temporaries cxsim writes inside a folder (writeFileAtomic): `.<name>.<pid>.<hex>.tmp`. */
const OUR_TEMPORARY = /^\.[\w.-]+\.\d+\.[0-9a-f]+\.tmp$/;

export interface OutputManifest {
  kind: typeof MANIFEST_KIND;
  /** Version of the manifest's format. */
  format: 1;
  /** The folder's top-level entries cxsim wrote, sorted; a folder's name ends in "/" (what is inside it is cxsim's too, e.g. a sweep's cells). */
  entries: string[];
}

/** The entries listed by `dir`'s cxsim manifest, or a reason it has none that is cxsim's. */
export function readManifest(dir: string): { entries: Set<string> } | { missing: string } {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return { missing: `no ${MANIFEST_FILE}` };
  try {
    if (!lstatSync(file).isFile()) return { missing: `${MANIFEST_FILE} is not a file` };
    const m = JSON.parse(readFileSync(file, 'utf8')) as Partial<OutputManifest>;
    if (m?.kind !== MANIFEST_KIND || m.format !== 1 || !Array.isArray(m.entries) || !m.entries.every((e) => typeof e === 'string')) return { missing: `${MANIFEST_FILE} is not cxsim's manifest` };
    return { entries: new Set(m.entries) };
  } catch {
    return { missing: `${MANIFEST_FILE} does not read as cxsim's manifest` };
  }
}

/**
 * Why `dir` (existing, with `entries`) is not a folder cxsim may replace, or null when it is:
 * its manifest is cxsim's and lists every entry (cxsim's own per-file temporaries aside).
 */
function notOurs(dir: string, entries: string[]): string | null {
  const others = entries.filter((e) => e !== MANIFEST_FILE && !OUR_TEMPORARY.test(e));
  if (others.length === 0) return null;
  const list = (xs: string[]) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? ', …' : '');
  const manifest = readManifest(dir);
  if ('missing' in manifest) {
    return `the output folder holds files that are not known to be cxsim's (${list(others)}) and ${manifest.missing === `no ${MANIFEST_FILE}` ? `no ${MANIFEST_FILE}, the manifest cxsim writes into every output folder` : manifest.missing}; it is replaced whole, so choose an empty or new --out (a folder from a cxsim older than the manifest: remove it yourself)`;
  }
  const listed = (e: string) => manifest.entries.has(lstatSync(join(dir, e)).isDirectory() ? `${e}/` : e);
  const foreign = others.filter((e) => !listed(e));
  if (foreign.length > 0) return `the output folder holds things cxsim did not write (${list(foreign)}: not in its ${MANIFEST_FILE}); it is replaced whole, so choose an empty or new --out`;
  return null;
}

const open = new Set<OutputFolder>();
let exitHook = false;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function testKill(point: string): void {
  if (process.env.CXSIM_TEST_KILL_AT === point) process.kill(process.pid, 'SIGKILL');
}

const why = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'a read-only file system' : code === 'ENOSPC' ? 'no space left' : code === 'ENOENT' ? 'that location does not exist and cannot be created' : ((e as Error).message ?? String(e));
};

export class OutputFolder {
  /** The folder the user named. */
  readonly target: string;
  /** The temporary sibling the new set is written into. */
  readonly staging: string;
  private committed = false;
  private written = 0;

  private constructor(target: string, staging: string) {
    this.target = target;
    this.staging = staging;
  }

  static open(target: string, options: OpenOptions): OutputFolder {
    const abs = resolve(target);
    const parent = dirname(abs);
    const base = basename(abs);
    if (abs === parent) throw new UserError(`${target}: expected a folder for the results, found the root of the file system`);
    // the nearest existing ancestor must be a folder (--out FILE/sub)
    let up = parent;
    while (!existsSync(up) && dirname(up) !== up) up = dirname(up);
    if (existsSync(up) && !statSync(up).isDirectory()) throw new UserError(`${target}: cannot create the output folder, ${up} is a file`);
    if (existsSync(abs)) {
      const st = lstatSync(abs);
      if (!st.isDirectory()) throw new UserError(`${target}: expected a folder for the results, found ${st.isFile() ? 'a file' : 'something that is not a folder'}; choose another --out`);
    }
    cleanStale(parent, base);
    for (const input of options.inputs ?? []) {
      const rel = relative(abs, resolve(input));
      if (existsSync(abs) && rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) {
        throw new UserError(`${target}: the output folder holds ${input}, which this command reads; the folder is replaced whole, so choose another --out`);
      }
    }
    if (existsSync(abs)) {
      const entries = readdirSync(abs);
      // a folder that is not cxsim's is refused first, with or without --force (suggesting --force would not help)
      const refused = notOurs(abs, entries);
      if (refused) throw new UserError(`${target}: ${refused}`);
      if (entries.length > 0 && !options.force && !options.own) {
        throw new UserError(`${target}: the output folder already holds files (cxsim's results); choose another --out or add --force to replace them`);
      }
    }
    const staging = join(parent, `.${base}.cxsim-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      if (!existsSync(parent)) mkdirSync(parent, { recursive: true });
      mkdirSync(staging);
    } catch (e) {
      throw new UserError(`${target}: cannot write the output folder there (${why(e)}); choose another --out`);
    }
    const folder = new OutputFolder(abs, staging);
    open.add(folder);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => {
        for (const f of open) f.discard();
      });
    }
    for (const name of options.carry ?? []) {
      const from = join(abs, name);
      if (existsSync(from)) carry(from, join(staging, name));
    }
    return folder;
  }

  /** Where to write `name` of the new set. */
  path(name: string): string {
    if (this.written++ === 1) testKill('after-first-file');
    return join(this.staging, name);
  }

  /** Swaps the new set in: afterwards the target holds exactly the files written through path(), and the manifest listing them. */
  commit(): void {
    if (this.committed) return;
    const entries = readdirSync(this.staging)
      .filter((e) => e !== MANIFEST_FILE && !OUR_TEMPORARY.test(e))
      .map((e) => (lstatSync(join(this.staging, e)).isDirectory() ? `${e}/` : e))
      .sort();
    const manifest: OutputManifest = { kind: MANIFEST_KIND, format: 1, entries };
    writeFileSync(join(this.staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const aside = join(dirname(this.target), `.${basename(this.target)}.cxsim-old-${process.pid}-${randomBytes(4).toString('hex')}`);
    const had = existsSync(this.target);
    try {
      if (had) renameSync(this.target, aside);
      testKill('between-renames');
      renameSync(this.staging, this.target);
    } catch (e) {
      if (had && !existsSync(this.target) && existsSync(aside)) renameSync(aside, this.target);
      throw new UserError(`${this.target}: cannot replace the output folder (${why(e)})`);
    }
    this.committed = true;
    open.delete(this);
    if (had) rmSync(aside, { recursive: true, force: true });
  }

  /** Removes the temporary folder of a set that will not be committed. */
  discard(): void {
    if (this.committed) return;
    rmSync(this.staging, { recursive: true, force: true });
    open.delete(this);
  }
}

/** Hard-links a file or a folder of files (copies where a link is not possible). */
function carry(from: string, to: string): void {
  if (statSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from)) if (!e.startsWith('.')) carry(join(from, e), join(to, e));
    return;
  }
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Removes the temporaries of `base` left by processes that are gone: their unfinished new sets,
 * and the old set of a run killed between its two renames, which is put back when the target
 * is missing.
 */
export function cleanStale(parent: string, base: string): void {
  if (!existsSync(parent)) return;
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mine = new RegExp(`^\\.${escaped}\\.cxsim-(tmp|old)-(\\d+)-[0-9a-f]+$`);
  for (const e of readdirSync(parent)) {
    const m = mine.exec(e);
    if (!m || processAlive(Number(m[2]))) continue;
    const path = join(parent, e);
    if (m[1] === 'old' && !existsSync(join(parent, base))) renameSync(path, join(parent, base));
    else rmSync(path, { recursive: true, force: true });
  }
  // per-file temporaries of older versions of cxsim, inside the folder
  const target = join(parent, base);
  if (existsSync(target) && statSync(target).isDirectory()) {
    for (const dir of [target, join(target, 'cells')]) {
      if (!existsSync(dir)) continue;
      for (const e of readdirSync(dir)) {
        const m = /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/.exec(e);
        if (m && !processAlive(Number(m[1]))) rmSync(join(dir, e), { force: true });
      }
    }
  }
}
