/** A plain-text table for a terminal: aligned columns, numbers right-aligned. */
const width = (s: string) => [...s].length;

export function textTable(headers: string[], rows: string[][], rightAligned: (col: number) => boolean = (c) => c > 0): string {
  const widths = headers.map((h, j) => Math.max(width(h), ...rows.map((r) => width(r[j] ?? ''))));
  const pad = (s: string, j: number) => (rightAligned(j) ? ' '.repeat(widths[j] - width(s)) + s : s + ' '.repeat(widths[j] - width(s)));
  const line = (r: string[]) => r.map((c, j) => pad(c ?? '', j)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
