/**
 * Progress on long runs: a cli-progress bar with the time remaining, on stderr, only when
 * stderr is a terminal (never in pipes or CI logs).
 */
import cliProgress from 'cli-progress';
import { progressAllowed } from './io.ts';
import { runJobs } from '../run/jobs.ts';
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';

export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  /** Work finished so far. */
  done = 0;

  constructor(total: number, label: string, unit = 'replications') {
    if (!progressAllowed()) return;
    this.bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} |{bar}| {value}/{total} ${unit} · {eta_formatted} left`, hideCursor: true, clearOnComplete: true, etaBuffer: 200 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0);
  }

  tick(n = 1): void {
    this.done += n;
    this.bar?.update(this.done);
  }

  /** Sets the count of finished work directly. */
  update(done: number): void {
    this.done = done;
    this.bar?.update(done);
  }

  /** When the work turns out larger or smaller than first estimated. */
  setTotal(total: number): void {
    this.bar?.setTotal(Math.max(total, this.done));
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

/** runJobs with a progress bar. */
export async function runJobsWithProgress(jobs: Job[], threads: number | undefined, label: string): Promise<ReplicationResult[]> {
  const progress = new Progress(jobs.length, label);
  try {
    return await runJobs(jobs, { threads, onProgress: (done) => progress.update(done) });
  } finally {
    progress.stop();
  }
}
