/**
 * Golden digests of the full world (worlds.ts: every mechanism on) under four valuations × every
 * strategy and a stress: SHA-256 of every series, total, value beyond each year, CLV summary,
 * fired rule and per-customer CLV, bit for bit (worlds.ts `resultDigest`).
 *
 * A digest alone proves nothing about correctness — it pins the engine's present output so that
 * any change to any number shows. The numbers themselves are derived independently elsewhere in
 * this folder: the accounting identities and timing conventions (world-identities.test.ts), the
 * generated kernel against the reference step (world-kernel.test.ts), the firm-level mechanics
 * with identical customers (firm-exact.test.ts) and every valuation convention for the realised
 * churn (tests/engine/exact-valuation.test.ts). The engine must stay bit-identical under
 * refactoring (scripts/engine-digest.ts), so these change only with a deliberate model change
 * (then print resultDigest(simulateReplication(job)) for the same jobs, and say why in the commit).
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import { fullWorld, resultDigest, worldJobs } from './worlds.ts';

const GOLDEN: [beyond: 'none' | 'perpetuity' | 'runoff', timing: 'arrears' | 'advance', yearEnds: 'approximate' | 'runoff', runoffStepsPerYear: 1 | 4 | 12, strategy: string, stress: string, digest: string][] = [
  ['none', 'arrears', 'approximate', 12, 'none', '', '447861c3026cabfd69c25c02d22aa9f3feb6291b7a423ea54baa28f8395f9c06'],
  ['none', 'arrears', 'approximate', 12, 'mixed', '', '68fdfc3e1d52a98b873e5657085f4387ef2a0389059ca3cd0a5a51cd322244bb'],
  ['none', 'arrears', 'approximate', 12, 'scheduled', '', 'eacb008ed2c31c22642693fc798bfd4677fb26a48952f87c2e91ecdafe397c0b'],
  ['none', 'arrears', 'approximate', 12, 'mixed', 'storm', 'e71222426e787816c44daf2d274bbfb23662ee3433d3ec5b5d688d7048e2ca33'],
  ['perpetuity', 'advance', 'approximate', 12, 'none', '', '817d95be1a31668377d247364e976cad113971bf0d67f6c0a286b821f8b432fc'],
  ['perpetuity', 'advance', 'approximate', 12, 'mixed', '', '7fc5c08f04cbaac2866e88ed999b30003ff1a3103397875f8a6fe69a71e02dfb'],
  ['perpetuity', 'advance', 'approximate', 12, 'scheduled', '', '131561f2b100cd8a3016b03f539665c218749db46d0f2d9d69f4d1426552522c'],
  ['perpetuity', 'advance', 'approximate', 12, 'mixed', 'storm', 'e7514ae8b7c1b958f1d93304891e5f05e5bb1accd97b33bee1971c4494c120d2'],
  ['runoff', 'arrears', 'runoff', 4, 'none', '', '48d26299637117e3a4b0ea191848049b60ea5afd49c8e5198b2223a037d21bc6'],
  ['runoff', 'arrears', 'runoff', 4, 'mixed', '', 'bc6919e44dfdf97fe0838dc6e38df9f3e291d5e9e35d97debdc27aa285876ea2'],
  ['runoff', 'arrears', 'runoff', 4, 'scheduled', '', 'c6a0fffcf082a0e7a6374c7e36a828843741deea4025b4ef2f0fa486fa93fa01'],
  ['runoff', 'arrears', 'runoff', 4, 'mixed', 'storm', 'fe21b40c12ed1e3433c220455241b8abc1f1d88a7ed50ce8f8a4e63194a2df41'],
  ['runoff', 'advance', 'approximate', 12, 'none', '', 'ea8d1c579bb8f69791cfd0f9d9eb9cf359d286a957f4bf15a5c2e070deb93699'],
  ['runoff', 'advance', 'approximate', 12, 'mixed', '', 'f42a24275b24b4401ef6d92051bb95820970a12b7357eb9426edb0f884529c9a'],
  ['runoff', 'advance', 'approximate', 12, 'scheduled', '', 'abf433d881aeb56167e9654d34fd867046375b2f312ef7ed6f82a57f2b18aecf'],
  ['runoff', 'advance', 'approximate', 12, 'mixed', 'storm', 'fdbf6cfc5b7f29bcde0e0d54e10c9c005d1967f26ad51a718b5ca9af94d6f8b1'],
];

// One replication per test: under mutation testing a mutant is usually killed by the first test
// that runs (the run bails), so the first is the one that reaches the most (run-off, year-end
// run-offs, a stress, levers and rules) at the cost of one replication.
const FIRST = GOLDEN.findIndex((g) => g[0] === 'runoff' && g[2] === 'runoff' && g[4] === 'mixed' && g[5] === 'storm');
const ORDERED = [GOLDEN[FIRST], ...GOLDEN.filter((_g, i) => i !== FIRST)];

describe('golden digests of the full world', () => {
  it.each(ORDERED)('beyond %s, %s, year ends %s, run-off steps per year %s: %s %s', async (beyond, timing, yearEnds, runoffStepsPerYear, strategy, stress, digest) => {
    const sc = fullWorld({ beyond, timing, yearEnds, runoffStepsPerYear });
    const job = worldJobs(sc, { yearEnds: true, customers: true }).find((j) => j.strategy === strategy && (j.stress ?? '') === stress);
    expect(job).toBeDefined();
    expect(await resultDigest(simulateReplication(job!))).toBe(digest);
  });
  it('the digest sees a change of one bit in any number', async () => {
    const sc = fullWorld({ beyond: 'perpetuity', timing: 'advance' });
    const r = simulateReplication({ scenario: sc, strategy: 'mixed', replication: 1, customers: true });
    const before = await resultDigest(r);
    r.series.margin[5] = r.series.margin[5] * (1 + Number.EPSILON);
    const after = await resultDigest(r);
    expect(after).not.toBe(before);
    r.customers!.clv[3] = -r.customers!.clv[3];
    expect(await resultDigest(r)).not.toBe(after);
  });
});
