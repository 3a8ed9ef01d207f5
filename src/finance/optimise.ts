/**
 * CX budget optimisation (docs/finance.md, "Optimisation"): the allocation of a yearly CX
 * budget across levers that maximises expected net equity (or its CVaR 5%), found by
 * ./allocation-search.ts on a fixed set of search replications, then re-evaluated on
 * independent replications 0..n−1 — the same replications `cxsim compare` uses, so the
 * numbers of the named strategies match a comparison — together with:
 * - the marginal value of money per lever at the optimum: one more step of budget
 *   (`marginalStep` × budget per year) on each lever in turn, paired with the optimum by
 *   replication (a forward finite difference under common random numbers);
 * - the gain over each named strategy and over the template's own mix at the same budget,
 *   paired by replication.
 * The simulation itself is injected (`run`), so this is testable in process.
 */
import type { Job } from '../engine/replication.ts';
import type { ReplicationResult } from '../engine/result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { summarise, type IntervalSummary } from '../metrics/interval.ts';
import { pairedDifference, sortByReplication, type PairedDifference } from '../metrics/paired-difference.ts';
import { allocationStrategy, firstYearSpend, freshStrategyId, withStrategy } from './allocation.ts';
import { searchAllocation, type SearchResult, type SearchSettings } from './allocation-search.ts';
import { expectedShortfall, expectedShortfallSe } from './tail-risk.ts';

export const OPTIMISE_FORMAT = 1;
export type Objective = 'mean' | 'cvar5';

export interface OptimiseInput {
  scenario: Scenario;
  /** Strategy whose overrides the candidates keep. */
  template: string;
  levers: string[];
  /** Total CX budget per year. */
  budget: number;
  objective: Objective;
  search: SearchSettings;
  /** Replications per candidate during the search (indices replications .. replications+searchReplications−1). */
  searchReplications: number;
  /** Replications of the final evaluation (indices 0 .. replications−1). */
  replications: number;
  /** Finite-difference step for marginal values, as a share of the budget. */
  marginalStep: number;
  /** Named strategies to compare with. */
  compare: string[];
}

export type Run = (jobs: Job[]) => Promise<ReplicationResult[]>;

export interface Evaluated {
  netEquity: IntervalSummary;
  customerEquity: IntervalSummary;
  cxSpendPV: IntervalSummary;
  cvar5: number;
  cvar5Se: number | null;
}

export interface Marginal {
  lever: string;
  /** Extra budget per year put on the lever. */
  extraPerYear: number;
  /** Mean extra PV of CX spend it caused. */
  extraSpendPV: number;
  /** Paired change of net equity. */
  netEquity: PairedDifference;
  /** Paired change of customer equity. */
  customerEquity: PairedDifference;
  /** Δ net equity per extra unit of money (PV of CX spend): > 0 means the next unit on this lever more than pays for itself. */
  netPerUnit: number;
  netPerUnitSe: number;
  /** Δ customer equity per extra unit of money (gross return). */
  grossPerUnit: number;
}

export interface Gain {
  strategy: string;
  name: string;
  /** First-year budget of the compared strategy (NaN when uncertain). */
  budgetPerYear: number;
  evaluated: Evaluated;
  /** Optimum − strategy, net equity, paired. */
  gain: PairedDifference;
  /** Optimum's CVaR 5% − strategy's. */
  cvar5Gain: number;
}

export interface Optimisation {
  format: typeof OPTIMISE_FORMAT;
  scenario: { name: string; currency: string; seed: number; horizonMonths: number };
  template: { id: string; name: string };
  objective: Objective;
  budget: number;
  levers: { id: string; name: string }[];
  settings: SearchSettings & { searchReplications: number; replications: number; marginalStep: number; searchReplicationIndices: [number, number] };
  optimum: {
    shares: number[];
    spendPerYear: number[];
    unspentShare: number;
    /** Objective on the search replications (optimistic: it is what the search maximised). */
    searchObjective: number;
    evaluated: Evaluated;
  };
  marginals: Marginal[];
  gains: Gain[];
  search: { evaluations: number; path: SearchResult['path']; evaluated: SearchResult['evaluated'] };
  /** Replications simulated in all. */
  runs: number;
  notes: string[];
}

const CANDIDATE = 'optimised';

function evaluatedOf(rs: ReplicationResult[]): Evaluated {
  const net = rs.map((r) => r.totals.netEquity);
  return {
    netEquity: summarise(net),
    customerEquity: summarise(rs.map((r) => r.totals.customerEquity)),
    cxSpendPV: summarise(rs.map((r) => r.totals.cxSpendPV)),
    cvar5: expectedShortfall(net),
    cvar5Se: expectedShortfallSe(net),
  };
}

export function objectiveOf(objective: Objective, net: number[]): number {
  return objective === 'mean' ? net.reduce((a, x) => a + x, 0) / net.length : expectedShortfall(net);
}

export async function optimiseBudget(input: OptimiseInput, run: Run, onPhase?: (message: string) => void): Promise<Optimisation> {
  const { scenario, levers, budget } = input;
  const template = scenario.strategies[input.template];
  if (!template) throw new RangeError(`unknown template strategy "${input.template}"`);
  if (!(budget > 0)) throw new RangeError('the budget must be positive');
  const id = freshStrategyId(scenario, CANDIDATE);
  const candidate = (spend: number[], name = 'Optimised allocation') => withStrategy(scenario, id, allocationStrategy(template, name, levers, spend));
  const jobsOf = (sc: Scenario, strategy: string, from: number, count: number): Job[] =>
    Array.from({ length: count }, (_, k) => ({ scenario: sc, strategy, replication: from + k }));
  let runs = 0;
  const runAll = async (jobs: Job[]) => {
    runs += jobs.length;
    return run(jobs);
  };

  // the search, on replications [replications, replications + searchReplications)
  const R = input.replications;
  const S = input.searchReplications;
  const search = await searchAllocation(
    levers.length,
    async (batch) => {
      const jobs = batch.flatMap((shares) => jobsOf(candidate(shares.map((x) => x * budget)), id, R, S));
      const results = await runAll(jobs);
      return batch.map((_, b) => objectiveOf(input.objective, results.slice(b * S, (b + 1) * S).map((r) => r.totals.netEquity)));
    },
    input.search,
    onPhase,
  );

  // the final evaluation on replications [0, R): optimum, one step more on each lever, the template's mix, the named strategies
  onPhase?.('final evaluation');
  const spend = search.shares.map((x) => x * budget);
  const delta = input.marginalStep * budget;
  const templateSpend = firstYearSpend(template, levers);
  const templateTotal = templateSpend.reduce((a, x) => a + x, 0);
  // the template's own mix scaled to this budget: a comparator of its own unless it is the template as written
  const sameAsTemplate = template.budget.perYear === budget && Object.keys(template.schedules).length === 0 && template.rules.length === 0 && input.compare.includes(input.template);
  const templateMix = !sameAsTemplate && Number.isFinite(templateTotal) && templateTotal > 0 ? templateSpend.map((x) => (x / templateTotal) * budget) : null;
  const groups: { key: string; jobs: Job[] }[] = [
    { key: 'optimum', jobs: jobsOf(candidate(spend), id, 0, R) },
    ...levers.map((l, i) => ({ key: `marginal:${l}`, jobs: jobsOf(candidate(spend.map((x, j) => (j === i ? x + delta : x))), id, 0, R) })),
    ...(templateMix ? [{ key: 'template-mix', jobs: jobsOf(candidate(templateMix, `${template.name ?? input.template} mix at this budget`), id, 0, R) }] : []),
    ...input.compare.map((s) => ({ key: `strategy:${s}`, jobs: jobsOf(scenario, s, 0, R) })),
  ];
  const all = await runAll(groups.flatMap((g) => g.jobs));
  const byKey = new Map<string, ReplicationResult[]>();
  let at = 0;
  for (const g of groups) {
    byKey.set(g.key, sortByReplication(all.slice(at, at + g.jobs.length)));
    at += g.jobs.length;
  }
  const opt = byKey.get('optimum')!;
  const optNet = opt.map((r) => r.totals.netEquity);
  const marginals: Marginal[] = levers.map((l) => {
    const rs = byKey.get(`marginal:${l}`)!;
    const dNet = pairedDifference(rs.map((r) => r.totals.netEquity), optNet);
    const dCust = pairedDifference(rs.map((r) => r.totals.customerEquity), opt.map((r) => r.totals.customerEquity));
    const dSpend = rs.reduce((a, r, k) => a + r.totals.cxSpendPV - opt[k].totals.cxSpendPV, 0) / rs.length;
    return {
      lever: l,
      extraPerYear: delta,
      extraSpendPV: dSpend,
      netEquity: dNet,
      customerEquity: dCust,
      netPerUnit: dNet.mean / dSpend,
      netPerUnitSe: dNet.se / dSpend,
      grossPerUnit: dCust.mean / dSpend,
    };
  });
  const gainOver = (key: string, strategy: string, name: string, budgetPerYear: number): Gain => {
    const rs = byKey.get(key)!;
    const ev = evaluatedOf(rs);
    return { strategy, name, budgetPerYear, evaluated: ev, gain: pairedDifference(optNet, rs.map((r) => r.totals.netEquity)), cvar5Gain: expectedShortfall(optNet) - ev.cvar5 };
  };
  const gains: Gain[] = [];
  if (templateMix) gains.push(gainOver('template-mix', `${input.template}@budget`, `${template.name ?? input.template}'s mix at this budget`, budget));
  for (const s of input.compare) {
    const st = scenario.strategies[s];
    const py = Array.isArray(st.budget.perYear) ? st.budget.perYear[0] : st.budget.perYear;
    gains.push(gainOver(`strategy:${s}`, s, st.name ?? s, typeof py === 'number' ? py : NaN));
  }
  const evaluated = evaluatedOf(opt);
  const notes: string[] = [];
  const unspent = 1 - search.shares.reduce((a, x) => a + x, 0);
  const positive = marginals.filter((m) => m.netEquity.meanCi95[0] > 0);
  if (!input.search.allowUnspent && marginals.every((m) => m.netEquity.meanCi95[1] < 0)) {
    notes.push('Every lever\'s next unit of money returns less than it costs at the optimum (net marginal value below 0 on every lever): a smaller budget would give more net equity — try --allow-unspent.');
  }
  // optimality check (Karush–Kuhn–Tucker): a lever left out should not return more than one in use
  const used = marginals.filter((_, i) => search.shares[i] > 0);
  const unused = marginals.filter((_, i) => search.shares[i] === 0);
  for (const u of unused) {
    const worse = used.filter((m) => u.netPerUnit - m.netPerUnit > 1.96 * Math.hypot(u.netPerUnitSe, m.netPerUnitSe));
    if (worse.length > 0) {
      notes.push(`${u.lever} is not used, yet its next unit of money returns more than ${worse.map((m) => m.lever).join(', ')}'s (beyond 95% confidence): the search grid may be too coarse or the search replications too few — try more --chunks, --refinements or --search-replications.`);
    }
  }
  if (positive.length > 0) notes.push(`One more unit of budget on ${positive.map((m) => m.lever).join(', ')} more than pays for itself (95% CI above 0): a larger budget would raise net equity.`);
  return {
    format: OPTIMISE_FORMAT,
    scenario: { name: scenario.meta.name, currency: scenario.meta.currency, seed: scenario.meta.seed, horizonMonths: scenario.meta.horizonMonths },
    template: { id: input.template, name: template.name ?? input.template },
    objective: input.objective,
    budget,
    levers: levers.map((l) => ({ id: l, name: scenario.levers[l]?.name ?? l })),
    settings: { ...input.search, searchReplications: S, replications: R, marginalStep: input.marginalStep, searchReplicationIndices: [R, R + S - 1] },
    optimum: { shares: search.shares, spendPerYear: spend, unspentShare: unspent, searchObjective: search.objective, evaluated },
    marginals,
    gains,
    search: { evaluations: search.evaluations, path: search.path, evaluated: search.evaluated },
    runs,
    notes,
  };
}
