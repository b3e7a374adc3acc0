import { create } from 'zustand';
import {
  HEARD_BPM_MAX,
  HEARD_BPM_MIN,
  type DemoAccuracy,
  type DemoError,
  type DemoProgress,
  type DemoStatus,
  type DemoSummary,
  type DemoView,
  type DemosCorrectInput,
} from '../../../../shared/demos';
import { AppError } from '../../../../shared/errors';
import { api } from '../../api';
import { i18next } from '../../i18n';
import { toastError, toastInfo, toastSuccess, useToasts } from '../../store/toasts';
import { createIngest, type Collected } from './ingest';

// The Démos screen's state, outside the component so that leaving the screen loses neither the
// uploads in flight nor the progress of the queue. The library itself is the host's (`demos.list`):
// this store mirrors it and keeps it current with the `demo.progress` events.

export type PendingPhase = 'waiting' | 'uploading' | 'adding' | 'failed';

/** A dropped file that is not a demo yet: being uploaded, or about to be given to `demos.add`. */
export interface PendingFile {
  key: string;
  fileName: string;
  sizeBytes: number;
  phase: PendingPhase;
  /** Upload progress, 0–1. */
  fraction: number;
  error: DemoError | null;
}

/** Where a row sits for the status filter. */
export function rowStatus(row: PendingFile | DemoSummary): DemoStatus {
  if ('key' in row) return row.phase === 'failed' ? 'failed' : 'queued';
  return row.status;
}

interface DemosState {
  loaded: boolean;
  items: DemoSummary[];
  pending: PendingFile[];
  /** Full results (`demos.get`) by demo id, for the cards. */
  views: Record<string, DemoView>;
  /** The demo id or pending key shown in the panel. */
  selected: string | null;
  /** The analysis scored against what the booker heard (`demos.accuracy`); null until loaded. */
  accuracy: DemoAccuracy | null;
  load(): Promise<void>;
  addFiles(collected: Collected): void;
  select(id: string | null): void;
  view(id: string): Promise<DemoView>;
  cancel(id: string): Promise<void>;
  retry(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  retryUpload(key: string): void;
  dismiss(key: string): void;
  /**
   * Sets what the booker heard on a demo (`demos.correct`): the row and the card take the answer,
   * the accuracy line is refreshed. False (and a toast) when it was refused.
   */
  correct(input: DemosCorrectInput): Promise<boolean>;
  loadAccuracy(): Promise<void>;
}

const LIST_LIMIT = 5000;

/** Newest first, as `demos.list` orders them; a stable sort, so equal times keep their order. */
function byNewest(a: DemoSummary, b: DemoSummary): number {
  return a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? 1 : -1;
}

/**
 * Known demos replaced where they are; new ones put first, last of the answer first — the order
 * `demos.list` gives demos created in the same millisecond (the later row first).
 */
function upsert(items: DemoSummary[], demos: readonly DemoSummary[]): DemoSummary[] {
  const incoming = new Map(demos.map((demo) => [demo.id, demo]));
  const known = new Set(items.map((item) => item.id));
  const fresh = [...incoming.values()].filter((demo) => !known.has(demo.id)).reverse();
  const kept = items.map((item) => incoming.get(item.id) ?? item);
  return [...fresh, ...kept].sort(byNewest);
}

/** A full view as the list carries it (the card keeps the full one in `views`). */
function toSummary(view: DemoView): DemoSummary {
  if (!view.result) return { ...view, result: null };
  const { embedding: _embedding, ...result } = view.result;
  return { ...view, result };
}

// Module state that is not rendered: the files behind pending rows (to retry an upload), the last
// progress event of each demo, and the batch bookkeeping that turns the answers of one drop into
// one toast.
const files = new Map<string, File>();
let nextKey = 1;

/**
 * Answers and events travel apart (an invoke's answer, the event stream), so an answer can arrive
 * after events that are newer than it: a short file's analysis fails or ends before the answer of
 * the `demos.add` or `demos.retry` that queued it. Every status change of a demo is an event, in
 * order; so when an event for a demo arrived after a request was sent, the event's state wins over
 * the answer's.
 */
let eventSeq = 0;
const lastEvent = new Map<string, { seq: number; progress: DemoProgress }>();
/** Ids named by events but not in the list (added elsewhere): the list is reloaded for them. */
const strangers = new Set<string>();

function reconcile<T extends DemoSummary | DemoView>(demo: T, since: number): T {
  const event = lastEvent.get(demo.id);
  if (!event || event.seq <= since) return demo;
  const { status, stage, fraction, error } = event.progress;
  const stopped = status === 'failed' || status === 'cancelled';
  return { ...demo, status, stage, fraction, error: error ?? (stopped ? demo.error : null) };
}
let subscribed = false;
let refreshWanted = false;

/** Analyses finishing one after another refresh the accuracy line once, after a short pause. */
const ACCURACY_DEBOUNCE_MS = 400;
let accuracyTimer: ReturnType<typeof setTimeout> | null = null;

interface Drop {
  keys: Set<string>;
  added: number;
  known: string[];
}
const drops = new Set<Drop>();

export const useDemos = create<DemosState>((set, get) => {
  const t = i18next.getFixedT(null, 'demos');

  const patchPending = (key: string, patch: Partial<PendingFile>) =>
    set((state) => ({
      pending: state.pending.map((entry) => (entry.key === key ? { ...entry, ...patch } : entry)),
    }));

  /** A drop is finished when none of its files is still pending (added, or failed and kept). */
  function settleDrops(): void {
    const pendingKeys = new Set(
      get()
        .pending.filter((entry) => entry.phase !== 'failed')
        .map((entry) => entry.key),
    );
    for (const drop of drops) {
      if ([...drop.keys].some((key) => pendingKeys.has(key))) continue;
      drops.delete(drop);
      if (drop.added > 0) toastSuccess(t('toast.added', { count: drop.added }));
      if (drop.known.length > 0)
        toastInfo(t('toast.known', { count: drop.known.length, name: drop.known[0] }));
    }
  }

  /** Reloads the list now, or once the `demos.add` calls on their way are back (no doubles). */
  async function refresh(): Promise<void> {
    if (ingest.busy()) {
      refreshWanted = true;
      return;
    }
    refreshWanted = false;
    strangers.clear();
    const since = eventSeq;
    const items = (await api.invoke('demos.list', { limit: LIST_LIMIT })).items.map((item) =>
      reconcile(item, since),
    );
    set((state) => {
      const live = new Set(items.map((item) => item.id));
      const views = Object.fromEntries(Object.entries(state.views).filter(([id]) => live.has(id)));
      return { items, views, loaded: true };
    });
  }

  /** A demo just finished: fetch its result (the event carries none) for the row and the card. */
  async function fetchDone(id: string): Promise<void> {
    try {
      const since = eventSeq;
      const view = reconcile(await api.invoke('demos.get', { id }), since);
      if (view.status !== 'done') return; // queued again meanwhile: its next "done" fetches it
      set((state) => ({
        items: state.items.some((item) => item.id === id)
          ? upsert(state.items, [toSummary(view)])
          : state.items,
        views: { ...state.views, [id]: view },
      }));
      // A redone analysis of a demo the booker already checked changes the score.
      if (view.heard) scheduleAccuracy();
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) toastError(error);
    }
  }

  async function fetchAccuracy(): Promise<void> {
    const accuracy = await api.invoke('demos.accuracy', {});
    set({ accuracy });
  }

  function scheduleAccuracy(): void {
    if (accuracyTimer !== null) clearTimeout(accuracyTimer);
    accuracyTimer = setTimeout(() => {
      accuracyTimer = null;
      fetchAccuracy().catch(toastError);
    }, ACCURACY_DEBOUNCE_MS);
  }

  /** A refused correction, said in the booker's words (the host's message stays as the detail). */
  function correctionFailed(error: unknown): void {
    if (!(error instanceof AppError) || (error.code !== 'VALIDATION' && error.code !== 'NOT_FOUND')) {
      toastError(error);
      return;
    }
    useToasts.getState().push({
      kind: 'error',
      title: t('heard.errorTitle'),
      message:
        error.code === 'VALIDATION'
          ? t('heard.errors.VALIDATION', { min: HEARD_BPM_MIN, max: HEARD_BPM_MAX })
          : t('heard.errors.NOT_FOUND'),
    });
    if (error.code === 'NOT_FOUND') refresh().catch(toastError);
  }

  function applyProgress(progress: DemoProgress): void {
    const { demoId, status, stage, fraction, error } = progress;
    eventSeq += 1;
    lastEvent.set(demoId, { seq: eventSeq, progress });
    const item = get().items.find((entry) => entry.id === demoId);
    if (!item) {
      // Most likely a demo of a `demos.add` still on its way; otherwise one added elsewhere.
      strangers.add(demoId);
      if (!ingest.busy() && get().pending.every((entry) => entry.phase === 'failed')) {
        refresh().catch(toastError);
      }
      return;
    }
    set((state) => {
      const views = { ...state.views };
      if (status !== 'done') delete views[demoId];
      return {
        views,
        items: state.items.map((entry) =>
          entry.id === demoId
            ? {
                ...entry,
                status,
                stage,
                fraction,
                error: error ?? (status === 'failed' || status === 'cancelled' ? entry.error : null),
              }
            : entry,
        ),
      };
    });
    if (status === 'done') void fetchDone(demoId);
  }

  function subscribe(): void {
    if (subscribed) return;
    subscribed = true;
    api.on('demo.progress', applyProgress);
  }

  const ingest = createIngest(
    async (paths) => {
      const since = eventSeq;
      const { demos } = await api.invoke('demos.add', { paths });
      return demos.map((demo) => reconcile(demo, since));
    },
    {
      progress: (key, phase, fraction) => patchPending(key, { phase, fraction, error: null }),
      failed: (key, error) => {
        patchPending(key, { phase: 'failed', fraction: 0, error });
        settleDrops();
      },
      added(batch) {
        const before = new Set(get().items.map((item) => item.id));
        const demos: DemoSummary[] = [];
        const finished: string[] = [];
        for (const { key, demo } of batch) {
          files.delete(key);
          const drop = [...drops].find((entry) => entry.keys.has(key));
          const seen = before.has(demo.id) || demos.some((other) => other.id === demo.id);
          if (drop) {
            if (seen) drop.known.push(demo.fileName);
            else drop.added += 1;
          }
          strangers.delete(demo.id);
          if (demo.status === 'done' && demo.result === null) finished.push(demo.id);
          demos.push(demo);
        }
        const keys = new Set(batch.map((entry) => entry.key));
        set((state) => {
          const selectedKey = state.selected && keys.has(state.selected) ? state.selected : null;
          const selected = selectedKey
            ? (batch.find((entry) => entry.key === selectedKey)?.demo.id ?? null)
            : state.selected;
          return {
            items: upsert(state.items, demos),
            pending: state.pending.filter((entry) => !keys.has(entry.key)),
            selected,
          };
        });
        for (const id of finished) void fetchDone(id);
        settleDrops();
        if (!ingest.busy() && (refreshWanted || strangers.size > 0)) refresh().catch(toastError);
      },
      addFailed(keys, error) {
        const shape: DemoError =
          error instanceof AppError
            ? { code: error.code, message: error.message }
            : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
        for (const key of keys) patchPending(key, { phase: 'failed', fraction: 0, error: shape });
        settleDrops();
      },
    },
  );

  function submit(entries: { key: string; file: File }[]): void {
    ingest.submit(entries);
  }

  return {
    loaded: false,
    items: [],
    pending: [],
    views: {},
    selected: null,
    accuracy: null,

    async load() {
      subscribe();
      // The accuracy line is a side note: its failure does not hold the list back.
      fetchAccuracy().catch(toastError);
      try {
        await refresh();
      } catch (error) {
        set({ loaded: true });
        toastError(error);
      }
    },

    addFiles({ files: picked, skipped }) {
      subscribe();
      if (skipped > 0) toastInfo(t('toast.skipped', { count: skipped }));
      if (picked.length === 0) {
        if (skipped === 0) toastInfo(t('toast.nothing'));
        return;
      }
      const entries = picked.map((file) => ({ key: `pending:${nextKey++}`, file }));
      for (const entry of entries) files.set(entry.key, entry.file);
      drops.add({ keys: new Set(entries.map((entry) => entry.key)), added: 0, known: [] });
      set((state) => ({
        pending: [
          ...state.pending,
          ...entries.map(({ key, file }): PendingFile => ({
            key,
            fileName: file.name,
            sizeBytes: file.size,
            phase: 'waiting',
            fraction: 0,
            error: null,
          })),
        ],
      }));
      submit(entries);
    },

    select(id) {
      set({ selected: id });
    },

    async view(id) {
      const cached = get().views[id];
      if (cached) return cached;
      const view = await api.invoke('demos.get', { id });
      set((state) => ({ views: { ...state.views, [id]: view } }));
      return view;
    },

    async cancel(id) {
      try {
        const since = eventSeq;
        const demo = reconcile(await api.invoke('demos.cancel', { id }), since);
        set((state) => ({ items: upsert(state.items, [demo]) }));
      } catch (error) {
        toastError(error);
      }
    },

    async retry(id) {
      try {
        const since = eventSeq;
        const demo = reconcile(await api.invoke('demos.retry', { id }), since);
        set((state) => {
          const views = { ...state.views };
          delete views[id];
          // A file never read may turn out to be another demo's bytes: this row gives way to it.
          const items = demo.id === id ? state.items : state.items.filter((item) => item.id !== id);
          return {
            items: upsert(items, [demo]),
            views,
            selected: state.selected === id ? demo.id : state.selected,
          };
        });
        if (demo.status === 'done' && demo.result === null) void fetchDone(demo.id);
      } catch (error) {
        toastError(error);
      }
    },

    async remove(id) {
      await api.invoke('demos.delete', { id });
      set((state) => {
        const views = { ...state.views };
        delete views[id];
        return {
          items: state.items.filter((item) => item.id !== id),
          views,
          selected: state.selected === id ? null : state.selected,
        };
      });
      scheduleAccuracy();
    },

    retryUpload(key) {
      const file = files.get(key);
      if (!file) return;
      patchPending(key, { phase: 'waiting', fraction: 0, error: null });
      drops.add({ keys: new Set([key]), added: 0, known: [] });
      submit([{ key, file }]);
    },

    dismiss(key) {
      files.delete(key);
      set((state) => ({
        pending: state.pending.filter((entry) => entry.key !== key),
        selected: state.selected === key ? null : state.selected,
      }));
    },

    async correct(input) {
      let demo: DemoSummary;
      try {
        const since = eventSeq;
        demo = reconcile(await api.invoke('demos.correct', input), since);
      } catch (error) {
        correctionFailed(error);
        return false;
      }
      set((state) => {
        const view = state.views[demo.id];
        return {
          items: upsert(state.items, [demo]),
          views: view
            ? { ...state.views, [demo.id]: { ...view, heard: demo.heard, updatedAt: demo.updatedAt } }
            : state.views,
        };
      });
      if (accuracyTimer !== null) clearTimeout(accuracyTimer);
      accuracyTimer = null;
      await fetchAccuracy().catch(toastError);
      return true;
    },

    async loadAccuracy() {
      await fetchAccuracy().catch(toastError);
    },
  };
});
