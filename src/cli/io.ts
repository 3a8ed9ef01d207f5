/**
 * File output at the edge of the system: every file is written atomically (a temp file in
 * the same folder, then rename), so readers never see half a file; an existing output is
 * only replaced when the user said so (--force), never silently.
 */
import { mkdirSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A mistake of the user's (bad input, bad flag): printed as one message, exit code 2, no stack trace. */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Writes `data` to `path` atomically (temp file + rename), creating the folder. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* the temp file may not exist */
    }
    throw e;
  }
}

/** Whether a progress bar may be drawn: only on a terminal, never in CI logs or pipes. */
export function progressAllowed(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}
