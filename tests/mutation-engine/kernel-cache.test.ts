/**
 * The kernel cache and the live list (src/engine/kernel/cache.ts), as behaviour: the live list's
 * bookkeeping (when it restarts, how it grows), and which
 * step function kernelFor hands out: a compiled kernel per distinct generated text (the same
 * structure reuses it; the scan variant is another text), the reference step for 'generic'.
 * The cache is keyed by the full source text, so under mutation testing a kernel compiled while
 * one mutant was active is reused under another only if both generated the same text.
 */
import { describe, expect, it } from 'vitest';
import { compiledKernelCount, kernelFor, LiveList } from '../../src/engine/kernel/cache.ts';
import { stepCustomers } from '../../src/engine/customer-step.ts';
import { makeStepInput, makeStepOutputs } from '../../src/engine/firm-step.ts';
import type { Population } from '../../src/engine/population.ts';
import { compileModel } from '../../src/model/compile.ts';
import { neutral } from '../engine/neutral.ts';

const pop = (capacity: number) => ({ capacity }) as Population;

describe('LiveList', () => {
  it('starts empty and is sized to the population capacity', () => {
    const live = new LiveList();
    const a = pop(16);
    expect(live.prepare(a, 10)).toBe(live);
    expect([live.count, live.seen, live.index.length, live.pop === a]).toEqual([0, 0, 16, true]);
  });
  it('restarts for another population or fewer slots; grows keeping its entries', () => {
    const live = new LiveList();
    const a = pop(4), b = pop(4);
    live.prepare(a, 4);
    live.index.set([0, 2, 3]);
    live.count = 3;
    live.seen = 4;
    live.prepare(a, 6); // more slots (acquisitions): grows to 6, keeps the 3 entries
    expect([live.count, live.seen, live.index.length]).toEqual([3, 4, 6]);
    expect(Array.from(live.index.subarray(0, 3))).toEqual([0, 2, 3]);
    live.prepare(a, 3); // fewer slots than seen: a new population in the same object
    expect([live.count, live.seen]).toEqual([0, 0]);
    live.count = 2;
    live.seen = 3;
    live.prepare(b, 3);
    expect([live.count, live.seen, live.pop === b]).toEqual([0, 0, true]);
  });
});

describe('kernelFor', () => {
  it('one compiled kernel per generated text; the reference step for generic', () => {
    // a structure no other test compiles: five stages in a ring
    const stages = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((s, i, all) => [s, { next: { [all[(i + 1) % 5]]: 1 } }]));
    const sc = neutral({ meta: { horizonMonths: 6, agentScale: 1 }, segments: { s: { initialCustomers: 5 } }, journeys: { j: { stages } } });
    const m = compileModel({ scenario: sc, strategy: 'none', replication: 0 });
    const z = makeStepInput(m, makeStepOutputs(m), new Float64Array(1));
    const n0 = compiledKernelCount();
    const k1 = kernelFor(m, z, 'generated');
    expect(k1).not.toBe(stepCustomers);
    expect(compiledKernelCount()).toBe(n0 + 1);
    kernelFor(m, z, 'generated');
    expect(compiledKernelCount()).toBe(n0 + 1);
    kernelFor(m, z, 'generated-scan');
    expect(compiledKernelCount()).toBe(n0 + 2);
    kernelFor(m, z, 'generated-scan');
    expect(compiledKernelCount()).toBe(n0 + 2);
    expect(kernelFor(m, z, 'generic')).toBe(stepCustomers);
    expect(compiledKernelCount()).toBe(n0 + 2);
  });
});
