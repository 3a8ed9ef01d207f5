/**
 * compareStrategies (src/metrics/comparison.ts) on hand-made replications of three strategies
 * (issue 17 items 2 and 4): every field of the comparison is pinned either to a hand-computed
 * number or to the metric function it delegates to, called here on inputs computed by hand (so
 * the wiring — which results, which baseline, which series, which valuation — is what is
 * checked; the metric functions themselves are pinned in tests/pinned/metrics-numbers.test.ts).
 * Each test compares in its own body: Stryker attributes code run outside a test to no test.
 *
 * The replications: 24 monthly steps, no discounting, replication k = 0, 1, 2; per step
 *   future (baseline): margin 10 + k, CX spend 1, workforce 1, visit cost 0.5 → net 8 + k
 *   today:             margin 12 + k, CX spend 2, workforce 1, visit cost 0.5 → net 9 + k
 *   rival:             margin 9 + 3k, CX spend 0, workforce 0.5, visit cost 0.25 → net 8.5 + 3k
 * so net equity (24 steps) is future 192, 216, 240; today 216, 240, 264; rival 204, 276, 348.
 */
import { describe, expect, it } from 'vitest';
import { compareStrategies, strategyCostPV, visitCostPV, type ComparisonInput } from '../../src/metrics/comparison.ts';
import { breakEven, valuedBreakEvenYear } from '../../src/metrics/break-even.ts';
import { bandsByStep, seriesBand } from '../../src/metrics/series-bands.ts';
import { clvBy, clvOverall } from '../../src/metrics/clv.ts';
import { cxSpendByLever } from '../../src/metrics/cx-spend.ts';
import { serviceProfitChain } from '../../src/metrics/service-profit-chain.ts';
import { pairedDifference } from '../../src/metrics/paired-difference.ts';
import { rankingIssues } from '../../src/metrics/ranking-precision.ts';
import { roi } from '../../src/metrics/roi.ts';
import { attribute } from '../../src/metrics/attribution.ts';
import { horizonRobustness, valueSplit } from '../../src/metrics/valuation-split.ts';
import { summarise } from '../../src/metrics/interval.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { clvSummary, makeResult } from '../helpers/replication-result.ts';

const definition = {
  meta: { name: 'tiny', description: 'three strategies', currency: 'EUR', horizonMonths: 24, seed: 7, replications: 5, discountRate: 0.04, agentScale: 2 },
  pools: { film: { name: 'Film', marginRate: 0.3 }, prints: { kind: 'emerging', marginRate: 0.2 } },
  segments: { mass: { name: 'Mass', initialCustomers: 10, churn: { annualRate: 0.1 } }, pro: { initialCustomers: 5, churn: { annualRate: 0.1 } } },
  portfolios: { all: { name: 'Everyone' }, rest: {} },
  journeys: { main: { stages: { use: {} } } },
  levers: { ads: { name: 'Ads', kind: 'acquisition', targets: ['mass'], response: { scale: 1000 } }, chat: { kind: 'automation', response: { scale: 1000 } } },
  strategies: { today: { name: 'Today', description: 'as is' }, future: { baseline: true, name: 'Future' }, rival: {} },
};
const scenario = Scenario.parse(definition);

const plan: Record<string, { margin: number; perK: number; cx: number; wf: number; visit: number; tv?: number[] }> = {
  future: { margin: 10, perK: 1, cx: 1, wf: 1, visit: 0.5 },
  today: { margin: 12, perK: 1, cx: 2, wf: 1, visit: 0.5, tv: [-100, 0] },
  rival: { margin: 9, perK: 3, cx: 0, wf: 0.5, visit: 0.25 },
};
const mk = (strategy: string, k: number, extra: Partial<Parameters<typeof makeResult>[0]> = {}) => {
  const p = plan[strategy];
  return makeResult({
    strategy,
    replication: k,
    steps: 24,
    series: {
      margin: p.margin + p.perK * k,
      cxSpend: p.cx,
      'cxSpend.ads': p.cx,
      workforceCost: p.wf,
      visitCost: p.visit,
      'share.film': 0.1 * (k + 1),
      'retention.mass': 1 - 0.01 * k,
      serviceQuality: 0.5 + 0.1 * k,
    },
    terminalValueByYear: p.tv,
    clv: { bySegment: { mass: clvSummary([k, 2 * k]) }, byPortfolio: { all: clvSummary([3 + k]) }, byCohort: { '0': clvSummary([5, 6 + k]) } },
    ...extra,
  });
};
const reps = (strategy: string, ks = [0, 1, 2]) => ks.map((k) => mk(strategy, k));
const results = [...reps('future'), ...reps('today'), ...reps('rival')];
const netOf = { future: [192, 216, 240], today: [216, 240, 264], rival: [204, 276, 348] };
const of = (c: ReturnType<typeof compareStrategies>, id: string) => c.headline.find((h) => h.strategy === id)!;
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('compareStrategies: the comparison as a whole', () => {
  it('describes the scenario as run, the baseline first, labels by name or id', () => {
    const c = compareStrategies({ scenario, results, strategies: ['today', 'rival'] });
    expect(c.format).toBe(2);
    expect(c.scenario).toEqual({ name: 'tiny', description: 'three strategies', currency: 'EUR', horizonMonths: 24, stepsPerYear: 12, discountRate: 0.04, agentScale: 2, seed: 7, replications: 3, workforce: false });
    expect(c.stress).toBe('none');
    expect(c.baseline).toBe('future');
    expect(c.strategies).toEqual([
      { id: 'future', name: 'Future', description: '', baseline: true },
      { id: 'today', name: 'Today', description: 'as is', baseline: false },
      { id: 'rival', name: 'rival', description: '', baseline: false },
    ]);
    expect(c.labels).toEqual({
      pools: { film: { name: 'Film', kind: 'current' }, prints: { name: 'prints', kind: 'emerging' } },
      segments: { mass: 'Mass', pro: 'pro' },
      portfolios: { all: 'Everyone', rest: 'rest' },
      levers: { ads: 'Ads', chat: 'chat' },
    });
    expect(c.seeds).toEqual([0, 1, 2].map((k) => ({ replication: k, seed: `seed${k}` })));
    expect(c.warnings).toEqual([]);
    expect(c.attribution).toEqual([]);
  });

  it('keeps the given order (baseline included) and names a strategy the scenario lacks by its id', () => {
    const ghost = reps('future').map((r) => ({ ...r, strategy: 'ghost' }));
    const c = compareStrategies({ scenario, results: [...results, ...ghost], strategies: ['rival', 'future', 'ghost'] });
    expect(c.strategies.map((s) => [s.id, s.name, s.description])).toEqual([['rival', 'rival', ''], ['future', 'Future', ''], ['ghost', 'ghost', '']]);
    expect(c.headline.map((h) => [h.strategy, h.name, h.baseline])).toEqual([['rival', 'rival', false], ['future', 'Future', true], ['ghost', 'ghost', false]]);
    // every strategy of the scenario when none are named
    expect(compareStrategies({ scenario, results }).strategies.map((s) => s.id)).toEqual(['today', 'future', 'rival']);
  });

  it('reports the stress the results share and a workforce when the scenario has one', () => {
    const stressed = results.map((r) => ({ ...r, stress: 'slump' }));
    const withWorkforce = Scenario.parse({ ...definition, workforce: { headcount: 10 } });
    const c = compareStrategies({ scenario: withWorkforce, results: stressed });
    expect(c.stress).toBe('slump');
    expect(c.scenario.workforce).toBe(true);
  });
});

describe('compareStrategies: the headline of each strategy', () => {
  it('totals: every total summarised over the replications', () => {
    const c = compareStrategies({ scenario, results });
    const [today, future, rival] = c.headline;
    expect(c.headline.map((h) => h.strategy)).toEqual(['today', 'future', 'rival']);
    expect(future.totals.netEquity).toEqual(summarise(netOf.future));
    expect(today.totals.netEquity.mean).toBe(240);
    expect(rival.totals.netEquity).toEqual(summarise(netOf.rival));
    expect(rival.totals.cxSpendPV.mean).toBe(0);
    expect(today.totals.workforceCostPV.mean).toBe(24);
    expect(Object.keys(today.totals)).toEqual([
      'customerEquity', 'netEquity', 'equityExisting', 'equityAcquired', 'netEquityWithinHorizon', 'netValueRunoff', 'netValueClosing',
      'netValueBeyondHorizon', 'costsBeyondHorizonPV', 'acquisitionCostPV', 'cxSpendPV', 'workforceCostPV', 'acquired', 'churned', 'alive',
    ]);
  });

  it('versus the baseline: paired differences, break-even, ROI on every strategy cost', () => {
    const c = compareStrategies({ scenario, results });
    expect(of(c, 'future').vsBaseline).toBeNull();
    const today = of(c, 'today').vsBaseline!;
    expect(today.netEquity).toEqual(pairedDifference(netOf.today, netOf.future)); // 24 in every replication
    expect(today.netEquity.mean).toBe(24);
    expect(today.customerEquity.mean).toBe(48); // margin 2 more per step
    expect(today.cxSpendPV.mean).toBe(24);
    expect(today.workforceCostPV.mean).toBe(0);
    // cumulative net difference 1, 2, …, 24 in every replication
    const path = Float64Array.from({ length: 24 }, (_, t) => t + 1);
    expect(today.breakEven).toEqual(breakEven([path, path, path], 12));
    // Δ costs: CX spend 24, workforce 0, visits 0; materiality on the larger strategy cost, today's 48 + 24 + 12 = 84 (future 60)
    expect(today.roi).toEqual(roi([24, 24, 24], { cxSpendPV: [24, 24, 24], workforceCostPV: [0, 0, 0], visitCostPV: [0, 0, 0] }, 84, (x) => x.toPrecision(4)));
    const rival = of(c, 'rival').vsBaseline!;
    expect(rival.netEquity.mean).toBe(60); // 12, 60, 108
    expect(rival.workforceCostPV.mean).toBe(-12);
    // rival − future per step: 0.5 + 2k; Δ costs: CX −24, workforce −12, visits −6; materiality: future's 60 > rival's 18
    const rivalPaths = [0, 1, 2].map((k) => Float64Array.from({ length: 24 }, (_, t) => (t + 1) * (0.5 + 2 * k)));
    expect(rival.breakEven).toEqual(breakEven(rivalPaths, 12));
    expect(rival.roi).toEqual(roi([12, 60, 108], { cxSpendPV: [-24, -24, -24], workforceCostPV: [-12, -12, -12], visitCostPV: [-6, -6, -6] }, 60, (x) => x.toPrecision(4)));
    // money in the ROI's messages is formatted by formatMoney when given
    const fmt = (x: number) => `€${x}`;
    expect(of(compareStrategies({ scenario, results, formatMoney: fmt }), 'rival').vsBaseline!.roi).toEqual(
      roi([12, 60, 108], { cxSpendPV: [-24, -24, -24], workforceCostPV: [-12, -12, -12], visitCostPV: [-6, -6, -6] }, 60, fmt),
    );
  });

  it('ahead in equity from the first year end whose valued lead lasts, with or without the value beyond', () => {
    // today's value beyond year 1 is −100: valued at year 1 it is behind (12·9 − 100 vs 12·8), at year 2 ahead
    const c = compareStrategies({ scenario, results });
    expect(of(c, 'today').vsBaseline!.aheadInEquityFromYear).toBe(valuedBreakEvenYear(
      [0, 1, 2].map((k) => [12 * (9 + k) - 100, 24 * (9 + k)]),
      [0, 1, 2].map((k) => [12 * (8 + k), 24 * (8 + k)]),
    ));
    expect(of(c, 'today').vsBaseline!.aheadInEquityFromYear).toBe(2);
    // valued without anything beyond the horizon the −100 does not count: ahead from year 1
    const none = Scenario.parse({ ...definition, valuation: { beyondHorizon: 'none' } });
    expect(of(compareStrategies({ scenario: none, results }), 'today').vsBaseline!.aheadInEquityFromYear).toBe(1);
  });

  it('CLV groups, pool shares, CX spend by lever and the service-profit chain of each strategy', () => {
    const c = compareStrategies({ scenario, results });
    const rival = of(c, 'rival');
    const rs = reps('rival');
    expect(rival.clv).toEqual({ all: clvOverall(rs), bySegment: clvBy(rs, 'bySegment'), byPortfolio: clvBy(rs, 'byPortfolio'), byCohort: clvBy(rs, 'byCohort') });
    expect(Object.keys(rival.clv.bySegment)).toEqual(['mass']);
    expect(Object.keys(rival.clv.byPortfolio)).toEqual(['all']);
    expect(Object.keys(rival.clv.byCohort)).toEqual(['0']);
    expect(Object.keys(rival.poolShareAtHorizon)).toEqual(['film']);
    expect(rival.poolShareAtHorizon.film.mean).toBeCloseTo(0.2, 12); // 0.1, 0.2, 0.3
    expect(of(c, 'today').cxSpendByLever).toEqual(cxSpendByLever(reps('today')));
    expect(of(c, 'today').cxSpendByLever.ads.mean).toBe(48);
    expect(rival.serviceProfitChain).toEqual(serviceProfitChain(rs));
    expect(rival.serviceProfitChain.serviceQuality).toBeDefined();
  });

  it('fired rules: share of replications (a rule firing twice counts once) and median month, by rule number', () => {
    const fired = [
      [{ rule: 2, name: 'late', month: 2 }, { rule: 2, name: 'late', month: 20 }],
      [{ rule: 2, name: 'late', month: 8 }, { rule: 0, name: 'early', month: 3 }],
      [],
    ];
    const today = [0, 1, 2].map((k) => mk('today', k, { firedRules: fired[k] }));
    const c = compareStrategies({ scenario, results: [...reps('future'), ...today], strategies: ['today'] });
    // rule 2: months 2, 20, 8 → sorted 2, 8, 20 → median 8; in replications 0 and 1 → 2/3
    expect(of(c, 'today').firedRules).toEqual([
      { rule: 0, name: 'early', share: 1 / 3, medianMonth: 3 },
      { rule: 2, name: 'late', share: 2 / 3, medianMonth: 8 },
    ]);
    const even = [0, 1, 2].map((k) => mk('today', k, { firedRules: k < 2 ? [{ rule: 1, name: 'r', month: k === 0 ? 9 : 2 }] : [] }));
    // months 9, 2 → median (2 + 9)/2 = 5.5
    expect(of(compareStrategies({ scenario, results: [...reps('future'), ...even], strategies: ['today'] }), 'today').firedRules).toEqual([{ rule: 1, name: 'r', share: 2 / 3, medianMonth: 5.5 }]);
  });
});

describe('compareStrategies: series, bands and the other views', () => {
  it('equity by year and the paired net difference per step', () => {
    const c = compareStrategies({ scenario, results });
    expect(c.equityByYear.map((e) => [e.strategy, e.years])).toEqual([['today', [1, 2]], ['future', [1, 2]], ['rival', [1, 2]]]);
    // today at year 1: 12·(9 + k) − 100 (value beyond −100); customer equity 12·(12 + k) − 100
    expect(c.equityByYear[0].netEquity).toEqual(bandsByStep([0, 1, 2].map((k) => [12 * (9 + k) - 100, 24 * (9 + k)])));
    expect(c.equityByYear[0].customerEquity).toEqual(bandsByStep([0, 1, 2].map((k) => [12 * (12 + k) - 100, 24 * (12 + k)])));
    expect(c.pairedNetDifference.map((p) => p.strategy)).toEqual(['today', 'rival']);
    const path = Float64Array.from({ length: 24 }, (_, t) => t + 1);
    expect(c.pairedNetDifference[0].band).toEqual(bandsByStep([path, path, path]));
    expect(c.pairedNetDifference[1].breakEven).toEqual(of(c, 'rival').vsBaseline!.breakEven);
  });

  it('bands of every series but the discount factors, spend per year, retention', () => {
    const c = compareStrategies({ scenario, results });
    const names = Object.keys(mk('future', 0).series).filter((m) => m !== 'discount');
    expect(c.series.map((s) => `${s.strategy}:${s.metric}`)).toEqual(['today', 'future', 'rival'].flatMap((id) => names.map((m) => `${id}:${m}`)));
    expect(c.series.find((s) => s.strategy === 'rival' && s.metric === 'margin')!.band).toEqual(seriesBand(reps('rival'), 'margin'));
    // CX spend on ads per year: 12 · spend per step
    expect(c.cxSpendPerYear).toEqual([
      { strategy: 'today', lever: 'ads', year: 1, spend: 24 },
      { strategy: 'today', lever: 'ads', year: 2, spend: 24 },
      { strategy: 'future', lever: 'ads', year: 1, spend: 12 },
      { strategy: 'future', lever: 'ads', year: 2, spend: 12 },
      { strategy: 'rival', lever: 'ads', year: 1, spend: 0 },
      { strategy: 'rival', lever: 'ads', year: 2, spend: 0 },
    ]);
    expect(c.retention.map((r) => [r.strategy, r.segment])).toEqual([['today', 'mass'], ['future', 'mass'], ['rival', 'mass']]);
    expect(c.retention[2].band).toEqual(seriesBand(reps('rival'), 'retention.mass'));
  });

  it('the value split and horizon robustness against the baseline', () => {
    const c = compareStrategies({ scenario, results });
    const by = new Map([['today', reps('today')], ['future', reps('future')], ['rival', reps('rival')]]);
    expect(c.valuation).toEqual(valueSplit(by, 'future'));
    expect(c.horizonRobustness).toEqual([horizonRobustness(reps('today'), reps('future'), true), horizonRobustness(reps('rival'), reps('future'), true)]);
    expect(c.horizonRobustness[0].mean[0]).toBe(-88); // 12·(9 + k) − 100 − 12·(8 + k)
    const none = Scenario.parse({ ...definition, valuation: { beyondHorizon: 'none' } });
    expect(compareStrategies({ scenario: none, results }).horizonRobustness[0].mean[0]).toBe(12);
  });

  it('ranking issues on net equity, with names and formatted money', () => {
    const fmt = (x: number) => `€${x.toFixed(0)}`;
    const c = compareStrategies({ scenario, results, formatMoney: fmt });
    const names: Record<string, string> = { future: 'Future', today: 'Today', rival: 'rival' };
    expect(c.rankingIssues).toEqual(rankingIssues(netOf, 'future', fmt, (id) => names[id]));
    expect(c.rankingIssues.length).toBeGreaterThan(0); // rival − today = −12, 36, 84: not separated at n = 3
    expect(c.rankingIssues.map((i) => i.message).join(' ')).toContain('rival');
  });
});

describe('compareStrategies: attribution on the coalition runs', () => {
  // today's lever "ads" off: today's margin less 1 per step (net 8 + k − 1… i.e. 24 less)
  const adsOff = (ks: number[]) => ks.map((k) => ({ ...mk('today', k), totals: { ...mk('today', k).totals, netEquity: netOf.today[k] - 24 } }));
  const input = (ks: number[]): ComparisonInput => ({
    scenario,
    results,
    attributionRuns: [{ strategy: 'today', levers: [], results: adsOff(ks) }],
    attributionLevers: { future: [], today: ['ads'], rival: [] },
  });

  it('attributes on the replications of the coalition runs, skipping strategies with no levers on either side', () => {
    const c = compareStrategies(input([0, 1]));
    expect(c.attribution).toHaveLength(1);
    const a = c.attribution[0];
    expect(a).toEqual(attribute(reps('today', [0, 1]), reps('future', [0, 1]), ['ads'], [{ levers: [], results: adsOff([0, 1]) }], [], [], 7));
    expect(a.strategy).toBe('today');
    expect(a.replications).toBe(2);
    expect(a.total.mean).toBe(24);
    expect(a.levers[0].contribution.mean).toBe(24);
    expect(a.remainder.mean).toBe(0);
  });

  it('none without attribution levers, and none on fewer than 2 replications', () => {
    expect(compareStrategies({ ...input([0, 1]), attributionLevers: undefined }).attribution).toEqual([]);
    expect(compareStrategies({ ...input([0, 1]), attributionLevers: { future: [], today: [], rival: [] } }).attribution).toEqual([]);
    expect(compareStrategies(input([1])).attribution).toEqual([]);
  });

  it('a strategy without levers is attributed when the baseline has some', () => {
    const futureOff = [0, 1].map((k) => ({ ...mk('future', k), totals: { ...mk('future', k).totals, netEquity: netOf.future[k] - 6 } }));
    const c = compareStrategies({
      scenario,
      results,
      strategies: ['rival'],
      attributionRuns: [{ strategy: 'future', levers: [], results: futureOff }],
      attributionLevers: { future: ['chat'], rival: [] },
    });
    expect(c.attribution.map((a) => [a.strategy, a.replications, a.levers.map((l) => [l.lever, l.usedBy, l.contribution.mean])])).toEqual([['rival', 2, [['chat', 'baseline', -6]]]]);
  });
});

describe('visit costs and the strategy cost (ROI denominator)', () => {
  it('discounts visit costs at the end of the step in arrears and at its start in advance', () => {
    const arrears = makeResult({ steps: 2, discountRate: 0.1, stepsPerYear: 1, series: { visitCost: [11, 22] } });
    close(visitCostPV(arrears), 11 / 1.1 + 22 / 1.21);
    const start = Float64Array.from([1, 1 / 1.1]);
    const advance = { ...arrears, series: { ...arrears.series, 'discount.start': start }, valuation: { ...arrears.valuation, paymentTiming: 'advance' as const } };
    close(visitCostPV(advance), 11 + 22 / 1.1);
    // in advance without start-of-step discount factors, or without visit costs: none
    const { ['discount.start']: _omit, ...noStart } = advance.series;
    expect(visitCostPV({ ...advance, series: noStart })).toBe(0);
    expect(visitCostPV(makeResult({ steps: 2 }))).toBe(0);
    close(strategyCostPV({ ...advance, totals: { ...advance.totals, cxSpendPV: 5, workforceCostPV: 7 } }), 12 + 11 + 20);
  });
});

export type { ReplicationResult };

describe('compareStrategies: replication counts and unpaired seeds', () => {
  it('compares on two replications, the fewest it accepts', () => {
    const two = ['future', 'today'].flatMap((id) => reps(id, [0, 1]));
    const c = compareStrategies({ scenario, results: two, strategies: ['today'] });
    expect(c.scenario.replications).toBe(2);
    expect(of(c, 'today').vsBaseline!.netEquity.mean).toBe(24);
  });

  it('names at most five replications with other seeds, then an ellipsis', () => {
    const ks = [0, 1, 2, 3, 4, 5, 6];
    const seeded = (differ: number) => [
      ...reps('future', ks),
      ...ks.map((k) => mk('today', k, { seed: k >= 1 && k <= differ ? `other${k}` : `seed${k}` })),
    ];
    const warn = (differ: number) => compareStrategies({ scenario, results: seeded(differ), strategies: ['today'] }).warnings;
    const tail = ' used other seeds than the baseline, so the differences are not paired under common random numbers.';
    expect(warn(5)).toEqual([`today: replications 1, 2, 3, 4, 5${tail}`]);
    expect(warn(6)).toEqual([`today: replications 1, 2, 3, 4, 5, …${tail}`]);
    expect(warn(0)).toEqual([]);
  });
});

describe('compareStrategies: attribution inputs', () => {
  const off = (strategy: string, less: number) =>
    [0, 1].map((k) => ({ ...mk(strategy, k), totals: { ...mk(strategy, k).totals, netEquity: netOf[strategy as keyof typeof netOf][k] - less } }));

  it("uses each strategy's own coalition runs when several strategies have runs with the same levers on", () => {
    // the baseline's run with chat off comes first; today's lever ads off is worth 24, chat 6
    const c = compareStrategies({
      scenario,
      results,
      strategies: ['today'],
      attributionRuns: [{ strategy: 'future', levers: [], results: off('future', 6) }, { strategy: 'today', levers: [], results: off('today', 24) }],
      attributionLevers: { future: ['chat'], today: ['ads'] },
    });
    expect(c.attribution[0].levers.map((l) => [l.lever, l.usedBy, l.contribution.mean])).toEqual([['ads', 'strategy', 24], ['chat', 'baseline', -6]]);
  });

  it('a strategy missing from the attribution levers has none', () => {
    const c = compareStrategies({ scenario, results, strategies: ['today'], attributionRuns: [{ strategy: 'today', levers: [], results: off('today', 24) }], attributionLevers: { today: ['ads'] } });
    expect(c.attribution[0].levers.map((l) => [l.lever, l.usedBy, l.contribution.mean])).toEqual([['ads', 'strategy', 24]]);
  });

  it('refuses levers to attribute without their coalition runs', () => {
    expect(() => compareStrategies({ scenario, results, attributionLevers: { today: ['ads'] } })).toThrow(/attribution: no runs of "today" with only \[\] on/);
  });
});
