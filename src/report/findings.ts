/**
 * Key findings in plain language, computed from the comparison: which strategy leads on net
 * equity, by how much versus the baseline and how sure that is, when it pays back, and what
 * limits the conclusions (Monte Carlo precision).
 */
import type { Comparison } from '../metrics/comparison.ts';
import { money, moneyInterval, percent, signedMoney } from './format.ts';
import { valuationFindings } from './valuation-text.ts';

export function keyFindings(c: Comparison): string[] {
  const cur = c.scenario.currency;
  const base = c.headline.find((h) => h.baseline)!;
  const ranked = c.headline.slice().sort((a, b) => b.totals.netEquity.mean - a.totals.netEquity.mean);
  const top = ranked[0];
  const out: string[] = [];
  // how sure the lead is: the paired comparison with the runner-up (rankingIssues lists the pairs that cannot be ranked)
  const second = ranked[1];
  const tie = second && c.rankingIssues.find((i) => (i.a === top.strategy && i.b === second.strategy) || (i.a === second.strategy && i.b === top.strategy));
  const lead = !second
    ? ''
    : tie
      ? `; it cannot be told apart from ${second.name} at ${tie.replications} replications (paired difference ${signedMoney(top.strategy === tie.a ? tie.difference : -tie.difference)} ${cur}, 95% CI includes 0), so "highest" is not established`
      : `, ahead of the runner-up ${second.name} in a paired comparison whose 95% CI excludes 0`;
  out.push(
    `${top.name} has the highest expected net equity: ${money(top.totals.netEquity.mean)} ${cur} ` +
      `(90% of replications between ${money(top.totals.netEquity.range90[0])} and ${money(top.totals.netEquity.range90[1])})${lead}.`,
  );
  out.push(...valuationFindings(c));
  for (const h of c.headline) {
    if (!h.vsBaseline) continue;
    const d = h.vsBaseline.netEquity;
    const sure = d.meanCi95[0] > 0 ? 'clearly better than' : d.meanCi95[1] < 0 ? 'clearly worse than' : 'not distinguishable from';
    const be = h.vsBaseline.breakEven;
    const ahead = h.vsBaseline.aheadInEquityFromYear;
    const valued =
      be.month === null && ahead !== null
        ? ` in cash, but valued at each year end by the same rule (customers still active included) it is ahead from year ${ahead} on`
        : '';
    const pay =
      be.month === null
        ? `does not pay back within ${c.scenario.horizonMonths} months${valued}`
        : d.mean < 0
          ? `its cash flow is ahead of the baseline's from month ${be.month} (it spends less), yet it ends behind in value`
          : `pays back after ${be.month} months on average`;
    const roi = h.vsBaseline.roi.value === null ? '' : `; ROI on its extra costs (CX spend, workforce, visits) ${percent(h.vsBaseline.roi.value, 0)}`;
    out.push(
      `${h.name} vs ${base.name}: ${signedMoney(d.mean)} ${cur} net equity (95% CI ${moneyInterval(d.meanCi95)}), ${sure} the baseline; ` +
        `it does better in ${percent(d.pBeats, 0)} of replications (95% interval ${percent(d.pBeatsCi95[0], 0)}–${percent(d.pBeatsCi95[1], 0)}) and ${pay}${roi}.`,
    );
  }
  for (const h of c.headline) {
    for (const f of h.firedRules) {
      out.push(
        `${h.name}'s trigger rule “${f.name}” fired in ${percent(f.share, 0)} of replications (median month ${f.medianMonth}), moving budget as the leading indicator crossed its threshold.`,
      );
    }
  }
  return out;
}
