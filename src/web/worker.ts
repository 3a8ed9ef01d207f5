/**
 * A Web Worker of the workshop page: the same engine core as the CLI (src/engine), bundled
 * with esbuild into a classic worker script. It runs replication k of both strategies (common
 * random numbers) for each k it was dealt, in order, and posts each pair as it finishes; the
 * page assembles the replications of all its workers. Between replications it yields to its
 * message queue, where a newer request cancels the older run (so a slider moved again never
 * waits behind a stale run).
 */
import { simulateReplication } from '../engine/replication.ts';
import { replicationJobs, type RunRequest, type WorkerReply } from './protocol.ts';

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

async function run(req: RunRequest): Promise<void> {
  for (const k of req.replications) {
    await yieldToMessages();
    if (req.runId !== latest) return;
    const [jobA, jobB] = replicationJobs(req, k);
    const a = simulateReplication(jobA);
    const b = simulateReplication(jobB);
    scope.postMessage({ type: 'replication', runId: req.runId, replication: k, a, b });
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
