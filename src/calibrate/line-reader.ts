/**
 * Lines of a text file with their 1-based numbers, streamed (node:readline over a read
 * stream): memory does not grow with the file.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { DataError } from './data-error.ts';

export async function* lines(file: string): AsyncGenerator<[string, number]> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new DataError([{ file, line: 0, column: 0, message: 'no such file' }]);
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    yield [line, n];
  }
}

/** Splits a line of a small table: tab, comma or semicolon when present, else whitespace. */
export function splitRow(line: string): string[] {
  const d = line.includes('\t') ? '\t' : line.includes(',') ? ',' : line.includes(';') ? ';' : null;
  return (d ? line.split(d) : line.trim().split(/\s+/)).map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
}
