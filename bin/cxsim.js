#!/usr/bin/env node
// The cxsim command. The project runs its TypeScript sources directly through the
// tsx loader (a dependency): no build step, no stale dist/, and worker threads,
// notebooks and tests all load the very same files.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
