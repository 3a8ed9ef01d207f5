/**
 * The workforce inside a replication (docs/model.md §6; src/engine/mechanics/workforce.ts): each
 * step's workforce is driven by the previous step's human contacts (real customers), the
 * employee-support effect of its lever and the stress multiplier on turnover; the first step by
 * the expected contacts (customers × service need × (1 − base deflection)). The test replays the
 * workforce from the recorded contacts series with WorkforceState (itself pinned by hand in
 * workforce.test.ts), the lever effects from the spend by hand (capital with its decay, effect
 * max·(1 − e^(−C/scale))), and compares every workforce series and its cost.
 * Automated contacts: with the automation levers funded, deflection and automation quality
 * follow their levers by hand, and each automated contact adds its cost to the workforce cost.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import { WorkforceState } from '../../src/engine/mechanics/workforce.ts';
import { compileModel } from '../../src/model/compile.ts';
import { neutral } from '../engine/neutral.ts';

const SCALE = 2, N = 40, NEED = 0.5;

function firm(o: { deflection: number }) {
  return neutral({
    meta: { horizonMonths: 12, seed: 5, discountRate: 0.1, agentScale: SCALE },
    valuation: { beyondHorizon: 'none' },
    segments: { s: { initialCustomers: N * SCALE, churn: { annualRate: 0.1 }, serviceNeed: NEED } },
    workforce: {
      headcount: 0.5,
      wagePerMonth: 3000,
      productivity: 30,
      hiringCost: 200,
      trainingCost: 100,
      staffing: { policy: 'demand', targetWorkload: 0.8, adjustmentPerMonth: 0.25 },
      automation: { deflection: o.deflection, quality: 0.3, costPerContact: 0.75, frictionAtZeroQuality: 0.2 },
    },
    levers: {
      support: { kind: 'employeeSupport', decayPerMonth: 0.1, response: { scale: 4000, max: 0.6 } },
      bot: { kind: 'automation', decayPerMonth: 0, response: { scale: 6000, max: 0.5 } },
      botq: { kind: 'automationQuality', lagMonths: 1, response: { scale: 3000, max: 0.4 } },
    },
    strategies: {
      none: { baseline: true },
      people: { budget: { perYear: 24000, allocation: { support: 1 } } },
      bots: { budget: { perYear: 36000, allocation: { support: 1 / 3, bot: 1 / 3, botq: 1 / 3 } } },
    },
    stresses: { quit: { shocks: [{ kind: 'attritionSpike', target: 'employees', fromMonth: 3, toMonth: 6, multiplier: 3 }] } },
  });
}

/** Lever effect after step t's spend (paid at the start of t, capital after `lag` steps). */
function effects(spendPerStep: number, decay: number, lag: number, scale: number, max: number): number[] {
  let c = 0;
  return Array.from({ length: 12 }, (_, t) => {
    c = c * (1 - decay) + (t >= lag ? spendPerStep : 0);
    return max * (1 - Math.exp(-c / scale));
  });
}

const near = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe('the workforce replayed from the contacts', () => {
  it.each([
    ['none', undefined, 0],
    ['people', undefined, 2000],
    ['people', 'quit', 2000],
  ] as const)('no deflection: %s, stress %s', (strategy, stress, supportSpend) => {
    const sc = firm({ deflection: 0 });
    const job = { scenario: sc, strategy, replication: 0, stress };
    const r = simulateReplication(job);
    const wf = new WorkforceState(compileModel(job).workforce!, 12);
    const support = effects(supportSpend, 0.1, 0, 4000, 0.6);
    let human = N * NEED * SCALE; // expected contacts before the first step (no deflection)
    let costPV = 0;
    // the attrition spike triples turnover in months 3, 4 and 5 (toMonth is excluded)
    for (let t = 0; t < 12; t++) {
      const w = wf.step(human, support[t], stress === 'quit' && t >= 3 && t < 6 ? 3 : 1);
      const s = r.series;
      near(s.workload[t], w.workload, `workload ${t}`);
      near(s.isq[t], w.isq, `isq ${t}`);
      near(s.engagement[t], w.engagement, `engagement ${t}`);
      near(s.turnover[t], w.turnover, `turnover ${t}`);
      near(s.headcount[t], w.headcount, `headcount ${t}`);
      near(s.employeeExperience[t], w.experience, `experience ${t}`);
      near(s.serviceQuality[t], w.serviceQuality, `service quality ${t}`);
      near(s.workforceCost[t], w.cost, `cost ${t}`); // no automated contacts
      expect(s.deflection[t]).toBe(0);
      near(s.automationQuality[t], 0.3, `automation quality ${t}`);
      costPV += w.cost * Math.pow(1.1, -(t + 1) / 12);
      human = s.contacts[t];
    }
    near(r.totals.workforceCostPV, costPV, 'workforce cost PV');
    expect(r.series.contacts.some((c) => c > 0)).toBe(true);
  });

  it('automation: deflection and automation quality follow their levers; automated contacts cost 0.75 each', () => {
    const sc = firm({ deflection: 0.2 });
    const job = { scenario: sc, strategy: 'bots', replication: 1 };
    const r = simulateReplication(job);
    const wf = new WorkforceState(compileModel(job).workforce!, 12);
    const support = effects(1000, 0.1, 0, 4000, 0.6);
    const bot = effects(1000, 0, 0, 6000, 0.5);
    const botq = effects(1000, 0.05, 1, 3000, 0.4);
    let human = N * NEED * SCALE * (1 - 0.2);
    let automated = 0;
    for (let t = 0; t < 12; t++) {
      const s = r.series;
      const deflection = 0.2 + 0.8 * bot[t];
      near(s.deflection[t], deflection, `deflection ${t}`);
      near(s.automationQuality[t], 0.3 + 0.7 * botq[t], `automation quality ${t}`);
      const w = wf.step(human, support[t], 1);
      near(s.headcount[t], w.headcount, `headcount ${t}`);
      // the cost beyond wages and hiring is 0.75 per automated contact (real): a whole number of agents' contacts
      const auto = (s.workforceCost[t] - w.cost) / 0.75;
      expect(Math.abs(auto / SCALE - Math.round(auto / SCALE)), `automated contacts ${t}: ${auto}`).toBeLessThan(1e-6);
      expect(auto).toBeGreaterThanOrEqual(0);
      expect(auto).toBeLessThanOrEqual(s.contacts[t] + 1e-6);
      automated += auto;
      human = s.contacts[t] - Math.round(auto / SCALE) * SCALE;
    }
    // about a third of the contacts deflected (0.2 + 0.8·bot effect): automated contacts did occur
    expect(automated).toBeGreaterThan(0);
  });
});
