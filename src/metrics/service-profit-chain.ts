/**
 * Service-profit-chain indicators (MODEL.md section 6): internal service quality, employee
 * engagement, turnover, service quality and workload — their mean over the horizon and their
 * value at the horizon, per strategy.
 */
import type { ReplicationResult } from '../engine/result.ts';
import type { IntervalSummary } from './interval.ts';
import { atHorizon, meanOverHorizon } from './series-bands.ts';

export const SERVICE_PROFIT_CHAIN = ['isq', 'engagement', 'turnover', 'serviceQuality', 'workload'] as const;
export type ServiceProfitIndicator = (typeof SERVICE_PROFIT_CHAIN)[number];

export interface IndicatorSummary {
  meanOverHorizon: IntervalSummary;
  atHorizon: IntervalSummary;
}

/** The indicators present in the results (a scenario without a workforce may omit some). */
export function serviceProfitChain(results: ReplicationResult[]): Partial<Record<ServiceProfitIndicator, IndicatorSummary>> {
  const out: Partial<Record<ServiceProfitIndicator, IndicatorSummary>> = {};
  for (const k of SERVICE_PROFIT_CHAIN) {
    if (!results[0].series[k]) continue;
    out[k] = { meanOverHorizon: meanOverHorizon(results, k), atHorizon: atHorizon(results, k) };
  }
  return out;
}
