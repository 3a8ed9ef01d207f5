// fmin ships a UMD build under "type": "module", so an ES import exposes nothing; the build
// registers itself as globalThis.fmin instead (see optimiser.ts).
declare module 'fmin';
