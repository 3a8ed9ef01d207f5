/**
 * Time conversions (docs/model.md §1): scenario files speak in months and annual rates;
 * the engine steps `stepsPerYear` times a year.
 */
export interface Clock {
  steps: number;
  stepsPerYear: number;
  /** Months per step (1 for monthly steps). */
  monthsPerStep: number;
  /** Per-step discount factor 1/(1+r)^(1/stepsPerYear). */
  discountPerStep: number;
}

export function makeClock(horizonMonths: number, stepsPerYear: number, annualDiscountRate: number): Clock {
  const monthsPerStep = 12 / stepsPerYear;
  return {
    steps: Math.max(1, Math.round(horizonMonths / monthsPerStep)),
    stepsPerYear,
    monthsPerStep,
    discountPerStep: Math.pow(1 + annualDiscountRate, -1 / stepsPerYear),
  };
}

/** The step in which a month falls. */
export function monthToStep(month: number, clock: Clock): number {
  return Math.round(month / clock.monthsPerStep);
}

/** Month at the start of a step. */
export function stepToMonth(step: number, clock: Clock): number {
  return step * clock.monthsPerStep;
}

/** Converts a per-month probability to a per-step probability (exact for independent monthly events). */
export function perStepProbability(pMonth: number, clock: Clock): number {
  if (pMonth >= 1) return 1;
  return 1 - Math.pow(1 - pMonth, clock.monthsPerStep);
}

/** Converts an annual probability to a per-step probability: 1 − (1−p)^(1/stepsPerYear). */
export function annualToStepProbability(pYear: number, clock: Clock): number {
  if (pYear >= 1) return 1;
  return 1 - Math.pow(1 - pYear, 1 / clock.stepsPerYear);
}

/** Value at a month of piecewise-linear points (flat outside). */
export function interpolatePoints(points: readonly (readonly [number, number])[], month: number): number {
  if (month <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [m1, v1] = points[i];
    if (month <= m1) {
      const [m0, v0] = points[i - 1];
      return m1 === m0 ? v1 : v0 + ((v1 - v0) * (month - m0)) / (m1 - m0);
    }
  }
  return points[points.length - 1][1];
}

/** Value at a month of a step function through points (the last point at or before the month; 0 before the first). */
export function stepFunction(points: readonly (readonly [number, number])[], month: number): number {
  let v = 0;
  for (const [m, x] of points) {
    if (m <= month) v = x;
    else break;
  }
  return v;
}
