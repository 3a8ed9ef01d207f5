/**
 * Access to the per-step series of a ReplicationResult by name, with a clear error when a
 * series the metrics rely on is missing, and listing of families (`share.<pool>`, ...).
 */
import type { ReplicationResult } from '../engine/result.ts';

export function series(r: ReplicationResult, name: string): Float64Array {
  const s = r.series[name];
  if (!s) throw new Error(`result of strategy "${r.strategy}" replication ${r.replication} has no series "${name}"`);
  return s;
}

/** The suffixes of every series named `<prefix>.<suffix>`, in the order of the result. */
export function seriesFamily(r: ReplicationResult, prefix: string): string[] {
  const p = `${prefix}.`;
  return Object.keys(r.series)
    .filter((k) => k.startsWith(p))
    .map((k) => k.slice(p.length));
}

/** Month (counted from 0, the scenario convention) at the start of step t. */
export function monthOfStep(step: number, stepsPerYear: number): number {
  return (step * 12) / stepsPerYear;
}

/** Months elapsed at the end of step t. */
export function monthsElapsedAfterStep(step: number, stepsPerYear: number): number {
  return ((step + 1) * 12) / stepsPerYear;
}
