/**
 * Progress on long runs, on stderr: a cli-progress bar with the time remaining when stderr
 * is a terminal; otherwise (pipes, CI logs, `> log 2>&1`) one plain line at most every
 * PROGRESS_LINE_INTERVAL_MS — phase, done/total, elapsed, remaining — so a long run is
 * never silent and a short one prints nothing.
 */
import cliProgress from 'cli-progress';
import { progressAllowed } from './io.ts';
import { runJobs } from '../run/jobs.ts';
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';

/** At most one plain progress line per this many milliseconds when stderr is not a terminal. */
export const PROGRESS_LINE_INTERVAL_MS = 10_000;

/** "45s", "3m 05s", "1h 02m". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Plain progress lines for a non-terminal stderr. The clock and the writer are injected so
 * the timing rule is testable without waiting: a line is written when at least `intervalMs`
 * have passed since the start or the last line, never more often.
 */
export class ProgressLines {
  private readonly start: number;
  private last: number;
  private phase: string;

  constructor(
    private total: number,
    private readonly label: string,
    private readonly unit: string,
    private readonly now: () => number = Date.now,
    private readonly write: (line: string) => void = (line) => void process.stderr.write(line),
    private readonly intervalMs = PROGRESS_LINE_INTERVAL_MS,
  ) {
    this.start = now();
    this.last = this.start;
    this.phase = '';
  }

  setPhase(phase: string): void {
    this.phase = phase;
  }

  setTotal(total: number): void {
    this.total = total;
  }

  /** Called whenever the count of finished work changes; writes a line when one is due. */
  update(done: number): void {
    const t = this.now();
    if (t - this.last < this.intervalMs) return;
    this.last = t;
    this.write(`${this.line(done, t)}\n`);
  }

  /** The line for `done` finished items at time `t`. */
  line(done: number, t: number): string {
    const elapsed = t - this.start;
    const total = Math.max(this.total, done);
    const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
    const remaining = done > 0 ? `about ${formatDuration((elapsed * (total - done)) / done)} left` : 'time left unknown';
    const phase = this.phase && this.phase !== this.label ? ` · ${this.phase}` : '';
    return `${this.label}${phase}: ${done}/${total} ${this.unit} (${pct}%) · ${formatDuration(elapsed)} elapsed · ${remaining}`;
  }
}

export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private lines: ProgressLines | null = null;
  /** Work finished so far. */
  done = 0;

  constructor(total: number, label: string, unit = 'replications') {
    if (!progressAllowed()) {
      this.lines = new ProgressLines(total, label, unit);
      return;
    }
    this.bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} |{bar}| {value}/{total} ${unit} · {eta_formatted} left`, hideCursor: true, clearOnComplete: true, etaBuffer: 200 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0);
  }

  tick(n = 1): void {
    this.update(this.done + n);
  }

  /** Sets the count of finished work directly. */
  update(done: number): void {
    this.done = done;
    this.bar?.update(done);
    this.lines?.update(done);
  }

  /** Names the current phase of the work (shown in the plain lines). */
  setPhase(phase: string): void {
    this.lines?.setPhase(phase);
  }

  /** When the work turns out larger or smaller than first estimated. */
  setTotal(total: number): void {
    this.bar?.setTotal(Math.max(total, this.done));
    this.lines?.setTotal(Math.max(total, this.done));
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
    this.lines = null;
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
