/**
 * The optimiser: fmin's Nelder–Mead (downhill simplex; the optimiser behind venn.js), run on
 * the logarithms of the parameters so that every positive parameter stays positive without
 * bounds, and restarted from its own optimum until a restart no longer improves the
 * objective (a simplex can stall on a ridge; a fresh simplex around the point cannot stall
 * at the same place twice). Derivative-free, so a likelihood with series or sums is fine.
 *
 * Two facts about fmin 0.0.4 shape this file: its build is UMD under "type": "module", so it
 * is imported for its side effect (it registers globalThis.fmin); and its shrink step uses an
 * undeclared variable, which throws in strict mode — so it runs with σ = 1 (a run ends where
 * it would shrink) and the restart loop does the shrinking with a fresh, smaller simplex.
 * Each run works in coordinates v = 1 + (u − centre) with u the log-parameters, so fmin's
 * multiplicative initial simplex (vᵢ·(1+step)) is a step of `step` in every log-parameter.
 * Pure: no Node imports.
 */
import 'fmin';

interface FminResult { x: number[]; fx: number }
const fmin = (globalThis as unknown as { fmin: { nelderMead(f: (x: number[]) => number, x0: number[], p: Record<string, number>): FminResult } }).fmin;

export interface MinimiseResult {
  x: number[];
  fx: number;
  restarts: number;
  converged: boolean;
}

/** Minimises f over positive vectors, starting from `start` (all > 0). */
export function minimisePositive(f: (x: number[]) => number, start: number[], maxRestarts = 30): MinimiseResult {
  const g = (u: number[]): number => {
    const v = f(u.map(Math.exp));
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };
  let u = start.map(Math.log);
  let fx = g(u);
  let step = 0.5, quiet = 0;
  for (let restart = 0; restart < maxRestarts; restart++) {
    const centre = u.slice();
    const h = (v: number[]): number => g(v.map((vi, i) => centre[i] + (vi - 1)));
    const r = fmin.nelderMead(h, centre.map(() => 1), { maxIterations: 4000 * u.length, minErrorDelta: 1e-14, nonZeroDelta: 1 + step, sigma: 1 });
    const improved = fx - r.fx;
    if (r.fx < fx) {
      u = Array.from(r.x, (vi: number, i: number) => centre[i] + (vi - 1));
      fx = r.fx;
    }
    // converged when two fresh simplices in a row, the last a small one, find nothing better
    if (improved <= 1e-11 * Math.max(1, Math.abs(fx))) {
      if (++quiet >= 2 && step <= 0.01) return { x: u.map(Math.exp), fx, restarts: restart, converged: true };
      step = Math.max(step / 10, 0.001);
    } else quiet = 0;
  }
  return { x: u.map(Math.exp), fx, restarts: maxRestarts, converged: false };
}
