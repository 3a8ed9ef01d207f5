/**
 * Small scenarios built for the finance tests: fast (a few hundred customers, two years) and
 * with the features each test needs.
 */
import { simulateReplication, type Job } from '../../src/engine/replication.ts';
import type { ReplicationResult } from '../../src/engine/result.ts';

/** Runs jobs in process, in job order (the same results as worker threads, bit for bit). */
export const runInProcess = async (jobs: Job[]): Promise<ReplicationResult[]> => jobs.map((j) => simulateReplication(j));

export { leveredInput, levered } from './levered.ts';
