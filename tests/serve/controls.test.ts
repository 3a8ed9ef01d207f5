/**
 * The page's controls, state and run plan, without a browser: sliders generated from the
 * schema with its bounds and descriptions, edits that always give a scenario the loader of
 * `cxsim validate` accepts, allocation shares that never exceed 1, a URL state that round
 * trips, and a run-size bound with a message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadCatalog } from '../../src/serve/catalog.ts';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.ts';
import { controlsFor, rebalance, shiftDistribution } from '../../src/web/controls.ts';
import { editedText, validateEdited } from '../../src/web/edit.ts';
import { decodeState, encodeState, type PageState } from '../../src/web/state.ts';
import { pageAgentScale, planRun, PAGE_BUDGET, REPLICATION_BUDGET } from '../../src/web/run-plan.ts';
import { expectedValue } from '../../src/scenario/memory.ts';
import type { Distribution } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/engine/simulate.ts';

const schema = scenarioJsonSchema();
const catalog = loadCatalog([], { bundled: true });
const workshop = catalog.find((e) => e.id === 'workshop-101')!;
const AB: [string, string] = ['fix-the-counter', 'build-online'];

describe('controls generated from the scenario and the schema', () => {
  const specs = controlsFor(workshop.scenario, schema, AB);
  const byId = (id: string) => specs.find((s) => s.id === id)!;

  it('has budget and allocation sliders for both strategies and the key assumptions', () => {
    for (const s of AB) {
      expect(byId(`strategies.${s}.budget.perYear`)).toBeDefined();
      for (const lever of Object.keys(workshop.scenario.levers)) expect(byId(`strategies.${s}.budget.allocation.${lever}`)).toBeDefined();
    }
    for (const id of ['pools.online.bass.p', 'pools.online.bass.q', 'pools.counter.wallet.trajectory.rate', 'competitors.chain-bakery.experience.online', 'segments.regulars.churn#mean', 'behaviour.churnSatisfactionSensitivity']) {
      expect(byId(id), id).toBeDefined();
    }
  });

  it('takes limits and help from the schema, and starts at the file’s values', () => {
    const share = byId('strategies.build-online.budget.allocation.online-readiness');
    expect([share.min, share.max, share.initial]).toEqual([0, 1, 0.7]);
    expect(byId('pools.online.bass.p').min).toBe(0); // nonneg in the schema
    expect(byId('pools.online.bass.q').help).toMatch(/Bass imitation coefficient/);
    expect(byId('segments.regulars.churn#mean').initial).toBeCloseTo(0.2, 12);
    for (const s of specs) {
      expect(s.min, s.id).toBeLessThanOrEqual(s.initial);
      expect(s.max, s.id).toBeGreaterThanOrEqual(s.initial);
      expect(s.help.length, s.id).toBeGreaterThan(10);
    }
  });

  it('every bundled scenario gets controls, and uncertain parameters move as a whole distribution', () => {
    for (const e of catalog) {
      const ids = Object.keys(e.scenario.strategies);
      const specsE = controlsFor(e.scenario, schema, [ids[0], ids[1] ?? ids[0]]);
      expect(specsE.filter((s) => s.id.endsWith('budget.perYear')).length, e.id).toBeGreaterThan(0);
    }
    const photo = catalog.find((e) => e.id === 'photo-memories')!;
    const ids = Object.keys(photo.scenario.strategies);
    const shift = controlsFor(photo.scenario, schema, [ids[0], ids[1]]).filter((s) => s.kind === 'shift');
    expect(shift.length).toBeGreaterThan(0);
  });

  it('any slider setting gives a scenario that `cxsim validate` accepts, with the values written in', () => {
    const arb = fc.record(Object.fromEntries(specs.map((s) => [s.id, fc.integer({ min: 0, max: 100 }).map((k) => s.min + ((s.max - s.min) * k) / 100)])));
    fc.assert(
      fc.property(arb, (raw) => {
        let values: Record<string, number> = {};
        for (const [id, v] of Object.entries(raw)) values = rebalance(specs, values, id, v);
        const text = editedText(workshop, specs, { values, seed: 7, replications: 4 });
        const r = validateEdited(text, 'edited.yaml');
        if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
        expect(r.scenario.meta.seed).toBe(7);
        expect(r.scenario.strategies['build-online'].budget.perYear).toBeCloseTo(values['strategies.build-online.budget.perYear'], 9);
        for (const s of AB) {
          const total = Object.values(r.scenario.strategies[s].budget.allocation).reduce<number>((a, b) => a + (b as number), 0);
          expect(total).toBeLessThanOrEqual(1 + 1e-9);
        }
      }),
      { numRuns: 40, seed: 14 },
    );
  });

  it('notes a stress applied in the page in the header (a stress is not part of the file)', () => {
    const text = editedText(workshop, specs, { values: {}, seed: 101, replications: 10, stress: 'recession' });
    expect(text).toMatch(/^# The page applied the stress "recession" to both strategies; `cxsim stress FILE --stresses recession` runs it\.$/m);
    expect(editedText(workshop, specs, { values: {}, seed: 101, replications: 10 })).not.toMatch(/stress/);
  });

  it('an unchanged page writes the file’s numbers back', () => {
    const r = validateEdited(editedText(workshop, specs, { values: {}, seed: 101, replications: 10 }), 'same.yaml');
    expect(r.ok && r.scenario).toEqual(workshop.scenario);
  });

  it('a competitor leap is written as the level over time and takes our share of that pool', () => {
    const values = { 'competitors.chain-bakery.experience.online#leap': 0.3, 'competitors.chain-bakery#leapMonth': 6 };
    const r = validateEdited(editedText(workshop, specs, { values, seed: 101, replications: 4 }), 'leap.yaml');
    if (!r.ok) throw new Error('leap scenario does not load');
    expect(r.scenario.competitors['chain-bakery'].experience.online).toEqual({ points: [[0, 0.65], [5, 0.65], [6, 0.95]] });
    expect(r.scenario.competitors['chain-bakery'].experience.counter).toBe(0.55);
    // common random numbers: the same customers, only the competitor differs
    const share = (sc: typeof r.scenario) => simulate(sc, 'build-online', { replications: 4 }).map((x) => x.series['share.online'][x.steps - 1]);
    const base = validateEdited(editedText(workshop, specs, { values: {}, seed: 101, replications: 4 }), 'base.yaml');
    if (!base.ok) throw new Error('base does not load');
    const withLeap = share(r.scenario);
    share(base.scenario).forEach((x, k) => expect(withLeap[k]).toBeLessThan(x));
  });

  it('shifting a distribution moves its mean by the shift and keeps its spread', () => {
    const ds: Distribution[] = [
      { dist: 'triangular', min: -0.3, mode: -0.2, max: -0.1 },
      { dist: 'uniform', min: 0.2, max: 0.4 },
      { dist: 'normal', mean: 1, sd: 0.2, min: 0, max: 2 },
    ];
    for (const d of ds) {
      const s = shiftDistribution(d, 0.05);
      expect(expectedValue(s) - expectedValue(d)).toBeCloseTo(0.05, 12);
    }
  });
});

describe('allocation rebalancing', () => {
  const specs = controlsFor(workshop.scenario, schema, AB);
  const alloc = specs.filter((s) => s.allocationOf === 'build-online');
  it('never lets a strategy’s shares sum above 1, and keeps the moved slider where it was put', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: alloc.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 12 }), (moves) => {
        let values: Record<string, number> = {};
        for (const [k, v] of moves) {
          values = rebalance(specs, values, alloc[k].id, v);
          expect(values[alloc[k].id]).toBe(v);
          const total = alloc.reduce((a, s) => a + (values[s.id] ?? s.initial), 0);
          expect(total).toBeLessThanOrEqual(1 + 1e-9);
        }
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe('state in the URL', () => {
  it('round-trips', () => {
    const key = fc.constantFrom('strategies.a.budget.perYear', 'pools.online.bass.q', 'segments.x.churn#mean');
    fc.assert(
      fc.property(
        fc.record({
          scenario: fc.constantFrom('workshop-101', 'photo-memories'),
          a: fc.string({ minLength: 1, maxLength: 8 }),
          b: fc.string({ minLength: 1, maxLength: 8 }),
          seed: fc.nat(),
          replications: fc.integer({ min: 2, max: 200 }),
          stress: fc.constantFrom('none', 'recession'),
          presenter: fc.boolean(),
          values: fc.dictionary(key, fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true })),
        }),
        (s: PageState) => {
          const { state, problems } = decodeState(`#${encodeState(s)}`);
          expect(problems).toEqual([]);
          expect({ presenter: false, stress: 'none', ...state, values: Object.fromEntries(Object.entries(state.values).map(([k, v]) => [k, Object.is(v, -0) ? 0 : v])) }).toEqual({
            ...s,
            values: Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, Object.is(v, -0) ? 0 : v])),
          });
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });
  it('reports what it cannot read instead of using it', () => {
    const { state, problems } = decodeState('#seed=abc&v.x=1e999&evil=1');
    expect(state.seed).toBeUndefined();
    expect(state.values).toEqual({});
    expect(problems).toHaveLength(3);
    expect(decodeState(`#${'x'.repeat(9000)}`).problems[0]).toMatch(/too long/);
  });
});

describe('run size', () => {
  it('workshop-101 runs at its own agent scale; bench-1m is scaled down so its full run fits', () => {
    expect(pageAgentScale(workshop.scenario)).toBe(workshop.scenario.meta.agentScale);
    const bench = catalog.find((e) => e.id === 'bench-1m')!;
    const scale = pageAgentScale(bench.scenario);
    expect(scale).toBeGreaterThan(bench.scenario.meta.agentScale);
    const plan = planRun(bench.scenario, bench.scenario.meta.replications, scale);
    expect(plan.refused).toBeUndefined();
    expect(plan.customerSteps).toBeLessThanOrEqual(PAGE_BUDGET);
    expect(plan.customerSteps / plan.replications).toBeLessThanOrEqual(REPLICATION_BUDGET);
  });
  it('refuses too many replications with a message that says what to do', () => {
    const plan = planRun(workshop.scenario, 200, 1, 1e6);
    expect(plan.refused).toMatch(/too large for the page.*at most \d+ replications.*cxsim compare/s);
    expect(planRun(workshop.scenario, 1).refused).toMatch(/from 2 to 200/);
  });
});
