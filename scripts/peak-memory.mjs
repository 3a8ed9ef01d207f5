// Preload (node --import ./scripts/peak-memory.mjs …) that samples the process's memory every
// 5 ms and, at exit, prints one JSON line on stderr: peak V8 heap used, peak external +
// array-buffer memory (typed arrays live there) and the peak resident set size (OS maxRSS).
// Used by scripts/streaming-memory.sh to show that compare's memory does not grow with the
// number of replications.
import { resourceUsage } from 'node:process';

let heap = 0;
let buffers = 0;
const sample = () => {
  const m = process.memoryUsage();
  heap = Math.max(heap, m.heapUsed);
  buffers = Math.max(buffers, m.external + m.arrayBuffers);
};
setInterval(sample, 5).unref();
process.on('exit', () => {
  sample();
  process.stderr.write(`${JSON.stringify({ peakHeapUsed: heap, peakExternal: buffers, maxRss: resourceUsage().maxRSS * 1024 })}\n`);
});
