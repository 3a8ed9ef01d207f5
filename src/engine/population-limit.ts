/**
 * The hard limit on the population of one replication. Validation bounds the expected
 * population (src/scenario/memory.ts, populationBound) against the machine's memory; this
 * limit stops a run whose population still outgrows it (Poisson luck, a scenario checked
 * without the memory option) with a typed error instead of exhausting memory.
 *
 * 2^25 customers: with up to 8 pools a customer slot is 68 bytes (docs/model.md §3.2), so
 * the arrays of one replication stay below 2.3 GB, and the Int16 acquisition step, Uint8
 * indices and Float32 values keep their meaning; typed arrays grow by half again, so the
 * last allocation is at most 1.5 × that.
 */
export const POPULATION_LIMIT = 2 ** 25;

/** A run stopped because its population passed the limit: a user-facing condition, not a bug. */
export class PopulationLimitError extends Error {
  readonly limit: number;
  readonly step: number;
  constructor(limit: number, step: number) {
    super(
      `the simulated population passed ${limit.toLocaleString('en-US')} customers in step ${step + 1} and the run was stopped ` +
        `(referrals or acquisitions grow it faster than customers leave); lower segments.<id>.referralRate or the acquisition, or raise meta.agentScale`,
    );
    this.name = 'PopulationLimitError';
    this.limit = limit;
    this.step = step;
  }
}
