// The evaluation items of scripts/eval-audio.ts (and scripts/tune-audio.ts): which files, with
// which ground truth, in which split. See eval-audio.ts for the sets and the split discipline.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { decodeAudioFile } from '../src/main/services/audio/decode';
import { PITCH_NAMES, chordProgression, concat, drumPattern, writeWav } from '../test/audio-fixtures';
import { gmCorpus } from './audio-gm-corpus';

const corpus = resolve(__dirname, '../../shared/corpus');
const work = join(tmpdir(), 'flowstage-eval');
mkdirSync(work, { recursive: true });

export type Item = {
  set: string;
  /** Style of a GM corpus song (per-style report). */
  style?: string;
  split: 'validation' | 'test';
  path: string;
  bpm?: number;
  key?: { key: string; mode: string };
};

function tsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header!.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((v, i) => [names[i]!, v])));
}

function parseKey(text: string): { key: string; mode: string } | undefined {
  const m = /^([A-G])([#b]?)\s*(major|minor)/.exec(text.trim());
  if (!m) return undefined;
  const flats: Record<string, string> = {
    'C#': 'C#',
    Db: 'C#',
    'D#': 'Eb',
    Eb: 'Eb',
    'F#': 'F#',
    Gb: 'F#',
    'G#': 'Ab',
    Ab: 'Ab',
    'A#': 'Bb',
    Bb: 'Bb',
  };
  const name = m[2] ? flats[m[1]! + m[2]]! : m[1]!;
  return { key: name, mode: m[3]! };
}

async function loopTo(path: string, seconds: number): Promise<string> {
  const out = join(work, `looped-${basename(path)}.wav`);
  if (existsSync(out)) return out;
  const chunks: Float32Array[][] = [];
  let rate = 44100;
  await decodeAudioFile(path, (c) => {
    rate = c.sampleRate;
    chunks.push(c.channels.map((x) => x.slice()));
  });
  const channels = chunks[0]!.length;
  const once = Array.from({ length: channels }, (_, ch) => concat(...chunks.map((c) => c[ch]!)));
  const times = Math.max(1, Math.ceil((seconds * rate) / once[0]!.length));
  writeWav(
    out,
    once.map((x) => concat(...Array.from({ length: times }, () => x))),
    rate,
  );
  return out;
}

export async function syntheticItems(): Promise<Item[]> {
  const items: Item[] = [];
  const rate = 44100;
  [62, 72, 85, 96, 105, 112, 120, 126, 134, 142, 150, 165, 174, 186].forEach((bpm, i) => {
    const path = join(work, `drums-${bpm}.wav`);
    if (!existsSync(path)) writeWav(path, [drumPattern(bpm, 30, rate, i + 1, i % 3 === 0 ? 0.3 : 0)], rate);
    items.push({ set: 'synthetic', split: 'validation', path, bpm });
  });
  for (let tonic = 0; tonic < 12; tonic++) {
    for (const mode of ['major', 'minor'] as const) {
      const path = join(work, `chords-${tonic}-${mode}.wav`);
      if (!existsSync(path))
        writeWav(
          path,
          [chordProgression(tonic, mode, 24, rate, { seed: tonic * 2 + 1, brightness: 0.4 + 0.04 * tonic })],
          rate,
        );
      items.push({ set: 'synthetic', split: 'validation', path, key: { key: PITCH_NAMES[tonic]!, mode } });
    }
  }
  return items;
}

export async function realItems(): Promise<Item[]> {
  const items: Item[] = [];
  for (const row of tsv(join(corpus, 'manifest.tsv'))) {
    const tier = (row.tempo_tier ?? '').slice(0, 1);
    const keyTier = (row.key_tier ?? '').slice(0, 1);
    const bpm = ['A', 'B', 'C'].includes(tier) && row.tempo_bpm ? Number(row.tempo_bpm) : undefined;
    let key = keyTier === 'B' ? parseKey(row.key ?? '') : undefined;
    if (keyTier === 'B' && !key && /^G \(mode not stated\)/.test(row.key ?? '')) key = undefined;
    if (bpm === undefined && key === undefined) continue;
    const source = join(corpus, row.path!);
    const path = Number(row.duration_s) < 20 ? await loopTo(source, 30) : source;
    items.push({ set: 'real', split: 'test', path, bpm, key });
  }
  for (const name of readdirSync(join(corpus, 'decoding/tempo'))) {
    items.push({ set: 'real', split: 'test', path: join(corpus, 'decoding/tempo', name), bpm: 140 });
  }
  return items;
}

export function openmsxItems(): Item[] {
  const cache = join(tmpdir(), 'flowstage-openmsx');
  mkdirSync(cache, { recursive: true });
  const soundfont = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
  if (!existsSync(soundfont)) {
    console.log('openmsx: skipped (apt-get install fluidsynth fluid-soundfont-gm)');
    return [];
  }
  return tsv(join(corpus, 'openmsx-midi/manifest.tsv')).map((row, index) => {
    const wav = join(cache, row.file!.replace(/\.mid$/, '.wav'));
    if (!existsSync(wav)) {
      execFileSync(
        'fluidsynth',
        ['-ni', '-g', '0.6', '-r', '44100', '-F', wav, soundfont, join(corpus, 'openmsx-midi', row.file!)],
        {
          stdio: 'ignore',
        },
      );
    }
    const tier = row.tempo_tier ?? '';
    const keyTier = row.key_tier ?? '';
    return {
      set: 'openmsx',
      split: index % 2 === 1 ? 'validation' : 'test',
      path: wav,
      bpm: tier.startsWith('A') ? Number.parseFloat(row.tempo_bpm_declared!) : undefined,
      key: keyTier.startsWith('C') ? parseKey(row.key_symbolic ?? '') : undefined,
    } satisfies Item;
  });
}

/**
 * The project's General MIDI songs (scripts/audio-gm-corpus.ts), cached in $TMPDIR/flowstage-gm.
 * Even-numbered songs are validation, odd-numbered ones test (same styles, other tempi and keys).
 */
export function gmItems(): Item[] {
  return gmCorpus(join(tmpdir(), 'flowstage-gm')).map((song, index) => ({
    set: 'gm',
    style: song.style,
    split: index % 2 === 0 ? 'validation' : 'test',
    path: song.path,
    bpm: song.bpm,
    key: song.key,
  }));
}

/** Every item of the named sets (synthetic, real, openmsx, gm). */
export async function evaluationItems(sets: readonly string[]): Promise<Item[]> {
  const items: Item[] = [];
  if (sets.includes('synthetic')) items.push(...(await syntheticItems()));
  if (sets.includes('real')) items.push(...(await realItems()));
  if (sets.includes('openmsx')) items.push(...openmsxItems());
  if (sets.includes('gm')) items.push(...gmItems());
  return items;
}

/**
 * Demos a booker labelled (`flowstage demos heard > FILE.tsv`): the tempo and key they confirmed or
 * corrected on their cards, the only ground truth there is for real demos. Set "heard", test split
 * (nothing is tuned on them). Files no longer on disk are skipped, with a note.
 */
export function heardItems(file: string): Item[] {
  const rows = tsv(file);
  const items: Item[] = [];
  for (const row of rows) {
    const path = row.file ?? '';
    if (!existsSync(path)) {
      console.log(`labels: ${path} is no longer there, skipped`);
      continue;
    }
    const bpm = row.heard_bpm ? Number(row.heard_bpm) : undefined;
    const key = row.heard_key && row.heard_mode ? { key: row.heard_key, mode: row.heard_mode } : undefined;
    if (bpm === undefined && key === undefined) continue;
    items.push({
      set: 'heard',
      split: 'test',
      path,
      ...(bpm !== undefined ? { bpm } : {}),
      ...(key ? { key } : {}),
    });
  }
  return items;
}
