/**
 * Maximum likelihood: the optimum (optimiser.ts), standard errors from the inverse of the
 * observed information (the Hessian of −ln L at the optimum, by central differences in the
 * natural parameters), 95% Wald intervals, ln L, AIC and BIC. Pure: no Node imports.
 */
import { minimisePositive } from './optimiser.ts';
import { invert } from './special.ts';

export interface Estimate {
  name: string;
  value: number;
  /** Standard error from the inverse Hessian; null when the information matrix is not positive definite. */
  se: number | null;
  lower95: number | null;
  upper95: number | null;
}

export interface FitSummary {
  estimates: Estimate[];
  /** Maximised log-likelihood. */
  logLik: number;
  /** 2k − 2 ln L. */
  aic: number;
  /** k ln n − 2 ln L, n = customers. */
  bic: number;
  /** Customers (or weights) the likelihood sums over. */
  n: number;
  converged: boolean;
  restarts: number;
}

/** Hessian of f at x by central differences with relative steps h·xᵢ. */
export function hessian(f: (x: number[]) => number, x: number[], h = 1e-4): number[][] {
  const k = x.length;
  const step = x.map((v) => h * Math.max(Math.abs(v), 1e-8));
  const at = (d: [number, number][]): number => {
    const y = x.slice();
    for (const [i, s] of d) y[i] += s * step[i];
    return f(y);
  };
  const f0 = f(x);
  const H = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    H[i][i] = (at([[i, 1]]) - 2 * f0 + at([[i, -1]])) / (step[i] * step[i]);
    for (let j = 0; j < i; j++) {
      const v = (at([[i, 1], [j, 1]]) - at([[i, 1], [j, -1]]) - at([[i, -1], [j, 1]]) + at([[i, -1], [j, -1]])) / (4 * step[i] * step[j]);
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  return H;
}

/** Maximises `logLik` over positive parameters `names`, starting at `start`. */
export function maximiseLikelihood(names: string[], start: number[], logLik: (p: number[]) => number, n: number): FitSummary {
  const negLL = (p: number[]): number => -logLik(p);
  const opt = minimisePositive(negLL, start);
  const H = hessian(negLL, opt.x);
  let cov: number[][] | null = null;
  try {
    cov = invert(H);
  } catch {
    cov = null;
  }
  const estimates = names.map((name, i): Estimate => {
    const value = opt.x[i];
    const v = cov?.[i]?.[i];
    const se = v !== undefined && Number.isFinite(v) && v > 0 ? Math.sqrt(v) : null;
    return { name, value, se, lower95: se === null ? null : value - 1.959964 * se, upper95: se === null ? null : value + 1.959964 * se };
  });
  const ll = -opt.fx;
  const k = names.length;
  return { estimates, logLik: ll, aic: 2 * k - 2 * ll, bic: k * Math.log(n) - 2 * ll, n, converged: opt.converged, restarts: opt.restarts };
}

/** The estimate's value by name. */
export function value(fit: FitSummary, name: string): number {
  const e = fit.estimates.find((x) => x.name === name);
  if (!e) throw new Error(`no estimate ${name}`);
  return e.value;
}
