/**
 * The library API for Node callers: the pure core of ./index.ts plus what needs Node —
 * worker threads and reading scenario files.
 */
export * from './index.ts';
export { runJobs, defaultThreads, type RunOptions } from './run/jobs.ts';
