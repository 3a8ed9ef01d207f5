/**
 * The firm-level mechanics, exactly, on a firm where every customer is the same and every visit
 * is certain and noiseless (docs/model.md §2, §4, §5, §7): one pool, one touchpoint visited every
 * month (noise 0), a fixed churn rate, constant wallets, one competitor, a friction lever (with a
 * lag) and a readiness lever, and a budget cut. Then every customer alive has the same
 * satisfaction, share of wallet and churn hazard each step, and the test recomputes from the
 * scenario's numbers alone:
 *
 *   spend_l(t) = budget/12 · allocation_l · (1 − cut after month 6)      (paid at the start of t)
 *   C_l(t)     = C_l(t−1)·(1 − decay_l) + spend_l(t − lag_l),  e_l = max_l·(1 − exp(−C_l/scale_l))
 *   readiness  = r0 + (1 − r0)·e_build
 *   friction   = floor + (f0 − floor)·(1 − e_fix)·(1 − e_build)    (readiness also lowers its pool's friction)
 *   s(t+1)     = λ·s(t) + (1 − λ)·(base − friction)                    (from s(t) as stored, in Float32)
 *   revenue    = wallet / (1 + e^(−slope_s·(s − s_ref)) · e^(−(logit(b) + slope_r·(readiness − ½))))
 *   pull       = exp(−k·(readiness − competitor))
 *   h          = h0 · exp(−κ·(s − s_ref)) · pull                          (h0, the churn factor: Float32)
 *   closing    = Σ_survivors [revenue·m·(1 − h)/(d + h) − (visit cost + cost to serve)·(1 − h)/(d + h)] · δ^T
 *
 * and compares every series and the closing perpetuity (which pins the last step's hazard, so the
 * satisfaction → churn link and the competitive pull). Tolerance 1e-12 relative: the same
 * operations in another order.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';
import { neutral } from '../engine/neutral.ts';

const SCALE = 3, N = 30, WALLET = 100, RATE = 0.3, CTS = 2, VISIT_COST = 0.5;
const R0 = 0.7, F0 = 0.3, FLOOR = 0.1, BASE = 0.9, LAMBDA = 0.6, S_REF = 0.5, KAPPA = 3, PULL_K = 1.5, RIVAL = 0.8, THRESHOLD = 0.55;

function firm(timing: 'arrears' | 'advance') {
  return neutral({
    meta: { horizonMonths: 12, seed: 3, discountRate: 0.1, agentScale: SCALE },
    valuation: { beyondHorizon: 'perpetuity', paymentTiming: timing, costsBeyondHorizon: 'none' },
    behaviour: { satisfactionMemory: LAMBDA, satisfactionReference: S_REF, promoterThreshold: THRESHOLD, churnSatisfactionSensitivity: KAPPA, competitivePull: PULL_K },
    pools: { core: { marginRate: RATE, costToServe: CTS, readiness: R0 } },
    segments: { s: { initialCustomers: N * SCALE, churn: { annualRate: 0.2 }, initialSatisfaction: 0.5, wallet: { core: { mean: WALLET, cv: 0 } } } },
    journeys: { j: { stages: { only: { touchpoints: { tp: { visitProbability: 1, friction: F0, floor: FLOOR, noise: 0, baseQuality: BASE, costPerVisit: VISIT_COST, pool: 'core' } } } } } },
    competitors: { rival: { experience: { core: RIVAL } } },
    levers: {
      fix: { kind: 'friction', targets: ['tp'], decayPerMonth: 0.1, lagMonths: 2, response: { scale: 1000, max: 0.5 } },
      build: { kind: 'readiness', targets: ['core'], response: { scale: 2000, max: 0.4 } },
    },
    strategies: { none: { baseline: true }, spend: { budget: { perYear: 12000, allocation: { fix: 0.5, build: 0.25 } } } },
    stresses: { cut: { shocks: [{ kind: 'budgetCut', fromMonth: 6, cut: 0.5 }] } },
  });
}

interface Path {
  spendFix: number[];
  spendBuild: number[];
  readiness: number[];
  friction: number[];
  /** Satisfaction after step t's visit (from the stored Float32 value before it). */
  sat: number[];
  revenue: number[];
  pull: number[];
}

function expected(funded: boolean, cut: boolean): Path {
  const p: Path = { spendFix: [], spendBuild: [], readiness: [], friction: [], sat: [], revenue: [], pull: [] };
  let cFix = 0, cBuild = 0, s = Math.fround(0.5);
  for (let t = 0; t < 12; t++) {
    const factor = cut && t >= 6 ? 0.5 : 1;
    p.spendFix.push(funded ? 1000 * 0.5 * factor : 0);
    p.spendBuild.push(funded ? 1000 * 0.25 * factor : 0);
    cFix = cFix * 0.9 + (t >= 2 ? p.spendFix[t - 2] : 0);
    cBuild = cBuild * 0.95 + p.spendBuild[t];
    const eFix = 0.5 * (1 - Math.exp(-cFix / 1000));
    const eBuild = 0.4 * (1 - Math.exp(-cBuild / 2000));
    const readiness = R0 + (1 - R0) * eBuild;
    const friction = FLOOR + (F0 - FLOOR) * (1 - eFix) * (1 - eBuild);
    const next = LAMBDA * s + (1 - LAMBDA) * (BASE - friction);
    s = Math.fround(next);
    const zf = Math.fround(Math.exp(-(next - S_REF)));
    const sowC = Math.exp(-2 * (readiness - 0.5));
    p.readiness.push(readiness);
    p.friction.push(friction);
    p.sat.push(next);
    p.revenue.push(WALLET / (1 + zf * sowC));
    p.pull.push(Math.exp(-PULL_K * (readiness - RIVAL)));
  }
  return p;
}

const near = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));

function check(r: ReplicationResult, p: Path, timing: 'arrears' | 'advance') {
  const s = r.series;
  for (let t = 0; t < 12; t++) {
    const active = s.active[t] / SCALE, churned = s.churned[t] / SCALE;
    const payers = timing === 'advance' ? active : active - churned;
    near(s['cxSpend.fix'][t], p.spendFix[t], `spend fix ${t}`);
    near(s['cxSpend.build'][t], p.spendBuild[t], `spend build ${t}`);
    near(s['readiness.core'][t], p.readiness[t], `readiness ${t}`);
    near(s['friction.tp'][t], p.friction[t], `friction ${t}`);
    near(s.satisfaction[t], p.sat[t], `satisfaction ${t}`);
    expect(s.promoters[t]).toBe(p.sat[t] > THRESHOLD ? 1 : 0);
    expect(s[`satisfactionBand.${Math.floor(p.sat[t] * 10)}`][t]).toBe(1);
    expect(s['visits.tp'][t]).toBe(s.active[t]);
    near(s.visitCost[t], s.active[t] * VISIT_COST, `visit cost ${t}`);
    near(s['revenue.core'][t], payers * p.revenue[t] * SCALE, `revenue ${t}`);
    near(s.margin[t], (payers * (p.revenue[t] * RATE - CTS) - active * VISIT_COST) * SCALE, `margin ${t}`);
    // the market keeps every wallet ever ours (lost customers buy elsewhere)
    near(s['market.core'][t], N * WALLET * SCALE, `market ${t}`);
    near(s['share.core'][t], (payers * p.revenue[t]) / (N * WALLET), `share ${t}`);
    expect(s['adoption.core'][t]).toBe(1);
    expect(s['walletIndex.core'][t]).toBe(1);
  }
  // the closing perpetuity of the survivors at the end of step 11 (arrears: (1 − h)/(d + h); advance: (1 + d)/(d + h))
  const h0 = Math.fround(1 - Math.pow(0.8, 1 / 12));
  const h = h0 * Math.fround(Math.exp(-KAPPA * (p.sat[11] - S_REF))) * p.pull[11];
  const d = Math.pow(1.1, 1 / 12) - 1;
  const f = timing === 'advance' ? 1 + d : 1 - h;
  const perCustomer = (p.revenue[11] * RATE * f) / (d + h) - (VISIT_COST + CTS) * (f / (d + h));
  const alive = r.totals.alive / SCALE;
  expect(alive).toBeGreaterThan(0);
  expect(Math.abs(r.totals.netValueClosing - alive * perCustomer * Math.pow(1.1, -1) * SCALE)).toBeLessThanOrEqual(1e-9 * Math.abs(r.totals.netValueClosing));
}

describe('firm-level mechanics, exactly, with identical customers', () => {
  it.each(['arrears', 'advance'] as const)('no budget (%s): the competitor pulls, satisfaction settles at base − friction', (timing) => {
    const p = expected(false, false);
    check(simulateReplication({ scenario: firm(timing), strategy: 'none', replication: 0 }), p, timing);
  });
  it.each(['arrears', 'advance'] as const)('a friction lever with a 2-month lag and a readiness lever (%s)', (timing) => {
    const p = expected(true, false);
    expect(p.friction[1]).toBeLessThan(p.friction[0]); // readiness acts at once
    expect(p.friction[2] - p.friction[1]).toBeLessThan(p.friction[1] - p.friction[0]); // the friction lever from month 2
    check(simulateReplication({ scenario: firm(timing), strategy: 'spend', replication: 1 }), p, timing);
  });
  it('under a budget cut of half from month 6', () => {
    const p = expected(true, true);
    check(simulateReplication({ scenario: firm('arrears'), strategy: 'spend', replication: 2, stress: 'cut' }), p, 'arrears');
  });
});
