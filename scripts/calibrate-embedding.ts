// Prints the mean and standard deviation of each raw embedding statistic over the corpus's music
// (OpenMSX renders, librosa music, Sonic Pi loops), to set the centres and spreads in
// src/main/services/audio/embedding.ts. Run after scripts/eval-audio.ts has rendered OpenMSX:
//
//   node_modules/.bin/jiti scripts/calibrate-embedding.ts

import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeFileDetailed } from '../src/main/services/audio/analyze';
import { embeddingStatistics } from '../src/main/services/audio/embedding';

async function main(): Promise<void> {
  const corpus = resolve(__dirname, '../../shared/corpus');
  const renders = join(tmpdir(), 'flowstage-openmsx');
  const files = [
    ...(existsSync(renders) ? readdirSync(renders).map((f) => join(renders, f)) : []),
    ...[
      'sorohanro_-_solo-trumpet-06',
      'Hungarian_Dance_number_5_string_orchestra',
      'Kevin_MacLeod_-_P_I_Tchaikovsky_Dance_of_the_Sugar_Plum_Fairy',
      'Kevin_MacLeod_-_Vibe_Ace',
      'Karissa_Hobbs_-_Lets_Go_Fishin',
    ].map((f) => join(corpus, 'librosa-data', `${f}.hq.ogg`)),
    ...readdirSync(join(corpus, 'sonic-pi'))
      .filter((f) => f.endsWith('.flac'))
      .map((f) => join(corpus, 'sonic-pi', f)),
  ];
  const rows: number[][] = [];
  for (const file of files) {
    const detailed = await analyzeFileDetailed(file).catch(() => null);
    if (detailed?.features) rows.push(embeddingStatistics(detailed.features));
  }
  console.log(`n = ${rows.length}`);
  rows[0]!.forEach((_, d) => {
    const values = rows.map((r) => r[d]!);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    console.log(
      `${String(d).padStart(2)} mean ${mean.toPrecision(4).padStart(10)} std ${std.toPrecision(3).padStart(9)}`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
