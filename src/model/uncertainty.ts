/**
 * Uncertain parameters (MODEL.md §1): every distribution in a scenario is drawn once per
 * replication. Each parameter has its own stream keyed by (seed, replication, path), so a
 * parameter's draw in replication k is the same under every strategy (common random
 * numbers) and does not move when other parameters are added or overridden.
 */
import { deriveStream } from '../random/seeds.ts';
import { beta as betaDraw } from '../random/sampling.ts';
import { normalQuantile } from '../random/normal.ts';
import type { Distribution, Scenario, ResolvedScenario } from '../scenario/schema.ts';

export function isDistribution(v: unknown): v is Distribution {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { dist?: unknown }).dist === 'string';
}

/** Draws one value of a distribution from a uniform source. */
export function drawDistribution(d: Distribution, u: () => number): number {
  switch (d.dist) {
    case 'normal': {
      const lo = d.min ?? -Infinity;
      const hi = d.max ?? Infinity;
      for (let i = 0; i < 1000; i++) {
        const x = d.mean + d.sd * normalQuantile(u());
        if (x >= lo && x <= hi) return x;
      }
      return Math.min(hi, Math.max(lo, d.mean));
    }
    case 'lognormal': {
      if (d.sd === 0) return d.mean;
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      return Math.exp(Math.log(d.mean) - s2 / 2 + Math.sqrt(s2) * normalQuantile(u()));
    }
    case 'uniform':
      return d.min + (d.max - d.min) * u();
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      if (b === a) return a;
      const x = u();
      const f = (c - a) / (b - a);
      return x < f ? a + Math.sqrt(x * (b - a) * (c - a)) : b - Math.sqrt((1 - x) * (b - a) * (b - c));
    }
    case 'beta':
      return d.min + (d.max - d.min) * betaDraw(d.alpha, d.beta, u);
    case 'empirical':
      return d.values[Math.min(d.values.length - 1, Math.floor(u() * d.values.length))];
  }
}

/** Quantile of a distribution (for sensitivity swings: low/high values). */
export function distributionQuantile(d: Distribution, q: number): number {
  switch (d.dist) {
    case 'normal': {
      const x = d.mean + d.sd * normalQuantile(q);
      return Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, x));
    }
    case 'lognormal': {
      if (d.sd === 0) return d.mean;
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      return Math.exp(Math.log(d.mean) - s2 / 2 + Math.sqrt(s2) * normalQuantile(q));
    }
    case 'uniform':
      return d.min + (d.max - d.min) * q;
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      if (b === a) return a;
      const f = (c - a) / (b - a);
      return q < f ? a + Math.sqrt(q * (b - a) * (c - a)) : b - Math.sqrt((1 - q) * (b - a) * (b - c));
    }
    case 'beta': {
      // Monte Carlo-free: bisection on the empirical CDF of a fixed sample is overkill; use the
      // normal approximation of the beta, clamped to its support.
      const m = d.alpha / (d.alpha + d.beta);
      const v = (d.alpha * d.beta) / ((d.alpha + d.beta) ** 2 * (d.alpha + d.beta + 1));
      const x = Math.min(1, Math.max(0, m + Math.sqrt(v) * normalQuantile(q)));
      return d.min + (d.max - d.min) * x;
    }
    case 'empirical': {
      const s = [...d.values].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
    }
  }
}

/** Paths of every distribution in a scenario, with the distribution. */
export function uncertainParameters(scenario: unknown): { path: string; dist: Distribution }[] {
  const out: { path: string; dist: Distribution }[] = [];
  const walk = (v: unknown, path: string[]) => {
    if (isDistribution(v)) {
      out.push({ path: path.join('.'), dist: v });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, String(i)]));
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'overrides') continue; // merged before resolution
        walk(x, [...path, k]);
      }
    }
  };
  walk(scenario, []);
  return out;
}

/**
 * Replaces every distribution by its draw for this replication; returns the resolved
 * scenario and the drawn values by path.
 */
export function resolveScenario(scenario: Scenario, replication: number): { resolved: ResolvedScenario; params: Record<string, number> } {
  const params: Record<string, number> = {};
  const seed = scenario.meta.seed;
  const walk = (v: unknown, path: string[]): unknown => {
    if (isDistribution(v)) {
      const p = path.join('.');
      const x = drawDistribution(v, deriveStream(seed, 'param', replication, p));
      params[p] = x;
      return x;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, String(i)]));
    if (typeof v === 'object' && v !== null) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = k === 'overrides' ? x : walk(x, [...path, k]);
      return o;
    }
    return v;
  };
  return { resolved: walk(scenario, []) as ResolvedScenario, params };
}
