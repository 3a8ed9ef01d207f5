/**
 * The page's pool of Web Workers: replications are dealt round-robin to the workers, their
 * results assembled in replication order, and a view computed whenever the first n
 * replications are all in and n is a checkpoint (the first pass, doublings, the total). A new
 * run supersedes the old one in every worker; late results of an old run are dropped.
 */
import type { ReplicationResult } from '../engine/result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { checkpoints, deal, type RunRequest, type WorkerReply } from './protocol.ts';
import { viewOf, type View } from './results.ts';

export interface RunUpdate {
  runId: number;
  done: number;
  total: number;
  view: View;
}

export class Runner {
  private readonly workers: Worker[];
  private runId = 0;
  private scenario!: Scenario;
  private strategies!: [string, string];
  private a: ReplicationResult[] = [];
  private b: ReplicationResult[] = [];
  private prefix = 0;
  private marks = new Set<number>();
  private total = 0;

  constructor(
    make: () => Worker,
    count: number,
    private readonly onUpdate: (u: RunUpdate) => void,
    private readonly onError: (runId: number, message: string) => void,
  ) {
    this.workers = Array.from({ length: Math.max(1, count) }, () => {
      const w = make();
      w.onmessage = (e: MessageEvent<WorkerReply>) => this.receive(e.data);
      w.onerror = (e) => this.onError(this.runId, e.message || 'a simulation worker stopped');
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  start(runId: number, scenario: Scenario, strategies: [string, string], stress: string, firstPass: number): void {
    this.runId = runId;
    this.scenario = scenario;
    this.strategies = strategies;
    this.total = scenario.meta.replications;
    this.a = new Array(this.total);
    this.b = new Array(this.total);
    this.prefix = 0;
    this.marks = new Set(checkpoints(firstPass, this.total));
    const lists = deal(this.total, this.workers.length);
    this.workers.forEach((w, i) => {
      const req: RunRequest = { type: 'run', runId, scenario, strategies, stress, replications: lists[i] };
      w.postMessage(req);
    });
  }

  private receive(r: WorkerReply): void {
    if (r.runId !== this.runId) return; // a superseded run
    if (r.type === 'error') return this.onError(r.runId, r.message);
    this.a[r.replication] = r.a;
    this.b[r.replication] = r.b;
    while (this.prefix < this.total && this.a[this.prefix] !== undefined) {
      this.prefix += 1;
      if (this.marks.has(this.prefix)) {
        const n = this.prefix;
        this.onUpdate({ runId: this.runId, done: n, total: this.total, view: viewOf(this.scenario, this.strategies, this.a.slice(0, n), this.b.slice(0, n)) });
      }
    }
  }
}
