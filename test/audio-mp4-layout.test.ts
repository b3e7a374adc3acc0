import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeAudioFile } from '../src/main/services/audio/decode';
import { readMp4Layout, shiftChunkOffsets } from '../src/main/services/audio/mp4-layout';

// MP4/M4A files are decoded as a stream whether their index (moov) comes first ("fast start") or
// last (ffmpeg's default): the second kind is fed index first, offsets shifted (mp4-layout.ts).

const corpus = resolve(__dirname, '../../shared/corpus/decoding');
const work = mkdtempSync(join(tmpdir(), 'flowstage-mp4-'));

function box(type: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(payload, 8);
  return out;
}

function table(wide: boolean, offsets: number[]): Uint8Array {
  const out = new Uint8Array(8 + offsets.length * (wide ? 8 : 4));
  const view = new DataView(out.buffer);
  view.setUint32(4, offsets.length);
  offsets.forEach((o, i) => (wide ? view.setBigUint64(8 + 8 * i, BigInt(o)) : view.setUint32(8 + 4 * i, o)));
  return out;
}

const nest = (types: string[], inner: Uint8Array): Uint8Array =>
  types.reduceRight((acc, type) => box(type, acc), inner);

function offsetsOf(moov: Uint8Array, type: 'stco' | 'co64'): number[] {
  const at = Buffer.from(moov).indexOf(type, 0, 'latin1');
  const view = new DataView(moov.buffer, moov.byteOffset);
  const count = view.getUint32(at + 8);
  return Array.from({ length: count }, (_, i) =>
    type === 'co64' ? Number(view.getBigUint64(at + 12 + 8 * i)) : view.getUint32(at + 12 + 4 * i),
  );
}

/** Rewrites an MP4 with its moov last as ftyp, moov (offsets shifted), the rest: a fast-start file. */
function fastStart(bytes: Uint8Array, layout: { moovStart: number; moovSize: number }): Uint8Array {
  const moov = bytes.subarray(layout.moovStart, layout.moovStart + layout.moovSize);
  const ftypSize = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
  const shifted = shiftChunkOffsets(moov, layout.moovSize)!;
  return Buffer.concat([
    bytes.subarray(0, ftypSize),
    shifted,
    bytes.subarray(ftypSize, layout.moovStart),
    bytes.subarray(layout.moovStart + layout.moovSize),
  ]);
}

async function decodeAll(path: string): Promise<{ pcm: Float32Array; route: string; sha256: string }> {
  const parts: Float32Array[] = [];
  const summary = await decodeAudioFile(path, (c) => parts.push(c.channels[0]!.slice()));
  const pcm = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    pcm.set(p, offset);
    offset += p.length;
  }
  return { pcm, route: summary.route, sha256: summary.sha256 };
}

describe('MP4 index layout', () => {
  it('shifts every stco and co64 chunk offset inside moov, and nothing else', () => {
    const moov = nest(
      ['moov'],
      Buffer.concat([
        box('mvhd', new Uint8Array(20).fill(7)),
        nest(['trak', 'mdia', 'minf', 'stbl'], box('stco', table(false, [36, 5000]))),
        nest(['trak', 'mdia', 'minf', 'stbl'], box('co64', table(true, [2 ** 33, 40]))),
      ]),
    );
    const shifted = shiftChunkOffsets(moov, 1000)!;
    expect(offsetsOf(shifted, 'stco')).toEqual([1036, 6000]);
    expect(offsetsOf(shifted, 'co64')).toEqual([2 ** 33 + 1000, 1040]);
    expect(offsetsOf(moov, 'stco')).toEqual([36, 5000]); // the input is left alone
    expect(shifted.subarray(16, 36)).toEqual(new Uint8Array(20).fill(7));
  });

  it('refuses a 32-bit offset that would overflow and a malformed box tree', () => {
    const moov = nest(['moov', 'trak', 'mdia', 'minf', 'stbl'], box('stco', table(false, [0xfffffff0])));
    expect(shiftChunkOffsets(moov, 0x100)).toBeNull();
    const broken = moov.slice();
    new DataView(broken.buffer).setUint32(8, 9999); // trak claims more bytes than moov holds
    expect(shiftChunkOffsets(broken, 8)).toBeNull();
  });

  it('finds the index last in the corpus AAC and ALAC files, and no layout in a truncated one', async () => {
    for (const file of ['format/brahms_aac.m4a', 'format/brahms_alac.m4a']) {
      const path = join(corpus, file);
      const layout = await readMp4Layout(path, statSync(path).size);
      expect(layout?.moovFirst, file).toBe(false);
    }
    const truncated = join(corpus, 'corrupt/truncated_half_brahms_aac.m4a');
    expect(await readMp4Layout(truncated, statSync(truncated).size)).toBeNull();
  });

  it('streams AAC and ALAC with the index last or first to the same samples and the file hash', async () => {
    for (const file of ['format/brahms_aac.m4a', 'format/brahms_alac.m4a']) {
      const path = join(corpus, file);
      const bytes = new Uint8Array(readFileSync(path));
      const layout = (await readMp4Layout(path, bytes.length))!;
      const fastPath = join(work, file.replace('/', '-'));
      writeFileSync(fastPath, fastStart(bytes, layout));
      expect((await readMp4Layout(fastPath, statSync(fastPath).size))?.moovFirst).toBe(true);

      const last = await decodeAll(path);
      const first = await decodeAll(fastPath);
      expect(last.route).toBe('stream');
      expect(first.route).toBe('stream');
      expect(last.pcm.length).toBeGreaterThan(44100 * 11);
      expect(first.pcm).toEqual(last.pcm);
      expect(last.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  }, 60_000);
});
