/**
 * The service-profit chain (MODEL.md §6, docs/model.md §6) and service contacts (§4.5): firm-level
 * workforce state, updated once per step from the previous step's aggregates (so customers within
 * a step are independent of each other).
 *
 *   W   = human contacts(t−1) / (headcount · productivity · (h + (1−h)·X))
 *   ISQ = base + (1 − base)·effect(employee-support capital)
 *   E*  = clamp(e_base + e_isq·ISQ − e_burn·max(0, W − 1)),   E ← E + (E* − E)·(1 − e^(−Δ/τ))
 *   turnover (annual) = clamp(annualRate·exp(−sens·(E − ref)))   → per step, × stress
 *   X   ← (X + (1 − X)·(1 − e^(−Δ/learn)))·(H − leavers)/H'   (leavers take the average experience, hires bring none)
 *   SQ  = clamp(sq_base + sq_E·E + sq_X·X − sq_over·max(0, W − 1))
 *   deflection = d0 + (1 − d0)·effect(automation),  automation quality = a0 + (1 − a0)·effect(automationQuality)   §6.3
 *   contact quality: human = base + weight·SQ; automated = base + weight·AQ − autoFriction·(1 − AQ)          §4.5
 *   cost = headcount·wage + hires·(hiring + training) + automated contacts·cost per contact                 §6.4
 *
 * Series: engagement, turnover, serviceQuality, workload, isq, headcount, employeeExperience,
 * deflection, automationQuality, workforceCost, contacts.
 *
 * Parameters: compileWorkforce. Kernel fragment: contactsFragment.
 */
import type { CompileContext, CompiledModel } from '../../model/compile.ts';
import { perStepProbability } from '../../model/time.ts';
import { T_AUTO, T_HUMAN, type StepInput } from '../customer-step.ts';
import { levers } from './levers.ts';
import type { Mechanic } from './mechanic.ts';
import { _, type Code } from '../kernel/codegen.ts';
import { draw, normal } from '../kernel/fragments.ts';
import type { KernelShape } from '../kernel/generate.ts';
import { U_CONTACTS, U_CONTACT_NOISE, U_DEFLECT } from '../customer-step.ts';

export interface CompiledWorkforce {
  headcount: number;
  wagePerStep: number;
  productivityPerStep: number;
  hireCost: number;
  demandStaffing: boolean;
  targetWorkload: number;
  adjustPerStep: number;
  isqBase: number;
  engagement0: number;
  engBase: number;
  engIsq: number;
  engBurnout: number;
  engRelax: number;
  turnoverAnnual: number;
  turnoverSens: number;
  turnoverRef: number;
  experience0: number;
  learnRelax: number;
  newHireProductivity: number;
  sqBase: number;
  sqEngagement: number;
  sqExperience: number;
  sqOverload: number;
  deflection0: number;
  autoQuality0: number;
  autoCostPerContact: number;
  autoFriction: number;
}

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

/** The service contacts' step constants: the quality of a human contact at service quality sq, and of an automated one. */
export function contactConstants(m: CompiledModel, z: StepInput, sq: number, autoQuality: number): void {
  z.contactHuman = m.contactBase + m.contactWeight * sq;
  z.contactAuto = m.contactBase + m.contactWeight * autoQuality - (m.workforce ? m.workforce.autoFriction : 0) * (1 - autoQuality);
}

/** The workforce of one replication (null without a workforce block) and what the step reads of it. */
export interface WorkforceRun {
  wf: WorkforceState | null;
  /** Human contacts (real) of the previous step: the workload of this one. */
  lastHumanContacts: number;
  /** This step's service quality, deflection and automation quality (also what a run-off holds). */
  sq: number;
  deflection: number;
  autoQuality: number;
  engagement: Float64Array;
  turnover: Float64Array;
  serviceQuality: Float64Array;
  workload: Float64Array;
  isq: Float64Array;
  headcount: Float64Array;
  experience: Float64Array;
  deflectionSeries: Float64Array;
  automationQuality: Float64Array;
  cost: Float64Array;
  contacts: Float64Array;
}

export const workforce: Mechanic<WorkforceRun> = {
  name: 'workforce',
  start(r) {
    const { m, pop, series } = r;
    let need = 0;
    for (let i = 0; i < pop.size; i++) need += m.segNeedStep[pop.segment[i]];
    return {
      wf: m.workforce ? new WorkforceState(m.workforce, m.clock.stepsPerYear) : null,
      lastHumanContacts: need * m.agentScale * (1 - (m.workforce?.deflection0 ?? 0)), // real contacts
      sq: 0.7,
      deflection: 0,
      autoQuality: 1,
      engagement: series.one('engagement'),
      turnover: series.one('turnover'),
      serviceQuality: series.one('serviceQuality'),
      workload: series.one('workload'),
      isq: series.one('isq'),
      headcount: series.one('headcount'),
      experience: series.one('employeeExperience'),
      deflectionSeries: series.one('deflection'),
      automationQuality: series.one('automationQuality'),
      cost: series.one('workforceCost'),
      contacts: series.one('contacts'),
    };
  },
  before(s, r, t) {
    const { m } = r;
    let sq = 0.7, deflection = 0, autoQuality = 1;
    if (s.wf && m.workforce) {
      const fx = r.state(levers).fx;
      const w = s.wf.step(s.lastHumanContacts, fx.support, m.stress.turnover[t]);
      sq = w.serviceQuality;
      deflection = m.workforce.deflection0 + (1 - m.workforce.deflection0) * fx.automation;
      autoQuality = m.workforce.autoQuality0 + (1 - m.workforce.autoQuality0) * fx.autoQuality;
      s.engagement[t] = w.engagement;
      s.turnover[t] = w.turnover;
      s.serviceQuality[t] = sq;
      s.workload[t] = w.workload;
      s.isq[t] = w.isq;
      s.headcount[t] = w.headcount;
      s.experience[t] = w.experience;
      s.cost[t] = w.cost;
    } else {
      s.serviceQuality[t] = sq;
    }
    s.deflectionSeries[t] = deflection;
    s.automationQuality[t] = autoQuality;
    s.sq = sq;
    s.deflection = deflection;
    s.autoQuality = autoQuality;
    r.step.deflection = deflection;
    contactConstants(m, r.step, sq, autoQuality);
  },
  after(s, r, t) {
    const { m, out } = r;
    const scale = m.agentScale;
    const humanContacts = out.tally[T_HUMAN], autoContacts = out.tally[T_AUTO];
    s.contacts[t] = (humanContacts + autoContacts) * scale;
    s.lastHumanContacts = humanContacts * scale;
    if (m.workforce) s.cost[t] += autoContacts * scale * m.workforce.autoCostPerContact;
  },
};

/** The workforce (null without a workforce block), contact quality and each segment's service need per step. */
export interface CompiledWorkforcePart {
  workforce: CompiledWorkforce | null;
  contactBase: number;
  contactWeight: number;
  contactNoise: number;
  segNeedStep: Float64Array;
}

export function compileWorkforce(c: CompileContext): CompiledWorkforcePart {
  const { sc, clock, segmentIds } = c;
  const perMonthToStep = clock.monthsPerStep;
  const wf = sc.workforce;
  const workforce: CompiledWorkforce | null = wf
    ? {
        headcount: wf.headcount,
        wagePerStep: wf.wagePerMonth * perMonthToStep,
        productivityPerStep: wf.productivity * perMonthToStep,
        hireCost: wf.hiringCost + wf.trainingCost,
        demandStaffing: wf.staffing.policy === 'demand',
        targetWorkload: wf.staffing.targetWorkload,
        adjustPerStep: perStepProbability(wf.staffing.adjustmentPerMonth, clock),
        isqBase: wf.internalServiceQuality.base,
        engagement0: wf.engagement.initial,
        engBase: wf.engagement.base,
        engIsq: wf.engagement.isqWeight,
        engBurnout: wf.engagement.burnoutWeight,
        engRelax: 1 - Math.exp(-perMonthToStep / wf.engagement.timeConstantMonths),
        turnoverAnnual: wf.turnover.annualRate,
        turnoverSens: wf.turnover.engagementSensitivity,
        turnoverRef: wf.turnover.reference,
        experience0: wf.experience.initial,
        learnRelax: 1 - Math.exp(-perMonthToStep / wf.experience.learningMonths),
        newHireProductivity: wf.experience.newHireProductivity,
        sqBase: wf.serviceQuality.base,
        sqEngagement: wf.serviceQuality.engagementWeight,
        sqExperience: wf.serviceQuality.experienceWeight,
        sqOverload: wf.serviceQuality.overloadPenalty,
        deflection0: wf.automation.deflection,
        autoQuality0: wf.automation.quality,
        autoCostPerContact: wf.automation.costPerContact,
        autoFriction: wf.automation.frictionAtZeroQuality,
      }
    : null;
  return {
    workforce,
    contactBase: wf ? wf.contact.baseQuality : 0.45,
    contactWeight: wf ? wf.contact.serviceWeight : 0.4,
    contactNoise: wf ? wf.contact.noise : 0.15,
    segNeedStep: Float64Array.from(segmentIds.map((id) => sc.segments[id].serviceNeed * perMonthToStep)),
  };
}

/**
 * Kernel fragment (generate.ts): the customer's service contacts of the step — a Poisson count
 * with mean need (segment × portfolio), deflected to automation with probability `deflection`;
 * one experience per step at the human or automated contact quality + boost + noise.
 */
export function contactsFragment(sh: KernelShape): Code {
  const K = sh.portfolios;
  const oneK = K === 1;
  return sh.contacts
    ? _`const need = needNow[${oneK ? _`seg` : _`seg * ${K} + port`}];
    if (need > 0) {
      const u = ${draw(U_CONTACTS)};
      let pk = p0Need[${oneK ? _`seg` : _`seg * ${K} + port`}];
      let cdf = pk;
      let contacts = 0;
      while (u > cdf && contacts < 100) {
        contacts++;
        pk *= need / contacts;
        cdf += pk;
      }
      if (contacts > 0) {
        let e = contactHuman;
        if (${draw(U_DEFLECT)} < deflection) {
          autoContacts += contacts;
          e = contactAuto;
        } else {
          humanContacts += contacts;
        }
        sumE += e + boost + contactNoise * ${normal(U_CONTACT_NOISE)};
        nE++;
      }
    }`
    : _``;
}
