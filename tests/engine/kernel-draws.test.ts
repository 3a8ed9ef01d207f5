/**
 * The draws the kernel generator writes inline (src/engine/kernel/fragments.ts) against the
 * functions they stand for, bit for bit: `draw` and `root` against random/counter.ts's `uniform`
 * and `fmix32`, `normalOf` against random/normal.ts's `normalQuantile` over both tails, the
 * central region and the boundaries between them.
 */
import { describe, expect, it } from 'vitest';
import { _ } from '../../src/engine/kernel/codegen.ts';
import { draw, normalOf, root } from '../../src/engine/kernel/fragments.ts';
import { fmix32, uniform } from '../../src/random/counter.ts';
import { CENTRAL, normalQuantile, P_LOW } from '../../src/random/normal.ts';

const bits = (v: number) => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, v);
  return b.getBigUint64(0);
};

describe('inline draws', () => {
  it('root and draw give counter.ts fmix32 and uniform, bit for bit', () => {
    const purposes = [0, 1, 2, 3, 4, 6, 8, 9, 16, 17, 32, 33, 51];
    const f = new Function('key', 'salt', `let hm = 0;\n${root(_`key`)}\nreturn [x, ${_`${purposes.map((p) => _`${draw(p)}, `)}`}];`) as (key: number, salt: number) => number[];
    let s = 12345;
    for (let r = 0; r < 20000; r++) {
      s = fmix32((s + 0x6d2b79f5) | 0);
      const key = s, salt = fmix32(s ^ 0x5bd1e995);
      const x = fmix32((key ^ salt) | 0);
      const [xk, ...us] = f(key, salt);
      expect(xk >>> 0).toBe(x);
      for (let j = 0; j < purposes.length; j++) if (bits(us[j]) !== bits(uniform(x, purposes[j]))) expect(us[j]).toBe(uniform(x, purposes[j]));
    }
  });
  it('normalOf gives normalQuantile, bit for bit, in the tails, the centre and at the boundaries', () => {
    const f = new Function('u', `let nu = 0, nq = 0, nr = 0;\nreturn ${normalOf(_`u`)};`) as (u: number) => number;
    const us: number[] = [0.5, 2 ** -33, 1 - 2 ** -33, P_LOW, 1 - P_LOW, 0.5 - CENTRAL, 0.5 + CENTRAL];
    for (const c of [P_LOW, 1 - P_LOW, 0.5 - CENTRAL, 0.5 + CENTRAL]) for (let k = -40; k <= 40; k++) us.push(c + k * 2 ** -40);
    let s = 777;
    for (let r = 0; r < 100000; r++) {
      s = fmix32((s + 0x6d2b79f5) | 0);
      us.push(((s >>> 0) + 0.5) * 2 ** -32);
      us.push((((s >>> 0) % 1000000) + 0.5) * 2 ** -32); // the lower tail, deep
      us.push(1 - (((s >>> 0) % 1000000) + 0.5) * 2 ** -32); // the upper tail, deep
    }
    let tails = 0;
    for (const u of us) {
      if (Math.abs(u - 0.5) > CENTRAL) tails++;
      if (bits(f(u)) !== bits(normalQuantile(u))) expect([u, f(u)]).toEqual([u, normalQuantile(u)]);
    }
    expect(tails).toBeGreaterThan(200000);
  });
});
