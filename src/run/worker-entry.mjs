// Worker-thread entry: loads the TypeScript worker through tsx, like bin/cxsim.js does for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./replication-worker.ts');
