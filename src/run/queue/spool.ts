/**
 * The submitting machine's copy of finished batches: each batch's encoded results are written
 * to a file named by the batch id as soon as they arrive, atomically. A command interrupted
 * (Redis gone, Ctrl-C, a crash) and run again takes the batches it finds here instead of
 * submitting them again; a command that finishes removes its files.
 *
 * Folder: $CXSIM_QUEUE_SPOOL, else <system temp folder>/cxsim-queue.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export function spoolDir(): string {
  const env = process.env.CXSIM_QUEUE_SPOOL;
  return env !== undefined && env !== '' ? env : join(tmpdir(), 'cxsim-queue');
}

export class Spool {
  readonly dir: string;
  constructor(dir = spoolDir()) {
    this.dir = dir;
  }

  private file(id: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`spool: unexpected batch id "${id}"`);
    return join(this.dir, `${id}.bin`);
  }

  has(id: string): boolean {
    return existsSync(this.file(id));
  }

  read(id: string): Buffer {
    return readFileSync(this.file(id));
  }

  write(id: string, bytes: Buffer): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, this.file(id));
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  remove(id: string): void {
    rmSync(this.file(id), { force: true });
  }
}
