/**
 * Prints, as JSON, the `--help` output and exit code of `cxsim` and of every command it
 * registers, from one process (loading the CLI once instead of once per command). yargs
 * ends help with process.exit(0); here that exit is caught and recorded.
 */
import { main } from '../../src/cli/main.ts';

class Exit {
  constructor(readonly code: number) {}
}

const realWrite = process.stdout.write.bind(process.stdout);
const realExit = process.exit;

async function help(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  process.exit = ((code?: number) => {
    throw new Exit(code ?? 0);
  }) as typeof process.exit;
  let code: number;
  try {
    code = await main(args);
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    code = e.code;
  } finally {
    process.stdout.write = realWrite;
    process.exit = realExit;
  }
  return { code, stdout };
}

const top = await help(['--help']);
const commands = [...top.stdout.matchAll(/^ {2}cxsim ([a-z][\w-]*)/gm)].map((m) => m[1]);
const results: Record<string, { code: number; stdout: string }> = { '': top };
for (const c of commands) results[c] = await help([c, '--help']);
realWrite(`${JSON.stringify(results)}\n`);
