/**
 * The property "any scenario the validator accepts, simulated at small scale, yields only
 * finite outputs and no exception" (issue 10), shared by the CI test
 * (tests/robustness/finite-outputs.test.ts) and the long run (scripts/fuzz-finite.ts).
 *
 * Scenarios come from `validScenario` with parameters pushed to extremes (`extremeScenario`):
 * a few numbers anywhere set to magnitudes from 5e−324 to 1e308, plus the fields the issue
 * found runnable-but-broken (discount rate 0, Hill shapes, wallet CVs, log-normal spreads,
 * money amounts, productivity, referral rates). They are validated as the CLI does, on a
 * machine with MACHINE_BYTES of memory and one thread, so the memory estimate keeps the
 * accepted ones small; then every strategy runs 2 replications (and every stress 1) and the
 * comparison of the strategies is computed: every number in all of it must be finite.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { simulateReplication } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { compareStrategies } from '../../src/metrics/comparison.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { validScenario } from './scenario-arbitrary.ts';

type Json = Record<string, any>;

/** The memory of the pretend machine: 60% of it at 100 B per customer is about 12 600 customers. */
export const MACHINE_BYTES = 2 * 2 ** 20;

/** Magnitudes, tiny to huge: each extreme the issue names, and the ends of double precision. */
const EXTREMES = [0, 5e-324, 1e-300, 1e-30, 1e-9, 1e-3, 0.999999, 1, 1.5, 7, 100, 1e4, 1e6, 1e12, 1e30, 1e100, 1e200, 1e300, 1.7e308];
const SMALL = EXTREMES.filter((x) => x <= 1);
const extreme = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SMALL) }, { weight: 2, arbitrary: fc.constantFrom(...EXTREMES) });
const signedExtreme = fc.tuple(extreme, fc.boolean()).map(([x, neg]) => (neg && x !== 0 ? -x : x));

type Path = (string | number)[];
function numberPaths(v: unknown, prefix: Path = []): Path[] {
  if (typeof v === 'number') return [prefix];
  if (Array.isArray(v)) return v.flatMap((x, i) => numberPaths(x, [...prefix, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => numberPaths(x, [...prefix, k]));
  return [];
}
function setPath(root: Json, path: Path, value: unknown): void {
  let node: any = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    if (node[seg] === undefined || node[seg] === null || typeof node[seg] !== 'object') node[seg] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[seg];
  }
  node[path[path.length - 1]] = value;
}

/** Fields the issue found accepted but not runnable, relative to the ids of a scenario. */
function namedTargets(s: Json): Path[] {
  const out: Path[] = [['meta', 'discountRate'], ['behaviour', 'churnSatisfactionSensitivity'], ['behaviour', 'competitivePull'], ['behaviour', 'captureSensitivity'], ['behaviour', 'shareOfWallet', 'satisfactionSlope']];
  for (const p of Object.keys(s.pools ?? {})) {
    out.push(['pools', p, 'costToServe'], ['pools', p, 'wallet', 'volatility'], ['pools', p, 'bass', 'q']);
  }
  for (const g of Object.keys(s.segments ?? {})) {
    out.push(['segments', g, 'referralRate'], ['segments', g, 'serviceNeed'], ['segments', g, 'cxSensitivity', 'mean'], ['segments', g, 'cxSensitivity', 'cv'], ['segments', g, 'acquisition', 'cost']);
    for (const p of Object.keys(s.segments[g].wallet ?? {})) out.push(['segments', g, 'wallet', p, 'cv'], ['segments', g, 'wallet', p, 'mean']);
  }
  for (const l of Object.keys(s.levers ?? {})) out.push(['levers', l, 'response', 'shape'], ['levers', l, 'response', 'scale'], ['levers', l, 'efficiency']);
  if (s.workforce) out.push(['workforce', 'productivity'], ['workforce', 'wagePerMonth'], ['workforce', 'headcount'], ['workforce', 'experience', 'newHireProductivity'], ['workforce', 'staffing', 'targetWorkload']);
  for (const st of Object.keys(s.strategies ?? {})) out.push(['strategies', st, 'budget', 'perYear']);
  return out;
}

/** A log-normal with a wide spread in place of a positive number (the churn α of the issue). */
const wideLognormal = fc.tuple(fc.constantFrom(1e-3, 1, 100), fc.constantFrom(1e3, 1e50, 1e100, 1e150, 1e200)).map(([mean, sd]) => ({ dist: 'lognormal', mean, sd }));

/** A valid scenario, made small (few customers, short horizon), then 1–3 numbers pushed to extremes. */
export const extremeScenario: fc.Arbitrary<Json> = validScenario.chain((base) => {
  const s = structuredClone(base) as Json;
  s.meta.horizonMonths = Math.min(s.meta.horizonMonths ?? 60, 36);
  const initial = Object.values<Json>(s.segments).reduce((a, g) => a + g.initialCustomers, 0);
  s.meta.agentScale = Math.max(s.meta.agentScale ?? 1, initial / 150);
  const generic = numberPaths(s).filter((p) => p[0] !== 'meta' || p[1] === 'discountRate');
  const targets = [...namedTargets(s), ...generic];
  const change = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...targets), fc.oneof({ weight: 4, arbitrary: extreme }, { weight: 1, arbitrary: signedExtreme })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(s.segments)), fc.constantFrom<'alpha' | 'beta'>('alpha', 'beta'), wideLognormal).map(([g, k, d]) => [['segments', g, 'churn', k] as Path, d] as const) },
  );
  return fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => {
    const out = structuredClone(s);
    for (const [path, value] of changes) {
      if (path[0] === 'segments' && path[2] === 'churn') out.segments[path[1]].churn = { alpha: 1, beta: 2, ...(out.segments[path[1]].churn.alpha !== undefined ? out.segments[path[1]].churn : {}), [path[3]]: value };
      else setPath(out, path, value);
    }
    return out;
  });
});

/** Where the first non-finite number of a value is, or undefined when every number is finite. */
export function firstNonFinite(v: unknown, path = ''): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${path || '(value)'} = ${v}`;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (typeof a[i] === 'number' && !Number.isFinite(a[i])) return `${path}[${i}] = ${a[i]}`;
    return undefined;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = firstNonFinite(v[i], `${path}[${i}]`);
      if (r) return r;
    }
    return undefined;
  }
  if (v instanceof Map) return firstNonFinite(Object.fromEntries(v), path);
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const r = firstNonFinite(x, path ? `${path}.${k}` : k);
      if (r) return r;
    }
  }
  return undefined;
}

export type Outcome = { kind: 'rejected' } | { kind: 'finite'; customerSteps: number } | { kind: 'nonFinite'; where: string } | { kind: 'threw'; error: string };

/** Validates the input as the CLI does (YAML text, small machine) and, when accepted, simulates it and checks every output. */
export function checkScenario(input: Json): Outcome {
  const r = parseScenarioText(stringify(input), 'extreme.yaml', { memory: { totalBytes: MACHINE_BYTES, threads: 1 } });
  if (!r.ok) return { kind: 'rejected' };
  const scenario: Scenario = r.scenario;
  try {
    const results: ReplicationResult[] = [];
    let steps = 0;
    for (const strategy of Object.keys(scenario.strategies)) {
      for (const replication of [0, 1]) {
        const res = simulateReplication({ scenario, strategy, replication });
        steps += res.totals.aliveCustomerSteps;
        const bad = firstNonFinite(res, `${strategy}#${replication}`);
        if (bad) return { kind: 'nonFinite', where: bad };
        results.push(res);
      }
    }
    const baseline = Object.entries(scenario.strategies).find(([, s]) => s.baseline)![0];
    for (const stress of Object.keys(scenario.stresses)) {
      const res = simulateReplication({ scenario, strategy: baseline, replication: 0, stress });
      const bad = firstNonFinite(res, `${baseline}@${stress}`);
      if (bad) return { kind: 'nonFinite', where: bad };
    }
    const comparison = compareStrategies({ scenario, results });
    const bad = firstNonFinite(comparison, 'comparison');
    if (bad) return { kind: 'nonFinite', where: bad };
    return { kind: 'finite', customerSteps: steps };
  } catch (e) {
    return { kind: 'threw', error: (e as Error).stack ?? String(e) };
  }
}
