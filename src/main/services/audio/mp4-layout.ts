import { open } from 'node:fs/promises';

// Where an MP4/M4A file keeps its index (the `moov` box), so that it can be decoded as a stream.
//
// The streaming MP4 decoder (@audio/decode-mp4) needs the index before the samples. Files written
// for streaming ("fast start") have it first; most encoders (ffmpeg's default, many DAWs) write it
// last, and the decoder then buffers the whole file and hands out all its PCM at once — 1.3 GB for
// an hour of stereo. For those, the decoder is given the index first, its chunk offsets shifted by
// the index's own length, followed by the file's bytes unchanged: to the decoder it is a fast-start
// file whose samples sit where they are (what qt-faststart does, without rewriting the file).

export type Mp4Layout = {
  /** Offset and size of the top-level moov box. */
  moovStart: number;
  moovSize: number;
  /** True when moov precedes every mdat (the file streams as it is). */
  moovFirst: boolean;
};

/** Indexes above this size are not moved (real ones are well under 10 MB for hours of audio). */
export const MAX_MOVED_INDEX_BYTES = 64 * 1024 * 1024;

/**
 * The top-level boxes of an MP4 file, read header by header (a few reads, whatever the size).
 * Null when the boxes do not chain up to the end of the file or there is no moov (damaged, or
 * not an MP4): the caller then keeps the whole-file route and its error messages.
 */
export async function readMp4Layout(path: string, fileBytes: number): Promise<Mp4Layout | null> {
  const handle = await open(path, 'r');
  try {
    const header = new Uint8Array(16);
    const view = new DataView(header.buffer);
    let position = 0;
    let moov: { start: number; size: number } | null = null;
    let mdatSeen = false;
    let moovFirst = false;
    while (position + 8 <= fileBytes) {
      const { bytesRead } = await handle.read(header, 0, 16, position);
      if (bytesRead < 8) return null;
      let size = view.getUint32(0);
      const type = String.fromCharCode(header[4]!, header[5]!, header[6]!, header[7]!);
      if (size === 1) {
        if (bytesRead < 16) return null;
        size = Number(view.getBigUint64(8));
      } else if (size === 0) {
        size = fileBytes - position; // the last box runs to the end of the file
      }
      if (size < 8 || position + size > fileBytes) return null;
      if (type === 'moov' && moov === null) {
        moov = { start: position, size };
        moovFirst = !mdatSeen;
      } else if (type === 'mdat') {
        mdatSeen = true;
      }
      position += size;
    }
    return moov ? { moovStart: moov.start, moovSize: moov.size, moovFirst } : null;
  } finally {
    await handle.close();
  }
}

// Boxes on the way from moov to the chunk offset tables (stco, co64).
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

/**
 * A copy of a moov box with every chunk offset (stco, co64) increased by `shift`. Null when a
 * 32-bit offset would overflow or the box is malformed.
 */
export function shiftChunkOffsets(moov: Uint8Array, shift: number): Uint8Array | null {
  const out = moov.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const walk = (start: number, end: number): boolean => {
    let position = start;
    while (position + 8 <= end) {
      const size = view.getUint32(position);
      const type = String.fromCharCode(
        out[position + 4]!,
        out[position + 5]!,
        out[position + 6]!,
        out[position + 7]!,
      );
      if (size < 8 || position + size > end) return false;
      if (CONTAINERS.has(type)) {
        if (!walk(position + 8, position + size)) return false;
      } else if (type === 'stco' || type === 'co64') {
        const wide = type === 'co64';
        const count = view.getUint32(position + 12);
        const first = position + 16;
        if (first + count * (wide ? 8 : 4) > position + size) return false;
        for (let i = 0; i < count; i++) {
          if (wide) {
            const at = first + 8 * i;
            view.setBigUint64(at, view.getBigUint64(at) + BigInt(shift));
          } else {
            const at = first + 4 * i;
            const value = view.getUint32(at) + shift;
            if (value > 0xffffffff) return false;
            view.setUint32(at, value);
          }
        }
      }
      position += size;
    }
    return position === end;
  };
  return walk(0, out.length) ? out : null;
}

/** Reads the moov box of a file whose index comes last and returns it ready to be fed first. */
export async function movedIndex(path: string, layout: Mp4Layout): Promise<Uint8Array | null> {
  if (layout.moovFirst || layout.moovSize > MAX_MOVED_INDEX_BYTES) return null;
  const handle = await open(path, 'r');
  try {
    const moov = new Uint8Array(layout.moovSize);
    const { bytesRead } = await handle.read(moov, 0, layout.moovSize, layout.moovStart);
    if (bytesRead !== layout.moovSize) return null;
    return shiftChunkOffsets(moov, layout.moovSize);
  } finally {
    await handle.close();
  }
}
