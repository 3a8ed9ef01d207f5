/**
 * Runs a command's jobs through its result spool (src/run/result-spool.ts) with a progress
 * bar: replications already in the spool are reused (and said so), the others run on threads
 * or the queue and stream to disk as they finish. The results come back in job order, their
 * series read from disk on demand.
 */
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import { streamJobs } from '../run/jobs.ts';
import { ResultSpool, spoolBeside } from '../run/result-spool.ts';
import { rmSync } from 'node:fs';
import { Progress } from './progress.ts';

export async function runSpooled(spool: ResultSpool, jobs: Job[], threads: number | undefined, label: string, options: { series?: boolean | ((index: number) => boolean) } = {}): Promise<ReplicationResult[]> {
  return spool.run(
    jobs,
    async (pending, onResult) => {
      const progress = new Progress(pending.length, label);
      try {
        await streamJobs(pending, onResult, { threads, onProgress: (done) => progress.update(done), keptIn: spool.dir });
      } finally {
        progress.stop();
      }
    },
    options,
  );
}

/**
 * For analyses of totals alone (stress, sensitivity): runs the jobs through the spool beside
 * the output folder `out`, without series; the results need no open file afterwards.
 */
export async function runTotalsSpooled(out: string, jobs: Job[], threads: number | undefined, label: string): Promise<ReplicationResult[]> {
  const spool = await ResultSpool.open(spoolBeside(out), { series: false });
  try {
    return await runSpooled(spool, jobs, threads, label);
  } finally {
    spool.close();
  }
}

/** Deletes the spool beside `out` once the command's outputs are in place. */
export function removeSpool(out: string): void {
  rmSync(spoolBeside(out), { recursive: true, force: true });
}
