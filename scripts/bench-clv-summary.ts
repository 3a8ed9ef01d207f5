/**
 * `node --expose-gc bin/run-ts.js scripts/bench-clv-summary.ts [N] [ROUNDS] [REV]`: summariseClv of this
 * tree against the one at git revision REV (default 5e322e9, this session's start), on N (default 1.3M) CLV
 * values shaped like bench-1m's (log-normal spread, 5% zeros, 2 segments, 2 portfolios, 11
 * cohorts): alternating rounds, CPU time; the summaries must be identical; and the typed-array
 * bytes each allocates per value (its peak: they all live until it returns).
 */
import { summariseClv } from '../src/engine/clv-summary.ts';
import { importAtRevision } from './at-revision.ts';
import { mix2, uniform } from '../src/random/counter.ts';
import { normalQuantile } from '../src/random/normal.ts';

const N = Number(process.argv[2] ?? 1.3e6), rounds = Number(process.argv[3] ?? 5), rev = process.argv[4] ?? '5e322e9';
// the old summary with the old sort: both files at that revision
const { summariseClv: oldSummariseClv } = await importAtRevision<typeof import('../src/engine/clv-summary.ts')>(rev, 'src/engine/clv-summary.ts', ['src/engine/sorted-order.ts']);
const clv = new Float32Array(N), seg = new Uint8Array(N), port = new Uint8Array(N), cohort = new Int16Array(N);
for (let i = 0; i < N; i++) {
  const x = mix2(i, 77);
  clv[i] = uniform(x, 0) < 0.05 ? 0 : Math.exp(6 + 1.2 * normalQuantile(uniform(x, 1))) - 100;
  seg[i] = uniform(x, 2) < 0.7 ? 0 : 1;
  port[i] = uniform(x, 3) < 0.3 ? 0 : 1;
  cohort[i] = i < 0.77 * N ? -1 : Math.floor(uniform(x, 4) * 10);
}
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const t: Record<'old' | 'new', number[]> = { old: [], new: [] };
let same = true;
for (let r = 0; r < rounds; r++) {
  let c0 = cpu();
  const a = oldSummariseClv(clv, seg, port, cohort, ['a', 'b'], ['gold', 'std']);
  t.old.push(cpu() - c0);
  c0 = cpu();
  const b = summariseClv(clv, seg, port, cohort, ['a', 'b'], ['gold', 'std']);
  t.new.push(cpu() - c0);
  same &&= JSON.stringify(a) === JSON.stringify(b);
}
const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
/** Typed-array bytes per value a call allocates (all of them live until it returns: its peak), counted by wrapping the constructors. */
const peakOf = (f: () => unknown) => {
  const names = ['Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'Uint8Array', 'Int16Array'] as const;
  const g = globalThis as unknown as Record<string, unknown>;
  const real = names.map((k) => g[k]);
  let bytes = 0;
  names.forEach((k, j) => {
    g[k] = new Proxy(real[j] as object, {
      construct(target, args, newTarget) {
        const a = Reflect.construct(target as new (...x: unknown[]) => ArrayBufferView, args, newTarget);
        if (typeof args[0] === 'number') bytes += a.byteLength;
        return a;
      },
    });
  });
  try {
    f();
  } finally {
    names.forEach((k, j) => (g[k] = real[j]));
  }
  return bytes / N;
};
process.stdout.write(JSON.stringify({ N, rounds, rev, oldCpuSeconds: med(t.old), newCpuSeconds: med(t.new), speedup: med(t.old) / med(t.new), identical: same, bytesPerValueOld: peakOf(() => oldSummariseClv(clv, seg, port, cohort, ['a', 'b'], ['gold', 'std'])), bytesPerValueNew: peakOf(() => summariseClv(clv, seg, port, cohort, ['a', 'b'], ['gold', 'std'])) }) + '\n');
