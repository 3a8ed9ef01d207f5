/**
 * Issue 10, item 1: the examples that were accepted but not runnable are now rejected by the
 * validator, each with file:line:column, the parameter's path and what is expected; the
 * population has a hard limit that stops a run with a typed error; and the engine's hazard
 * stays finite when a churn factor overflows its Float32 beside a zero factor.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { formatProblem } from '../../src/scenario/errors.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { simulateReplication } from '../../src/engine/replication.ts';
import { POPULATION_LIMIT, PopulationLimitError } from '../../src/engine/population-limit.ts';
import { drawRange, Z_MAX } from '../../src/scenario/draw-range.ts';
import { gammaMax, stepDiscountRate, walletMax } from '../../src/scenario/bounds.ts';
import { gamma } from '../../src/random/sampling.ts';
import { firstNonFinite } from '../support/finite-property.ts';

const file = fileURLToPath(new URL('../../scenarios/workshop-101.yaml', import.meta.url));
const text = readFileSync(file, 'utf8');
const machine = { memory: { totalBytes: 16 * 2 ** 30, threads: 2 } };

/** workshop-101.yaml with values set at paths, validated as the CLI does. */
function variant(edits: [(string | number)[], unknown][]) {
  const doc = parseDocument(text);
  for (const [path, value] of edits) doc.setIn(path, value);
  const out = doc.toString();
  return { text: out, result: parseScenarioText(out, 'workshop-101.yaml', machine) };
}

function problems(edits: [(string | number)[], unknown][]): string[] {
  const { result } = variant(edits);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('the issue 10 examples are rejected by name, placed in the file', () => {
  test('the bundled scenario itself is accepted', () => {
    expect(variant([]).result.ok).toBe(true);
  });

  const cases: [string, [(string | number)[], unknown][], RegExp][] = [
    // workshop-101's churn is Beta(1, 4): α ≤ 1 keeps some customers for ever, so without discounting its run-off's closing value diverges (the valuation checks)
    ['discountRate 0 (a perpetuity without discounting)', [[['meta', 'discountRate'], 0]], /^workshop-101\.yaml:\d+:\d+ {2}meta\.discountRate {2}expected a discount rate at which the value beyond the horizon .* is finite, found 0%/],
    ['discountRate 1e-17 (its per-step rate rounds to 0)', [[['meta', 'discountRate'], 1e-17]], /meta\.discountRate {2}expected a discount rate at which the value beyond the horizon .* is finite/],
    ['Hill shape 100', [[['levers', 'counter-upgrade', 'response', 'curve'], 'hill'], [['levers', 'counter-upgrade', 'response', 'shape'], 100]], /levers\.counter-upgrade\.response\.shape {2}expected a Hill shape n with capital\^n and scale\^n finite and positive .*found 100$/],
    ['wallet cv 1e-300', [[['segments', 'regulars', 'wallet', 'counter', 'cv'], 1e-300]], /segments\.regulars\.wallet\.counter\.cv {2}expected a wallet cv of 0 or in \[1e-154, 1e154\]/],
    ['wallet cv 1e200', [[['segments', 'regulars', 'wallet', 'counter', 'cv'], 1e200]], /segments\.regulars\.wallet\.counter\.cv {2}expected a wallet cv of 0 or in \[1e-154, 1e154\]/],
    ['churn α log-normal with sd 1e200', [[['segments', 'regulars', 'churn', 'alpha'], { dist: 'lognormal', mean: 1, sd: 1e200 }]], /segments\.regulars\.churn\.alpha {2}expected a lognormal distribution whose draws are finite numbers/],
    ['costToServe 1e300', [[['pools', 'counter', 'costToServe'], 1e300]], /pools\.counter\.costToServe {2}expected the value of one customer to stay below 1\.7e\+38 \(a Float32\)/],
    ['referralRate 1e6', [[['segments', 'regulars', 'referralRate'], 1e6]], /segments\.regulars\.referralRate {2}expected at most 33,554,432 simulated customers in a replication, found up to .*referrals can multiply a segment/],
    ['productivity 5e-324', [[['workforce'], { headcount: 10, productivity: 5e-324 }]], /workforce\.productivity {2}expected contacts per step .* ÷ the capacity of one new hire/],
    ['a headcount of 1e-300', [[['workforce'], { headcount: 1e-300 }]], /workforce\.headcount {2}expected a headcount of 0 or one whose capacity keeps the workload finite/],
    ['captureSensitivity 1000', [[['behaviour', 'captureSensitivity'], 1000]], /behaviour\.captureSensitivity {2}expected a capture sensitivity below 710/],
    ['a triangular wallet trajectory whose draws overflow', [[['pools', 'counter', 'wallet', 'trajectory'], { type: 'logistic', from: { dist: 'triangular', min: 0, mode: 1e-200, max: 1e200 }, to: 1, midpointMonth: 10, steepness: 1 }]], /pools\.counter\.wallet\.trajectory\.from {2}expected a triangular distribution whose draws are finite numbers/],
    ['a wallet index of 1.7e308 (finite, but its series is averaged across replications)', [[['pools', 'counter', 'wallet', 'trajectory'], { type: 'points', points: [[0, 1], [10, 1.7e308]] }]], /pools\.counter\.wallet {2}expected a wallet index below 1e\+150 over the horizon/],
    ['a strategy overriding the horizon', [[['strategies', 'build-online', 'overrides'], { meta: { horizonMonths: 24 } }]], /strategies\.build-online\.overrides\.meta\.horizonMonths {2}expected no override of meta\.horizonMonths/],
  ];
  test.each(cases)('%s', (_name, edits, pattern) => {
    const found = problems(edits);
    expect(found.some((p) => pattern.test(p)), found.join('\n')).toBe(true);
  });
});

describe('the bounds follow the samplers', () => {
  test('Z_MAX is the normal quantile of the smallest uniform, about 8.21', () => {
    expect(Z_MAX).toBeGreaterThan(8.2);
    expect(Z_MAX).toBeLessThan(8.4);
  });

  test('gammaMax bounds the Marsaglia–Tsang draw at the most extreme uniforms', () => {
    for (const shape of [0.01, 0.5, 1, 4, 1e6]) {
      // the largest draw: the largest normal and an acceptance uniform near 0
      const extremes = [1 - 2 ** -53, 2 ** -53, 1 - 2 ** -53];
      let k = 0;
      const u = () => extremes[k++ % extremes.length];
      expect(gamma(shape, u)).toBeLessThanOrEqual(gammaMax(shape) * (1 + 1e-12));
    }
  });

  test('walletMax is NaN exactly where the Gamma parameters are not finite numbers', () => {
    expect(walletMax(40, 0.5, 0.5)).toBeGreaterThan(40);
    expect(walletMax(40, 0, 0)).toBe(40);
    expect(walletMax(40, 1e-300, 1e-300)).toBeNaN();
    expect(walletMax(40, 1e200, 1e200)).toBeNaN();
  });

  test('drawRange sees overflow the support hides', () => {
    expect(Number.isFinite(drawRange({ dist: 'lognormal', mean: 1, sd: 1e200 })[1])).toBe(false);
    expect(drawRange({ dist: 'uniform', min: -1e308, max: 1e308 })[1]).toBe(Infinity);
    expect(drawRange({ dist: 'empirical', values: Array.from({ length: 300_000 }, (_, i) => i) })).toEqual([0, 299_999]);
    expect(stepDiscountRate(1e-17, 12)).toBe(0);
    expect(stepDiscountRate(0.1, 12)).toBeGreaterThan(0);
  });
});

describe('the engine stays finite and bounded', () => {
  test('a population that passes the hard limit stops with a PopulationLimitError naming the limit', () => {
    // referrals at 1e6 per promoter per month, checked by nothing (no validation): the engine itself stops
    const doc = parseDocument(text);
    doc.setIn(['segments', 'regulars', 'referralRate'], 1e6);
    doc.setIn(['segments', 'regulars', 'initialSatisfaction'], 0.99);
    doc.setIn(['behaviour', 'promoterThreshold'], 0);
    const scenario = Scenario.parse(doc.toJS());
    let error: unknown;
    try {
      simulateReplication({ scenario, strategy: 'fix-the-counter', replication: 0, maxCustomers: 50_000 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PopulationLimitError);
    expect((error as Error).message).toContain('50,000');
    expect(POPULATION_LIMIT).toBe(2 ** 25);
    expect((error as Error).message).toContain('referralRate');
  });

  test('a churn factor overflowing its Float32 beside θ = 0 gives hazard 0, not NaN', () => {
    // θ = 0 and extreme dissatisfaction × sensitivity: exp(−β·σ·(s − s_ref)) = ∞ in Float32, 0 × ∞ in the hazard
    const doc = parseDocument(text);
    doc.setIn(['segments', 'regulars', 'churn'], { annualRate: 0 });
    doc.setIn(['segments', 'regulars', 'initialSatisfaction'], -40);
    doc.setIn(['segments', 'regulars', 'cxSensitivity'], { mean: 1, cv: 0 });
    doc.setIn(['behaviour', 'satisfactionMemory'], 1);
    const r = parseScenarioText(doc.toString(), 'x.yaml', machine);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const res = simulateReplication({ scenario: r.scenario, strategy: 'fix-the-counter', replication: 0 });
    expect(firstNonFinite(res)).toBeUndefined();
    expect(res.totals.churned).toBe(0);
  });
});
