/**
 * A stress test with hand-chosen results instead of simulations (tests/mutation/finance-stress*):
 * scenario `levered` (tests/finance/levered.ts), strategies zero (the baseline) and
 * spend, the columns unstressed, the named stress "slump" and one ad-hoc shock, 4 replications.
 * Net equity by replication (customer equity = net equity + 10, CX spend PV = 5 for zero, 30 for
 * spend):
 *
 *   | strategy | none              | slump          | shock-1          |
 *   |----------|-------------------|----------------|------------------|
 *   | zero     | 100, 110, 90, 100 | 80, 90, 70, 80 | 95, 105, 85, 95  |
 *   | spend    | 120, 126, 114, 120| 70, 84, 56, 70 | 96, 104, 94, 98  |
 */
import type { ReplicationResult } from '../../src/engine/result.ts';
import type { StressShock } from '../../src/scenario/schema.ts';
import { planStress, stressColumns, summariseStress, type StressTest } from '../../src/finance/stress-test.ts';
import { levered } from '../finance/levered.ts';

export const NET: Record<string, Record<string, number[]>> = {
  zero: { none: [100, 110, 90, 100], slump: [80, 90, 70, 80], 'shock-1': [95, 105, 85, 95] },
  spend: { none: [120, 126, 114, 120], slump: [70, 84, 56, 70], 'shock-1': [96, 104, 94, 98] },
};
export const SHOCK: StressShock = { kind: 'competitorLeap', pool: 'core', month: 12, increase: 0.1 };

export function stressFixture(threshold?: number): StressTest {
  const scenario = levered();
  const strategies = ['zero', 'spend'];
  const columns = stressColumns(scenario, ['slump'], [{ text: 'competitorLeap:core@12+0.1', shocks: [SHOCK] }]);
  const plan = planStress(scenario, strategies, columns, 4);
  // results in job order, but each cell's replications reversed (the summary sorts them back)
  const results: ReplicationResult[] = [];
  for (const c of plan.cells) {
    const cell: ReplicationResult[] = [];
    for (let k = 0; k < 4; k++) {
      const net = NET[c.strategy][c.stress][k];
      cell.push({ strategy: c.strategy, replication: k, seed: `s${k}`, totals: { netEquity: net, customerEquity: net + 10, cxSpendPV: c.strategy === 'zero' ? 5 : 30 } } as unknown as ReplicationResult);
    }
    results.push(...cell.reverse());
  }
  return summariseStress({ scenario, strategies, columns, plan, results, ...(threshold === undefined ? {} : { threshold }) });
}
