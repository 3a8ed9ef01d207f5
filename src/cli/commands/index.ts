/**
 * The command table: names, usage and one-line descriptions, with a loader per command.
 * main.ts lists every command from this table but imports only the module of the command
 * being run, so `cxsim validate` does not pay for loading charts and statistics.
 */
import type { CommandModule } from 'yargs';

export interface CommandEntry {
  command: string;
  describe: string;
  load: () => Promise<CommandModule<any, any>>;
}

export const COMMANDS = {
  compare: {
    command: 'compare <scenario>',
    describe: 'Compare strategies: net equity within and beyond the horizon, CLV, paired differences vs the baseline, break-even, ROI, Shapley attribution; writes JSON, CSV and an HTML report',
    load: async () => (await import('./compare.ts')).compareCommand,
  },
  report: {
    command: 'report <dir>',
    describe: 'Re-render report.html from the saved results of `cxsim compare` (no simulation)',
    load: async () => (await import('./report.ts')).reportCommand,
  },
  run: {
    command: 'run <scenario>',
    describe: 'Simulate one strategy for N replications and write the raw results (JSON + CSV)',
    load: async () => (await import('./run.ts')).runCommand,
  },
  stress: {
    command: 'stress <scenario>',
    describe: 'Stress-test the decision: every strategy under every stress (named and ad-hoc shocks); paired difference vs the baseline under the same stress, flips, regret ranking, P5, CVaR 5% (from 200 replications)',
    load: async () => (await import('./stress.ts')).stressCommand,
  },
  sensitivity: {
    command: 'sensitivity <scenario>',
    describe: 'Sensitivity of the decision: tornado of a strategy\'s paired difference vs the baseline (or its own net equity), switching values, Morris effects and Sobol indices',
    load: async () => (await import('./sensitivity.ts')).sensitivityCommand,
  },
  sweep: {
    command: 'sweep <scenario>',
    describe: 'Sweep one or two parameters over a grid; tidy CSV and a chart; resumable (finished cells are kept) and shardable (--shard i/n, then cxsim merge)',
    load: async () => (await import('./sweep.ts')).sweepCommand,
  },
  optimise: {
    command: 'optimise <scenario>',
    describe: 'Optimise the allocation of a yearly CX budget across levers for expected net equity (or CVaR 5%); marginal value per lever and gain over every strategy',
    load: async () => (await import('./optimise.ts')).optimiseCommand,
  },
  merge: {
    command: 'merge <dirs..>',
    describe: 'Merge the shard folders of a sweep (cxsim sweep --shard i/n) into one, with the same results.csv as an unsharded run',
    load: async () => (await import('./merge.ts')).mergeCommand,
  },
  worker: { command: 'worker', describe: 'Serve the Redis queue: run the replications that commands given --redis URL submit, on this machine (docs/scale-out.md)', load: async () => (await import('./worker.ts')).workerCommand },
  validate: {
    command: 'validate <files..>',
    describe: 'Check scenario files (YAML or JSON) and report every problem at once, with file:line:column',
    load: async () => (await import('./validate.ts')).validateCommand,
  },
  serve: {
    command: 'serve [scenarios..]',
    describe: 'Serve the live workshop page: sliders for budgets and assumptions, the engine running in the browser, charts that redraw as you move them (--export DIR: a static folder for file://)',
    load: async () => (await import('./serve.ts')).serveCommand,
  },
  calibrate: {
    command: 'calibrate <data>',
    describe: 'Fit sBG, BG/NBD (+ Gamma-Gamma), BG/BB or Gamma-Gamma to customer data; writes estimates with SEs, goodness of fit, an HTML report and ready scenario segments',
    load: async () => (await import('./calibrate.ts')).calibrateCommand,
  },
  schema: {
    command: 'schema',
    describe: 'Print or write the JSON Schema of scenario files (for editor completion and checks)',
    load: async () => (await import('./schema.ts')).schemaCommand,
  },
} satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof COMMANDS;
