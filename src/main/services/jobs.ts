import { AppError } from '../../shared/errors';
import type { EventName, EventPayload } from '../../shared/contract';

/** Where services publish events; each adapter forwards them to its renderer(s). */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Job {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(stage: string, fraction: number): void;
  /** Throws CANCELLED when the user cancelled; long loops call it between steps. */
  throwIfCancelled(): void;
}

/**
 * Long tasks: each gets a job id chosen by the caller (so the renderer can cancel before the call
 * returns), an AbortSignal, and progress events throttled to what a progress bar needs.
 */
export function createJobRegistry(emit: EmitEvent) {
  const running = new Map<string, AbortController>();

  return {
    async run<T>(id: string, work: (job: Job) => Promise<T>): Promise<T> {
      if (running.has(id)) throw new AppError('CONFLICT', `Job ${id} is already running`);
      const controller = new AbortController();
      running.set(id, controller);
      let lastSent = -1;
      const job: Job = {
        id,
        signal: controller.signal,
        progress(stage, fraction) {
          const clamped = Math.min(1, Math.max(0, fraction));
          if (clamped - lastSent < 0.01 && clamped < 1) return;
          lastSent = clamped;
          emit('job.progress', { jobId: id, stage, fraction: clamped });
        },
        throwIfCancelled() {
          if (controller.signal.aborted) throw new AppError('CANCELLED', 'Cancelled by the user');
        },
      };
      try {
        return await work(job);
      } finally {
        running.delete(id);
      }
    },
    cancel(id: string): boolean {
      const controller = running.get(id);
      if (!controller) return false;
      controller.abort();
      return true;
    },
  };
}
export type JobRegistry = ReturnType<typeof createJobRegistry>;
