/**
 * The page's valuation assumptions in words, under its headline table: the rule the results
 * were computed with (the same sentence as `cxsim compare`'s outputs, from the results' own
 * valuation rule) and how the page values year ends — by the quick approximation, where
 * `cxsim compare` by default values each by its own run-off. Pure.
 */
import type { ValuationRule } from '../engine/result.ts';
import { valuationRuleText } from '../report/valuation-text.ts';

/**
 * `rule`: the valuation rule of the page's results; `fileYearEnds`: the scenario file's
 * valuation.yearEnds (what `cxsim compare` uses for the same file).
 */
export function pageValuationText(rule: ValuationRule, horizonMonths: number, fileYearEnds: 'runoff' | 'approximate'): string {
  const out = [`${valuationRuleText(rule, horizonMonths)} Every number is a present value at month 0.`];
  if (rule.beyondHorizon === 'runoff') {
    if (rule.yearEnds === 'approximate') {
      out.push(
        'Year ends on this page are valued by the quick approximation: the dots of "Net equity over time" value the customers alive at each year end by the closing perpetuity alone, which leaves out adoption still to come (within 5% of the full rule in cxsim\'s tests).' +
          (fileYearEnds === 'runoff'
            ? ' cxsim compare on this scenario values each year end by its own run-off (valuation.yearEnds: runoff), so its year-end values can differ from these dots.'
            : ' cxsim compare does the same for this scenario (valuation.yearEnds: approximate).') +
          ' The headline table and B − A do not depend on it.',
      );
    } else {
      out.push('Year ends on this page are valued by their own run-off, as cxsim compare does by default.');
    }
  }
  return out.join(' ');
}
