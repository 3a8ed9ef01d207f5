/**
 * `cxsim serve [SCENARIO...]`: the live workshop page — sliders for budgets, allocations and
 * key assumptions, the engine running in the browser (a Web Worker), charts that redraw as
 * the sliders move. Serves one self-contained page on 127.0.0.1 (src/serve/server.ts), or
 * writes it as a static folder that works from file:// (--export DIR).
 */
import type { Argv, CommandModule } from 'yargs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../io.ts';
import { COMMANDS } from './index.ts';

interface Args {
  scenarios?: string[];
  host: string;
  port: number;
  export?: string;
  force: boolean;
  bundled: boolean;
}

function version(): string {
  try {
    return JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')).version ?? '';
  } catch {
    return '';
  }
}

export const serveCommand: CommandModule<{}, Args> = {
  command: COMMANDS.serve.command,
  describe: COMMANDS.serve.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('scenarios', { type: 'string', array: true, describe: 'Scenario files to offer first (the bundled scenarios/*.yaml are offered too)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on (127.0.0.1: this computer only; 0.0.0.0 opens it to the network)' })
      .option('port', { type: 'number', default: 8765, describe: 'Port to listen on (0: any free port)' })
      .option('export', { type: 'string', describe: 'Write the page as a static folder (index.html) that works offline from file://, and exit' })
      .option('force', { type: 'boolean', default: false, describe: 'With --export: replace the files of a folder that already holds some' })
      .option('bundled', { type: 'boolean', default: true, describe: 'Also offer the bundled scenarios (--no-bundled: only the files given)' })
      .example('$0 serve scenarios/workshop-101.yaml', 'serve the workshop page at http://127.0.0.1:8765/ (open it in a browser)')
      .example('$0 serve my-case.yaml --port 9000 --no-bundled', 'only your own scenario, on another port')
      .example('$0 serve scenarios/workshop-101.yaml --export out/workshop-page', 'a folder to open from file:// on a computer without Node')
      .epilogue(
        'The simulations run in the browser (a Web Worker running the same engine as the CLI); the server only hands out the page, which carries the scenarios. The page state is in the URL after "#", so a copied link reproduces the same numbers; "Download this scenario" saves YAML that `cxsim validate` accepts. Stop the server with Ctrl-C.',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const files = args.scenarios ?? [];
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new UserError(`--port: expected a whole number from 0 to 65535, found ${args.port}`);
    if (typeof args.host !== 'string' || args.host.trim() === '') throw new UserError('--host: expected an address such as 127.0.0.1');
    const { loadCatalog } = await import('../../serve/catalog.ts');
    const { pageHtml } = await import('../../serve/html.ts');
    const catalog = loadCatalog(files, { bundled: args.bundled, warn: (m) => process.stderr.write(`cxsim serve: ${m}\n`) });
    if (catalog.length === 0) throw new UserError('no scenarios to serve: name a scenario file (or drop --no-bundled)');
    const page = await pageHtml(catalog, version());
    if (args.export !== undefined) {
      const { exportFolder } = await import('../../serve/export.ts');
      const written = exportFolder(args.export, page, catalog, args.force);
      process.stdout.write(`wrote ${written.join(', ')} (${catalog.length} scenario${catalog.length === 1 ? '' : 's'}); open ${written[0]} in a browser — no server needed\n`);
      return;
    }
    const { startServer } = await import('../../serve/server.ts');
    let running;
    try {
      running = await startServer(page, args.host, args.port);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UserError(`--port ${args.port}: the port is in use; choose another (--port 0 picks a free one)`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw new UserError(`--host ${args.host} --port ${args.port}: cannot listen there (${code})`);
      throw e;
    }
    process.stdout.write(`cxsim workshop page: ${running.url}\n(${catalog.length} scenario${catalog.length === 1 ? '' : 's'}: ${catalog.map((c) => c.id).join(', ')}; Ctrl-C to stop)\n`);
    if (args.host !== '127.0.0.1' && args.host !== 'localhost' && args.host !== '::1') process.stderr.write(`cxsim serve: listening on ${args.host}: other computers on the network can open this page\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void running.close().then(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};
