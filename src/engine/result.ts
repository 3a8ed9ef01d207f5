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

export interface ReplicationTotals {
  /** Customer equity: discounted margin of all customers over the horizon + terminal value − discounted acquisition cost. */
  customerEquity: number;
  /** Part of customerEquity from customers present at month 0. */
  equityExisting: number;
  /** Part of customerEquity from customers acquired during the horizon (net of acquisition cost). */
  equityAcquired: number;
  /** Present value of terminal values of customers alive at the horizon (included in customerEquity). */
  terminalValuePV: number;
  /** Present value of acquisition costs (subtracted in customerEquity). */
  acquisitionCostPV: number;
  /** Present value of CX spend: lever spend, portfolio treatments and retention offers. */
  cxSpendPV: number;
  /** Present value of workforce costs: wages, hiring, training, automated contacts. */
  workforceCostPV: number;
  /** customerEquity − cxSpendPV − workforceCostPV. */
  netEquity: number;
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
  /** Terminal value (not discounted) of the customers alive at the end of each year, index = year − 1. */
  terminalValueByYear: Float64Array;
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
