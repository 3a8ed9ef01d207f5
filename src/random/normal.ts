/**
 * Standard normal quantile Φ⁻¹(u) by Acklam's rational approximation (relative error
 * below 1.2e-9), so a normal draw costs one uniform and, in the central 95%, no
 * transcendental function. Used for experience noise in the hot loop.
 */
export const A1 = -3.969683028665376e1, A2 = 2.209460984245205e2, A3 = -2.759285104469687e2;
export const A4 = 1.38357751867269e2, A5 = -3.066479806614716e1, A6 = 2.506628277459239;
export const B1 = -5.447609879822406e1, B2 = 1.615858368580409e2, B3 = -1.556989798598866e2;
export const B4 = 6.680131188771972e1, B5 = -1.328068155288572e1;
/** Half-width of the central region around 0.5: |u − 0.5| ≤ CENTRAL is the rational branch (0.5 − P_LOW). */
export const CENTRAL = 0.47575;
export const C1 = -7.784894002430293e-3, C2 = -3.223964580411365e-1, C3 = -2.400758277161838;
export const C4 = -2.549732539343734, C5 = 4.374664141464968, C6 = 2.938163982698783;
export const D1 = 7.784695709041462e-3, D2 = 3.224671290700398e-1, D3 = 2.445134137142996, D4 = 3.754408661907416;
export const P_LOW = 0.02425;

/**
 * Φ⁻¹(u) for u in (0, 1). The central region (95% of draws) is a short branch-free
 * rational function; tails go to normalTail. The generated kernel writes both branches into its
 * own source, with the same constants and operations in the same order
 * (src/engine/kernel/fragments.ts `normalOf`).
 */
export function normalQuantile(u: number): number {
  const q = u - 0.5;
  if (q >= -CENTRAL && q <= CENTRAL) {
    const r = q * q;
    return ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
  }
  return normalTail(u);
}

/** The tails of Φ⁻¹: u < 0.02425 or u > 0.97575. */
export function normalTail(u: number): number {
  if (u < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(u));
    return (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
  }
  const q = Math.sqrt(-2 * Math.log(1 - u));
  return -(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
}
