/**
 * The workshop server serves one page and nothing else: no path from the browser reaches the
 * file system; methods, request bodies, long URLs and foreign Host names are refused. The
 * command's --export writes a folder, and refuses to overwrite one without --force.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, MAX_URL, type WorkshopServer } from '../../src/serve/server.ts';

let server: WorkshopServer;
const PAGE = '<!DOCTYPE html><title>page</title>';

function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  server = await startServer(PAGE, '127.0.0.1', 0);
});
afterAll(async () => {
  await server.close();
});

describe('cxsim serve: the server', () => {
  it('listens on 127.0.0.1 and serves the page at / with a no-network content policy', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await call('/');
    expect(r.status).toBe(200);
    expect(r.body).toBe(PAGE);
    expect(String(r.headers['content-security-policy'])).toContain("connect-src 'none'");
    expect((await call('/index.html?x=1')).status).toBe(200);
  });

  it('has no path to the file system', async () => {
    for (const p of ['/package.json', '/scenarios/workshop-101.yaml', '/../package.json', '/%2e%2e/package.json', '/src/web/page.ts', '//etc/passwd', '/index.html/..']) {
      const r = await call(p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('cxsim"');
    }
  });

  it('refuses other methods, bodies, long URLs and foreign Host names', async () => {
    expect((await call('/', { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await call('/', { method: 'GET', headers: { 'content-length': '5' }, body: 'hello' })).status).toBe(413);
    expect((await call(`/?${'a'.repeat(MAX_URL)}`)).status).toBe(414);
    expect((await call('/', { headers: { host: 'evil.example:80' } })).status).toBe(421);
    expect((await call('/', { method: 'HEAD' })).status).toBe(200);
  });
});

describe('cxsim serve --export', () => {
  it('writes index.html and refuses to overwrite a folder without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxsim-export-'));
    try {
      const out = join(dir, 'page');
      const args = ['bin/cxsim.js', 'serve', 'scenarios/workshop-101.yaml', '--no-bundled', '--export', out];
      const first = spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(first.status, first.stderr).toBe(0);
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      expect(html.includes('Workshop 101')).toBe(true);
      // no outside scripts, styles or fonts: every <script> is inline, no <link>; the CSP forbids connections
      expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((t) => /\ssrc=/.test(t))).toEqual([]);
      expect(/<link\b/.test(html)).toBe(false);
      expect(/http-equiv="Content-Security-Policy" content="[^"]*connect-src &#39;none&#39;/.test(html)).toBe(true);
      const again = spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/--force/);
      // with a file of the user's in it, not even --force replaces it (the folder's manifest does not list it)
      writeFileSync(join(out, 'mine.txt'), 'keep');
      const forced = spawnSync(process.execPath, [...args, '--force'], { encoding: 'utf8' });
      expect(forced.status).toBe(2);
      expect(forced.stderr).toMatch(/mine\.txt: not in its cxsim-output\.json/);
      expect(existsSync(join(out, 'mine.txt'))).toBe(true);
      const bad = spawnSync(process.execPath, ['bin/cxsim.js', 'serve', 'no-such.yaml', '--export', join(dir, 'x')], { encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/no-such\.yaml/);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
