/**
 * Number formatting for people (tables, captions, axis ticks): compact money with three
 * significant digits, percentages, intervals and months. Machines get full precision in
 * JSON/CSV, never these strings.
 */
import type { Interval } from '../metrics/interval.ts';

const MINUS = '−';

function sig3(x: number): string {
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return a.toFixed(digits);
}

/** 12 345 678 → "12.3M"; −950 → "−950"; 0.123 → "0.12". */
export function money(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  const sign = x < 0 && a >= 0.005 ? MINUS : '';
  if (a >= 1e9) return `${sign}${sig3(a / 1e9)}bn`;
  if (a >= 1e6) return `${sign}${sig3(a / 1e6)}M`;
  if (a >= 1e3) return `${sign}${sig3(a / 1e3)}k`;
  if (a < 0.005) return '0';
  return `${sign}${a >= 100 ? a.toFixed(0) : a >= 10 ? a.toFixed(1) : a.toFixed(2)}`;
}

/** Money for axis ticks: like money() without trailing zeros ("2k", "1.5M"). */
export function moneyTick(x: number): string {
  return money(x).replace(/\.0+(?=[a-zA-Z]*$)|(\.\d*?)0+(?=[a-zA-Z]*$)/, '$1');
}

/** Signed money for axis ticks. */
export function signedMoneyTick(x: number): string {
  const s = moneyTick(x);
  return x > 0 && s !== '0' ? `+${s}` : s;
}

/** Money with an explicit sign: "+1.2M", "−30k". */
export function signedMoney(x: number): string {
  const s = money(x);
  return x > 0 && s !== '0' ? `+${s}` : s;
}

/** [lo, hi] → "[−1.2M, 3.4M]". */
export function moneyInterval([lo, hi]: Interval): string {
  return `[${money(lo)}, ${money(hi)}]`;
}

/** 0.1234 → "12.3%"; digits = decimals. */
export function percent(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return 'n/a';
  return `${(x * 100).toFixed(digits).replace('-', MINUS)}%`;
}

export function percentInterval([lo, hi]: Interval, digits = 1): string {
  return `[${percent(lo, digits)}, ${percent(hi, digits)}]`;
}

/** A plain number with up to `digits` decimals: 1.2345 → "1.23". */
export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x.toFixed(digits).replace(/\.?0+$/, '').replace('-', MINUS) || '0';
}

/** "1 strategy", "3 strategies", "2 replications". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Months as words: 14 → "month 14"; null → "not within the horizon". */
export function monthLabel(m: number | null, horizonMonths?: number): string {
  if (m === null) return horizonMonths ? `not by month ${horizonMonths}` : 'not within the horizon';
  return `month ${Number.isInteger(m) ? m : m.toFixed(1)}`;
}
