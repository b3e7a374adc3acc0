import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoSummary, UploadResult } from '../src/shared/demos';
import { startHost, type RunningHost } from '../src/main/host/server';
import { safeFileName } from '../src/main/services/demos/imports';
import { tempDir, testCore } from './helpers';

// The browser host's upload (POST /api/upload?name=…): a browser cannot give a path, so the bytes
// are stored under <profile>/imports/<sha256>/<name> and that path goes to demos.add.

const TOKEN = 'test-token-0123456789abcdef';
const LIMIT = 64 * 1024;
const MP3 = resolve(__dirname, '../../shared/corpus/decoding/rate/brahms_8000_mono_16k.mp3');
let host: RunningHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function boot() {
  const core = testCore(tempDir(), { resumeDelayMs: 0, poolSize: 1 });
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Flow Stage</title>');
  host = await startHost({ core, rendererDir, token: TOKEN, maxUploadBytes: LIMIT });
  return { core, host, imports: join(core.dataDir, 'imports') };
}

interface Reply {
  status: number;
  body: string;
}

/** Raw HTTP: the body as one piece (with Content-Length) or as chunks (chunked, no length announced). */
function upload(
  port: number,
  name: string | null,
  body: Buffer | Buffer[],
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: name === null ? '/api/upload' : `/api/upload?name=${encodeURIComponent(name)}`,
        method: 'POST',
        headers: {
          host: `127.0.0.1:${port}`,
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/octet-stream',
          ...(Array.isArray(body) ? {} : { 'content-length': String(body.length) }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    for (const chunk of Array.isArray(body) ? body : [body]) req.write(chunk);
    req.end();
  });
}

/** Every file under a folder, relative to it (an empty or missing folder gives []). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('browser host upload', () => {
  it('stores the bytes under imports/<sha256>/<name>, once, for demos.add', async () => {
    const { core, host, imports } = await boot();
    const bytes = readFileSync(MP3);
    const first = await upload(host.port, 'Démo live à Genève.mp3', bytes);
    expect(first.status).toBe(200);
    const { value } = JSON.parse(first.body) as { ok: true; value: UploadResult };
    expect(value).toEqual({
      path: join(imports, sha(bytes), 'Démo live à Genève.mp3'),
      sha256: sha(bytes),
      bytes: bytes.length,
    });
    expect(readFileSync(value.path).equals(bytes)).toBe(true);

    // The same bytes again, in pieces and under another name: the same single file.
    const chunks = [bytes.subarray(0, 1000), bytes.subarray(1000, 20_000), bytes.subarray(20_000)];
    const second = await upload(host.port, 'copie.mp3', chunks);
    expect(JSON.parse(second.body)).toEqual({ ok: true, value });
    expect(filesUnder(imports)).toEqual([join(sha(bytes), 'Démo live à Genève.mp3')]);

    // The renderer then adds the path: the card shows the booker's file name.
    const added = await core.dispatch('demos.add', { paths: [value.path] });
    expect(added).toMatchObject({ ok: true });
    const [demo] = (added as { ok: true; value: { demos: DemoSummary[] } }).value.demos;
    expect(demo).toMatchObject({ fileName: 'Démo live à Genève.mp3', sha256: sha(bytes) });
  });

  it('keeps only the name of a path-like or hostile name', async () => {
    const { host, imports } = await boot();
    const bytes = Buffer.from('RIFF not really');
    const reply = await upload(host.port, '../../..\\evil/..\\CON.wav', bytes);
    expect(reply.status).toBe(200);
    const { value } = JSON.parse(reply.body) as { value: UploadResult };
    expect(value.path).toBe(join(imports, sha(bytes), '_CON.wav'));
    expect(safeFileName('a<b>:c|d?.mp3')).toBe('a_b__c_d_.mp3');
    expect(safeFileName(' . ')).toBe('upload');
    expect(Buffer.byteLength(safeFileName(`${'é'.repeat(400)}.flac`))).toBeLessThanOrEqual(150);
    expect(safeFileName(`${'é'.repeat(400)}.flac`).endsWith('.flac')).toBe(true);
  });

  it('refuses a missing token, a foreign host, a wrong type or no name, writing nothing', async () => {
    const { host, imports } = await boot();
    const bytes = Buffer.from('audio?');
    const cases: [Record<string, string>, string | null, number, string][] = [
      [{ authorization: '' }, 'a.mp3', 401, 'UNAUTHORIZED'],
      [{ authorization: 'Bearer nope' }, 'a.mp3', 401, 'UNAUTHORIZED'],
      [{ host: 'evil.example' }, 'a.mp3', 403, 'FORBIDDEN'],
      [{ origin: 'http://evil.example' }, 'a.mp3', 403, 'FORBIDDEN'],
      [{ 'content-type': 'multipart/form-data; boundary=x' }, 'a.mp3', 400, 'BAD_REQUEST'],
      [{ 'content-type': 'application/json' }, 'a.mp3', 400, 'BAD_REQUEST'],
      [{}, null, 400, 'BAD_REQUEST'],
    ];
    for (const [headers, name, status, code] of cases) {
      const reply = await upload(host.port, name, bytes, headers);
      expect(reply.status, JSON.stringify(headers)).toBe(status);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code } });
    }
    expect(filesUnder(imports)).toEqual([]);
  });

  it('refuses a file over the limit, announced or not, leaving nothing on disk', async () => {
    const { host, imports } = await boot();
    const big = Buffer.alloc(LIMIT + 1, 7);
    const announced = await upload(host.port, 'big.wav', big);
    expect(announced.status).toBe(413);
    expect(JSON.parse(announced.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });

    const chunks = Array.from({ length: 5 }, () => Buffer.alloc(LIMIT / 4, 7)); // 1.25 × the limit
    const streamed = await upload(host.port, 'big.wav', chunks);
    expect(streamed.status).toBe(413);
    expect(filesUnder(imports)).toEqual([]);

    // Exactly the limit is fine.
    const fits = await upload(host.port, 'fits.wav', Buffer.alloc(LIMIT, 7));
    expect(fits.status).toBe(200);
  });
});
