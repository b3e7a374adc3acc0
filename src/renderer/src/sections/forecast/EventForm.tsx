import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEAL_TYPES, type DealType } from '../../../../shared/deals';
import type { Artist, Venue } from '../../../../shared/domain';
import { EventCreateInput, EventStatus, type Event } from '../../../../shared/forecast';
import { FormShell } from '../../components/FormShell';
import { Modal } from '../../components/Modal';
import { SelectField, TextField } from '../../components/fields';
import { numberToInput } from '../../lib/format';
import { NO_ERRORS, readNumber, validateAndSave, type FieldErrors, type FormErrors } from '../../lib/forms';
import { api } from '../../api';
import { toastError, toastSuccess } from '../../store/toasts';
import { eventMessage } from './messages';

interface EventDraft {
  artistId: string;
  venueId: string;
  date: string;
  status: EventStatus;
  currency: 'EUR' | 'CHF';
  capacity: string;
  ticketsSold: string;
  ticketPrice: string;
  fee: string;
  announcedOn: string;
  promotionSpend: string;
  dealType: DealType | '';
  notes: string;
}

const FIELDS = new Set([
  'artistId',
  'venueId',
  'date',
  'status',
  'currency',
  'capacity',
  'ticketsSold',
  'ticketPrice',
  'fee',
  'announcedOn',
  'promotionSpend',
  'dealType',
  'notes',
]);

function draftOf(
  event: Event | null,
  defaults: { artistId: string; venueId: string; date: string },
): EventDraft {
  return {
    artistId: event?.artistId ?? defaults.artistId,
    venueId: event?.venueId ?? defaults.venueId,
    date: event?.date ?? defaults.date,
    status: event?.status ?? 'played',
    currency: event?.currency ?? 'EUR',
    capacity: numberToInput(event?.capacity ?? null),
    ticketsSold: numberToInput(event?.ticketsSold ?? null),
    ticketPrice: numberToInput(event?.ticketPrice ?? null),
    fee: numberToInput(event?.fee ?? null),
    announcedOn: event?.announcedOn ?? '',
    promotionSpend: numberToInput(event?.promotionSpend ?? null),
    dealType: event?.dealType ?? '',
    notes: event?.notes ?? '',
  };
}

interface EventFormProps {
  event: Event | null;
  artists: Artist[];
  venues: Venue[];
  defaults: { artistId: string; venueId: string; date: string };
  onClose(): void;
  onSaved(event: Event): void;
}

/** Add or correct one past (or planned) show by hand, in a modal. */
export function EventForm({ event, artists, venues, defaults, onClose, onSaved }: EventFormProps) {
  const { t } = useTranslation('forecast');
  const { t: tc } = useTranslation();
  const [draft, setDraft] = useState<EventDraft>(() => draftOf(event, defaults));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const patch = (fields: Partial<EventDraft>) => setDraft((d) => ({ ...d, ...fields }));
  const id = (name: string) => `event-form-${name}`;

  const submit = () => {
    const numberErrors: FieldErrors = {};
    const input = {
      artistId: draft.artistId,
      venueId: draft.venueId,
      date: draft.date,
      status: draft.status,
      currency: draft.currency,
      capacity: readNumber(draft.capacity, 'capacity', numberErrors, { integer: true }),
      ticketsSold: readNumber(draft.ticketsSold, 'ticketsSold', numberErrors, { integer: true }),
      ticketPrice: readNumber(draft.ticketPrice, 'ticketPrice', numberErrors),
      fee: readNumber(draft.fee, 'fee', numberErrors),
      announcedOn: draft.announcedOn === '' ? null : draft.announcedOn,
      promotionSpend: readNumber(draft.promotionSpend, 'promotionSpend', numberErrors),
      dealType: draft.dealType === '' ? null : draft.dealType,
      notes: draft.notes,
    };
    void validateAndSave({
      schema: EventCreateInput,
      input,
      numberErrors,
      isField: (path) => FIELDS.has(path),
      form: formRef.current,
      setErrors: (found) =>
        setErrors({
          fields: Object.fromEntries(Object.entries(found.fields).map(([k, v]) => [k, eventMessage(v)])),
          general: found.general.map(eventMessage),
        }),
      setSaving,
      save: (fields) =>
        event ? api.invoke('events.update', { id: event.id, fields }) : api.invoke('events.create', fields),
      onSaved: (saved) => {
        toastSuccess(event ? t('event.updated') : t('event.created'));
        onSaved(saved);
      },
      onError: toastError,
      serverPrefix: event ? 'fields.' : '',
    });
  };

  const err = (name: string) => errors.fields[name];
  return (
    <Modal title={event ? t('event.editTitle') : t('event.newTitle')} onClose={onClose} busy={saving} wide>
      <FormShell
        id="event-form"
        ref={formRef}
        errors={errors}
        saving={saving}
        onSubmit={submit}
        onCancel={onClose}
        submitLabel={event ? undefined : t('event.create')}
        className="fc-event-form"
      >
        <div className="form-grid form-grid-3">
          <SelectField
            id={id('artistId')}
            label={t('event.artist')}
            required
            value={draft.artistId}
            onChange={(artistId) => patch({ artistId })}
            options={[
              { value: '', label: t('pickArtist') },
              ...artists.map((a) => ({ value: a.id, label: a.name })),
            ]}
            error={err('artistId')}
          />
          <SelectField
            id={id('venueId')}
            label={t('event.venue')}
            required
            value={draft.venueId}
            onChange={(venueId) => patch({ venueId })}
            options={[
              { value: '', label: t('pickVenue') },
              ...venues.map((v) => ({ value: v.id, label: v.city ? `${v.name} (${v.city})` : v.name })),
            ]}
            error={err('venueId')}
          />
          <TextField
            id={id('date')}
            label={t('event.date')}
            type="date"
            required
            value={draft.date}
            onChange={(date) => patch({ date })}
            error={err('date')}
          />
          <SelectField
            id={id('status')}
            label={t('event.status')}
            value={draft.status}
            onChange={(status) => patch({ status })}
            options={EventStatus.options.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
            error={err('status')}
          />
          <TextField
            id={id('capacity')}
            label={t('event.capacity')}
            inputMode="numeric"
            value={draft.capacity}
            onChange={(capacity) => patch({ capacity })}
            hint={t('event.capacityHint')}
            error={err('capacity')}
          />
          <TextField
            id={id('ticketsSold')}
            label={t('event.ticketsSold')}
            inputMode="numeric"
            value={draft.ticketsSold}
            onChange={(ticketsSold) => patch({ ticketsSold })}
            error={err('ticketsSold')}
          />
          <TextField
            id={id('ticketPrice')}
            label={t('event.ticketPrice')}
            inputMode="decimal"
            value={draft.ticketPrice}
            onChange={(ticketPrice) => patch({ ticketPrice })}
            error={err('ticketPrice')}
          />
          <SelectField
            id={id('currency')}
            label={t('event.currency')}
            value={draft.currency}
            onChange={(currency) => patch({ currency })}
            options={[
              { value: 'EUR', label: 'EUR' },
              { value: 'CHF', label: 'CHF' },
            ]}
          />
          <TextField
            id={id('fee')}
            label={t('event.fee')}
            inputMode="decimal"
            value={draft.fee}
            onChange={(fee) => patch({ fee })}
            error={err('fee')}
          />
          <SelectField
            id={id('dealType')}
            label={t('event.dealType')}
            value={draft.dealType}
            onChange={(dealType) => patch({ dealType })}
            options={[
              { value: '', label: t('event.dealUnknown') },
              ...DEAL_TYPES.map((type) => ({ value: type, label: tc(`deals.typesShort.${type}`) })),
            ]}
          />
          <TextField
            id={id('announcedOn')}
            label={t('event.announcedOn')}
            type="date"
            value={draft.announcedOn}
            onChange={(announcedOn) => patch({ announcedOn })}
            hint={t('event.announcedHint')}
            error={err('announcedOn')}
          />
          <TextField
            id={id('promotionSpend')}
            label={t('event.promotion')}
            inputMode="decimal"
            value={draft.promotionSpend}
            onChange={(promotionSpend) => patch({ promotionSpend })}
            error={err('promotionSpend')}
          />
          <TextField
            id={id('notes')}
            label={t('event.notes')}
            multiline
            rows={2}
            value={draft.notes}
            onChange={(notes) => patch({ notes })}
            className="fc-wide"
            error={err('notes')}
          />
        </div>
      </FormShell>
    </Modal>
  );
}
