// Tempo and key evaluation of the audio analysis on the project's corpus, with peers.
//
//   node_modules/.bin/jiti scripts/eval-audio.ts [--sets=synthetic,real,openmsx,gm] [--verbose] [--no-peers]
//     [--labels=FILE.tsv]   also score demos a booker labelled (`flowstage demos heard > FILE.tsv`)
//
// Sets (scripts/audio-eval-items.ts):
// - synthetic: drum patterns at 14 tempi and chord progressions in all 24 keys, made in code;
// - real: ../shared/corpus/manifest.tsv files with a tempo or key of tier A/B/C (short loops
//   repeated to 30 s, as the corpus README advises), and the decoding set's 140 BPM loops;
// - openmsx: the 25 OpenMSX MIDI pieces rendered with fluidsynth + FluidR3_GM (Debian packages
//   fluidsynth, fluid-soundfont-gm), cached in $TMPDIR/flowstage-openmsx;
// - gm: the project's 45 General MIDI songs in 15 styles (scripts/audio-gm-corpus.ts), same renderer,
//   a third of them re-encoded to MP3 / Ogg / M4A / Opus, cached in $TMPDIR/flowstage-gm.
//
// Split: validation = synthetic + odd-numbered OpenMSX pieces + even-numbered GM songs (what the
// tempo options and key profiles were chosen on, with scripts/tune-audio.ts); test = real +
// even-numbered OpenMSX pieces + odd-numbered GM songs (reported, never tuned on).
//
// Peers, run on the same files in the same run (skipped when not installed): aubio's `aubio tempo`
// (Debian aubio-tools) and bpm-tools' `bpm` (Debian bpm-tools, default range 84–146 BPM), both fed
// the file decoded by ffmpeg to 44.1 kHz (bpm reads raw mono float on stdin). Prints Accuracy1 /
// Accuracy2 (tempo) and the MIREX weighted key score, per set, per split and per GM style.

import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { analyzeFileDetailed } from '../src/main/services/audio/analyze';
import {
  KEY_PROFILES,
  ensembleProfile,
  estimateKey,
  type KeyProfile,
  type KeyProfileName,
} from '../src/main/services/audio/key';
import { mirexKeyScore, tempoAccuracy } from '../test/audio-fixtures';
import { evaluationItems, heardItems, type Item } from './audio-eval-items';

const args = process.argv.slice(2);
const sets = (args.find((a) => a.startsWith('--sets='))?.slice(7) ?? 'synthetic,real,openmsx,gm').split(',');
const verbose = args.includes('--verbose');
const labels = args.find((a) => a.startsWith('--labels='))?.slice(9);
const withPeers = !args.includes('--no-peers');

function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Tempi from the peers (null: not installed, or no answer for this file). */
function peerTempi(
  path: string,
  peers: { aubio: boolean; bpm: boolean },
): { aubio: number | null; bpm: number | null } {
  if (!peers.aubio && !peers.bpm) return { aubio: null, bpm: null };
  const wav = join(tmpdir(), `flowstage-peer-${process.pid}.wav`);
  try {
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      path,
      '-ac',
      '1',
      '-ar',
      '44100',
      '-c:a',
      'pcm_f32le',
      wav,
    ]);
    let aubio: number | null = null;
    if (peers.aubio) {
      const out = spawnSync('aubio', ['tempo', '-i', wav], { encoding: 'utf8' }).stdout ?? '';
      const m = /([\d.]+) bpm\s*$/.exec(out.trim());
      aubio = m ? Number(m[1]) : null;
    }
    let bpm: number | null = null;
    if (peers.bpm) {
      // bpm reads raw 44.1 kHz mono float32 on stdin.
      const raw = execFileSync(
        'ffmpeg',
        ['-v', 'error', '-i', wav, '-f', 'f32le', '-ac', '1', '-ar', '44100', '-'],
        {
          maxBuffer: 1 << 30,
        },
      );
      const out = spawnSync('bpm', [], { input: raw, encoding: 'utf8' }).stdout ?? '';
      const v = Number.parseFloat(out.trim());
      bpm = Number.isFinite(v) && v > 0 ? v : null;
    }
    return { aubio, bpm };
  } catch {
    return { aubio: null, bpm: null };
  } finally {
    rmSync(wav, { force: true });
  }
}

type Scored = Item & {
  estBpm: number | null;
  aubioBpm: number | null;
  bpmToolsBpm: number | null;
  chroma: number[] | null;
  estKey?: { key: string; mode: string };
};

async function main(): Promise<void> {
  const items = [...(await evaluationItems(sets)), ...(labels ? heardItems(labels) : [])];
  const peers = { aubio: withPeers && installed('aubio'), bpm: withPeers && installed('bpm') };
  if (withPeers && !peers.aubio) console.log('peer aubio: not installed (apt-get install aubio-tools)');
  if (withPeers && !peers.bpm) console.log('peer bpm: not installed (apt-get install bpm-tools)');
  const scored: Scored[] = [];
  for (const item of items) {
    const { analysis, meanChroma, tempo } = await analyzeFileDetailed(item.path);
    const peer = item.bpm !== undefined ? peerTempi(item.path, peers) : { aubio: null, bpm: null };
    scored.push({
      ...item,
      estBpm: analysis.bpm,
      aubioBpm: peer.aubio,
      bpmToolsBpm: peer.bpm,
      chroma: meanChroma,
      estKey: analysis.key ? { key: analysis.key, mode: analysis.mode! } : undefined,
    });
    if (verbose) {
      const t = item.bpm ? tempoAccuracy(analysis.bpm ?? 0, item.bpm) : null;
      console.log(
        `${item.set.padEnd(9)} ${basename(item.path).slice(0, 38).padEnd(38)} bpm ${String(item.bpm ?? '-').padStart(6)} → ${String(analysis.bpm).padStart(6)} (alt ${analysis.bpmAlternative}, conf ${tempo?.confidence.toFixed(2)}) ${t ? (t.acc1 ? 'OK ' : t.acc2 ? 'oct' : 'BAD') : '   '}` +
          `  key ${item.key ? `${item.key.key} ${item.key.mode}` : '-'} → ${analysis.key} ${analysis.mode} (${analysis.keyConfidence})` +
          (item.bpm !== undefined ? `  aubio ${peer.aubio ?? '-'}  bpm ${peer.bpm ?? '-'}` : ''),
      );
    }
  }

  const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');
  const accuracy = (subset: Scored[], pick: (s: Scored) => number | null): string => {
    const acc = subset.map((s) => tempoAccuracy(pick(s) ?? 0, s.bpm!));
    return `${pct(acc.filter((a) => a.acc1).length, acc.length).padStart(7)} / ${pct(acc.filter((a) => a.acc2).length, acc.length).padStart(7)}`;
  };
  const report = (label: string, subset: Scored[]): void => {
    const tempoItems = subset.filter((s) => s.bpm !== undefined);
    const keyItems = subset.filter((s) => s.key !== undefined);
    const keyScores = keyItems.map((s) => (s.estKey ? mirexKeyScore(s.estKey, s.key!) : 0));
    const peerColumns =
      (peers.aubio ? `  aubio ${accuracy(tempoItems, (s) => s.aubioBpm)}` : '') +
      (peers.bpm ? `  bpm ${accuracy(tempoItems, (s) => s.bpmToolsBpm)}` : '');
    console.log(
      `${label.padEnd(22)} tempo n=${String(tempoItems.length).padStart(3)} Acc1/Acc2 ${accuracy(tempoItems, (s) => s.estBpm)}` +
        `   key n=${String(keyItems.length).padStart(3)} MIREX ${keyItems.length ? (keyScores.reduce((a, b) => a + b, 0) / keyItems.length).toFixed(3) : '  n/a'}` +
        ` exact ${pct(keyScores.filter((x) => x === 1).length, keyScores.length).padStart(7)}` +
        peerColumns,
    );
  };
  console.log('\nTempo (Acc1 ±4 %, Acc2 also ×2 ×3 ×½ ×⅓) and key (MIREX weighted, fifths both ways):');
  for (const set of ['synthetic', 'real', 'openmsx', 'gm', ...(labels ? ['heard'] : [])])
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
  report(
    'openmsx + real + gm',
    scored.filter((s) => s.set !== 'synthetic'),
  );
  console.log('\nGM corpus per style (both splits):');
  for (const style of [...new Set(scored.filter((s) => s.style).map((s) => s.style!))])
    report(
      `  ${style}`,
      scored.filter((s) => s.style === style),
    );

  console.log('\nKey profiles on the mean chroma (MIREX weighted score), validation / test split:');
  const profiles: [string, KeyProfile][] = [
    ...(Object.keys(KEY_PROFILES) as KeyProfileName[]).map((n): [string, KeyProfile] => [n, KEY_PROFILES[n]]),
    ['krumhansl+aarden', ensembleProfile(['krumhansl', 'aarden'])],
  ];
  for (const [name, profile] of profiles) {
    const score = (split: string): string => {
      const subset = scored.filter((s) => s.split === split && s.key && s.chroma);
      const total = subset.reduce((sum, s) => {
        const e = estimateKey(s.chroma!, profile);
        return sum + (e ? mirexKeyScore(e, s.key!) : 0);
      }, 0);
      return subset.length ? `${(total / subset.length).toFixed(3)} (n=${subset.length})` : 'n/a';
    };
    console.log(`  ${name.padEnd(18)} ${score('validation')}  /  ${score('test')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
