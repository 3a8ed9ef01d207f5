/**
 * Round trip: segments calibrated from data, written as a scenario (scenario.yaml) and
 * simulated by the engine with every CX, workforce and pool effect neutral, reproduce the
 * data's pattern:
 * - sBG: the share of each cohort still active after t = 1..12 years (years 8–12 are the
 *   hold-out). The simulated cohort is scaled up K = 50 times so that its binomial error is
 *   small; the tolerance is 4 standard errors of the difference, sqrt(S(1−S)/1000 +
 *   S(1−S)/(1000K)), with S the fitted survival (a miss probability of 6e-5 per comparison
 *   for a model that fits).
 * - BG/NBD + Gamma-Gamma: cumulative repeat spend per customer within m = 1..14 months of
 *   the first purchase (every CDNOW sample customer is observed for at least 15 months). The
 *   simulated cohort is scaled up K = 20 times; the tolerance is 4 standard errors of the
 *   difference of the two means, sd·sqrt(1/n + 1/(nK)), with sd the data's per-customer
 *   standard deviation (used for both: the simulated customers follow the same law if the
 *   round trip holds).
 * Seeds are fixed, so the test is deterministic.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCalibration } from '../../src/cli/commands/calibrate.ts';
import { scenarioYaml } from '../../src/calibrate/scenario-yaml.ts';
import { Scenario } from '../../src/scenario/schema.ts';
import { simulateReplication } from '../../src/engine/replication.ts';
import { sbgSurvival } from '../../src/calibrate/sbg.ts';
import { bgnbdExpected } from '../../src/calibrate/bgnbd.ts';
import { gammaGammaMean } from '../../src/calibrate/gamma-gamma.ts';
import { parseDay } from '../../src/calibrate/dates.ts';

const data = (f: string) => resolve(import.meta.dirname, '../../data', f);
const Z = 4;

const baseArgs = {
  force: false, 'periods-per-year': 1, 'unit-days': 7, classes: 10, 'amount-per-transaction': 1, pool: 'core',
  'share-of-wallet': 0.5, 'margin-rate': 0.3, 'satisfaction-reference': 0.5, 'horizon-months': 60, currency: 'USD', seed: 1, quiet: true, ...(process.env.CALIB_CLASSES ? { classes: Number(process.env.CALIB_CLASSES) } : {}),
} as const;
const yamlOptions = { satisfactionReference: 0.5, marginRate: 0.3, horizonMonths: 60, name: 'round trip', command: 'test' };

/** The calibrated scenario with every segment K times larger. */
function scaled(yamlText: string, K: number, horizonMonths: number): Scenario {
  const input = parse(yamlText);
  input.meta.horizonMonths = horizonMonths;
  for (const s of Object.values(input.segments) as { initialCustomers: number }[]) s.initialCustomers *= K;
  return Scenario.parse(input);
}

describe('round trip: sBG cohorts → scenario → simulation', async () => {
  const r = await runCalibration({ ...baseArgs, data: data('sbg-fader-hardie-2007.csv'), model: 'sbg', periods: 7 });
  const K = 50;
  const sc = scaled(scenarioYaml(r, yamlOptions), K, 144);
  const sim = simulateReplication({ scenario: sc, strategy: 'baseline', replication: 0 });
  const table = readFileSync(data('sbg-fader-hardie-2007.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));

  it.each([['regular', 1], ['high_end', 2]] as const)('%s: simulated survival matches the data, years 1–12', (name, col) => {
    const est = r.groups.find((g) => g.group === name)!.models[0].fit.estimates;
    const S = sbgSurvival(est[0].value, est[1].value, 12);
    for (let t = 1; t <= 12; t++) {
      const simulated = sim.series[`retention.${name}`][12 * t - 1];
      const observed = table[t][col] / 1000;
      const se = Math.sqrt((S[t] * (1 - S[t])) / 1000 + (S[t] * (1 - S[t])) / (1000 * K));
      expect(Math.abs(simulated - observed), `year ${t}`).toBeLessThan(Z * se);
      // and the fitted model itself, to the simulation's own error
      expect(Math.abs(simulated - S[t]), `year ${t} vs model`).toBeLessThan(Z * Math.sqrt((S[t] * (1 - S[t])) / (1000 * K)));
    }
  });
});

describe('round trip: CDNOW log → BG/NBD + Gamma-Gamma segments → simulation', async () => {
  const r = await runCalibration({ ...baseArgs, data: data('cdnow-sample-elog.txt'), model: 'bgnbd', 'calibration-weeks': 39 });
  const K = 20;
  const months = 14;
  const sc = scaled(scenarioYaml(r, yamlOptions), K, months);
  const sim = simulateReplication({ scenario: sc, strategy: 'baseline', replication: 0 });
  const N = sc.segments ? Object.values(sc.segments).reduce((s, g) => s + g.initialCustomers, 0) : 0;

  // the data: repeat spend (purchases after the first day) within m months of the first purchase
  const rows = readFileSync(data('cdnow-sample-elog.txt'), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/));
  const first = new Map<string, number>();
  const spend = new Map<string, number[]>();
  for (const f of rows) {
    const day = parseDay(f[2], 'yyyymmdd')!;
    if (!first.has(f[0])) { first.set(f[0], day); spend.set(f[0], new Array(months).fill(0)); }
    const since = day - first.get(f[0])!;
    if (since === 0) continue;
    for (let m = 1; m <= months; m++) if (since < (m * 365.25) / 12) spend.get(f[0])![m - 1] += Number(f[4]);
  }
  const n = first.size;

  it('uses every customer of the sample', () => expect(N).toBe(2357 * K));

  it.each(Array.from({ length: months }, (_, i) => i + 1))('cumulative repeat spend per customer after %i months', (m) => {
    const values = [...spend.values()].map((v) => v[m - 1]);
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    let simulated = 0;
    for (let t = 0; t < m; t++) simulated += sim.series.revenue[t];
    simulated /= N;
    expect(Math.abs(simulated - mean)).toBeLessThan(Z * sd * Math.sqrt(1 / n + 1 / (n * K)));
    // and the fitted model's own expectation E[X(t)]·E[ζ], to the simulation's error
    const est = (name: string, p: string) => r.groups[0].models.find((x) => x.model === name)!.fit.estimates.find((e) => e.name === p)!.value;
    const bg = { r: est('bgnbd', 'r'), alpha: est('bgnbd', 'alpha'), a: est('bgnbd', 'a'), b: est('bgnbd', 'b') };
    const expected = bgnbdExpected(bg, (m * 365.25) / 12 / 7) * gammaGammaMean({ p: est('gammagamma', 'p'), q: est('gammagamma', 'q'), gamma: est('gammagamma', 'gamma') });
    if (process.env.CALIB_DEBUG) console.log(m, simulated.toFixed(2), mean.toFixed(2), expected.toFixed(2), (sd * Math.sqrt(1 / n + 1 / (n * K))).toFixed(2));
    expect(Math.abs(simulated - expected)).toBeLessThan((Z * sd) / Math.sqrt(n * K));
  });
});
