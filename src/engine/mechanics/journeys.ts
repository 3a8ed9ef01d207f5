/**
 * Journeys and stages (docs/model.md §4.1): customers move between the stages of their journey
 * by each stage's per-step transition row (monthly rows × months per step, exact at monthly steps);
 * "exit" ends the relationship, as does satisfaction below a stage's exitBelow. The transitions are
 * per customer (customer-step.ts, kernel/); a stage's margin multiplier and fixed cost act on the
 * customer's margin (§2.7). Series: stage.<stage> (customers in each stage at the end of the step).
 */
import type { CompileContext } from '../../model/compile.ts';
import type { Mechanic } from './mechanic.ts';

/** The target of a transition that ends the relationship. */
export const EXIT = -1;

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

/** Journeys' stages, numbered globally, and their per-step transition rows. */
export interface CompiledJourneys {
  stageIds: string[];
  /** Unique display labels of stages: the stage id, or journey/stage where ids repeat across journeys. */
  stageLabels: string[];
  stageJourney: Int32Array;
  journeyFirstStage: Int32Array;
  journeyInitialStage: Int32Array;
  /** For stage s, its transition targets are transTarget[transStart[s] .. transStart[s+1]) with cumulative probabilities. */
  transStart: Int32Array;
  transTarget: Int32Array;
  transCum: Float64Array;
  stageExitBelow: Float64Array; // -Infinity when none
  /** Probability per step of the transition to "exit" from each stage (0 when none). */
  stageExitStep: Float64Array;
  /** Multiplier on revenue × margin rate while in each stage. */
  stageMarginMult: Float64Array;
  /** Fixed cost per customer per step while in each stage. */
  stageCostStep: Float64Array;
}

export function compileJourneys(c: CompileContext): CompiledJourneys {
  const { sc, clock, journeyIds } = c;
  const perMonthToStep = clock.monthsPerStep;
  const stageIds: string[] = [];
  const stageJourney: number[] = [];
  const journeyFirstStage: number[] = [];
  const journeyInitialStage: number[] = [];
  const stageIndex = new Map<string, number>();
  journeyIds.forEach((jid, j) => {
    const journey = sc.journeys[jid];
    const ids = Object.keys(journey.stages);
    journeyFirstStage.push(stageIds.length);
    ids.forEach((sid) => {
      stageIndex.set(`${jid}/${sid}`, stageIds.length);
      stageIds.push(sid);
      stageJourney.push(j);
    });
    journeyInitialStage.push(stageIndex.get(`${jid}/${journey.initialStage ?? ids[0]}`) ?? journeyFirstStage[j]);
  });
  const transStart: number[] = [];
  const transTarget: number[] = [];
  const transCum: number[] = [];
  const stageExitBelow: number[] = [];
  const stageExitStep: number[] = [];
  const stageMarginMult: number[] = [];
  const stageCostStep: number[] = [];
  journeyIds.forEach((jid) => {
    const journey = sc.journeys[jid];
    for (const [sid, stage] of Object.entries(journey.stages)) {
      const self = stageIndex.get(`${jid}/${sid}`)!;
      transStart.push(transTarget.length);
      // Per-step transition probabilities from monthly ones: off-diagonal × months per step, exact at monthly steps.
      const row = stage.next ?? { [sid]: 1 };
      let cum = 0;
      let stay = 1;
      const entries: [number, number][] = [];
      for (const [target, pMonth] of Object.entries(row)) {
        const idx = target === 'exit' ? EXIT : stageIndex.get(`${jid}/${target}`)!;
        if (idx === self) continue;
        const p = Math.min(1, pMonth * perMonthToStep);
        entries.push([idx, p]);
        stay -= p;
      }
      if (stay > 0) entries.unshift([self, stay]);
      const total = entries.reduce((a, [, p]) => a + p, 0);
      for (const [idx, p] of entries) {
        cum += p / total;
        transTarget.push(idx);
        transCum.push(cum);
      }
      transCum[transCum.length - 1] = 1;
      stageExitStep.push(entries.filter(([idx]) => idx === EXIT).reduce((a, [, p]) => a + p / total, 0));
      stageExitBelow.push(stage.exitBelow ?? -Infinity);
      stageMarginMult.push(stage.marginMultiplier);
      stageCostStep.push(stage.costPerMonth * perMonthToStep);
    }
  });
  transStart.push(transTarget.length);
  const f64 = (xs: number[]) => Float64Array.from(xs);
  return {
    stageIds,
    stageLabels: stageIds.map((sid, s) => (stageIds.indexOf(sid) === stageIds.lastIndexOf(sid) ? sid : `${journeyIds[stageJourney[s]]}/${sid}`)),
    stageJourney: Int32Array.from(stageJourney),
    journeyFirstStage: Int32Array.from(journeyFirstStage),
    journeyInitialStage: Int32Array.from(journeyInitialStage),
    transStart: Int32Array.from(transStart),
    transTarget: Int32Array.from(transTarget),
    transCum: f64(transCum),
    stageExitBelow: f64(stageExitBelow),
    stageExitStep: f64(stageExitStep),
    stageMarginMult: f64(stageMarginMult),
    stageCostStep: f64(stageCostStep),
  };
}
