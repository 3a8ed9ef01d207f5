/**
 * The generated kernel (src/engine/kernel/) against the reference customer step
 * (src/engine/customer-step.ts, written separately and kept as the specification) on tiny
 * worlds: every result, per-customer detail included, must be bit-identical. The worlds between
 * them reach every branch the generator resolves at generation time: one or several pools,
 * segments, stages and portfolios; emerging pools; exits below a threshold and by transition;
 * service contacts or none; retention offers or none; portfolio review rules; arrears and
 * advance; the horizon, the run-off (quarterly, monthly, annual) and year-end run-offs; and the
 * live list visited from the second step on, or never.
 *
 * Also the kernel cache (kernel/cache.ts) as mutation testing needs it: kernels are cached by
 * their generated source text, so a change to the generator (a mutant switched on) yields another
 * text and another kernel, never the kernel compiled before the change.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication, type Job } from '../../src/engine/replication.ts';
import { compiledKernelCount, kernelFor } from '../../src/engine/kernel/cache.ts';
import { generateKernelSource, kernelShape } from '../../src/engine/kernel/generate.ts';
import { compileModel } from '../../src/model/compile.ts';
import { makeStepInput, makeStepOutputs } from '../../src/engine/firm-step.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { neutral } from '../engine/neutral.ts';
import { firstDifference, fullWorld, fullWorldInput, worldJobs, type WorldOptions } from './worlds.ts';

function same(job: Job, what: string, mode: 'generated' | 'generated-scan' = 'generated') {
  const generated = simulateReplication({ ...job, customers: true }, { kernel: mode });
  const generic = simulateReplication({ ...job, customers: true }, { kernel: 'generic' });
  expect(firstDifference(generated, generic), `${what} (${mode})`).toBe('');
  return generic;
}

const VALUATIONS: [string, WorldOptions][] = [
  ['none, arrears', { beyond: 'none', timing: 'arrears' }],
  ['perpetuity, advance', { beyond: 'perpetuity', timing: 'advance' }],
  ['run-off quarterly, arrears, year ends by run-off', { beyond: 'runoff', timing: 'arrears', yearEnds: 'runoff' }],
  ['run-off monthly, advance, costs none', { beyond: 'runoff', timing: 'advance', runoffStepsPerYear: 12, costsBeyond: 'none' }],
  ['run-off annual, advance, year ends by run-off, quarterly horizon', { beyond: 'runoff', timing: 'advance', runoffStepsPerYear: 1, yearEnds: 'runoff', stepsPerYear: 4 }],
];

describe('generated kernel = reference step on the full world', () => {
  it.each(VALUATIONS)('%s: every strategy and a stress', (what, o) => {
    for (const job of worldJobs(fullWorld(o), { yearEnds: true })) same(job, `${what} ${job.strategy} ${job.stress ?? ''}`);
  });
  it('the kernel scanning every slot (no live list)', () => {
    for (const job of worldJobs(fullWorld({ beyond: 'runoff', timing: 'arrears', yearEnds: 'runoff' }), { yearEnds: true })) same(job, `scan ${job.strategy}`, 'generated-scan');
  });
  it.each(['generated', 'generated-scan'] as const)('payment in advance, kernel %s (the live list on every step; scanning every slot)', (mode) => {
    for (const job of worldJobs(fullWorld({ beyond: 'runoff', timing: 'advance' }))) same(job, `${mode} ${job.strategy}`, mode);
  });
});

/** Variants of the full world that take the generator's other branches. */
function variant(edit: (w: Record<string, any>) => void, o: WorldOptions = {}): Scenario {
  const w = fullWorldInput(o) as Record<string, any>;
  edit(w);
  return Scenario.parse(w);
}

describe('generated kernel = reference step on the other structures', () => {
  it('one pool, one segment, one stage, one portfolio, no contacts, no offers (the neutral firm)', () => {
    const sc = neutral({ meta: { horizonMonths: 18, agentScale: 1 }, segments: { s: { initialCustomers: 40, acquisition: { prospectsPerMonth: 4, conversion: 0.5, cost: 3 } } }, valuation: { beyondHorizon: 'runoff', runoffYears: 1 } });
    same({ scenario: sc, strategy: 'none', replication: 0 }, 'neutral');
    same({ scenario: sc, strategy: 'none', replication: 1, yearEnds: true }, 'neutral, advance');
  });
  it('a retention offer as the only lever, one pool and one segment', () => {
    const sc = variant((w) => {
      w.pools = { core: w.pools.core };
      w.segments = { loyal: { ...w.segments.loyal, adoption: {} } };
      w.journeys.life.stages.use.touchpoints.app.pool = 'core';
      w.competitors = { rival: { experience: { core: 0.6 } } };
      w.levers = { save: w.levers.save };
      w.strategies = { none: { baseline: true }, offers: { budget: { perYear: 20000, allocation: { save: 1 } } } };
      w.stresses = {};
    });
    const r = same({ scenario: sc, strategy: 'offers', replication: 0 }, 'offers only');
    expect(r.series.offers.some((x) => x > 0)).toBe(true);
    same({ scenario: sc, strategy: 'none', replication: 0 }, 'offers only, unfunded');
  });
  it('two portfolios with a satisfaction rule; two segments in one stage; no exits', () => {
    const sc = variant((w) => {
      w.journeys = { life: { stages: { use: { touchpoints: { store: w.journeys.life.stages.use.touchpoints.store, desk: w.journeys.life.stages.help.touchpoints.desk } } } } };
      w.portfolios = { happy: { rule: { metric: 'satisfaction', min: 0.6 }, treatment: { churnMultiplier: 0.5, costPerCustomerPerMonth: 1 } }, other: {} };
      w.levers = { care: { kind: 'portfolioTreatment', targets: ['happy'], response: { scale: 5000, max: 0.3 } }, fix: { kind: 'friction', targets: ['store'], response: { scale: 9000 } } };
      w.strategies = { none: { baseline: true }, care: { budget: { perYear: 30000, allocation: { care: 0.5, fix: 0.5 } } } };
      w.stresses = {};
    });
    for (const strategy of ['none', 'care']) {
      const r = same({ scenario: sc, strategy, replication: 3 }, strategy);
      expect(r.series['portfolio.happy'].some((x) => x > 0)).toBe(true);
      expect(r.series['portfolio.other'].some((x) => x > 0)).toBe(true);
    }
  });
  it('an exit transition from the only stage and an exit-below threshold, one portfolio, one pool emerging-only touchpoints', () => {
    const sc = variant((w) => {
      w.journeys = { life: { stages: { use: { next: { use: 0.9, exit: 0.1 }, exitBelow: 0.35, touchpoints: { app: w.journeys.life.stages.use.touchpoints.app, store: w.journeys.life.stages.use.touchpoints.store } } } } };
      w.portfolios = {};
      w.levers = { build: w.levers.build };
      w.strategies = { none: { baseline: true }, build: { budget: { perYear: 40000, allocation: { build: 1 } } } };
      w.stresses = {};
    }, { beyond: 'perpetuity', timing: 'advance' });
    for (const strategy of ['none', 'build']) {
      const r = same({ scenario: sc, strategy, replication: 1 }, strategy);
      expect(r.series.exits.some((x) => x > 0)).toBe(true);
    }
  });
});

describe('kernel cache', () => {
  it('one kernel per generated source text: the same structure reuses it, another structure gets its own', () => {
    const sc = fullWorld({ beyond: 'none' });
    const m = compileModel({ scenario: sc, strategy: 'mixed', replication: 0 });
    const z = makeStepInput(m, makeStepOutputs(m), new Float64Array(m.poolIds.length));
    const before = compiledKernelCount();
    kernelFor(m, z, 'generated');
    const first = compiledKernelCount();
    expect(first - before).toBeLessThanOrEqual(1);
    kernelFor(m, z, 'generated');
    expect(compiledKernelCount()).toBe(first);
    // the scan variant is another text, so another kernel
    const scan = generateKernelSource(kernelShape(m, z, false));
    expect(scan).not.toBe(generateKernelSource(kernelShape(m, z, true)));
    kernelFor(m, z, 'generated-scan');
    kernelFor(m, z, 'generated-scan');
    expect(compiledKernelCount() - first).toBeLessThanOrEqual(1);
    // advance timing changes the text (a leaver pays the step's margin)
    const advance = { ...z, advance: true };
    expect(generateKernelSource(kernelShape(m, advance, true))).not.toBe(generateKernelSource(kernelShape(m, z, true)));
    expect(kernelFor(m, z, 'generic').name).toBe('stepCustomers');
  });
});
