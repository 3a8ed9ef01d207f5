/**
 * The page's state in the URL fragment (after `#`, so it works from file:// and never
 * reaches a server): scenario, the two strategies, seed, replications, stress, presenter
 * mode and every slider that differs from the file. A shared link reproduces the same
 * numbers: the engine is deterministic given the scenario and the seed. Pure.
 */

export interface PageState {
  scenario: string;
  a: string;
  b: string;
  seed: number;
  replications: number;
  stress: string;
  presenter: boolean;
  /** Control id → value, only for controls moved away from the file's value. */
  values: Record<string, number>;
}

const VALUE_PREFIX = 'v.';
/** Longest fragment read (a link is short; anything longer is not ours). */
export const MAX_FRAGMENT = 8192;

export function encodeState(s: PageState): string {
  const q = new URLSearchParams();
  q.set('scenario', s.scenario);
  q.set('a', s.a);
  q.set('b', s.b);
  q.set('seed', String(s.seed));
  q.set('reps', String(s.replications));
  if (s.stress !== 'none') q.set('stress', s.stress);
  if (s.presenter) q.set('presenter', '1');
  for (const [id, v] of Object.entries(s.values).sort(([x], [y]) => x.localeCompare(y))) q.set(VALUE_PREFIX + id, String(v));
  return q.toString();
}

/** The state written in a fragment: every field it holds (unknown or malformed ones are reported, not used). */
export function decodeState(fragment: string): { state: Partial<PageState> & { values: Record<string, number> }; problems: string[] } {
  const problems: string[] = [];
  const state: Partial<PageState> & { values: Record<string, number> } = { values: {} };
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT) return { state, problems: [`the link's settings are too long (${text.length} characters; at most ${MAX_FRAGMENT}); they were ignored`] };
  const q = new URLSearchParams(text);
  const num = (key: string, v: string): number | undefined => {
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x)) {
      problems.push(`${key}: expected a number, found "${v}"`);
      return undefined;
    }
    return x;
  };
  for (const [key, v] of q) {
    if (key === 'scenario' || key === 'a' || key === 'b' || key === 'stress') state[key] = v;
    else if (key === 'seed') state.seed = num(key, v);
    else if (key === 'reps') state.replications = num(key, v);
    else if (key === 'presenter') state.presenter = v === '1';
    else if (key.startsWith(VALUE_PREFIX)) {
      const x = num(key, v);
      if (x !== undefined) state.values[key.slice(VALUE_PREFIX.length)] = x;
    } else problems.push(`unknown setting "${key}" in the link (ignored)`);
  }
  return { state, problems };
}
