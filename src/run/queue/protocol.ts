/**
 * What travels through the queue: a queue job is a batch of replications of one (scenario,
 * strategy, stress, replication range); its id is a hash of exactly that plus the cxsim build,
 * so submitting it again (a rerun, a retry, another command needing the same replications)
 * names the same job and never runs a replication twice into the results.
 */
import { bundleText } from '../worker-bundle.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Job } from '../../engine/replication.ts';
import type { Scenario, StressShock } from '../../scenario/schema.ts';
import { fileURLToPath } from 'node:url';

/** Version of the job format below; a worker refuses jobs of another format. */
export const QUEUE_PROTOCOL = 1;
/** The BullMQ queue every command and worker of this protocol uses. */
export const QUEUE_NAME = `cxsim-p${QUEUE_PROTOCOL}`;

/** The data of one queue job (plain JSON). */
export interface BatchData {
  protocol: number;
  /** cxsim package version of the submitter. */
  version: string;
  /** Fingerprint of the submitter's engine code (see engineFingerprint). */
  engine: string;
  /** sha256 of the scenario's JSON (the seed is in it: meta.seed). */
  scenarioHash: string;
  scenario: Scenario;
  strategy: string;
  stress?: string;
  shocks?: StressShock[];
  customers?: boolean;
  /** Value each year end by its own run-off (Job.yearEnds). */
  yearEnds?: boolean;
  /** The job's population limit (Job.maxCustomers). */
  maxCustomers?: number;
  /** Replications from..to−1 (replication numbers, so streams match the local run). */
  from: number;
  to: number;
}

/** One batch: its data and, for each of its replications (from, from+1, ...), the indices of the caller's jobs it answers. */
export interface Batch {
  id: string;
  data: BatchData;
  targets: number[][];
}

export interface Build {
  version: string;
  engine: string;
}

let packageVersion: string | undefined;
export function cxsimVersion(): string {
  packageVersion ??= (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return packageVersion;
}

let engine: Promise<string> | undefined;
/**
 * A hash of the engine code that worker threads run: the replication worker bundled by
 * esbuild as src/run/worker-bundle.ts does, but from the package folder (so the paths inside
 * the bundle do not depend on the working folder). Two builds with the same fingerprint
 * compute the same replications bit for bit.
 */
export function engineFingerprint(): Promise<string> {
  engine ??= (async () => {
    // bundleText stops esbuild's helper process once no build is in flight
    const text = await bundleText({
      entryPoints: [fileURLToPath(new URL('../replication-worker.ts', import.meta.url))],
      absWorkingDir: fileURLToPath(new URL('../../../', import.meta.url)),
    });
    return createHash('sha256').update(text).digest('hex').slice(0, 16);
  })();
  return engine;
}

export async function thisBuild(): Promise<Build> {
  return { version: cxsimVersion(), engine: await engineFingerprint() };
}

/** Why a build cannot run a job of another, or null when it can. */
export function incompatibility(worker: Build, data: Pick<BatchData, 'protocol' | 'version' | 'engine'>): string | null {
  if (data.protocol === QUEUE_PROTOCOL && data.version === worker.version && data.engine === worker.engine) return null;
  return (
    `a worker running cxsim ${worker.version} (engine ${worker.engine}, queue protocol ${QUEUE_PROTOCOL}) refused a job from cxsim ${String(data.version)} ` +
    `(engine ${String(data.engine)}, protocol ${String(data.protocol)}): run workers of the same cxsim build as the command`
  );
}

const scenarioHashes = new WeakMap<Scenario, string>();
export function scenarioHash(s: Scenario): string {
  let h = scenarioHashes.get(s);
  if (h === undefined) {
    h = createHash('sha256').update(JSON.stringify(s)).digest('hex');
    scenarioHashes.set(s, h);
  }
  return h;
}

/** Customer-steps of one replication (simulated customers × steps). */
function customerSteps(s: Scenario): number {
  const customers = Object.values(s.segments).reduce((a, x) => a + x.initialCustomers, 0) / s.meta.agentScale;
  return Math.max(1, customers * s.meta.horizonMonths);
}

/**
 * Replications per batch: about 10 flagship replications' work (≈ 1 s on one core), at most
 * 50, or at most CXSIM_QUEUE_BATCH when set (smaller batches spread a small run over more
 * workers). Batches are aligned on replication numbers (0–9, 10–19, ...), so a run with more
 * replications reuses the batches of a smaller one.
 */
export function batchSize(s: Scenario): number {
  const cap = Number(process.env.CXSIM_QUEUE_BATCH);
  const max = Number.isInteger(cap) && cap >= 1 ? cap : 50;
  return Math.max(1, Math.min(max, Math.round(8e6 / customerSteps(s))));
}

function batchKey(j: Job): string {
  return JSON.stringify([scenarioHash(j.scenario), j.strategy, j.stress ?? 'none', j.shocks ?? null, j.customers === true, j.yearEnds === true, j.maxCustomers ?? null]);
}

export function batchId(build: Build, data: Omit<BatchData, 'protocol' | 'version' | 'engine' | 'scenario'>): string {
  const key = JSON.stringify([QUEUE_PROTOCOL, build.version, build.engine, data.scenarioHash, data.strategy, data.stress ?? 'none', data.shocks ?? null, data.customers === true, data.yearEnds === true, data.maxCustomers ?? null, data.from, data.to]);
  // no ':' in custom BullMQ ids; a letter first so it is never read as a number
  return `r${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/**
 * Splits jobs into batches: consecutive jobs of one (scenario, strategy, stress, shocks) with
 * consecutive replication numbers in one aligned block. Every job is in exactly one batch.
 * Jobs repeated in the list (the same replication twice) share the batch's result.
 */
export function planBatches(jobs: Job[], build: Build): Batch[] {
  const batches: Batch[] = [];
  const byId = new Map<string, Batch>();
  let current: { key: string; block: number; indices: number[]; first: Job; next: number } | null = null;
  const flush = () => {
    if (!current) return;
    const j = current.first;
    const from = j.replication;
    const to = current.next;
    const data: BatchData = {
      protocol: QUEUE_PROTOCOL,
      version: build.version,
      engine: build.engine,
      scenarioHash: scenarioHash(j.scenario),
      scenario: j.scenario,
      strategy: j.strategy,
      ...(j.stress !== undefined ? { stress: j.stress } : {}),
      ...(j.shocks !== undefined ? { shocks: j.shocks } : {}),
      ...(j.customers ? { customers: true } : {}),
      ...(j.yearEnds ? { yearEnds: true } : {}),
      ...(j.maxCustomers !== undefined ? { maxCustomers: j.maxCustomers } : {}),
      from,
      to,
    };
    const id = batchId(build, data);
    const same = byId.get(id);
    if (same) current.indices.forEach((i, k) => same.targets[k].push(i));
    else {
      const b: Batch = { id, data, targets: current.indices.map((i) => [i]) };
      byId.set(id, b);
      batches.push(b);
    }
    current = null;
  };
  jobs.forEach((j, i) => {
    if (!Number.isInteger(j.replication) || j.replication < 0) throw new Error(`planBatches: replication ${j.replication} is not a whole number ≥ 0`);
    const key = batchKey(j);
    const block = Math.floor(j.replication / batchSize(j.scenario));
    if (current && current.key === key && current.block === block && current.next === j.replication) {
      current.indices.push(i);
      current.next++;
    } else {
      flush();
      current = { key, block, indices: [i], first: j, next: j.replication + 1 };
    }
  });
  flush();
  return batches;
}
