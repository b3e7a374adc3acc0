import { z } from 'zod';
import { AudioAnalysis, KeyMode, PitchClass, type AnalysisStage } from './audio';
import { Id } from './domain';
import { ErrorCode } from './errors';

// Demos: audio files a booker drops, identified by the SHA-256 of their bytes, queued for analysis
// in the main process (see src/main/services/demos/). Shared by the services, the adapters and the
// renderer's Démos screen.

/** Most files one `demos.add` call takes (a folder of 200 demos fits; more are added in batches). */
export const MAX_DEMOS_PER_ADD = 500;

/**
 * queued → analysing → done | failed | cancelled. A queued or analysing demo survives a restart
 * (the queue resumes); `demos.retry` puts a finished one back in the queue.
 */
export const DemoStatus = z.enum(['queued', 'analysing', 'done', 'failed', 'cancelled']);
export type DemoStatus = z.infer<typeof DemoStatus>;

/**
 * What a demo is doing: the analysis stage while it is analysed (decode, rhythm, tonality,
 * descriptors), otherwise its status (queued, done, failed, cancelled).
 */
export const DemoStage = z.enum([
  'queued',
  'decode',
  'rhythm',
  'tonality',
  'descriptors',
  'done',
  'failed',
  'cancelled',
] as const satisfies readonly ('queued' | 'failed' | 'cancelled' | AnalysisStage)[]);
export type DemoStage = z.infer<typeof DemoStage>;

export const DemoError = z.object({ code: ErrorCode, message: z.string() });
export type DemoError = z.infer<typeof DemoError>;

/**
 * An absolute path on this machine, as the Electron preload (`pathForFile`) or the browser host's
 * upload (`POST /api/upload`) gives it: POSIX (/…), Windows drive (C:\…) or UNC (\\server\…).
 */
export const AbsolutePath = z
  .string()
  .min(2)
  .max(4096)
  .refine((p) => !p.includes('\0'), { message: 'A path cannot contain NUL characters' })
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), {
    message: 'Must be an absolute path',
  });

/** The result as lists carry it: no embedding, and the waveform reduced to a thumbnail. */
export const DEMO_PREVIEW_BUCKETS = 100;
export const DemoResultSummary = AudioAnalysis.omit({ embedding: true });
export type DemoResultSummary = z.infer<typeof DemoResultSummary>;

/** A key as the booker names it. */
export const HeardKey = z.object({ key: PitchClass, mode: KeyMode }).strict();
export type HeardKey = z.infer<typeof HeardKey>;

/** Tempi a booker can enter (the analysis reports 40–240 BPM; a heard tempo may lie outside). */
export const HEARD_BPM_MIN = 30;
export const HEARD_BPM_MAX = 300;
const HeardBpm = z.number().finite().min(HEARD_BPM_MIN).max(HEARD_BPM_MAX);

/**
 * What the booker heard: the tempo and key they confirmed or corrected. The card shows it instead
 * of the measured value (which stays visible beside it), and `demos.accuracy` scores the analysis
 * against it — the only ground truth there is for real demos.
 */
export const DemoHeard = z.object({
  bpm: HeardBpm.nullable(),
  key: HeardKey.nullable(),
  /** When the booker last set it (ISO 8601). */
  at: z.string(),
});
export type DemoHeard = z.infer<typeof DemoHeard>;

const demoFields = {
  id: Id,
  /** SHA-256 of the bytes; null only when the file could not be read at all (missing, a folder). */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** The file's name as the booker knows it. */
  fileName: z.string(),
  /** Where the file was last seen; it is referenced, never copied or modified. */
  filePath: z.string(),
  /** Container/codec detected from the bytes (mp3, wav, flac…), '' when not audio. */
  format: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** Decoded duration once analysed, seconds. */
  durationSec: z.number().finite().nonnegative().nullable(),
  artistId: Id.nullable(),
  status: DemoStatus,
  stage: DemoStage,
  /** Progress of the current analysis, 0–1 (0 while queued, 1 when done). */
  fraction: z.number().min(0).max(1),
  /** Why the last analysis failed or stopped; null when queued, analysing or done. */
  error: DemoError.nullable(),
  /** ANALYSIS_VERSION of the stored result (older results are redone), null before the first. */
  analysisVersion: z.number().int().nullable(),
  /** The booker's own reading of tempo and key, null when they have not given one. */
  heard: DemoHeard.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** One demo with its full analysis (`demos.get`). The result may be from an older version while it is redone. */
export const DemoView = z.object({ ...demoFields, result: AudioAnalysis.nullable() });
export type DemoView = z.infer<typeof DemoView>;

/**
 * One demo as lists carry it (`demos.add`, `demos.list`, `demos.cancel`, `demos.retry`): the result
 * without the embedding and with at most DEMO_PREVIEW_BUCKETS waveform buckets, so 500 cards stay light.
 */
export const DemoSummary = z.object({ ...demoFields, result: DemoResultSummary.nullable() });
export type DemoSummary = z.infer<typeof DemoSummary>;

export const DemosAddInput = z
  .object({
    paths: z.array(AbsolutePath).min(1).max(MAX_DEMOS_PER_ADD),
    /** The artist the demos belong to (optional; also set on demos already known). */
    artistId: Id.optional(),
  })
  .strict();

export const DemosListInput = z
  .object({
    /** Matches the file name (accent- and case-insensitive, every word). */
    query: z.string().trim().max(200).optional(),
    status: DemoStatus.optional(),
    artistId: Id.optional(),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .strict()
  .default({ limit: 1000 });

/**
 * `demos.correct`: sets what the booker heard. A value confirms or corrects the measured one; null
 * clears it; an absent field is left as it was.
 */
export const DemosCorrectInput = z
  .object({
    id: Id,
    bpm: HeardBpm.nullable().optional(),
    key: HeardKey.nullable().optional(),
  })
  .strict()
  .refine((input) => input.bpm !== undefined || input.key !== undefined, {
    message: 'Give a tempo (bpm) or a key to correct, or null to clear one',
  });
export type DemosCorrectInput = z.infer<typeof DemosCorrectInput>;

/**
 * `demos.accuracy`: the current analysis scored against what the booker heard, over the demos with
 * a result of the current ANALYSIS_VERSION and a heard value. Tempo: Acc1 (within 4 %) and Acc2
 * (also at ×2, ×3, ×½, ×⅓); key: MIREX weighted score (1 exact, 0.5 fifth, 0.3 relative, 0.2
 * parallel) and the share exact. Shares are null when n is 0.
 */
export const DemoAccuracy = z.object({
  analysisVersion: z.number().int(),
  tempo: z.object({
    n: z.number().int().nonnegative(),
    acc1: z.number().min(0).max(1).nullable(),
    acc2: z.number().min(0).max(1).nullable(),
  }),
  key: z.object({
    n: z.number().int().nonnegative(),
    mirex: z.number().min(0).max(1).nullable(),
    exact: z.number().min(0).max(1).nullable(),
  }),
});
export type DemoAccuracy = z.infer<typeof DemoAccuracy>;

/** Event `demo.progress`: a demo changed status or advanced; `error` when it failed or was cancelled. */
export const DemoProgress = z.object({
  demoId: Id,
  status: DemoStatus,
  stage: DemoStage,
  fraction: z.number().min(0).max(1),
  error: DemoError.optional(),
});
export type DemoProgress = z.infer<typeof DemoProgress>;

/** What `POST /api/upload` answers (browser host): the stored copy's path, for `demos.add`. */
export const UploadResult = z.object({
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
});
export type UploadResult = z.infer<typeof UploadResult>;
