import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { summarizeAnalysis, type AudioAnalysis } from '../../shared/audio';
import { AppError } from '../../shared/errors';
import { analyzeFile } from '../services/audio/analyze';

// `flowstage analyze [--json] FILE...`: one line per file, in the order given. With --json each
// line is a JSON object (the fields below, or {"file","error":{"code","message"}}); without, a
// sentence in French. A folder stands for the audio files inside it (recursively, sorted).
// Exit status: 0 when every file was analysed, 2 when some failed (the others are still printed),
// 64 when no file was named.

/** Fields printed with --json, in this order (the result has more: waveform, runner-up key, …). */
const JSON_FIELDS = [
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
  'flags',
] as const satisfies readonly (keyof AudioAnalysis)[];

const AUDIO_EXTENSIONS = new Set([
  '.wav',
  '.wave',
  '.mp3',
  '.flac',
  '.ogg',
  '.oga',
  '.opus',
  '.m4a',
  '.mp4',
  '.aac',
  '.aif',
  '.aiff',
  '.wv',
]);

async function expandPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(path, { recursive: true });
      for (const entry of entries.sort()) {
        const full = join(path, entry);
        if (AUDIO_EXTENSIONS.has(extname(entry).toLowerCase()) && (await stat(full)).isFile())
          files.push(full);
      }
    } else {
      files.push(path); // missing files are reported per file, as NOT_FOUND
    }
  }
  return files;
}

function errorSentenceFr(error: AppError): string {
  const prefix: Partial<Record<AppError['code'], string>> = {
    NOT_FOUND: 'fichier introuvable',
    UNSUPPORTED_MEDIA: 'fichier non analysable',
    CANCELLED: 'analyse annulée',
  };
  return `${prefix[error.code] ?? 'erreur'} (${error.message})`;
}

export async function runAnalyzeCommand(
  paths: string[],
  options: { json: boolean },
  out: (line: string) => void,
  err: (line: string) => void = console.error,
): Promise<number> {
  if (paths.length === 0) {
    err(
      'flowstage analyze: name at least one audio file or folder. Usage: flowstage analyze [--json] FILE...',
    );
    return 64;
  }
  const files = await expandPaths(paths);
  let failures = 0;
  for (const file of files) {
    try {
      const result = await analyzeFile(file);
      if (options.json) {
        out(JSON.stringify(Object.fromEntries(JSON_FIELDS.map((field) => [field, result[field]]))));
      } else {
        out(`${file} : ${summarizeAnalysis(result, 'fr')}`);
      }
    } catch (caught) {
      failures++;
      const error =
        caught instanceof AppError
          ? caught
          : new AppError('INTERNAL', caught instanceof Error ? caught.message : String(caught));
      if (options.json) out(JSON.stringify({ file, error: { code: error.code, message: error.message } }));
      else out(`${file} : ${errorSentenceFr(error)}`);
    }
  }
  return failures > 0 ? 2 : 0;
}
