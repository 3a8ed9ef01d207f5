/**
 * Observed against expected, as tidy rows (the report's tables and charts, and CSV). Pure.
 * - sBG: customers active at the start of each period, and the retention rate, over the
 *   fitted periods and any hold-out periods of the table;
 * - BG/NBD: the histogram of repeat transactions in the calibration period (0..6, 7+), the
 *   weekly (per time unit) and cumulative repeat transactions of the cohort over calibration
 *   and hold-out, and the mean hold-out transactions conditional on calibration frequency;
 * - Gamma-Gamma: mean spend per repeat transaction, observed and expected, by frequency;
 * - BG/BB: the histogram of transactions in the n opportunities.
 */
import { bgnbdConditional, bgnbdExpected, bgnbdPmf, type BgNbdParams } from './bgnbd.ts';
import { bgbbPmf, type BgBbParams, type BgBbRow } from './bgbb.ts';
import { gammaGammaMean, type GammaGammaParams } from './gamma-gamma.ts';
import type { RfmData } from './rfm.ts';
import { sbgSurvival } from './sbg.ts';

export interface SurvivalRow {
  period: number;
  part: 'calibration' | 'hold-out';
  observed: number;
  expected: number;
  observedRetention: number | null;
  expectedRetention: number | null;
}

export function sbgTable(alpha: number, beta: number, alive: number[], fittedPeriods: number): SurvivalRow[] {
  const S = sbgSurvival(alpha, beta, alive.length - 1);
  return alive.map((n, t) => ({
    period: t,
    part: t <= fittedPeriods ? 'calibration' : 'hold-out',
    observed: n,
    expected: alive[0] * S[t],
    observedRetention: t === 0 ? null : n / alive[t - 1],
    expectedRetention: t === 0 ? null : S[t] / S[t - 1],
  }));
}

export interface HistogramRow {
  /** "0", "1", …, "7+". */
  bucket: string;
  observed: number;
  expected: number;
}

export function bgnbdHistogram(m: BgNbdParams, d: RfmData, top = 7): HistogramRow[] {
  const observed = new Array(top + 1).fill(0), expected = new Array(top + 1).fill(0);
  // customers share few distinct T values (one per day of first purchase): cache the pmf
  const cache = new Map<number, number[]>();
  for (let i = 0; i < d.x.length; i++) {
    observed[Math.min(top, d.x[i])]++;
    let p = cache.get(d.T[i]);
    if (!p) {
      p = bgnbdPmf(m, d.T[i], top - 1);
      cache.set(d.T[i], p);
    }
    let below = 0;
    for (let x = 0; x < top; x++) {
      expected[x] += p[x];
      below += p[x];
    }
    expected[top] += 1 - below;
  }
  return observed.map((o, x) => ({ bucket: x === top ? `${top}+` : String(x), observed: o, expected: expected[x] }));
}

export interface TrackingRow {
  /** Time unit of the calendar from the first date of the log (1 = the first week). */
  unit: number;
  part: 'calibration' | 'hold-out';
  observed: number;
  expected: number;
  observedCumulative: number;
  expectedCumulative: number;
}

/**
 * Repeat transactions per time unit of the calendar, observed and expected. A customer who
 * made the first purchase on day d (from the first date) has been a customer for
 * ((u+1)·unitDays − 1 − d)/unitDays units at the end of unit u; expected cumulative repeat
 * transactions are Σ_d births(d) E[X(that time)].
 */
export function bgnbdTracking(m: BgNbdParams, firstPurchasesByDay: number[], repeatByUnit: number[], unitDays: number, calibrationUnits: number): TrackingRow[] {
  const rows: TrackingRow[] = [];
  let obsCum = 0, prevExp = 0;
  for (let u = 0; u < repeatByUnit.length; u++) {
    let exp = 0;
    for (let d = 0; d < firstPurchasesByDay.length; d++) {
      const n = firstPurchasesByDay[d];
      if (n === 0) continue;
      const t = ((u + 1) * unitDays - 1 - d) / unitDays;
      if (t > 0) exp += n * bgnbdExpected(m, t);
    }
    obsCum += repeatByUnit[u];
    rows.push({ unit: u + 1, part: u + 1 <= calibrationUnits ? 'calibration' : 'hold-out', observed: repeatByUnit[u], expected: exp - prevExp, observedCumulative: obsCum, expectedCumulative: exp });
    prevExp = exp;
  }
  return rows;
}

export interface ConditionalRow {
  bucket: string;
  customers: number;
  /** Mean repeat transactions in the hold-out period, observed and expected. */
  observed: number;
  expected: number;
}

export function bgnbdConditionalTable(m: BgNbdParams, d: RfmData, top = 7): ConditionalRow[] {
  const n = new Array(top + 1).fill(0), obs = new Array(top + 1).fill(0), exp = new Array(top + 1).fill(0);
  for (let i = 0; i < d.x.length; i++) {
    const b = Math.min(top, d.x[i]);
    n[b]++;
    obs[b] += d.holdout[i];
    exp[b] += bgnbdConditional(m, d.holdoutLength, d.x[i], d.tx[i], d.T[i]);
  }
  return n.map((c, b) => ({ bucket: b === top ? `${top}+` : String(b), customers: c, observed: c ? obs[b] / c : 0, expected: c ? exp[b] / c : 0 })).filter((r) => r.customers > 0);
}

export interface SpendRow {
  bucket: string;
  customers: number;
  observedMean: number;
  expectedMean: number;
}

/** Mean of the customers' mean repeat spend by frequency (customers with a positive mean: those the model is fitted to); expected E[ζ] = pγ/(q−1) for every frequency. */
export function gammaGammaTable(g: GammaGammaParams, x: Float64Array, meanValue: Float64Array, top = 4): SpendRow[] {
  const n = new Array(top + 1).fill(0), s = new Array(top + 1).fill(0);
  for (let i = 0; i < x.length; i++) {
    if (x[i] <= 0 || !(meanValue[i] > 0)) continue;
    const b = Math.min(top, x[i]);
    n[b]++;
    s[b] += meanValue[i];
  }
  const e = gammaGammaMean(g);
  const rows: SpendRow[] = [];
  for (let b = 1; b <= top; b++) if (n[b]) rows.push({ bucket: b === top ? `${top}+` : String(b), customers: n[b], observedMean: s[b] / n[b], expectedMean: e });
  const all = n.reduce((a, v) => a + v, 0);
  rows.push({ bucket: 'all', customers: all, observedMean: s.reduce((a, v) => a + v, 0) / all, expectedMean: e });
  return rows;
}

/** Transactions in the n opportunities (rows with the largest n), observed and expected. */
export function bgbbHistogram(m: BgBbParams, rows: BgBbRow[]): HistogramRow[] {
  const n = Math.max(...rows.map((r) => r.periods));
  const same = rows.filter((r) => r.periods === n);
  const total = same.reduce((s, r) => s + r.count, 0);
  const pmf = bgbbPmf(m, n);
  return pmf.map((p, x) => ({ bucket: String(x), observed: same.filter((r) => r.frequency === x).reduce((s, r) => s + r.count, 0), expected: total * p }));
}
