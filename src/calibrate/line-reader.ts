/**
 * Lines of a text file with their 1-based numbers, streamed: the file is read in 1 MiB
 * chunks (a read stream whose UTF-8 decoder keeps characters split across chunks whole) and
 * cut at "\n" (a trailing "\r" is dropped), so memory does not grow with the file. Lines come
 * in batches, one per chunk, so the per-line cost is a plain loop rather than an awaited
 * generator step; `lines()` is the line-at-a-time view for small files.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { DataError } from './data-error.ts';

export interface LineBatch {
  /** The lines of this batch. */
  lines: string[];
  /** 1-based number of the first line of the batch. */
  first: number;
  /** Characters of the file read so far (bytes, for ASCII): for progress. */
  read: number;
}

export async function* lineBatches(file: string): AsyncGenerator<LineBatch> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new DataError([{ file, line: 0, column: 0, message: 'no such file' }]);
  let n = 0, read = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    read += chunk.length;
    const text = rest + chunk;
    // lines ending in a carriage return alone (classic Mac) would be read as one long line
    if (n === 0 && /\r(?!\n|$)/.test(text)) throw new DataError([{ file, line: 1, column: 0, message: 'lines end with a carriage return alone (old Mac format): save the file with Unix (LF) or Windows (CRLF) line ends' }]);
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (let i = 0; i < parts.length; i++) {
      const l = parts[i];
      if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) parts[i] = l.slice(0, -1);
    }
    yield { lines: parts, first: n + 1, read };
    n += parts.length;
  }
  if (rest.length > 0) yield { lines: [rest.endsWith('\r') ? rest.slice(0, -1) : rest], first: n + 1, read };
}

export async function* lines(file: string): AsyncGenerator<[string, number]> {
  for await (const b of lineBatches(file)) for (let i = 0; i < b.lines.length; i++) yield [b.lines[i], b.first + i];
}

/** Splits a line of a small table: tab, comma or semicolon when present, else whitespace. */
export function splitRow(line: string): string[] {
  const d = line.includes('\t') ? '\t' : line.includes(',') ? ',' : line.includes(';') ? ';' : null;
  return (d ? line.split(d) : line.trim().split(/\s+/)).map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
}
