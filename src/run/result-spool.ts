/**
 * Replications streamed to disk as they arrive (issue 15): what compare, stress, sensitivity
 * and optimise run goes through a ResultSpool, so no command holds every replication's series
 * in memory, and an interrupted command run again reuses the replications it finished.
 *
 * - Each finished replication is appended to a file of the spool folder as one record: a
 *   header (V8 serialisation of the job's key and of the result without its series and
 *   per-customer arrays: totals, CLV summaries, parameters, value beyond each year end — a few
 *   hundred numbers) and, when the analysis needs them (`series: true`), the raw bytes of every
 *   series (Float64, bit for bit). The header stays in memory: O(replications) numbers.
 * - The results handed back are those headers with a `series` object that reads each series
 *   from the file when it is asked for (a small cache keeps the last few hundred): an analysis
 *   that bands one series over the replications reads that series alone, one replication after
 *   another, and nothing accumulates. Values are the engine's own bits, so every output is
 *   byte-identical to a run that kept everything in memory.
 * - Resuming: a record is keyed by a hash of its job (scenario, strategy, replication, stress,
 *   shocks, options) and of the cxsim build (version + a hash of every source file), so a rerun — with the same or other arguments — takes every replication it
 *   finds instead of simulating it again, and a changed engine never reuses old numbers. Each
 *   process appends to its own file (records are never interleaved); a record cut short by a
 *   kill is ignored.
 *
 * Folder: beside the output folder, `.<name>.cxsim-spool/` (spoolBeside); removed by `remove()`
 * once the command's outputs are in place.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import { cxsimVersion, scenarioHash, type Build } from './queue/protocol.ts';

/** Version of the record format (part of every key: records of another format are never reused). */
export const SPOOL_FORMAT = 1;
const MAGIC = 0x31525843; // "CXR1"
const PREFIX = 12; // magic, header bytes, series bytes (u32 each)
const CACHE = 256;

/** The spool folder of an output folder: a hidden sibling that survives an interrupted run. */
export function spoolBeside(outputFolder: string): string {
  const abs = resolve(outputFolder);
  return join(dirname(abs), `.${basename(abs)}.cxsim-spool`);
}

/** The names, lengths and byte offsets of a record's series (shared by every record with the same names). */
interface Layout {
  names: string[];
  lengths: number[];
  offsets: number[];
  index: Map<string, number>;
  bytes: number;
}

interface Header {
  key: string;
  result: Omit<ReplicationResult, 'series' | 'customers'>;
  names: string[];
  lengths: number[];
}

interface Stored {
  id: number;
  fd: number;
  /** Byte offset of the record's first series in its file. */
  data: number;
  layout: Layout;
  result: ReplicationResult;
}

interface SeriesRef {
  spool: ResultSpool;
  rec: Stored;
}

/** The series of a spooled replication, read from its file on access (read-only). */
const seriesHandler: ProxyHandler<SeriesRef> = {
  get: (t, p) => {
    if (typeof p !== 'string') return undefined;
    const i = t.rec.layout.index.get(p);
    return i === undefined ? undefined : t.spool.seriesOf(t.rec, i);
  },
  has: (t, p) => typeof p === 'string' && t.rec.layout.index.has(p),
  ownKeys: (t) => t.rec.layout.names,
  getOwnPropertyDescriptor: (t, p) => {
    if (typeof p !== 'string' || !t.rec.layout.index.has(p)) return undefined;
    return { get: () => seriesHandler.get!(t, p, t), set: undefined, enumerable: true, configurable: true };
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
};

/** What the runner gets: the jobs still to simulate, and where each result goes (any order). */
export type SpoolRunner = (jobs: Job[], onResult: (index: number, result: ReplicationResult) => void) => Promise<void>;

export interface SpoolOptions {
  /** Keep every series on disk for the analysis (compare); false keeps the header alone (stress, sensitivity, optimise). */
  series: boolean;
  /** Notes for the user (default: stderr). */
  log?: (line: string) => void;
  /** Key records as this build (tests); default: this cxsim build. */
  build?: Build;
}

export class ResultSpool {
  readonly dir: string;
  private readonly keepSeries: boolean;
  private readonly log: (line: string) => void;
  private readonly build: Build;
  private readonly byKey = new Map<string, Stored>();
  private readonly layouts = new Map<string, Layout>();
  private readonly fds: number[] = [];
  private readonly cache = new Map<string, Float64Array>();
  private own: { fd: number; size: number } | null = null;
  private records = 0;
  private written = 0;
  private closed = false;
  /** Replications taken from the spool instead of simulated, over this spool's runs. */
  reused = 0;
  private reusedBatches = 0;

  private constructor(dir: string, options: SpoolOptions, build: Build) {
    this.dir = dir;
    this.keepSeries = options.series;
    this.log = options.log ?? ((line) => void process.stderr.write(`${line}\n`));
    this.build = build;
  }

  /** Opens (and reads) the spool folder `dir`; it is created when the first replication arrives. */
  static async open(dir: string, options: SpoolOptions): Promise<ResultSpool> {
    const spool = new ResultSpool(dir, options, options.build ?? localBuild());
    spool.scan();
    return spool;
  }

  /** The key of a job's record: the job's content and this build. */
  keyOf(job: Job): string {
    const b = this.build;
    const text = JSON.stringify([SPOOL_FORMAT, b.version, b.engine, scenarioHash(job.scenario), job.strategy, job.replication, job.stress ?? 'none', job.shocks ?? null, job.customers === true, job.yearEnds === true, job.maxCustomers ?? null]);
    return createHash('sha256').update(text).digest('hex').slice(0, 40);
  }

  /**
   * The results of `jobs`, in job order: those in the spool are taken from it, the others are
   * given to `runner` (once per distinct job) and each is written to disk as it arrives. A
   * result asked for twice is one record and two result objects (callers label results in place).
   */
  async run(jobs: Job[], runner: SpoolRunner, options: { series?: boolean | ((index: number) => boolean) } = {}): Promise<ReplicationResult[]> {
    this.check();
    const wants = options.series ?? this.keepSeries;
    const keys = jobs.map((j) => this.keyOf(j));
    // per distinct job: the first index that asks for it, and whether any index needs its series
    const distinct = new Map<string, { index: number; series: boolean }>();
    keys.forEach((key, i) => {
      const series = this.keepSeries && (typeof wants === 'function' ? wants(i) : wants);
      const d = distinct.get(key);
      if (d) d.series ||= series;
      else distinct.set(key, { index: i, series });
    });
    const pending: { job: Job; key: string; series: boolean }[] = [];
    for (const [key, d] of distinct) {
      const rec = this.byKey.get(key);
      // a record kept without its series cannot serve an analysis that needs them
      if (rec && (!d.series || rec.layout.names.length > 0)) continue;
      pending.push({ job: jobs[d.index], key, series: d.series });
    }
    const reused = distinct.size - pending.length;
    if (reused > 0) {
      // said once (optimise runs many batches); close() gives the total when there were more
      if (this.reused === 0) this.log(`resuming: ${reused} of ${distinct.size} replications already done (kept in ${this.dir})`);
      this.reused += reused;
      this.reusedBatches++;
    }
    if (pending.length > 0) await runner(pending.map((p) => p.job), (index, result) => this.add(pending[index].key, result, pending[index].series));
    const used = new Set<Stored>();
    return keys.map((key) => {
      const rec = this.byKey.get(key);
      if (!rec) throw new Error(`result spool: no result for a job (key ${key})`);
      if (!used.has(rec)) {
        used.add(rec);
        return rec.result;
      }
      return { ...rec.result, totals: { ...rec.result.totals } };
    });
  }

  /** Writes a finished replication's record and keeps its header; the result's arrays are not kept. */
  private add(key: string, result: ReplicationResult, withSeries: boolean): void {
    this.check();
    const { series, customers: _customers, ...rest } = result;
    const names = withSeries ? Object.keys(series) : [];
    const lengths = names.map((n) => series[n].length);
    const header = serialize({ key, result: rest, names, lengths } satisfies Header);
    const layout = this.layoutOf(names, lengths);
    const prefix = Buffer.alloc(PREFIX);
    prefix.writeUInt32LE(MAGIC, 0);
    prefix.writeUInt32LE(header.length, 4);
    prefix.writeUInt32LE(layout.bytes, 8);
    const parts: Uint8Array[] = [prefix, header];
    for (const n of names) {
      const s = series[n];
      parts.push(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
    }
    if (!this.own) {
      mkdirSync(this.dir, { recursive: true });
      const fd = openSync(join(this.dir, `${process.pid}-${randomBytes(4).toString('hex')}.rep`), 'a+');
      this.fds.push(fd);
      this.own = { fd, size: 0 };
    }
    const bytes = Buffer.concat(parts);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.own.fd, bytes, written, bytes.length - written);
    const data = this.own.size + PREFIX + header.length;
    this.own.size += bytes.length;
    this.remember(key, this.own.fd, data, layout, rest as ReplicationResult);
    // tests of resuming: CXSIM_TEST_KILL_AFTER_REPLICATIONS=n kills the process once n replications are on disk
    if (++this.written === Number(process.env.CXSIM_TEST_KILL_AFTER_REPLICATIONS)) process.kill(process.pid, 'SIGKILL');
  }

  private remember(key: string, fd: number, data: number, layout: Layout, header: ReplicationResult): void {
    const rec: Stored = { id: this.records++, fd, data, layout, result: header };
    header.series = layout.names.length > 0 ? (new Proxy({ spool: this, rec } satisfies SeriesRef, seriesHandler) as unknown as Record<string, Float64Array>) : {};
    this.byKey.set(key, rec);
  }

  private layoutOf(names: string[], lengths: number[]): Layout {
    const id = `${names.join('\n')}\n${lengths.join(',')}`;
    let layout = this.layouts.get(id);
    if (!layout) {
      const offsets: number[] = [];
      let bytes = 0;
      for (const len of lengths) {
        offsets.push(bytes);
        bytes += len * 8;
      }
      layout = { names, lengths, offsets, index: new Map(names.map((n, i) => [n, i])), bytes };
      this.layouts.set(id, layout);
    }
    return layout;
  }

  /** Series i of a record, read from disk (or the cache). */
  seriesOf(rec: Stored, i: number): Float64Array {
    this.check();
    const id = `${rec.id}:${i}`;
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const out = new Float64Array(rec.layout.lengths[i]);
    readFully(rec.fd, new Uint8Array(out.buffer), rec.data + rec.layout.offsets[i]);
    this.cache.set(id, out);
    if (this.cache.size > CACHE) this.cache.delete(this.cache.keys().next().value!);
    return out;
  }

  /** Reads the records of every spool file in the folder (those of earlier, interrupted runs). */
  private scan(): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir).sort()) {
      if (!name.endsWith('.rep')) continue;
      let fd: number;
      try {
        fd = openSync(join(this.dir, name), 'r');
      } catch {
        continue;
      }
      this.fds.push(fd);
      const size = fstatSync(fd).size;
      const prefix = Buffer.alloc(PREFIX);
      let at = 0;
      while (at + PREFIX <= size) {
        readFully(fd, prefix, at);
        if (prefix.readUInt32LE(0) !== MAGIC) break;
        const headerBytes = prefix.readUInt32LE(4);
        const seriesBytes = prefix.readUInt32LE(8);
        if (at + PREFIX + headerBytes + seriesBytes > size) break; // cut short by a kill
        const raw = Buffer.alloc(headerBytes);
        readFully(fd, raw, at + PREFIX);
        let header: Header;
        try {
          header = deserialize(raw) as Header;
        } catch {
          break;
        }
        const layout = this.layoutOf(header.names, header.lengths);
        if (layout.bytes !== seriesBytes) break;
        const known = this.byKey.get(header.key);
        if (!known || (known.layout.names.length === 0 && header.names.length > 0)) {
          this.remember(header.key, fd, at + PREFIX + headerBytes, layout, header.result as ReplicationResult);
        }
        at += PREFIX + headerBytes + seriesBytes;
      }
    }
  }

  private check(): void {
    if (this.closed) throw new Error('result spool: used after close()');
  }

  /** Closes the files (the results' series are no longer readable). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.reusedBatches > 1) this.log(`resumed: ${this.reused} replications in all were taken from ${this.dir}`);
    for (const fd of this.fds) closeSync(fd);
    this.fds.length = 0;
    this.cache.clear();
  }

  /** Closes and deletes the spool folder: the command's outputs are in place. */
  remove(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let sources: string | undefined;
/**
 * This build for the spool's keys: the cxsim version and a hash of every source file under
 * src/ (any change of code invalidates the spool; ~200 small files, a few milliseconds — the
 * queue's engine fingerprint needs an esbuild bundle, which is not worth it for a local file).
 */
export function localBuild(): Build {
  if (sources === undefined) {
    const root = fileURLToPath(new URL('../', import.meta.url));
    const hash = createHash('sha256');
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.isFile()) hash.update(`${relative(root, path)}\0`).update(readFileSync(path)).update('\0');
      }
    };
    walk(root);
    sources = hash.digest('hex').slice(0, 16);
  }
  return { version: cxsimVersion(), engine: sources };
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  let got = 0;
  while (got < into.length) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) throw new Error('result spool: a record ends before its data (the spool file was changed)');
    got += n;
  }
}
