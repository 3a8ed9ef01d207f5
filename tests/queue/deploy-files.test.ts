/**
 * The deployment examples under deploy/ (Docker does not run on the development machines, so
 * they are checked here rather than run): every YAML document parses; the compose file has
 * Redis and workers pointed at it; the Kubernetes objects are complete; the Indexed Job's
 * shards (--shard $JOB_COMPLETION_INDEX/N) match its completions and the merge Job's folders;
 * every cxsim command line in them names a real command and only options it has.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { COMMANDS } from '../../src/cli/commands/index.ts';

type Doc = Record<string, any>;
const read = (path: string): Doc[] =>
  parseAllDocuments(readFileSync(path, 'utf8')).map((d) => {
    expect(d.errors, `${path}: ${d.errors.map((e) => e.message).join('; ')}`).toEqual([]);
    return d.toJS() as Doc;
  });

/** The options a command's --help lists (its yargs builder, run on a stub). */
async function optionsOf(command: string): Promise<Set<string>> {
  const module = await COMMANDS[command as keyof typeof COMMANDS].load();
  const names = new Set<string>(['help']);
  const stub: any = new Proxy({}, { get: (_, key) => (key === 'option' ? (name: string) => (names.add(name), stub) : () => stub) });
  (module.builder as (y: unknown) => unknown)(stub);
  return names;
}

/** Checks one cxsim argument list: a real command, only its options. */
async function checkCxsim(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  expect(Object.keys(COMMANDS)).toContain(command);
  const known = await optionsOf(command);
  for (const a of rest.filter((x) => x.startsWith('--'))) expect(known, `${command} ${a}`).toContain(a.slice(2).split('=')[0]);
}

describe('deploy/docker-compose.yml', () => {
  const [compose] = read('deploy/docker-compose.yml');
  it('runs Redis without persistence or eviction, and workers pointed at it', async () => {
    expect(compose.services.redis.image).toMatch(/^redis:7/);
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction']));
    const worker = compose.services.worker;
    expect(worker.command.slice(0, 3)).toEqual(['worker', '--redis', 'redis://redis:6379']);
    await checkCxsim(worker.command);
    expect(worker.build.dockerfile).toBe('deploy/Dockerfile');
    expect(worker.depends_on).toContain('redis');
    expect(worker.deploy.replicas).toBeGreaterThan(1);
  });
  it('the Dockerfile starts the cxsim command', () => {
    const text = readFileSync('deploy/Dockerfile', 'utf8');
    expect(text).toMatch(/^FROM node:20/m);
    expect(text).toContain('ENTRYPOINT ["node", "bin/cxsim.js"]');
  });
});

describe('deploy/k8s', () => {
  const docs = readdirSync('deploy/k8s')
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => read(join('deploy/k8s', f)));
  const byName = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata?.name === name)!;

  it('every object has an apiVersion, a kind and a name', () => {
    expect(docs.length).toBeGreaterThanOrEqual(6);
    for (const d of docs) expect([typeof d.apiVersion, typeof d.kind, typeof d.metadata?.name]).toEqual(['string', 'string', 'string']);
  });

  it('the worker Deployment takes CXSIM_REDIS from the Redis service', async () => {
    const dep = byName('Deployment', 'cxsim-worker');
    expect(dep.spec.selector.matchLabels).toEqual(dep.spec.template.metadata.labels);
    const c = dep.spec.template.spec.containers[0];
    await checkCxsim(c.args);
    const service = byName('Service', 'cxsim-redis');
    expect(c.env.find((e: Doc) => e.name === 'CXSIM_REDIS').value).toBe(`redis://${service.metadata.name}:${service.spec.ports[0].port}`);
  });

  it('the Indexed Job runs shards I/N with N = completions, and the merge Job reads the same N folders', async () => {
    const job = byName('Job', 'cxsim-sweep-shards');
    expect(job.spec.completionMode).toBe('Indexed');
    const n = job.spec.completions;
    const script: string = job.spec.template.spec.containers[0].args[0];
    expect(script).toContain(`--shard $JOB_COMPLETION_INDEX/${n}`);
    const words = script.replace(/^exec node bin\/cxsim\.js /, '').split(/\s+/);
    await checkCxsim(words);
    const merge = byName('Job', 'cxsim-sweep-merge').spec.template.spec.containers[0].args as string[];
    await checkCxsim(merge);
    expect(merge.filter((a) => a.startsWith('/results/shard-'))).toEqual(Array.from({ length: n }, (_, i) => `/results/shard-${i}`));
    const claim = byName('PersistentVolumeClaim', 'cxsim-results');
    expect(claim.spec.accessModes).toContain('ReadWriteMany');
  });
});
