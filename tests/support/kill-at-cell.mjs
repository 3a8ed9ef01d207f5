// Preloaded (`node --import`) into a `cxsim sweep` child by tests/finance/sweep.test.ts: the
// process SIGKILLs itself at a fixed point instead of the test racing a timer — right before
// renaming the temp file of cell number CXSIM_TEST_KILL_AT_CELL (counting finished cells from 0)
// into place. So the kill always lands after exactly that many finished cells, with that cell
// half-written (its temp file left behind), whatever the machine's load.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const killAt = Number(process.env.CXSIM_TEST_KILL_AT_CELL);
if (Number.isInteger(killAt) && killAt >= 0) {
  const rename = fs.renameSync;
  let finished = 0;
  fs.renameSync = function renameSync(from, to) {
    if (/^cell-\d+\.csv$/.test(basename(String(to)))) {
      if (finished === killAt) process.kill(process.pid, 'SIGKILL');
      finished++;
    }
    return rename.call(this, from, to);
  };
  syncBuiltinESMExports();
}
