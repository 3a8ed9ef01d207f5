// The single-file build of mathjs: loading it costs ~0.2 s where the package entry (one module
// per function) costs ~1.5 s. Only the functions used by src/calibrate are typed here.
declare module 'mathjs/lib/browser/math.js' {
  const math: {
    lgamma(x: number): number;
    inv(m: number[][]): number[][];
  };
  export default math;
}
