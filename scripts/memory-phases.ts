/**
 * `node --expose-gc bin/run-ts.js scripts/memory-phases.ts [SCALE]` from the root of a checkout:
 * memory of the bench-1m replication (bench.ts's 1-thread run; SCALE multiplies the initial
 * customers, default 1) by phase, per simulated customer, above the heap before the run:
 *
 * - heap + array buffers: the peak over the horizon's steps, at its last step, after the
 *   valuation's finish (the run-off beyond the horizon) and after the CLV pass — the last two
 *   are points `npm run bench` did not sample before ReplicationHooks.onFinish;
 * - typed-array bytes allocated after the horizon (counted by wrapping the typed-array
 *   constructors, so independent of when the garbage collector runs), and the run-off's part.
 *
 * It imports the checkout it is run from (process.cwd()) and hooks the mechanics' finish by
 * wrapping them, so the same file measures another checkout too (before/after comparisons).
 */
const root = process.cwd();
const { readScenario } = await import(`${root}/src/cli/scenario-file.ts`);
const { simulateReplication } = await import(`${root}/src/engine/replication.ts`);
const { clv } = await import(`${root}/src/engine/mechanics/clv.ts`);
const { valuation } = await import(`${root}/src/engine/mechanics/valuation.ts`);
const sc = readScenario(`${root}/scenarios/bench-1m.yaml`);
const scale = Number(process.argv[2] ?? 1);
for (const s of Object.values(sc.segments) as { initialCustomers: number }[]) s.initialCustomers = Math.round(s.initialCustomers * scale);
const strategy = Object.keys(sc.strategies).find((id) => sc.strategies[id].baseline) ?? Object.keys(sc.strategies)[0];
const mem = () => { const u = process.memoryUsage(); return { total: u.heapUsed + u.arrayBuffers, ab: u.arrayBuffers }; };
// typed-array bytes allocated after the horizon (deterministic, GC-independent)
const names = ['Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'Uint8Array', 'Int16Array'];
const g = globalThis as unknown as Record<string, unknown>;
const real = names.map((k) => g[k]);
let counting = false, bytes = 0;
names.forEach((k, j) => { g[k] = new Proxy(real[j] as object, { construct(t, args, nt) { const a = Reflect.construct(t as never, args, nt) as ArrayBufferView; if (counting && typeof args[0] === 'number') bytes += a.byteLength; return a; } }); });
const pts: Record<string, { total: number; ab: number }> = {};
const vf = valuation.finish!, cf = clv.finish!;
valuation.finish = function (s: unknown, r: unknown) { vf.call(this, s as never, r as never); pts.afterRunoff = mem(); pts.runoffAllocated = { total: bytes, ab: 0 }; };
clv.finish = function (s: unknown, r: unknown) { cf.call(this, s as never, r as never); pts.afterClv = mem(); };
globalThis.gc!();
const base = mem().total;
let peakH = 0;
const r = simulateReplication({ scenario: sc, strategy, replication: 0 }, { onStep: (t: number, T: number) => { peakH = Math.max(peakH, mem().total); if (t === T - 1) { pts.horizonEnd = mem(); counting = true; } } });
counting = false;
const n = (r.totals.initialCustomers + r.totals.acquired) / sc.meta.agentScale;
const f = (x: number) => ((x - base) / n).toFixed(2);
console.log(JSON.stringify({ customers: n, horizonPeakAbove: f(peakH), horizonEndAbove: f(pts.horizonEnd.total), afterRunoffAbove: f(pts.afterRunoff.total), afterClvAbove: f(pts.afterClv.total), arrayBuffersHorizonEnd: (pts.horizonEnd.ab / n).toFixed(2), arrayBuffersAfterClv: (pts.afterClv.ab / n).toFixed(2), typedArrayBytesAllocatedAfterHorizonPerCustomer: (bytes / n).toFixed(2), ofWhichRunoff: (pts.runoffAllocated.total / n).toFixed(2) }));
