/**
 * Streaming reader of a transaction log (one row per purchase: customer id, date, amount,
 * optionally a segment column) into the customer-level summaries of rfm.ts. The file is read
 * line by line twice (node:readline): the first pass finds the layout, checks every row and
 * finds the date range; the second keeps a few numbers per customer — never the rows — so
 * memory grows with the number of customers, not with the length of the log.
 *
 * Conventions (those of the BG/NBD and Gamma-Gamma literature, and of the published CDNOW
 * fits): purchases by a customer on the same day are one transaction (amounts added); the
 * first transaction is the acquisition and is not a repeat; time is measured in units of
 * `unitDays` days (7: weeks) between dates, so t_x = (last repeat date − first date)/7 and
 * T = (last calibration date − first date)/7; the calibration period ends with the day
 * `calibrationEnd` (inclusive), the hold-out with `holdoutEnd` (default: the last date, or the calibration end if later).
 * Customers whose first purchase is after the calibration period are left out (counted).
 *
 * Delimiter: tab, comma or semicolon when the first line has one, else runs of whitespace.
 * A header line is recognised by its date column not holding a date.
 */
import { lineBatches } from './line-reader.ts';
import { DataError, type DataProblem } from './data-error.ts';
import { detectDateFormat, formatDay, parseDay, type DateFormat } from './dates.ts';
import type { RfmData } from './rfm.ts';

export interface EventLogOptions {
  /** Column name (with a header) or 1-based number; detected when omitted. */
  customerColumn?: string;
  dateColumn?: string;
  amountColumn?: string;
  /** Column whose value (on a customer's first row) names the customer's segment. */
  segmentColumn?: string;
  dateFormat?: DateFormat;
  /** Last day of the calibration period, as a date in the log's format or ISO. */
  calibrationEnd?: string;
  /** Or: length of the calibration period in units from the first date of the log. */
  calibrationUnits?: number;
  /** Last day of the hold-out period (default: the last date in the log). */
  holdoutEnd?: string;
  /** Days per time unit (7 = weeks). */
  unitDays?: number;
  /** Stop after this many problems (all are reported together). */
  maxProblems?: number;
  /** Called every `progressEvery` lines (default 1,000,000) with the pass (1 or 2) and the lines read. */
  onProgress?: (pass: 1 | 2, lines: number) => void;
  progressEvery?: number;
  /** Called after every chunk (1 MiB) with the pass and the characters of the file read in it (for a bar). */
  onChunk?: (pass: 1 | 2, read: number) => void;
}

export interface EventLogSummary {
  file: string;
  rows: number;
  header: string[] | null;
  columns: { customer: number; date: number; amount: number; segment: number | null };
  dateFormat: DateFormat;
  unitDays: number;
  firstDay: string;
  lastDay: string;
  calibrationEnd: string;
  holdoutEnd: string;
  /** Calibration length in units from the first date of the log. */
  calibrationUnits: number;
  /** Customers first seen after the calibration period (not fitted). */
  excludedCustomers: number;
  /** Rows dated after the hold-out end (ignored). */
  rowsAfterHoldout: number;
  rfm: RfmData;
  /** Segment of each customer (parallel to rfm.ids), or null without --segment-by. */
  segment: string[] | null;
  /** Repeat transactions of the fitted customers in each time unit of the calendar, from the first date. */
  repeatByUnit: number[];
  /** Customers of the cohort making their first purchase on each day from the first date. */
  firstPurchasesByDay: number[];
}

interface Layout {
  split: (line: string) => string[];
  delimiter: string;
  header: string[] | null;
  customer: number;
  date: number;
  amount: number;
  segment: number | null;
  dateFormat: DateFormat;
}

const splitters: Record<string, (line: string) => string[]> = {
  '\t': (l) => l.split('\t').map(unquote),
  ',': (l) => l.split(',').map(unquote),
  ';': (l) => l.split(';').map(unquote),
  ' ': (l) => l.trim().split(/\s+/),
};
function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t[0] === '"' && t[t.length - 1] === '"' ? t.slice(1, -1) : t;
}

/** 1-based column (character) where field `k` of `line` starts. */
function columnOf(line: string, delimiter: string, k: number): number {
  if (delimiter === ' ') {
    const re = /\S+/g;
    let m: RegExpExecArray | null, i = 0;
    while ((m = re.exec(line))) if (i++ === k) return m.index + 1;
    return line.length + 1;
  }
  let pos = 0;
  for (let i = 0; i < k; i++) {
    const next = line.indexOf(delimiter, pos);
    if (next < 0) return line.length + 1;
    pos = next + 1;
  }
  return pos + 1;
}

const isNumber = (s: string): boolean => s !== '' && Number.isFinite(Number(s));

function resolveColumn(spec: string | undefined, header: string[] | null, width: number, what: string, file: string, guess: () => number): number {
  if (spec === undefined) {
    const g = guess();
    if (g < 0) throw new DataError([{ file, line: 1, column: 0, message: `cannot tell which column holds the ${what}; name it with --${what}-column (a header name or a 1-based number)` }]);
    return g;
  }
  if (/^\d+$/.test(spec)) {
    const k = Number(spec) - 1;
    if (k < 0 || k >= width) throw new DataError([{ file, line: 1, column: 0, message: `--${what}-column ${spec}: expected a column number from 1 to ${width}` }]);
    return k;
  }
  const k = header ? header.findIndex((h) => h.toLowerCase() === spec.toLowerCase()) : -1;
  if (k < 0) {
    const known = header ? `the header has ${header.map((h) => JSON.stringify(h)).join(', ')}` : 'the file has no header line; give a 1-based column number';
    throw new DataError([{ file, line: 1, column: 0, message: `--${what}-column ${JSON.stringify(spec)}: no such column (${known})` }]);
  }
  return k;
}

function detectLayout(file: string, first: string, opts: EventLogOptions): Layout {
  const delimiter = first.includes('\t') ? '\t' : first.includes(',') ? ',' : first.includes(';') ? ';' : ' ';
  const split = splitters[delimiter];
  const fields = split(first);
  const dateLike = (s: string) => {
    const f = detectDateFormat(s);
    return f !== null;
  };
  // a header when no field looks like a date, or the date column named by the user is not one
  const header = fields.some(dateLike) ? null : fields;
  // patterns in order of preference: the first pattern any column matches wins (customer_id over order_id, total over unit_price)
  const find = (...res: RegExp[]) => {
    for (const re of res) {
      const k = header ? header.findIndex((h) => re.test(h)) : -1;
      if (k >= 0) return k;
    }
    return -1;
  };
  const date = resolveColumn(opts.dateColumn, header, fields.length, 'date', file, () => (header ? find(/date|time|day/i) : fields.findIndex(dateLike)));
  const customer = resolveColumn(opts.customerColumn, header, fields.length, 'customer', file, () =>
    header ? find(/cust|client|user|member|donor/i, /^id$/i, /_id$/i) : date === 0 ? 1 : 0,
  );
  const amount = resolveColumn(opts.amountColumn, header, fields.length, 'amount', file, () => {
    if (header) return find(/amount|value|spend|revenue|sales|total|dollar|^net$|paid/i, /price/i);
    for (let k = fields.length - 1; k >= 0; k--) if (k !== date && k !== customer && isNumber(fields[k])) return k;
    return -1;
  });
  const segment = opts.segmentColumn === undefined ? null : resolveColumn(opts.segmentColumn, header, fields.length, 'segment', file, () => -1);
  return { split, delimiter, header, customer, date, amount, segment, dateFormat: opts.dateFormat ?? 'yyyymmdd' };
}

function dayOption(file: string, s: string, fmt: DateFormat, flag: string): number {
  const d = parseDay(s, fmt) ?? parseDay(s, 'iso');
  if (d === null) throw new DataError([{ file, line: 0, column: 0, message: `${flag} ${JSON.stringify(s)}: expected a date (YYYY-MM-DD or the log's ${fmt} format)` }]);
  return d;
}

/** Reads and summarises an event log; throws DataError (file:line:column messages) on bad data. */
export async function readEventLog(file: string, opts: EventLogOptions = {}): Promise<EventLogSummary> {
  const unitDays = opts.unitDays ?? 7;
  const maxProblems = opts.maxProblems ?? 20;
  const problems: DataProblem[] = [];
  const problem = (line: number, column: number, message: string) => {
    problems.push({ file, line, column, message });
    if (problems.length >= maxProblems) throw new DataError(problems);
  };

  // dates repeat (a few hundred distinct days in millions of rows): parse each once
  const dayCache = new Map<string, number | null>();
  const dayOf = (s: string, fmt: DateFormat): number | null => {
    let d = dayCache.get(s);
    if (d === undefined) {
      d = parseDay(s, fmt);
      if (dayCache.size < 1_000_000) dayCache.set(s, d);
    }
    return d;
  };

  // ---- pass 1: layout, row checks, date range
  let layout: Layout | null = null;
  let rows = 0, minDay = Infinity, maxDay = -Infinity;
  const every = opts.progressEvery ?? 1_000_000;
  const onProgress = opts.onProgress;
  for await (const batch of lineBatches(file)) for (let bi = 0, end = batch.lines.length - 1; bi <= end; bi++) {
    const raw = batch.lines[bi], n = batch.first + bi;
    if (bi === end) opts.onChunk?.(1, batch.read);
    if (onProgress && n % every === 0) onProgress(1, n);
    if (raw.trim() === '') continue;
    if (!layout) {
      layout = detectLayout(file, raw, opts);
      if (!opts.dateFormat) {
        const sample = layout.header ? null : layout.split(raw)[layout.date];
        if (sample !== null && sample !== undefined) {
          const f = detectDateFormat(sample);
          if (f === 'ambiguous') throw new DataError([{ file, line: n, column: columnOf(raw, layout.delimiter, layout.date), message: `date ${JSON.stringify(sample)} could be month/day or day/month: pass --date-format mdy or dmy` }]);
          if (f) layout.dateFormat = f;
        } else layout.dateFormat = 'auto' as DateFormat;
      }
      if (layout.header) continue;
    }
    const f = layout.split(raw);
    const need = Math.max(layout.customer, layout.date, layout.amount, layout.segment ?? 0) + 1;
    if (f.length < need) {
      problem(n, 0, `expected at least ${need} fields (customer, date, amount${layout.segment !== null ? ', segment' : ''}), found ${f.length}`);
      continue;
    }
    if ((layout.dateFormat as string) === 'auto') {
      const g = detectDateFormat(f[layout.date]);
      if (g === 'ambiguous') throw new DataError([{ file, line: n, column: columnOf(raw, layout.delimiter, layout.date), message: `date ${JSON.stringify(f[layout.date])} could be month/day or day/month: pass --date-format mdy or dmy` }]);
      layout.dateFormat = g ?? 'yyyymmdd';
    }
    const day = dayOf(f[layout.date], layout.dateFormat);
    if (day === null) {
      problem(n, columnOf(raw, layout.delimiter, layout.date), `expected a date in ${layout.dateFormat} format in column ${layout.date + 1}, found ${JSON.stringify(f[layout.date])}`);
      continue;
    }
    const amount = Number(f[layout.amount]);
    if (f[layout.amount] === '' || !Number.isFinite(amount)) problem(n, columnOf(raw, layout.delimiter, layout.amount), `expected an amount (a number) in column ${layout.amount + 1}, found ${JSON.stringify(f[layout.amount])}`);
    else if (amount < 0) problem(n, columnOf(raw, layout.delimiter, layout.amount), `expected an amount ≥ 0 in column ${layout.amount + 1}, found ${f[layout.amount]} (refunds are not purchases: remove them or net them against their purchase)`);
    if (f[layout.customer] === '') problem(n, columnOf(raw, layout.delimiter, layout.customer), `expected a customer id in column ${layout.customer + 1}, found an empty field`);
    rows++;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  if (problems.length) throw new DataError(problems);
  if (!layout || rows === 0) throw new DataError([{ file, line: 0, column: 0, message: 'expected rows of (customer, date, amount), found none' }]);
  const L = layout;

  const calEnd = opts.calibrationEnd !== undefined
    ? dayOption(file, opts.calibrationEnd, L.dateFormat, '--calibration-end')
    : opts.calibrationUnits !== undefined
      ? minDay + Math.round(opts.calibrationUnits * unitDays) - 1
      : maxDay;
  const holdEnd = opts.holdoutEnd !== undefined ? dayOption(file, opts.holdoutEnd, L.dateFormat, '--holdout-end') : Math.max(maxDay, calEnd);
  if (calEnd < minDay) {
    throw new DataError([{ file, line: 0, column: 0, message: `empty calibration period: it ends ${formatDay(calEnd)}, before the first purchase in the log (${formatDay(minDay)})` }]);
  }
  if (holdEnd < calEnd) throw new DataError([{ file, line: 0, column: 0, message: `--holdout-end ${formatDay(holdEnd)} is before the end of the calibration period (${formatDay(calEnd)})` }]);

  // ---- pass 2: per-customer state
  let cap = 1024;
  let first = new Int32Array(cap), last = new Int32Array(cap), lastCal = new Int32Array(cap), firstLine = new Int32Array(cap), lastLine = new Int32Array(cap);
  let calTx = new Float64Array(cap), holdTx = new Float64Array(cap), calSpend = new Float64Array(cap), pending = new Float64Array(cap);
  const index = new Map<string, number>();
  const ids: string[] = [];
  const segmentOf: string[] = [];
  const repeatByUnit: number[] = [];
  const firstByDay: number[] = [];
  let rowsAfterHoldout = 0;
  const grow = () => {
    cap *= 2;
    const gi = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    const gf = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    first = gi(first); last = gi(last); lastCal = gi(lastCal); firstLine = gi(firstLine); lastLine = gi(lastLine);
    calTx = gf(calTx); holdTx = gf(holdTx); calSpend = gf(calSpend); pending = gf(pending);
  };
  const close = (c: number) => {
    // the transaction on day last[c] is complete: a repeat in the calibration period adds its value
    if (last[c] !== first[c] && last[c] <= calEnd) calSpend[c] += pending[c];
  };
  let header = L.header !== null;
  for await (const batch of lineBatches(file)) for (let bi = 0, end = batch.lines.length - 1; bi <= end; bi++) {
    const raw = batch.lines[bi], n = batch.first + bi;
    if (bi === end) opts.onChunk?.(2, batch.read);
    if (onProgress && n % every === 0) onProgress(2, n);
    if (raw.trim() === '') continue;
    if (header) { header = false; continue; }
    const f = L.split(raw);
    const day = dayOf(f[L.date], L.dateFormat)!;
    if (day > holdEnd) { rowsAfterHoldout++; continue; }
    const amount = Number(f[L.amount]);
    const id = f[L.customer];
    let c = index.get(id);
    if (c === undefined) {
      c = ids.length;
      if (c >= cap) grow();
      index.set(id, c);
      ids.push(id);
      if (L.segment !== null) segmentOf.push(f[L.segment]);
      first[c] = day; last[c] = day; lastCal[c] = day; firstLine[c] = n; lastLine[c] = n;
      pending[c] = amount;
      if (day <= calEnd) firstByDay[day - minDay] = (firstByDay[day - minDay] ?? 0) + 1;
      continue;
    }
    if (day < first[c]) {
      problem(n, columnOf(raw, L.delimiter, L.date), `customer ${id}: purchase dated ${formatDay(day)}, before the customer's first purchase on ${formatDay(first[c])} (line ${firstLine[c]}); list each customer's purchases in date order`);
      continue;
    }
    if (day < last[c]) {
      problem(n, columnOf(raw, L.delimiter, L.date), `customer ${id}: purchase dated ${formatDay(day)}, before the customer's previous purchase on ${formatDay(last[c])} (line ${lastLine[c]}); list each customer's purchases in date order`);
      continue;
    }
    lastLine[c] = n;
    if (day === last[c]) { pending[c] += amount; continue; }
    close(c);
    pending[c] = amount;
    last[c] = day;
    if (first[c] > calEnd) continue;
    if (day <= calEnd) { calTx[c]++; lastCal[c] = day; } else holdTx[c]++;
    const u = Math.floor((day - minDay) / unitDays);
    repeatByUnit[u] = (repeatByUnit[u] ?? 0) + 1;
  }
  if (problems.length) throw new DataError(problems);

  // ---- customers of the calibration cohort
  const keep: number[] = [];
  let excluded = 0;
  for (let c = 0; c < ids.length; c++) {
    close(c);
    if (first[c] <= calEnd) keep.push(c);
    else excluded++;
  }
  if (keep.length === 0) throw new DataError([{ file, line: 0, column: 0, message: `empty calibration period: no customer made a first purchase on or before ${formatDay(calEnd)}` }]);
  const x = Float64Array.from(keep, (c) => calTx[c]);
  const rfm: RfmData = {
    ids: keep.map((c) => ids[c]),
    x,
    tx: Float64Array.from(keep, (c) => (lastCal[c] - first[c]) / unitDays),
    T: Float64Array.from(keep, (c) => (calEnd - first[c]) / unitDays),
    meanValue: Float64Array.from(keep, (c, i) => (x[i] > 0 ? calSpend[c] / x[i] : 0)),
    holdout: Float64Array.from(keep, (c) => holdTx[c]),
    holdoutLength: (holdEnd - calEnd) / unitDays,
  };
  const fill = (a: number[], len: number) => Array.from({ length: len }, (_, i) => a[i] ?? 0);
  return {
    file,
    rows,
    header: L.header,
    columns: { customer: L.customer + 1, date: L.date + 1, amount: L.amount + 1, segment: L.segment === null ? null : L.segment + 1 },
    dateFormat: L.dateFormat,
    unitDays,
    firstDay: formatDay(minDay),
    lastDay: formatDay(maxDay),
    calibrationEnd: formatDay(calEnd),
    holdoutEnd: formatDay(holdEnd),
    calibrationUnits: (calEnd + 1 - minDay) / unitDays,
    excludedCustomers: excluded,
    rowsAfterHoldout,
    rfm,
    segment: L.segment === null ? null : keep.map((c) => segmentOf[c]),
    repeatByUnit: fill(repeatByUnit, Math.ceil((holdEnd + 1 - minDay) / unitDays)),
    firstPurchasesByDay: fill(firstByDay, calEnd + 1 - minDay),
  };
}
