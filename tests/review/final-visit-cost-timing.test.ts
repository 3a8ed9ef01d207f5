/**
 * Seam valuation × finance: ROI's ΔV (docs/metrics.md, "ROI on strategy-driven costs") is the
 * present value of the touchpoint visit costs that sit inside customer equity's margin. With
 * payment in advance (valuation.paymentTiming) the engine discounts a step's margin — visit
 * costs included — at the start of the step, so ΔV must use the same factor; it used the end
 * of the step (one step's discount off: 0.8% a month at 10% a year). And ΔV left out the
 * visit costs of touchpoints that serve a pool (charged to margin.<p>, absent from the
 * visitCost series): ROI's denominator missed them entirely.
 * Check: adding a cost per visit lowers customer equity by exactly visitCostPV (beyond the
 * horizon switched off, so nothing else moves; draws are counter-based, so the runs are the
 * same customers). Tolerance 1e-5 relative: per-customer values are Float32 (≈6e-8 per term,
 * tens of terms), the gap being tested is 8e-3.
 */
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/cli/scenario-file.ts';
import { simulateReplication } from '../../src/engine/replication.ts';
import { visitCostPV } from '../../src/metrics/comparison.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

function variant(timing: 'arrears' | 'advance', costPerVisit: number, pooled = false): Scenario {
  const s = structuredClone(readScenario('scenarios/workshop-101.yaml'));
  s.meta.agentScale = 20;
  s.valuation.beyondHorizon = 'none';
  s.valuation.paymentTiming = timing;
  let found = 0;
  for (const j of Object.values(s.journeys)) {
    for (const st of Object.values(j.stages)) {
      const tp = st.touchpoints.queue;
      if (tp) {
        if (!pooled) delete tp.pool; // unpooled, or charged to the pool's margin
        tp.costPerVisit = costPerVisit;
        found++;
      }
    }
  }
  expect(found).toBe(1);
  return s;
}

describe('visit costs in ROI are discounted as the engine discounts them', () => {
  for (const [timing, pooled] of [['arrears', false], ['advance', false], ['arrears', true], ['advance', true]] as const) {
    it(`${timing}, ${pooled ? 'a pool\'s touchpoint' : 'a touchpoint without a pool'}: customer equity falls by exactly visitCostPV`, () => {
      const strategy = 'status-quo' in readScenario('scenarios/workshop-101.yaml').strategies ? 'status-quo' : Object.keys(readScenario('scenarios/workshop-101.yaml').strategies)[0];
      const free = simulateReplication({ scenario: variant(timing, 0, pooled), strategy, replication: 0 });
      const paid = simulateReplication({ scenario: variant(timing, 5, pooled), strategy, replication: 0 });
      const pv = visitCostPV(paid);
      expect(pv).toBeGreaterThan(0);
      const drop = free.totals.customerEquity - paid.totals.customerEquity;
      expect(Math.abs(drop - pv) / pv).toBeLessThan(1e-5);
    });
  }
});
