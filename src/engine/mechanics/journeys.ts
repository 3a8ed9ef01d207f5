/**
 * Journeys and stages (docs/model.md §4.1): customers move between the stages of their journey
 * by each stage's per-step transition row (monthly rows × months per step, exact at monthly steps);
 * "exit" ends the relationship, as does satisfaction below a stage's exitBelow. The transitions are
 * per customer (customer-step.ts, kernel/); a stage's margin multiplier and fixed cost act on the
 * customer's margin (§2.7). Series: stage.<stage> (customers in each stage at the end of the step).
 */
import type { Mechanic } from './mechanic.ts';

export interface JourneyState {
  stages: Float64Array[];
}

export const journeys: Mechanic<JourneyState> = {
  name: 'journeys',
  start(r) {
    return { stages: r.series.family('stage', r.m.stageLabels) };
  },
  after(s, r, t) {
    const scale = r.m.agentScale;
    for (let k = 0; k < r.m.stageIds.length; k++) s.stages[k][t] = r.out.stageCount[k] * scale;
  },
};
