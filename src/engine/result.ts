/**
 * What one replication of one strategy returns. Plain data (typed arrays and numbers), so it
 * crosses worker threads by structured clone and serialises to JSON/CSV at the edges.
 *
 * Money is in the scenario currency and scaled to real customers (× meta.agentScale);
 * counts are real customers too. Per-customer CLV summaries are per customer.
 */

/** Summary of a distribution of per-customer CLV. */
export interface ClvSummary {
  count: number;
  mean: number;
  sd: number;
  min: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  max: number;
}

/**
 * Totals of one replication. Every present value is at month 0 (docs/metrics.md, "Valuation").
 * "Beyond the horizon" is the run-off and the closing perpetuity (valuation.beyondHorizon
 * runoff), the perpetuity alone (perpetuity) or nothing (none); costs beyond the horizon are
 * in cxSpendPV and workforceCostPV as the valuation's costsBeyondHorizon says.
 */
export interface ReplicationTotals {
  /** Customer equity: discounted margin of all customers, within the horizon and beyond it, − discounted acquisition cost. */
  customerEquity: number;
  /** Part of customerEquity from customers present at month 0. */
  equityExisting: number;
  /** Part of customerEquity from customers acquired during the horizon (net of acquisition cost). */
  equityAcquired: number;
  /** Present value of acquisition costs (subtracted in customerEquity). */
  acquisitionCostPV: number;
  /** Present value of CX spend, within the horizon and beyond it: lever spend, portfolio treatments and retention offers. */
  cxSpendPV: number;
  /** Present value of workforce costs, within the horizon and beyond it: wages, hiring, training, automated contacts. */
  workforceCostPV: number;
  /** customerEquity − cxSpendPV − workforceCostPV. */
  netEquity: number;
  /** Net equity of the horizon alone: margin − acquisition cost − CX spend − workforce cost of the horizon's steps. */
  netEquityWithinHorizon: number;
  /** Net value of the run-off years (margin − CX spend − workforce cost); 0 unless beyondHorizon is runoff. */
  netValueRunoff: number;
  /** Net value of the closing perpetuity (margin side − capitalised run-rate costs): after the run-off, or at the horizon under perpetuity. */
  netValueClosing: number;
  /** netValueRunoff + netValueClosing = netEquity − netEquityWithinHorizon. */
  netValueBeyondHorizon: number;
  /** Present value of the costs beyond the horizon (CX spend + workforce), included in cxSpendPV and workforceCostPV. */
  costsBeyondHorizonPV: number;
  /** Customers at month 0 (real). */
  initialCustomers: number;
  /** Customers acquired during the horizon (real). */
  acquired: number;
  /** Customers lost during the horizon (real). */
  churned: number;
  /** Customers alive at the horizon (real). */
  alive: number;
  /** Simulated customer-steps of customers alive at the start of a step (not scaled). */
  aliveCustomerSteps: number;
  /**
   * Every customer-step the replication simulated (not scaled): aliveCustomerSteps (the horizon's)
   * + the run-off's steps beyond the horizon + the year-end run-offs' (Job.yearEnds), each counting
   * the customers alive at the start of the step. Equal to aliveCustomerSteps unless beyondHorizon
   * is runoff. The measure of the engine's work (npm run bench); not part of any digest.
   */
  simulatedCustomerSteps: number;
}

/** The valuation a result was computed with (scenario block `valuation:`). */
export interface ValuationRule {
  beyondHorizon: 'runoff' | 'perpetuity' | 'none';
  runoffYears: number;
  runoffStepsPerYear: number;
  costsBeyondHorizon: 'run-rate' | 'none';
  paymentTiming: 'arrears' | 'advance';
  /** How year ends inside the horizon were valued: the closing perpetuity (approximate) or a full run-off. */
  yearEnds: 'approximate' | 'runoff';
}

export interface ReplicationResult {
  scenario: string;
  strategy: string;
  /** Stress label ("none" when unstressed). */
  stress: string;
  replication: number;
  /** The replication's derived seed (hex), the root of every random stream it used. */
  seed: string;
  steps: number;
  stepsPerYear: number;
  /**
   * Time series, one value per step (see docs/metrics.md for each name):
   * active, active.<segment>, acquired, acquired.<segment>, referrals, churned, exits,
   * retention.<segment>, revenue, margin, revenue.<pool>, margin.<pool>, market.<pool>,
   * share.<pool>, adoption.<pool>, walletIndex.<pool>, readiness.<pool>, satisfaction,
   * satisfactionBand.<k>, promoters, engagement, turnover, serviceQuality, workload, isq,
   * headcount, employeeExperience, deflection, automationQuality, cxSpend, cxSpend.<lever>,
   * cxSpend.treatment, cxSpend.offers, offers, workforceCost, acquisitionCost, stage.<stage>,
   * visits.<touchpoint>, friction.<touchpoint>, portfolio.<portfolio>, discount.
   */
  series: Record<string, Float64Array>;
  valuation: ValuationRule;
  /**
   * Net value beyond the end of each whole year of the horizon, discounted to month 0, index =
   * year − 1: the closing perpetuity (Gordon form with each pool's long-run growth, run-rate
   * costs capitalised per customer) of the customers alive then — the year-end approximation of
   * the valuation rule (docs/metrics.md). At the horizon's last year it is the full rule
   * (= totals.netValueBeyondHorizon). All zeros under beyondHorizon none.
   */
  valueBeyondByYear: Float64Array;
  /** The costs beyond each year end included (subtracted) in valueBeyondByYear, discounted to month 0. */
  costsBeyondByYear: Float64Array;
  /** The year-end approximation at the horizon (before it is replaced by the full rule), for checking the approximation. */
  approximateValueBeyondAtHorizon: number;
  totals: ReplicationTotals;
  clv: {
    all: ClvSummary;
    bySegment: Record<string, ClvSummary>;
    byPortfolio: Record<string, ClvSummary>;
    /** "initial" for customers present at month 0, "y1", "y2", ... for the year of acquisition. */
    byCohort: Record<string, ClvSummary>;
  };
  /** Drawn values of the uncertain parameters, by path (e.g. "pools.film.marginRate"). */
  params: Record<string, number>;
  /** Strategy trigger rules that fired: rule index and month. */
  firedRules: { rule: number; name: string; month: number }[];
  /** Per-customer detail, only when asked for (options.customers). CLV is per customer, discounted to acquisition. */
  customers?: {
    segment: Uint8Array;
    portfolio: Uint8Array;
    acquiredStep: Int16Array;
    alive: Uint8Array;
    clv: Float32Array;
  };
}
