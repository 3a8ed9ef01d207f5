/**
 * Retention curves by segment (series retention.<segment>): the share of the segment's
 * customers present at month 0 who are still customers at the end of each step.
 */
import type { ReplicationResult } from '../engine/result.ts';
import { seriesBand, type SeriesBand } from './series-bands.ts';
import { seriesFamily } from './series.ts';

export function retentionCurves(results: ReplicationResult[]): Record<string, SeriesBand> {
  const out: Record<string, SeriesBand> = {};
  for (const seg of seriesFamily(results[0], 'retention')) out[seg] = seriesBand(results, `retention.${seg}`);
  return out;
}
