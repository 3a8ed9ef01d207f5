/**
 * The registry: every mechanic of a replication, in the order its phases run (mechanic.ts).
 * Adding a mechanic: one file in this folder (its state, firm-level step and series, a header
 * naming its equations in docs/model.md) and one line here, after the mechanics it reads.
 */
import { acquisition } from './acquisition.ts';
import { churn } from './churn.ts';
import { clv } from './clv.ts';
import { journeys } from './journeys.ts';
import { levers } from './levers.ts';
import type { AnyMechanic } from './mechanic.ts';
import { pools } from './pools.ts';
import { portfolios } from './portfolios.ts';
import { rules } from './rules.ts';
import { satisfaction } from './satisfaction.ts';
import { touchpoints } from './touchpoints.ts';
import { valuation } from './valuation.ts';
import { workforce } from './workforce.ts';

export const MECHANICS: readonly AnyMechanic[] = [
  levers, // spend → capital → effects (read by all below)
  pools, // readiness, capture (needed to create the initial customers), wallets, Bass, share of wallet, pull
  acquisition, // the initial customers; each step's acquisitions and referrals (join phase)
  workforce, // service-profit chain, deflection, contact quality
  touchpoints, // friction and visit quality (reads service quality)
  portfolios, // treatments, review
  journeys, // stage counts
  churn, // active, churned, exits, retention
  satisfaction, // satisfaction, promoters, retention offers (reads churn's active)
  valuation, // present values, year ends, value beyond the horizon (reads all the money above)
  rules, // trigger rules on this step's indicators (effective next step)
  clv, // per-customer CLV (after the valuation's run-off)
];
