import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { transport } from '../../shared/transport';
import { AppError, type AppErrorShape, type ErrorCode } from '../../shared/errors';
import type { FlowstageCore } from '../app';
import { storeUpload } from '../services/demos/imports';

/**
 * The browser host: the contract over HTTP on 127.0.0.1 plus the built renderer, for machines without
 * the Electron binary and for the end-to-end tests. Guards, in order: loopback bind; Host header must
 * name this loopback port and Origin (when sent) must be this origin, which defeats DNS rebinding and
 * cross-site requests; every /api call carries the per-run token; bodies are capped; only files inside
 * the renderer folder are served.
 *
 * A browser cannot give a file's path, so demos reach the services through `POST /api/upload?name=…`:
 * the raw bytes (application/octet-stream) are streamed to `<profile>/imports/<sha256>/<name>` and
 * the answer's path is then passed to `demos.add`, as the Electron renderer passes a dropped file's.
 */
export interface HostOptions {
  core: FlowstageCore;
  rendererDir: string;
  token: string;
  port?: number;
  /** Largest upload accepted (default transport.maxUploadBytes, 2 GiB; tests set a small one). */
  maxUploadBytes?: number;
}

export interface RunningHost {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  CANCELLED: 409,
  INTERNAL: 500,
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  const error: AppErrorShape = { code, message };
  sendJson(res, STATUS[code] ?? 400, { ok: false, error });
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const { core, rendererDir, token } = options;
  const maxUploadBytes = options.maxUploadBytes ?? transport.maxUploadBytes;
  const root = normalize(rendererDir + sep);
  let port = 0;
  const sseClients = new Set<ServerResponse>();
  const unsubscribe = core.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  function allowedHost(req: IncomingMessage): boolean {
    const host = req.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return false;
    const origin = req.headers.origin;
    return (
      origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
    );
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 'BAD_REQUEST', 'Only GET is served here');
    let relative: string;
    try {
      relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return sendError(res, 'BAD_REQUEST', 'Malformed path');
    }
    const file = normalize(join(root, relative));
    if (!file.startsWith(root) || relative.includes('\0')) return sendError(res, 'NOT_FOUND', 'Not found');
    try {
      const content = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : content);
    } catch {
      sendError(res, 'NOT_FOUND', 'Not found');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req)) return sendError(res, 'FORBIDDEN', 'Foreign Host or Origin refused');
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!pathname.startsWith('/api/')) return serveStatic(req, res, pathname);

    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) {
      return sendError(res, 'UNAUTHORIZED', 'Missing or wrong token: open the URL printed by `npm run web`');
    }

    if (pathname === transport.httpEvents && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (pathname === transport.httpUpload) return upload(req, res);

    if (pathname.startsWith(transport.httpInvoke)) {
      if (req.method !== 'POST') return sendError(res, 'BAD_REQUEST', 'Use POST to call a method');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendError(res, 'BAD_REQUEST', 'Content-Type must be application/json');
      }
      let input: unknown;
      try {
        const text = await readBody(req, transport.maxBodyBytes);
        input = text.length === 0 ? {} : JSON.parse(text);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader('connection', 'close');
          return sendError(
            res,
            'PAYLOAD_TOO_LARGE',
            `Request body over ${transport.maxBodyBytes} bytes refused`,
          );
        }
        return sendError(res, 'BAD_REQUEST', 'Request body is not valid JSON');
      }
      const result = await core.dispatch(pathname.slice(transport.httpInvoke.length), input);
      return sendJson(res, result.ok ? 200 : (STATUS[result.error.code] ?? 400), result);
    }
    sendError(res, 'NOT_FOUND', 'Not found');
  }

  /** Refuses an over-large body without reading the rest of it: the connection closes after the answer. */
  function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('connection', 'close');
    res.once('finish', () => req.destroy());
    sendError(res, 'PAYLOAD_TOO_LARGE', `Files over ${maxUploadBytes} bytes cannot be uploaded`);
  }

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 'BAD_REQUEST', 'Use POST to upload a file');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/octet-stream')
      return sendError(res, 'BAD_REQUEST', 'Content-Type must be application/octet-stream');
    const name = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('name') ?? '';
    if (name.trim() === '' || name.length > 1000)
      return sendError(res, 'BAD_REQUEST', 'Say the file name: /api/upload?name=<file name>');
    if (Number(req.headers['content-length'] ?? 0) > maxUploadBytes) return refuseTooLarge(req, res);
    try {
      const value = await storeUpload(join(core.dataDir, 'imports'), req, { name, limit: maxUploadBytes });
      sendJson(res, 200, { ok: true, value });
    } catch (error) {
      if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') return refuseTooLarge(req, res);
      if (error instanceof AppError) return sendError(res, error.code, error.message);
      throw error;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[flowstage host]', error);
      if (!res.headersSent) sendError(res, 'INTERNAL', 'Internal error');
      else res.end();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            clearInterval(heartbeat);
            for (const client of sseClients) client.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
