/**
 * Scenario builders for engine tests: a "neutral" scenario has every CX, workforce and
 * pool effect switched off (no touchpoints, no contacts, no competitors, constant wallets,
 * satisfaction at the reference), so the closed forms of MODEL.md §9 apply exactly.
 */
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.ts';
import { deepMerge } from '../../src/scenario/merge.ts';

export function neutralInput(over: Record<string, unknown> = {}): ScenarioInput {
  const base: ScenarioInput = {
    meta: { name: 'neutral', horizonMonths: 60, seed: 7, replications: 1, discountRate: 0.1 },
    behaviour: { satisfactionReference: 0.6, promoterThreshold: 2 },
    pools: { core: { marginRate: 0.3 } },
    segments: {
      s: {
        initialCustomers: 20000,
        churn: { alpha: 1.2, beta: 3 },
        wallet: { core: { mean: 100, cv: 0 } },
        serviceNeed: 0,
        initialSatisfaction: 0.6,
      },
    },
    journeys: { j: { stages: { only: {} } } },
    strategies: { none: { baseline: true } },
  };
  const merged = deepMerge(base, over) as ScenarioInput;
  // churn is a union (Beta or a fixed rate): an override replaces it whole rather than merging into it
  const churn = (over as { segments?: Record<string, { churn?: unknown }> }).segments?.s?.churn;
  if (churn) (merged.segments.s as { churn: unknown }).churn = churn;
  return merged;
}

export function neutral(over: Record<string, unknown> = {}): Scenario {
  return Scenario.parse(neutralInput(over));
}

/** Monthly margin of a neutral customer: wallet × base share of wallet × margin rate. */
export const NEUTRAL_MARGIN = 100 * 0.5 * 0.3;
