/**
 * How big a run the page may start, and how it keeps big scenarios interactive. Size is
 * counted in simulated customer-steps: customers (present at month 0 plus expected
 * acquisitions, divided by the agent scale) × steps × replications × 2 strategies.
 * A scenario larger than the page's budget at its own replications is run with a larger
 * agent scale (each simulated customer stands for more real ones; money and counts stay in
 * real customers), and the page says so. Pure.
 */
import type { Scenario } from '../scenario/schema.ts';
import { estimateMemory } from '../scenario/memory.ts';

/** Customer-steps of a full-precision update the page runs (about 2 s in one worker on a slow, shared core). */
export const PAGE_BUDGET = 20e6;
/** Customer-steps of one replication of both strategies (the first pass must stay well under a second). */
export const REPLICATION_BUDGET = 2.5e6;
/** Replications of the first, quick pass at most: one round of the workers, at least 2 (the fewest with an interval). */
export const FIRST_PASS = 4;
/** Replications the page accepts at most (more: use `cxsim compare`). */
export const MAX_REPLICATIONS = 200;

export interface RunPlan {
  /** The scenario the worker runs (agent scale possibly raised). */
  scenario: Scenario;
  replications: number;
  /** Replications of the first pass. */
  firstPass: number;
  /** Simulated customers per replication. */
  customers: number;
  steps: number;
  /** customers × steps × replications × 2. */
  customerSteps: number;
  /** The file's agent scale and the page's (equal unless reduced). */
  fileAgentScale: number;
  pageAgentScale: number;
  /** Set when the run is refused; the message says why and what to do. */
  refused?: string;
}

const stepsOf = (sc: Scenario) => Math.ceil((sc.meta.horizonMonths * sc.meta.stepsPerYear) / 12);
const customersOf = (sc: Scenario) => estimateMemory(sc, 1).customers;

/**
 * The agent scale at which the scenario's own replications fit the page budget and one
 * replication of both strategies fits the replication budget: the file's, or the file's times
 * the smallest whole factor that fits.
 */
export function pageAgentScale(sc: Scenario, budget = PAGE_BUDGET, perReplication = REPLICATION_BUDGET): number {
  const pair = customersOf(sc) * stepsOf(sc) * 2;
  const factor = Math.max(1, Math.ceil((pair * sc.meta.replications) / budget), Math.ceil(pair / perReplication));
  return sc.meta.agentScale * factor;
}

/**
 * The plan for `sc` at `replications`: the agent scale is the file's unless the file's own
 * replications do not fit (then the page's, fixed per scenario so results stay comparable
 * while sliders move); replications beyond the budget are refused with a message.
 */
export function planRun(sc: Scenario, replications: number, agentScale = pageAgentScale(sc), budget = PAGE_BUDGET, workers = 1): RunPlan {
  const scaled: Scenario = agentScale === sc.meta.agentScale ? sc : { ...sc, meta: { ...sc.meta, agentScale } };
  const customers = customersOf(scaled);
  const steps = stepsOf(scaled);
  const customerSteps = customers * steps * replications * 2;
  const plan: RunPlan = {
    scenario: { ...scaled, meta: { ...scaled.meta, replications } },
    replications,
    firstPass: Math.min(replications, Math.max(2, Math.min(FIRST_PASS, workers))),
    customers,
    steps,
    customerSteps,
    fileAgentScale: sc.meta.agentScale,
    pageAgentScale: agentScale,
  };
  if (!Number.isInteger(replications) || replications < 2 || replications > MAX_REPLICATIONS) {
    plan.refused = `Replications must be a whole number from 2 to ${MAX_REPLICATIONS} in this page (found ${replications}); for more, run \`cxsim compare\` on the downloaded scenario.`;
  } else if (customerSteps > budget) {
    const fit = Math.max(2, Math.floor(budget / (customers * steps * 2)));
    plan.refused = `This run is too large for the page: ${fmt(customers)} simulated customers × ${steps} steps × ${replications} replications × 2 strategies = ${fmt(customerSteps)} customer-steps (the page runs at most ${fmt(budget)}). Use at most ${fit} replications here, or download the scenario and run \`cxsim compare\`.`;
  }
  return plan;
}

function fmt(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toPrecision(3)} billion`;
  if (x >= 1e6) return `${(x / 1e6).toPrecision(3)} million`;
  return Math.round(x).toLocaleString('en-US');
}
