/**
 * The stress test for machines and terminals: stress-cells.csv (one row per strategy ×
 * stress, full precision), robustness.csv, and a text summary.
 */
import { csvField } from '../report/tidy-csv.ts';
import { money, percent, signedMoney } from '../report/format.ts';
import type { StressTest } from './stress-test.ts';
import { textTable } from './text-table.ts';

const row = (fields: (string | number | null)[]) => fields.map((f) => (f === null ? '' : csvField(f))).join(',') + '\n';

export const STRESS_CELLS_HEADER =
  'strategy,stress,n,netEquity_mean,netEquity_se,netEquity_ci95_lo,netEquity_ci95_hi,netEquity_p5,netEquity_cvar5,netEquity_cvar5_se,threshold,p_below,p_below_se,loss_mean,loss_se,loss_ci95_lo,loss_ci95_hi,customerEquity_mean,customerEquity_se,cxSpendPV_mean\n';

export function stressCellsCsv(t: StressTest): string {
  let out = STRESS_CELLS_HEADER;
  for (const c of t.cells) {
    const l = c.lossVsUnstressed;
    out += row([
      c.strategy, c.stress, c.netEquity.n, c.netEquity.mean, c.netEquity.se, ...c.netEquity.meanCi95, c.tail.p5, c.tail.cvar5, c.tail.cvar5Se,
      t.threshold.value, c.belowThreshold.p, c.belowThreshold.se,
      l ? l.mean : 0, l ? l.se : 0, l ? l.meanCi95[0] : 0, l ? l.meanCi95[1] : 0,
      c.customerEquity.mean, c.customerEquity.se, c.cxSpendPV.mean,
    ]);
  }
  return out;
}

export function robustnessCsv(t: StressTest): string {
  let out = 'rank,strategy,expected,worst_case_stress,worst_case_mean,worst_tail_stress,worst_tail_cvar5,largest_loss_stress,largest_loss_mean\n';
  for (const r of t.robustness.rows) {
    out += row([r.rank, r.strategy, r.expected, r.worstCase.stress, r.worstCase.mean, r.worstTail.stress, r.worstTail.cvar5, r.largestLoss.stress, r.largestLoss.mean]);
  }
  return out;
}

export function stressText(t: StressTest): string {
  const sName = (id: string) => t.strategies.find((s) => s.id === id)?.name ?? id;
  const out: string[] = [];
  out.push(`${t.scenario.name}: stress test, ${t.strategies.length} strategies × ${t.stresses.length} stress cases × ${t.replications} replications, seed ${t.scenario.seed}`);
  out.push(`Expected net equity (${t.scenario.currency}); in brackets the change versus unstressed (paired):`);
  out.push('');
  const headers = ['Strategy', ...t.stresses.map((z) => z.name)];
  const rows = t.strategies.map((s) =>
    [s.name + (s.baseline ? ' (baseline)' : ''), ...t.stresses.map((z) => {
      const c = t.cells.find((x) => x.strategy === s.id && x.stress === z.id)!;
      return c.lossVsUnstressed ? `${money(c.netEquity.mean)} (${signedMoney(-c.lossVsUnstressed.mean)})` : money(c.netEquity.mean);
    })],
  );
  out.push(textTable(headers, rows));
  out.push(`Tail under the worst stress for each strategy (CVaR 5% = mean of the worst 5% of replications):`);
  out.push(
    textTable(
      ['Rank', 'Strategy', 'Expected', 'Worst case', 'under', 'Worst CVaR 5%', 'under', `P(< ${money(t.threshold.value)}) worst`],
      t.robustness.rows.map((r) => {
        const worstP = Math.max(...t.cells.filter((c) => c.strategy === r.strategy).map((c) => c.belowThreshold.p));
        const zn = (id: string) => t.stresses.find((z) => z.id === id)?.name ?? id;
        return [String(r.rank), sName(r.strategy), money(r.expected), money(r.worstCase.mean), zn(r.worstCase.stress), money(r.worstTail.cvar5), zn(r.worstTail.stress), percent(worstP, 0)];
      }),
      (j) => ![1, 4, 6].includes(j),
    ),
  );
  for (const l of t.robustness.leaders) {
    const what = { expected: 'Best expected value', worstCase: 'Best worst case', worstTail: 'Best worst-case tail' }[l.criterion];
    const sure = l.established === null ? '' : l.established ? ' (established: the 95% CI of the paired margin excludes 0)' : ` (not separated from ${sName(l.runnerUp!)} at ${t.replications} replications)`;
    out.push(`${what}: ${sName(l.strategy)}${sure}`);
  }
  out.push(`Threshold ${money(t.threshold.value)}: ${t.threshold.source}.`);
  return out.join('\n') + '\n';
}
