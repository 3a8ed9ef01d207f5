/**
 * Accounting identities and timing conventions on the full world (worlds.ts: every mechanism on,
 * ~100 customers, 24 monthly steps), each checked against numbers the test computes itself from
 * the documented conventions (docs/model.md §1.4, §8, §11; docs/metrics.md), not against the
 * engine's own output:
 * - conservation: active(t+1) = active(t) − churned(t) + acquired(t), alive = initial + acquired − churned;
 * - every total is the sum of its parts and every family sums to its total;
 * - discount factors are (1 + r)^−(t+1)/spy at the end and ^−t/spy at the start of step t;
 * - net equity within the horizon is Σ margin × (start or end discount by payment timing) −
 *   acquisition at the end − lever spend at the start − offers and treatments with the margin −
 *   workforce at the end, recomputed from the series;
 * - the value beyond each year end equals the value beyond the horizon of a run that ends there.
 * Tolerances: 1e-12 relative to the largest term (sums of a few hundred Float64 terms in another
 * order), or exact where the engine must produce the same number.
 *
 * Every replication is simulated inside its test (not in a hook): per-test coverage then sees
 * which tests reach which mutant (stryker.config.mjs).
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { fullWorld, fullWorldInput, worldJobs, type WorldOptions } from './worlds.ts';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
const close = (a: number, b: number, scale: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(scale)));

const LEVERS = ['fix', 'ease', 'build', 'support', 'bot', 'botq', 'grow', 'care', 'save'];
const SEGMENTS = ['mass', 'loyal'];
const POOLS = ['core', 'next'];
const STAGES = ['onboard', 'use', 'help'];
const PORTFOLIOS = ['vip', 'new', 'rest'];

function run(o: WorldOptions, strategy: string, stress?: string, replication = 0): ReplicationResult {
  return simulateReplication({ scenario: fullWorld(o), strategy, replication, stress, yearEnds: true });
}

function checkConservation(r: ReplicationResult) {
  const s = r.series, T = r.steps;
  expect(s.active[0]).toBe(r.totals.initialCustomers);
  for (let t = 0; t + 1 < T; t++) expect(s.active[t + 1], `step ${t}`).toBe(s.active[t] - s.churned[t] + s.acquired[t]);
  expect(r.totals.alive).toBe(s.active[T - 1] - s.churned[T - 1] + s.acquired[T - 1]);
  expect(r.totals.alive).toBe(r.totals.initialCustomers + r.totals.acquired - r.totals.churned);
  expect(sum(s.acquired)).toBe(r.totals.acquired);
  expect(sum(s.churned)).toBe(r.totals.churned);
  expect(r.totals.aliveCustomerSteps).toBe(sum(s.active) / 2); // agentScale 2: simulated steps, not real
  for (let t = 0; t < T; t++) {
    expect(SEGMENTS.reduce((a, g) => a + s[`active.${g}`][t], 0)).toBe(s.active[t]);
    expect(SEGMENTS.reduce((a, g) => a + s[`acquired.${g}`][t], 0)).toBe(s.acquired[t]);
    expect(STAGES.reduce((a, g) => a + s[`stage.${g}`][t], 0)).toBe(s.active[t]);
    expect(PORTFOLIOS.reduce((a, g) => a + s[`portfolio.${g}`][t], 0)).toBe(s.active[t]);
    expect(s.exits[t]).toBeLessThanOrEqual(s.churned[t]);
    close(sum(Array.from({ length: 10 }, (_, k) => s[`satisfactionBand.${k}`][t])), 1, 1, `bands ${t}`);
    close(POOLS.reduce((a, p) => a + s[`revenue.${p}`][t], 0), s.revenue[t], s.revenue[t], `revenue ${t}`);
    for (const p of POOLS) {
      close(s[`share.${p}`][t], s[`market.${p}`][t] > 0 ? s[`revenue.${p}`][t] / s[`market.${p}`][t] : 0, 1, `share.${p} ${t}`);
      expect(s[`adoption.${p}`][t]).toBeGreaterThanOrEqual(0);
      expect(s[`adoption.${p}`][t]).toBeLessThanOrEqual(1);
    }
    expect(s[`adoption.core`][t]).toBe(s.active[t] - s.churned[t] > 0 ? 1 : 0); // everyone takes part in a current pool
    // lever spend + treatments + offers; offers cost 15 each (levers.save.offer.costPerOffer)
    close(LEVERS.reduce((a, l) => a + s[`cxSpend.${l}`][t], 0) + s['cxSpend.treatment'][t] + s['cxSpend.offers'][t], s.cxSpend[t], s.cxSpend[t], `cxSpend ${t}`);
    close(s['cxSpend.offers'][t], 15 * s.offers[t], s.offers[t] * 15, `offers ${t}`);
  }
  // a CLV for every simulated customer ever present (agents: agentScale 2)
  expect(r.clv.all.count).toBe((r.totals.initialCustomers + r.totals.acquired) / 2);
}

function checkTotals(r: ReplicationResult) {
  const x = r.totals;
  close(x.customerEquity, x.equityExisting + x.equityAcquired, x.customerEquity, 'customer equity');
  close(x.netEquity, x.customerEquity - x.cxSpendPV - x.workforceCostPV, x.customerEquity, 'net equity');
  close(x.netEquity, x.netEquityWithinHorizon + x.netValueBeyondHorizon, x.customerEquity, 'within + beyond');
  expect(x.netValueBeyondHorizon).toBe(x.netValueRunoff + x.netValueClosing);
  expect(r.valueBeyondByYear[r.valueBeyondByYear.length - 1]).toBe(x.netValueBeyondHorizon);
  expect(r.costsBeyondByYear[r.costsBeyondByYear.length - 1]).toBe(x.costsBeyondHorizonPV);
}

/** Net equity within the horizon from the series and the conventions (docs/model.md §1.4). */
function withinFromSeries(r: ReplicationResult, rate: number, spy: number, advance: boolean, stageCostPerStep: Record<string, number>): number {
  const s = r.series;
  let v = 0;
  for (let t = 0; t < r.steps; t++) {
    const dStart = Math.pow(1 + rate, -t / spy), dEnd = Math.pow(1 + rate, -(t + 1) / spy);
    const dMargin = advance ? dStart : dEnd;
    let stageCosts = 0;
    for (const [stage, c] of Object.entries(stageCostPerStep)) stageCosts += s[`stage.${stage}`][t] * c;
    const leverSpend = LEVERS.reduce((a, l) => a + s[`cxSpend.${l}`][t], 0);
    v += (s.margin[t] - stageCosts) * dMargin - s.acquisitionCost[t] * dEnd - leverSpend * dStart - (s['cxSpend.treatment'][t] + s['cxSpend.offers'][t]) * dMargin - s.workforceCost[t] * dEnd;
  }
  return v;
}

describe('the full world: conservation and sums (every strategy, a stress; every valuation)', () => {
  it.each([
    ['none', 'arrears'],
    ['perpetuity', 'advance'],
    ['runoff', 'arrears'],
  ] as const)('beyond %s, %s', (beyond, timing) => {
    for (const job of worldJobs(fullWorld({ beyond, timing }))) {
      const r = simulateReplication(job);
      checkConservation(r);
      checkTotals(r);
      if (beyond === 'none') {
        expect([r.totals.netValueBeyondHorizon, r.totals.costsBeyondHorizonPV, r.approximateValueBeyondAtHorizon]).toEqual([0, 0, 0]);
        expect(Array.from(r.valueBeyondByYear)).toEqual([0, 0]);
      }
      if (beyond !== 'runoff') expect(r.totals.netValueRunoff).toBe(0);
      expect(r.valuation).toEqual({ beyondHorizon: beyond, runoffYears: 1, runoffStepsPerYear: 4, costsBeyondHorizon: 'run-rate', paymentTiming: timing, yearEnds: 'approximate' });
    }
  });
});

describe('the full world: discounting and timing recomputed from the series', () => {
  it('discount factors: (1.12)^−(t+1)/12 at the end of step t, ^−t/12 at its start', () => {
    const r = run({ beyond: 'none' }, 'none');
    for (let t = 0; t < 24; t++) {
      close(r.series.discount[t], Math.pow(1.12, -(t + 1) / 12), 1, `discount ${t}`);
      close(r.series['discount.start'][t], Math.pow(1.12, -t / 12), 1, `discount.start ${t}`);
    }
  });
  it('quarterly steps: (1.12)^−(t+1)/4', () => {
    const r = run({ beyond: 'none', stepsPerYear: 4 }, 'mixed');
    expect(r.steps).toBe(8);
    expect(r.stepsPerYear).toBe(4);
    for (let t = 0; t < 8; t++) close(r.series.discount[t], Math.pow(1.12, -(t + 1) / 4), 1, `discount ${t}`);
    checkConservation(r);
  });
  it.each(['mixed', 'scheduled'])('advance, %s: net equity within the horizon = Σ (margin − stage costs)·δ^t − acquisition·δ^(t+1) − levers·δ^t − offers and treatments·δ^t − workforce·δ^(t+1)', (strategy) => {
    const r = run({ beyond: 'perpetuity', timing: 'advance' }, strategy);
    const v = withinFromSeries(r, 0.12, 12, true, { help: 3 });
    close(r.totals.netEquityWithinHorizon, v, Math.abs(v) + r.totals.cxSpendPV, 'within');
    // acquisition costs at the end of the step
    const acq = Array.from(r.series.acquisitionCost).reduce((a, c, t) => a + c * Math.pow(1.12, -(t + 1) / 12), 0);
    close(r.totals.acquisitionCostPV, acq, acq, 'acquisition PV');
    expect(acq).toBeGreaterThan(0);
  });
  it('arrears (no stage costs): margin, offers and treatments at the end of the step, levers at its start', () => {
    const input = fullWorldInput({ beyond: 'none', timing: 'arrears' }) as { journeys: { life: { stages: { help: { costPerMonth?: number } } } } };
    delete input.journeys.life.stages.help.costPerMonth;
    const sc = Scenario.parse(input);
    for (const strategy of ['mixed', 'scheduled']) {
      const r = simulateReplication({ scenario: sc, strategy, replication: 2, stress: 'storm' });
      const v = withinFromSeries(r, 0.12, 12, false, {});
      close(r.totals.netEquityWithinHorizon, v, Math.abs(v) + r.totals.cxSpendPV, 'within');
      close(r.totals.netEquity, v, Math.abs(v) + r.totals.cxSpendPV, 'none: net = within');
    }
  });
});

describe('the full world: the value beyond a year end is the value beyond the horizon of a run that ends there', () => {
  it.each([
    ['perpetuity', 'arrears', 'approximate'],
    ['perpetuity', 'advance', 'approximate'],
    ['runoff', 'arrears', 'runoff'],
    ['runoff', 'advance', 'runoff'],
  ] as const)('%s, %s, year ends %s', (beyond, timing, yearEnds) => {
    for (const strategy of ['mixed', 'scheduled']) {
      const long = run({ beyond, timing, yearEnds, horizonMonths: 24 }, strategy);
      const short = run({ beyond, timing, yearEnds, horizonMonths: 12 }, strategy);
      // the first year is the same history
      for (const name of ['active', 'churned', 'margin', 'cxSpend', 'workforceCost']) expect(Array.from(long.series[name].slice(0, 12)), name).toEqual(Array.from(short.series[name]));
      if (beyond === 'runoff') {
        close(long.valueBeyondByYear[0], short.totals.netValueBeyondHorizon, short.totals.customerEquity, 'year 1 by its run-off');
        close(long.costsBeyondByYear[0], short.totals.costsBeyondHorizonPV, short.totals.customerEquity, 'costs beyond year 1');
      } else {
        close(long.valueBeyondByYear[0], short.approximateValueBeyondAtHorizon, short.totals.customerEquity, 'year 1 approximation');
        // under perpetuity the approximation at the horizon is the rule itself
        close(short.approximateValueBeyondAtHorizon, short.totals.netValueBeyondHorizon, short.totals.customerEquity, 'approximation = perpetuity');
      }
    }
  });
});
