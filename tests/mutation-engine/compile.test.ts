/**
 * compileModel (src/model/compile.ts and each mechanic's compile part) pinned on a quarterly
 * scenario that sets every parameter: every per-month quantity × 3 months, per-year Bass
 * coefficients ÷ 4, probabilities per month → per quarter (1 − (1 − p)³), relaxations
 * 1 − e^(−3/τ), the journey's transition rows, touchpoints, portfolios, competitors and stress.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { compileModel, EXIT, type CompiledModel } from '../../src/model/compile.ts';
import { Scenario } from '../../src/scenario/schema.ts';

const input = {
  meta: { name: 'pinned', horizonMonths: 12, stepsPerYear: 4, seed: 3, discountRate: 0.1, agentScale: 2 },
  behaviour: { satisfactionMemory: 0.7, satisfactionReference: 0.55, promoterThreshold: 0.8, churnSatisfactionSensitivity: 2.5, competitivePull: 1.5, captureSensitivity: 5, shareOfWallet: { base: 0.2, satisfactionSlope: 1.5, readinessSlope: 2.5 }, portfolioReviewMonths: 7 },
  pools: {
    core: { marginRate: 0.3, costToServe: 2, readiness: 0.4, wallet: { trajectory: { type: 'cagr', rate: 0.21 } } },
    emer: { kind: 'emerging', marginRate: 0.25, readiness: 0.6, initialAdoption: 0.1, bass: { p: 0.04, q: 0.4 } },
  },
  competitors: { rival: { experience: { core: 0.5, emer: { points: [[0, 0.2], [6, 0.8]] } } } },
  segments: {
    a: { initialCustomers: 1001, churn: { alpha: 1, beta: 3 }, wallet: { core: { mean: 100, cv: 0.5 }, emer: { mean: 30, cv: 0.2 } }, acquisition: { prospectsPerMonth: 1000, conversion: 0.02, cost: 50, referralCost: 5 }, serviceNeed: 0.2, referralRate: 0.01, initialSatisfaction: 0.65, cxSensitivity: { mean: 1.2, cv: 0.3 } },
    b: { initialCustomers: 400, journey: 'j2', churn: { annualRate: 0.2 }, wallet: { core: { mean: 80 } }, adoption: { emer: 2 } },
  },
  portfolios: {
    vip: { rule: { metric: 'monthlyMargin', min: 20 }, treatment: { experienceBoost: 0.1, churnMultiplier: 0.8, serviceNeedMultiplier: 1.5, costPerCustomerPerMonth: 4 } },
    rest: {},
  },
  journeys: {
    j1: {
      stages: {
        onboard: { next: { active: 0.2, exit: 0.1 }, exitBelow: 0.2, marginMultiplier: 0.5, costPerMonth: 3, touchpoints: { signup: { visitProbability: 0.5, friction: 0.3, floor: 0.4, costPerVisit: 2, pool: 'core', served: 'human', controllable: false, baseQuality: 0.6, serviceWeight: 0.35, noise: 0.1 } } },
        active: { touchpoints: { app: { visitProbability: 0.2, friction: 0.1, floor: 0.05 } } },
      },
      initialStage: 'active',
    },
    j2: { stages: { active: { next: { exit: 0.5 } } } },
  },
  levers: { fix: { kind: 'friction', targets: ['app'], decayPerMonth: 0.1, lagMonths: 4, response: { scale: 100 } } },
  workforce: {
    headcount: 20, wagePerMonth: 3000, productivity: 500, hiringCost: 1000, trainingCost: 500,
    staffing: { policy: 'demand', targetWorkload: 0.85, adjustmentPerMonth: 0.1 },
    internalServiceQuality: { base: 0.35 },
    engagement: { initial: 0.55, base: 0.25, isqWeight: 0.5, burnoutWeight: 0.7, timeConstantMonths: 6 },
    turnover: { annualRate: 0.25, engagementSensitivity: 2, reference: 0.5 },
    experience: { initial: 0.65, learningMonths: 12, newHireProductivity: 0.4 },
    serviceQuality: { base: 0.15, engagementWeight: 0.45, experienceWeight: 0.25, overloadPenalty: 0.5 },
    automation: { deflection: 0.1, quality: 0.2, costPerContact: 0.3, frictionAtZeroQuality: 0.35 },
    contact: { baseQuality: 0.5, serviceWeight: 0.3, noise: 0.12 },
  },
  strategies: { none: { baseline: true }, spend: { budget: { perYear: 400, allocation: { fix: 1 } } } },
  stresses: { leap: { shocks: [{ kind: 'competitorLeap', pool: 'core', month: 6, increase: 0.6 }] } },
};
// compiled inside each test (beforeEach), not at module level: Stryker's per-test coverage only
// sees what runs during a test
let m: CompiledModel;
beforeEach(() => {
  m = compileModel({ scenario: Scenario.parse(input), strategy: 'spend', replication: 0, stress: 'leap' });
});
const arr = (a: ArrayLike<number>) => Array.from(a);

describe('compileModel: job, clock, behaviour', () => {
  it('the job', () => {
    expect([m.scenarioName, m.strategyId, m.stressLabel, m.replication, m.seed, m.agentScale]).toEqual(['pinned', 'spend', 'leap', 0, 3, 2]);
    expect([m.clock.steps, m.clock.monthsPerStep, m.clock.stepsPerYear]).toEqual([4, 3, 4]);
    expect(compileModel({ scenario: Scenario.parse(input), strategy: 'none', replication: 1 }).stressLabel).toBe('none');
    expect(compileModel({ scenario: Scenario.parse(input), strategy: 'none', replication: 1, shocks: [{ kind: 'budgetCut', fromMonth: 0, cut: 0.5 }] }).stressLabel).toBe('ad-hoc');
    expect(compileModel({ scenario: Scenario.parse(input), strategy: 'none', replication: 1, stress: 'leap', shocks: [{ kind: 'budgetCut', fromMonth: 0, cut: 0.5 }] }).stressLabel).toBe('leap+ad-hoc');
    expect(() => compileModel({ scenario: Scenario.parse(input), strategy: 'none', replication: 1, stress: 'nope' })).toThrow(/unknown stress "nope"/);
  });
  it('behaviour', () => {
    expect([m.satMemory, m.satRef, m.promoterThreshold, m.churnSatSens, m.competitivePull, m.captureSens, m.sowSatSlope, m.sowReadinessSlope]).toEqual([0.7, 0.55, 0.8, 2.5, 1.5, 5, 1.5, 2.5]);
    expect(m.sowLogitBase).toBeCloseTo(Math.log(0.25), 14); // logit 0.2
    expect(m.portfolioReviewSteps).toBe(2); // 7 months / 3 = 2.33 → 2
  });
});

describe('compileModel: parameter draws, stresses, run-off clock', () => {
  const uncertain = {
    ...input,
    pools: { ...input.pools, core: { ...input.pools.core, marginRate: { dist: 'uniform', min: 0.2, max: 0.4 } } },
    strategies: { none: { baseline: true }, spend: { budget: { perYear: { dist: 'uniform', min: 300, max: 500 }, allocation: { fix: 1 } } }, spendMore: { budget: { perYear: { dist: 'uniform', min: 600, max: 900 }, allocation: { fix: 1 } } } },
    stresses: { leap: { shocks: [{ kind: 'competitorLeap', pool: 'core', month: 6, increase: { dist: 'uniform', min: 0.1, max: 0.2 } }] } },
  };
  it('keeps the draws of this strategy and of the scenario, not those of other strategies or of stresses', () => {
    const u = compileModel({ scenario: Scenario.parse(uncertain), strategy: 'spend', replication: 2, stress: 'leap' });
    expect(Object.keys(u.params).sort()).toEqual(['pools.core.marginRate', 'strategies.spend.budget.perYear']);
    expect(u.marginRate[0]).toBe(u.params['pools.core.marginRate']);
    expect(u.plan.budget[0]).toBeCloseTo(u.params['strategies.spend.budget.perYear'] / 4, 12);
    // the stress's draw is applied (0.5 + increase from month 6) though not reported
    expect(u.competitorLevel[2]).toBeGreaterThanOrEqual(0.6);
    expect(u.competitorLevel[2]).toBeLessThanOrEqual(0.7);
    expect(u.competitorLevel[1]).toBe(0.5);
  });
  it('stress "none" is no stress, even when a stress is named none', () => {
    const named = compileModel({ scenario: Scenario.parse({ ...input, stresses: { none: { shocks: [{ kind: 'budgetCut', fromMonth: 0, cut: 0.5 }] } } }), strategy: 'none', replication: 0, stress: 'none' });
    expect(arr(named.stress.budget)).toEqual([1, 1, 1, 1]);
    expect(named.stressLabel).toBe('none');
  });
  it('stress "none" is no stress; a named stress and ad-hoc shocks apply together', () => {
    const n = compileModel({ scenario: Scenario.parse(input), strategy: 'none', replication: 0, stress: 'none' });
    expect(n.stressLabel).toBe('none');
    expect(arr(n.competitorLevel.subarray(0, 4))).toEqual([0.5, 0.5, 0.5, 0.5]);
    const both = compileModel({ scenario: Scenario.parse(input), strategy: 'none', replication: 0, stress: 'leap', shocks: [{ kind: 'budgetCut', fromMonth: 3, cut: 0.25 }] });
    expect(arr(both.stress.budget)).toEqual([1, 0.75, 0.75, 0.75]);
    expect(arr(both.stress.competitor.core)).toEqual([0, 0, 0.6, 0.6]);
  });
  it('the run-off model: the horizon plus the run-off years on the run-off clock, the same draws', () => {
    const sc = Scenario.parse({ ...uncertain, valuation: { beyondHorizon: 'runoff', runoffYears: 2 } });
    const h = compileModel({ scenario: sc, strategy: 'spend', replication: 2 });
    const r = compileModel({ scenario: sc, strategy: 'spend', replication: 2 }, 1);
    expect([r.clock.steps, r.clock.stepsPerYear, r.clock.monthsPerStep]).toEqual([3, 1, 12]);
    expect(r.params).toEqual(h.params);
    expect(r.costToServeStep[0]).toBe(24); // 2 per month × 12
  });
});

describe('compileModel: pools and competitors', () => {
  it('per-pool constants per quarter', () => {
    expect(m.poolIds).toEqual(['core', 'emer']);
    expect(arr(m.poolEmerging)).toEqual([0, 1]);
    expect(arr(m.marginRate)).toEqual([0.3, 0.25]);
    expect(arr(m.costToServeStep)).toEqual([6, 0]);
    expect(arr(m.readiness0)).toEqual([0.4, 0.6]);
    expect(m.bassP[1]).toBeCloseTo(0.01, 15);
    expect(m.bassQ[1]).toBeCloseTo(0.1, 15);
    expect(arr(m.initialAdoption)).toEqual([0, 0.1]);
  });
  it('wallet index per step: (1.21)^(month/12) for core, 1 for emer', () => {
    expect(arr(m.walletIndex.subarray(0, 4)).map((x) => +x.toFixed(12))).toEqual([1, 1.21 ** 0.25, 1.1, 1.21 ** 0.75].map((x) => +x.toFixed(12)));
    expect(arr(m.walletIndex.subarray(4, 8))).toEqual([1, 1, 1, 1]);
    expect(arr(m.walletWalkAtHorizon)).toEqual([1, 1]);
  });
  it('competitor levels by pool and step, plus the stress, clamped to 1', () => {
    expect(m.competitorCount).toBe(1);
    expect(arr(m.competitorLevel.subarray(0, 4))).toEqual([0.5, 0.5, 1, 1]); // 0.5 + 0.6 from month 6, clamped
    expect(arr(m.competitorLevel.subarray(4, 8)).map((x) => +x.toFixed(12))).toEqual([0.2, 0.5, 0.8, 0.8]);
  });
});

describe('compileModel: segments', () => {
  it('agents, journeys, acquisition per quarter in agents, costs', () => {
    expect(m.segmentIds).toEqual(['a', 'b']);
    expect(arr(m.segInitialAgents)).toEqual([501, 200]); // 1001/2 = 500.5 → 501
    expect(arr(m.segJourney)).toEqual([0, 1]);
    expect(m.segAcqBase[0]).toBeCloseTo(30, 12); // 1000 · 0.02 · 3 / 2
    expect(m.segAcqBase[1]).toBe(0);
    expect(arr(m.segAcqCost)).toEqual([50, 0]);
    expect(arr(m.segReferralCost)).toEqual([5, 0]);
  });
  it('churn, wallets, sensitivity, adoption, need, referrals, satisfaction', () => {
    expect(arr(m.segChurnAlpha)).toEqual([1, NaN]);
    expect(arr(m.segChurnBeta)).toEqual([3, NaN]);
    expect(arr(m.segChurnFixed)).toEqual([NaN, 0.2]);
    expect(arr(m.segWalletMean)).toEqual([100, 30, 80, 0]);
    expect(arr(m.segWalletCv)).toEqual([0.5, 0.2, 0.5, 0]);
    expect(arr(m.segSensMean)).toEqual([1.2, 1]);
    expect(arr(m.segSensCv)).toEqual([0.3, 0]);
    expect(arr(m.segAdoption)).toEqual([0, 1, 0, 2]); // emerging pools only; 1 with a wallet, else the segment's own
    expect(m.segNeedStep[0]).toBeCloseTo(0.6, 14);
    expect(m.segReferralStep[0]).toBeCloseTo(0.03, 14);
    expect(arr(m.segInitialSat)).toEqual([0.65, 0.6]);
  });
});

describe('compileModel: portfolios', () => {
  it('rules and treatments per quarter', () => {
    expect(m.portfolioIds).toEqual(['vip', 'rest']);
    expect(arr(m.portRuleMetric)).toEqual([0, -1]);
    expect(arr(m.portRuleMin)).toEqual([20, -Infinity]);
    expect(arr(m.portRuleMax)).toEqual([Infinity, Infinity]);
    expect(arr(m.portBoost)).toEqual([0.1, 0]);
    expect(arr(m.portChurnMult)).toEqual([0.8, 1]);
    expect(arr(m.portNeedMult)).toEqual([1.5, 1]);
    expect(arr(m.portCostStep)).toEqual([12, 0]);
  });
  it('no portfolios: one catch-all', () => {
    const n = compileModel({ scenario: Scenario.parse({ ...input, portfolios: {} }), strategy: 'none', replication: 0 });
    expect(n.portfolioIds).toEqual(['all']);
    expect([arr(n.portRuleMetric), arr(n.portRuleMin), arr(n.portRuleMax), arr(n.portBoost), arr(n.portChurnMult), arr(n.portNeedMult), arr(n.portCostStep)]).toEqual([[-1], [-Infinity], [Infinity], [0], [1], [1], [0]]);
  });
  it('metric codes: tenure 1, satisfaction 2', () => {
    const n = compileModel({ scenario: Scenario.parse({ ...input, portfolios: { t: { rule: { metric: 'tenureMonths', max: 12 } }, s: { rule: { metric: 'satisfaction', min: 0.5 } } } }), strategy: 'none', replication: 0 });
    expect(arr(n.portRuleMetric)).toEqual([1, 2]);
    expect(arr(n.portRuleMax)).toEqual([12, Infinity]);
  });
});

describe('compileModel: journeys and touchpoints', () => {
  it('stages in order across journeys, labels, first and initial stages', () => {
    expect(m.stageIds).toEqual(['onboard', 'active', 'active']);
    expect(m.stageLabels).toEqual(['onboard', 'j1/active', 'j2/active']);
    expect(arr(m.stageJourney)).toEqual([0, 0, 1]);
    expect(arr(m.journeyFirstStage)).toEqual([0, 2]);
    expect(arr(m.journeyInitialStage)).toEqual([1, 2]);
  });
  it('transition rows per quarter: off-diagonal × 3 (capped at 1), the stay first, cumulative', () => {
    expect(arr(m.transStart)).toEqual([0, 3, 4, 5]);
    // onboard: active 0.6, exit 0.3, stay 0.1 → [stay, active, exit]; j1/active: stay; j2/active: exit 1.5 → 1, no stay
    expect(arr(m.transTarget)).toEqual([0, 1, EXIT, 1, EXIT]);
    expect(arr(m.transCum).map((x) => +x.toFixed(12))).toEqual([0.1, 0.7, 1, 1, 1]);
    expect(m.stageExitStep[0]).toBeCloseTo(0.3, 14);
    expect(m.stageExitStep[1]).toBe(0);
    expect(m.stageExitStep[2]).toBe(1); // exit 0.5/month → 1.5 per quarter, capped at 1, normalised
  });
  it('stage money and exits', () => {
    expect(arr(m.stageExitBelow)).toEqual([0.2, -Infinity, -Infinity]);
    expect(arr(m.stageMarginMult)).toEqual([0.5, 1, 1]);
    expect(arr(m.stageCostStep)).toEqual([9, 0, 0]);
  });
  it('touchpoints', () => {
    expect(m.touchpointIds).toEqual(['signup', 'app']);
    expect(arr(m.tpStart)).toEqual([0, 1, 2, 2]);
    expect(m.tpVisit[0]).toBeCloseTo(0.875, 14); // 1 − 0.5³
    expect(m.tpVisit[1]).toBeCloseTo(0.488, 14); // 1 − 0.8³
    expect(arr(m.tpFriction0)).toEqual([0.3, 0.1]);
    expect(arr(m.tpFloor)).toEqual([0.3, 0.05]); // the floor never above the friction
    expect(arr(m.tpCost)).toEqual([2, 0]);
    expect(arr(m.tpPool)).toEqual([0, -1]);
    expect(arr(m.tpHuman)).toEqual([1, 0]);
    expect(arr(m.tpControllable)).toEqual([0, 1]);
    expect(arr(m.tpBase)).toEqual([0.6, 0.7]);
    expect(arr(m.tpServiceWeight)).toEqual([0.35, 0.3]);
    expect(arr(m.tpNoise)).toEqual([0.1, 0.15]);
  });
});

describe('compileModel: levers, plan, workforce', () => {
  it('levers per quarter and the plan', () => {
    expect(m.leverIds).toEqual(['fix']);
    expect(m.leverRetention[0]).toBeCloseTo(0.729, 14);
    expect(arr(m.leverLag)).toEqual([1]);
    expect(arr(m.plan.budget)).toEqual([100, 100, 100, 100]);
    expect(arr(m.plan.allocation)).toEqual([1]);
  });
  it('workforce per quarter', () => {
    const w = m.workforce!;
    expect([w.headcount, w.wagePerStep, w.productivityPerStep, w.hireCost, w.demandStaffing, w.targetWorkload]).toEqual([20, 9000, 1500, 1500, true, 0.85]);
    expect(w.adjustPerStep).toBeCloseTo(0.271, 14);
    expect([w.isqBase, w.engagement0, w.engBase, w.engIsq, w.engBurnout]).toEqual([0.35, 0.55, 0.25, 0.5, 0.7]);
    expect(w.engRelax).toBeCloseTo(1 - Math.exp(-0.5), 14);
    expect([w.turnoverAnnual, w.turnoverSens, w.turnoverRef, w.experience0, w.newHireProductivity]).toEqual([0.25, 2, 0.5, 0.65, 0.4]);
    expect(w.learnRelax).toBeCloseTo(1 - Math.exp(-0.25), 14);
    expect([w.sqBase, w.sqEngagement, w.sqExperience, w.sqOverload, w.deflection0, w.autoQuality0, w.autoCostPerContact, w.autoFriction]).toEqual([0.15, 0.45, 0.25, 0.5, 0.1, 0.2, 0.3, 0.35]);
    expect([m.contactBase, m.contactWeight, m.contactNoise]).toEqual([0.5, 0.3, 0.12]);
  });
  it('no workforce: contact defaults', () => {
    const { workforce: _w, ...rest } = input;
    const n = compileModel({ scenario: Scenario.parse(rest), strategy: 'none', replication: 0 });
    expect(n.workforce).toBeNull();
    expect([n.contactBase, n.contactWeight, n.contactNoise]).toEqual([0.45, 0.4, 0.15]);
  });
});
