/**
 * What the kernel fragments of the mechanics share (generate.ts assembles them): names of locals,
 * inlined draws, pool-mask tests and the per-stage `switch`. Each mechanic's per-customer code
 * lives with the mechanic (src/engine/mechanics/<mechanic>.ts, functions named `…Fragment`).
 */
import { GOLDEN, INV_2_32 } from '../../random/counter.ts';
import { A1, A2, A3, A4, A5, A6, B1, B2, B3, B4, B5, C1, C2, C3, C4, C5, C6, CENTRAL, D1, D2, D3, D4, P_LOW } from '../../random/normal.ts';
import { _, name, type Code } from './codegen.ts';
import type { KernelShape } from './generate.ts';

export type StageShape = KernelShape['stages'][number];
export type TouchpointShape = StageShape['touchpoints'][number];

export const range = (n: number) => Array.from({ length: n }, (_x, i) => i);
/** MurmurHash3 fmix32's two multipliers (counter.ts), as signed 32-bit literals. */
const M1 = 0x85ebca6b | 0, M2 = 0xc2b2ae35 | 0;
/**
 * fmix32 of the int32 `seed` (an expression), left in the int32 local `hm` as a signed 32-bit
 * integer: counter.ts `fmix32` step for step, without its final `>>> 0` — every intermediate
 * stays in int32 range, so V8 keeps it in a register (no call, no heap number for results ≥ 2³⁰).
 * The kernel declares `let hm = 0` (generate.ts).
 */
const mix = (seed: Code): Code => _`hm = ${seed}, hm ^= hm >>> 16, hm = Math.imul(hm, ${M1}), hm ^= hm >>> 13, hm = Math.imul(hm, ${M2}), hm ^= hm >>> 16`;
/**
 * The statement rooting a customer-step's draws: `x = fmix32((key ^ salt) | 0)`, kept signed
 * (x and x >>> 0 give the same `(x + c) | 0` below, so the draws are bit-identical).
 */
export const root = (key: Code): Code => _`${mix(_`(${key} ^ salt) | 0`)};\nconst x = hm;`;
/**
 * Draw number `purpose` of the customer-step rooted at x, as an expression: counter.ts
 * `uniform(x, purpose)` = (fmix32((x + purpose·φ) | 0) + 0.5)·2⁻³², with fmix32 written inline
 * and the unsigned conversion only in the final multiply. Bit-identical to `uniform`.
 */
export const draw = (purpose: number): Code => _`(${mix(_`(x + ${Math.imul(purpose, GOLDEN)}) | 0`)}, ((hm >>> 0) + 0.5) * ${INV_2_32})`;
/**
 * Φ⁻¹(u) of the uniform expression `u`, as an expression: normal.ts `normalQuantile` written
 * inline — the central branch (95% of draws) and `normalTail`'s two tails, same constants, same
 * operations in the same order, so bit-identical. The upper tail is written as the lower one's
 * formula at 1 − u, negated after the division: normalTail's `-(num) / den` equals `-(num / den)`
 * bit for bit (IEEE 754 division rounds symmetrically). No call, so no heap number for the
 * argument or the result. Uses the kernel's double locals `nu`, `nq`, `nr` (generate.ts).
 */
export const normalOf = (u: Code): Code =>
  _`(nu = ${u}, nq = nu - 0.5, nq >= ${-CENTRAL} && nq <= ${CENTRAL} ? (nr = nq * nq, ((((((${A1} * nr + ${A2}) * nr + ${A3}) * nr + ${A4}) * nr + ${A5}) * nr + ${A6}) * nq) / (((((${B1} * nr + ${B2}) * nr + ${B3}) * nr + ${B4}) * nr + ${B5}) * nr + 1)) : (nr = Math.sqrt(-2 * Math.log(nu < ${P_LOW} ? nu : 1 - nu)), nq = (((((${C1} * nr + ${C2}) * nr + ${C3}) * nr + ${C4}) * nr + ${C5}) * nr + ${C6}) / ((((${D1} * nr + ${D2}) * nr + ${D3}) * nr + ${D4}) * nr + 1), nu < ${P_LOW} ? nq : -nq))`;
/** A standard normal draw Φ⁻¹(u) of draw number `purpose` of the customer-step, as an expression. */
export const normal = (purpose: number): Code => normalOf(draw(purpose));
/** Bit p of a pool mask, as an expression. */
export const bit = (mask: Code, p: number): Code => _`((${mask} >> ${p}) & 1)`;
/** The local `<prefix><i>`. */
export const n = (prefix: string, i: number) => name(prefix, i);
/** Customer i's wallet in pool p. */
export const walletAt = (sh: KernelShape, p: number): Code => (sh.pools === 1 ? _`wallet[i]` : _`wallet[iP + ${p}]`);
/** One stage's case of the per-stage switch (no switch with one stage). */
export const stageCase = (sh: KernelShape, s: number, inner: Code): Code => (sh.stages.length === 1 ? inner : _`case ${s}: {\n${inner}\nbreak;\n}`);
export const stageSwitch = (sh: KernelShape, inner: Code): Code => (sh.stages.length === 1 ? inner : _`switch (st) {\n${inner}\n}`);
