import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import type decodeStreamType from '@audio/decode';
import { OfflineAudioContext } from 'web-audio-api';
import { AppError } from '../../../shared/errors';
import { STREAMABLE_FORMATS, describeNonAudio, probeHeader, sniffFormat } from './container';
import { movedIndex, readMp4Layout } from './mp4-layout';

// Decoding: file bytes → PCM chunks (native rate, every channel), handed to a consumer as they
// come, so that a long file never exists whole in memory.
//
// Two routes, both the decoders web-audio-api ships (web-audio-api's decodeAudioData is a thin
// wrapper over @audio/decode, its own dependency):
// - streaming (@audio/decode's chunked decoders) for WAV, AIFF, MP3, FLAC, Ogg Vorbis, Opus,
//   WavPack and MP4/M4A: the file is read 256 KiB at a time, so memory is bounded whatever the
//   duration. It is also 2–3× faster than the whole-file call on a 4-minute MP3 (no merge copy of
//   the result). An MP4 whose index (moov) comes after its samples is fed index first
//   (mp4-layout.ts): otherwise the MP4 decoder buffers the whole file and returns all its PCM at
//   once;
// - whole-file OfflineAudioContext.decodeAudioData for any other format, an MP4 whose boxes do not
//   chain up, and as a second chance when the streaming decoder fails before producing a sample.
//   Memory there is the file plus its decoded PCM (about 21 MB per stereo minute at 44.1 kHz), so
//   it refuses files over WHOLE_FILE_MAX_BYTES.
//
// @audio/decode is a direct dependency (so the build leaves it to Node's resolver: bundling it fails,
// it dynamically imports optional codec packages) and is loaded lazily, on the first decode, to keep
// it off the start-up path.
//
// Workarounds for @audio/decode 3.16 / web-audio-api 1.5.6:
// - every chunk handed to a decoder is a fresh Uint8Array, never a Node Buffer: the WAV decoder
//   realigns misaligned float data with `.slice()`, which on a Buffer is a view, not a copy, and
//   32-bit float WAV then throws "start offset of Float32Array should be a multiple of 4";
// - the MP3 decoder reports a stereo stream whose two channels are identical as one channel, and
//   may switch from 1 to 2 channels mid-stream: chunks are re-expanded to the channel count the
//   stream header declares, so loudness (which sums channels) stays right;
// - decoders return no error for damaged data they skip: a file that decodes to much less than
//   its header promises is reported as partially decoded.

/** A decoded block: one Float32Array per channel, all the same length. */
export type PcmChunk = { channels: readonly Float32Array[]; sampleRate: number };

export type DecodeOptions = {
  signal?: AbortSignal;
  /** Bytes read so far / file size, 0–1. */
  onProgress?: (fraction: number) => void;
};

export type DecodeSummary = {
  format: string;
  sha256: string;
  fileBytes: number;
  sampleRate: number;
  /** Channel count of the chunks handed out (the declared count when the header says). */
  channels: number;
  /** Sample frames handed out. */
  frames: number;
  /** Why only part of the file could be decoded, or null when it decoded whole. */
  partialReason: string | null;
  route: 'stream' | 'whole';
};

const READ_CHUNK_BYTES = 256 * 1024;
const HEAD_BYTES = 64 * 1024;
/** Files decoded whole are refused above this size: their PCM would not fit in a bounded budget. */
export const WHOLE_FILE_MAX_BYTES = 512 * 1024 * 1024;

/** An analysis refused because of the file itself (not a bug): code UNSUPPORTED_MEDIA. */
export function mediaError(message: string): AppError {
  return new AppError('UNSUPPORTED_MEDIA', message);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'Analysis cancelled');
}

/**
 * Decodes the file at `path`, calling `onPcm` for each block of samples in order. Resolves with
 * what was decoded; rejects with an AppError: NOT_FOUND, UNSUPPORTED_MEDIA (empty, not audio,
 * damaged beyond use), or CANCELLED.
 */
export async function decodeAudioFile(
  path: string,
  onPcm: (chunk: PcmChunk) => void,
  options: DecodeOptions = {},
): Promise<DecodeSummary> {
  const { signal } = options;
  throwIfAborted(signal);
  const fileBytes = await fileSize(path);
  if (fileBytes === 0) throw mediaError('The file is empty (0 bytes).');

  const head = await readHead(path, Math.min(HEAD_BYTES, fileBytes));
  const format = sniffFormat(head);
  if (format === null) {
    const what = describeNonAudio(head);
    throw mediaError(
      what
        ? `Not an audio file: this is ${what}.`
        : 'Not an audio file, or an audio format Flow Stage does not read.',
    );
  }
  const header = probeHeader(format, head, fileBytes);
  const declaredChannels = header.channels && header.channels > 0 ? header.channels : null;

  const sink = new ChunkNormaliser(onPcm, declaredChannels);
  let route: DecodeSummary['route'] = 'stream';
  let sha256: string;
  let streamError: unknown = null;
  const streaming = STREAMABLE_FORMATS.has(format)
    ? { prefix: null }
    : format === 'm4a'
      ? await mp4Streaming(path, fileBytes)
      : null;
  if (streaming) {
    const hash = createHash('sha256');
    try {
      await decodeStreaming(path, format, fileBytes, hash, sink, options, streaming.prefix);
    } catch (error) {
      if (error instanceof AppError) throw error; // cancelled, or a file that vanished
      streamError = error;
    }
    sha256 = hash.digest('hex');
    if (sink.frames === 0) {
      // Nothing came out of the streaming decoder: give the whole-file decoder its chance.
      route = 'whole';
      sha256 = await decodeWhole(path, fileBytes, sink, options).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        // Neither decoder found a sample: a header without data, or data beyond repair.
        throw streamError === null
          ? mediaError(`The ${formatName(format)} file contains no audio data.`)
          : damagedError(format, streamError);
      });
    }
  } else {
    route = 'whole';
    sha256 = await decodeWhole(path, fileBytes, sink, options).catch((error: unknown) => {
      throw error instanceof AppError ? error : damagedError(format, error);
    });
  }
  if (sink.frames === 0 || sink.sampleRate === 0)
    throw mediaError(`The ${formatName(format)} file contains no audio data.`);

  let partialReason: string | null = null;
  if (streamError !== null || sink.rateChanged) {
    partialReason = `decoding stopped at ${(sink.frames / sink.sampleRate).toFixed(1)} s: the rest of the file is damaged`;
  } else if (header.declaredFrames !== null && sink.frames < 0.9 * header.declaredFrames) {
    partialReason = `only ${(sink.frames / sink.sampleRate).toFixed(1)} s of the ${(header.declaredFrames / sink.sampleRate).toFixed(1)} s announced by the header could be decoded`;
  } else if (header.claimsMoreBytesThanFile) {
    partialReason = 'the file is shorter than its header says (truncated?)';
  }
  options.onProgress?.(1);
  return {
    format,
    sha256,
    fileBytes,
    sampleRate: sink.sampleRate,
    channels: sink.channels,
    frames: sink.frames,
    partialReason,
    route,
  };
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw mediaError('This is a folder, not an audio file.');
    return info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('NOT_FOUND', `File not found: ${path}`);
    throw mediaError(`The file cannot be read (${code ?? String(error)}).`);
  }
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function formatName(format: string): string {
  const names: Record<string, string> = { oga: 'Ogg Vorbis', m4a: 'MP4/M4A', wv: 'WavPack' };
  return names[format] ?? format.toUpperCase();
}

function damagedError(format: string, cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return mediaError(`The ${formatName(format)} file is damaged and cannot be decoded (${detail}).`);
}

/**
 * How an MP4 file can be streamed: as it is (index first), after its index moved to the front
 * (`prefix`), or not at all (null: the whole-file route, which also words the errors of a damaged
 * file).
 */
async function mp4Streaming(path: string, fileBytes: number): Promise<{ prefix: Uint8Array | null } | null> {
  const layout = await readMp4Layout(path, fileBytes).catch(() => null);
  if (!layout) return null;
  if (layout.moovFirst) return { prefix: null };
  const prefix = await movedIndex(path, layout).catch(() => null);
  return prefix ? { prefix } : null;
}

/**
 * Fresh, aligned chunks of the file, hashed as they are read; `prefix` (not part of the file,
 * not hashed) comes first.
 */
async function* readChunks(
  path: string,
  fileBytes: number,
  hash: ReturnType<typeof createHash>,
  options: DecodeOptions,
  prefix: Uint8Array | null = null,
): AsyncGenerator<Uint8Array> {
  if (prefix) yield prefix;
  const handle = await open(path, 'r');
  try {
    let position = 0;
    while (position < fileBytes) {
      throwIfAborted(options.signal);
      const chunk = new Uint8Array(Math.min(READ_CHUNK_BYTES, fileBytes - position));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const bytes = bytesRead === chunk.length ? chunk : chunk.slice(0, bytesRead);
      hash.update(bytes);
      options.onProgress?.(position / fileBytes);
      yield bytes;
    }
  } finally {
    await handle.close();
  }
}

let streamingDecoder: Promise<typeof decodeStreamType> | null = null;

function loadStreamingDecoder(): Promise<typeof decodeStreamType> {
  streamingDecoder ??= import('@audio/decode').then((module) => module.default);
  return streamingDecoder;
}

async function decodeStreaming(
  path: string,
  format: string,
  fileBytes: number,
  hash: ReturnType<typeof createHash>,
  sink: ChunkNormaliser,
  options: DecodeOptions,
  prefix: Uint8Array | null,
): Promise<void> {
  // The typings list fewer formats than the runtime registers (wv): the format comes from sniffFormat.
  const decodeStream = await loadStreamingDecoder();
  const pcmStream = decodeStream(readChunks(path, fileBytes, hash, options, prefix), format as 'wav');
  for await (const pcm of pcmStream) {
    if (!sink.accept(pcm.channelData, pcm.sampleRate)) break;
  }
}

let sharedContext: OfflineAudioContext | null = null;

/** Whole-file decode through web-audio-api's decodeAudioData; resolves with the file's SHA-256. */
async function decodeWhole(
  path: string,
  fileBytes: number,
  sink: ChunkNormaliser,
  options: DecodeOptions,
): Promise<string> {
  if (fileBytes > WHOLE_FILE_MAX_BYTES) {
    throw mediaError(
      `This file is too large to analyse (${Math.round(fileBytes / 1048576)} MB; at most ${WHOLE_FILE_MAX_BYTES / 1048576} MB for this format).`,
    );
  }
  const bytes = new Uint8Array(fileBytes);
  const handle = await open(path, 'r');
  try {
    let position = 0;
    while (position < fileBytes) {
      throwIfAborted(options.signal);
      const { bytesRead } = await handle.read(
        bytes,
        position,
        Math.min(READ_CHUNK_BYTES * 16, fileBytes - position),
        position,
      );
      if (bytesRead === 0) break;
      position += bytesRead;
      options.onProgress?.(0.5 * (position / fileBytes));
    }
  } finally {
    await handle.close();
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  sharedContext ??= new OfflineAudioContext(1, 1, 44100);
  const buffer = await sharedContext.decodeAudioData(bytes);
  throwIfAborted(options.signal);
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  // Hand the PCM out in one-second slices, as the streaming route does.
  const slice = Math.max(1, Math.round(buffer.sampleRate));
  for (let start = 0; start < buffer.length; start += slice) {
    const end = Math.min(buffer.length, start + slice);
    if (
      !sink.accept(
        channels.map((data) => data.subarray(start, end)),
        buffer.sampleRate,
      )
    )
      break;
  }
  return sha256;
}

/**
 * Gives every chunk the same channel count and sample rate: a 1-channel chunk of a stream that
 * declares 2 (the MP3 decoder's dual-mono collapse) is expanded back, a rate change mid-stream
 * (a damaged or concatenated file) ends the decode there.
 */
class ChunkNormaliser {
  frames = 0;
  sampleRate = 0;
  channels = 0;
  rateChanged = false;

  constructor(
    private readonly onPcm: (chunk: PcmChunk) => void,
    private readonly declaredChannels: number | null,
  ) {}

  accept(channelData: readonly Float32Array[], sampleRate: number): boolean {
    const length = channelData[0]?.length ?? 0;
    if (length === 0 || !(sampleRate > 0)) return true;
    if (this.sampleRate === 0) {
      this.sampleRate = sampleRate;
      this.channels = this.declaredChannels ?? channelData.length;
      if (channelData.length > this.channels) this.channels = channelData.length;
    } else if (sampleRate !== this.sampleRate) {
      this.rateChanged = true;
      return false;
    }
    let channels = channelData;
    if (channels.length !== this.channels) {
      // Fewer channels than declared only happens for duplicated (dual-mono) content: repeat the
      // first. More channels than at the start: keep the first ones, the layout is fixed per file.
      channels = Array.from(
        { length: this.channels },
        (_, c) => channelData[c < channelData.length ? c : 0]!,
      );
    }
    this.frames += length;
    this.onPcm({ channels, sampleRate });
    return true;
  }
}
