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
import { summarise, type Interval, type IntervalSummary } from '../metrics/interval.ts';
import { deriveStream } from '../random/seeds.ts';
import { pairedDifference, sortByReplication, type PairedDifference } from '../metrics/paired-difference.ts';
import { allocationStrategy, firstYearSpend, freshStrategyId, withStrategy } from './allocation.ts';
import { searchAllocation, type SearchResult, type SearchSettings } from './allocation-search.ts';
import { enoughForTail, expectedShortfall, expectedShortfallDifferenceCi, tailRisk } from './tail-risk.ts';

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
  /** CVaR 5% of net equity; null below 200 replications (not enough in the tail). */
  cvar5: number | null;
  cvar5Se: number | null;
  cvar5Ci95: Interval | null;
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
  /** Δ of the objective actually optimised (mean net equity, or its CVaR 5%) per extra unit of CX spend (PV). */
  objectivePerUnit: number;
  /** Its 95% interval: t for the mean, paired bootstrap for the CVaR. */
  objectivePerUnitCi95: Interval;
  /** The value of the last step on the lever (backward difference: one step less), per unit; null for a lever at zero. */
  backwardPerUnit: number | null;
  backwardPerUnitCi95: Interval | null;
}

/** The optimality conditions at the optimum, checked on the objective's marginal values. */
export interface Optimality {
  /** true: the conditions hold within noise; false: one fails (a warning says which); null: nothing to check (one lever). */
  holds: boolean | null;
  /** Largest gap between the marginal values of two levers in use, paired, with its 95% interval. */
  largestGapInUse: { a: string; b: string; mean: number; ci95: Interval } | null;
  /** The check in words. */
  sentences: string[];
}

export interface Gain {
  strategy: string;
  name: string;
  /** First-year budget of the compared strategy (NaN when uncertain). */
  budgetPerYear: number;
  evaluated: Evaluated;
  /** Optimum − strategy, net equity, paired. */
  gain: PairedDifference;
  /** Optimum's CVaR 5% − strategy's (null below 200 replications). */
  cvar5Gain: number | null;
  /** Its paired-bootstrap 95% interval (the same resampled replications on both sides); null with it. */
  cvar5GainCi95: Interval | null;
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
  optimality: Optimality;
  gains: Gain[];
  search: { evaluations: number; path: SearchResult['path']; evaluated: SearchResult['evaluated'] };
  /** Replications simulated in all. */
  runs: number;
  notes: string[];
}

const CANDIDATE = 'optimised';

function evaluatedOf(rs: ReplicationResult[]): Evaluated {
  const net = rs.map((r) => r.totals.netEquity);
  const s = summarise(net);
  const t = tailRisk(net, s.range90[0]);
  return {
    netEquity: s,
    customerEquity: summarise(rs.map((r) => r.totals.customerEquity)),
    cxSpendPV: summarise(rs.map((r) => r.totals.cxSpendPV)),
    cvar5: t.cvar5,
    cvar5Se: t.cvar5Se,
    cvar5Ci95: t.cvar5Ci95,
  };
}

const MARGINAL_BOOTSTRAP = 1000;

/**
 * Marginal values of the objective per unit of extra spend, and paired differences between
 * two levers' marginal values. Mean: per-replication values, t intervals. CVaR: a paired
 * bootstrap over replications (the same resampled replications for the optimum and every
 * marginal run: common random numbers), percentile intervals.
 */
function objectiveMarginals(objective: Objective, opt: number[], marg: number[][], dSpend: number[], seed: number) {
  const n = opt.length;
  if (objective === 'mean') {
    const per = marg.map((m, i) => m.map((x, k) => (x - opt[k]) / dSpend[i]));
    const value = per.map((p) => summarise(p));
    return {
      value: value.map((v) => v.mean),
      ci: value.map((v) => v.meanCi95),
      gap: (i: number, j: number) => {
        const d = summarise(per[i].map((x, k) => x - per[j][k]));
        return { mean: d.mean, ci95: d.meanCi95 };
      },
    };
  }
  const es = (xs: number[], idx: number[]) => expectedShortfall(idx.map((k) => xs[k]));
  const all = Array.from({ length: n }, (_, k) => k);
  const at = (idx: number[]) => marg.map((m, i) => (es(m, idx) - es(opt, idx)) / dSpend[i]);
  const point = at(all);
  const u = deriveStream(seed, 'optimise-marginal-bootstrap', n);
  const boots = Array.from({ length: MARGINAL_BOOTSTRAP }, () => at(all.map(() => Math.min(n - 1, Math.floor(u() * n)))));
  const pct = (xs: number[]): Interval => {
    const s = xs.slice().sort((a, b) => a - b);
    return [s[Math.floor(0.025 * (s.length - 1))], s[Math.ceil(0.975 * (s.length - 1))]];
  };
  return {
    value: point,
    ci: point.map((_, i) => pct(boots.map((b) => b[i]))),
    gap: (i: number, j: number) => ({ mean: point[i] - point[j], ci95: pct(boots.map((b) => b[i] - b[j])) }),
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
    // one step less on every lever in use: the value of its last step (the other side of the optimality condition)
    ...levers.flatMap((l, i) => (spend[i] > 0 ? [{ key: `backward:${l}`, jobs: jobsOf(candidate(spend.map((x, j) => (j === i ? Math.max(0, x - delta) : x))), id, 0, R) }] : [])),
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
  // variants: every forward step, then every backward step (levers in use); value = Δ objective / Δ spend PV either way
  const variants = [...levers.map((l) => `marginal:${l}`), ...levers.filter((l) => byKey.has(`backward:${l}`)).map((l) => `backward:${l}`)];
  const dSpends = variants.map((key) => {
    const rs = byKey.get(key)!;
    return rs.reduce((a, r, k) => a + r.totals.cxSpendPV - opt[k].totals.cxSpendPV, 0) / rs.length;
  });
  const om = objectiveMarginals(input.objective, optNet, variants.map((key) => byKey.get(key)!.map((r) => r.totals.netEquity)), dSpends, scenario.meta.seed);
  const backIdx = (l: string) => variants.indexOf(`backward:${l}`);
  const marginals: Marginal[] = levers.map((l, i) => {
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
      objectivePerUnit: om.value[i],
      objectivePerUnitCi95: om.ci[i],
      backwardPerUnit: backIdx(l) >= 0 ? om.value[backIdx(l)] : null,
      backwardPerUnitCi95: backIdx(l) >= 0 ? om.ci[backIdx(l)] : null,
    };
  });
  const gainOver = (key: string, strategy: string, name: string, budgetPerYear: number): Gain => {
    const rs = byKey.get(key)!;
    const ev = evaluatedOf(rs);
    const net = rs.map((r) => r.totals.netEquity);
    const tail = enoughForTail(optNet.length) && ev.cvar5 !== null;
    return {
      strategy,
      name,
      budgetPerYear,
      evaluated: ev,
      gain: pairedDifference(optNet, net),
      cvar5Gain: tail ? expectedShortfall(optNet) - ev.cvar5! : null,
      cvar5GainCi95: tail ? expectedShortfallDifferenceCi(optNet, net) : null,
    };
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
  const optimality = checkOptimality(input.objective, levers, search.shares, marginals, (j, i) => om.gap(j, backIdx(levers[i])), (l) => scenario.levers[l]?.name ?? l, input.marginalStep, { allowUnspent: input.search.allowUnspent, unspentShare: unspent });
  if (positive.length > 0) notes.push(`One more unit of budget on ${positive.map((m) => m.lever).join(', ')} more than pays for itself in expected net equity (95% CI above 0): a larger budget would raise it.`);
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
    optimality,
    gains,
    search: { evaluations: search.evaluations, path: search.path, evaluated: search.evaluated },
    runs,
    notes,
  };
}

const fmtUnit = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));

/**
 * The Karush–Kuhn–Tucker conditions of a budget split on a grid of steps, checked on the
 * marginal values of the objective actually optimised. At an optimum a common marginal value
 * λ exists with: for every lever in use, the value of its last step (backward difference) ≥ λ
 * ≥ the value of its next step (forward difference); for every lever at zero, its next step ≤ λ.
 * Equivalently no move of one step from a lever in use i to another lever j raises the
 * objective: forward_j ≤ backward_i. Checked pairwise, paired by replication: a violation is a
 * gap forward_j − backward_i whose 95% interval lies above 0. With budget allowed to stay
 * unspent, "unspent" is one more option worth 0 per unit: every lever in use must be worth ≥ 0
 * on its last step, and while budget is unspent no lever may be worth > 0 on its next step
 * (each a violation when its 95% interval lies beyond 0).
 * @param gap (j, i) ↦ forward_j − backward_i with its 95% interval.
 * @param unspent whether budget may stay unspent (--allow-unspent) and the share left unspent.
 */
export function checkOptimality(
  objective: Objective,
  levers: string[],
  shares: number[],
  marginals: (Pick<Marginal, 'objectivePerUnit' | 'backwardPerUnit'> & Partial<Pick<Marginal, 'objectivePerUnitCi95' | 'backwardPerUnitCi95'>>)[],
  gap: (j: number, i: number) => { mean: number; ci95: Interval },
  name: (id: string) => string,
  step: number,
  unspent?: { allowUnspent: boolean; unspentShare: number },
): Optimality {
  const what = objective === 'mean' ? 'expected net equity' : 'CVaR 5% of net equity';
  const stepText = `${Math.round(step * 1000) / 10}% of the budget`;
  const used = levers.map((_, i) => i).filter((i) => shares[i] > 1e-12);
  const unused = levers.map((_, i) => i).filter((i) => shares[i] <= 1e-12);
  const sentences: string[] = [];
  let largest: Optimality['largestGapInUse'] = null;
  const failures: string[] = [];
  for (const i of used) {
    for (let j = 0; j < levers.length; j++) {
      if (j === i) continue;
      const g = gap(j, i);
      if (!largest || g.mean > largest.mean) largest = { a: levers[j], b: levers[i], mean: g.mean, ci95: g.ci95 };
      if (g.ci95[0] > 0) failures.push(`moving ${stepText} from ${name(levers[i])} to ${name(levers[j])} would raise it by ${fmtUnit(g.mean)} per unit (95% CI ${fmtUnit(g.ci95[0])} to ${fmtUnit(g.ci95[1])})`);
    }
  }
  if (unspent?.allowUnspent) {
    for (const i of used) {
      const b = marginals[i].backwardPerUnitCi95;
      if (b && b[1] < 0) failures.push(`leaving ${stepText} unspent instead of on ${name(levers[i])} would raise it (its last step is worth ${fmtUnit(marginals[i].backwardPerUnit ?? NaN)} per unit, 95% CI ${fmtUnit(b[0])} to ${fmtUnit(b[1])})`);
    }
    if (unspent.unspentShare > 1e-12) {
      levers.forEach((l, j) => {
        const f = marginals[j].objectivePerUnitCi95;
        if (f && f[0] > 0) failures.push(`spending ${stepText} now unspent on ${name(l)} would raise it (its next step is worth ${fmtUnit(marginals[j].objectivePerUnit)} per unit, 95% CI ${fmtUnit(f[0])} to ${fmtUnit(f[1])})`);
      });
    }
  }
  const inUse = used.map((i) => `${name(levers[i])}: last step ${fmtUnit(marginals[i].backwardPerUnit ?? NaN)}, next step ${fmtUnit(marginals[i].objectivePerUnit)}`).join('; ');
  const atZero = unused.map((j) => `${name(levers[j])} ${fmtUnit(marginals[j].objectivePerUnit)}`).join(', ');
  let holds: boolean | null = failures.length > 0 ? false : used.length === 0 || (levers.length < 2 && !unspent?.allowUnspent) ? null : true;
  if (holds === true) {
    sentences.push(
      `Optimality check (on ${what}, the objective optimised): no move of ${stepText} from a lever in use to another lever raises it beyond noise — every lever's next step is worth no more than the last step of every lever in use, so one marginal value fits all levers in use (${inUse} per extra unit of spend)${atZero ? ` and the levers at zero are not worth more (${atZero})` : ''}.${unspent?.allowUnspent ? ` Budget may stay unspent: every lever in use is worth at least 0 on its last step${unspent.unspentShare > 1e-12 ? ', and no lever is worth more than 0 on its next step while budget is unspent' : ''} (within noise).` : ''} This is the Karush–Kuhn–Tucker condition on the search grid.`,
    );
  } else if (holds === false) {
    sentences.push(`Warning — optimality check (on ${what}) fails: ${failures.join('; ')}. The levers in use should share one marginal value (${inUse}${atZero ? `; at zero: ${atZero}` : ''}); the search grid may be too coarse or the search replications too few — try more --chunks, --refinements or --search-replications.`);
  }
  if (objective === 'cvar5') sentences.push('Marginal values are for the CVaR 5% (the objective optimised), with paired-bootstrap intervals; the expected-net-equity values are listed beside them for reference only.');
  return { holds, largestGapInUse: largest, sentences };
}
