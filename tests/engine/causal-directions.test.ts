/**
 * MODEL.md §9 check 5: the direction of every causal link, as fast-check properties.
 *
 * Because every random draw is keyed by (customer, step, purpose) (common random numbers),
 * two runs that differ in one parameter see the same visits, noise and uniforms; most links
 * are therefore monotone path by path, not only in expectation, and are checked exactly
 * (no tolerance). Where churn would select survivors (and so could reverse an average),
 * churn is switched off for that property, which isolates the link being tested.
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

describe('causal directions (path by path under common random numbers)', () => {
  it('more friction never raises satisfaction', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (f1, f2) => {
        const [lo, hi] = f1 <= f2 ? [f1, f2] : [f2, f1];
        const tp = (f: number) => rich({ ...noAcq, journeys: { main: { stages: { use: { touchpoints: { order: { friction: f } } } } } } }, NO_CHURN);
        const a = run(tp(lo)).series.satisfaction;
        const b = run(tp(hi)).series.satisfaction;
        return each(b, a, (x, y) => x <= y + 1e-12);
      }),
      RUNS,
    );
  });

  it('more employee support never lowers engagement or service quality', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200000 }), fc.integer({ min: 0, max: 200000 }), (x1, x2) => {
        const [lo, hi] = x1 <= x2 ? [x1, x2] : [x2, x1];
        const strat = (b: number) => rich({ ...noAcq, strategies: { base: { budget: { perYear: b, allocation: { people: 1 } } } } }, NO_CHURN);
        const a = run(strat(lo)), b = run(strat(hi));
        return each(b.series.engagement, a.series.engagement, (x, y) => x >= y - 1e-12) && each(b.series.serviceQuality, a.series.serviceQuality, (x, y) => x >= y - 1e-12);
      }),
      RUNS,
    );
  });

  it('a fuller workload (fewer employees) never raises service quality', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), (h1, h2) => {
        const [lo, hi] = h1 <= h2 ? [h1, h2] : [h2, h1];
        const sc = (h: number) => rich({ ...noAcq, workforce: { headcount: h } }, NO_CHURN);
        return each(run(sc(lo)).series.serviceQuality, run(sc(hi)).series.serviceQuality, (x, y) => x <= y + 1e-12);
      }),
      RUNS,
    );
  });

  it('higher satisfaction never raises churn (survivors are a superset)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 0.9, noNaN: true }), fc.double({ min: 0.2, max: 0.9, noNaN: true }), (s1, s2) => {
        const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        // no experiences: satisfaction stays where it starts
        const sc = (s: number) =>
          rich({ ...noAcq, segments: { fam: { initialSatisfaction: s, serviceNeed: 0 } }, journeys: { main: { initialStage: 'onboard', stages: { onboard: { next: { onboard: 1 }, touchpoints: { signup: { visitProbability: 0 } } } } } } });
        return each(run(sc(hi)).series.active, run(sc(lo)).series.active, (x, y) => x >= y);
      }),
      RUNS,
    );
  });

  it('a stronger competitor never lowers churn', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (c1, c2) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const sc = (c: number) => rich({ ...noAcq, competitors: { rival: { experience: { film: c } } } });
        return each(run(sc(hi)).series.active, run(sc(lo)).series.active, (x, y) => x <= y);
      }),
      RUNS,
    );
  });

  it('more readiness in an emerging pool never lowers our share of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 100000 }), (x1, x2) => {
        const [lo, hi] = x1 <= x2 ? [x1, x2] : [x2, x1];
        const sc = (b: number) => rich({ ...noAcq, strategies: { base: { budget: { perYear: b, allocation: { ready: 1 } } } } }, NO_CHURN);
        const a = run(sc(lo)), b = run(sc(hi));
        return each(b.series['readiness.digital'], a.series['readiness.digital'], (x, y) => x >= y) && each(b.series['revenue.digital'], a.series['revenue.digital'], (x, y) => x >= y - 1e-9);
      }),
      RUNS,
    );
  });

  it('a higher Bass imitation coefficient never slows adoption', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (q1, q2) => {
        const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
        const sc = (q: number) => rich({ ...noAcq, pools: { digital: { bass: { q } } } }, NO_CHURN);
        return each(run(sc(hi)).series['adoption.digital'], run(sc(lo)).series['adoption.digital'], (x, y) => x >= y);
      }),
      RUNS,
    );
  });

  it('higher satisfaction never lowers share of wallet (revenue per customer)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 0.9, noNaN: true }), fc.double({ min: 0.2, max: 0.9, noNaN: true }), (s1, s2) => {
        const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const sc = (s: number) => rich({ ...noAcq, segments: { fam: { initialSatisfaction: s, serviceNeed: 0 } }, journeys: { main: { initialStage: 'onboard', stages: { onboard: { next: { onboard: 1 }, touchpoints: { signup: { visitProbability: 0 } } } } } } }, NO_CHURN);
        return each(run(sc(hi)).series['revenue.film'], run(sc(lo)).series['revenue.film'], (x, y) => x >= y - 1e-9);
      }),
      RUNS,
    );
  });

  it('a higher referral rate never lowers acquisitions', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), (r1, r2) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const sc = (r: number) => rich({ behaviour: { promoterThreshold: 0.3 }, segments: { fam: { referralRate: r } } }, NO_CHURN);
        return each(run(sc(hi)).series.acquired, run(sc(lo)).series.acquired, (x, y) => x >= y);
      }),
      RUNS,
    );
  });

  it('a portfolio treatment that lowers the churn multiplier never raises churn', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 1.5, noNaN: true }), fc.double({ min: 0.3, max: 1.5, noNaN: true }), (m1, m2) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const sc = (mult: number) => rich({ ...noAcq, portfolios: { all: { treatment: { churnMultiplier: mult } } } });
        return each(run(sc(lo)).series.active, run(sc(hi)).series.active, (x, y) => x >= y);
      }),
      RUNS,
    );
  });

  it('a shrinking wallet never raises revenue', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.5, max: 0.3, noNaN: true }), fc.double({ min: -0.5, max: 0.3, noNaN: true }), (g1, g2) => {
        const [lo, hi] = g1 <= g2 ? [g1, g2] : [g2, g1];
        const sc = (g: number) => rich({ ...noAcq, pools: { film: { wallet: { trajectory: { type: 'cagr', rate: g } } } } }, NO_CHURN);
        return each(run(sc(lo)).series['revenue.film'], run(sc(hi)).series['revenue.film'], (x, y) => x <= y + 1e-9);
      }),
      RUNS,
    );
  });

  it('better automation quality never lowers satisfaction (deflected contacts)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (q1, q2) => {
        const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
        const sc = (q: number) => rich({ ...noAcq, workforce: { automation: { deflection: 0.8, quality: q } } }, NO_CHURN);
        return each(run(sc(hi)).series.satisfaction, run(sc(lo)).series.satisfaction, (x, y) => x >= y - 1e-12);
      }),
      RUNS,
    );
  });

  it('wider retention-offer coverage never lowers satisfaction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 100000 }), (x1, x2) => {
        const [lo, hi] = x1 <= x2 ? [x1, x2] : [x2, x1];
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
        return each(b.series.satisfaction, a.series.satisfaction, (x, y) => x >= y - 1e-9) && b.series.offers.reduce((u, v) => u + v, 0) >= a.series.offers.reduce((u, v) => u + v, 0);
      }),
      RUNS,
    );
  });

  it('more acquisition spend never lowers acquisitions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 100000 }), (x1, x2) => {
        const [lo, hi] = x1 <= x2 ? [x1, x2] : [x2, x1];
        const sc = (b: number) =>
          rich({ levers: { ads: { kind: 'acquisition', response: { scale: 20000 } } }, strategies: { base: { budget: { perYear: b, allocation: { ads: 1 } } } } }, NO_CHURN);
        return each(run(sc(hi)).series.acquired, run(sc(lo)).series.acquired, (x, y) => x >= y);
      }),
      RUNS,
    );
  });

  it('a recession never raises revenue, and a higher discount rate never raises equity', () => {
    fc.assert(
      // r > 0: with no churn, a zero discount rate makes the value beyond the horizon infinite (refused by validation)
      fc.property(fc.double({ min: 0.3, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 0.3, noNaN: true }), (factor, r) => {
        const sc = rich({ ...noAcq, meta: { discountRate: r }, stresses: { dip: { shocks: [{ kind: 'recession', fromMonth: 6, walletFactor: factor }] } } }, NO_CHURN);
        const calm = run(sc);
        const dip = simulateReplication({ scenario: sc, strategy: 'base', stress: 'dip', replication: 0 });
        const dearer = run(rich({ ...noAcq, meta: { discountRate: r + 0.05 } }, NO_CHURN));
        return each(dip.series.revenue, calm.series.revenue, (x, y) => x <= y + 1e-9) && dearer.totals.customerEquity <= calm.totals.customerEquity;
      }),
      RUNS,
    );
  });

  it('lever capital has diminishing, monotone returns', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constantFrom('exponential', 'hill'), (c1, c2, curve) => {
        const lever = { kind: 'friction', targets: [], efficiency: 1, decayPerMonth: 0.05, lagMonths: 0, response: { curve, scale: 1e6, shape: 2, max: 0.8 }, offer: { satisfactionDrop: 0.1, costPerOffer: 0, satisfactionBoost: 0 } } as const;
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const a = leverEffect(lever as never, lo), b = leverEffect(lever as never, hi);
        return a <= b && b <= 0.8 && a >= 0;
      }),
      { numRuns: 200, seed: 1 },
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
