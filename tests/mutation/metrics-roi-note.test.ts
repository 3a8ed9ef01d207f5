/**
 * ROI's notes when no ratio is given (src/metrics/roi.ts): the materiality band is stated as the
 * percentage it is (ROI_MATERIALITY = 1%), with the cost parts in the given money format.
 */
import { describe, expect, it } from 'vitest';
import { roi, ROI_MATERIALITY } from '../../src/metrics/roi.ts';

describe('roi notes', () => {
  it('same cost within the 1% band of the scale', () => {
    expect(ROI_MATERIALITY).toBe(0.01);
    // Δ costs 0.5 + 0.25 + 0 = 0.75 ≤ 1% of 100
    const r = roi([3, 5], { cxSpendPV: [0.5, 0.5], workforceCostPV: [0.25, 0.25], visitCostPV: [0, 0] }, -100, (x) => x.toFixed(2));
    expect(r).toMatchObject({ value: null, se: null, meanCi95: null, materiality: 1, deltaCostPV: 0.75, short: 'same cost (±1%)' });
    expect(r.note).toBe(
      'costs about the same as the baseline: Δ costs 0.75 (CX spend 0.50, workforce 0.25, visits 0.00) is within the 1% materiality band (1.00), so a ratio would be noise: read Δ net equity',
    );
  });
  it('less cost than the baseline', () => {
    const r = roi([3, 5], { cxSpendPV: [-5, -5], workforceCostPV: [0, 0], visitCostPV: [-1, -3] }, 100, (x) => x.toFixed(1));
    expect(r).toMatchObject({ value: null, short: 'costs less', deltaCostPV: -7 });
    expect(r.note).toBe('costs less than the baseline (Δ costs -7.0: CX spend -5.0, workforce 0.0, visits -2.0): there is no extra investment to return on: read Δ net equity');
  });
});
