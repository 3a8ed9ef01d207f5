/**
 * A batch's results as bytes: V8's structured-clone serialisation (what worker threads use
 * today, so typed arrays, NaN and −0 come back exactly), gzip-compressed. Lossless: the
 * decoded results equal the local run's bit for bit.
 */
import { serialize, deserialize } from 'node:v8';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ReplicationResult } from '../../engine/result.ts';

export function encodeResults(results: ReplicationResult[]): Buffer {
  return gzipSync(serialize(results), { level: 1 });
}

/** The results of a batch of `count` replications, or an Error saying why the bytes are not that. */
export function decodeResults(bytes: Buffer, count: number): ReplicationResult[] {
  const value = deserialize(gunzipSync(bytes)) as unknown;
  if (!Array.isArray(value) || value.length !== count || !value.every((r) => typeof r === 'object' && r !== null && 'totals' in r && 'series' in r)) {
    throw new Error(`expected the results of ${count} replications`);
  }
  return value as ReplicationResult[];
}
