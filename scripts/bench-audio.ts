// Decode + full analysis time of audio files on one core, and peak memory.
//
//   npx esbuild scripts/bench-audio.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=out/bench-audio.mjs && node out/bench-audio.mjs FILE... [--runs=3]
//
// (Bundled first so that the timing is not a TypeScript loader's: `node_modules/.bin/jiti
// scripts/bench-audio.ts FILE` works too, with a slower cold run.) To make a 4-minute test track:
//   ffmpeg -i some.wav -t 240 -c:a pcm_s16le track.wav && ffmpeg -i track.wav -b:a 192k track.mp3
//
// Prints, per file: cold time (first run in the process: WASM decoders and JIT warming up), warm
// time (best of the other runs), real-time factor, and the process's peak resident memory.

import { resourceUsage } from 'node:process';
import { basename } from 'node:path';
import { analyzeFile } from '../src/main/services/audio/analyze';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  for (const file of args.filter((a) => !a.startsWith('--'))) {
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
        `${(duration / (warm / 1000)).toFixed(0)}× real time  peak RSS ${(resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
