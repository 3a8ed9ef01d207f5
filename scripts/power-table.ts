import { simulateReplication } from '../src/engine/replication.ts';
import { neutral } from '../tests/engine/neutral.ts';
import { gammaln } from 'simple-statistics';
import { power, sampleSizeFor, falseFailureRate } from '../tests/support/power.ts';
/**
 * The power table of the engine's Monte Carlo checks (issue 17 item 2): for each check, its sample size, band,
 * false-failure rate, power against a 2% bias and the sample size 80% power needs, from one run of the check's
 * scenario at the test's sample size (the cv of one customer's value is measured). The scenarios mirror
 * tests/engine/closed-forms.test.ts and tests/engine/valuation.test.ts, which assert the same power from their own
 * realised spread. Run: npx tsx scripts/power-table.ts
 */
const run = (sc: any) => simulateReplication({ scenario: sc, strategy: 'none', replication: 0 });
const rows: string[] = [];
function row(name: string, n: number, z: number, cv: number) {
  const rel = cv / Math.sqrt(n);
  rows.push(`| ${name} | ${n} | ${z} SE | ${falseFailureRate(z).toExponential(1)} | ${power(rel, z).toFixed(3)} | ${sampleSizeFor(cv, z)} | cv ${cv.toFixed(3)} |`);
}
const betaS = (a: number, b: number, x: number) => Math.exp(gammaln(b + x) - gammaln(b) + gammaln(a + b) - gammaln(a + b + x));
// closed-forms check 1
{
  const N = 140000;
  const r = run(neutral({ meta: { horizonMonths: 60 }, segments: { s: { initialCustomers: N } }, valuation: { beyondHorizon: 'none' } }));
  for (const y of [1, 5]) { const S = betaS(1.2, 3, y); row(`closed-forms survival ${y}y`, N, 4, Math.sqrt((1 - S) / S)); }
  row('closed-forms check-1 CLV', N, 4, r.clv.all.sd / r.clv.all.mean);
}
for (const theta of [0.1, 0.3, 0.6]) {
  const r = run(neutral({ meta: { horizonMonths: 36, discountRate: 0.12 }, segments: { s: { churn: { annualRate: theta }, initialCustomers: 55000 } } }));
  row(`closed-forms check-2 θ=${theta}`, 55000, 4, r.clv.all.sd / r.clv.all.mean);
}
{
  const r = run(neutral({ meta: { horizonMonths: 12, discountRate: 0.12 }, segments: { s: { churn: { annualRate: 0.2 }, initialCustomers: 50000 } }, journeys: { j: { stages: { only: { next: { only: 0.9, exit: 0.1 } } } } } }));
  row('closed-forms exit', 50000, 4, r.clv.all.sd / r.clv.all.mean);
}
// valuation.test.ts
const N = 40000;
function annual(marginPerYear: number, over: any) {
  return neutral({
    meta: { stepsPerYear: 1, horizonMonths: 12, ...((over.meta as object) ?? {}) },
    pools: { core: { marginRate: 0.5, ...((over.pools as any)?.core ?? {}) } },
    segments: { s: { initialCustomers: N, wallet: { core: { mean: marginPerYear / 3, cv: 0 } }, churn: over.churn ?? { annualRate: 0.2 } } },
    valuation: over.valuation ?? {},
  });
}
{
  const r = run(annual(100, { meta: { horizonMonths: 12, discountRate: 0.12 }, churn: { annualRate: 0.2 }, valuation: { beyondHorizon: 'perpetuity', paymentTiming: 'arrears' } }));
  row('valuation Gupta–Lehmann', N, 3, r.clv.all.sd / r.clv.all.mean);
}
for (const [a, b] of [[0.704, 1.182], [0.668, 3.806]]) {
  const r = run(annual(1, { meta: { discountRate: 0.1 }, churn: { alpha: a, beta: b }, valuation: { beyondHorizon: 'perpetuity', paymentTiming: 'advance' } }));
  row(`valuation Fader–Hardie Beta(${a},${b})`, N, 3, r.clv.all.sd / r.clv.all.mean);
}
{
  const r = run(annual(1, { meta: { discountRate: 0.1 }, churn: { alpha: 0.704, beta: 1.182 }, valuation: { beyondHorizon: 'runoff', runoffYears: 10, runoffStepsPerYear: 1, paymentTiming: 'advance' } }));
  row('valuation Fader–Hardie run-off', N, 3, r.clv.all.sd / r.clv.all.mean);
}
{
  const base = { meta: { horizonMonths: 24, discountRate: 0.1 }, churn: { annualRate: 0.3 } };
  const r = run(annual(100, { ...base, valuation: { beyondHorizon: 'perpetuity' } }));
  row('valuation constant churn perpetuity', N, 3, r.clv.all.sd / r.clv.all.mean);
  const r2 = run(annual(100, { ...base, valuation: { beyondHorizon: 'runoff', runoffYears: 40, runoffStepsPerYear: 1 } }));
  row('valuation constant churn run-off', N, 3, r2.clv.all.sd / r2.clv.all.mean);
}
{
  const r = run(annual(100, { meta: { discountRate: 0.1 }, churn: { annualRate: 0.2 }, pools: { core: { wallet: { trajectory: { type: 'cagr', rate: -0.1 } } } }, valuation: { beyondHorizon: 'perpetuity' } }));
  row('valuation declining pool', N, 3, r.clv.all.sd / r.clv.all.mean);
}
console.log('| check | n | band | false-failure rate | power vs 2% bias | n for 80% | |\n|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
