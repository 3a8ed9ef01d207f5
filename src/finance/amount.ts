/**
 * Numbers as finance people type them on a command line: `3000000`, `3e6`, `3M`, `2.5m`,
 * `500k`, `1.2bn`, `-20M`. No thousands separators (commas separate list items).
 */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, bn: 1e9, BN: 1e9, Bn: 1e9, b: 1e9, B: 1e9 };

/** A plain decimal number (optionally signed, with an exponent), or null. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!NUMBER.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

/** A number with an optional k / M / bn suffix, or null. */
export function parseAmount(text: string): number | null {
  const t = text.trim();
  const m = /^(.*?)(k|K|m|M|bn|BN|Bn|b|B)$/.exec(t);
  if (m && m[1] !== '') {
    const x = parseNumber(m[1]);
    return x === null ? null : x * SUFFIX[m[2]];
  }
  return parseNumber(t);
}
