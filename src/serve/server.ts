/**
 * The workshop server: node:http, one page. It answers GET/HEAD of "/" (and "/index.html")
 * with the self-contained page and nothing else — no path from the browser reaches the file
 * system (the scenarios were read when the server started and travel inside the page).
 * Requests are bounded: the URL's length, the headers' size, no body at all, a short
 * timeout; a Host header other than the address it listens on is refused (DNS rebinding).
 * Simulations run in the browser, never here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CSP } from './html.ts';

/** Longest request target accepted (the page's state travels in the fragment, which browsers do not send). */
export const MAX_URL = 2048;
/** Largest request header block, in bytes. */
export const MAX_HEADERS = 16 * 1024;

export interface WorkshopServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', head = false, extra: Record<string, string> = {}): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(bytes.length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': CSP,
    ...extra,
  });
  res.end(head ? undefined : bytes);
}

/**
 * The Host names a loopback server answers to (127.0.0.1, localhost, [::1] with its port), so a
 * web page elsewhere cannot reach it through a DNS name pointing at 127.0.0.1. A server put on
 * another address with --host is meant to be reached by other names: no check then.
 */
export function allowedHosts(host: string, port: number): Set<string> | undefined {
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') return undefined;
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  // on the default port a browser sends the name alone ("Host: 127.0.0.1")
  return new Set([...names.map((h) => `${h}:${port}`), ...(port === 80 ? names : [])]);
}

export function handler(page: string, hosts: () => Set<string> | undefined) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    const allowed = hosts();
    if (allowed && !allowed.has((req.headers.host ?? '').toLowerCase())) return send(res, 421, 'This server only answers to its own address.\n', undefined, head);
    if ((req.url ?? '').length > MAX_URL) return send(res, 414, `Request target longer than ${MAX_URL} characters.\n`, undefined, head);
    if (req.method !== 'GET' && !head) return send(res, 405, 'Only GET and HEAD.\n', undefined, false, { Allow: 'GET, HEAD' });
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > 0 || req.headers['transfer-encoding'] !== undefined) return send(res, 413, 'Requests carry no body here.\n', undefined, head);
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === '/index.html') return send(res, 200, page, 'text/html; charset=utf-8', head);
    if (path === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'max-age=86400' });
      return res.end();
    }
    return send(res, 404, 'Not found: this server serves one page, at /.\n', undefined, head);
  };
}

/** Starts serving `page` on host:port (port 0: any free port). */
export function startServer(page: string, host: string, port: number): Promise<WorkshopServer> {
  let hosts: Set<string> | undefined;
  const server = createServer({ maxHeaderSize: MAX_HEADERS, requestTimeout: 10_000, headersTimeout: 5_000 }, handler(page, () => hosts));
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address() as AddressInfo;
      hosts = allowedHosts(host, a.port);
      const shown = host.includes(':') ? `[${host}]` : host;
      resolvePromise({
        server,
        url: `http://${shown}:${a.port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
