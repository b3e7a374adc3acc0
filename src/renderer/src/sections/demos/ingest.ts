import { UploadResult, type DemoError, type DemoSummary } from '../../../../shared/demos';
import type { AppErrorShape } from '../../../../shared/errors';
import { transport } from '../../../../shared/transport';

// How dropped or picked files become demos: collect them (folders walked), turn each into a path on
// this machine — in Electron the preload's `pathForFile`, in a browser an upload to the host, two at
// a time — then hand the paths to `demos.add` in small batches so the first results come back while
// the rest is still uploading. No React and no store here: the caller gets callbacks.

/** What the file pickers accept (a plain pick still lets the booker choose "all files"). */
export const AUDIO_ACCEPT = 'audio/*,.wav,.mp3,.flac,.ogg,.opus,.m4a,.aiff,.aif';

const AUDIO_EXTENSIONS = new Set([
  'wav',
  'wave',
  'mp3',
  'flac',
  'ogg',
  'oga',
  'opus',
  'm4a',
  'mp4',
  'aac',
  'aiff',
  'aif',
  'aifc',
  'wv',
  'webm',
  'weba',
]);

/** Uploads running at once in a browser (more would only share the same loopback bandwidth). */
export const UPLOAD_CONCURRENCY = 2;
/** Paths per `demos.add` call: small, so results start arriving while the rest is on its way. */
export const ADD_BATCH = 10;
/** How long a partial batch waits for more paths before it is sent anyway. */
const FLUSH_DELAY_MS = 150;
/** Folders deeper than this are not walked (a symlink loop cannot hang the drop). */
const MAX_DEPTH = 24;

/** Same key as api.ts: the browser host's per-run token, kept for this tab. */
const TOKEN_KEY = 'flowstage.token';

export interface Collected {
  files: File[];
  /** Files inside dropped or picked folders left out because they are not audio (covers, notes…). */
  skipped: number;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** By extension or MIME type; used for the files found inside folders only. */
export function looksLikeAudio(file: { name: string; type: string }): boolean {
  return AUDIO_EXTENSIONS.has(extensionOf(file.name)) || file.type.startsWith('audio/');
}

const byName = (a: File, b: File) => a.name.localeCompare(b.name, undefined, { numeric: true });

/**
 * Picked files: a plain pick keeps every file (the analysis explains what it refuses, which is more
 * useful than a silent skip); a folder pick keeps the audio files, hidden files left out.
 */
export function collectPicked(list: FileList | readonly File[], fromFolder: boolean): Collected {
  const all = Array.from(list);
  if (!fromFolder) return { files: all, skipped: 0 };
  const visible = all.filter((file) => !file.name.startsWith('.'));
  const files = visible.filter(looksLikeAudio);
  const paths = (file: File) => file.webkitRelativePath || file.name;
  files.sort((a, b) => paths(a).localeCompare(paths(b), undefined, { numeric: true }));
  return { files, skipped: visible.length - files.length };
}

/** What a drop carried, taken synchronously: the DataTransfer is emptied once the event returns. */
export interface DropSource {
  entries: FileSystemEntry[];
  /** Used when the browser gives no entries (webkitGetAsEntry missing or null). */
  files: File[];
}

export function takeDrop(data: DataTransfer): DropSource {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  return { entries, files: Array.from(data.files) };
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every entry of a folder: readEntries answers in chunks (about 100) until it answers none. */
async function readAll(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
}

async function walk(entry: FileSystemEntry, depth: number, out: Collected): Promise<void> {
  if (isFile(entry)) {
    if (depth > 0 && entry.name.startsWith('.')) return;
    try {
      const file = await fileOf(entry);
      if (depth === 0 || looksLikeAudio(file)) out.files.push(file);
      else out.skipped += 1;
    } catch {
      out.skipped += 1; // vanished or unreadable while walking
    }
    return;
  }
  if (!isDirectory(entry) || depth >= MAX_DEPTH || (depth > 0 && entry.name.startsWith('.'))) return;
  let children: FileSystemEntry[];
  try {
    children = await readAll(entry);
  } catch {
    return;
  }
  children.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  // Files of a folder first, in name order, then its subfolders: the queue reads like the folder.
  const files = children.filter(isFile);
  const folder: Collected = { files: [], skipped: 0 };
  for (const child of files) await walk(child, depth + 1, folder);
  folder.files.sort(byName);
  out.files.push(...folder.files);
  out.skipped += folder.skipped;
  for (const child of children.filter(isDirectory)) await walk(child, depth + 1, out);
}

/** The files of a drop: loose files as they are, folders walked for their audio files. */
export async function collectDropped(source: DropSource): Promise<Collected> {
  if (source.entries.length === 0) return { files: source.files, skipped: 0 };
  const out: Collected = { files: [], skipped: 0 };
  for (const entry of source.entries) await walk(entry, 0, out);
  return out;
}

// ---- Paths -------------------------------------------------------------------------------------

export type PathOutcome = { ok: true; path: string } | { ok: false; error: DemoError };

/** Electron gives a dropped or picked file's own path: nothing is uploaded or copied. */
export function hasLocalPaths(): boolean {
  return typeof window.flowstageBridge?.pathForFile === 'function';
}

export function localPath(file: File): PathOutcome {
  const path = window.flowstageBridge?.pathForFile?.(file) ?? '';
  return path
    ? { ok: true, path }
    : { ok: false, error: { code: 'NOT_FOUND', message: 'This file has no path on disk.' } };
}

type HostAnswer = { ok?: boolean; value?: unknown; error?: AppErrorShape };

function parseAnswer(text: string): HostAnswer | null {
  try {
    return JSON.parse(text) as HostAnswer;
  } catch {
    return null;
  }
}

const UNREACHABLE = 'The Flow Stage host is not reachable.';

function uploadError(code: DemoError['code'], message: string): PathOutcome {
  return { ok: false, error: { code, message } };
}

/**
 * Browser host: streams the file to `POST /api/upload` and answers the stored copy's path. Uses
 * XMLHttpRequest rather than fetch for its upload progress events (same request otherwise).
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<PathOutcome> {
  if (file.size > transport.maxUploadBytes) {
    return Promise.resolve(
      uploadError('PAYLOAD_TOO_LARGE', `Files over ${transport.maxUploadBytes} bytes cannot be uploaded`),
    );
  }
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${transport.httpUpload}?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('authorization', `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parseAnswer(xhr.responseText);
      if (body?.ok) {
        const parsed = UploadResult.safeParse(body.value);
        if (parsed.success) return resolve({ ok: true, path: parsed.data.path });
      }
      if (body?.error?.code) return resolve(uploadError(body.error.code, body.error.message));
      resolve(uploadError('INTERNAL', `Unexpected answer from the host (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => resolve(uploadError('INTERNAL', UNREACHABLE));
    xhr.onabort = () => resolve(uploadError('BAD_REQUEST', 'The upload was interrupted'));
    xhr.send(file);
  });
}

/** True when an upload failed because the host could not be reached at all. */
export const isUnreachable = (error: DemoError) => error.code === 'INTERNAL' && error.message === UNREACHABLE;

// ---- The pipeline ------------------------------------------------------------------------------

export interface IngestItem {
  key: string;
  file: File;
}

export interface IngestCallbacks {
  /** A file's upload started, advanced, or is waiting for `demos.add`. */
  progress(key: string, phase: 'uploading' | 'adding', fraction: number): void;
  /** A file could not become a path (too large, upload refused, no path). */
  failed(key: string, error: DemoError): void;
  /** One `demos.add` call came back: each key with its demo, in order. */
  added(batch: { key: string; demo: DemoSummary }[]): void;
  /** One `demos.add` call failed as a whole. */
  addFailed(keys: string[], error: unknown): void;
}

/**
 * One pipeline for the whole session: uploads share the concurrency limit whatever the number of
 * drops, and `demos.add` calls go one after the other (their order is the order of the queue).
 */
export function createIngest(
  addPaths: (paths: string[]) => Promise<DemoSummary[]>,
  callbacks: IngestCallbacks,
) {
  const waiting: IngestItem[] = [];
  let uploading = 0;
  let ready: { key: string; path: string }[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let adding: Promise<void> = Promise.resolve();
  let inFlight = 0;

  function flush(): void {
    if (flushTimer) {
      clearTimeout(flushTimer);
      flushTimer = null;
    }
    while (ready.length > 0) {
      const batch = ready.slice(0, ADD_BATCH);
      ready = ready.slice(ADD_BATCH);
      inFlight += 1;
      adding = adding.then(async () => {
        try {
          const demos = await addPaths(batch.map((entry) => entry.path));
          callbacks.added(batch.map((entry, i) => ({ key: entry.key, demo: demos[i]! })));
        } catch (error) {
          callbacks.addFailed(
            batch.map((entry) => entry.key),
            error,
          );
        } finally {
          inFlight -= 1;
        }
      });
    }
  }

  function readyPath(key: string, path: string): void {
    callbacks.progress(key, 'adding', 1);
    ready.push({ key, path });
    if (ready.length >= ADD_BATCH || (uploading === 0 && waiting.length === 0)) flush();
    else if (!flushTimer) flushTimer = setTimeout(flush, FLUSH_DELAY_MS);
  }

  function pump(): void {
    while (uploading < UPLOAD_CONCURRENCY && waiting.length > 0) {
      const item = waiting.shift()!;
      uploading += 1;
      callbacks.progress(item.key, 'uploading', 0);
      void uploadFile(item.file, (fraction) => callbacks.progress(item.key, 'uploading', fraction)).then(
        (outcome) => {
          uploading -= 1;
          if (outcome.ok) readyPath(item.key, outcome.path);
          else callbacks.failed(item.key, outcome.error);
          pump();
          // The last upload of a drop may have failed: send what is ready without waiting.
          if (uploading === 0 && waiting.length === 0 && ready.length > 0) flush();
        },
      );
    }
  }

  return {
    submit(items: readonly IngestItem[]): void {
      if (hasLocalPaths()) {
        for (const item of items) {
          const outcome = localPath(item.file);
          if (!outcome.ok) {
            callbacks.failed(item.key, outcome.error);
            continue;
          }
          callbacks.progress(item.key, 'adding', 1);
          ready.push({ key: item.key, path: outcome.path });
        }
        flush();
        return;
      }
      waiting.push(...items);
      pump();
    },
    /** Whether a `demos.add` call is on its way (a list reload would then race with it). */
    busy(): boolean {
      return inFlight > 0 || ready.length > 0;
    },
    /** Resolves once every `demos.add` call sent so far has come back. */
    settled(): Promise<void> {
      return adding;
    },
  };
}
