/**
 * The generated kernel against the reference customer step on two more structures whose code the
 * generator specialises: one segment with an emerging pool, no service contacts and promoters who
 * refer (the segment index is still needed for adoption; the promoters are counted in a local);
 * and two stages of which only one has an exit threshold, set high enough that customers do
 * leave by it. Each checks that the mechanism is reached.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication, type Job } from '../../src/engine/replication.ts';
import { neutral } from '../engine/neutral.ts';
import { firstDifference } from './worlds.ts';

function same(job: Job) {
  const generated = simulateReplication({ ...job, customers: true }, { kernel: 'generated' });
  const generic = simulateReplication({ ...job, customers: true }, { kernel: 'generic' });
  expect(firstDifference(generated, generic)).toBe('');
  return generic;
}
const total = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('generated kernel = reference step: more structures', () => {
  it('one segment, an emerging pool, no contacts, referring promoters', () => {
    const sc = neutral({
      meta: { horizonMonths: 12, agentScale: 1 },
      behaviour: { promoterThreshold: 0.3 },
      pools: { next: { kind: 'emerging', marginRate: 0.4, bass: { p: 0.4, q: 0.5 }, initialAdoption: 0.1 } },
      segments: { s: { initialCustomers: 40, referralRate: 0.1, adoption: { next: 1.5 }, wallet: { next: { mean: 40, cv: 0.3 } } } },
    });
    const r = same({ scenario: sc, strategy: 'none', replication: 0 });
    expect(total(r.series.referrals)).toBeGreaterThan(0);
    expect(r.series['adoption.next'][11]).toBeGreaterThan(r.series['adoption.next'][0]);
  });
  it('two stages, only one with an exit threshold, which customers fall below', () => {
    const sc = neutral({
      meta: { horizonMonths: 12, agentScale: 1 },
      segments: { s: { initialCustomers: 40 } },
      journeys: {
        j: {
          initialStage: 'a',
          stages: {
            a: { next: { a: 0.5, b: 0.5 }, exitBelow: 0.6, touchpoints: { ta: { visitProbability: 0.5, friction: 0.2 } } },
            b: { next: { a: 0.5, b: 0.5 }, touchpoints: { tb: { visitProbability: 0.5, friction: 0.2 } } },
          },
        },
      },
    });
    const r = same({ scenario: sc, strategy: 'none', replication: 0 });
    expect(total(r.series.exits)).toBeGreaterThan(0);
  });
});
