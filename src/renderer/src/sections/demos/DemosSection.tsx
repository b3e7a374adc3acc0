import { useEffect, useEffectEvent, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoStatus, DemoSummary } from '../../../../shared/demos';
import { foldForSearch } from '../../../../shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/icons';
import { toastError, toastSuccess } from '../../store/toasts';
import { DemoPanel } from './DemoCard';
import { DemoList, isPending, rowId, type Row, type RowActions } from './DemoList';
import { AccuracyLine } from './HeardControls';
import { AUDIO_ACCEPT, collectDropped, collectPicked, takeDrop } from './ingest';
import { rowStatus, useDemos } from './store';
import './demos.css';

const FILTERS = ['all', 'queued', 'analysing', 'done', 'failed', 'cancelled'] as const;
type Filter = (typeof FILTERS)[number];

/** Every word of the query in the (accent- and case-folded) file name, as `demos.list` searches. */
function matches(name: string, terms: readonly string[]): boolean {
  const folded = foldForSearch(name);
  return terms.every((term) => folded.includes(term));
}

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/**
 * Démos: drop audio files or folders anywhere on the window (or pick them), watch each one go
 * through the analysis queue, open a finished one for its card.
 */
export function DemosSection() {
  const { t } = useTranslation('demos');
  const loaded = useDemos((state) => state.loaded);
  const items = useDemos((state) => state.items);
  const pending = useDemos((state) => state.pending);
  const selected = useDemos((state) => state.selected);
  const accuracy = useDemos((state) => state.accuracy);
  const { load, addFiles, select, cancel, retry, remove, retryUpload, dismiss } = useDemos.getState();

  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [dragging, setDragging] = useState(false);
  const [toDelete, setToDelete] = useState<DemoSummary | null>(null);
  const [deleting, setDeleting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const masterRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const rows: Row[] = useMemo(() => [...pending, ...items], [pending, items]);
  const counts = useMemo(() => {
    const result: Record<Filter, number> = {
      all: rows.length,
      queued: 0,
      analysing: 0,
      done: 0,
      failed: 0,
      cancelled: 0,
    };
    for (const row of rows) result[rowStatus(row)] += 1;
    return result;
  }, [rows]);
  const terms = useMemo(() => foldForSearch(query.trim()).split(/\s+/).filter(Boolean), [query]);
  const shown = useMemo(
    () =>
      rows.filter(
        (row) =>
          (filter === 'all' || rowStatus(row) === filter) &&
          (terms.length === 0 || matches(row.fileName, terms)),
      ),
    [rows, filter, terms],
  );
  const selectedRow = rows.find((row) => rowId(row) === selected) ?? null;
  const active = counts.queued + counts.analysing;

  // ---- Dropping files or folders anywhere on the window ----------------------------------------
  const onDrop = useEffectEvent((event: DragEvent) => {
    const source = takeDrop(event.dataTransfer!);
    collectDropped(source).then(addFiles, toastError);
  });
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer!.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      // Always: a file dropped outside the zone must not replace the app with the file itself.
      event.preventDefault();
      depth = 0;
      setDragging(false);
      if (!document.querySelector('dialog[open]')) onDrop(event);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const onPicked = (fromFolder: boolean) => (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (input.files && input.files.length > 0) addFiles(collectPicked(input.files, fromFolder));
    input.value = ''; // picking the same file again still fires a change
  };

  // Ctrl/Cmd+F goes to the search box, as in the other sections.
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
    const mod = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    if (mod && event.key.toLowerCase() === 'f' && searchRef.current) {
      event.preventDefault();
      searchRef.current.focus();
      searchRef.current.select();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  /** After a row leaves the list, the focus goes to the row now at its place (or the last one). */
  const refocus = (index: number) => {
    requestAnimationFrame(() => {
      const buttons = masterRef.current?.querySelectorAll<HTMLElement>('.demo-row-main');
      if (!buttons || buttons.length === 0) return;
      buttons[Math.min(index, buttons.length - 1)]?.focus();
    });
  };

  const actions: RowActions = {
    open: (row) => select(rowId(row)),
    cancel: (demo) => void cancel(demo.id),
    retry: (row) => (isPending(row) ? retryUpload(row.key) : void retry(row.id)),
    askDelete: (row) => {
      if (isPending(row)) {
        if (row.phase !== 'failed') return;
        const index = shown.findIndex((other) => rowId(other) === row.key);
        dismiss(row.key);
        refocus(index);
        return;
      }
      setToDelete(row);
    },
  };

  const confirmDelete = async () => {
    if (!toDelete) return;
    const index = shown.findIndex((row) => rowId(row) === toDelete.id);
    setDeleting(true);
    try {
      await remove(toDelete.id);
      toastSuccess(t('deleted'));
      refocus(index);
    } catch (error) {
      toastError(error);
    } finally {
      setDeleting(false);
      setToDelete(null);
    }
  };

  const empty = loaded && rows.length === 0;
  const pickers = (
    <>
      <button type="button" className="button button-primary" onClick={() => fileInput.current?.click()}>
        <Icon name="file" size={16} />
        {t('chooseFiles')}
      </button>
      <button type="button" className="button" onClick={() => folderInput.current?.click()}>
        <Icon name="folder" size={16} />
        {t('chooseFolder')}
      </button>
    </>
  );

  return (
    <section className="section demos-section" aria-labelledby="demos-heading">
      <header className="section-header">
        <div className="section-heading">
          <h1 id="demos-heading" tabIndex={-1}>
            {t('title')}
          </h1>
          {rows.length > 0 ? (
            <p className="section-count">
              {t('count', { count: rows.length })}
              {active > 0 ? ` · ${t('active', { count: active })}` : ''}
            </p>
          ) : null}
        </div>
        {empty ? null : <div className="toolbar">{pickers}</div>}
      </header>

      <input
        ref={fileInput}
        type="file"
        multiple
        accept={AUDIO_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('fileInputLabel')}
        data-testid="demos-file-input"
        onChange={onPicked(false)}
      />
      <input
        ref={(input) => {
          folderInput.current = input;
          if (input) input.webkitdirectory = true;
        }}
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('folderInputLabel')}
        data-testid="demos-folder-input"
        onChange={onPicked(true)}
      />

      {empty ? (
        <div className="demo-dropzone" data-dragging={dragging || undefined}>
          <span className="demo-dropzone-icon">
            <Icon name="drop" size={36} />
          </span>
          <p className="demo-dropzone-title">{t('dropTitle')}</p>
          <p className="demo-dropzone-lead">{t('emptyLead')}</p>
          <div className="demo-dropzone-actions">{pickers}</div>
          <p className="demo-dropzone-formats">{t('emptyFormats')}</p>
        </div>
      ) : loaded ? (
        <>
          <div className="demo-filters">
            <div className="search-box">
              <label htmlFor="demos-search" className="visually-hidden">
                {t('searchLabel')}
              </label>
              <Icon name="search" size={16} />
              <input
                id="demos-search"
                ref={searchRef}
                type="search"
                value={query}
                placeholder={t('searchPlaceholder')}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setQuery(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape' && query) {
                    event.preventDefault();
                    setQuery('');
                  }
                }}
              />
            </div>
            <div className="demo-segments" role="group" aria-label={t('filterLabel')}>
              {FILTERS.map((id) => (
                <button
                  key={id}
                  type="button"
                  className="demo-segment"
                  aria-pressed={filter === id}
                  onClick={() => setFilter(id)}
                >
                  {id === 'all' ? t('filterAll') : t(`status.${id as DemoStatus}`)}
                  <span className="demo-segment-count">{counts[id]}</span>
                </button>
              ))}
            </div>
          </div>
          <AccuracyLine accuracy={accuracy} />
          <div className="master-detail demo-master-detail">
            <div className="master demo-master" ref={masterRef}>
              {shown.length > 0 ? (
                <DemoList rows={shown} selectedId={selected} actions={actions} />
              ) : (
                <div className="demo-noresult">
                  <p className="empty-title">{t('noResultTitle')}</p>
                  <p className="muted">{t('noResult')}</p>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setQuery('');
                      setFilter('all');
                    }}
                  >
                    {t('resetFilters')}
                  </button>
                </div>
              )}
            </div>
            <div className="detail">
              {selectedRow ? (
                <DemoPanel row={selectedRow} actions={actions} />
              ) : (
                <p className="panel-hint muted">{t('selectHint')}</p>
              )}
            </div>
          </div>
        </>
      ) : (
        <p className="muted list-status">{t('loading')}</p>
      )}

      {dragging ? (
        <div className="demo-drop-overlay" aria-hidden="true">
          <div className="demo-drop-overlay-box">
            <Icon name="drop" size={40} />
            <p className="demo-drop-overlay-title">{t('dropOverlay')}</p>
            <p>{t('dropOverlayHint')}</p>
          </div>
        </div>
      ) : null}

      {toDelete ? (
        <ConfirmDialog
          title={t('deleteTitle', { name: toDelete.fileName })}
          body={t('deleteBody')}
          confirmLabel={deleting ? t('deleting') : t('actions.delete')}
          cancelLabel={t('actions.cancel')}
          danger
          busy={deleting}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setToDelete(null)}
        />
      ) : null}
    </section>
  );
}
