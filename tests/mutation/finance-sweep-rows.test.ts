/**
 * Sweep rows and manifests: the cases the first mutation run of src/finance/sweep-results.ts left
 * open (issue 17 item 4).
 */
import { describe, expect, it } from 'vitest';
import { manifestDifference, parseCellRows, summariseSweep, SWEEP_FORMAT, type SweepManifest, type SweepRow } from '../../src/finance/sweep-results.ts';

const row = (cell: number, strategy: string, k: number, net: number): SweepRow => ({ cell, values: [cell], strategy, replication: k, seed: String(k), totals: { netEquity: net, customerEquity: 0, cxSpendPV: 0, workforceCostPV: 0, acquisitionCostPV: 0, alive: 0 } });

describe('sweep rows', () => {
  it('the change versus cell 0 pairs replications by index, whatever order the rows come in', () => {
    // cell 0: replication 0 → 10, 1 → 20, 2 → 60; cell 1 (rows in another order): 0 → 11, 1 → 22, 2 → 63
    // paired differences 1, 2, 3: mean 2, SE 1/√3 (unpaired by position they would be 53, −18, −35)
    const rows = [row(0, 'a', 0, 10), row(0, 'a', 1, 20), row(0, 'a', 2, 60), row(1, 'a', 2, 63), row(1, 'a', 0, 11), row(1, 'a', 1, 22)];
    const [, second] = summariseSweep(rows, ['a']);
    expect(second.vsFirstCell!.mean).toBeCloseTo(2, 12);
    expect(second.vsFirstCell!.se).toBeCloseTo(1 / Math.sqrt(3), 12);
  });
  it('a refused row is quoted up to 80 characters', () => {
    const long = '0,' + 'x'.repeat(100);
    expect(() => parseCellRows(long, 1)).toThrow(`a sweep row has 2 fields, expected 11: 0,${'x'.repeat(78)}`);
    try {
      parseCellRows(long, 1);
    } catch (e) {
      expect((e as Error).message.endsWith('x'.repeat(78))).toBe(true);
      expect((e as Error).message).not.toContain('x'.repeat(79));
    }
  });
  it('the strategies of both manifests are named, comma-separated', () => {
    const m = (ids: string[]): SweepManifest => ({ format: SWEEP_FORMAT, scenarioFile: 'f', scenario: { name: 'n', currency: 'EUR', seed: 1, horizonMonths: 12 }, scenarioHash: 'h', params: [], strategies: ids.map((id) => ({ id, name: id })), replications: 2, stress: 'none', cells: 1 });
    expect(manifestDifference(m(['a', 'b']), m(['a', 'c']))).toBe('the strategies differ (a,b vs a,c)');
  });
});
