/**
 * The service-profit chain (MODEL.md §6, docs/model.md §6): firm-level workforce state,
 * updated once per step from the previous step's aggregates (so customers within a step are
 * independent of each other).
 *
 *   W   = human contacts(t−1) / (headcount · productivity · (h + (1−h)·X))
 *   ISQ = base + (1 − base)·effect(employee-support capital)
 *   E*  = clamp(e_base + e_isq·ISQ − e_burn·max(0, W − 1)),   E ← E + (E* − E)·(1 − e^(−Δ/τ))
 *   turnover (annual) = clamp(annualRate·exp(−sens·(E − ref)))   → per step, × stress
 *   X   ← (X + (1 − X)·(1 − e^(−Δ/learn)))·(H − leavers)/H'   (leavers take the average experience, hires bring none)
 *   SQ  = clamp(sq_base + sq_E·E + sq_X·X − sq_over·max(0, W − 1))
 */
import type { CompiledWorkforce } from '../model/compile.ts';

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

export interface WorkforceStep {
  workload: number;
  isq: number;
  engagement: number;
  /** Share of employees leaving this step. */
  turnover: number;
  experience: number;
  headcount: number;
  serviceQuality: number;
  hires: number;
  /** Workforce cost of the step: wages + hiring and training (automated contacts are added by the engine). */
  cost: number;
}

export class WorkforceState {
  engagement: number;
  experience: number;
  headcount: number;

  constructor(private readonly wf: CompiledWorkforce, private readonly stepsPerYear: number) {
    this.engagement = wf.engagement0;
    this.experience = wf.experience0;
    this.headcount = wf.headcount;
  }

  capacity(): number {
    const w = this.wf;
    return this.headcount * w.productivityPerStep * (w.newHireProductivity + (1 - w.newHireProductivity) * this.experience);
  }

  /** Advances one step given last step's human contacts (real), the employee-support effect and the stress multiplier on turnover. */
  step(humanContacts: number, supportEffect: number, turnoverMultiplier: number): WorkforceStep {
    const w = this.wf;
    const cap = this.capacity();
    const workload = cap > 0 ? humanContacts / cap : humanContacts > 0 ? 10 : 0;
    const overload = Math.max(0, workload - 1);
    const isq = w.isqBase + (1 - w.isqBase) * supportEffect;
    const target = clamp01(w.engBase + w.engIsq * isq - w.engBurnout * overload);
    this.engagement += (target - this.engagement) * w.engRelax;
    const annual = clamp01(w.turnoverAnnual * Math.exp(-w.turnoverSens * (this.engagement - w.turnoverRef)));
    const turnover = clamp01((1 - Math.pow(1 - annual, 1 / this.stepsPerYear)) * turnoverMultiplier);
    const leavers = this.headcount * turnover;
    let hires = leavers;
    if (w.demandStaffing) {
      // headcount whose capacity (with the current learning curve) meets demand at the target workload
      const perHead = w.productivityPerStep * (w.newHireProductivity + (1 - w.newHireProductivity) * this.experience) * w.targetWorkload;
      const needed = perHead > 0 ? humanContacts / perHead : 0;
      hires = Math.max(0, leavers + (needed - this.headcount) * w.adjustPerStep);
    }
    const next = Math.max(0, this.headcount - leavers + hires);
    this.experience += (1 - this.experience) * w.learnRelax;
    // Leavers take average experience with them; hires arrive with none.
    this.experience = next > 0 ? (this.experience * (this.headcount - leavers)) / next : 0;
    this.headcount = next;
    const serviceQuality = clamp01(w.sqBase + w.sqEngagement * this.engagement + w.sqExperience * this.experience - w.sqOverload * overload);
    const cost = this.headcount * w.wagePerStep + hires * w.hireCost;
    return { workload, isq, engagement: this.engagement, turnover, experience: this.experience, headcount: this.headcount, serviceQuality, hires, cost };
  }
}
