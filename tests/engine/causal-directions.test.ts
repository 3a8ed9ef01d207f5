/**
 * MODEL.md §9 check 5: the direction of every causal link, as fast-check properties.
 *
 * Because every random draw is keyed by (customer, step, purpose) (common random numbers),
 * two runs that differ in one parameter see the same visits, noise and uniforms; most links
 * are therefore monotone path by path, not only in expectation, and are checked exactly
 * (no tolerance). Where churn would select survivors (and so could reverse an average),
 * churn is switched off for that property, which isolates the link being tested.
 *
 * Two-sided (issue 17 item 3): "never lowers" alone is satisfied by a link that does nothing.
 * So every property draws its two values at least a stated gap apart and also asserts a
 * STRICT effect on the path's total (a removed link gives equality and fails). The gaps are
 * chosen so that the strict effect is many customers wide at 400 customers and 24 months
 * (e.g. satisfaction 0.1 apart moves the churn hazard by a factor exp(−3·0.1) ≈ 0.74: about 10
 * more survivors expected, P(no difference) far below 1e-6). Planted and checked: with the
 * satisfaction → churn link removed (churnSatSens = 0 in the compiled model) "higher
 * satisfaction lowers churn" fails; with a convex response curve "diminishing returns" fails.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.ts';
import { deepMerge } from '../../src/scenario/merge.ts';
import { simulateReplication } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { leverEffect } from '../../src/model/lever.ts';

const RUNS = { numRuns: 12, seed: 20261123 };

function rich(over: Record<string, unknown> = {}, churn: unknown = { alpha: 1.5, beta: 5 }): Scenario {
  const base: ScenarioInput = {
    meta: { name: 'rich', horizonMonths: 24, seed: 3, replications: 1 },
    pools: {
      film: { marginRate: 0.4, wallet: { trajectory: { type: 'cagr', rate: -0.1 } } },
      digital: { kind: 'emerging', marginRate: 0.5, readiness: 0.3, bass: { p: 0.05, q: 0.5 } },
    },
    segments: {
      fam: {
        initialCustomers: 400,
        churn: churn as { alpha: number; beta: number },
        wallet: { film: { mean: 30 }, digital: { mean: 20 } },
        acquisition: { prospectsPerMonth: 200, conversion: 0.05, cost: 40 },
        serviceNeed: 0.3,
        referralRate: 0.02,
        cxSensitivity: { mean: 1, cv: 0.3 },
      },
    },
    journeys: {
      main: {
        initialStage: 'use',
        stages: {
          onboard: { next: { use: 0.7, onboard: 0.3 }, touchpoints: { signup: { visitProbability: 0.9, friction: 0.3 } } },
          use: {
            next: { use: 0.9, help: 0.1 },
            touchpoints: {
              order: { visitProbability: 0.5, friction: 0.3, pool: 'film' },
              app: { visitProbability: 0.5, friction: 0.4, pool: 'digital' },
            },
          },
          help: { next: { use: 1 }, touchpoints: { call: { visitProbability: 0.8, friction: 0.2, served: 'human' } } },
        },
      },
    },
    workforce: { headcount: 2, productivity: 100 },
    competitors: { rival: { experience: { film: 0.5, digital: 0.6 } } },
    levers: {
      fix: { kind: 'friction', targets: ['order'], response: { scale: 20000 } },
      ready: { kind: 'readiness', targets: ['digital'], response: { scale: 20000 } },
      people: { kind: 'employeeSupport', response: { scale: 20000 } },
    },
    strategies: { base: { baseline: true } },
  };
  const merged = deepMerge(base, over) as ScenarioInput;
  (merged.segments.fam as { churn: unknown }).churn = churn;
  return Scenario.parse(merged);
}

const run = (sc: Scenario, strategy = 'base'): ReplicationResult => simulateReplication({ scenario: sc, strategy, replication: 0 });
const NO_CHURN = { annualRate: 0 };
const noAcq = { segments: { fam: { acquisition: { prospectsPerMonth: 0 }, referralRate: 0 } } };
const each = (a: Float64Array, b: Float64Array, ok: (x: number, y: number) => boolean) => a.every((x, t) => ok(x, b[t]));
const sum = (a: Float64Array) => a.reduce((u, v) => u + v, 0);
const last = (a: Float64Array) => a[a.length - 1];
/** x > y by more than rounding (1e-9 relative): a removed link, which leaves the path unchanged, fails it. */
const above = (x: number, y: number) => x > y + 1e-9 * Math.max(1, Math.abs(y));
/** Two values lo < hi in [min, max], at least `gap` apart (so that the strict part of a property applies to every run). */
const apart = (min: number, max: number, gap: number) =>
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([u, v]) => {
    const lo = min + u * (max - min - gap);
    return [lo, Math.min(max, lo + gap + v * (max - lo - gap))] as const;
  });
/** The same for integers. */
const apartInt = (min: number, max: number, gap: number) =>
  fc.tuple(fc.integer({ min, max: max - gap }), fc.integer({ min: 0, max: max - min })).map(([lo, v]) => [lo, Math.min(max, lo + gap + v)] as const);

describe('causal directions (path by path under common random numbers)', () => {
  it('more friction never raises satisfaction, and lowers it strictly', () => {
    fc.assert(
      fc.property(apart(0, 0.5, 0.05), ([lo, hi]) => {
        const tp = (f: number) => rich({ ...noAcq, journeys: { main: { stages: { use: { touchpoints: { order: { friction: f } } } } } } }, NO_CHURN);
        const a = run(tp(lo)).series.satisfaction;
        const b = run(tp(hi)).series.satisfaction;
        return each(b, a, (x, y) => x <= y + 1e-12) && above(sum(a), sum(b));
      }),
      RUNS,
    );
  });

  it('more employee support never lowers engagement or service quality, and raises both strictly', () => {
    fc.assert(
      fc.property(apartInt(0, 200000, 20000), ([lo, hi]) => {
        const strat = (b: number) => rich({ ...noAcq, strategies: { base: { budget: { perYear: b, allocation: { people: 1 } } } } }, NO_CHURN);
        const a = run(strat(lo)), b = run(strat(hi));
        return (
          each(b.series.engagement, a.series.engagement, (x, y) => x >= y - 1e-12) &&
          each(b.series.serviceQuality, a.series.serviceQuality, (x, y) => x >= y - 1e-12) &&
          above(sum(b.series.engagement), sum(a.series.engagement)) &&
          above(sum(b.series.serviceQuality), sum(a.series.serviceQuality))
        );
      }),
      RUNS,
    );
  });

  // Service quality falls with overload only (max(0, W − 1), docs/model.md §6.2): strictly lower when the smaller team
  // was overloaded at some step, equal otherwise (to rounding, 1e-12). At 60 contacts per employee a month both cases occur in 1–6.
  it('a fuller workload (fewer employees) never raises service quality, lowers it strictly when overloaded', () => {
    fc.assert(
      fc.property(apartInt(1, 6, 1), ([lo, hi]) => {
        const sc = (h: number) => rich({ ...noAcq, workforce: { headcount: h, productivity: 60 } }, NO_CHURN);
        const small = run(sc(lo)), large = run(sc(hi));
        const a = small.series.serviceQuality, b = large.series.serviceQuality;
        const overloaded = Math.max(...small.series.workload) > 1;
        return each(a, b, (x, y) => x <= y + 1e-12) && (overloaded ? above(sum(b), sum(a)) : each(a, b, (x, y) => Math.abs(x - y) <= 1e-12));
      }),
      RUNS,
    );
  });

  it('higher satisfaction never raises churn (survivors are a superset), and lowers it strictly', () => {
    fc.assert(
      fc.property(apart(0.2, 0.9, 0.1), ([lo, hi]) => {
        // no experiences: satisfaction stays where it starts
        const sc = (s: number) =>
          rich({ ...noAcq, segments: { fam: { initialSatisfaction: s, serviceNeed: 0 } }, journeys: { main: { initialStage: 'onboard', stages: { onboard: { next: { onboard: 1 }, touchpoints: { signup: { visitProbability: 0 } } } } } } });
        const a = run(sc(lo)).series.active, b = run(sc(hi)).series.active;
        return each(b, a, (x, y) => x >= y) && above(last(b), last(a));
      }),
      RUNS,
    );
  });

  it('a stronger competitor never lowers churn, and raises it strictly', () => {
    fc.assert(
      fc.property(apart(0, 1, 0.15), ([lo, hi]) => {
        const sc = (c: number) => rich({ ...noAcq, competitors: { rival: { experience: { film: c } } } });
        const a = run(sc(lo)).series.active, b = run(sc(hi)).series.active;
        return each(b, a, (x, y) => x <= y) && above(last(a), last(b));
      }),
      RUNS,
    );
  });

  it('more readiness in an emerging pool never lowers our share of it, and raises it strictly', () => {
    fc.assert(
      fc.property(apartInt(0, 100000, 10000), ([lo, hi]) => {
        const sc = (b: number) => rich({ ...noAcq, strategies: { base: { budget: { perYear: b, allocation: { ready: 1 } } } } }, NO_CHURN);
        const a = run(sc(lo)), b = run(sc(hi));
        return (
          each(b.series['readiness.digital'], a.series['readiness.digital'], (x, y) => x >= y) &&
          each(b.series['revenue.digital'], a.series['revenue.digital'], (x, y) => x >= y - 1e-9) &&
          above(last(b.series['readiness.digital']), last(a.series['readiness.digital'])) &&
          above(sum(b.series['revenue.digital']), sum(a.series['revenue.digital']))
        );
      }),
      RUNS,
    );
  });

  it('a higher Bass imitation coefficient never slows adoption, and speeds it strictly', () => {
    fc.assert(
      fc.property(apart(0, 1, 0.1), ([lo, hi]) => {
        const sc = (q: number) => rich({ ...noAcq, pools: { digital: { bass: { q } } } }, NO_CHURN);
        const a = run(sc(lo)).series['adoption.digital'], b = run(sc(hi)).series['adoption.digital'];
        return each(b, a, (x, y) => x >= y) && above(sum(b), sum(a));
      }),
      RUNS,
    );
  });

  it('higher satisfaction never lowers share of wallet (revenue per customer), and raises it strictly', () => {
    fc.assert(
      fc.property(apart(0.2, 0.9, 0.05), ([lo, hi]) => {
        const sc = (s: number) => rich({ ...noAcq, segments: { fam: { initialSatisfaction: s, serviceNeed: 0 } }, journeys: { main: { initialStage: 'onboard', stages: { onboard: { next: { onboard: 1 }, touchpoints: { signup: { visitProbability: 0 } } } } } } }, NO_CHURN);
        const a = run(sc(lo)).series['revenue.film'], b = run(sc(hi)).series['revenue.film'];
        return each(b, a, (x, y) => x >= y - 1e-9) && above(sum(b), sum(a));
      }),
      RUNS,
    );
  });

  it('a higher referral rate never lowers acquisitions, and raises them strictly', () => {
    fc.assert(
      fc.property(apart(0, 0.2, 0.02), ([lo, hi]) => {
        const sc = (r: number) => rich({ behaviour: { promoterThreshold: 0.3 }, segments: { fam: { referralRate: r } } }, NO_CHURN);
        const a = run(sc(lo)).series.acquired, b = run(sc(hi)).series.acquired;
        return each(b, a, (x, y) => x >= y) && above(sum(b), sum(a));
      }),
      RUNS,
    );
  });

  it('a portfolio treatment that lowers the churn multiplier never raises churn, and lowers it strictly', () => {
    fc.assert(
      fc.property(apart(0.3, 1.5, 0.15), ([lo, hi]) => {
        const sc = (mult: number) => rich({ ...noAcq, portfolios: { all: { treatment: { churnMultiplier: mult } } } });
        const a = run(sc(lo)).series.active, b = run(sc(hi)).series.active;
        return each(a, b, (x, y) => x >= y) && above(last(a), last(b));
      }),
      RUNS,
    );
  });

  it('a shrinking wallet never raises revenue, and lowers it strictly', () => {
    fc.assert(
      fc.property(apart(-0.5, 0.3, 0.02), ([lo, hi]) => {
        const sc = (g: number) => rich({ ...noAcq, pools: { film: { wallet: { trajectory: { type: 'cagr', rate: g } } } } }, NO_CHURN);
        const a = run(sc(lo)).series['revenue.film'], b = run(sc(hi)).series['revenue.film'];
        return each(a, b, (x, y) => x <= y + 1e-9) && above(sum(b), sum(a));
      }),
      RUNS,
    );
  });

  it('better automation quality never lowers satisfaction (deflected contacts), and raises it strictly', () => {
    fc.assert(
      fc.property(apart(0, 1, 0.1), ([lo, hi]) => {
        const sc = (q: number) => rich({ ...noAcq, workforce: { automation: { deflection: 0.8, quality: q } } }, NO_CHURN);
        const a = run(sc(lo)).series.satisfaction, b = run(sc(hi)).series.satisfaction;
        return each(b, a, (x, y) => x >= y - 1e-12) && above(sum(b), sum(a));
      }),
      RUNS,
    );
  });

  it('wider retention-offer coverage never lowers satisfaction, and raises it strictly', () => {
    fc.assert(
      fc.property(apartInt(0, 100000, 10000), ([lo, hi]) => {
        const sc = (b: number) =>
          rich(
            {
              ...noAcq,
              levers: { saves: { kind: 'retentionOffer', response: { scale: 20000 }, offer: { satisfactionDrop: 0.02, satisfactionBoost: 0.1 } } },
              strategies: { base: { budget: { perYear: b, allocation: { saves: 1 } } } },
            },
            NO_CHURN,
          );
        const a = run(sc(lo)), b = run(sc(hi));
        return each(b.series.satisfaction, a.series.satisfaction, (x, y) => x >= y - 1e-9) && above(sum(b.series.offers), sum(a.series.offers)) && above(sum(b.series.satisfaction), sum(a.series.satisfaction));
      }),
      RUNS,
    );
  });

  it('more acquisition spend never lowers acquisitions, and raises them strictly', () => {
    fc.assert(
      fc.property(apartInt(0, 100000, 10000), ([lo, hi]) => {
        const sc = (b: number) =>
          rich({ levers: { ads: { kind: 'acquisition', response: { scale: 20000 } } }, strategies: { base: { budget: { perYear: b, allocation: { ads: 1 } } } } }, NO_CHURN);
        const a = run(sc(lo)).series.acquired, b = run(sc(hi)).series.acquired;
        return each(b, a, (x, y) => x >= y) && above(sum(b), sum(a));
      }),
      RUNS,
    );
  });

  it('a recession lowers revenue, and a higher discount rate lowers equity (never raises, strictly lowers)', () => {
    fc.assert(
      // r > 0: with no churn, a zero discount rate makes the value beyond the horizon infinite (refused by validation)
      fc.property(fc.double({ min: 0.3, max: 0.95, noNaN: true }), fc.double({ min: 0.01, max: 0.3, noNaN: true }), (factor, r) => {
        const sc = rich({ ...noAcq, meta: { discountRate: r }, stresses: { dip: { shocks: [{ kind: 'recession', fromMonth: 6, walletFactor: factor }] } } }, NO_CHURN);
        const calm = run(sc);
        const dip = simulateReplication({ scenario: sc, strategy: 'base', stress: 'dip', replication: 0 });
        const dearer = run(rich({ ...noAcq, meta: { discountRate: r + 0.05 } }, NO_CHURN));
        return each(dip.series.revenue, calm.series.revenue, (x, y) => x <= y + 1e-9) && above(sum(calm.series.revenue), sum(dip.series.revenue)) && above(calm.totals.customerEquity, dearer.totals.customerEquity);
      }),
      RUNS,
    );
  });

  // Diminishing returns is concavity: every second difference f(x) − 2f(x+h) + f(x+2h) is negative (strictly: these
  // curves are strictly concave on the whole range drawn), and the response rises and stays below its max. The
  // exponential and the Hill curve with n ≤ 1 are concave everywhere; a Hill curve with n > 1 is S-shaped: convex
  // below its inflection C* = scale·((n−1)/(n+1))^(1/n), concave above it (both sides asserted).
  const lever = (curve: 'exponential' | 'hill', shape: number) =>
    ({ kind: 'friction', targets: [], efficiency: 1, decayPerMonth: 0.05, lagMonths: 0, response: { curve, scale: 1e6, shape, max: 0.8 }, offer: { satisfactionDrop: 0.1, costPerOffer: 0, satisfactionBoost: 0 } }) as never;
  const secondDifference = (l: never, x: number, h: number) => leverEffect(l, x) - 2 * leverEffect(l, x + h) + leverEffect(l, x + 2 * h);

  it('lever capital has diminishing returns: monotone, bounded and strictly concave (exponential, Hill with n ≤ 1)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5e6, noNaN: true }),
        fc.double({ min: 5e4, max: 1e6, noNaN: true }),
        fc.oneof(fc.constant({ curve: 'exponential' as const, shape: 1 }), fc.double({ min: 0.3, max: 1, noNaN: true }).map((shape) => ({ curve: 'hill' as const, shape }))),
        (x, h, { curve, shape }) => {
          const l = lever(curve, shape);
          const a = leverEffect(l, x), b = leverEffect(l, x + h);
          return a >= 0 && a < b && b <= 0.8 && secondDifference(l, x, h) < 0;
        },
      ),
      { numRuns: 300, seed: 1 },
    );
  });

  it('a Hill response with n > 1 is convex below its inflection point and concave above it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.2, max: 4, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 0.3, noNaN: true }), (n, u, step) => {
        const l = lever('hill', n);
        const inflection = 1e6 * Math.pow((n - 1) / (n + 1), 1 / n);
        const h = step * inflection;
        const below = u * (inflection - 2 * h); // x + 2h ≤ C*
        const above = inflection + u * 4e6; // x ≥ C*
        return below < 0 || (secondDifference(l, below, h) > 0 && secondDifference(l, above, h) < 0);
      }),
      { numRuns: 300, seed: 2 },
    );
  });
});

describe('invariants', () => {
  it('zero budget equals the no-investment baseline, bit for bit', () => {
    const sc = rich({
      strategies: {
        base: { baseline: true },
        zero: { budget: { perYear: 0, allocation: { fix: 0.5, ready: 0.5 } } },
        cut: { budget: { perYear: 50000, allocation: { fix: 1 } } },
      },
      stresses: { wipe: { shocks: [{ kind: 'budgetCut', fromMonth: 0, cut: 1 }] } },
    });
    const base = run(sc, 'base');
    expect(run(sc, 'zero').totals).toEqual(base.totals);
    expect(simulateReplication({ scenario: sc, strategy: 'cut', stress: 'wipe', replication: 0 }).totals).toEqual(base.totals);
  });

  it('customers are conserved: alive + churned = initial + acquired', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.integer({ min: 0, max: 3 }), (prospects, theta, rep) => {
        const sc = rich({ segments: { fam: { acquisition: { prospectsPerMonth: prospects } } } }, { annualRate: theta });
        const r = simulateReplication({ scenario: sc, strategy: 'base', replication: rep });
        const t = r.totals;
        const sumSeries = (k: string) => r.series[k].reduce((a, b) => a + b, 0);
        return t.alive + t.churned === t.initialCustomers + t.acquired && sumSeries('acquired') === t.acquired && sumSeries('churned') === t.churned;
      }),
      RUNS,
    );
  });

  it('no NaN or Infinity reaches any output', () => {
    fc.assert(
      fc.property(
        fc.record({
          theta: fc.double({ min: 0, max: 1, noNaN: true }),
          friction: fc.double({ min: 0, max: 1, noNaN: true }),
          growth: fc.double({ min: -0.99, max: 2, noNaN: true }),
          headcount: fc.integer({ min: 0, max: 5 }),
          budget: fc.integer({ min: 0, max: 1e6 }),
          stepsPerYear: fc.constantFrom(12, 52, 4),
        }),
        (p) => {
          const sc = rich(
            {
              meta: { stepsPerYear: p.stepsPerYear },
              pools: { film: { wallet: { trajectory: { type: 'cagr', rate: p.growth } } } },
              journeys: { main: { stages: { use: { touchpoints: { order: { friction: p.friction } } } } } },
              workforce: { headcount: p.headcount },
              strategies: { base: { budget: { perYear: p.budget, allocation: { fix: 0.3, ready: 0.3, people: 0.4 } } } },
            },
            { annualRate: p.theta },
          );
          const r = run(sc);
          const finite = (v: unknown): boolean =>
            typeof v === 'number' ? Number.isFinite(v) : v instanceof Float64Array || v instanceof Float32Array ? v.every(Number.isFinite) : typeof v === 'object' && v !== null ? Object.values(v).every(finite) : true;
          return finite(r.series) && finite(r.totals) && finite(r.clv) && finite(r.valueBeyondByYear);
        },
      ),
      RUNS,
    );
  });
});
