import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { UploadResult } from '../../../shared/demos';
import { AppError } from '../../../shared/errors';

// Files uploaded through the browser host (a browser cannot hand over a path): streamed to a
// temporary file in `<profile>/imports/` while hashed, then moved to `imports/<sha256>/<name>`.
// The folder is the content's identity (the same bytes twice make one file, whatever their names);
// the file keeps the booker's own name, which is what the demo's card shows. A refused or broken
// upload leaves nothing behind.

/** A file name safe on Windows, macOS and Linux, keeping the booker's name and extension. */
export function safeFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').normalize('NFC');
  // eslint-disable-next-line no-control-regex
  let safe = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(safe)) safe = `_${safe}`;
  const dot = safe.lastIndexOf('.');
  const ext = dot > 0 && safe.length - dot <= 10 ? safe.slice(dot) : '';
  let stem = ext ? safe.slice(0, dot) : safe;
  // At most 150 UTF-8 bytes: far below every file system's limit, with room for the folder.
  while (Buffer.byteLength(stem + ext) > 150) stem = Array.from(stem).slice(0, -1).join('');
  return stem ? stem + ext : `upload${ext}`;
}

/** Streams `source` into `path`, hashing it; rejects with PAYLOAD_TOO_LARGE past `limit` bytes. */
function receive(source: Readable, path: string, limit: number): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path, { flags: 'wx' });
    const hash = createHash('sha256');
    let bytes = 0;
    let done = false;
    const cleanup = () => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', fail);
      source.off('close', onClose);
    };
    function fail(error: unknown): void {
      if (done) return;
      done = true;
      cleanup();
      // Stop reading but leave the connection to the caller, which still has to answer.
      source.pause();
      out.destroy();
      void rm(path, { force: true }).then(
        () => reject(error),
        () => reject(error),
      );
    }
    function onData(chunk: Buffer): void {
      bytes += chunk.length;
      if (bytes > limit) {
        fail(new AppError('PAYLOAD_TOO_LARGE', `Files over ${limit} bytes cannot be uploaded`));
        return;
      }
      hash.update(chunk);
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => {
          if (!done) source.resume();
        });
      }
    }
    function onEnd(): void {
      cleanup();
      out.end(() => {
        if (done) return;
        done = true;
        resolve({ sha256: hash.digest('hex'), bytes });
      });
    }
    function onClose(): void {
      fail(new AppError('BAD_REQUEST', 'The upload was interrupted'));
    }
    out.on('error', fail);
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', fail);
    source.on('close', onClose);
  });
}

/** One upload at a time per content, so two uploads of the same bytes still make one file. */
const finishing = new Map<string, Promise<unknown>>();

async function place(dir: string, temp: string, sha256: string, name: string): Promise<string> {
  const folder = join(dir, sha256);
  await mkdir(folder, { recursive: true });
  const existing = (await readdir(folder, { withFileTypes: true })).find((e) => e.isFile());
  if (existing) {
    await rm(temp, { force: true });
    return join(folder, existing.name);
  }
  const target = join(folder, safeFileName(name));
  await rename(temp, target);
  return target;
}

/**
 * Stores an uploaded file under `importsDir` and returns its path (for `demos.add`), hash and size.
 * Rejects with PAYLOAD_TOO_LARGE (nothing kept) past `limit` bytes, BAD_REQUEST if the body breaks off.
 */
export async function storeUpload(
  importsDir: string,
  source: Readable,
  options: { name: string; limit: number },
): Promise<UploadResult> {
  await mkdir(importsDir, { recursive: true });
  const temp = join(importsDir, `.upload-${randomBytes(8).toString('hex')}.part`);
  const { sha256, bytes } = await receive(source, temp, options.limit);
  try {
    const previous = finishing.get(sha256) ?? Promise.resolve();
    const placed = previous.catch(() => undefined).then(() => place(importsDir, temp, sha256, options.name));
    finishing.set(sha256, placed);
    const path = await placed.finally(() => {
      if (finishing.get(sha256) === placed) finishing.delete(sha256);
    });
    return { path, sha256, bytes };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
