/**
 * Per-step bands of a series across replications: mean, median and the percentile ranges
 * where 90% / 95% of replications fall. This is what the charts draw as lines and ribbons.
 */
import { quantileSorted } from 'simple-statistics';
import type { ReplicationResult } from '../engine/result.ts';
import { summarise, type IntervalSummary } from './interval.ts';
import { series } from './series.ts';

export interface SeriesBand {
  mean: number[];
  median: number[];
  lo90: number[];
  hi90: number[];
  lo95: number[];
  hi95: number[];
}

/** Bands of paths (one array per replication, all the same length). */
export function bandsByStep(paths: ArrayLike<number>[]): SeriesBand {
  if (paths.length === 0) throw new RangeError('bands need at least one replication');
  const steps = paths[0].length;
  const band: SeriesBand = { mean: [], median: [], lo90: [], hi90: [], lo95: [], hi95: [] };
  const col = new Float64Array(paths.length);
  for (let t = 0; t < steps; t++) {
    let sum = 0;
    for (let k = 0; k < paths.length; k++) {
      col[k] = paths[k][t];
      sum += col[k];
    }
    col.sort();
    const sorted = col as unknown as number[];
    band.mean.push(sum / paths.length);
    band.median.push(quantileSorted(sorted, 0.5));
    band.lo90.push(quantileSorted(sorted, 0.05));
    band.hi90.push(quantileSorted(sorted, 0.95));
    band.lo95.push(quantileSorted(sorted, 0.025));
    band.hi95.push(quantileSorted(sorted, 0.975));
  }
  return band;
}

/** Bands of a named series across replications. */
export function seriesBand(results: ReplicationResult[], name: string): SeriesBand {
  return bandsByStep(results.map((r) => series(r, name)));
}

/** Interval summary of a series' value at the last step. */
export function atHorizon(results: ReplicationResult[], name: string): IntervalSummary {
  return summarise(results.map((r) => series(r, name)[r.steps - 1]));
}

/** Interval summary of a series' mean over the horizon. */
export function meanOverHorizon(results: ReplicationResult[], name: string): IntervalSummary {
  return summarise(
    results.map((r) => {
      const s = series(r, name);
      let a = 0;
      for (let t = 0; t < r.steps; t++) a += s[t];
      return a / r.steps;
    }),
  );
}
