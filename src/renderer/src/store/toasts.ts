import { create } from 'zustand';
import { AppError } from '../../../shared/errors';
import { i18next } from '../i18n';

export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  message?: string;
}

interface ToastState {
  toasts: Toast[];
  push(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

/** How long a success or info toast stays before it fades; errors stay until dismissed. */
export const TOAST_MS = 4000;

let nextId = 1;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push: (toast) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts.slice(-4), { ...toast, id }] }));
    if (toast.kind !== 'error') {
      setTimeout(() => useToasts.getState().dismiss(id), TOAST_MS);
    }
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

export function toastSuccess(title: string, message?: string): void {
  useToasts.getState().push(message ? { kind: 'success', title, message } : { kind: 'success', title });
}

export function toastInfo(title: string): void {
  useToasts.getState().push({ kind: 'info', title });
}

/** Shows an AppError's message under a translated title for its code; anything else as "unexpected". */
export function toastError(error: unknown): void {
  const t = i18next.t;
  if (error instanceof AppError) {
    useToasts.getState().push({ kind: 'error', title: t(`errors.${error.code}`), message: error.message });
  } else {
    const message = error instanceof Error ? error.message : String(error);
    useToasts.getState().push({ kind: 'error', title: t('errors.unexpected'), message });
  }
}
