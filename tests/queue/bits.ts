/**
 * A canonical text of a value, exact to the bit: numbers as their IEEE-754 bits (so −0, NaN
 * and the last digit count), typed arrays as their type and bytes, objects with their keys
 * in order. Two values with the same text are the same results bit for bit.
 */
const view = new DataView(new ArrayBuffer(8));

function numberBits(x: number): string {
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
}

export function bits(value: unknown): string {
  if (typeof value === 'number') return `n${numberBits(value)}`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')})`;
  if (Array.isArray(value)) return `[${value.map(bits).join(',')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${bits(v)}`).join(',')}}`;
}

/** Where two values' canonical texts first differ (for a readable failure), or null. */
export function firstDifference(a: unknown, b: unknown): string | null {
  const x = bits(a);
  const y = bits(b);
  if (x === y) return null;
  let i = 0;
  while (x[i] === y[i]) i++;
  return `at character ${i}: …${x.slice(Math.max(0, i - 80), i + 40)}… vs …${y.slice(Math.max(0, i - 80), i + 40)}…`;
}
