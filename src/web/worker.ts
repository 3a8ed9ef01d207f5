/**
 * The Web Worker: the same engine core as the CLI (src/engine), bundled with esbuild into a
 * classic worker script. It runs replication k of both strategies (common random numbers),
 * k = 0, 1, 2, …, and posts a view after the first pass, then at doubling counts, then at
 * full precision. Between replications it yields to its message queue; a newer request
 * cancels the older run there (so a slider moved again is never waiting behind a stale run).
 */
import { simulateReplication } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import { viewOf } from './results.ts';
import type { RunRequest, WorkerReply } from './protocol.ts';

let latest = 0;
const scope = self as unknown as { postMessage(m: WorkerReply): void; onmessage: ((e: MessageEvent<RunRequest>) => void) | null };

/** Lets queued messages (a newer request) be handled: a task round trip through a MessageChannel. */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

/** Replication counts at which a view is posted: the first pass, doublings, the total. */
export function checkpoints(first: number, total: number): number[] {
  const out: number[] = [];
  for (let k = Math.max(2, first); k < total; k *= 2) out.push(k);
  out.push(total);
  return out;
}

async function run(req: RunRequest): Promise<void> {
  const t0 = performance.now();
  const total = req.scenario.meta.replications;
  const marks = new Set(checkpoints(req.firstPass, total));
  const a: ReplicationResult[] = [];
  const b: ReplicationResult[] = [];
  const stress = req.stress === 'none' ? undefined : req.stress;
  for (let k = 0; k < total; k++) {
    await yieldToMessages();
    if (req.runId !== latest) return;
    a.push(simulateReplication({ scenario: req.scenario, strategy: req.strategies[0], replication: k, stress }));
    b.push(simulateReplication({ scenario: req.scenario, strategy: req.strategies[1], replication: k, stress }));
    if (marks.has(k + 1)) {
      const view = viewOf(req.scenario, req.strategies, a, b);
      scope.postMessage({ type: 'update', runId: req.runId, done: k + 1, total, workerMs: performance.now() - t0, view });
    }
  }
}

scope.onmessage = (e) => {
  const req = e.data;
  if (req?.type !== 'run') return;
  latest = req.runId;
  run(req).catch((err: unknown) => {
    scope.postMessage({ type: 'error', runId: req.runId, message: err instanceof Error ? err.message : String(err) });
  });
};
