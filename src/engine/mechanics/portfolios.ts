/**
 * Portfolios and their treatments (docs/model.md §3.4): which portfolio a customer is in (the first
 * whose rule admits its monthly margin, tenure or satisfaction; the last otherwise), assigned when
 * it joins and reviewed every portfolioReviewMonths in the customer step; each portfolio's
 * treatment adds an experience boost (+ portfolioTreatment levers), multiplies churn (× the churn
 * stress) and service need, and costs per customer per step.
 *
 *   monthly margin at joining = Σ_p wallet_p·walletIndex_p(t)·sow_base·m_p − costToServe_p/Δ
 *
 * Series: portfolio.<portfolio> (customers), cxSpend.treatment (treatment costs per step).
 */
import type { CompileContext, CompiledModel } from '../../model/compile.ts';
import { T_TREATCOST, type StepInput } from '../customer-step.ts';
import type { Population } from '../population.ts';
import { levers, type LeverEffects } from './levers.ts';
import type { Mechanic } from './mechanic.ts';

/** Monthly margin of customer i at base share of wallet and the wallet index of step t: what portfolio rules see at acquisition. */
export function expectedMonthlyMargin(m: CompiledModel, pop: Population, i: number, t: number): number {
  const P = m.poolIds.length, T = m.clock.steps;
  const baseSow = 1 / (1 + Math.exp(-m.sowLogitBase));
  let v = 0;
  for (let p = 0; p < P; p++) {
    if (((pop.withUs[i] >> p) & 1) === 0) continue;
    v += pop.wallet[i * P + p] * m.walletIndex[p * T + Math.min(t, T - 1)] * baseSow * m.marginRate[p] - m.costToServeStep[p] / m.clock.monthsPerStep;
  }
  return v;
}

/** The portfolio whose rule admits a customer with this monthly margin, tenure (months) and satisfaction. */
export function assignPortfolio(m: CompiledModel, monthlyMargin: number, tenureMonths: number, sat: number): number {
  const K = m.portfolioIds.length;
  for (let k = 0; k < K; k++) {
    const metric = m.portRuleMetric[k];
    if (metric < 0) return k;
    const v = metric === 0 ? monthlyMargin : metric === 1 ? tenureMonths : sat;
    if (v >= m.portRuleMin[k] && v < m.portRuleMax[k]) return k;
  }
  return K - 1;
}

/** Places customer i, who joins at step t, in its portfolio. */
export function placeInPortfolio(m: CompiledModel, pop: Population, i: number, t: number): void {
  pop.portfolio[i] = assignPortfolio(m, expectedMonthlyMargin(m, pop, i, t), 0, pop.satisfaction[i]);
}

/** The portfolios' step constants: experience boost (+ treatment levers) and churn multiplier (× the churn stress). */
export function portfolioConstants(m: CompiledModel, t: number, z: StepInput, fx: LeverEffects): void {
  for (let k = 0; k < m.portfolioIds.length; k++) {
    z.boost[k] = m.portBoost[k] + fx.treatment[k];
    z.churnPort[k] = m.portChurnMult[k] * m.stress.churn[t];
  }
}

export interface PortfolioState {
  customers: Float64Array[];
  treatmentSeries: Float64Array;
  /** Treatment costs of this step (real money). */
  treatmentCost: number;
}

export const portfolios: Mechanic<PortfolioState> = {
  name: 'portfolios',
  start(r) {
    return { customers: r.series.family('portfolio', r.m.portfolioIds), treatmentSeries: r.series.one('cxSpend.treatment'), treatmentCost: 0 };
  },
  before(_s, r, t) {
    portfolioConstants(r.m, t, r.step, r.state(levers).fx);
    r.step.review = (t + 1) % r.m.portfolioReviewSteps === 0;
  },
  after(s, r, t) {
    const scale = r.m.agentScale;
    for (let k = 0; k < r.m.portfolioIds.length; k++) s.customers[k][t] = r.out.portCount[k] * scale;
    s.treatmentCost = r.out.tally[T_TREATCOST] * scale;
    s.treatmentSeries[t] = s.treatmentCost;
  },
};

/** The portfolios (an implicit catch-all "all" when the scenario has none), their rules and treatments (per step). */
export interface CompiledPortfolios {
  portfolioIds: string[];
  portRuleMetric: Int8Array; // -1 none, 0 monthlyMargin, 1 tenureMonths, 2 satisfaction
  portRuleMin: Float64Array;
  portRuleMax: Float64Array;
  portBoost: Float64Array;
  portChurnMult: Float64Array;
  portNeedMult: Float64Array;
  portCostStep: Float64Array;
  portfolioReviewSteps: number;
}

export function compilePortfolios(c: CompileContext): CompiledPortfolios {
  const { sc, clock } = c;
  const perMonthToStep = clock.monthsPerStep;
  const portfolioIds = Object.keys(sc.portfolios);
  const ports = portfolioIds.map((id) => sc.portfolios[id]);
  if (ports.length === 0) portfolioIds.push('all');
  const metricCode = { monthlyMargin: 0, tenureMonths: 1, satisfaction: 2 } as const;
  const f64 = (xs: number[]) => Float64Array.from(xs);
  return {
    portfolioIds,
    portRuleMetric: Int8Array.from(ports.length ? ports.map((p) => (p.rule ? metricCode[p.rule.metric] : -1)) : [-1]),
    portRuleMin: f64(ports.length ? ports.map((p) => p.rule?.min ?? -Infinity) : [-Infinity]),
    portRuleMax: f64(ports.length ? ports.map((p) => p.rule?.max ?? Infinity) : [Infinity]),
    portBoost: f64(ports.length ? ports.map((p) => p.treatment.experienceBoost) : [0]),
    portChurnMult: f64(ports.length ? ports.map((p) => p.treatment.churnMultiplier) : [1]),
    portNeedMult: f64(ports.length ? ports.map((p) => p.treatment.serviceNeedMultiplier) : [1]),
    portCostStep: f64(ports.length ? ports.map((p) => p.treatment.costPerCustomerPerMonth * perMonthToStep) : [0]),
    portfolioReviewSteps: Math.max(1, Math.round(sc.behaviour.portfolioReviewMonths / perMonthToStep)),
  };
}
