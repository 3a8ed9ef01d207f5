/**
 * A worker thread that runs replications: receives jobs, returns ReplicationResults,
 * transferring the series' buffers instead of copying them.
 */
import { parentPort } from 'node:worker_threads';
import { simulateReplication, type Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';

export interface JobMessage {
  id: number;
  job: Job;
}
export type ResultMessage = { id: number; result: ReplicationResult } | { id: number; error: string };

export function transferables(r: ReplicationResult): ArrayBuffer[] {
  const list: ArrayBuffer[] = [];
  for (const s of Object.values(r.series)) list.push(s.buffer as ArrayBuffer);
  list.push(r.valueBeyondByYear.buffer as ArrayBuffer, r.costsBeyondByYear.buffer as ArrayBuffer);
  if (r.customers) for (const a of Object.values(r.customers)) list.push(a.buffer as ArrayBuffer);
  return list;
}

parentPort?.on('message', (msg: JobMessage) => {
  try {
    const result = simulateReplication(msg.job);
    parentPort!.postMessage({ id: msg.id, result } satisfies ResultMessage, transferables(result));
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ResultMessage);
  }
});
