#!/usr/bin/env node
// The cxsim command. The project runs its TypeScript sources directly through the
// tsx loader (a dependency): no build step, no stale dist/; tests and notebooks load the
// very same files (worker threads run an esbuild bundle of the engine, see src/run).
import { register } from 'tsx/esm/api';

// `cxsim schema | head`: a closed pipe ends the output quietly, not with a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
