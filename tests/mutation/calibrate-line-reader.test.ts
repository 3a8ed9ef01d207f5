/**
 * The streamed line reader of `cxsim calibrate` (src/calibrate/line-reader.ts) on small files
 * written here (issue 17 item 4: written against the surviving mutants of
 * `npm run mutation -- --folder calibrate`): line numbers, line ends (LF, CRLF, a final line
 * without "\n", a file that ends in "\r"), the characters-read count, refusals with their
 * exact file:line, and row splitting with quotes. One file crosses the 1 MiB chunk boundary,
 * where old-Mac line ends are no longer looked for. The temporary folder is removed after the
 * tests, also when one fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineBatches, lines, splitRow, type LineBatch } from '../../src/calibrate/line-reader.ts';
import { DataError } from '../../src/calibrate/data-error.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxsim-line-reader-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const all = async (f: string): Promise<[string, number][]> => {
  const out: [string, number][] = [];
  for await (const l of lines(f)) out.push(l);
  return out;
};
const batches = async (f: string): Promise<LineBatch[]> => {
  const out: LineBatch[] = [];
  for await (const b of lineBatches(f)) out.push(b);
  return out;
};
const refusal = async (f: string): Promise<DataError> => {
  try {
    await all(f);
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error(`${f} was read without a DataError`);
};

describe('lines of a small file', () => {
  it('LF and CRLF ends, an empty line kept, the last line without "\\n": numbered from 1', async () => {
    expect(await all(file('mixed.csv', 'id,day\r\na,1\n\nb,2\r\nc,3'))).toEqual([['id,day', 1], ['a,1', 2], ['', 3], ['b,2', 4], ['c,3', 5]]);
  });
  it('a file ending in "\\r" without "\\n": the "\\r" is dropped from the last line and the file is not taken for old-Mac', async () => {
    expect(await all(file('cr-end.csv', 'a,1\r\nb,2\r'))).toEqual([['a,1', 1], ['b,2', 2]]);
  });
  it('one batch for a small file: its first line number and the characters read (the file length)', async () => {
    const text = 'id,day\na,1\nb,2\n';
    const [b, ...more] = await batches(file('one.csv', text));
    expect(more).toEqual([]);
    expect(b).toEqual({ lines: ['id,day', 'a,1', 'b,2'], first: 1, read: text.length });
    // the unterminated last line comes in a batch of its own, numbered after the others, with the same count read
    const u = await batches(file('open.csv', 'x\ny'));
    expect(u).toEqual([{ lines: ['x'], first: 1, read: 3 }, { lines: ['y'], first: 2, read: 3 }]);
  });
  it('an empty file has no lines', async () => {
    expect(await all(file('empty.csv', ''))).toEqual([]);
  });
});

describe('refused files: one DataError at file:line', () => {
  it('a missing file and a folder are "no such file" at line 0', async () => {
    const missing = join(dir, 'missing.csv');
    expect((await refusal(missing)).problems).toEqual([{ file: missing, line: 0, column: 0, message: 'no such file' }]);
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder);
    expect((await refusal(folder)).problems).toEqual([{ file: folder, line: 0, column: 0, message: 'no such file' }]);
  });
  it('lines ended by "\\r" alone (old Mac) are refused at line 1', async () => {
    const f = file('mac.csv', 'id,day\ra,1\rb,2\r');
    expect((await refusal(f)).problems).toEqual([{ file: f, line: 1, column: 0, message: 'lines end with a carriage return alone (old Mac format): save the file with Unix (LF) or Windows (CRLF) line ends' }]);
  });
  it('beyond the first 1 MiB chunk a lone "\\r" is no longer looked for: it stays inside its line', async () => {
    // 2^20 characters in 1,024 lines of 1,024, then one line with a lone "\r"
    const row = `${'a'.repeat(1023)}\n`;
    const head = row.repeat(1024);
    const f = file('big.csv', `${head}x\ry\nlast\n`);
    const got = await all(f);
    const n = head.length / row.length;
    expect(got.length).toBe(n + 2);
    expect(got[n]).toEqual(['x\ry', n + 1]);
    expect(got[n + 1]).toEqual(['last', n + 2]);
    // the read count grows to the file length, batch by batch
    const bs = await batches(f);
    expect(bs.map((b) => [b.first, b.lines.length, b.read])).toEqual([[1, n, 1 << 20], [n + 1, 2, head.length + 9]]);
  });
});

describe('rows of a small table', () => {
  it('quotes are removed only around a whole field', () => {
    expect(splitRow('"ab","c d",e')).toEqual(['ab', 'c d', 'e']);
    expect(splitRow('x"a",b')).toEqual(['x"a"', 'b']);
    expect(splitRow('"a"x,b')).toEqual(['"a"x', 'b']);
    expect(splitRow('"",b')).toEqual(['', 'b']);
  });
});
