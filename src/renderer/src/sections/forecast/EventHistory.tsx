import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Event, EventSource } from '../../../../shared/forecast';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/icons';
import { downloadText } from '../../lib/download';
import { formatAmount, formatCount, formatDay, formatPercent } from '../../lib/money';
import { toastError, toastSuccess } from '../../store/toasts';
import type { Catalogue } from '../offers/catalogue';
import { ErrorNote } from './ErrorNote';
import { EventForm } from './EventForm';
import { EventsImport } from './EventsImport';
import { useInvoke } from './requests';

const PAGE = 100;

interface EventHistoryProps {
  catalogue: Catalogue;
  /** The pair the section looks at: the default filter and the defaults of a new event. */
  artistId: string;
  venueId: string;
  date: string;
  /** Bumped when the history changed (the model tab reads the usable count). */
  onChanged(): void;
}

type Scope = 'pair' | 'artist' | 'venue' | 'all';

/** The booker's shows with their outcomes: what the forecasts learn from. Add, correct, delete, import, export. */
export function EventHistory({ catalogue, artistId, venueId, date, onChanged }: EventHistoryProps) {
  const { t } = useTranslation('forecast');
  const { t: tc } = useTranslation();
  const [scope, setScope] = useState<Scope>('all');
  const [page, setPage] = useState(0);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Event | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<Event | null>(null);
  const [busy, setBusy] = useState(false);

  const filter = {
    ...((scope === 'pair' || scope === 'artist') && artistId ? { artistId } : {}),
    ...((scope === 'pair' || scope === 'venue') && venueId ? { venueId } : {}),
  };
  const request = useInvoke('events.list', { ...filter, limit: PAGE, offset: page * PAGE }, version);
  const list = request.data;
  const changed = () => {
    setVersion((n) => n + 1);
    onChanged();
  };

  const remove = async (event: Event) => {
    setBusy(true);
    try {
      await api.invoke('events.delete', { id: event.id });
      toastSuccess(t('history.deleted', { artist: event.artistName, date: formatDay(event.date) }));
      setDeleting(null);
      changed();
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = async () => {
    try {
      const answer = await api.invoke('events.exportCsv', filter);
      downloadText(answer.filename, answer.csv, 'text/csv;charset=utf-8');
    } catch (error) {
      toastError(error);
    }
  };

  const sourceLabel = (source: EventSource) => t(`sources.${source}`);
  const total = list?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));

  return (
    <section className="card fc-history" aria-labelledby="fc-history-title" data-testid="event-history">
      <div className="fc-card-head">
        <h2 id="fc-history-title" className="fc-card-title">
          {t('history.title')}
          {list ? <span className="fc-card-sub"> — {t('history.count', { count: total })}</span> : null}
        </h2>
        <div className="button-row fc-head-actions">
          <button
            type="button"
            className="button button-small"
            onClick={() => void exportCsv()}
            disabled={!total}
          >
            <Icon name="download" size={16} />
            {t('history.export')}
          </button>
          <button type="button" className="button button-small" onClick={() => setImporting(true)}>
            <Icon name="upload" size={16} />
            {t('history.import')}
          </button>
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => setEditing('new')}
          >
            <Icon name="plus" size={16} />
            {t('history.add')}
          </button>
        </div>
      </div>
      <div className="fc-segmented" role="radiogroup" aria-label={t('history.scope')}>
        {(['all', 'pair', 'artist', 'venue'] as const).map((s) => {
          const disabled =
            (s === 'pair' && (!artistId || !venueId)) ||
            (s === 'artist' && !artistId) ||
            (s === 'venue' && !venueId);
          return (
            <label
              key={s}
              className={scope === s ? 'fc-segment fc-segment-on' : 'fc-segment'}
              aria-disabled={disabled}
            >
              <input
                type="radio"
                name="fc-history-scope"
                value={s}
                checked={scope === s}
                disabled={disabled}
                onChange={() => {
                  setScope(s);
                  setPage(0);
                }}
              />
              {t(`history.scopes.${s}`)}
            </label>
          );
        })}
      </div>
      {request.error ? (
        <ErrorNote error={request.error} onRetry={request.reload} />
      ) : !list ? (
        <p className="muted">{tc('common.listLoading')}</p>
      ) : list.items.length === 0 ? (
        <EmptyState icon="calendar" title={t('history.empty')}>
          <p className="muted">{t('history.emptyHint')}</p>
        </EmptyState>
      ) : (
        <div className={request.stale ? 'fc-table-scroll fc-stale' : 'fc-table-scroll'}>
          <table className="table fc-history-table">
            <caption className="visually-hidden">{t('history.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.date')}</th>
                <th scope="col">{t('history.artist')}</th>
                <th scope="col">{t('history.venue')}</th>
                <th scope="col">{t('history.status')}</th>
                <th scope="col" className="numeric">
                  {t('history.sold')}
                </th>
                <th scope="col" className="numeric">
                  {t('history.fill')}
                </th>
                <th scope="col" className="numeric">
                  {t('history.price')}
                </th>
                <th scope="col">{t('history.source')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('history.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((event) => (
                <tr key={event.id}>
                  <td className="fc-nowrap">{formatDay(event.date)}</td>
                  <td>{event.artistName}</td>
                  <td>{event.venueName}</td>
                  <td>
                    <span className={`fc-status fc-status-${event.status}`}>
                      {t(`statuses.${event.status}`)}
                    </span>
                  </td>
                  <td className="numeric">
                    {event.ticketsSold === null ? '—' : formatCount(event.ticketsSold)}
                    {event.capacity === null ? '' : ` / ${formatCount(event.capacity)}`}
                  </td>
                  <td className="numeric">
                    {event.fillRate === null ? '—' : formatPercent(event.fillRate * 100, 0)}
                  </td>
                  <td className="numeric">
                    {event.ticketPrice === null ? '—' : formatAmount(event.ticketPrice, event.currency)}
                  </td>
                  <td className="muted">{sourceLabel(event.source)}</td>
                  <td className="fc-row-actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('history.editOne', {
                        artist: event.artistName,
                        date: formatDay(event.date),
                      })}
                      onClick={() => setEditing(event)}
                    >
                      <Icon name="edit" size={16} />
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('history.deleteOne', {
                        artist: event.artistName,
                        date: formatDay(event.date),
                      })}
                      onClick={() => setDeleting(event)}
                    >
                      <Icon name="trash" size={16} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="fc-pager" aria-label={t('history.pages')}>
          <button
            type="button"
            className="button button-small"
            disabled={page === 0}
            onClick={() => setPage(page - 1)}
          >
            {t('history.previous')}
          </button>
          <span>{t('history.page', { page: page + 1, pages })}</span>
          <button
            type="button"
            className="button button-small"
            disabled={page + 1 >= pages}
            onClick={() => setPage(page + 1)}
          >
            {t('history.next')}
          </button>
        </nav>
      ) : null}

      {editing ? (
        <EventForm
          event={editing === 'new' ? null : editing}
          artists={catalogue.artists}
          venues={catalogue.venues}
          defaults={{ artistId, venueId, date }}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            changed();
          }}
        />
      ) : null}
      {importing ? (
        <EventsImport
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            catalogue.reload();
            changed();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('history.deleteTitle')}
          body={t('history.deleteBody', {
            artist: deleting.artistName,
            venue: deleting.venueName,
            date: formatDay(deleting.date),
          })}
          confirmLabel={tc('common.delete')}
          cancelLabel={tc('common.cancel')}
          danger
          busy={busy}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </section>
  );
}
