/**
 * The cxsim library API: what the CLI, notebooks and a browser worker call.
 * The core (scenario, model, engine, metrics) imports nothing from Node; the worker-thread
 * runner is exported separately from './run/jobs.ts' for Node callers.
 */
export { Scenario, type ScenarioInput, type StressShock } from './scenario/schema.ts';
export { scenarioForStrategy } from './scenario/strategy-scenario.ts';
export { simulateReplication, type Job } from './engine/replication.ts';
export type { ReplicationResult, ClvSummary, ReplicationTotals } from './engine/result.ts';
export { simulate, type SimulateOptions } from './engine/simulate.ts';
export { jobsFor, withSeed } from './engine/simulate.ts';
