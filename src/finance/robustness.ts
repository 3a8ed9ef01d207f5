/**
 * Robustness of the decision across stresses (docs/finance.md, "Robustness"), built from
 * paired differences under the same stress (common random numbers), not from each strategy's
 * own level:
 *
 * - Δ vs baseline under every stress: does the strategy's lead over the baseline survive?
 *   A flip is flagged where its sign changes versus the unstressed case ("clear" when both
 *   95% intervals exclude 0 on opposite sides, else "possible").
 * - The preferred strategy of each stress column (highest mean net equity): a decision flip is
 *   flagged where it differs from the unstressed preference.
 * - Regret of a strategy under a stress: the column's preferred strategy minus it, paired by
 *   replication. The robustness ranking orders strategies by their largest regret over all
 *   stress cases (minimax regret, Savage 1951): the strategy you would least regret whichever
 *   stress comes. The worst-case Δ vs baseline is given beside it.
 * - Worst-case tail: CVaR 5% under the strategy's worst stress — only with enough replications
 *   (n ≥ 200, see tail-risk.ts); otherwise null, and no leader is named on it.
 */
import { pairedDifference, type PairedDifference } from '../metrics/paired-difference.ts';
import { enoughForTail, expectedShortfall, expectedShortfallDifferenceCi } from './tail-risk.ts';

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
  /** Worst mean Δ vs baseline over the stress cases (the unstressed included), and where (0 for the baseline). */
  worstDelta: { stress: string; mean: number; ci95: [number, number] | null };
  /** Largest mean regret (column's preferred strategy − this one) over the stress cases, and where. */
  maxRegret: { stress: string; mean: number; ci95: [number, number] | null };
  /** The stress with the lowest mean for this strategy (the unstressed case included), and that mean. */
  worstCase: { stress: string; mean: number };
  /** The stress with the lowest CVaR 5% for this strategy, and that CVaR; null below 200 replications. */
  worstTail: { stress: string; cvar5: number } | null;
  /** Largest mean loss versus unstressed, and under which stress. */
  largestLoss: { stress: string; mean: number };
  /** Stresses under which the sign of the lead over the baseline changes versus unstressed. */
  flips: { stress: string; clear: boolean }[];
  /** Rank by max regret (1 = most robust). */
  rank: number;
}

export interface Leader {
  criterion: 'expected' | 'minimaxRegret' | 'worstCase' | 'worstTail';
  /** null: no leader can be named (the tail with too few replications). */
  strategy: string | null;
  runnerUp: string | null;
  /** Leader − runner-up in the criterion's cells, paired by replication. */
  margin: PairedDifference | null;
  /** Whether the 95% confidence interval of the margin excludes 0. */
  established: boolean | null;
  /** worstTail: CVaR 5% of the leader minus the runner-up's (each under its own worst stress), with its paired-bootstrap 95% interval. */
  tailMargin?: { value: number; ci95: [number, number] };
  /** Why there is no leader or no margin, in words. */
  note?: string;
}

export interface DecisionFlip {
  stress: string;
  /** Preferred strategy (highest mean) unstressed and under the stress. */
  before: string;
  after: string;
  /** after − before under the stress, paired. */
  margin: PairedDifference;
  /** The 95% CI of the margin excludes 0. */
  clear: boolean;
}

export interface Robustness {
  rows: RobustnessRow[];
  leaders: Leader[];
  /** Stresses under which the preferred strategy changes. */
  decisionFlips: DecisionFlip[];
  /** Preferred strategy per stress column. */
  preferred: { stress: string; strategy: string }[];
}

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const sign = (d: PairedDifference) => (d.meanCi95[0] > 0 ? 1 : d.meanCi95[1] < 0 ? -1 : 0);

export function robustness(cells: CellValues[], strategies: string[], baseline: string, unstressed = 'none'): Robustness {
  const stresses = [...new Set(cells.map((c) => c.stress))];
  const cell = (s: string, z: string) => cells.find((c) => c.strategy === s && c.stress === z);
  const preferred = stresses.map((z) => {
    const here = strategies.filter((s) => cell(s, z));
    return { stress: z, strategy: here.reduce((b, s) => (mean(cell(s, z)!.values) > mean(cell(b, z)!.values) ? s : b)) };
  });
  const prefOf = (z: string) => preferred.find((p) => p.stress === z)!.strategy;
  const n = cells[0]?.values.length ?? 0;

  const rows: RobustnessRow[] = strategies.map((s) => {
    const own = cells.filter((c) => c.strategy === s);
    const b = cell(s, unstressed);
    const deltas = own.map((c) => {
      const base = cell(baseline, c.stress);
      return { stress: c.stress, d: s !== baseline && base && n >= 2 ? pairedDifference(c.values, base.values) : null };
    });
    const worstD = deltas.reduce((w, x) => ((x.d?.mean ?? 0) < (w.d?.mean ?? 0) ? x : w));
    const regrets = own.map((c) => {
      const best = cell(prefOf(c.stress), c.stress)!;
      return { stress: c.stress, d: best.strategy !== s && n >= 2 ? pairedDifference(best.values, c.values) : null };
    });
    const worstR = regrets.reduce((w, x) => ((x.d?.mean ?? 0) > (w.d?.mean ?? 0) ? x : w));
    const worstCase = own.reduce((w, c) => (mean(c.values) < mean(w.values) ? c : w));
    const tailOk = enoughForTail(n);
    const worstTail = tailOk ? own.reduce((w, c) => (expectedShortfall(c.values) < expectedShortfall(w.values) ? c : w)) : null;
    const losses = own.filter((c) => c.stress !== unstressed && b).map((c) => ({ stress: c.stress, mean: mean(b!.values) - mean(c.values) }));
    const d0 = deltas.find((x) => x.stress === unstressed)?.d;
    const flips = d0
      ? deltas
          .filter((x) => x.stress !== unstressed && x.d && Math.sign(x.d.mean) !== Math.sign(d0.mean) && x.d.mean !== 0)
          .map((x) => ({ stress: x.stress, clear: sign(x.d!) !== 0 && sign(d0) !== 0 && sign(x.d!) !== sign(d0) }))
      : [];
    return {
      strategy: s,
      expected: b ? mean(b.values) : NaN,
      worstDelta: { stress: worstD.stress, mean: worstD.d?.mean ?? 0, ci95: worstD.d?.meanCi95 ?? null },
      maxRegret: { stress: worstR.stress, mean: worstR.d?.mean ?? 0, ci95: worstR.d?.meanCi95 ?? null },
      worstCase: { stress: worstCase.stress, mean: mean(worstCase.values) },
      worstTail: worstTail ? { stress: worstTail.stress, cvar5: expectedShortfall(worstTail.values) } : null,
      largestLoss: losses.length ? losses.reduce((w, l) => (l.mean > w.mean ? l : w)) : { stress: unstressed, mean: 0 },
      flips,
      rank: 0,
    };
  });
  rows.sort((a, b) => a.maxRegret.mean - b.maxRegret.mean || b.expected - a.expected);
  rows.forEach((r, k) => (r.rank = k + 1));

  const margin = (a: CellValues | undefined, b: CellValues | undefined) => (a && b && a.values.length >= 2 ? pairedDifference(a.values, b.values) : null);
  const leader = (criterion: Leader['criterion'], order: RobustnessRow[], cellsOf: (lead: RobustnessRow, second: RobustnessRow) => [CellValues | undefined, CellValues | undefined]): Leader => {
    const [first, second] = order;
    const m = second ? margin(...cellsOf(first, second)) : null;
    return { criterion, strategy: first.strategy, runnerUp: second?.strategy ?? null, margin: m, established: m ? m.meanCi95[0] > 0 || m.meanCi95[1] < 0 : null };
  };
  /** Minus the regret of a strategy in the column where it regrets most, per replication. */
  const negRegret = (r: RobustnessRow): CellValues | undefined => {
    const own = cell(r.strategy, r.maxRegret.stress);
    const best = cell(prefOf(r.maxRegret.stress), r.maxRegret.stress);
    return own && best ? { strategy: r.strategy, stress: r.maxRegret.stress, values: own.values.map((x, k) => x - best.values[k]) } : undefined;
  };
  const byExpected = rows.slice().sort((a, b) => b.expected - a.expected);
  const byWorst = rows.slice().sort((a, b) => b.worstCase.mean - a.worstCase.mean);
  const leaders: Leader[] = [
    leader('expected', byExpected, (a, b) => [cell(a.strategy, unstressed), cell(b.strategy, unstressed)]),
    // the criterion's own difference: the runner-up's largest regret minus the leader's, each in its
    // own worst column, paired by replication (as minus-regret "cells", so margin = leader − runner-up)
    leader('minimaxRegret', rows, (a, b) => [negRegret(a), negRegret(b)]),
    leader('worstCase', byWorst, (a, b) => [cell(a.strategy, a.worstCase.stress), cell(b.strategy, b.worstCase.stress)]),
  ];
  if (enoughForTail(n)) {
    const byTail = rows.slice().sort((a, b) => b.worstTail!.cvar5 - a.worstTail!.cvar5);
    const [first, second] = byTail;
    // how sure: a paired bootstrap of the CVaR difference (a CVaR is not a mean, so no t interval)
    const tailMargin = second
      ? {
          value: first.worstTail!.cvar5 - second.worstTail!.cvar5,
          ci95: expectedShortfallDifferenceCi(cell(first.strategy, first.worstTail!.stress)!.values, cell(second.strategy, second.worstTail!.stress)!.values),
        }
      : undefined;
    leaders.push({
      criterion: 'worstTail',
      strategy: first.strategy,
      runnerUp: second?.strategy ?? null,
      margin: null,
      established: tailMargin ? tailMargin.ci95[0] > 0 || tailMargin.ci95[1] < 0 : null,
      ...(tailMargin ? { tailMargin } : {}),
      note: 'CVaR 5% under each one\'s worst stress; margin over the runner-up with a paired-bootstrap 95% interval',
    });
  } else {
    leaders.push({ criterion: 'worstTail', strategy: null, runnerUp: null, margin: null, established: null, note: `not enough replications for CVaR 5% (${n} of 200): no tail leader is named; rerun with --replications 200` });
  }

  const base = prefOf(unstressed);
  const decisionFlips: DecisionFlip[] = preferred
    .filter((p) => p.stress !== unstressed && p.strategy !== base)
    .map((p) => {
      const m = pairedDifference(cell(p.strategy, p.stress)!.values, cell(base, p.stress)!.values);
      return { stress: p.stress, before: base, after: p.strategy, margin: m, clear: m.meanCi95[0] > 0 };
    });
  return { rows, leaders, decisionFlips, preferred };
}
