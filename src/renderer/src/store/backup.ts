import { create } from 'zustand';
import { AppError } from '../../../shared/errors';
import { uuidv7 } from '../../../shared/ids';
import { api } from '../api';
import { i18next } from '../i18n';
import { toastError, toastInfo, toastSuccess } from './toasts';

export type BackupState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; fraction: number; cancelling: boolean }
  | { status: 'done'; path: string; bytes: number };

interface BackupStore {
  backup: BackupState;
  start(): Promise<void>;
  cancel(): Promise<void>;
}

/**
 * The backup job lives outside the Settings screen, so leaving the screen neither loses its
 * progress nor its result.
 */
export const useBackup = create<BackupStore>((set, get) => ({
  backup: { status: 'idle' },

  async start() {
    if (get().backup.status === 'running') return;
    const jobId = uuidv7();
    set({ backup: { status: 'running', jobId, fraction: 0, cancelling: false } });
    const off = api.on('job.progress', (progress) => {
      const current = get().backup;
      if (progress.jobId !== jobId || current.status !== 'running' || current.jobId !== jobId) return;
      set({ backup: { ...current, fraction: Math.max(current.fraction, progress.fraction) } });
    });
    try {
      const result = await api.invoke('backup.create', { jobId });
      set({ backup: { status: 'done', path: result.path, bytes: result.bytes } });
      toastSuccess(i18next.t('settings.backupDone'));
    } catch (error) {
      set({ backup: { status: 'idle' } });
      if (error instanceof AppError && error.code === 'CANCELLED')
        toastInfo(i18next.t('settings.backupCancelled'));
      else toastError(error);
    } finally {
      off();
    }
  },

  async cancel() {
    const current = get().backup;
    if (current.status !== 'running' || current.cancelling) return;
    set({ backup: { ...current, cancelling: true } });
    try {
      await api.invoke('jobs.cancel', { jobId: current.jobId });
    } catch (error) {
      toastError(error);
    }
  },
}));
