import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli/run';
import { EMBEDDING_LENGTH } from '../src/shared/audio';

// `flowstage analyze`: output shape and exit codes, on files of the shared corpus.

const corpus = resolve(__dirname, '../../shared/corpus/decoding');
const good = join(corpus, 'format/brahms_ref_44k_s16_stereo.wav');
const corrupt = join(corpus, 'corrupt/png_named.wav');

const FIELDS = [
  'file',
  'sha256',
  'durationSec',
  'sampleRate',
  'channels',
  'bpm',
  'bpmConfidence',
  'bpmAlternative',
  'key',
  'mode',
  'keyConfidence',
  'loudnessLufs',
  'loudnessRange',
  'truePeakDbtp',
  'energy',
  'danceability',
  'acousticness',
  'valence',
  'arousal',
  'mood',
  'embedding',
  'analysisVersion',
];

async function run(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(args, (line) => lines.push(line));
  return { code, lines };
}

describe('flowstage analyze', () => {
  it('prints one JSON object per file and exits 0 when all succeed', async () => {
    const { code, lines } = await run(['analyze', '--json', good]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as Record<string, unknown>;
    for (const field of FIELDS) expect(result, field).toHaveProperty(field);
    expect(result.file).toBe(good);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B']).toContain(result.key);
    expect(['major', 'minor']).toContain(result.mode);
    expect(result.embedding).toHaveLength(EMBEDDING_LENGTH);
    expect(typeof result.loudnessLufs).toBe('number');
  }, 60_000);

  it('prints an error object for a corrupt file, keeps going, and exits 2', async () => {
    const { code, lines } = await run(['analyze', '--json', corrupt, good]);
    expect(code).toBe(2);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toEqual({
      file: corrupt,
      error: { code: 'UNSUPPORTED_MEDIA', message: expect.stringMatching(/PNG/) },
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({ file: good, analysisVersion: expect.any(Number) });
  }, 60_000);

  it('says it in French without --json, and asks for a file when given none', async () => {
    const { code, lines } = await run(['analyze', good, join(corpus, 'short/brahms_500ms.wav')]);
    expect(code).toBe(2);
    expect(lines[0]).toMatch(
      / : \d+ BPM.*, (do|ré|mi|fa|sol|la|si)( dièse| bémol)? (majeur|mineur), −\d+ LUFS, énergie \d+\/10, humeur \S+/,
    );
    expect(lines[1]).toMatch(/fichier non analysable \(Too short/);
    expect((await run(['analyze'])).code).toBe(64);
  }, 60_000);
});
