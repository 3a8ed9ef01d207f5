/**
 * What the kernel fragments of the mechanics share (generate.ts assembles them): names of locals,
 * inlined draws, pool-mask tests and the per-stage `switch`. Each mechanic's per-customer code
 * lives with the mechanic (src/engine/mechanics/<mechanic>.ts, functions named `…Fragment`).
 */
import { GOLDEN, INV_2_32 } from '../../random/counter.ts';
import { _, name, type Code } from './codegen.ts';
import type { KernelShape } from './generate.ts';

export type StageShape = KernelShape['stages'][number];
export type TouchpointShape = StageShape['touchpoints'][number];

export const range = (n: number) => Array.from({ length: n }, (_x, i) => i);
/** Draw number `purpose` of the customer-step rooted at x, as an expression (counter.ts `uniform`, inlined). */
export const draw = (purpose: number): Code => _`(fmix32((x + ${Math.imul(purpose, GOLDEN)}) | 0) + 0.5) * ${INV_2_32}`;
/** Bit p of a pool mask, as an expression. */
export const bit = (mask: Code, p: number): Code => _`((${mask} >> ${p}) & 1)`;
/** The local `<prefix><i>`. */
export const n = (prefix: string, i: number) => name(prefix, i);
/** Customer i's wallet in pool p. */
export const walletAt = (sh: KernelShape, p: number): Code => (sh.pools === 1 ? _`wallet[i]` : _`wallet[iP + ${p}]`);
/** One stage's case of the per-stage switch (no switch with one stage). */
export const stageCase = (sh: KernelShape, s: number, inner: Code): Code => (sh.stages.length === 1 ? inner : _`case ${s}: {\n${inner}\nbreak;\n}`);
export const stageSwitch = (sh: KernelShape, inner: Code): Code => (sh.stages.length === 1 ? inner : _`switch (st) {\n${inner}\n}`);
