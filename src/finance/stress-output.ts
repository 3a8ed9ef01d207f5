/**
 * The stress test for machines and terminals: stress-cells.csv (one row per strategy ×
 * stress, full precision), robustness.csv, and a text summary that answers the decision:
 * each strategy's paired difference versus the baseline under every stress, the flips, and
 * the robustness ranking built from those differences.
 */
import { csvField } from '../report/tidy-csv.ts';
import { money, moneyInterval, percent, signedMoney } from '../report/format.ts';
import type { StressTest } from './stress-test.ts';
import { textTable } from './text-table.ts';
import { notEnoughForTail } from './tail-risk.ts';

/** "85% [64%, 95%]": a share with its Wilson 95% interval. */
const pWilson = (p: number, ci: [number, number]) => `${percent(p, 0)} [${percent(ci[0], 0)}, ${percent(ci[1], 0)}]`;

const row = (fields: (string | number | null | undefined)[]) => fields.map((f) => (f === null || f === undefined ? '' : csvField(f))).join(',') + '\n';

export const STRESS_CELLS_HEADER =
  'strategy,stress,n,netEquity_mean,netEquity_se,netEquity_ci95_lo,netEquity_ci95_hi,vsBaseline_mean,vsBaseline_se,vsBaseline_ci95_lo,vsBaseline_ci95_hi,pBeats,pBeats_ci95_lo,pBeats_ci95_hi,flip,netEquity_p5,netEquity_cvar5,netEquity_cvar5_se,netEquity_cvar5_ci95_lo,netEquity_cvar5_ci95_hi,threshold,p_below,p_below_ci95_lo,p_below_ci95_hi,loss_mean,loss_se,loss_ci95_lo,loss_ci95_hi,customerEquity_mean,customerEquity_se,cxSpendPV_mean\n';

export function stressCellsCsv(t: StressTest): string {
  let out = STRESS_CELLS_HEADER;
  for (const c of t.cells) {
    const l = c.lossVsUnstressed;
    const d = c.vsBaseline;
    out += row([
      c.strategy, c.stress, c.netEquity.n, c.netEquity.mean, c.netEquity.se, ...c.netEquity.meanCi95,
      d?.mean, d?.se, d?.meanCi95[0], d?.meanCi95[1], d?.pBeats, d?.pBeatsCi95[0], d?.pBeatsCi95[1], c.flip,
      c.tail.p5, c.tail.cvar5, c.tail.cvar5Se, c.tail.cvar5Ci95?.[0], c.tail.cvar5Ci95?.[1],
      t.threshold.value, c.belowThreshold.p, ...c.belowThreshold.ci95,
      l?.mean, l?.se, l?.meanCi95[0], l?.meanCi95[1],
      c.customerEquity.mean, c.customerEquity.se, c.cxSpendPV.mean,
    ]);
  }
  return out;
}

export function robustnessCsv(t: StressTest): string {
  let out = 'rank,strategy,expected,max_regret_stress,max_regret_mean,max_regret_ci95_lo,max_regret_ci95_hi,worst_delta_stress,worst_delta_mean,worst_delta_ci95_lo,worst_delta_ci95_hi,flips,worst_case_stress,worst_case_mean,worst_tail_stress,worst_tail_cvar5,largest_loss_stress,largest_loss_mean\n';
  for (const r of t.robustness.rows) {
    out += row([
      r.rank, r.strategy, r.expected, r.maxRegret.stress, r.maxRegret.mean, r.maxRegret.ci95?.[0], r.maxRegret.ci95?.[1],
      r.worstDelta.stress, r.worstDelta.mean, r.worstDelta.ci95?.[0], r.worstDelta.ci95?.[1], r.flips.map((f) => `${f.stress}${f.clear ? '' : '?'}`).join(' '),
      r.worstCase.stress, r.worstCase.mean, r.worstTail?.stress, r.worstTail?.cvar5, r.largestLoss.stress, r.largestLoss.mean,
    ]);
  }
  return out;
}

/** Sentences naming every flip: the lead over the baseline changing sign, the preferred strategy changing. */
export function flipSentences(t: StressTest): string[] {
  const sName = (id: string) => t.strategies.find((s) => s.id === id)?.name ?? id;
  const zName = (id: string) => t.stresses.find((s) => s.id === id)?.name ?? id;
  const base = sName(t.baseline);
  const out: string[] = [];
  for (const f of t.robustness.decisionFlips) {
    out.push(
      `Under "${zName(f.stress)}" the preferred strategy changes from ${sName(f.before)} to ${sName(f.after)}: ahead by ${signedMoney(f.margin.mean)} (95% CI ${moneyInterval(f.margin.meanCi95)}, better in ${pWilson(f.margin.pBeats, f.margin.pBeatsCi95)} of replications)${f.clear ? '' : ' — not separated at this number of replications'}.`,
    );
  }
  for (const c of t.cells) {
    if (!c.flip || !c.vsBaseline) continue;
    const u = t.cells.find((x) => x.strategy === c.strategy && x.stress === 'none')!.vsBaseline!;
    out.push(
      `${c.flip === 'clear' ? 'Flip' : 'Possible flip'}: ${sName(c.strategy)} is ${signedMoney(u.mean)} vs ${base} unstressed but ${signedMoney(c.vsBaseline.mean)} (95% CI ${moneyInterval(c.vsBaseline.meanCi95)}) under "${zName(c.stress)}"${c.flip === 'clear' ? '' : ' (one of the two intervals contains 0)'}.`,
    );
  }
  if (out.length === 0) out.push(`No flips: every strategy's lead over ${base} keeps its sign under every stress, and the preferred strategy is the same in every column.`);
  return out;
}

export function stressText(t: StressTest): string {
  const sName = (id: string) => t.strategies.find((s) => s.id === id)?.name ?? id;
  const zn = (id: string) => t.stresses.find((z) => z.id === id)?.name ?? id;
  const base = sName(t.baseline);
  const out: string[] = [];
  out.push(`${t.scenario.name}: stress test, ${t.strategies.length} strategies × ${t.stresses.length} stress cases × ${t.replications} replications, seed ${t.scenario.seed}`);
  out.push('');
  out.push('Stresses (what and when):');
  for (const z of t.stresses) if (z.id !== 'none') out.push(`  ${z.name}: ${z.description ? `${z.description} ` : ''}[${z.timing}]`);
  out.push('');
  out.push(`Δ net equity vs ${base} under the same stress (${t.scenario.currency}, paired by replication), 95% CI and P(beats) with its Wilson 95% interval; ! = the lead changes sign vs unstressed (? = not clear), * = preferred strategy in the column:`);
  const pref = (z: string) => t.robustness.preferred.find((p) => p.stress === z)?.strategy;
  const rows = t.strategies.map((s) => [
    s.name + (s.baseline ? ' (baseline)' : ''),
    ...t.stresses.map((z) => {
      const c = t.cells.find((x) => x.strategy === s.id && x.stress === z.id)!;
      const star = pref(z.id) === s.id ? '*' : '';
      if (!c.vsBaseline) return `${money(c.netEquity.mean)}${star}`;
      const mark = c.flip === 'clear' ? ' !' : c.flip === 'possible' ? ' ?' : '';
      return `${signedMoney(c.vsBaseline.mean)} ${moneyInterval(c.vsBaseline.meanCi95)} ${pWilson(c.vsBaseline.pBeats, c.vsBaseline.pBeatsCi95)}${mark}${star}`;
    }),
  ]);
  out.push(textTable(['Strategy', ...t.stresses.map((z) => z.name)], rows));
  out.push(`(The baseline's row is its own expected net equity.)`);
  out.push('');
  for (const l of flipSentences(t)) out.push(l);
  out.push('');
  out.push('Robustness ranking (minimax regret: the largest shortfall against the best strategy of any stress case; paired):');
  out.push(
    textTable(
      ['Rank', 'Strategy', 'Expected', 'Max regret', 'under', `Worst Δ vs ${base}`, 'under', 'Flips', 'Worst CVaR 5%'],
      t.robustness.rows.map((r) => [
        String(r.rank),
        sName(r.strategy),
        money(r.expected),
        r.maxRegret.mean === 0 ? '0' : money(r.maxRegret.mean),
        r.maxRegret.mean === 0 ? 'preferred in every case' : zn(r.maxRegret.stress),
        r.strategy === t.baseline ? '—' : signedMoney(r.worstDelta.mean),
        r.strategy === t.baseline ? '' : zn(r.worstDelta.stress),
        r.flips.length ? r.flips.map((f) => zn(f.stress) + (f.clear ? '' : '?')).join(', ') : 'none',
        r.worstTail ? `${money(r.worstTail.cvar5)} (${zn(r.worstTail.stress)})` : notEnoughForTail(t.replications),
      ]),
      (j) => ![1, 4, 6, 7].includes(j),
    ),
  );
  for (const l of t.robustness.leaders) {
    const what = { expected: 'Best expected value', minimaxRegret: 'Most robust (minimax regret)', worstCase: 'Best worst case (max–min net equity)', worstTail: 'Best worst-case tail (CVaR 5%)' }[l.criterion];
    if (l.strategy === null) {
      out.push(`${what}: ${l.note}`);
      continue;
    }
    const tm = l.tailMargin;
    const sure = l.established === null ? (l.note ? ` (${l.note})` : '') : tm ? ` (${l.established ? 'established' : `not separated from ${sName(l.runnerUp!)} at ${t.replications} replications`}: CVaR 5% ${signedMoney(tm.value)} vs ${sName(l.runnerUp!)}, paired-bootstrap 95% CI ${moneyInterval(tm.ci95)})` : l.established ? ` (established: the 95% CI of the paired margin over ${sName(l.runnerUp!)} excludes 0)` : ` (not separated from ${sName(l.runnerUp!)} at ${t.replications} replications)`;
    out.push(`${what}: ${sName(l.strategy)}${sure}`);
  }
  out.push(`Threshold ${money(t.threshold.value)}: ${t.threshold.source}. Intervals of means: Student t with ${t.replications - 1} degrees of freedom; P(beats): Wilson.`);
  return out.join('\n') + '\n';
}
