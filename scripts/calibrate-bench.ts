/**
 * `node --expose-gc bin/run-ts.js scripts/calibrate-bench.ts [--rows N] [--customers N] [--keep FILE]`:
 * the streaming speed and memory of the event-log reader of `cxsim calibrate`.
 *
 * Writes a synthetic log of N rows (default 10,000,000) for C customers (default 200,000):
 * each customer's purchases, in date order, over 1997-01-01 … 1998-12-31, as
 * "customer date amount" lines (the CDNOW layout); then reads it with readEventLog (two
 * streamed passes, 39-week calibration) and reports rows per second of wall time (both passes
 * together, and the row count divided by the time of one pass) and the memory: resident set
 * size and V8 heap used, sampled every 100 ms, peak minus the value before reading (garbage
 * not yet collected included), and what stays after a full collection with the summary
 * alive (heap + array buffers). A second
 * read of a log with the same customers and a tenth of the rows shows whether memory grows
 * with rows (it should not: the reader keeps a few numbers per customer).
 * The file goes to the system temp folder and is removed afterwards (unless --keep).
 * On the smaller log it also times, in the same run and alternating, bare line reading with
 * node:readline and with the project's chunked reader (line-reader.ts), five times each, in
 * CPU seconds of the process (user + system), which other processes on a shared machine
 * disturb less than wall time. The read itself also reports CPU seconds.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { readEventLog } from '../src/calibrate/event-log.ts';
import { lineBatches } from '../src/calibrate/line-reader.ts';
import { deriveStream } from '../src/random/seeds.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000000' }, customers: { type: 'string', default: '200000' }, keep: { type: 'string' } } });
const rows = Number(values.rows), customers = Number(values.customers);

async function writeLog(path: string, nRows: number): Promise<void> {
  const u = deriveStream(1, 'calibrate-bench', nRows);
  const out = createWriteStream(path);
  const perCustomer = nRows / customers;
  let written = 0, buf = '';
  const start = Date.UTC(1997, 0, 1) / 86_400_000, span = 730;
  for (let c = 0; c < customers; c++) {
    const n = c === customers - 1 ? nRows - written : Math.round(((c + 1) * perCustomer)) - written;
    // n purchase days in date order: the first in the first 90 days, the rest after it
    const first = Math.floor(u() * 90);
    const days = [first];
    for (let k = 1; k < n; k++) days.push(first + Math.floor(u() * (span - first)));
    days.sort((a, b) => a - b);
    const id = String(c + 1).padStart(7, '0');
    for (const d of days) {
      const dt = new Date((start + d) * 86_400_000);
      const ymd = `${dt.getUTCFullYear()}${String(dt.getUTCMonth() + 1).padStart(2, '0')}${String(dt.getUTCDate()).padStart(2, '0')}`;
      buf += `${id} ${ymd} ${(5 + 60 * u()).toFixed(2)}\n`;
    }
    written += n;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function measure(path: string, nRows: number) {
  (globalThis as { gc?: () => void }).gc?.();
  const rss0 = process.memoryUsage().rss, heap0 = process.memoryUsage().heapUsed, ab0 = process.memoryUsage().arrayBuffers;
  let rssPeak = rss0, heapPeak = heap0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 100);
  const t0 = performance.now();
  const c0 = cpu();
  const s = await readEventLog(path, { calibrationUnits: 39 });
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpu() - c0;
  clearInterval(timer);
  const m = process.memoryUsage();
  rssPeak = Math.max(rssPeak, m.rss);
  heapPeak = Math.max(heapPeak, m.heapUsed);
  if (s.rows !== nRows) throw new Error(`read ${s.rows} rows, wrote ${nRows}`);
  // what the reader keeps: the heap after a full collection, with the summary still alive
  (globalThis as { gc?: () => void }).gc?.();
  const retainedMiB = (process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heap0 - ab0) / 2 ** 20;
  return { rows: nRows, customers: s.rfm.x.length, bytes: statSync(path).size, seconds, rowsPerSecond: Math.round(nRows / seconds), rowsPerSecondPerPass: Math.round((2 * nRows) / seconds), cpuSeconds, rowsPerCpuSecond: Math.round(nRows / cpuSeconds), rssGrowthMiB: (rssPeak - rss0) / 2 ** 20, heapGrowthMiB: (heapPeak - heap0) / 2 ** 20, retainedMiB, keep: s.rfm.x.length };
}

/** CPU seconds (user + system) of this process: less disturbed than wall time on a shared machine. */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function lineRates(path: string, n: number): Promise<{ readline: number; chunked: number }> {
  const best = { readline: Infinity, chunked: Infinity };
  for (let k = 0; k < 5; k++) {
    let t = cpu(), count = 0;
    for await (const _ of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) count++;
    best.readline = Math.min(best.readline, cpu() - t);
    if (count !== n) throw new Error('readline miscounted');
    t = cpu();
    count = 0;
    for await (const b of lineBatches(path)) count += b.lines.length;
    best.chunked = Math.min(best.chunked, cpu() - t);
    if (count !== n) throw new Error('lineBatches miscounted');
  }
  return { readline: Math.round(n / best.readline), chunked: Math.round(n / best.chunked) };
}

const dir = mkdtempSync(join(tmpdir(), 'cxsim-calibrate-bench-'));
try {
  const results = [];
  for (const n of [Math.round(rows / 10), rows]) {
    const path = values.keep && n === rows ? values.keep : join(dir, `log-${n}.txt`);
    const tw = performance.now();
    await writeLog(path, n);
    process.stderr.write(`wrote ${n.toLocaleString('en-US')} rows in ${((performance.now() - tw) / 1000).toFixed(1)} s\n`);
    if (n !== rows) {
      const lr = await lineRates(path, n);
      process.stdout.write(`bare line reading, best of 5 alternating, per CPU second: node:readline ${lr.readline.toLocaleString('en-US')} lines/s, chunked reader ${lr.chunked.toLocaleString('en-US')} lines/s (×${(lr.chunked / lr.readline).toFixed(2)})\n`);
    }
    const r = await measure(path, n);
    results.push(r);
    process.stdout.write(
      `${r.rows.toLocaleString('en-US')} rows (${(r.bytes / 2 ** 20).toFixed(0)} MiB), ${r.customers.toLocaleString('en-US')} customers: ${r.seconds.toFixed(1)} s for both passes = ${r.rowsPerSecond.toLocaleString('en-US')} rows/s (${r.rowsPerSecondPerPass.toLocaleString('en-US')} rows/s per pass); ${r.cpuSeconds.toFixed(1)} CPU s = ${r.rowsPerCpuSecond.toLocaleString('en-US')} rows per CPU second; memory: peak growth RSS ${r.rssGrowthMiB.toFixed(0)} MiB, heap ${r.heapGrowthMiB.toFixed(0)} MiB (garbage included); retained after the read ${r.retainedMiB.toFixed(0)} MiB\n`,
    );
    if (!(values.keep && n === rows)) rmSync(path, { force: true });
  }
  process.stdout.write(`${JSON.stringify({ node: process.version, results })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
