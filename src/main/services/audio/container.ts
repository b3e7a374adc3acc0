// What a file is, read from its first bytes, before any decoding: the container/codec, and what
// its header declares (channel count, length). The decoders do their own parsing; this exists to
// give a booker a precise message for a file that is not audio ("a PNG image renamed .wav"), to
// choose the streaming decoder, and to notice a file that decodes to less than its header
// promises (truncated or damaged).

/** Formats the streaming decoder of @audio/decode reads chunk by chunk with bounded memory. */
export const STREAMABLE_FORMATS = new Set(['wav', 'aiff', 'mp3', 'flac', 'oga', 'opus', 'wv']);

export type HeaderInfo = {
  /** Channels written in the stream header, when the format has a simple one. */
  channels: number | null;
  /** Sample frames the header promises (WAV data size, FLAC STREAMINFO), when it says. */
  declaredFrames: number | null;
  /** The header promises more bytes than the file holds (WAV). */
  claimsMoreBytesThanFile: boolean;
};

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let text = '';
  for (let i = at; i < at + length && i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** Size of a leading ID3v2 tag (0 when none): MP3, FLAC and AAC files may start with one. */
function id3v2Size(bytes: Uint8Array): number {
  if (bytes.length < 10 || ascii(bytes, 0, 3) !== 'ID3') return 0;
  const size =
    ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  return 10 + size + (bytes[5]! & 0x10 ? 10 : 0);
}

/** An MPEG audio frame header (layer I–III) at `at`: sync, valid version, layer, bitrate and rate. */
function isMpegFrameHeader(bytes: Uint8Array, at: number): boolean {
  if (at + 4 > bytes.length) return false;
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  return (
    bytes[at] === 0xff &&
    (b1 & 0xe0) === 0xe0 &&
    (b1 & 0x18) !== 0x08 && // version "reserved"
    (b1 & 0x06) !== 0x00 && // layer "reserved" (00 is AAC ADTS)
    (b2 & 0xf0) !== 0xf0 && // bitrate index "bad"
    (b2 & 0x0c) !== 0x0c // sample-rate index "reserved"
  );
}

/**
 * The format of a file from its first bytes, named as @audio/decode names its decoders, or null
 * when it is not an audio format we know. Content decides, never the file name: a WAV named
 * .mp3 decodes as WAV.
 */
export function sniffFormat(head: Uint8Array): string | null {
  if (head.length < 4) return null;
  const magic4 = ascii(head, 0, 4);
  if (magic4 === 'RIFF' && ascii(head, 8, 4) === 'WAVE') return 'wav';
  if (magic4 === 'RF64' || magic4 === 'BW64') return 'wav';
  if (magic4 === 'FORM' && (ascii(head, 8, 4) === 'AIFF' || ascii(head, 8, 4) === 'AIFC')) return 'aiff';
  if (magic4 === 'fLaC') return 'flac';
  if (magic4 === 'OggS') {
    const page = ascii(head, 28, 8);
    if (page.startsWith('OpusHead')) return 'opus';
    if (page.startsWith('\x7fFLAC')) return 'flac';
    return 'oga';
  }
  if (magic4 === 'wvpk') return 'wv';
  if (magic4 === 'caff') return 'caf';
  if (ascii(head, 4, 4) === 'ftyp') return 'm4a';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  let at = id3v2Size(head);
  if (at > 0 && at < head.length && ascii(head, at, 4) === 'fLaC') return 'flac';
  if (at >= head.length && at > 0) return 'mp3'; // a tag longer than the bytes we read: MP3 is by far the usual case
  // MPEG audio: require two consecutive frame headers when both are within reach, so that random
  // bytes with an 0xFFE sync somewhere are not taken for MP3.
  if (head[at] === 0xff && at + 1 < head.length && (head[at + 1]! & 0xf6) === 0xf0) return 'aac'; // ADTS
  for (let tries = 0; at + 4 <= head.length && tries < 4096; at++, tries++) {
    if (head[at] !== 0xff || !isMpegFrameHeader(head, at)) continue;
    const length = mpegFrameLength(head, at);
    if (length > 0 && (at + length + 4 > head.length || isMpegFrameHeader(head, at + length))) return 'mp3';
  }
  return null;
}

const MPEG_BITRATES_KBPS: Record<string, number[]> = {
  // [version][layer] → table indexed by the 4-bit bitrate index
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPEG_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

/** Byte length of the MPEG audio frame at `at` (0 when free-format or invalid). */
function mpegFrameLength(bytes: Uint8Array, at: number): number {
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  const versionBits = (b1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
  const layer = 4 - ((b1 >> 1) & 3); // 1, 2 or 3
  const version = versionBits === 3 ? 1 : 2;
  const kbps = MPEG_BITRATES_KBPS[`${version}-${layer}`]?.[(b2 >> 4) & 15] ?? 0;
  const rate = MPEG_RATES[versionBits]?.[(b2 >> 2) & 3] ?? 0;
  if (!kbps || !rate) return 0;
  const padding = (b2 >> 1) & 1;
  if (layer === 1) return Math.floor((12 * kbps * 1000) / rate + padding) * 4;
  const samplesPerFrame = layer === 3 && version !== 1 ? 576 : 1152;
  return Math.floor(((samplesPerFrame / 8) * kbps * 1000) / rate) + padding;
}

function readU32LE(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}
function readU16LE(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

/** What the header of a known format declares; nulls where the format does not say simply. */
export function probeHeader(format: string, head: Uint8Array, fileBytes: number): HeaderInfo {
  const none: HeaderInfo = { channels: null, declaredFrames: null, claimsMoreBytesThanFile: false };
  if (format === 'wav' && ascii(head, 0, 4) === 'RIFF') {
    let at = 12;
    let channels: number | null = null;
    let blockAlign = 0;
    while (at + 8 <= head.length) {
      const id = ascii(head, at, 4);
      const size = readU32LE(head, at + 4);
      if (id === 'fmt ' && at + 16 <= head.length) {
        channels = readU16LE(head, at + 10);
        blockAlign = readU16LE(head, at + 20);
      }
      if (id === 'data') {
        const available = fileBytes - (at + 8);
        // 0xFFFFFFFF (and 0) are used by streaming writers for "unknown": not a claim.
        const meaningful = size !== 0xffffffff && size !== 0;
        return {
          channels,
          declaredFrames: meaningful && blockAlign > 0 ? Math.floor(size / blockAlign) : null,
          claimsMoreBytesThanFile: meaningful && size > available + blockAlign,
        };
      }
      at += 8 + size + (size & 1);
    }
    return { ...none, channels };
  }
  if (format === 'flac') {
    const at = id3v2Size(head) + 4; // after "fLaC": the STREAMINFO block comes first
    if (at + 4 + 18 > head.length || (head[at]! & 0x7f) !== 0) return none;
    const s = at + 4; // STREAMINFO body
    const channels = ((head[s + 12]! >> 1) & 7) + 1;
    const totalHigh = head[s + 13]! & 0x0f;
    const totalLow = readU32BE(head, s + 14);
    const total = totalHigh * 2 ** 32 + totalLow;
    return { channels, declaredFrames: total > 0 ? total : null, claimsMoreBytesThanFile: false };
  }
  if (format === 'mp3') {
    // Channel mode of the first frame: 3 = single channel. The MP3 decoder reports identical
    // channels as one, so the header is the only trustworthy source of "stereo".
    let at = id3v2Size(head);
    for (; at + 4 <= head.length; at++) {
      if (isMpegFrameHeader(head, at)) return { ...none, channels: head[at + 3]! >> 6 === 3 ? 1 : 2 };
    }
    return none;
  }
  if (format === 'aiff') {
    let at = 12;
    while (at + 8 <= head.length) {
      const id = ascii(head, at, 4);
      const size = readU32BE(head, at + 4);
      if (id === 'COMM' && at + 14 <= head.length) {
        return {
          channels: (head[at + 8]! << 8) | head[at + 9]!,
          declaredFrames: readU32BE(head, at + 10),
          claimsMoreBytesThanFile: false,
        };
      }
      at += 8 + size + (size & 1);
    }
    return none;
  }
  if (format === 'opus' && head.length >= 38) return { ...none, channels: head[37]! };
  if (format === 'oga' && ascii(head, 29, 6) === 'vorbis' && head.length >= 40)
    return { ...none, channels: head[39]! };
  return none;
}

function readU32BE(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** A readable name for bytes that are clearly something else, for the error message. */
export function describeNonAudio(head: Uint8Array): string | null {
  const magic = ascii(head, 0, 8);
  if (magic.startsWith('\x89PNG')) return 'a PNG image';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'a JPEG image';
  if (magic.startsWith('GIF8')) return 'a GIF image';
  if (magic.startsWith('%PDF')) return 'a PDF document';
  if (magic.startsWith('PK\x03\x04')) return 'a ZIP archive (or an office document)';
  if (magic.startsWith('MThd')) return 'a MIDI file (notes, not sound: render it to audio first)';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'AVI ') return 'an AVI video';
  if (looksLikeText(head)) return 'a text file';
  return null;
}

function looksLikeText(head: Uint8Array): boolean {
  const n = Math.min(head.length, 1024);
  if (n === 0) return false;
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const c = head[i]!;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc2) printable++;
  }
  return printable / n > 0.97;
}
