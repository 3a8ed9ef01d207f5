/**
 * Attribution of a strategy's net-equity gain over the baseline to levers (the waterfall;
 * docs/metrics.md, "Attribution"). With common random numbers, in replication k, the value a
 * lever ℓ creates inside a strategy is what is lost when it is switched off:
 *
 *   value_ℓ(S)_k      = net(S)_k − net(S without ℓ)_k          (0 if S does not use ℓ)
 *   contribution_ℓ,k  = value_ℓ(strategy)_k − value_ℓ(baseline)_k
 *   remainder_k       = [net(strategy)_k − net(baseline)_k] − Σ_ℓ contribution_ℓ,k
 *
 * So a lever only the strategy uses adds its value, a lever only the baseline uses shows what
 * giving it up costs, and a lever both use shows the difference. The remainder holds the
 * interactions between levers (they share diminishing returns and the workforce) and
 * everything that is not a lever (strategy overrides, rules), so the bars add up exactly to
 * the total difference.
 */
import type { ReplicationResult } from '../engine/result.ts';
import { pairByReplication, withPBeats, type PairedDifference } from './paired-difference.ts';

export interface LeverContribution {
  lever: string;
  /** Whether the strategy and/or the baseline spend on the lever. */
  usedBy: 'strategy' | 'baseline' | 'both';
  contribution: PairedDifference;
}

export interface Attribution {
  strategy: string;
  /** Net equity of the strategy minus the baseline's. */
  total: PairedDifference;
  levers: LeverContribution[];
  /** Interactions and other differences: total − Σ contributions. */
  remainder: PairedDifference;
}

export interface LeverOffRuns {
  lever: string;
  /** Replications of the strategy (or the baseline) with the lever switched off. */
  results: ReplicationResult[];
}

const net = (r: ReplicationResult) => r.totals.netEquity;

/** value_ℓ(S)_k for every replication k of `runs` (already in replication order). */
function leverValue(runs: ReplicationResult[], off: ReplicationResult[]): number[] {
  const [, w] = pairByReplication(runs, off);
  return runs.map((r, k) => net(r) - net(w[k]));
}

export function attribute(
  strategy: ReplicationResult[],
  baseline: ReplicationResult[],
  strategyOff: LeverOffRuns[],
  baselineOff: LeverOffRuns[] = [],
): Attribution {
  const [s, b] = pairByReplication(strategy, baseline);
  const total = s.map((r, k) => net(r) - net(b[k]));
  const remainder = total.slice();
  const levers = [...new Set([...strategyOff.map((x) => x.lever), ...baselineOff.map((x) => x.lever)])];
  const contributions: LeverContribution[] = levers.map((lever) => {
    const inS = strategyOff.find((x) => x.lever === lever);
    const inB = baselineOff.find((x) => x.lever === lever);
    const vs = inS ? leverValue(s, inS.results) : null;
    const vb = inB ? leverValue(b, inB.results) : null;
    const c = s.map((_, k) => (vs ? vs[k] : 0) - (vb ? vb[k] : 0));
    c.forEach((x, k) => (remainder[k] -= x));
    return { lever, usedBy: inS && inB ? 'both' : inS ? 'strategy' : 'baseline', contribution: withPBeats(c) };
  });
  return { strategy: s[0].strategy, total: withPBeats(total), levers: contributions, remainder: withPBeats(remainder) };
}
