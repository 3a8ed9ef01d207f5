/**
 * The flagship comparison as `npm start` runs it: `cxsim compare scenarios/photo-memories.yaml`
 * (5 strategies, attribution on, every year end valued by its own run-off) in a child process,
 * at the scenario's replications or at `replications`, timed by bash's `time`: wall time and
 * CPU time (user + system of the process and its worker threads), and replication jobs per second
 * (the comparison's jobs — strategies × replications plus the attribution's coalition runs, as
 * compare plans them — over the wall time, start-up and writing the report included).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScenario } from '../src/cli/scenario-file.ts';
import { chooseStrategies, planComparison } from '../src/cli/commands/compare.ts';

export interface FlagshipBench {
  scenario: string;
  replications: number;
  strategies: number;
  /** Replication jobs: strategies × replications, and the attribution's coalition runs. */
  jobs: number;
  attributionJobs: number;
  wallSeconds: number;
  cpuSeconds: number;
  jobsPerSecond: number;
  /** 1-minute load average before and after the run (the machine may be shared). */
  loadBefore: number;
  loadAfter: number;
  /** The headline as compare printed it (net equity difference of each strategy vs the baseline), to see the run was real. */
  netDifference: Record<string, number>;
}

export function benchFlagship(file = 'scenarios/photo-memories.yaml', replications?: number, threads?: number): FlagshipBench {
  const scenario = readScenario(file);
  const n = replications ?? scenario.meta.replications;
  const strategies = chooseStrategies(scenario, undefined);
  const plan = planComparison({ ...scenario, meta: { ...scenario.meta, replications: n } }, strategies, true);
  const dir = mkdtempSync(join(tmpdir(), 'cxsim-bench-flagship-'));
  try {
    const args = ['bin/cxsim.js', 'compare', file, '--out', join(dir, 'out'), '--format', 'json', ...(replications ? ['--replications', String(n)] : []), ...(threads ? ['--threads', String(threads)] : [])];
    const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const loadBefore = loadavg()[0];
    // bash's `time` reports the child's wall, user and system seconds (worker threads included)
    const script = `TIMEFORMAT='%R %U %S'; { time ${JSON.stringify(process.execPath)} ${quoted} > ${JSON.stringify(join(dir, 'summary.json'))} 2>/dev/null ; } 2> ${JSON.stringify(join(dir, 'time.txt'))}`;
    execFileSync('bash', ['-c', script], { stdio: 'inherit' });
    const loadAfter = loadavg()[0];
    const [wall, user, sys] = readFileSync(join(dir, 'time.txt'), 'utf8').trim().split(/\s+/).map(Number);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { headline: { strategy: string; vsBaseline: { netEquity: { mean: number } } | null }[] };
    const netDifference: Record<string, number> = {};
    for (const h of summary.headline) if (h.vsBaseline) netDifference[h.strategy] = h.vsBaseline.netEquity.mean;
    return {
      scenario: scenario.meta.name,
      replications: n,
      strategies: strategies.length,
      jobs: plan.jobs.length,
      attributionJobs: plan.jobs.length - plan.mainJobs,
      wallSeconds: wall,
      cpuSeconds: user + sys,
      jobsPerSecond: plan.jobs.length / wall,
      loadBefore,
      loadAfter,
      netDifference,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = process.argv[2] ? Number(process.argv[2]) : undefined;
  process.stdout.write(JSON.stringify(benchFlagship('scenarios/photo-memories.yaml', r), null, 1) + '\n');
}
