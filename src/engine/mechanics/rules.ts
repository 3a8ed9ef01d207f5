/**
 * Trigger rules of the strategy's budget plan (docs/model.md §7.4–§7.5): after each step, a rule
 * whose condition on a leading indicator starts to hold (rising edge; `once` rules fire at most
 * once) moves `share` of its `from` lever's allocation to its `to` lever, from the next step on.
 * Indicators: adoption.<pool>, share.<pool>, walletIndex.<pool>, satisfaction, promoters,
 * churnRate, activeCustomers, engagement, serviceQuality, workload, month (at the end of the step).
 * Output: the fired rules (rule, name, month).
 */
import type { CompileContext } from '../../model/compile.ts';
import { compilePlan, ruleHolds, type CompiledPlan } from '../../model/strategy-plan.ts';
import { own } from '../../scenario/merge.ts';
import { T_ALIVE_END } from '../customer-step.ts';
import type { ReplicationResult } from '../result.ts';
import { churn } from './churn.ts';
import { levers } from './levers.ts';
import type { Mechanic } from './mechanic.ts';
import { pools } from './pools.ts';
import { satisfaction } from './satisfaction.ts';
import { workforce } from './workforce.ts';

export interface RuleState {
  fired: Uint8Array;
  held: Uint8Array;
  firedRules: ReplicationResult['firedRules'];
}

export const rules: Mechanic<RuleState> = {
  name: 'rules',
  start(r) {
    const n = r.m.plan.rules.length;
    return { fired: new Uint8Array(n), held: new Uint8Array(n), firedRules: [] };
  },
  after(s, r, t) {
    // trigger rules on this step's leading indicators; effective from the next step
    const { m } = r;
    if (m.plan.rules.length === 0) return;
    const scale = m.agentScale;
    const monthsPerStep = m.clock.monthsPerStep;
    const month = r.clock.month;
    const pl = r.state(pools), sat = r.state(satisfaction), ch = r.state(churn), wf = r.state(workforce);
    const { active, churned } = ch;
    const aliveEnd = r.out.tally[T_ALIVE_END];
    const alloc = r.state(levers).alloc;
    const indicator = (name: string): number => {
      const [head, id] = name.split('.');
      const p = id === undefined ? -1 : m.poolIds.indexOf(id);
      switch (head) {
        case 'adoption':
          return p >= 0 ? pl.adoption[p][t] : NaN;
        case 'share':
          return p >= 0 ? pl.share[p][t] : NaN;
        case 'walletIndex':
          return p >= 0 ? pl.walletIndex[p][t] : NaN;
        case 'satisfaction':
          return sat.satisfaction[t];
        case 'promoters':
          return sat.promoters[t];
        case 'churnRate':
          return active > 0 ? churned / active : 0;
        case 'activeCustomers':
          return aliveEnd * scale;
        case 'engagement':
          return wf.engagement[t];
        case 'serviceQuality':
          return wf.serviceQuality[t];
        case 'workload':
          return wf.workload[t];
        case 'month':
          return month + monthsPerStep;
        default:
          return NaN;
      }
    };
    m.plan.rules.forEach((rule, k) => {
      const holds = ruleHolds(rule, indicator(rule.indicator));
      const rising = holds && s.held[k] === 0;
      s.held[k] = holds ? 1 : 0;
      if (!rising || (rule.once && s.fired[k]) || rule.from < 0 || rule.to < 0) return;
      s.fired[k] = 1;
      const moved = alloc[rule.from] * rule.share;
      alloc[rule.from] -= moved;
      alloc[rule.to] += moved;
      s.firedRules.push({ rule: k, name: rule.name, month: month + monthsPerStep });
    });
  },
};

/** The strategy's budget plan: budget per step, allocation, schedules and trigger rules (src/model/strategy-plan.ts). */
export interface CompiledRules {
  plan: CompiledPlan;
}

export function compileRules(c: CompileContext): CompiledRules {
  const strategy = own(c.sc.strategies, c.input.strategy)!;
  return { plan: compilePlan(strategy, Object.keys(c.sc.levers), c.clock) };
}
