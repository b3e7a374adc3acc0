import type { AnalysisStage, AudioAnalysis } from '../../../shared/audio';
import type { AppErrorShape } from '../../../shared/errors';

// Messages between the analysis pool (pool.ts) and an analysis worker thread (worker.ts). A worker
// analyses one file at a time; `id` ties every reply to its request.

export type WorkerRequest = { type: 'analyze'; id: number; path: string } | { type: 'abort'; id: number };

export type WorkerReply =
  | { type: 'progress'; id: number; stage: AnalysisStage; fraction: number }
  | { type: 'done'; id: number; result: AudioAnalysis }
  | { type: 'error'; id: number; error: AppErrorShape };
