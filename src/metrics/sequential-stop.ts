/**
 * When to stop adding replications (`cxsim compare --precision H`): after each batch, the paired
 * differences in net equity (common random numbers: replication k of every strategy shares its
 * draws) are checked against two rules, in this order (docs/metrics.md, "Adaptive replications"):
 *
 * 1. Precision: every strategy's paired difference versus the baseline has a 95% t interval of
 *    half-width ≤ H (a fixed-width sequential rule in the manner of Chow & Robbins, "On the
 *    asymptotic theory of fixed-width sequential confidence intervals for the mean", 1965: the
 *    coverage is nominal as H → 0, approximately 95% at a finite H).
 * 2. Ranking: the order is established — every strategy against the baseline and every pair of
 *    neighbours in the ranking has a paired interval that excludes 0 — at the Bonferroni level
 *    α / (looks × pairs), where looks is the most batches the cap allows and pairs = S(S−1)/2,
 *    all pairs that could be checked. By the union bound over every look and every pair, the
 *    probability of stopping with any of these orders wrong is at most α (5%) however the
 *    stopping falls, if each fixed-n t interval is valid (normal paired differences; the t
 *    interval is robust to moderate non-normality at n ≥ 10).
 * 3. Cap: otherwise the run stops at the cap and says which rule was not met.
 * Batches start at no fewer than 10 replications, so no ranking rests on fewer than 10 runs.
 */
import { pairedDifference } from './paired-difference.ts';
import { t95, tQuantile } from './interval.ts';

export const SEQUENTIAL_ALPHA = 0.05;
export const MIN_FIRST_BATCH = 10;

export interface SequentialPlan {
  /** Target half-width of the 95% interval of each paired difference versus the baseline (money, net equity). */
  target: number;
  /** Replications of the first batch (≥ 10). */
  first: number;
  /** Replications added per later batch. */
  batch: number;
  /** Most replications per strategy. */
  cap: number;
}

export type StopReason = 'precision' | 'ranking' | 'cap';

export interface StopDecision {
  stop: boolean;
  reason: StopReason | null;
  replications: number;
  /** Half-width of the 95% interval of each strategy's paired difference versus the baseline. */
  halfWidths: Record<string, number>;
  /** Two-sided level of each interval of the ranking rule: α / (looks × pairs). */
  rankingAlpha: number;
  /** One sentence for people. */
  message: string;
}

/** Most looks (batches) the plan allows. */
export function maxLooks(plan: SequentialPlan): number {
  return 1 + Math.max(0, Math.ceil((plan.cap - plan.first) / plan.batch));
}

/** The replication count after `look` batches (1-based), capped. */
export function replicationsAtLook(plan: SequentialPlan, look: number): number {
  return Math.min(plan.cap, plan.first + (look - 1) * plan.batch);
}

export function checkPlan(plan: SequentialPlan): void {
  if (!(plan.target > 0) || !Number.isFinite(plan.target)) throw new RangeError(`precision target: expected a positive amount, found ${plan.target}`);
  if (!Number.isInteger(plan.first) || plan.first < MIN_FIRST_BATCH) throw new RangeError(`first batch: expected a whole number ≥ ${MIN_FIRST_BATCH}, found ${plan.first}`);
  if (!Number.isInteger(plan.batch) || plan.batch < 1) throw new RangeError(`batch: expected a whole number ≥ 1, found ${plan.batch}`);
  if (!Number.isInteger(plan.cap) || plan.cap < plan.first) throw new RangeError(`cap: expected a whole number ≥ the first batch (${plan.first}), found ${plan.cap}`);
}

/**
 * @param netEquity per strategy, net equity by replication 0..n−1 (paired).
 * @param fmt formats money for the message.
 */
export function sequentialDecision(netEquity: Record<string, number[]>, baseline: string, plan: SequentialPlan, fmt: (x: number) => string = String): StopDecision {
  const ids = Object.keys(netEquity);
  const n = netEquity[baseline].length;
  const S = ids.length;
  const pairsAll = Math.max(1, (S * (S - 1)) / 2);
  const rankingAlpha = SEQUENTIAL_ALPHA / (maxLooks(plan) * pairsAll);
  const halfWidths: Record<string, number> = {};
  for (const id of ids) {
    if (id === baseline) continue;
    const d = pairedDifference(netEquity[id], netEquity[baseline]);
    halfWidths[id] = t95(n) * d.se;
  }
  const worst = Math.max(0, ...Object.values(halfWidths));
  const decided = (reason: StopReason | null, message: string): StopDecision => ({ stop: reason !== null, reason, replications: n, halfWidths, rankingAlpha, message });
  if (S < 2) return decided('precision', `one strategy: nothing to compare; stopped at ${n} replications`);
  if (worst <= plan.target) {
    return decided('precision', `stopped at ${n} replications: every paired difference versus the baseline is known to ±${fmt(worst)} (95% t interval), within the target ±${fmt(plan.target)}`);
  }
  // ranking rule: every strategy vs the baseline, and neighbours in the ranking by mean
  const mean = (id: string) => netEquity[id].reduce((a, x) => a + x, 0) / n;
  const ranked = ids.slice().sort((a, b) => mean(b) - mean(a));
  const pairs: [string, string][] = [];
  const add = (a: string, b: string) => {
    if (a !== b && !pairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a))) pairs.push([a, b]);
  };
  for (const id of ids) if (id !== baseline) add(id, baseline);
  for (let i = 0; i + 1 < ranked.length; i++) add(ranked[i], ranked[i + 1]);
  const tq = tQuantile(1 - rankingAlpha / 2, n - 1);
  const established = pairs.every(([a, b]) => {
    const d = pairedDifference(netEquity[a], netEquity[b]);
    return d.se > 0 ? Math.abs(d.mean) > tq * d.se : d.mean !== 0;
  });
  if (established) {
    return decided(
      'ranking',
      `stopped at ${n} replications: the ranking is established (every strategy against the baseline and every pair of neighbours separated at the Bonferroni level ${rankingAlpha.toPrecision(2)} per interval, error rate ≤ ${SEQUENTIAL_ALPHA} over all looks); widest paired interval ±${fmt(worst)}`,
    );
  }
  if (n >= plan.cap) {
    return decided('cap', `stopped at the cap of ${n} replications: the widest paired difference versus the baseline is ±${fmt(worst)} (target ±${fmt(plan.target)}) and the ranking is not established`);
  }
  return decided(null, `${n} replications: widest paired interval ±${fmt(worst)}, target ±${fmt(plan.target)}; continuing`);
}
