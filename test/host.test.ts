import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../src/main/host/server';
import { uuidv7 } from '../src/shared/ids';
import { tempDir, testCore } from './helpers';

const TOKEN = 'test-token-0123456789abcdef';
let host: RunningHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function boot() {
  const core = testCore();
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Flow Stage</title>');
  writeFileSync(join(core.dataDir, 'secret.txt'), 'private');
  host = await startHost({ core, rendererDir, token: TOKEN });
  return { core, host };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP (not fetch) so the test controls Host and Origin headers exactly. */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const invoke = (port: number, method: string, body: unknown, headers: Record<string, string> = auth) =>
  send(port, `/api/invoke/${method}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const artistCount = (core: ReturnType<typeof testCore>) =>
  (core.store.db.prepare('SELECT count(*) AS n FROM artists').get() as { n: number }).n;

describe('browser host', () => {
  it('serves the renderer with a CSP and answers a valid call', async () => {
    const { host } = await boot();
    const page = await send(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const created = await invoke(host.port, 'artists.create', { name: 'Nova' });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: 'Nova' } });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const { core, host } = await boot();
    const none = await invoke(
      host.port,
      'artists.create',
      { name: 'A' },
      { 'content-type': 'application/json' },
    );
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await invoke(
      host.port,
      'artists.create',
      { name: 'A' },
      { ...auth, authorization: 'Bearer nope' },
    );
    expect(wrong.status).toBe(401);
    expect((await send(host.port, '/api/events')).status).toBe(401);
    expect(artistCount(core)).toBe(0);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const { core, host } = await boot();
    const evilHost = await invoke(
      host.port,
      'artists.create',
      { name: 'A' },
      { ...auth, host: 'evil.example' },
    );
    expect(evilHost.status).toBe(403);
    expect(JSON.parse(evilHost.body)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await send(host.port, '/', { headers: { host: `evil.example:${host.port}` } })).status).toBe(403);
    const evilOrigin = await invoke(
      host.port,
      'artists.create',
      { name: 'A' },
      { ...auth, origin: 'http://evil.example' },
    );
    expect(evilOrigin.status).toBe(403);
    expect(artistCount(core)).toBe(0);
  });

  it('gives typed errors for bad payloads and writes nothing', async () => {
    const { core, host } = await boot();
    const cases: [unknown, number, string][] = [
      [{ name: 7 }, 400, 'VALIDATION'],
      [{}, 400, 'VALIDATION'],
      [{ name: `'); DROP TABLE artists; --`, genres: 'x' }, 400, 'VALIDATION'],
      ['{not json', 400, 'BAD_REQUEST'],
      [{ name: 'x'.repeat(10 * 1024 * 1024) }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await invoke(host.port, 'artists.create', body);
      expect(reply.status, code).toBe(status);
      const parsed = JSON.parse(reply.body) as { ok: boolean; error: { code: string; message: string } };
      expect(parsed.ok).toBe(false);
      expect(parsed.error.code).toBe(code);
      expect(parsed.error.message.length).toBeGreaterThan(10);
    }
    const unknown = await invoke(host.port, 'artists.truncate', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'UNKNOWN_METHOD' } });
    const wrongType = await invoke(host.port, 'artists.create', '{"name":"A"}', {
      ...auth,
      'content-type': 'text/plain',
    });
    expect(wrongType.status).toBe(400);
    expect(artistCount(core)).toBe(0);
  });

  it('serves nothing outside the renderer folder', async () => {
    const { host } = await boot();
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2f%2e%2e%2fetc/passwd',
      '/nope.js',
    ]) {
      const reply = await send(host.port, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('private');
    }
  });

  it('streams progress events to the page and lets a job be cancelled', async () => {
    const { core, host } = await boot();
    for (let i = 0; i < 200; i++)
      await core.dispatch('artists.create', { name: `Artist ${i}`, notes: 'x'.repeat(4000) });
    const frames: string[] = [];
    const stream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${TOKEN}` },
        },
        resolve,
      )
        .on('error', reject)
        .end();
    });
    stream.on('data', (c: Buffer) => frames.push(c.toString()));
    const jobId = uuidv7();
    const done = await invoke(host.port, 'backup.create', { jobId });
    expect(done.status).toBe(200);
    const result = JSON.parse(done.body) as { ok: true; value: { path: string; bytes: number } };
    expect(result.value.bytes).toBeGreaterThan(100_000);
    await new Promise((r) => setTimeout(r, 50));
    const events = frames
      .join('')
      .split('\n\n')
      .filter((f) => f.startsWith('event: job.progress'));
    expect(events.length).toBeGreaterThan(2);
    expect(events.at(-1)).toContain('"fraction":1');
    stream.destroy();
  });
});
