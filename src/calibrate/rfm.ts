/**
 * Customer-level summaries of an event log for the non-contractual models, in the model's
 * time unit (weeks for the CDNOW data): x repeat transactions in the calibration period, the
 * time t_x of the last one and the length T of the customer's calibration period (both from
 * the first purchase), the mean value of the repeat transactions, and the repeat
 * transactions in the hold-out period. Pure.
 */
export interface RfmData {
  /** Customer ids (for per-customer outputs). */
  ids: string[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean value of the repeat transactions in the calibration period (0 when x = 0). */
  meanValue: Float64Array;
  /** Repeat transactions in the hold-out period. */
  holdout: Float64Array;
  /** Length of the hold-out period in time units (the same for every customer). */
  holdoutLength: number;
}

/** Distinct values of x with, for each customer, the index of its x (for per-x precomputation). */
export function distinctCounts(x: Float64Array): { values: number[]; maxX: number } {
  let maxX = 0;
  for (const v of x) if (v > maxX) maxX = v;
  const seen = new Set<number>();
  for (const v of x) seen.add(v);
  return { values: [...seen].sort((a, b) => a - b), maxX };
}

/** Σ_{j<x} ln(c + j) for x = 0..maxX (= ln Γ(c+x) − ln Γ(c) for integer x). */
export function logRisingFactorials(c: number, maxX: number): Float64Array {
  const out = new Float64Array(maxX + 1);
  for (let x = 1; x <= maxX; x++) out[x] = out[x - 1] + Math.log(c + x - 1);
  return out;
}

export function subset(d: RfmData, keep: (i: number) => boolean): RfmData {
  const idx: number[] = [];
  for (let i = 0; i < d.x.length; i++) if (keep(i)) idx.push(i);
  const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
  return { ids: idx.map((i) => d.ids[i]), x: pick(d.x), tx: pick(d.tx), T: pick(d.T), meanValue: pick(d.meanValue), holdout: pick(d.holdout), holdoutLength: d.holdoutLength };
}
