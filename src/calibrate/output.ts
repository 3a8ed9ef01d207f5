/**
 * Machine outputs of a calibration: fit.json (everything, full precision, no NaN — a missing
 * SE is null) and goodness-of-fit.csv (tidy: one row per table cell pair). Pure.
 */
import type { CalibrationResult } from './calibration.ts';
import { csvField } from '../report/csv-field.ts';

export function resultJson(r: CalibrationResult, run: { command: string; seconds: number }): string {
  const clean = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v) : v);
  return `${JSON.stringify({ command: run.command, seconds: Number(run.seconds.toFixed(3)), ...r }, clean, 2)}\n`;
}

export function goodnessOfFitCsv(r: CalibrationResult): string {
  const rows: (string | number)[][] = [['group', 'table', 'key', 'part', 'observed', 'expected']];
  // a group name from the data that starts like a formula is written as text by csvField (OWASP)
  for (const g of r.groups) {
    for (const s of g.survival ?? []) rows.push([g.group, 'active customers', s.period, s.part, s.observed, s.expected]);
    for (const h of g.histogram ?? []) rows.push([g.group, 'frequency histogram', h.bucket, 'calibration', h.observed, h.expected]);
    for (const t of g.tracking ?? []) rows.push([g.group, 'repeat transactions per unit', t.unit, t.part, t.observed, t.expected]);
    for (const t of g.tracking ?? []) rows.push([g.group, 'cumulative repeat transactions', t.unit, t.part, t.observedCumulative, t.expectedCumulative]);
    for (const c of g.conditional ?? []) rows.push([g.group, 'hold-out transactions per customer by calibration frequency', c.bucket, 'hold-out', c.observed, c.expected]);
    for (const s of g.spend ?? []) rows.push([g.group, 'mean spend per repeat transaction by frequency', s.bucket, 'calibration', s.observedMean, s.expectedMean]);
  }
  return `${rows.map((r) => r.map((v) => csvField(v)).join(',')).join('\n')}\n`;
}
