/**
 * A sweep's results as tidy CSV (docs/finance.md, "Sweeps"): results.csv has one row per cell
 * × strategy × replication; summary.csv one row per cell × strategy. A finished cell is
 * persisted as its own rows (without the header), so a resumed, a sharded-then-merged and an
 * uninterrupted sweep produce byte-identical files: the rows of a cell depend only on the
 * cell's results, which are bit-identical whatever the process, thread or order.
 */
import type { ReplicationResult } from '../engine/result.ts';
import { summarise, type IntervalSummary } from '../metrics/interval.ts';
import { pairedDifference, type PairedDifference } from '../metrics/paired-difference.ts';
import { csvField } from '../report/tidy-csv.ts';
import { enoughForTail, expectedShortfall, expectedShortfallCi } from './tail-risk.ts';
import type { SweepCell, SweepParam } from './sweep-grid.ts';

export const SWEEP_FORMAT = 1;

/** What defines a sweep: a rerun or a shard must match it to add cells to the same folder. */
export interface SweepManifest {
  format: typeof SWEEP_FORMAT;
  scenarioFile: string;
  scenario: { name: string; currency: string; seed: number; horizonMonths: number };
  /** SHA-256 of the normalised scenario as run (seed included): a changed file is a different sweep. */
  scenarioHash: string;
  params: SweepParam[];
  strategies: { id: string; name: string }[];
  replications: number;
  stress: string;
  cells: number;
}

/** The fields of the manifest that must agree between runs, shards and merged folders. */
export function manifestKey(m: SweepManifest): string {
  return JSON.stringify([m.format, m.scenarioHash, m.params, m.strategies.map((s) => s.id), m.replications, m.stress, m.cells]);
}

/** What differs between two manifests, for the message that refuses to mix them. */
export function manifestDifference(a: SweepManifest, b: SweepManifest): string {
  if (a.scenarioHash !== b.scenarioHash) return 'the scenario differs (its file changed, or another seed)';
  if (JSON.stringify(a.params) !== JSON.stringify(b.params)) return `the grid differs (${describeGrid(a.params)} vs ${describeGrid(b.params)})`;
  if (a.strategies.map((s) => s.id).join() !== b.strategies.map((s) => s.id).join()) return `the strategies differ (${a.strategies.map((s) => s.id).join(',')} vs ${b.strategies.map((s) => s.id).join(',')})`;
  if (a.replications !== b.replications) return `the replications differ (${a.replications} vs ${b.replications})`;
  if (a.stress !== b.stress) return `the stress differs (${a.stress} vs ${b.stress})`;
  return 'the format differs';
}

export function describeGrid(params: SweepParam[]): string {
  return params.map((p) => `${p.path}=${p.values.join(',')}`).join(' × ');
}

export const RESULT_COLUMNS = ['netEquity', 'customerEquity', 'cxSpendPV', 'workforceCostPV', 'acquisitionCostPV', 'alive'] as const;

export function resultsHeader(params: SweepParam[]): string {
  return ['cell', ...params.map((p) => p.path), 'strategy', 'replication', 'seed', ...RESULT_COLUMNS].map(csvField).join(',') + '\n';
}

/** The rows of one finished cell (no header), in job order: strategy by strategy, replication by replication. */
export function cellRows(cell: SweepCell, results: ReplicationResult[]): string {
  let out = '';
  for (const r of results) {
    out += [cell.index, ...cell.values, csvField(r.strategy), r.replication, r.seed, ...RESULT_COLUMNS.map((k) => r.totals[k])].join(',') + '\n';
  }
  return out;
}

export interface SweepRow {
  cell: number;
  values: number[];
  strategy: string;
  replication: number;
  seed: string;
  totals: Record<(typeof RESULT_COLUMNS)[number], number>;
}

/** Parses the rows of cell files (numbers are written in shortest round-trip form, so they parse back exactly). */
export function parseCellRows(text: string, paramCount: number): SweepRow[] {
  const rows: SweepRow[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const f = line.split(',');
    const expected = 1 + paramCount + 3 + RESULT_COLUMNS.length;
    if (f.length !== expected) throw new RangeError(`a sweep row has ${f.length} fields, expected ${expected}: ${line.slice(0, 80)}`);
    const values = f.slice(1, 1 + paramCount).map(Number);
    const [strategy, replication, seed] = f.slice(1 + paramCount, 4 + paramCount);
    const nums = f.slice(4 + paramCount).map(Number);
    rows.push({
      cell: Number(f[0]),
      values,
      strategy,
      replication: Number(replication),
      seed,
      totals: Object.fromEntries(RESULT_COLUMNS.map((k, i) => [k, nums[i]])) as SweepRow['totals'],
    });
  }
  return rows;
}

export interface SweepSummaryRow {
  cell: number;
  values: number[];
  strategy: string;
  netEquity: IntervalSummary;
  /** Net equity minus that of cell 0 (the first value of every parameter), same strategy, paired by replication; null in cell 0. */
  vsFirstCell: PairedDifference | null;
  /** CVaR 5% of net equity; null below 200 replications (fewer than 10 in the tail). */
  netEquityCvar5: number | null;
  /** Its percentile-bootstrap 95% interval (as in `stress`); null with it. */
  netEquityCvar5Ci95: [number, number] | null;
  customerEquity: IntervalSummary;
  cxSpendPV: number;
}

export function summariseSweep(rows: SweepRow[], strategies: string[]): SweepSummaryRow[] {
  const byKey = new Map<string, SweepRow[]>();
  for (const r of rows) {
    const key = `${r.cell}\u0000${r.strategy}`;
    const list = byKey.get(key) ?? [];
    list.push(r);
    byKey.set(key, list);
  }
  const cells = [...new Set(rows.map((r) => r.cell))].sort((a, b) => a - b);
  const byReplication = (rs: SweepRow[]) => rs.slice().sort((a, b) => a.replication - b.replication);
  const out: SweepSummaryRow[] = [];
  for (const cell of cells) {
    for (const s of strategies) {
      const rs = byKey.get(`${cell}\u0000${s}`);
      if (!rs || rs.length === 0) continue;
      const net = rs.map((r) => r.totals.netEquity);
      const first = byKey.get(`${cells[0]}\u0000${s}`);
      out.push({
        cell,
        values: rs[0].values,
        strategy: s,
        netEquity: summarise(net),
        vsFirstCell: cell === cells[0] || !first ? null : pairedDifference(byReplication(rs).map((r) => r.totals.netEquity), byReplication(first).map((r) => r.totals.netEquity)),
        netEquityCvar5: enoughForTail(net.length) ? expectedShortfall(net) : null,
        netEquityCvar5Ci95: enoughForTail(net.length) ? expectedShortfallCi(net) : null,
        customerEquity: summarise(rs.map((r) => r.totals.customerEquity)),
        cxSpendPV: rs.reduce((a, r) => a + r.totals.cxSpendPV, 0) / rs.length,
      });
    }
  }
  return out;
}

export function summaryCsv(params: SweepParam[], summary: SweepSummaryRow[]): string {
  let out =
    ['cell', ...params.map((p) => p.path), 'strategy', 'n', 'netEquity_mean', 'netEquity_se', 'netEquity_ci95_lo', 'netEquity_ci95_hi', 'netEquity_p5', 'netEquity_p95', 'netEquity_cvar5', 'vsFirstCell_mean', 'vsFirstCell_se', 'vsFirstCell_ci95_lo', 'vsFirstCell_ci95_hi', 'customerEquity_mean', 'customerEquity_se', 'cxSpendPV_mean', 'netEquity_cvar5_ci95_lo', 'netEquity_cvar5_ci95_hi']
      .map(csvField)
      .join(',') + '\n';
  for (const s of summary) {
    const n = s.netEquity;
    const d = s.vsFirstCell;
    out += [s.cell, ...s.values, csvField(s.strategy), n.n, n.mean, n.se, ...n.meanCi95, ...n.range90, s.netEquityCvar5 ?? '', d ? d.mean : 0, d ? d.se : 0, d ? d.meanCi95[0] : 0, d ? d.meanCi95[1] : 0, s.customerEquity.mean, s.customerEquity.se, s.cxSpendPV, s.netEquityCvar5Ci95?.[0] ?? '', s.netEquityCvar5Ci95?.[1] ?? ''].join(',') + '\n';
  }
  return out;
}
