/**
 * Our share of each profit pool ("market share in emerging categories"): series share.<pool>
 * = our revenue in the pool / the whole market's spend in it (ours, competitors', and that of
 * customers we lost), over time and at the horizon. With one margin rate per pool this is
 * also our share of the pool's market margin.
 */
import type { ReplicationResult } from '../engine/result.ts';
import type { IntervalSummary } from './interval.ts';
import { atHorizon, seriesBand, type SeriesBand } from './series-bands.ts';
import { seriesFamily } from './series.ts';

export interface PoolShare {
  pool: string;
  band: SeriesBand;
  atHorizon: IntervalSummary;
}

export function poolShares(results: ReplicationResult[]): PoolShare[] {
  return seriesFamily(results[0], 'share').map((pool) => ({
    pool,
    band: seriesBand(results, `share.${pool}`),
    atHorizon: atHorizon(results, `share.${pool}`),
  }));
}
