/**
 * Robustness ranking of strategies across stresses (docs/finance.md, "Robustness"): which
 * strategy has the best expected value when nothing goes wrong, which the best worst case
 * (max–min: the highest expected net equity under its own worst stress), and which the best
 * worst-case tail (highest CVaR 5% under its worst stress). Whether the leader under each
 * criterion is established is checked with the paired difference to the runner-up, taken
 * replication by replication (common random numbers).
 */
import { pairedDifference, type PairedDifference } from '../metrics/paired-difference.ts';
import { expectedShortfall } from './tail-risk.ts';

export interface CellValues {
  strategy: string;
  stress: string;
  /** Headline value per replication, in replication order (paired across cells). */
  values: number[];
}

export interface RobustnessRow {
  strategy: string;
  /** Mean under no stress. */
  expected: number;
  /** The stress with the lowest mean for this strategy (the unstressed case included), and that mean. */
  worstCase: { stress: string; mean: number };
  /** The stress with the lowest CVaR 5% for this strategy, and that CVaR. */
  worstTail: { stress: string; cvar5: number };
  /** Largest mean loss versus unstressed, and under which stress. */
  largestLoss: { stress: string; mean: number };
  /** Rank by worst case (1 = most robust). */
  rank: number;
}

export interface Leader {
  criterion: 'expected' | 'worstCase' | 'worstTail';
  strategy: string;
  runnerUp: string | null;
  /** Leader − runner-up in the criterion's cells, paired by replication (null with one strategy, and for the tail criterion: a CVaR is not a mean, see its standard error instead). */
  margin: PairedDifference | null;
  /** Whether the 95% confidence interval of the margin excludes 0. */
  established: boolean | null;
}

export interface Robustness {
  rows: RobustnessRow[];
  leaders: Leader[];
}

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

export function robustness(cells: CellValues[], strategies: string[], unstressed = 'none'): Robustness {
  const of = (s: string) => cells.filter((c) => c.strategy === s);
  const base = (s: string) => of(s).find((c) => c.stress === unstressed);
  const info = strategies.map((s) => {
    const own = of(s);
    const b = base(s);
    const worstCase = own.reduce((w, c) => (mean(c.values) < mean(w.values) ? c : w));
    const worstTail = own.reduce((w, c) => (expectedShortfall(c.values) < expectedShortfall(w.values) ? c : w));
    const losses = own.filter((c) => c.stress !== unstressed && b).map((c) => ({ stress: c.stress, mean: mean(b!.values) - mean(c.values) }));
    const largestLoss = losses.length ? losses.reduce((w, l) => (l.mean > w.mean ? l : w)) : { stress: unstressed, mean: 0 };
    return { s, b, worstCase, worstTail, largestLoss };
  });
  const rows: RobustnessRow[] = info
    .map((i) => ({
      strategy: i.s,
      expected: i.b ? mean(i.b.values) : NaN,
      worstCase: { stress: i.worstCase.stress, mean: mean(i.worstCase.values) },
      worstTail: { stress: i.worstTail.stress, cvar5: expectedShortfall(i.worstTail.values) },
      largestLoss: i.largestLoss,
      rank: 0,
    }))
    .sort((a, b) => b.worstCase.mean - a.worstCase.mean);
  rows.forEach((r, k) => (r.rank = k + 1));

  const leader = (criterion: Leader['criterion'], score: (i: (typeof info)[number]) => number, cellOf: (i: (typeof info)[number]) => CellValues | undefined): Leader => {
    const sorted = info.slice().sort((a, b) => score(b) - score(a));
    const [first, second] = sorted;
    const a = cellOf(first);
    const b = second ? cellOf(second) : undefined;
    const margin = a && b && a.values.length >= 2 ? pairedDifference(a.values, b.values) : null;
    return {
      criterion,
      strategy: first.s,
      runnerUp: second?.s ?? null,
      margin,
      established: margin ? margin.meanCi95[0] > 0 || margin.meanCi95[1] < 0 : null,
    };
  };
  const leaders = [
    leader('expected', (i) => (i.b ? mean(i.b.values) : -Infinity), (i) => i.b),
    leader('worstCase', (i) => mean(i.worstCase.values), (i) => i.worstCase),
    leader('worstTail', (i) => expectedShortfall(i.worstTail.values), () => undefined),
  ];
  return { rows, leaders };
}
