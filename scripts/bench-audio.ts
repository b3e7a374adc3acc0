// Decode + full analysis time of audio files on one core, and peak memory; and the throughput of a
// batch through the worker pool.
//
//   npx esbuild scripts/bench-audio.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=out/bench-audio.mjs && node out/bench-audio.mjs FILE... [--runs=3]
//   node_modules/.bin/jiti scripts/bench-audio.ts --pool=50 [--size=N] [FILE...]
//
// (Bundled first so that the timing is not a TypeScript loader's: `node_modules/.bin/jiti
// scripts/bench-audio.ts FILE` works too, with a slower cold run.) To make a 4-minute test track:
//   ffmpeg -i some.wav -t 240 -c:a pcm_s16le track.wav && ffmpeg -i track.wav -b:a 192k track.mp3
//
// Single files: prints cold time (first run in the process: WASM decoders and JIT warming up), warm
// time (best of the other runs), real-time factor, and the process's peak resident memory.
//
// --pool=N: analyses N files through createWorkerPool (the app's executor: worker threads, default
// size max(1, cores − 1), or --size) and prints files per minute, audio seconds per second and the
// peak resident memory of the process (worker threads included). The worker entry is bundled with
// esbuild into node_modules/.cache/flowstage-bench/ (beside node_modules, so its packages resolve;
// not out/, which the app's build owns). Without FILE arguments the batch is the evaluation corpus's
// renders (OpenMSX, then the GM songs: run `npm run eval:audio` once first), N files in all.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resourceUsage } from 'node:process';
import { basename, join } from 'node:path';
import { analyzeFile } from '../src/main/services/audio/analyze';
import { createWorkerPool, defaultPoolSize } from '../src/main/services/audio/pool';

function option(args: string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const peakRssMb = (): number => resourceUsage().maxRSS / 1024;

async function benchFiles(files: string[], runs: number): Promise<void> {
  for (const file of files) {
    const times: number[] = [];
    let duration = 0;
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      const result = await analyzeFile(file);
      times.push(performance.now() - start);
      duration = result.durationSec;
    }
    const cold = times[0]!;
    const warm = Math.min(...times.slice(1), cold);
    console.log(
      `${basename(file).padEnd(32)} ${duration.toFixed(1)} s audio  cold ${(cold / 1000).toFixed(2)} s  warm ${(warm / 1000).toFixed(2)} s  ` +
        `${(duration / (warm / 1000)).toFixed(0)}× real time  peak RSS ${peakRssMb().toFixed(0)} MB`,
    );
  }
}

function corpusRenders(): string[] {
  const dirs = [join(tmpdir(), 'flowstage-openmsx'), join(tmpdir(), 'flowstage-gm')];
  return dirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /\.(wav|mp3|ogg|m4a|opus)$/.test(f) && !f.includes('.part.'))
          .sort()
          .map((f) => join(dir, f))
      : [],
  );
}

function bundleWorker(): string {
  // Run from the repository root (npm run bench:audio does); __dirname does not exist once bundled.
  const root = process.cwd();
  if (!existsSync(join(root, 'src/main/services/audio/worker.ts')))
    throw new Error('Run the pool bench from the repository root.');
  const dir = join(root, 'node_modules/.cache/flowstage-bench');
  mkdirSync(dir, { recursive: true });
  const script = join(dir, 'audioWorker.mjs');
  execFileSync(
    join(root, 'node_modules/.bin/esbuild'),
    [
      join(root, 'src/main/services/audio/worker.ts'),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--packages=external',
      `--outfile=${script}`,
      '--log-level=warning',
    ],
    { stdio: 'inherit' },
  );
  return script;
}

async function benchPool(count: number, size: number, given: string[]): Promise<void> {
  const available = given.length ? given : corpusRenders();
  if (available.length === 0) throw new Error('No files: name some, or run npm run eval:audio first.');
  // Fewer files than asked: cycle through them (the pool does not cache by content).
  const files = Array.from({ length: count }, (_, i) => available[i % available.length]!);
  const pool = createWorkerPool({ script: bundleWorker(), size });
  const rssBefore = peakRssMb();
  const start = performance.now();
  let audioSec = 0;
  let failed = 0;
  await Promise.all(
    files.map((file) =>
      pool.analyze(file).then(
        (result) => {
          audioSec += result.durationSec;
        },
        (error: unknown) => {
          failed++;
          console.log(`  ${basename(file)}: ${error instanceof Error ? error.message : String(error)}`);
        },
      ),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  console.log(
    `pool of ${size} worker thread(s), ${files.length} files (${new Set(files).size} distinct, ${(audioSec / 60).toFixed(1)} min of audio, ${failed} failed): ` +
      `${seconds.toFixed(1)} s, ${((60 * files.length) / seconds).toFixed(0)} files/min, ${(audioSec / seconds).toFixed(0)}× real time, ` +
      `peak RSS ${peakRssMb().toFixed(0)} MB (${rssBefore.toFixed(0)} MB before the batch)`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files = args.filter((a) => !a.startsWith('--'));
  const pool = option(args, 'pool');
  if (pool !== undefined) {
    await benchPool(Number(pool), Number(option(args, 'size') ?? defaultPoolSize()), files);
    return;
  }
  await benchFiles(files, Number(option(args, 'runs') ?? 3));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
