/**
 * fast-check arbitraries for scenarios: `validScenario` builds scenario inputs that are valid
 * by construction (ids that exist, rows summing to 1, one baseline, allocations ≤ 1, ...),
 * with awkward strings and numbers for the round trip through YAML and JSON; `mutated`
 * breaks one in random ways.
 */
import fc from 'fast-check';
import { LEVER_KINDS } from '../../src/scenario/schema.ts';

type Json = Record<string, unknown>;

/** Strings YAML must quote or escape to keep them strings. */
const TRICKY = ['yes', 'no', 'null', '~', 'true', '1e3', '0x10', '.inf', '-.5', ': x', '# c', '- a', '"q"', "'", 'a\nb', ' lead', 'trail ', '@at', '`b`', '%p', '!tag', '&a', '*a', '{a}', '[a]', 'tab\there', 'é ü ß 東京 🙂', '\u0007bell'];
const text = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }), fc.constantFrom(...TRICKY));

/** Ids: letters, digits, - and _; sometimes names of Object.prototype members. */
const id = fc.oneof({ weight: 5, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,7}$/) }, { weight: 1, arbitrary: fc.constantFrom('constructor', 'toString', 'valueOf', 'hasOwnProperty') });
const ids = (min: number, max: number, avoid: string[] = []) =>
  fc.uniqueArray(id.filter((x) => x !== 'exit' && !avoid.includes(x)), { minLength: min, maxLength: max });

/** A double in [lo, hi], never -0 (YAML and JSON both write it as 0). */
const num = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** A number or a distribution whose support stays in [lo, hi]. */
function param(lo: number, hi: number): fc.Arbitrary<unknown> {
  const pair = fc.tuple(num(lo, hi), num(lo, hi)).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
  const beta = fc.tuple(num(0.1, 20), num(0.1, 20), pair).map(([alpha, b, [min, max]]) => (min < max ? { dist: 'beta', alpha, beta: b, min, max } : min));
  return fc.oneof(
    { weight: 4, arbitrary: num(lo, hi) },
    beta,
    pair.map(([a, b]) => ({ dist: 'uniform', min: a, max: b })),
    fc.tuple(pair, fc.double({ min: 0, max: 1, noNaN: true })).map(([[a, b], t]) => ({ dist: 'triangular', min: a, mode: Math.min(b, Math.max(a, a + t * (b - a))), max: b })),
    // a truncated normal needs min < max
    fc.tuple(pair, num(0, 10)).map(([[a, b], sd]) => (a < b ? { dist: 'normal', mean: (a + b) / 2, sd, min: a, max: b } : a)),
    fc.array(num(lo, hi), { minLength: 1, maxLength: 4 }).map((values) => ({ dist: 'empirical', values })),
  );
}
const prob = () => param(0, 1);

/** Non-negative integer weights normalised to sum to 1 (within rounding). */
function shares(n: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: 9 }), { minLength: n, maxLength: n }).map((w) => {
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  });
}

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Removes undefined fields, so the input is what a file would hold. */
function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clean) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, clean(x)])) as T;
  return v;
}

const months = fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 4 }).map((m) => [...m].sort((a, b) => a - b));
const timePoints = (lo: number, hi: number) => months.chain((ms) => fc.tuple(...ms.map((m) => num(lo, hi).map((v) => [m, v]))));

export const validScenario: fc.Arbitrary<Json> = fc
  .record({
    poolIds: ids(1, 3),
    journeyIds: ids(1, 2),
    segmentIds: ids(1, 3),
    portfolioIds: ids(0, 2),
    touchpointIds: ids(0, 4),
    leverIds: ids(0, 4),
    strategyIds: ids(1, 3),
  })
  .chain((k) =>
    fc.record({
      meta: fc.record({
        name: text,
        description: maybe(text),
        currency: maybe(pick(['EUR', 'USD', 'kr'])),
        horizonMonths: maybe(fc.integer({ min: 1, max: 120 })),
        stepsPerYear: maybe(pick([12, 52, 4, 1])),
        discountRate: maybe(num(0, 1)),
        seed: maybe(fc.integer({ min: 0, max: 2 ** 31 })),
        replications: maybe(fc.integer({ min: 1, max: 50 })),
        agentScale: maybe(num(1, 100)),
      }),
      pools: fc.tuple(...k.poolIds.map(() => poolArb())).map((ps) => Object.fromEntries(k.poolIds.map((p, i) => [p, ps[i]]))),
      journeys: journeysArb(k.journeyIds, k.touchpointIds, k.poolIds),
      portfolios: fc.tuple(...k.portfolioIds.map(() => portfolioArb())).map((ps) => Object.fromEntries(k.portfolioIds.map((p, i) => [p, ps[i]]))),
      competitors: maybe(fc.dictionary(id, fc.dictionary(pick(k.poolIds), fc.oneof(prob(), timePoints(0, 1).map((points) => ({ points }))), { maxKeys: 2 }).map((experience) => ({ experience })), { maxKeys: 2 })),
      stresses: maybe(fc.dictionary(id, stressArb(k.poolIds), { maxKeys: 2 })),
      workforce: maybe(fc.record({ headcount: fc.integer({ min: 0, max: 500 }), wagePerMonth: maybe(param(0, 10000)), staffing: maybe(fc.record({ policy: pick(['fixed', 'demand']) })) })),
      behaviour: maybe(fc.record({ satisfactionMemory: maybe(num(0, 1)) })),
      // within-horizon valuation: random growth and discount rates would often make a perpetuity diverge (refused by validation,
      // tests/engine/review-fixes.test.ts); the rules beyond the horizon are tested in tests/engine/valuation.test.ts
      valuation: fc.record({
        beyondHorizon: fc.constant('none'),
        runoffYears: maybe(fc.integer({ min: 1, max: 30 })),
        runoffStepsPerYear: maybe(pick([1, 4, 12])),
        costsBeyondHorizon: maybe(pick(['run-rate', 'none'])),
        paymentTiming: maybe(pick(['arrears', 'advance'])),
      }),
      seed: fc.constant(k),
    }),
  )
  .chain((s) => {
    const k = s.seed;
    const pools = s.pools as Record<string, Json>;
    const emerging = k.poolIds.filter((p) => pools[p].kind === 'emerging');
    const touchpoints = Object.values(s.journeys as Record<string, Json>).flatMap((j) =>
      Object.values(j.stages as Record<string, Json>).flatMap((st) => Object.entries((st.touchpoints ?? {}) as Record<string, Json>)),
    );
    const controllable = touchpoints.filter(([, t]) => t.controllable !== false).map(([tid]) => tid);
    const external = touchpoints.filter(([, t]) => t.controllable === false).map(([tid]) => tid);
    const kinds = LEVER_KINDS.filter(
      (kind) => !((kind === 'friction' && controllable.length === 0) || (kind === 'mitigation' && external.length === 0) || (kind === 'portfolioTreatment' && k.portfolioIds.length === 0)),
    );
    const targetsFor = (kind: string): fc.Arbitrary<string[]> => {
      const from = kind === 'friction' ? controllable : kind === 'mitigation' ? external : kind === 'readiness' ? k.poolIds : kind === 'acquisition' ? k.segmentIds : kind === 'portfolioTreatment' ? k.portfolioIds : [];
      const atLeast = kind === 'friction' || kind === 'mitigation' || kind === 'readiness' ? 1 : 0;
      return from.length === 0 ? fc.constant([]) : fc.uniqueArray(pick(from), { minLength: atLeast, maxLength: from.length });
    };
    const lever = pick(kinds).chain((kind) =>
      fc.record({ kind: fc.constant(kind), targets: targetsFor(kind), response: fc.record({ scale: num(1, 1e7), curve: maybe(pick(['exponential', 'hill'])) }), decayPerMonth: maybe(prob()) }),
    );
    return fc.record({
      $schema: maybe(fc.constant('../docs/scenario.schema.json')),
      meta: fc.constant(s.meta),
      behaviour: fc.constant(s.behaviour),
      valuation: fc.constant(s.valuation),
      pools: fc.constant(s.pools),
      journeys: fc.constant(s.journeys),
      portfolios: fc.constant(s.portfolios),
      competitors: fc.constant(s.competitors),
      stresses: fc.constant(s.stresses),
      workforce: fc.constant(s.workforce),
      segments: fc.tuple(...k.segmentIds.map(() => segmentArb(k.poolIds, emerging, k.journeyIds))).map((xs) => Object.fromEntries(k.segmentIds.map((g, i) => [g, xs[i]]))),
      levers: fc.tuple(...k.leverIds.map(() => lever)).map((xs) => Object.fromEntries(k.leverIds.map((l, i) => [l, xs[i]]))),
      strategies: strategiesArb(k.strategyIds, k.leverIds, k.poolIds),
    });
  })
  .map(clean);

function poolArb(): fc.Arbitrary<Json> {
  return fc.record({
    name: maybe(text),
    kind: maybe(pick(['current', 'emerging'])),
    marginRate: prob(),
    costToServe: maybe(param(0, 100)),
    readiness: maybe(prob()),
    initialAdoption: maybe(prob()),
    wallet: maybe(
      fc.record({
        trajectory: fc.oneof(
          fc.constant({ type: 'constant' }),
          fc.record({ type: fc.constant('cagr'), rate: param(-0.9, 1) }),
          fc.record({ type: fc.constant('logistic'), from: param(0, 2), to: param(0, 5), midpointMonth: param(0, 120), steepness: param(0.01, 5) }),
          fc.record({ type: fc.constant('points'), points: timePoints(0, 3) }),
        ),
        shocks: maybe(fc.array(fc.record({ month: fc.integer({ min: 0, max: 120 }), factor: param(0.01, 2), durationMonths: maybe(fc.integer({ min: 0, max: 24 })) }), { maxLength: 2 })),
      }),
    ),
  });
}

function segmentArb(poolIds: string[], emerging: string[], journeyIds: string[]): fc.Arbitrary<Json> {
  return fc.record({
    name: maybe(text),
    initialCustomers: fc.integer({ min: 0, max: 100000 }),
    journey: maybe(pick(journeyIds)),
    churn: fc.oneof(fc.record({ annualRate: prob() }), fc.record({ alpha: param(0.01, 10), beta: param(0.01, 10) })),
    wallet: maybe(fc.dictionary(pick(poolIds), fc.record({ mean: param(0, 500), cv: maybe(param(0, 2)) }), { maxKeys: poolIds.length })),
    adoption: emerging.length ? maybe(fc.dictionary(pick(emerging), param(0, 3), { maxKeys: emerging.length })) : fc.constant(undefined),
    acquisition: maybe(fc.record({ prospectsPerMonth: maybe(param(0, 10000)), conversion: maybe(prob()), cost: maybe(param(0, 100)) })),
    initialSatisfaction: maybe(param(0, 1)),
  });
}

function portfolioArb(): fc.Arbitrary<Json> {
  return fc.record({
    rule: maybe(
      fc.tuple(pick(['monthlyMargin', 'tenureMonths', 'satisfaction']), num(0, 10), num(10.5, 100)).map(([metric, min, max]) => ({ metric, min, max })),
    ),
    treatment: maybe(fc.record({ experienceBoost: maybe(param(-0.2, 0.2)), churnMultiplier: maybe(param(0, 2)) })),
  });
}

function journeysArb(journeyIds: string[], touchpointIds: string[], poolIds: string[]): fc.Arbitrary<Json> {
  // touchpoints are dealt to journeys (and stages) so their ids stay unique across journeys
  return fc.tuple(...journeyIds.map(() => ids(1, 3)), fc.array(fc.nat(), { minLength: touchpointIds.length, maxLength: touchpointIds.length })).chain((parts) => {
    const stageLists = parts.slice(0, journeyIds.length) as string[][];
    const deal = parts[journeyIds.length] as number[];
    const journeys = journeyIds.map((_jid, j) => {
      const stages = stageLists[j];
      const tps = touchpointIds.filter((_, i) => deal[i] % journeyIds.length === j);
      const stageArbs = stages.map((_sid, si) =>
        fc.record({
          next: maybe(
            fc.uniqueArray(pick([...stages, 'exit']), { minLength: 1, maxLength: stages.length + 1 }).chain((targets) => shares(targets.length).map((w) => Object.fromEntries(targets.map((t, i) => [t, w[i]])))),
          ),
          exitBelow: maybe(num(-1, 1)),
          touchpoints: fc.tuple(...tps.filter((_, i) => i % stages.length === si).map((tid) => touchpointArb(poolIds).map((t) => [tid, t] as const))).map((e) => Object.fromEntries(e)),
        }),
      );
      return fc.record({
        name: maybe(text),
        stages: fc.tuple(...stageArbs).map((xs) => Object.fromEntries(stages.map((s, i) => [s, xs[i]]))),
        initialStage: maybe(pick(stages)),
      });
    });
    return fc.tuple(...journeys).map((js) => Object.fromEntries(journeyIds.map((j, i) => [j, js[i]])));
  });
}

function touchpointArb(poolIds: string[]): fc.Arbitrary<Json> {
  return fc.tuple(num(0, 1), num(0, 1)).chain(([a, b]) =>
    fc.record({
      visitProbability: prob(),
      friction: fc.constant(Math.max(a, b)),
      floor: maybe(fc.constant(Math.min(a, b))),
      costPerVisit: maybe(param(0, 10)),
      pool: maybe(pick(poolIds)),
      served: maybe(pick(['human', 'automated'])),
      controllable: maybe(fc.boolean()),
      baseQuality: maybe(param(0, 1)),
    }),
  );
}

function stressArb(poolIds: string[]): fc.Arbitrary<Json> {
  const from = fc.integer({ min: 0, max: 60 });
  const shock = fc.oneof(
    fc.tuple(from, fc.integer({ min: 1, max: 24 }), prob()).map(([f, d, cut]) => ({ kind: 'budgetCut', fromMonth: f, toMonth: f + d, cut })),
    fc.record({ kind: fc.constant('poolCollapse'), pool: pick(poolIds), month: from, factor: param(0, 1) }),
    fc.record({ kind: fc.constant('competitorLeap'), pool: pick(poolIds), month: from, increase: param(0, 0.5) }),
    fc.tuple(from, param(0, 1)).map(([f, walletFactor]) => ({ kind: 'recession', fromMonth: f, walletFactor })),
    fc.tuple(from, fc.integer({ min: 1, max: 24 }), param(0, 5), pick(['customers', 'employees'])).map(([f, d, multiplier, target]) => ({ kind: 'attritionSpike', target, fromMonth: f, toMonth: f + d, multiplier })),
  );
  return fc.record({ description: maybe(text), shocks: fc.array(shock, { minLength: 1, maxLength: 3 }) });
}

function strategiesArb(strategyIds: string[], leverIds: string[], poolIds: string[]): fc.Arbitrary<Json> {
  const indicator = fc.oneof(
    pick(['satisfaction', 'promoters', 'churnRate', 'activeCustomers', 'engagement', 'serviceQuality', 'workload', 'month']),
    fc.tuple(pick(['adoption', 'share', 'walletIndex']), pick(poolIds)).map(([h, p]) => `${h}.${p}`),
  );
  const rule =
    leverIds.length >= 2
      ? fc.tuple(fc.uniqueArray(pick(leverIds), { minLength: 2, maxLength: 2 }), indicator, num(-1, 1), prob(), maybe(fc.boolean())).map(([[a, b], ind, threshold, share, once]) => ({
          when: { indicator: ind, above: threshold },
          move: { share, from: a, to: b },
          once,
        }))
      : undefined;
  const strategy = (baseline: boolean) =>
    fc.record({
      name: maybe(text),
      baseline: baseline ? fc.constant(true) : maybe(fc.constant(false)),
      budget: maybe(
        fc.record({
          perYear: fc.oneof(param(0, 1e7), fc.array(num(0, 1e7), { minLength: 1, maxLength: 3 })),
          allocation: leverIds.length
            ? fc.tuple(fc.uniqueArray(pick(leverIds), { minLength: 1, maxLength: leverIds.length }), num(0, 1)).chain(([ls, total]) => shares(ls.length).map((w) => Object.fromEntries(ls.map((l, i) => [l, w[i] * total]))))
            : fc.constant({}),
        }),
      ),
      schedules: leverIds.length ? maybe(fc.dictionary(pick(leverIds), timePoints(0, 1e6), { maxKeys: 2 })) : fc.constant(undefined),
      rules: rule ? maybe(fc.array(rule, { maxLength: 2 })) : fc.constant(undefined),
      overrides: maybe(fc.record({ meta: fc.record({ horizonMonths: fc.integer({ min: 1, max: 120 }) }) })),
    }).map((st) => {
      // a scheduled lever is funded by its schedule alone: no allocation share, no rule moving budget from or to it
      if (!st.schedules) return st;
      const funded = new Set([...Object.keys(st.budget?.allocation ?? {}), ...(st.rules ?? []).flatMap((r) => [r.move.from, r.move.to])]);
      const schedules = Object.fromEntries(Object.entries(st.schedules).filter(([lever]) => !funded.has(lever)));
      return { ...st, schedules };
    });
  return fc.nat({ max: strategyIds.length - 1 }).chain((b) => fc.tuple(...strategyIds.map((_, i) => strategy(i === b))).map((xs) => Object.fromEntries(strategyIds.map((s, i) => [s, xs[i]]))));
}

// ---------------------------------------------------------------------------------------
// mutations

type Path = (string | number)[];

function paths(v: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(v)) return [prefix, ...v.flatMap((x, i) => paths(x, [...prefix, i]))];
  if (v && typeof v === 'object') return [prefix, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...prefix, k]))];
  return [prefix];
}

function setAt(root: unknown, path: Path, f: (parent: any, key: string | number) => void): unknown {
  const copy = structuredClone(root);
  if (path.length === 0) return copy;
  let node: any = copy;
  for (const seg of path.slice(0, -1)) node = node[seg];
  f(node, path[path.length - 1]);
  return copy;
}

const junkValue = fc.oneof(text, fc.boolean(), fc.constant(null), fc.integer(), fc.double(), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(text, fc.integer(), { maxKeys: 2 }));
const outOfRange = fc.constantFrom(-1, -1e9, 1.5, 1e12, 0.5, 0, Number.NaN, Infinity, -Infinity, 2 ** 53 + 2);

type Mutation = (s: unknown) => fc.Arbitrary<unknown>;

const mutations: Mutation[] = [
  // delete a key or a list item
  (s) => pick(paths(s).filter((p) => p.length > 0)).map((p) => setAt(s, p, (parent, key) => (Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]))),
  // change a value's type
  (s) => fc.tuple(pick(paths(s).filter((p) => p.length > 0)), junkValue).map(([p, v]) => setAt(s, p, (parent, key) => (parent[key] = v))),
  // insert a junk key into a map
  (s) => {
    const maps = paths(s).filter((p) => p.length > 0 && (() => { let n: any = s; for (const seg of p) n = n[seg]; return n && typeof n === 'object' && !Array.isArray(n); })());
    return maps.length === 0 ? fc.constant(s) : fc.tuple(pick(maps), text, junkValue).map(([p, k, v]) => setAt(s, [...p, k], (parent, key) => (parent[key] = v)));
  },
  // a number out of its range
  (s) => {
    const numbers = paths(s).filter((p) => { let n: any = s; for (const seg of p) n = n[seg]; return typeof n === 'number'; });
    return numbers.length === 0 ? fc.constant(s) : fc.tuple(pick(numbers), outOfRange).map(([p, v]) => setAt(s, p, (parent, key) => (parent[key] = v)));
  },
];

/** A valid scenario with one to three random mutations. */
export const mutatedScenario: fc.Arbitrary<unknown> = fc
  .tuple(validScenario, fc.array(fc.nat({ max: mutations.length - 1 }), { minLength: 1, maxLength: 3 }))
  .chain(([s, ms]) => ms.reduce<fc.Arbitrary<unknown>>((acc, m) => acc.chain((x) => mutations[m](x)), fc.constant(s)));
