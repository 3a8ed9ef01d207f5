/**
 * One CSV field writer for every CSV in src/ (src/report/csv-field.ts): RFC 4180 quoting and the
 * OWASP guard against CSV (formula) injection. Text that starts with = + - @, a tab or a carriage
 * return is written as "'…" so a spreadsheet shows it as text; numbers — negative ones too, and
 * numbers that arrive as text — stay numbers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField } from '../src/report/csv-field.ts';
import { replicationsCsv, seriesCsv } from '../src/report/tidy-csv.ts';
import type { ReplicationResult } from '../src/engine/result.ts';

const parseLine = (line: string): string[] => {
  // RFC 4180 for one line: fields split at commas outside quotes, "" inside quotes is one "
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
};

describe('csvField', () => {
  it('writes text that starts like a formula as quoted text with a leading apostrophe', () => {
    for (const s of ['=1+2', '+A1', '-2+3', '-x', '@SUM(A1:A9)', '\tx', '\rx', '=HYPERLINK("http://example.invalid","x")', '-', '+', '=']) {
      const f = csvField(s);
      expect(f.startsWith(`"'`), JSON.stringify(s)).toBe(true);
      expect(parseLine(f), JSON.stringify(s)).toEqual([`'${s}`]);
    }
    // a comma or quote inside guarded text stays one field
    expect(parseLine(`${csvField('=a,"b"')},2`)).toEqual([`'=a,"b"`, '2']);
  });
  it('leaves numbers as numbers: negative, signed, exponent, and numbers written as text', () => {
    for (const n of [-3.5, -0.001, 1e-9, -1.25e21, 0, 42]) expect(csvField(n)).toBe(String(n));
    for (const s of ['-3.5', '+1', '-1e-9', '+2.5E+3', '-.5', '3.']) expect(csvField(s), s).toBe(s);
  });
  it('quotes ordinary text only when needed (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a-b=c')).toBe('a-b=c');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('')).toBe('');
  });
});

describe('the tidy CSV writers use the guard', () => {
  const r = {
    replication: 0, strategy: '=cmd|"/c calc"!A1', stress: '@evil', seed: '-1+1', stepsPerYear: 12,
    series: { netEquity: [1, -2.5] }, totals: {}, clv: { all: { mean: -3.5 } },
  } as unknown as ReplicationResult;
  it('series.csv and replications.csv write a formula-like strategy and stress as text, numbers as numbers', () => {
    const series = [...seriesCsv([r])].join('').split('\n');
    const row = parseLine(series[2]);
    expect(row.slice(1, 3)).toEqual([`'=cmd|"/c calc"!A1`, "'@evil"]);
    expect(row.at(-1)).toBe('-2.5');
    const reps = [...replicationsCsv([r])].join('').split('\n');
    const rrow = parseLine(reps[1]);
    expect(rrow.slice(1, 4)).toEqual([`'=cmd|"/c calc"!A1`, "'@evil", "'-1+1"]);
    expect(rrow.at(-1)).toBe('-3.5');
  });
});

describe('one implementation', () => {
  const root = join(import.meta.dirname, '..', 'src');
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
  it('no file in src/ but csv-field.ts quotes CSV text itself, and every *Csv writer imports csvField', () => {
    const own: string[] = [];
    const unguarded: string[] = [];
    for (const f of files(root)) {
      const text = readFileSync(f, 'utf8');
      const rel = relative(root, f);
      if (rel === join('report', 'csv-field.ts')) continue;
      if (text.includes(`'""'`) || /\^\[=\+\\-@/.test(text)) own.push(rel);
      if (/export (function|const) \w+Csv\b/.test(text) && !/import \{[^}]*\bcsvField\b[^}]*\} from/.test(text)) unguarded.push(rel);
    }
    expect(own).toEqual([]);
    expect(unguarded).toEqual([]);
  });
});
