import {
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../store/nav';
import { toastError, toastSuccess } from '../store/toasts';
import { useDebounced } from '../lib/hooks';
import { shortcutLabel } from '../lib/format';
import { ConfirmDialog } from './ConfirmDialog';
import { EmptyState } from './EmptyState';
import { Icon, type IconName } from './icons';
import { RecordList } from './RecordList';

export interface Entity {
  id: string;
  name: string;
}

export interface EntityFormProps<T> {
  formId: string;
  /** The record being edited, or null for a new one. */
  initial: T | null;
  onSaved(item: T): void;
  onCancel(): void;
  onDirtyChange(dirty: boolean): void;
}

export interface EntityKind<T extends Entity> {
  kind: 'artists' | 'venues';
  icon: IconName;
  list(query: string): Promise<{ items: T[]; total: number }>;
  remove(id: string): Promise<unknown>;
  renderItem(item: T): ReactNode;
  Detail: ComponentType<{ item: T }>;
  Form: ComponentType<EntityFormProps<T>>;
}

type Mode<T> =
  | { kind: 'none' }
  | { kind: 'view'; item: T }
  | { kind: 'create'; back: T | null }
  | { kind: 'edit'; item: T };

interface PageState<T> {
  key: string;
  query: string;
  items: T[];
  total: number;
}

const SEARCH_DEBOUNCE_MS = 150;

/**
 * List + detail + form for one kind of record: search-as-you-type, keyboard list, Ctrl/Cmd+N for a
 * new record, Escape to close the form (asking first when it has unsaved changes), delete with
 * confirmation.
 */
export function EntitySection<T extends Entity>({ config }: { config: EntityKind<T> }) {
  const { kind, list, remove, renderItem, Detail, Form } = config;
  const { t } = useTranslation();
  const formId = useId().replace(/:/g, '') + kind;
  const headingId = `${formId}-heading`;

  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS);
  const [refresh, setRefresh] = useState(0);
  const [page, setPage] = useState<PageState<T> | null>(null);
  const [mode, setMode] = useState<Mode<T>>({ kind: 'none' });
  const [pendingDiscard, setPendingDiscard] = useState<(() => void) | null>(null);
  const [toDelete, setToDelete] = useState<T | null>(null);
  const [deleting, setDeleting] = useState(false);

  const dirty = useRef(false);
  const focusNext = useRef<'detail' | 'new' | 'form' | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  const fetchKey = `${debounced}\u0000${refresh}`;
  useEffect(() => {
    let live = true;
    list(debounced).then(
      (result) => {
        if (live) setPage({ key: fetchKey, query: debounced, items: result.items, total: result.total });
      },
      (error: unknown) => {
        if (!live) return;
        setPage({ key: fetchKey, query: debounced, items: [], total: 0 });
        toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [list, debounced, fetchKey]);

  // Moves focus where the last action asked for, once the panel it targets is rendered.
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'new') newRef.current?.focus();
    else if (target === 'detail') panelRef.current?.querySelector<HTMLElement>('.panel-title')?.focus();
    else if (target === 'form')
      panelRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [mode]);

  const inForm = mode.kind === 'create' || mode.kind === 'edit';

  /** Runs `action` at once, or after the user agreed to drop the form's unsaved changes. */
  const guard = (action: () => void) => {
    if (inForm && dirty.current) setPendingDiscard(() => action);
    else action();
  };

  const leaveForm = () => {
    dirty.current = false;
  };

  const open = (item: T) =>
    guard(() => {
      leaveForm();
      setMode({ kind: 'view', item });
    });

  const startCreate = () =>
    guard(() => {
      leaveForm();
      focusNext.current = 'form';
      setMode((current) => ({
        kind: 'create',
        back: current.kind === 'view' || current.kind === 'edit' ? current.item : null,
      }));
    });

  const startEdit = (item: T) => {
    focusNext.current = 'form';
    setMode({ kind: 'edit', item });
  };

  const closeForm = () => {
    leaveForm();
    if (mode.kind === 'edit') {
      focusNext.current = 'detail';
      setMode({ kind: 'view', item: mode.item });
    } else if (mode.kind === 'create') {
      focusNext.current = mode.back ? 'detail' : 'new';
      setMode(mode.back ? { kind: 'view', item: mode.back } : { kind: 'none' });
    }
  };

  const requestClose = () => guard(closeForm);

  const onSaved = (item: T) => {
    leaveForm();
    toastSuccess(t(`${kind}.saved`));
    focusNext.current = 'detail';
    setMode({ kind: 'view', item });
    setRefresh((n) => n + 1);
  };

  const confirmDelete = async () => {
    if (!toDelete) return;
    setDeleting(true);
    try {
      await remove(toDelete.id);
      toastSuccess(t(`${kind}.deleted`));
      focusNext.current = 'new';
      setMode({ kind: 'none' });
      setRefresh((n) => n + 1);
    } catch (error) {
      toastError(error);
    } finally {
      setDeleting(false);
      setToDelete(null);
    }
  };

  // Leaving the section with a changed form asks first, like closing the form does.
  const blockNavigation = useEffectEvent((proceed: () => void) => guard(proceed));
  useEffect(() => {
    if (!inForm) return;
    const { setBlocker } = useNav.getState();
    setBlocker((proceed) => blockNavigation(proceed));
    return () => setBlocker(null);
  }, [inForm]);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
    const mod = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    const key = event.key.toLowerCase();
    if (mod && key === 'n') {
      event.preventDefault();
      startCreate();
    } else if (mod && key === 'f') {
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    } else if (event.key === 'Escape' && inForm) {
      event.preventDefault();
      requestClose();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const shortcut = shortcutLabel('N');
  const items = page?.items ?? [];
  const selectedId = mode.kind === 'view' || mode.kind === 'edit' ? mode.item.id : null;
  const firstUse = page !== null && page.query === '' && page.total === 0 && items.length === 0;

  const master = (() => {
    if (page === null) return <p className="muted list-status">{t('common.listLoading')}</p>;
    if (items.length === 0 && page.query === '') {
      return <p className="muted list-status">{t(`${kind}.empty`, { shortcut })}</p>;
    }
    if (items.length === 0 && page.query !== '') {
      return (
        <EmptyState icon="search" title={t(`${kind}.noResultTitle`)}>
          <p>{t(`${kind}.noResult`, { query: page.query })}</p>
          <button type="button" className="button" onClick={() => setQuery('')}>
            {t('common.clearSearch')}
          </button>
        </EmptyState>
      );
    }
    return (
      <RecordList
        label={t(`${kind}.listLabel`)}
        items={items}
        selectedId={selectedId}
        onOpen={open}
        renderItem={renderItem}
      />
    );
  })();

  const panel = (() => {
    switch (mode.kind) {
      case 'create':
      case 'edit': {
        const initial = mode.kind === 'edit' ? mode.item : null;
        return (
          <div className="panel panel-form">
            <h2 className="panel-title" tabIndex={-1}>
              {initial ? t(`${kind}.editTitle`, { name: initial.name }) : t(`${kind}.newTitle`)}
            </h2>
            <Form
              key={initial?.id ?? 'new'}
              formId={formId}
              initial={initial}
              onSaved={onSaved}
              onCancel={requestClose}
              onDirtyChange={(value) => {
                dirty.current = value;
              }}
            />
          </div>
        );
      }
      case 'view':
        return (
          <article className="panel" aria-labelledby={`${formId}-detail-title`}>
            <header className="panel-header">
              <h2 className="panel-title" id={`${formId}-detail-title`} tabIndex={-1}>
                {mode.item.name}
              </h2>
              <div className="panel-actions">
                <button type="button" className="button" onClick={() => startEdit(mode.item)}>
                  <Icon name="edit" size={16} />
                  {t('common.edit')}
                </button>
                <button
                  type="button"
                  className="button button-danger-ghost"
                  onClick={() => setToDelete(mode.item)}
                >
                  <Icon name="trash" size={16} />
                  {t('common.delete')}
                </button>
              </div>
            </header>
            <Detail item={mode.item} />
          </article>
        );
      default:
        return <p className="panel-hint muted">{t(`${kind}.selectHint`)}</p>;
    }
  })();

  return (
    <section className="section" aria-labelledby={headingId}>
      <header className="section-header">
        <div className="section-heading">
          <h1 id={headingId} tabIndex={-1}>
            {t(`${kind}.title`)}
          </h1>
          {page && page.total > 0 ? (
            <p className="section-count">{t(`${kind}.count`, { count: page.total })}</p>
          ) : null}
        </div>
        <div className="toolbar">
          <div className="search-box">
            <label htmlFor={`${formId}-search`} className="visually-hidden">
              {t(`${kind}.searchLabel`)}
            </label>
            <Icon name="search" size={16} />
            <input
              id={`${formId}-search`}
              ref={searchRef}
              type="search"
              value={query}
              placeholder={t(`${kind}.searchPlaceholder`)}
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
          <button
            type="button"
            ref={newRef}
            className="button button-primary"
            onClick={startCreate}
            aria-keyshortcuts="Control+N Meta+N"
          >
            <Icon name="plus" size={16} />
            {t(`${kind}.new`)}
            <kbd className="kbd">{shortcut}</kbd>
          </button>
        </div>
      </header>

      {firstUse && mode.kind === 'none' ? (
        <EmptyState icon={config.icon} title={t(`${kind}.emptyTitle`)}>
          <p>{t(`${kind}.empty`, { shortcut })}</p>
          <button type="button" className="button button-primary" onClick={startCreate}>
            <Icon name="plus" size={16} />
            {t(`${kind}.new`)}
          </button>
        </EmptyState>
      ) : (
        <div className="master-detail">
          <div className="master" aria-busy={page?.key !== fetchKey}>
            {master}
          </div>
          <div className="detail" ref={panelRef}>
            {panel}
          </div>
        </div>
      )}

      {pendingDiscard ? (
        <ConfirmDialog
          title={t('common.unsavedTitle')}
          body={t('common.unsavedBody')}
          confirmLabel={t('common.discard')}
          cancelLabel={t('common.keepEditing')}
          danger
          onConfirm={() => {
            const action = pendingDiscard;
            setPendingDiscard(null);
            dirty.current = false;
            action();
          }}
          onCancel={() => setPendingDiscard(null)}
        />
      ) : null}

      {toDelete ? (
        <ConfirmDialog
          title={t(`${kind}.deleteTitle`, { name: toDelete.name })}
          body={t(`${kind}.deleteBody`)}
          confirmLabel={deleting ? t('common.deleting') : t('common.delete')}
          cancelLabel={t('common.cancel')}
          danger
          busy={deleting}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setToDelete(null)}
        />
      ) : null}
    </section>
  );
}
