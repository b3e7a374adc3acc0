// Tempo and key evaluation of the audio analysis on the project's corpus.
//
//   node_modules/.bin/jiti scripts/eval-audio.ts [--sets=synthetic,real,openmsx] [--verbose]
//
// Sets:
// - synthetic: drum patterns at 14 tempi and chord progressions in all 24 keys, made in code;
// - real: ../shared/corpus/manifest.tsv files with a tempo or key of tier A/B/C (short loops
//   repeated to 30 s, as the corpus README advises), and the decoding set's 140 BPM loops;
// - openmsx: the 25 OpenMSX MIDI pieces rendered with fluidsynth + FluidR3_GM (Debian packages
//   fluidsynth, fluid-soundfont-gm), cached in $TMPDIR/flowstage-openmsx.
//
// Key profiles are chosen on the validation split (synthetic + odd-numbered OpenMSX pieces) and
// reported separately on the test split (real + even-numbered pieces), so the figure printed for
// the test split is not tuned to it. Prints Accuracy1/Accuracy2 (tempo) and the MIREX weighted key
// score, overall and per set.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { analyzeFileDetailed } from '../src/main/services/audio/analyze';
import { decodeAudioFile } from '../src/main/services/audio/decode';
import { KEY_PROFILES, estimateKey, type KeyProfileName } from '../src/main/services/audio/key';
import {
  PITCH_NAMES,
  chordProgression,
  concat,
  drumPattern,
  mirexKeyScore,
  tempoAccuracy,
  writeWav,
} from '../test/audio-fixtures';

const corpus = resolve(__dirname, '../../shared/corpus');
const args = process.argv.slice(2);
const sets = (args.find((a) => a.startsWith('--sets='))?.slice(7) ?? 'synthetic,real,openmsx').split(',');
const verbose = args.includes('--verbose');
const work = join(tmpdir(), 'flowstage-eval');
mkdirSync(work, { recursive: true });

type Item = {
  set: string;
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

async function syntheticItems(): Promise<Item[]> {
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

async function realItems(): Promise<Item[]> {
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

function openmsxItems(): Item[] {
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

type Scored = Item & {
  estBpm: number | null;
  chroma: number[] | null;
  estKey?: { key: string; mode: string };
};

async function main(): Promise<void> {
  const items: Item[] = [];
  if (sets.includes('synthetic')) items.push(...(await syntheticItems()));
  if (sets.includes('real')) items.push(...(await realItems()));
  if (sets.includes('openmsx')) items.push(...openmsxItems());
  const scored: Scored[] = [];
  for (const item of items) {
    const { analysis, meanChroma, tempo } = await analyzeFileDetailed(item.path);
    scored.push({
      ...item,
      estBpm: analysis.bpm,
      chroma: meanChroma,
      estKey: analysis.key ? { key: analysis.key, mode: analysis.mode! } : undefined,
    });
    if (verbose) {
      const t = item.bpm ? tempoAccuracy(analysis.bpm ?? 0, item.bpm) : null;
      console.log(
        `${item.set.padEnd(9)} ${basename(item.path).slice(0, 38).padEnd(38)} bpm ${String(item.bpm ?? '-').padStart(6)} → ${String(analysis.bpm).padStart(6)} (alt ${analysis.bpmAlternative}, conf ${tempo?.confidence.toFixed(2)}) ${t ? (t.acc1 ? 'OK ' : t.acc2 ? 'oct' : 'BAD') : '   '}` +
          `  key ${item.key ? `${item.key.key} ${item.key.mode}` : '-'} → ${analysis.key} ${analysis.mode} (${analysis.keyConfidence})`,
      );
    }
  }

  const report = (label: string, subset: Scored[]): void => {
    const tempoItems = subset.filter((s) => s.bpm !== undefined);
    const acc = tempoItems.map((s) => tempoAccuracy(s.estBpm ?? 0, s.bpm!));
    const keyItems = subset.filter((s) => s.key !== undefined);
    const keyScores = keyItems.map((s) => (s.estKey ? mirexKeyScore(s.estKey, s.key!) : 0));
    const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');
    console.log(
      `${label.padEnd(22)} tempo n=${String(tempoItems.length).padStart(3)} Acc1 ${pct(acc.filter((a) => a.acc1).length, acc.length).padStart(7)} Acc2 ${pct(acc.filter((a) => a.acc2).length, acc.length).padStart(7)}` +
        `   key n=${String(keyItems.length).padStart(3)} MIREX ${keyItems.length ? (keyScores.reduce((a, b) => a + b, 0) / keyItems.length).toFixed(3) : 'n/a'}` +
        ` exact ${pct(keyScores.filter((x) => x === 1).length, keyScores.length)}`,
    );
  };
  console.log('\nTempo (Acc1 ±4 %, Acc2 also ×2 ×3 ×½ ×⅓) and key (MIREX weighted, fifths both ways):');
  for (const set of ['synthetic', 'real', 'openmsx'])
    report(
      set,
      scored.filter((s) => s.set === set),
    );
  report(
    'validation split',
    scored.filter((s) => s.split === 'validation'),
  );
  report(
    'test split',
    scored.filter((s) => s.split === 'test'),
  );
  report('all', scored);

  console.log('\nKey profiles (MIREX weighted score), validation / test split:');
  for (const name of Object.keys(KEY_PROFILES) as KeyProfileName[]) {
    const score = (split: string): string => {
      const subset = scored.filter((s) => s.split === split && s.key && s.chroma);
      const total = subset.reduce((sum, s) => {
        const e = estimateKey(s.chroma!, KEY_PROFILES[name]);
        return sum + (e ? mirexKeyScore(e, s.key!) : 0);
      }, 0);
      return subset.length ? `${(total / subset.length).toFixed(3)} (n=${subset.length})` : 'n/a';
    };
    console.log(`  ${name.padEnd(10)} ${score('validation')}  /  ${score('test')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
