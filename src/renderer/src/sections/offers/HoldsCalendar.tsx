import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarBlock, HoldConflict, HoldView } from '../../../../shared/offers';
import { AppError } from '../../../../shared/errors';
import { uuidv7 } from '../../../../shared/ids';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/icons';
import { Modal } from '../../components/Modal';
import { downloadText } from '../../lib/download';
import { formatDateTime } from '../../lib/format';
import {
  addDays,
  addMonths,
  daysBetween,
  formatCount,
  formatDayLong,
  formatDaySpan,
  formatMonth,
  formatMonthName,
  parseDay,
  today,
  weekdayNames,
} from '../../lib/money';
import { useNav } from '../../store/nav';
import { toastError, toastInfo, toastSuccess } from '../../store/toasts';
import type { Catalogue } from './catalogue';
import { HoldForm, IcsImportForm } from './HoldForms';
import { conflictMessage, holdLevel, holdOrdinal, holdTitle } from './text';

export interface CalendarFilters {
  artistId: string;
  venueId: string;
}

interface CalendarData {
  key: string;
  from: string;
  to: string;
  holds: HoldView[];
  conflicts: HoldConflict[];
  blocks: CalendarBlock[];
}

/** holds.list for a window; the previous answer stays until the next one arrives (no flash). */
function useHolds(from: string, to: string, artistId: string, venueId: string, version: string) {
  const [data, setData] = useState<CalendarData | null>(null);
  const key = JSON.stringify({ from, to, artistId, venueId, version });
  useEffect(() => {
    let live = true;
    api
      .invoke('holds.list', {
        from,
        to,
        ...(artistId ? { artistId } : {}),
        ...(venueId ? { venueId } : {}),
      })
      .then(
        (value) => {
          if (live) setData({ key, from, to, ...value });
        },
        (error: unknown) => {
          if (!live) return;
          setData({ key, from, to, holds: [], conflicts: [], blocks: [] });
          toastError(error);
        },
      );
    return () => {
      live = false;
    };
  }, [from, to, artistId, venueId, key]);
  return { data, loading: data?.key !== key };
}

/** Holds, busy blocks and conflict days by calendar day, within [from, to]. */
function byDay(
  holds: readonly HoldView[],
  blocks: readonly CalendarBlock[],
  conflicts: readonly HoldConflict[],
  from: string,
  to: string,
) {
  const holdsByDay = new Map<string, HoldView[]>();
  for (const hold of holds) {
    if (hold.status === 'released') continue;
    for (const day of daysOf(hold.startDate, hold.endDate, from, to)) {
      const list = holdsByDay.get(day);
      if (list) list.push(hold);
      else holdsByDay.set(day, [hold]);
    }
  }
  for (const list of holdsByDay.values()) {
    list.sort(
      (a, b) =>
        Number(b.status === 'confirmed') - Number(a.status === 'confirmed') ||
        a.venueName.localeCompare(b.venueName) ||
        a.level - b.level,
    );
  }
  const blocksByDay = new Map<string, CalendarBlock[]>();
  for (const block of blocks) {
    for (const day of daysOf(block.startDate, block.endDate, from, to)) {
      const list = blocksByDay.get(day);
      if (list) list.push(block);
      else blocksByDay.set(day, [block]);
    }
  }
  const conflictDays = new Set<string>();
  for (const conflict of conflicts) {
    for (const day of daysOf(conflict.from, conflict.to, from, to)) conflictDays.add(day);
  }
  return { byDay: holdsByDay, blocksByDay, conflictDays };
}

/** How many chips a day shows before "+N". */
const CHIPS_PER_DAY = 3;

const firstOfMonth = (iso: string) => `${iso.slice(0, 7)}-01`;
const lastOfMonth = (iso: string) => addDays(addMonths(firstOfMonth(iso), 1), -1);
/** Monday = 0 … Sunday = 6. */
const weekday = (iso: string) => (parseDay(iso).getUTCDay() + 6) % 7;

function holdClass(hold: HoldView): string {
  if (hold.status === 'confirmed') return 'hold-chip hold-confirmed';
  const level = hold.level === 1 ? 'hold-first' : 'hold-later';
  return hold.status === 'challenged' ? `hold-chip ${level} hold-challenged` : `hold-chip ${level}`;
}

/** Days of [from, to] ∩ [windowFrom, windowTo]. */
function daysOf(from: string, to: string, windowFrom: string, windowTo: string): string[] {
  const start = from < windowFrom ? windowFrom : from;
  const end = to > windowTo ? windowTo : to;
  const days: string[] = [];
  for (let day = start, n = 0; day <= end && n < 400; day = addDays(day, 1), n++) days.push(day);
  return days;
}

interface Popover {
  holdId: string;
  top: number;
  left: number;
  /** The cell to give the focus back to. */
  day: string;
}

export function HoldsCalendar({
  catalogue,
  filters,
  onFiltersChange,
  refreshKey = '',
}: {
  catalogue: Catalogue;
  filters: CalendarFilters;
  onFiltersChange(filters: CalendarFilters): void;
  /** Changes when something outside the calendar moved holds (an offer saved or deleted). */
  refreshKey?: string;
}) {
  const { t } = useTranslation();
  const go = useNav((state) => state.go);
  // A plain id (not useId's): scripts and benches select the month heading by it.
  const headingId = 'calendar-month';
  const [focused, setFocused] = useState(today);
  const month = firstOfMonth(focused);
  const year = Number(month.slice(0, 4));
  const [version, setVersion] = useState(0);
  const [popover, setPopover] = useState<Popover | null>(null);
  const [openDay, setOpenDay] = useState<string | null>(null);
  const [placing, setPlacing] = useState<{ startDate: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [doubleBooking, setDoubleBooking] = useState<{ hold: HoldView; message: string } | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const moveFocus = useRef(false);

  // Two requests: the weeks the grid shows (small, fast: the grid appears at once) and the whole year
  // for the strip and the year's conflict count (larger; it fills the strip when it arrives).
  const { artistId, venueId } = filters;
  const gridStart = addDays(month, -weekday(month));
  const monthEnd = lastOfMonth(month);
  const gridEnd = addDays(monthEnd, 6 - weekday(monthEnd));
  const revision = `${refreshKey}.${version}`;
  const monthQuery = useHolds(gridStart, gridEnd, artistId, venueId, revision);
  const yearQuery = useHolds(`${year}-01-01`, `${year}-12-31`, artistId, venueId, revision);
  const data = monthQuery.data;
  const loading = monthQuery.loading;

  const reload = useCallback(() => setVersion((n) => n + 1), []);

  const index = useMemo(() => {
    const days = byDay(
      data?.holds ?? [],
      data?.blocks ?? [],
      data?.conflicts ?? [],
      data?.from ?? gridStart,
      data?.to ?? gridEnd,
    );
    // Conflicts may name a hold outside the weeks shown: the year's answer knows more of them.
    const byId = new Map((yearQuery.data?.holds ?? []).map((h) => [h.id, h]));
    for (const hold of data?.holds ?? []) byId.set(hold.id, hold);
    const blocksById = new Map(
      [...(yearQuery.data?.blocks ?? []), ...(data?.blocks ?? [])].map((b) => [b.id, b]),
    );
    return { ...days, byId, blocksById };
  }, [data, yearQuery.data, gridStart, gridEnd]);

  const yearIndex = useMemo(() => {
    const d = yearQuery.data;
    return byDay(d?.holds ?? [], d?.blocks ?? [], d?.conflicts ?? [], `${year}-01-01`, `${year}-12-31`);
  }, [yearQuery.data, year]);

  // ---- Moving around ------------------------------------------------------------------------------

  const focusDay = useCallback((day: string) => {
    moveFocus.current = true;
    setFocused(day);
  }, []);

  useLayoutEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused]);

  const onGridKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focused, -1),
      ArrowRight: () => addDays(focused, 1),
      ArrowUp: () => addDays(focused, -7),
      ArrowDown: () => addDays(focused, 7),
      Home: () => addDays(focused, -weekday(focused)),
      End: () => addDays(focused, 6 - weekday(focused)),
      PageUp: () => addMonths(focused, event.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focused, event.shiftKey ? 12 : 1),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focusDay(move());
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setOpenDay(focused);
    }
  };

  // ---- Hold actions -------------------------------------------------------------------------------

  const nameOf = (holdId: string) => index.byId.get(holdId);

  const release = async (hold: HoldView) => {
    setBusy(true);
    try {
      const result = await api.invoke('holds.release', { id: hold.id });
      const lines = result.promotions.map((p) => {
        const promoted = nameOf(p.holdId);
        return t('holds.promoted', {
          venue: promoted?.venueName ?? hold.venueName,
          artist: promoted?.artistName ?? '?',
          from: holdOrdinal(p.from),
          to: holdOrdinal(p.to),
        });
      });
      const freed = result.unchallenged.map((h) => t('holds.unchallenged', { artist: h.artistName }));
      const message = [...lines, ...freed].join('\n');
      toastSuccess(
        t('holds.releasedTitle', { artist: hold.artistName, venue: hold.venueName }),
        message || undefined,
      );
      setPopover(null);
      reload();
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (hold: HoldView, allowArtistDoubleBooking = false) => {
    setBusy(true);
    try {
      const result = await api.invoke('holds.confirm', { id: hold.id, allowArtistDoubleBooking });
      const challenged = result.challenged.map((h) =>
        t('holds.challengedLine', { artist: h.artistName, level: holdLevel(h.level) }),
      );
      toastSuccess(
        t('holds.confirmedTitle', { artist: hold.artistName, venue: hold.venueName }),
        challenged.length ? [t('holds.challengedLead'), ...challenged].join('\n') : undefined,
      );
      setPopover(null);
      reload();
    } catch (error) {
      if (
        error instanceof AppError &&
        error.code === 'CONFLICT' &&
        /artist is already confirmed elsewhere/i.test(error.message) &&
        !allowArtistDoubleBooking
      ) {
        setDoubleBooking({ hold, message: error.message });
      } else {
        toastError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const openPopover = (event: MouseEvent<HTMLButtonElement>, hold: HoldView, day: string) => {
    event.stopPropagation();
    const wrap = wrapRef.current?.getBoundingClientRect();
    const chip = event.currentTarget.getBoundingClientRect();
    if (!wrap) return;
    const width = 320;
    const left = Math.min(Math.max(0, chip.left - wrap.left), wrap.width - width);
    setFocused(day);
    setPopover({ holdId: hold.id, top: chip.bottom - wrap.top + 6, left, day });
  };

  const closePopover = () => {
    const day = popover?.day;
    setPopover(null);
    if (day) focusDay(day);
  };

  const exportIcs = async () => {
    try {
      const { filename, ics } = await api.invoke('holds.exportIcs', {
        ...(artistId ? { artistId } : {}),
        ...(venueId ? { venueId } : {}),
      });
      downloadText(filename, ics, 'text/calendar;charset=utf-8');
      toastInfo(t('holds.exported', { filename }));
    } catch (error) {
      toastError(error);
    }
  };

  // ---- The grid ----------------------------------------------------------------------------------

  const weeks: string[][] = [];
  for (let day = gridStart; day <= gridEnd; day = addDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  }
  const names = weekdayNames('short');
  const longNames = weekdayNames('long');
  const now = today();

  const monthConflicts = (data?.conflicts ?? []).filter((c) => c.from <= monthEnd && c.to >= month);
  const conflictKey = (c: HoldConflict) => `${c.kind}|${[...c.holdIds].sort().join('|')}`;
  const shownConflicts = new Set(monthConflicts.map(conflictKey));
  const otherConflicts = (yearQuery.data?.conflicts ?? []).filter(
    (c) => !shownConflicts.has(conflictKey(c)),
  ).length;
  const popoverHold = popover ? index.byId.get(popover.holdId) : undefined;
  const artistName = (id: string) => catalogue.artistById.get(id)?.name ?? '';

  return (
    <div className="calendar" ref={wrapRef}>
      <div className="calendar-toolbar">
        <div className="filters" role="group" aria-label={t('holds.filtersLabel')}>
          <select
            aria-label={t('holds.filterArtist')}
            value={artistId}
            onChange={(event) => onFiltersChange({ ...filters, artistId: event.target.value })}
          >
            <option value="">{t('holds.allArtists')}</option>
            {catalogue.artists.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <select
            aria-label={t('holds.filterVenue')}
            value={venueId}
            onChange={(event) => onFiltersChange({ ...filters, venueId: event.target.value })}
          >
            <option value="">{t('holds.allVenues')}</option>
            {catalogue.venues.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            onClick={() => setPlacing({ startDate: focused })}
          >
            <Icon name="pin" size={16} />
            {t('holds.place')}
          </button>
          <button type="button" className="button" onClick={() => setImporting(true)}>
            <Icon name="upload" size={16} />
            {t('holds.import')}
          </button>
          <button type="button" className="button" onClick={() => void exportIcs()}>
            <Icon name="download" size={16} />
            {t('holds.export')}
          </button>
        </div>
      </div>

      <YearStrip
        year={year}
        month={month}
        byDay={yearIndex.byDay}
        blocksByDay={yearIndex.blocksByDay}
        conflictDays={yearIndex.conflictDays}
        loading={yearQuery.loading}
        onPick={focusDay}
      />

      {monthConflicts.length > 0 || otherConflicts > 0 ? (
        <section className="conflicts" aria-label={t('holds.conflictsLabel')} data-testid="conflicts">
          <ul>
            {monthConflicts.map((c) => (
              <li key={`${c.kind}-${c.holdIds.join('-')}`} className={`conflict conflict-${c.severity}`}>
                <Icon name="alert" size={16} />
                <span>{conflictMessage(c, index.byId, index.blocksById)}</span>
              </li>
            ))}
          </ul>
          {otherConflicts > 0 ? (
            <p className="muted">{t('holds.otherConflicts', { count: otherConflicts })}</p>
          ) : null}
        </section>
      ) : null}

      <div className="month-nav">
        <button
          type="button"
          className="icon-button"
          aria-label={t('holds.previousMonth')}
          title={t('holds.previousMonth')}
          onClick={() => setFocused(addMonths(focused, -1))}
        >
          <Icon name="chevronLeft" />
        </button>
        <h2 id={headingId} className="month-title" aria-live="polite">
          {formatMonth(month)}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('holds.nextMonth')}
          title={t('holds.nextMonth')}
          onClick={() => setFocused(addMonths(focused, 1))}
        >
          <Icon name="chevronRight" />
        </button>
        <button type="button" className="button button-small" onClick={() => focusDay(today())}>
          {t('holds.today')}
        </button>
        <HoldLegend />
      </div>

      <div
        className="month-grid"
        role="grid"
        aria-labelledby={headingId}
        aria-describedby={`${headingId}-help`}
        aria-busy={loading}
        ref={gridRef}
        onKeyDown={onGridKeyDown}
      >
        <p id={`${headingId}-help`} className="visually-hidden">
          {t('holds.gridHelp')}
        </p>
        <div role="row" className="month-row month-head">
          {names.map((name, i) => (
            <div role="columnheader" key={name} className="weekday" aria-label={longNames[i]}>
              {name}
            </div>
          ))}
        </div>
        {weeks.map((week) => (
          <div role="row" className="month-row" key={week[0]}>
            {week.map((day) => {
              const holds = index.byDay.get(day) ?? [];
              const blocks = index.blocksByDay.get(day) ?? [];
              const outside = day < month || day > monthEnd;
              const conflict = index.conflictDays.has(day);
              const label = [
                formatDayLong(day),
                holds.length ? t('holds.dayHolds', { count: holds.length }) : t('holds.dayFree'),
                blocks.length ? t('holds.dayBlocks', { count: blocks.length }) : '',
                conflict ? t('holds.dayConflict') : '',
              ]
                .filter(Boolean)
                .join(', ');
              const classes = [
                'day',
                outside ? 'day-outside' : '',
                day === now ? 'day-today' : '',
                blocks.length ? 'day-blocked' : '',
                conflict ? 'day-conflict' : '',
                day === focused ? 'day-focused' : '',
              ]
                .filter(Boolean)
                .join(' ');
              return (
                <div
                  role="gridcell"
                  key={day}
                  data-date={day}
                  className={classes}
                  tabIndex={day === focused ? 0 : -1}
                  aria-label={label}
                  onFocus={() => setFocused(day)}
                  onClick={() => {
                    setFocused(day);
                    setOpenDay(day);
                  }}
                >
                  <span className="day-number" aria-hidden="true">
                    {Number(day.slice(8))}
                  </span>
                  <div className="day-items">
                    {blocks.slice(0, 1).map((block) => {
                      const text = artistId
                        ? t('holds.busy', { summary: block.summary || t('holds.busyUntitled') })
                        : t('holds.busyWho', {
                            summary: block.summary || t('holds.busyUntitled'),
                            artist: artistName(block.artistId),
                          });
                      return (
                        <span key={block.id} className="block-chip" title={text}>
                          {text}
                        </span>
                      );
                    })}
                    {holds.slice(0, CHIPS_PER_DAY).map((hold) => (
                      <button
                        type="button"
                        key={hold.id}
                        tabIndex={-1}
                        className={holdClass(hold)}
                        title={holdTitle(hold)}
                        aria-label={holdTitle(hold)}
                        onClick={(event) => openPopover(event, hold, day)}
                      >
                        <span className="chip-line">
                          <span className="chip-level">
                            {hold.status === 'confirmed' ? '✓' : holdOrdinal(hold.level)}
                          </span>
                          {hold.artistName}
                        </span>
                        <span className="chip-venue">@ {hold.venueName}</span>
                      </button>
                    ))}
                    {holds.length > CHIPS_PER_DAY ? (
                      <span className="more-chip">
                        {t('holds.more', { count: holds.length - CHIPS_PER_DAY })}
                      </span>
                    ) : null}
                  </div>
                </div>
              );
            })}
          </div>
        ))}
      </div>

      {catalogue.loaded && (catalogue.artists.length === 0 || catalogue.venues.length === 0) ? (
        <div className="calendar-empty">
          <p className="muted">{t('holds.needCatalogue')}</p>
          <div className="button-row">
            {catalogue.artists.length === 0 ? (
              <button type="button" className="button" onClick={() => go('artists')}>
                <Icon name="artists" size={16} />
                {t('offers.goArtists')}
              </button>
            ) : null}
            {catalogue.venues.length === 0 ? (
              <button type="button" className="button" onClick={() => go('venues')}>
                <Icon name="venues" size={16} />
                {t('offers.goVenues')}
              </button>
            ) : null}
          </div>
        </div>
      ) : !yearQuery.loading &&
        (yearQuery.data?.holds.length ?? 0) === 0 &&
        (yearQuery.data?.blocks.length ?? 0) === 0 ? (
        <p className="calendar-empty muted">{t('holds.empty', { year })}</p>
      ) : null}

      {popover && popoverHold ? (
        <HoldPopover
          hold={popoverHold}
          top={popover.top}
          left={popover.left}
          busy={busy}
          onConfirm={() => void confirm(popoverHold)}
          onRelease={() => void release(popoverHold)}
          onClose={closePopover}
        />
      ) : null}

      {openDay ? (
        <Modal title={formatDayLong(openDay)} onClose={() => setOpenDay(null)} busy={busy}>
          <DayDetails
            holds={index.byDay.get(openDay) ?? []}
            blocks={index.blocksByDay.get(openDay) ?? []}
            artistName={artistName}
            busy={busy}
            onConfirm={(hold) => void confirm(hold)}
            onRelease={(hold) => void release(hold)}
          />
          <div className="dialog-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                const startDate = openDay;
                setOpenDay(null);
                setPlacing({ startDate });
              }}
            >
              <Icon name="pin" size={16} />
              {t('holds.placeOnDay')}
            </button>
          </div>
        </Modal>
      ) : null}

      {placing ? (
        <Modal title={t('holds.placeTitle')} onClose={() => setPlacing(null)}>
          <HoldForm
            catalogue={catalogue}
            initial={{ artistId, venueId, startDate: placing.startDate }}
            onCancel={() => setPlacing(null)}
            onPlace={async (input) => {
              const result = await api.invoke('holds.place', { id: uuidv7(), ...input });
              const known = new Map(index.byId);
              known.set(result.hold.id, result.hold);
              toastSuccess(
                t('holds.placed', { title: holdTitle(result.hold) }),
                result.conflicts.map((c) => conflictMessage(c, known, index.blocksById)).join('\n') ||
                  undefined,
              );
              setPlacing(null);
              focusDay(result.hold.startDate);
              reload();
            }}
          />
        </Modal>
      ) : null}

      {importing ? (
        <Modal title={t('holds.importTitle')} onClose={() => setImporting(false)}>
          <IcsImportForm
            catalogue={catalogue}
            initialArtistId={artistId}
            year={year}
            onDone={reload}
            onClose={() => setImporting(false)}
          />
        </Modal>
      ) : null}

      {doubleBooking ? (
        <ConfirmDialog
          title={t('holds.doubleBookingTitle')}
          body={t('holds.doubleBookingBody', { artist: doubleBooking.hold.artistName })}
          confirmLabel={t('holds.confirmAnyway')}
          cancelLabel={t('common.cancel')}
          busy={busy}
          onConfirm={() => {
            const { hold } = doubleBooking;
            setDoubleBooking(null);
            void confirm(hold, true);
          }}
          onCancel={() => setDoubleBooking(null)}
        />
      ) : null}
    </div>
  );
}

function HoldLegend() {
  const { t } = useTranslation();
  return (
    <ul className="hold-legend" aria-label={t('holds.legendLabel')}>
      <li>
        <span className="legend-swatch hold-confirmed" /> {t('holds.legend.confirmed')}
      </li>
      <li>
        <span className="legend-swatch hold-first" /> {t('holds.legend.first')}
      </li>
      <li>
        <span className="legend-swatch hold-later" /> {t('holds.legend.later')}
      </li>
      <li>
        <span className="legend-swatch hold-first hold-challenged" /> {t('holds.legend.challenged')}
      </li>
      <li>
        <span className="legend-swatch legend-blocked" /> {t('holds.legend.blocked')}
      </li>
    </ul>
  );
}

function HoldActions({
  hold,
  busy,
  onConfirm,
  onRelease,
}: {
  hold: HoldView;
  busy: boolean;
  onConfirm(): void;
  onRelease(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      {hold.status !== 'confirmed' ? (
        <button type="button" className="button button-success" disabled={busy} onClick={onConfirm}>
          <Icon name="check" size={16} />
          {t('holds.confirm')}
        </button>
      ) : null}
      <button type="button" className="button button-danger-ghost" disabled={busy} onClick={onRelease}>
        <Icon name="close" size={16} />
        {hold.status === 'confirmed' ? t('holds.cancelConfirmed') : t('holds.release')}
      </button>
    </div>
  );
}

function HoldPopover({
  hold,
  top,
  left,
  busy,
  onConfirm,
  onRelease,
  onClose,
}: {
  hold: HoldView;
  top: number;
  left: number;
  busy: boolean;
  onConfirm(): void;
  onRelease(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('.popover-close')?.focus();
    const onDown = (event: globalThis.MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  return (
    <div
      ref={ref}
      className="popover"
      role="dialog"
      aria-labelledby={titleId}
      style={{ top, left }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="popover-header">
        <p id={titleId} className="popover-title">
          <span className={holdClass(hold) + ' popover-swatch'} aria-hidden="true" />
          {holdTitle(hold)}
        </p>
        <button
          type="button"
          className="icon-button popover-close"
          aria-label={t('common.close')}
          onClick={onClose}
        >
          <Icon name="close" size={16} />
        </button>
      </div>
      <dl className="popover-facts">
        <dt>{t('holds.dates')}</dt>
        <dd>{formatDaySpan(hold.startDate, hold.endDate)}</dd>
        <dt>{t('holds.statusLabel')}</dt>
        <dd>{t(`holds.status.${hold.status}`)}</dd>
        <dt>{t('holds.placedAt')}</dt>
        <dd>{formatDateTime(hold.placedAt)}</dd>
        {hold.note ? (
          <>
            <dt>{t('holds.note')}</dt>
            <dd className="notes">{hold.note}</dd>
          </>
        ) : null}
      </dl>
      {hold.status === 'challenged' ? <p className="popover-warning">{t('holds.challengedHint')}</p> : null}
      {hold.status !== 'confirmed' && hold.level > 1 ? (
        <p className="muted popover-hint">{t('holds.onlyFirst')}</p>
      ) : null}
      <HoldActions hold={hold} busy={busy} onConfirm={onConfirm} onRelease={onRelease} />
    </div>
  );
}

function DayDetails({
  holds,
  blocks,
  artistName,
  busy,
  onConfirm,
  onRelease,
}: {
  holds: HoldView[];
  blocks: CalendarBlock[];
  artistName(id: string): string;
  busy: boolean;
  onConfirm(hold: HoldView): void;
  onRelease(hold: HoldView): void;
}) {
  const { t } = useTranslation();
  if (holds.length === 0 && blocks.length === 0) {
    return <p className="muted">{t('holds.dayEmpty')}</p>;
  }
  return (
    <div className="day-details">
      {blocks.length ? (
        <ul className="day-list">
          {blocks.map((block) => (
            <li key={block.id} className="day-entry">
              <span className="legend-swatch legend-blocked" aria-hidden="true" />
              <div>
                <p>
                  <strong>{block.summary || t('holds.busyUntitled')}</strong> — {artistName(block.artistId)}
                </p>
                <p className="muted">
                  {formatDaySpan(block.startDate, block.endDate)} ·{' '}
                  {t('holds.source', { source: block.source })}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="day-list">
        {holds.map((hold) => (
          <li key={hold.id} className="day-entry">
            <span className={holdClass(hold) + ' legend-swatch'} aria-hidden="true" />
            <div className="day-entry-body">
              <p>
                <strong>{holdTitle(hold)}</strong>
              </p>
              <p className="muted">
                {formatDaySpan(hold.startDate, hold.endDate)} · {t(`holds.status.${hold.status}`)}
                {hold.note ? ` · ${hold.note}` : ''}
              </p>
              <HoldActions
                hold={hold}
                busy={busy}
                onConfirm={() => onConfirm(hold)}
                onRelease={() => onRelease(hold)}
              />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Twelve rows of days, shaded by how many holds each carries: the year at a glance. Its 365 cells are
 * built once per answer (moving from month to month only moves the highlight).
 */
const YearStrip = memo(function YearStrip({
  year,
  month,
  byDay,
  blocksByDay,
  conflictDays,
  loading,
  onPick,
}: {
  year: number;
  month: string;
  byDay: ReadonlyMap<string, HoldView[]>;
  blocksByDay: ReadonlyMap<string, CalendarBlock[]>;
  conflictDays: ReadonlySet<string>;
  loading: boolean;
  onPick(day: string): void;
}) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(() => {
    void i18n.language; // rebuilt when the language changes (month names, titles)
    return Array.from({ length: 12 }, (_, m) => {
      const first = `${year}-${String(m + 1).padStart(2, '0')}-01`;
      const days = daysBetween(first, addMonths(first, 1));
      let count = 0;
      const cells = Array.from({ length: 31 }, (_, i) => {
        if (i >= days) return <span key={i} className="heat heat-none" />;
        const day = addDays(first, i);
        const n = byDay.get(day)?.length ?? 0;
        count += n;
        const level = n === 0 ? 0 : n === 1 ? 1 : n <= 3 ? 2 : 3;
        const classes = [
          'heat',
          `heat-${level}`,
          blocksByDay.has(day) ? 'heat-blocked' : '',
          conflictDays.has(day) ? 'heat-conflict' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <span
            key={i}
            className={classes}
            title={`${formatDayLong(day)} : ${t('holds.dayHolds', { count: n })}`}
            onClick={() => onPick(day)}
          />
        );
      });
      return { first, cells, count };
    });
  }, [year, byDay, blocksByDay, conflictDays, onPick, t, i18n.language]);

  return (
    <section
      className="year-strip"
      aria-label={t('holds.yearLabel', { year })}
      aria-busy={loading}
      data-testid="year-strip"
    >
      <p className="year-title">{year}</p>
      <div className="year-rows">
        {rows.map(({ first, cells, count }) => (
          <div key={first} className={first === month ? 'year-row year-current' : 'year-row'}>
            <button
              type="button"
              className="year-month"
              aria-current={first === month ? 'date' : undefined}
              aria-label={`${formatMonth(first)} : ${t('holds.dayHolds', { count })}`}
              onClick={() => onPick(first)}
            >
              {formatMonthName(first, 'short')}
            </button>
            <div className="heat-row" aria-hidden="true">
              {cells}
            </div>
            <span className="year-count" aria-hidden="true">
              {count ? formatCount(count) : ''}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
});
