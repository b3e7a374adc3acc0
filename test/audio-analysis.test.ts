import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioAnalysis, EMBEDDING_LENGTH, summarizeAnalysis } from '../src/shared/audio';
import { AppError } from '../src/shared/errors';
import { analyzeFile } from '../src/main/services/audio/analyze';
import { decodeAudioFile } from '../src/main/services/audio/decode';
import { cosineSimilarity } from '../src/main/services/audio/embedding';
import {
  PITCH_NAMES,
  chordProgression,
  concat,
  dbToGain,
  drumPattern,
  mirexKeyScore,
  sine,
  tempoAccuracy,
  writeWav,
} from './audio-fixtures';

// Tempo, key and the whole result on signals with a known answer: synthetic drum patterns and
// chord progressions made here, and the real recordings of ../shared/corpus/manifest.tsv that
// carry a tempo or key. The measured scores are printed; the assertions are floors that catch a
// regression, not targets the algorithms were tuned to.

const RATE = 44100;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowstage-audio-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function wav(name: string, channels: Float32Array[], rate = RATE, format: 16 | 24 | 'float' = 16): string {
  const path = join(dir, name);
  writeWav(path, channels, rate, format);
  return path;
}

describe('tempo on synthetic drum patterns', () => {
  const tempi = [68, 84, 98, 112, 124, 136, 150, 172];
  it(`finds ${tempi.join(', ')} BPM (Acc2 all, Acc1 ≥ 7 of 8)`, async () => {
    let acc1 = 0;
    let acc2 = 0;
    const lines: string[] = [];
    for (const [i, bpm] of tempi.entries()) {
      const r = await analyzeFile(
        wav(`drums-${bpm}.wav`, [drumPattern(bpm, 20, RATE, 100 + i, i % 2 ? 0.25 : 0)]),
      );
      const a = tempoAccuracy(r.bpm!, bpm);
      acc1 += a.acc1 ? 1 : 0;
      acc2 += a.acc2 ? 1 : 0;
      lines.push(`${bpm}→${r.bpm}`);
      expect(r.bpmAlternative, `${bpm}`).not.toBeNull();
      expect(r.flags).not.toContain('low-pulse');
    }
    console.log(
      `synthetic drums: Acc1 ${acc1}/${tempi.length}, Acc2 ${acc2}/${tempi.length} (${lines.join(' ')})`,
    );
    expect(acc2).toBe(tempi.length);
    expect(acc1).toBeGreaterThanOrEqual(tempi.length - 1);
  }, 120_000);
});

describe('key on synthetic chord progressions', () => {
  it('finds the key and mode in all 24 keys (MIREX ≥ 0.9)', async () => {
    let total = 0;
    const misses: string[] = [];
    for (let tonic = 0; tonic < 12; tonic++) {
      for (const mode of ['major', 'minor'] as const) {
        // A different timbre (brightness) and arpeggio per key; 12 s = one and a half passes of
        // the progression. Made at 22.05 kHz, the analysis rate, to keep the synthesis quick.
        const signal = chordProgression(tonic, mode, 12, 22050, {
          seed: 31 + tonic,
          brightness: 0.3 + 0.05 * tonic,
        });
        const r = await analyzeFile(wav(`chords-${tonic}-${mode}.wav`, [signal], 22050));
        const score = mirexKeyScore({ key: r.key!, mode: r.mode! }, { key: PITCH_NAMES[tonic]!, mode });
        total += score;
        if (score < 1) misses.push(`${PITCH_NAMES[tonic]} ${mode}→${r.key} ${r.mode}`);
      }
    }
    console.log(
      `synthetic chords: MIREX ${(total / 24).toFixed(3)}${misses.length ? ` (misses: ${misses.join(', ')})` : ''}`,
    );
    expect(total / 24).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it('is not fooled by tuning: the same progression 40 cents sharp keeps its key', async () => {
    // Resampling 44.1 kHz audio as if it were 45.1 kHz raises every pitch by ~39 cents.
    const signal = chordProgression(2, 'minor', 16, RATE, { seed: 5 });
    const r = await analyzeFile(wav('chords-sharp.wav', [signal], Math.round(RATE * 2 ** (40 / 1200))));
    expect([r.key, r.mode]).toEqual(['D', 'minor']);
  }, 60_000);
});

describe('real recordings with ground truth (../shared/corpus/manifest.tsv)', () => {
  const corpus = resolve(__dirname, '../../shared/corpus');

  /** Repeats a short loop to 30 s, as the corpus README advises for whole-song estimators. */
  async function looped(path: string): Promise<string> {
    const chunks: Float32Array[][] = [];
    let rate = RATE;
    await decodeAudioFile(path, (c) => {
      rate = c.sampleRate;
      chunks.push(c.channels.map((x) => x.slice()));
    });
    const once = chunks[0]!.map((_, ch) => concat(...chunks.map((c) => c[ch]!)));
    const times = Math.ceil((30 * rate) / once[0]!.length);
    const name = `looped-${path.split('/').pop()}.wav`;
    return wav(
      name,
      once.map((x) => concat(...Array.from({ length: times }, () => x))),
      rate,
    );
  }

  it('scores tempo (tiers B/C) and key (tier B) and prints Acc1/Acc2 and MIREX', async () => {
    const [header, ...rows] = readFileSync(join(corpus, 'manifest.tsv'), 'utf8').trim().split('\n');
    const names = header!.split('\t');
    const entries = rows.map((row) => Object.fromEntries(row.split('\t').map((v, i) => [names[i]!, v])));
    let n = 0;
    let acc1 = 0;
    let acc2 = 0;
    let keyN = 0;
    let keyTotal = 0;
    const lines: string[] = [];
    for (const e of entries) {
      const tier = (e.tempo_tier ?? '').charAt(0);
      const tempo = ['B', 'C'].includes(tier) ? Number(e.tempo_bpm) : null;
      const keyMatch = e.key_tier?.startsWith('B') ? /^([A-G][b#]?) (major|minor)/.exec(e.key ?? '') : null;
      if (tempo === null && keyMatch === null) continue;
      const source = join(corpus, e.path!);
      const r = await analyzeFile(Number(e.duration_s) < 20 ? await looped(source) : source);
      if (tempo !== null) {
        const a = tempoAccuracy(r.bpm!, tempo);
        n++;
        acc1 += a.acc1 ? 1 : 0;
        acc2 += a.acc2 ? 1 : 0;
        lines.push(`${e.path} ${tempo}→${r.bpm}`);
      }
      if (keyMatch) {
        keyN++;
        keyTotal += mirexKeyScore({ key: r.key!, mode: r.mode! }, { key: keyMatch[1]!, mode: keyMatch[2]! });
        lines.push(`${e.path} ${keyMatch[0]}→${r.key} ${r.mode}`);
      }
    }
    console.log(
      `manifest.tsv: tempo n=${n} Acc1 ${((100 * acc1) / n).toFixed(1)} % Acc2 ${((100 * acc2) / n).toFixed(1)} %; key n=${keyN} MIREX ${(keyTotal / keyN).toFixed(2)}\n  ${lines.join('\n  ')}`,
    );
    expect(n).toBeGreaterThanOrEqual(12);
    expect(acc2 / n).toBeGreaterThanOrEqual(0.6);
    expect(keyTotal / keyN).toBeGreaterThanOrEqual(0.5);
  }, 240_000);

  it('gives speech and whale song no confident pulse', async () => {
    for (const file of ['5703-47212-0000.hq.ogg', 'glacier-bay-humpback.hq.ogg']) {
      const r = await analyzeFile(join(corpus, 'librosa-data', file));
      expect(r.bpmConfidence!, file).toBeLessThan(0.5);
    }
  }, 60_000);
});

describe('the whole result', () => {
  it('is complete, finite and plausible for a drum-and-chords demo', async () => {
    const drums = drumPattern(120, 30, RATE, 3);
    const chords = chordProgression(9, 'minor', 30, RATE, { seed: 3 });
    const mix = drums.map((v, i) => 0.6 * v + 0.5 * chords[i]!);
    const progress: number[] = [];
    const r = await analyzeFile(wav('demo.wav', [mix, mix.slice()]), {
      onProgress: (p) => progress.push(p.fraction),
    });
    expect(() => AudioAnalysis.parse(r)).not.toThrow();
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    expect(tempoAccuracy(r.bpm!, 120).acc1).toBe(true);
    expect([r.key, r.mode]).toEqual(['A', 'minor']);
    expect(r.embedding).toHaveLength(EMBEDDING_LENGTH);
    expect(Math.hypot(...r.embedding)).toBeCloseTo(1, 3);
    for (const v of [r.energy, r.danceability, r.acousticness, r.valence, r.arousal]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(r.brightnessHz).toBeGreaterThan(200);
    expect(r.waveform.max.length).toBeGreaterThan(100);
    expect(r.waveform.max.length).toBeLessThanOrEqual(800);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
    expect(summarizeAnalysis(r, 'fr')).toMatch(/^120 BPM, la mineur, −\d+ LUFS, énergie \d+\/10, humeur \S+/);
  }, 60_000);

  it('finds a demo closer to itself re-encoded than to a different piece (embedding)', async () => {
    const a = chordProgression(0, 'major', 20, RATE, { seed: 1, brightness: 0.3 });
    const drums = drumPattern(150, 20, RATE, 9);
    const base = await analyzeFile(wav('emb-a.wav', [a]));
    const quieter = await analyzeFile(wav('emb-a-quiet.wav', [a.map((v) => v * 0.3)], 48000));
    const other = await analyzeFile(wav('emb-b.wav', [drums]));
    expect(cosineSimilarity(base.embedding, quieter.embedding)).toBeGreaterThan(0.95);
    expect(cosineSimilarity(base.embedding, other.embedding)).toBeLessThan(
      cosineSimilarity(base.embedding, quieter.embedding) - 0.3,
    );
  }, 60_000);

  it('handles 96 kHz 24-bit, float WAV, 8 kHz mono and a path with accents and spaces', async () => {
    const tone = (rate: number): Float32Array =>
      concat(chordProgression(7, 'major', 8, rate, { seed: 2 }), sine(440, 0.5, rate, dbToGain(-12)));
    const hiRes = await analyzeFile(wav('hires.wav', [tone(96000), tone(96000)], 96000, 24));
    expect([hiRes.sampleRate, hiRes.channels, hiRes.key]).toEqual([96000, 2, 'G']);
    const low = await analyzeFile(wav('low.wav', [tone(8000)], 8000));
    expect([low.sampleRate, low.channels]).toEqual([8000, 1]);
    const accented = join(dir, 'Démo à l’écoute — version 2 (finale).wav');
    writeWav(accented, [tone(RATE)], RATE, 'float');
    const r = await analyzeFile(accented);
    expect(r.file).toBe(accented);
    expect(r.key).toBe('G');
  }, 60_000);

  it('refuses a text file renamed .mp3, a missing file and a folder with clear errors', async () => {
    const text = join(dir, 'notes.mp3');
    writeFileSync(text, 'Setlist for Friday:\n1. Intro\n2. Second song\n'.repeat(20));
    await expect(analyzeFile(text)).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA',
      message: expect.stringMatching(/text file/),
    });
    await expect(analyzeFile(join(dir, 'nope.wav'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(analyzeFile(dir)).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA',
      message: expect.stringMatching(/folder/),
    });
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const path = wav('cancel.wav', [drumPattern(100, 20, RATE)]);
    const pending = analyzeFile(path, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.fraction > 0.2) controller.abort();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(AppError);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
