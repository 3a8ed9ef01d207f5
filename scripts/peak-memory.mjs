// Preload (node --expose-gc --import ./scripts/peak-memory.mjs …) that measures a process's
// memory and, at exit, prints one JSON line on stderr:
// - liveHeap / liveBuffers: the largest V8 heap and ArrayBuffer memory (typed arrays live
//   there) still reachable after a full garbage collection, forced about every 300 ms: what
//   the process retains (without --expose-gc: null);
// - peakHeapUsed / peakBuffers: the largest values sampled every 5 ms, garbage included;
// - maxRss: the peak resident set size (the OS's maxRSS).
// Used by scripts/streaming-memory.sh to show that compare's memory does not grow with the
// number of replications.
import { resourceUsage } from 'node:process';

let heap = 0;
let buffers = 0;
let liveHeap = null;
let liveBuffers = null;
const sample = () => {
  const m = process.memoryUsage();
  heap = Math.max(heap, m.heapUsed);
  buffers = Math.max(buffers, m.external + m.arrayBuffers);
};
setInterval(sample, 5).unref();
if (typeof globalThis.gc === 'function') {
  liveHeap = 0;
  liveBuffers = 0;
  // ArrayBuffers are swept on a background thread after a full GC: collect, give the sweeper
  // 50 ms, collect again, then read
  const live = () => {
    globalThis.gc();
    setTimeout(() => {
      globalThis.gc();
      const m = process.memoryUsage();
      liveHeap = Math.max(liveHeap, m.heapUsed);
      liveBuffers = Math.max(liveBuffers, m.external + m.arrayBuffers);
      setTimeout(live, 250).unref();
    }, 50).unref();
  };
  live();
}
process.on('exit', () => {
  sample();
  process.stderr.write(`${JSON.stringify({ liveHeap, liveBuffers, peakHeapUsed: heap, peakBuffers: buffers, maxRss: resourceUsage().maxRSS * 1024 })}\n`);
});
