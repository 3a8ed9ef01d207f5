/**
 * A stress shock in words, with its timing: what the report and the text output print next
 * to each stress, so a reader knows what was assumed and when it strikes ("The film pool's
 * wallet × 0.6 from month 24 (year 3) on").
 */
import type { StressShock } from '../scenario/schema.ts';

const num = (x: unknown) => (typeof x === 'number' ? String(x) : 'an uncertain factor');
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const yearOf = (m: number) => `year ${Math.floor(m / 12) + 1}`;
const from = (m: number) => `from month ${m} (${yearOf(m)}) on`;
const window = (a: number, b: number | undefined) => (b === undefined ? from(a) : `in months ${a}–${b - 1} (${b - a} months, starting in ${yearOf(a)})`);

export function describeShock(s: StressShock): string {
  switch (s.kind) {
    case 'budgetCut':
      return `every lever's spend cut by ${typeof s.cut === 'number' ? pct(s.cut) : 'an uncertain share'} ${window(s.fromMonth, s.toMonth)}`;
    case 'poolCollapse':
      return `the ${s.pool} pool's wallet × ${num(s.factor)} ${from(s.month)}`;
    case 'competitorLeap':
      return `every competitor's experience in the ${s.pool} pool ${typeof s.increase === 'number' && s.increase < 0 ? '' : '+'}${typeof s.increase === 'number' ? s.increase : 'an uncertain amount'} ${from(s.month)}`;
    case 'recession':
      return `every pool's wallet × ${num(s.walletFactor)} ${window(s.fromMonth, s.toMonth)}`;
    case 'attritionSpike':
      return `${s.target === 'employees' ? 'employee turnover' : 'customer churn hazard'} × ${num(s.multiplier)} ${window(s.fromMonth, s.toMonth)}`;
  }
}

/** Every shock of a stress, joined: the "when and what" line of the report. */
export function describeShocks(shocks: readonly StressShock[]): string {
  return shocks.map(describeShock).join('; ');
}

/** The first month any shock strikes (null without shocks). */
export function firstShockMonth(shocks: readonly StressShock[]): number | null {
  const ms = shocks.map((s) => ('month' in s ? s.month : s.fromMonth));
  return ms.length ? Math.min(...ms) : null;
}
