/**
 * What ROI counts, in words, for the report's notes under the headline table (and the terminal
 * table): the numerator and the denominator, over which period, discounted how — and the two
 * choices a reader could make differently, stated plainly: the change in acquisition cost is
 * not in the denominator, and visit costs beyond the horizon are netted inside the value beyond
 * it rather than counted as a cost. The sentence follows the comparison's valuation rule.
 * docs/metrics.md ("ROI on strategy-driven costs") and docs/finance.md give the same. Pure.
 */
import type { ValuationRule } from '../engine/result.ts';
import { percent } from './format.ts';

export function roiText(rule: ValuationRule, horizonMonths: number, discountRate: number): string {
  const beyond =
    rule.beyondHorizon === 'runoff' ? `beyond it (the ${rule.runoffYears}-year run-off and the closing perpetuity)` : rule.beyondHorizon === 'perpetuity' ? 'beyond it (the closing perpetuity)' : null;
  const period = beyond ? `over the ${horizonMonths}-month horizon and ${beyond}` : `over the ${horizonMonths}-month horizon only (nothing is valued beyond it)`;
  const firmCosts =
    beyond && rule.costsBeyondHorizon === 'run-rate'
      ? 'Δ CX spend and Δ workforce cost within the horizon and beyond it (at the last year’s run-rate, capitalised in the closing perpetuity)'
      : `Δ CX spend and Δ workforce cost within the horizon${beyond ? ' (costsBeyondHorizon: none — no such costs beyond it)' : ''}`;
  const timing = rule.paymentTiming === 'advance' ? 'at the start of each step' : 'at the end of each step';
  return [
    `ROI = Δ net equity / Δ strategy-driven costs, each the mean paired difference versus the baseline, in present values at month 0 discounted at ${percent(discountRate, 1)} a year (lever spend from the start of each step; workforce and acquisition costs at its end; margins, visit costs, treatments and retention offers ${timing}).`,
    `Numerator: Δ net equity ${period}, after every cost — the change in acquisition cost and all touchpoint visit costs included.`,
    `Denominator: ${firmCosts}, plus Δ touchpoint visit costs within the horizon.`,
    `Not in the denominator: the change in acquisition cost (new customers × the segments’ acquisition cost and referral cost; an acquisition lever’s spend is CX spend and is in it), which is counted in the numerator only${
      beyond ? '; and visit costs beyond the horizon, which are netted inside the margin valued beyond it, so they lower the numerator only' : ''
    }.`,
    `"same cost" when Δ costs is within 1% of the larger strategy's costs, "costs less" when it is negative — read Δ net equity there.`,
  ].join(' ');
}
