/**
 * "Did you mean ...?" for misspelt keys and ids: the nearest candidate by edit distance
 * (Levenshtein), offered only when it is close enough to be a likely typo.
 */

/** Words longer than this get no "did you mean" (ids and keys are short; the limit bounds the work). */
export const MAX_SUGGEST_CHARS = 64;

/**
 * Edit distance between two strings: insertions, deletions, substitutions and swaps of two
 * neighbouring letters each count 1 (Levenshtein with transpositions, "optimal string
 * alignment"), so "flim" is one edit from "film".
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const rows = Array.from({ length: a.length + 1 }, (_, i) => {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/**
 * The candidate a misspelt `word` most likely meant: equal ignoring case, or within edit
 * distance 2 (1 for words of up to 4 characters, so short keys do not match everything).
 * Ties go to the first candidate in the given order.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  // a typo of a key or an id is short: long words (hostile or pasted text) get no suggestion,
  // which keeps this O(64 × candidate length) per candidate
  if (word.length > MAX_SUGGEST_CHARS) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word || c.length > MAX_SUGGEST_CHARS + 2) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = word.length <= 4 ? 1 : 2;
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const n = nearest(word, candidates);
  return n === undefined ? '' : ` (did you mean "${n}"?)`;
}
