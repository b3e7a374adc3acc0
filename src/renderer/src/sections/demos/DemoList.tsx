import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { keyName, shownTempoAndKey } from '../../../../shared/audio';
import type { DemoSummary } from '../../../../shared/demos';
import { Icon } from '../../components/icons';
import { formatBytes } from '../../lib/format';
import { duration, errorText, lang, num, percent, type DemosT } from './format';
import { rowStatus, type PendingFile } from './store';

export type Row = PendingFile | DemoSummary;

export const isPending = (row: Row): row is PendingFile => 'key' in row;
export const rowId = (row: Row) => (isPending(row) ? row.key : row.id);
export const rowName = (row: Row) => row.fileName;

export interface RowActions {
  open(row: Row): void;
  cancel(demo: DemoSummary): void;
  retry(row: Row): void;
  askDelete(row: Row): void;
}

/** The status chip's text and colour of a row. */
export function chipOf(t: DemosT, row: Row): { text: string; tone: string } {
  if (isPending(row)) {
    return { text: t(`upload.${row.phase}`), tone: row.phase === 'failed' ? 'failed' : 'upload' };
  }
  return { text: t(`status.${row.status}`), tone: row.status };
}

/** The one line under a row's name: what it is (done), where it is (running), or why it stopped. */
function metaOf(t: DemosT, row: Row): ReactNode {
  if (isPending(row)) {
    if (row.phase === 'failed' && row.error) return errorText(t, row.error);
    if (row.phase === 'uploading') return t('uploadProgress', { percent: percent(row.fraction) });
    return t(`upload.${row.phase}`);
  }
  switch (row.status) {
    case 'done': {
      const r = row.result;
      if (!r) return t('status.done');
      const parts: string[] = [];
      // What the booker heard, when they said it, wins over the measurement (as on the card).
      const { bpm, key } = shownTempoAndKey(r, row.heard);
      if (bpm !== null) parts.push(t('card.bpm', { value: num(bpm, 0) }));
      if (key !== null) parts.push(keyName(key.key, key.mode, lang()));
      if (r.loudnessLufs !== null) parts.push(t('card.lufs', { value: num(r.loudnessLufs, 0) }));
      parts.push(duration(r.durationSec));
      return parts.join(' · ');
    }
    case 'analysing':
      return t('stageProgress', { stage: t(`stage.${row.stage}`), percent: percent(row.fraction) });
    case 'queued':
      return [row.format.toUpperCase(), formatBytes(row.sizeBytes), t('card.queuedRow')]
        .filter(Boolean)
        .join(' · ');
    case 'cancelled':
      return t('card.cancelledRow');
    default:
      return row.error ? errorText(t, row.error, row) : t(`status.${row.status}`);
  }
}

function progressOf(row: Row): number | null {
  if (isPending(row)) return row.phase === 'uploading' || row.phase === 'adding' ? row.fraction : null;
  return row.status === 'analysing' ? row.fraction : null;
}

interface DemoListProps {
  rows: readonly Row[];
  selectedId: string | null;
  actions: RowActions;
}

/**
 * The queue: one row per demo (or file on its way), a roving tab stop on the rows — arrows, Home and
 * End move, Enter opens, Delete asks to delete — and each row's actions reachable by Tab from it.
 */
export function DemoList({ rows, selectedId, actions }: DemoListProps) {
  const { t } = useTranslation('demos');
  const [activeId, setActiveId] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const activeIndex = (() => {
    const byActive = rows.findIndex((row) => rowId(row) === activeId);
    if (byActive >= 0) return byActive;
    const bySelected = rows.findIndex((row) => rowId(row) === selectedId);
    return bySelected >= 0 ? bySelected : 0;
  })();

  const focusIndex = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActiveId(rowId(row));
    listRef.current?.querySelectorAll<HTMLElement>('.demo-row-main')[index]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('demo-row-main')) return;
    const last = rows.length - 1;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        focusIndex(Math.min(activeIndex + 1, last));
        break;
      case 'ArrowUp':
        focusIndex(Math.max(activeIndex - 1, 0));
        break;
      case 'Home':
        focusIndex(0);
        break;
      case 'End':
        focusIndex(last);
        break;
      case 'Delete':
      case 'Backspace': {
        const row = rows[activeIndex];
        if (row) actions.askDelete(row);
        break;
      }
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  return (
    <ul ref={listRef} className="demo-list" aria-label={t('listLabel')} onKeyDown={onKeyDown}>
      {rows.map((row, index) => {
        const id = rowId(row);
        const name = rowName(row);
        const chip = chipOf(t, row);
        const progress = progressOf(row);
        const status = rowStatus(row);
        const selected = id === selectedId;
        const tabbable = index === activeIndex;
        const tab = tabbable ? 0 : -1;
        return (
          <li
            key={id}
            className="demo-row"
            data-status={status}
            data-selected={selected || undefined}
            data-testid="demo-row"
            onClick={() => actions.open(row)}
          >
            <button
              type="button"
              className="demo-row-main"
              aria-current={selected ? 'true' : undefined}
              tabIndex={tab}
              onFocus={() => setActiveId(id)}
              onClick={(event) => {
                event.stopPropagation();
                actions.open(row);
              }}
            >
              <span className="demo-row-line">
                <span className="demo-row-name" title={name}>
                  {name}
                </span>
                <span className={`demo-chip demo-chip-${chip.tone}`}>{chip.text}</span>
              </span>
              <span className={status === 'failed' ? 'demo-row-meta demo-row-error' : 'demo-row-meta'}>
                {metaOf(t, row)}
              </span>
            </button>
            <span className="demo-row-actions">
              {!isPending(row) && (row.status === 'queued' || row.status === 'analysing') ? (
                <RowButton
                  label={t('actions.cancelOf', { name })}
                  tabIndex={tab}
                  onClick={() => actions.cancel(row)}
                >
                  <Icon name="stop" size={16} />
                </RowButton>
              ) : null}
              {status === 'failed' || status === 'cancelled' ? (
                <RowButton
                  label={t('actions.retryOf', { name })}
                  tabIndex={tab}
                  onClick={() => actions.retry(row)}
                >
                  <Icon name="retry" size={16} />
                </RowButton>
              ) : null}
              {!isPending(row) || row.phase === 'failed' ? (
                <RowButton
                  label={isPending(row) ? t('actions.dismissOf', { name }) : t('actions.deleteOf', { name })}
                  tabIndex={tab}
                  danger
                  onClick={() => actions.askDelete(row)}
                >
                  {isPending(row) ? <Icon name="close" size={16} /> : <Icon name="trash" size={16} />}
                </RowButton>
              ) : null}
            </span>
            {progress !== null ? (
              <span
                className="demo-progress demo-row-progress"
                role="progressbar"
                aria-label={t('progressLabel', { name })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(progress * 100)}
              >
                <span className="demo-progress-bar" style={{ width: `${Math.round(progress * 100)}%` }} />
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function RowButton({
  label,
  tabIndex,
  danger,
  onClick,
  children,
}: {
  label: string;
  tabIndex: number;
  danger?: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={danger ? 'demo-icon-button demo-icon-danger' : 'demo-icon-button'}
      aria-label={label}
      title={label}
      tabIndex={tabIndex}
      onClick={(event) => {
        event.stopPropagation();
        onClick();
      }}
    >
      {children}
    </button>
  );
}
