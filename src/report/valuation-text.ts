/**
 * The valuation in words and machine-readable rows: the rule a comparison was valued with
 * (stated with every output), the split of each strategy's value and of its lead over the
 * baseline into within the horizon and beyond it, and whether the conclusions hold on
 * within-horizon value alone (docs/metrics.md, "Valuation").
 */
import type { Comparison } from '../metrics/comparison.ts';
import type { ValuationRule } from '../engine/result.ts';
import { csvField } from './csv-field.ts';
import { money, moneyInterval, percent, signedMoney } from './format.ts';

/** One sentence stating the valuation rule. */
export function valuationRuleText(rule: ValuationRule, horizonMonths: number): string {
  const timing = rule.paymentTiming === 'advance' ? 'margins received at the start of each step (in advance)' : 'margins received at the end of each step survived (in arrears)';
  const costs =
    rule.costsBeyondHorizon === 'run-rate'
      ? 'CX spend (except acquisition) and workforce costs continue at the run-rate of the last year'
      : 'CX spend stops at the horizon and no workforce cost is counted beyond it';
  const stepName = rule.runoffStepsPerYear === 12 ? 'monthly' : rule.runoffStepsPerYear === 4 ? 'quarterly' : 'annual';
  switch (rule.beyondHorizon) {
    case 'runoff':
      return `Valuation: the ${horizonMonths}-month horizon, then a ${rule.runoffYears}-year run-off of the customers alive at the horizon (simulated at ${stepName} steps, no acquisition; ${costs}), then a closing Gordon perpetuity per customer with each pool's long-run growth, costs capitalised per customer at their own timing (lever spend at the start of each step, workforce at its end, offers and treatments with the margin); ${timing}; year ends inside the horizon ${rule.yearEnds === 'runoff' ? 'valued by their own run-off' : 'valued by the closing perpetuity alone (approximate)'}.`;
    case 'perpetuity':
      return `Valuation: the ${horizonMonths}-month horizon, then a Gordon perpetuity per customer alive at the horizon with each pool's long-run growth (${costs}, capitalised per customer at their own timing: lever spend at the start of each step, workforce at its end, offers and treatments with the margin); ${timing}.`;
    case 'none':
      return `Valuation: the ${horizonMonths}-month horizon only — customers still active at its end add nothing; ${timing}.`;
  }
}

const nameOf = (c: Comparison, id: string) => c.strategies.find((s) => s.id === id)?.name ?? id;

/** Findings about the value split and horizon robustness, in plain words. */
export function valuationFindings(c: Comparison): string[] {
  const v = c.valuation;
  const cur = c.scenario.currency;
  const out: string[] = [valuationRuleText(v.rule, c.scenario.horizonMonths)];
  if (v.rule.beyondHorizon === 'none') return out;
  const best = v.ranking[0];
  out.push(
    v.rankingHoldsWithinHorizon
      ? `The ranking of the strategies holds on within-horizon value alone.`
      : v.bestHoldsWithinHorizon
        ? `${nameOf(c, best)} stays the best on within-horizon value alone, but the order of the others changes (within the horizon: ${v.rankingWithinHorizon.map((id) => nameOf(c, id)).join(' > ')}).`
        : `The ranking does not hold without the value beyond the horizon: within the horizon alone ${nameOf(c, v.rankingWithinHorizon[0])} would be best (${v.rankingWithinHorizon.map((id) => nameOf(c, id)).join(' > ')}), so the conclusion rests on the valuation beyond month ${c.scenario.horizonMonths}.`,
  );
  for (const s of v.strategies) {
    if (!s.vsBaseline) continue;
    const d = s.vsBaseline;
    const total = d.withinHorizon.mean + d.beyondHorizon.mean;
    const hr = c.horizonRobustness.find((h) => h.strategy === s.strategy);
    const established =
      !hr || hr.leadAtHorizon === 0
        ? 'its difference is not distinguishable from 0 at the horizon'
        : hr.establishedFromYear === null
          ? `its ${hr.leadAtHorizon > 0 ? 'lead' : 'deficit'} is not established at any earlier year end`
          : `its ${hr.leadAtHorizon > 0 ? 'lead' : 'deficit'} is established (95% CI excludes 0) when valued at every year end from year ${hr.establishedFromYear}` +
            (v.rule.yearEnds === 'runoff' ? ' (each year end valued by its own run-off)' : ' (year-end values before the horizon are the closing perpetuity, which leaves out adoption still to come; valuation.yearEnds: runoff values each by its own run-off)');
    const within = d.withinHorizon;
    const withinWord = within.meanCi95[0] > 0 ? 'ahead' : within.meanCi95[1] < 0 ? 'behind' : 'not distinguishable from it';
    out.push(
      `${nameOf(c, s.strategy)} vs the baseline: ${signedMoney(total)} ${cur}, of which ${signedMoney(within.mean)} within the horizon (95% CI ${moneyInterval(within.meanCi95)}: ${withinWord}) and ${signedMoney(d.beyondHorizon.mean)} beyond it; ${established}.`,
    );
  }
  return out;
}

/** Rows per strategy: value within the horizon, in the run-off, in the closing perpetuity, and the share beyond. */
export function valueSplitCsv(c: Comparison): string {
  let out = 'strategy,metric,mean,se,meanCi95_lo,meanCi95_hi\n';
  const row = (id: string, metric: string, s: { mean: number; se: number; meanCi95: [number, number] }) => (out += [id, metric, s.mean, s.se, s.meanCi95[0], s.meanCi95[1]].map(csvField).join(',') + '\n');
  for (const s of c.valuation.strategies) {
    row(s.strategy, 'netEquity', s.netEquity);
    row(s.strategy, 'netEquityWithinHorizon', s.withinHorizon);
    row(s.strategy, 'netValueRunoff', s.runoff);
    row(s.strategy, 'netValueClosing', s.closing);
    row(s.strategy, 'netValueBeyondHorizon', s.beyondHorizon);
    if (s.shareBeyondHorizon !== null) out += [s.strategy, 'shareBeyondHorizon', s.shareBeyondHorizon, '', '', ''].map(csvField).join(',') + '\n';
    if (s.vsBaseline) {
      row(s.strategy, 'delta.netEquityWithinHorizon', s.vsBaseline.withinHorizon);
      row(s.strategy, 'delta.netValueBeyondHorizon', s.vsBaseline.beyondHorizon);
    }
  }
  return out;
}

/** horizon.csv: the paired difference in net equity valued at each year end, per strategy. */
export function horizonCsv(c: Comparison): string {
  let out = 'strategy,year,month,deltaNetEquity,meanCi95_lo,meanCi95_hi,deltaNetEquityWithinHorizonOnly,establishedFromYear\n';
  for (const h of c.horizonRobustness) {
    h.years.forEach((y, i) => {
      out += [h.strategy, y, 12 * y, h.mean[i], h.lo95[i], h.hi95[i], h.meanWithin[i], h.establishedFromYear ?? ''].map(csvField).join(',') + '\n';
    });
  }
  return out;
}

/** Short cell texts for the headline table. */
export function splitCells(c: Comparison, strategy: string): { within: string; beyond: string; beyondSub?: string; deltaWithin?: string; deltaWithinSub?: string } {
  const s = c.valuation.strategies.find((x) => x.strategy === strategy);
  if (!s) return { within: '—', beyond: '—' };
  return {
    within: money(s.withinHorizon.mean),
    beyond: money(s.beyondHorizon.mean),
    beyondSub: s.shareBeyondHorizon === null ? undefined : `${percent(s.shareBeyondHorizon, 0)} of net`,
    deltaWithin: s.vsBaseline ? signedMoney(s.vsBaseline.withinHorizon.mean) : undefined,
    deltaWithinSub: s.vsBaseline ? moneyInterval(s.vsBaseline.withinHorizon.meanCi95) : undefined,
  };
}
