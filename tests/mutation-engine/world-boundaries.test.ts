/**
 * The generated kernel against the reference customer step (as in world-kernel.test.ts) on worlds
 * built to sit exactly on the model's boundaries, where `<` and `<=` differ: an experience equal
 * to the stage's exit threshold, a fall of satisfaction equal to the retention offer's trigger,
 * satisfaction equal to the promoter threshold, tenure equal to a portfolio rule's minimum; and
 * outside the usual ranges: satisfaction below 0 (the lowest band), a churn factor overflowing
 * Float32 with a zero hazard (0 × ∞: the zero wins), a customer with no wallet in a current pool
 * visiting that pool's touchpoint, an emerging pool listed first. Every number is chosen so the
 * tie is exact in binary (noise 0, friction at its floor: quality = base − floor).
 * Each world also checks that the boundary is actually reached, so the test cannot pass vacuously.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication, type Job } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { neutral, neutralInput } from '../engine/neutral.ts';
import { firstDifference } from './worlds.ts';

function same(job: Job): ReplicationResult {
  const generated = simulateReplication({ ...job, customers: true }, { kernel: 'generated' });
  const generic = simulateReplication({ ...job, customers: true }, { kernel: 'generic' });
  expect(firstDifference(generated, generic)).toBe('');
  return generic;
}
const total = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('boundaries: generated kernel = reference step', () => {
  it('experience = exit threshold (no exit), satisfaction fall = offer trigger (no offer); an emerging pool first; customers without a wallet in a current pool', () => {
    const input = neutralInput({
      meta: { horizonMonths: 12, agentScale: 1 },
      valuation: { beyondHorizon: 'perpetuity' },
      behaviour: { satisfactionMemory: 0.5, satisfactionReference: 0.5 },
      segments: {
        s: { initialCustomers: 30, churn: { annualRate: 0.2 }, initialSatisfaction: 0.5, wallet: { core: { mean: 100, cv: 0 }, next: { mean: 50, cv: 0 } }, adoption: { next: 1 } },
        t: { initialCustomers: 20, churn: { annualRate: 0.2 }, initialSatisfaction: 0.5, wallet: { next: { mean: 50, cv: 0 } }, adoption: { next: 1 } },
      },
      journeys: {
        j: {
          initialStage: 'a',
          stages: {
            // quality 0.5 − 0.25 = 0.25 = exitBelow; satisfaction 0.5 → 0.5·0.5 + 0.5·0.25 = 0.375: a fall of 0.125 = the trigger
            a: { next: { a: 0.5, b: 0.5 }, exitBelow: 0.25, touchpoints: { counter: { visitProbability: 1, friction: 0.25, floor: 0.25, noise: 0, baseQuality: 0.5, pool: 'core' } } },
            b: { next: { a: 1 }, touchpoints: { app: { visitProbability: 0.7, friction: 0.3, pool: 'next' } } },
          },
        },
      },
      levers: { care: { kind: 'retentionOffer', response: { scale: 1, max: 1 }, offer: { satisfactionDrop: 0.125, costPerOffer: 1, satisfactionBoost: 0.1 } } },
      strategies: { none: { baseline: true }, care: { budget: { perYear: 12000, allocation: { care: 1 } } } },
    });
    // the emerging pool first (index 0), replacing the neutral firm's pools
    input.pools = { next: { kind: 'emerging', marginRate: 0.3, bass: { p: 0.5, q: 0 }, initialAdoption: 0.5 }, core: { marginRate: 0.3 } } as typeof input.pools;
    const sc = Scenario.parse(input);
    const r = same({ scenario: sc, strategy: 'care', replication: 0 });
    // everyone in stage a visits the counter at month 0 and none leaves by the threshold
    expect(r.series['visits.counter'][0]).toBe(50);
    expect(r.series.exits[0]).toBe(0);
    expect(r.series.offers[0]).toBe(0);
    same({ scenario: sc, strategy: 'none', replication: 1 });
  });

  it('satisfaction = promoter threshold; tenure = a portfolio rule minimum', () => {
    const sc = neutral({
      meta: { horizonMonths: 12, agentScale: 1 },
      valuation: { beyondHorizon: 'none' },
      behaviour: { promoterThreshold: 0.5, satisfactionReference: 0.5, portfolioReviewMonths: 3 },
      segments: { s: { initialCustomers: 40, churn: { annualRate: 0.2 }, initialSatisfaction: 0.5, referralRate: 0.2, acquisition: { prospectsPerMonth: 4, conversion: 0.5 } } },
      portfolios: {
        fresh: { rule: { metric: 'tenureMonths', max: 3 }, treatment: { churnMultiplier: 2 } },
        mid: { rule: { metric: 'tenureMonths', min: 3, max: 6 }, treatment: { churnMultiplier: 0.5 } },
        old: {},
      },
    });
    const r = same({ scenario: sc, strategy: 'none', replication: 0 });
    // nobody is a promoter at exactly the threshold, so nobody refers
    expect(total(r.series.promoters)).toBe(0);
    expect(total(r.series.referrals)).toBe(0);
    // at the review at month 3 the initial customers have exactly 3 months: they move to "mid"
    expect(r.series['portfolio.mid'][3]).toBeGreaterThan(0);
  });

  it('satisfaction below 0 (lowest band) and a Float32-overflowing churn factor with zero hazard (0 × ∞ → no churn)', () => {
    const sc = neutral({
      meta: { horizonMonths: 12, agentScale: 1 },
      valuation: { beyondHorizon: 'perpetuity' },
      behaviour: { satisfactionReference: 0.6, churnSatisfactionSensitivity: 200, satisfactionMemory: 0.2 },
      segments: { s: { initialCustomers: 30, churn: { annualRate: 0 }, initialSatisfaction: 0.6 } },
      journeys: { j: { stages: { only: { touchpoints: { bad: { visitProbability: 1, friction: 0, noise: 0, baseQuality: -0.5 } } } } } },
    });
    const r = same({ scenario: sc, strategy: 'none', replication: 0 });
    expect(r.series.satisfaction[11]).toBeLessThan(0);
    expect(r.series['satisfactionBand.0'][11]).toBe(1);
    expect(r.totals.churned).toBe(0);
    expect(Number.isFinite(r.totals.netEquity)).toBe(true);
  });
});
