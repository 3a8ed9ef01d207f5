/**
 * Seed derivation with seedrandom: every stream is rooted in a hash of (master seed,
 * purpose, replication, ...), never `seed + n`, so streams do not overlap and adding a
 * strategy, a parameter or a replication never shifts another's numbers.
 */
import seedrandom from 'seedrandom';

/** A 32-bit stream root derived from the master seed and labels. */
export function deriveKey(seed: number, ...labels: (string | number)[]): number {
  const rng = seedrandom.alea(`cxsim|${seed}|${labels.join('|')}`);
  return rng.int32() >>> 0;
}

/** A seedrandom alea generator for the given labels: for per-replication parameter draws and paths. */
export function deriveStream(seed: number, ...labels: (string | number)[]): () => number {
  const rng = seedrandom.alea(`cxsim|${seed}|${labels.join('|')}`);
  // alea can return exactly 0; the samplers want (0, 1).
  return () => {
    let v = rng();
    while (v <= 0) v = rng();
    return v;
  };
}

/** The replication's seed as written into outputs (hex of its key). */
export function replicationSeedHex(seed: number, replication: number): string {
  return deriveKey(seed, 'replication', replication).toString(16).padStart(8, '0');
}
