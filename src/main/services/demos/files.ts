import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { DemoError } from '../../../shared/demos';
import { describeNonAudio, sniffFormat } from '../audio/container';

// What `demos.add` learns of a path before queueing it: its SHA-256 (streamed: memory stays flat
// whatever the size), its size, and what its first bytes say it is. Never throws: a path that
// cannot be used comes back with the error to store on the demo.

const HEAD_BYTES = 64 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;

export type FileInspection =
  /** No bytes could be read: missing, a folder, no permission. */
  | { kind: 'unreadable'; error: DemoError }
  /** Read whole; `error` when the bytes cannot be analysed anyway (empty, not audio). */
  | { kind: 'read'; sha256: string; sizeBytes: number; format: string; error: DemoError | null };

const unreadable = (code: DemoError['code'], message: string): FileInspection => ({
  kind: 'unreadable',
  error: { code, message },
});

function readError(path: string, error: unknown): FileInspection {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return unreadable('NOT_FOUND', `File not found: ${path}`);
  if (code === 'EISDIR')
    return unreadable('UNSUPPORTED_MEDIA', 'This is a folder, not an audio file: add the files inside it.');
  if (code === 'EACCES' || code === 'EPERM')
    return unreadable('UNSUPPORTED_MEDIA', 'The file cannot be read (permission denied).');
  return unreadable('UNSUPPORTED_MEDIA', `The file cannot be read (${code ?? String(error)}).`);
}

export async function inspectFile(path: string): Promise<FileInspection> {
  try {
    const info = await stat(path);
    if (info.isDirectory())
      return unreadable('UNSUPPORTED_MEDIA', 'This is a folder, not an audio file: add the files inside it.');
    // A FIFO or a device would block the read or never end.
    if (!info.isFile())
      return unreadable('UNSUPPORTED_MEDIA', 'Not a regular file (a device, pipe or socket).');
  } catch (error) {
    return readError(path, error);
  }

  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let sizeBytes = 0;
  try {
    for await (const chunk of createReadStream(path, {
      highWaterMark: READ_CHUNK_BYTES,
    }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      if (headLength < HEAD_BYTES) {
        headChunks.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
    }
  } catch (error) {
    return readError(path, error);
  }
  const sha256 = hash.digest('hex');
  if (sizeBytes === 0) {
    return {
      kind: 'read',
      sha256,
      sizeBytes,
      format: '',
      error: { code: 'UNSUPPORTED_MEDIA', message: 'The file is empty (0 bytes).' },
    };
  }
  const head = new Uint8Array(Buffer.concat(headChunks));
  const format = sniffFormat(head);
  if (format === null) {
    const what = describeNonAudio(head);
    return {
      kind: 'read',
      sha256,
      sizeBytes,
      format: '',
      error: {
        code: 'UNSUPPORTED_MEDIA',
        message: what
          ? `Not an audio file: this is ${what}.`
          : 'Not an audio file, or an audio format Flow Stage does not read.',
      },
    };
  }
  return { kind: 'read', sha256, sizeBytes, format, error: null };
}
