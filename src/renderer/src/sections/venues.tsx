import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  VENUE_KINDS,
  VenueInput,
  WEEKDAYS,
  type Currency,
  type Venue,
  type VenueKind,
  type Weekday,
} from '../../../shared/domain';
import { SURFACE_MATERIALS, type SurfaceMaterial } from '../../../shared/materials';
import { uuidv7 } from '../../../shared/ids';
import { api } from '../api';
import {
  ContactsEditor,
  contactsToInput,
  newContactDraft,
  type ContactDraft,
} from '../components/ContactsEditor';
import { Chips, ContactsTable, DetailGroup, DetailItem, Timestamps } from '../components/Detail';
import type { EntityFormProps, EntityKind } from '../components/EntitySection';
import { CheckboxField, SelectField, TextField } from '../components/fields';
import { FormShell } from '../components/FormShell';
import { formatDimensions, formatMoneyRange, formatNumber, formatPlace, numberToInput } from '../lib/format';
import { validateAndSave, fieldId, readNumber, splitList, type FieldErrors } from '../lib/forms';
import { useDraft } from '../lib/useDraft';
import { toastError } from '../store/toasts';

type Treatment = Venue['acoustics']['treatment'];
const TREATMENTS: readonly Treatment[] = ['unknown', 'untreated', 'partial', 'treated'];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
const SURFACES = ['floor', 'walls', 'ceiling'] as const;
type Surface = (typeof SURFACES)[number];
/** '' in a select: the material is unknown (null in the schema). */
type MaterialChoice = SurfaceMaterial | '';

/** Every numeric field of the form: draft key → schema path, and whether it is a whole number. */
const NUMBERS = {
  latitude: { path: 'latitude' },
  longitude: { path: 'longitude' },
  capacityStanding: { path: 'capacityStanding', integer: true },
  capacitySeated: { path: 'capacitySeated', integer: true },
  roomLength: { path: 'room.lengthM' },
  roomWidth: { path: 'room.widthM' },
  roomHeight: { path: 'room.heightM' },
  stageLength: { path: 'stage.lengthM' },
  stageWidth: { path: 'stage.widthM' },
  stageHeight: { path: 'stage.heightM' },
  rt60: { path: 'acoustics.rt60Sec' },
  paPowerW: { path: 'paPowerW' },
  ticketPriceMin: { path: 'ticketPrice.min' },
  ticketPriceMax: { path: 'ticketPrice.max' },
  budgetMin: { path: 'budget.min' },
  budgetMax: { path: 'budget.max' },
} as const;
type NumberKey = keyof typeof NUMBERS;

type VenueDraft = Record<NumberKey, string> & {
  name: string;
  kind: VenueKind;
  region: string;
  website: string;
  daysOpen: Weekday[];
  months: number[];
  surfaces: Record<Surface, MaterialChoice>;
  address: string;
  postalCode: string;
  city: string;
  country: string;
  treatment: Treatment;
  acousticsNotes: string;
  paSystem: string;
  backline: string;
  genres: string;
  currency: Currency;
  contacts: ContactDraft[];
  notes: string;
};

function toDraft(venue: Venue | null): VenueDraft {
  const n = (value: number | null | undefined) => numberToInput(value ?? null);
  return {
    name: venue?.name ?? '',
    kind: venue?.kind ?? 'other',
    region: venue?.region ?? '',
    website: venue?.website ?? '',
    daysOpen: venue?.daysOpen ?? [],
    months: venue?.months ?? [],
    surfaces: {
      floor: venue?.acoustics.surfaces.floor ?? '',
      walls: venue?.acoustics.surfaces.walls ?? '',
      ceiling: venue?.acoustics.surfaces.ceiling ?? '',
    },
    paPowerW: n(venue?.paPowerW),
    address: venue?.address ?? '',
    postalCode: venue?.postalCode ?? '',
    city: venue?.city ?? '',
    country: venue?.country ?? '',
    latitude: n(venue?.latitude),
    longitude: n(venue?.longitude),
    capacityStanding: n(venue?.capacityStanding),
    capacitySeated: n(venue?.capacitySeated),
    roomLength: n(venue?.room.lengthM),
    roomWidth: n(venue?.room.widthM),
    roomHeight: n(venue?.room.heightM),
    stageLength: n(venue?.stage.lengthM),
    stageWidth: n(venue?.stage.widthM),
    stageHeight: n(venue?.stage.heightM),
    rt60: n(venue?.acoustics.rt60Sec),
    treatment: venue?.acoustics.treatment ?? 'unknown',
    acousticsNotes: venue?.acoustics.notes ?? '',
    paSystem: venue?.paSystem ?? '',
    backline: venue?.backline ?? '',
    genres: venue?.genres.join(', ') ?? '',
    currency: venue?.currency ?? 'EUR',
    ticketPriceMin: n(venue?.ticketPrice.min),
    ticketPriceMax: n(venue?.ticketPrice.max),
    budgetMin: n(venue?.budget.min),
    budgetMax: n(venue?.budget.max),
    contacts: venue?.contacts.map((contact) => newContactDraft(contact)) ?? [],
    notes: venue?.notes ?? '',
  };
}

const TEXT_FIELDS =
  'name|kind|address|postalCode|city|region|country|website|daysOpen|months|paSystem|backline|genres|currency|notes' +
  '|acoustics\\.treatment|acoustics\\.notes|acoustics\\.surfaces\\.(floor|walls|ceiling)';
const NUMBER_FIELDS = Object.values(NUMBERS)
  .map(({ path }) => path.replace('.', '\\.'))
  .join('|');
const FIELD = new RegExp(`^(${TEXT_FIELDS}|${NUMBER_FIELDS}|contacts\\.\\d+\\.(name|role|email|phone))$`);
const isField = (path: string) => FIELD.test(path);

export function VenueForm({ formId, initial, onSaved, onCancel, onDirtyChange }: EntityFormProps<Venue>) {
  const { t } = useTranslation();
  const { draft, set, errors, setErrors } = useDraft(() => toDraft(initial), onDirtyChange);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (path: string) => fieldId(formId, path);
  const err = (path: string) => errors.fields[path];

  const text = (
    key:
      | 'name'
      | 'address'
      | 'postalCode'
      | 'city'
      | 'region'
      | 'website'
      | 'country'
      | 'paSystem'
      | 'backline'
      | 'genres'
      | 'notes'
      | 'acousticsNotes',
    path: string = key,
  ) => ({
    id: id(path),
    value: draft[key],
    error: err(path),
    onChange: (value: string) => set(key, value, path),
  });

  const number = (key: NumberKey) => {
    const spec = NUMBERS[key];
    return {
      id: id(spec.path),
      value: draft[key],
      error: err(spec.path),
      inputMode: 'integer' in spec ? ('numeric' as const) : ('decimal' as const),
      onChange: (value: string) => set(key, value, spec.path),
    };
  };

  const submit = async () => {
    const numberErrors: FieldErrors = {};
    const num = (key: NumberKey) => {
      const spec = NUMBERS[key];
      return readNumber(draft[key], spec.path, numberErrors, { integer: 'integer' in spec });
    };
    const input = {
      name: draft.name,
      kind: draft.kind,
      address: draft.address,
      postalCode: draft.postalCode,
      city: draft.city,
      region: draft.region,
      country: draft.country,
      website: draft.website,
      daysOpen: WEEKDAYS.filter((day) => draft.daysOpen.includes(day)),
      months: MONTHS.filter((month) => draft.months.includes(month)),
      paPowerW: num('paPowerW'),
      // Provenance is not edited: a festival stays linked to its dataset id so a re-import refreshes it.
      source: initial?.source ?? { kind: 'user' as const, ref: '' },
      latitude: num('latitude'),
      longitude: num('longitude'),
      capacityStanding: num('capacityStanding'),
      capacitySeated: num('capacitySeated'),
      room: { lengthM: num('roomLength'), widthM: num('roomWidth'), heightM: num('roomHeight') },
      stage: { lengthM: num('stageLength'), widthM: num('stageWidth'), heightM: num('stageHeight') },
      acoustics: {
        rt60Sec: num('rt60'),
        treatment: draft.treatment,
        notes: draft.acousticsNotes,
        surfaces: {
          floor: draft.surfaces.floor || null,
          walls: draft.surfaces.walls || null,
          ceiling: draft.surfaces.ceiling || null,
        },
      },
      paSystem: draft.paSystem,
      backline: draft.backline,
      genres: splitList(draft.genres),
      currency: draft.currency,
      ticketPrice: { min: num('ticketPriceMin'), max: num('ticketPriceMax') },
      budget: { min: num('budgetMin'), max: num('budgetMax') },
      contacts: contactsToInput(draft.contacts),
      notes: draft.notes,
    };
    await validateAndSave({
      schema: VenueInput,
      input,
      numberErrors,
      isField,
      form: formRef.current,
      setErrors,
      setSaving,
      save: (fields) =>
        initial
          ? api.invoke('venues.update', { id: initial.id, fields })
          : api.invoke('venues.create', { id: uuidv7(), ...fields }),
      onSaved,
      onError: toastError,
      serverPrefix: initial ? 'fields.' : '',
    });
  };

  return (
    <FormShell
      ref={formRef}
      id={formId}
      errors={errors}
      saving={saving}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <fieldset className="form-section">
        <legend>{t('venues.sections.identity')}</legend>
        <div className="form-grid">
          <TextField {...text('name')} label={t('venues.fields.name')} required />
          <SelectField
            id={id('kind')}
            label={t('venues.fields.kind')}
            value={draft.kind}
            options={VENUE_KINDS.map((value) => ({ value, label: t(`venues.kinds.${value}`) }))}
            error={err('kind')}
            onChange={(value) => set('kind', value)}
          />
          <TextField {...text('address')} label={t('venues.fields.address')} />
          <TextField
            {...text('postalCode')}
            label={t('venues.fields.postalCode')}
            inputClassName="input-short"
          />
          <TextField {...text('city')} label={t('venues.fields.city')} />
          <TextField {...text('region')} label={t('venues.fields.region')} />
          <TextField
            {...text('country')}
            label={t('venues.fields.country')}
            hint={t('form.countryHint')}
            inputClassName="uppercase input-short"
          />
          <div className="field-pair">
            <TextField {...number('latitude')} label={t('venues.fields.latitude')} />
            <TextField {...number('longitude')} label={t('venues.fields.longitude')} />
          </div>
          <TextField {...text('website')} label={t('venues.fields.website')} inputMode="url" />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('venues.sections.capacity')}</legend>
        <div className="form-grid">
          <TextField {...number('capacityStanding')} label={t('venues.fields.capacityStanding')} />
          <TextField {...number('capacitySeated')} label={t('venues.fields.capacitySeated')} />
        </div>
        <fieldset className="subgroup">
          <legend>{t('venues.fields.roomGroup')}</legend>
          <div className="form-grid form-grid-3 align-end">
            <TextField {...number('roomLength')} label={t('venues.fields.roomLength')} />
            <TextField {...number('roomWidth')} label={t('venues.fields.roomWidth')} />
            <TextField {...number('roomHeight')} label={t('venues.fields.roomHeight')} />
          </div>
        </fieldset>
        <fieldset className="subgroup">
          <legend>{t('venues.fields.stageGroup')}</legend>
          <div className="form-grid form-grid-3 align-end">
            <TextField {...number('stageLength')} label={t('venues.fields.stageLength')} />
            <TextField {...number('stageWidth')} label={t('venues.fields.stageWidth')} />
            <TextField {...number('stageHeight')} label={t('venues.fields.stageHeight')} />
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('venues.sections.acoustics')}</legend>
        <div className="form-grid">
          <TextField {...number('rt60')} label={t('venues.fields.rt60')} hint={t('venues.rt60Hint')} />
          <SelectField
            id={id('acoustics.treatment')}
            label={t('venues.fields.treatment')}
            value={draft.treatment}
            options={TREATMENTS.map((value) => ({ value, label: t(`venues.treatment.${value}`) }))}
            error={err('acoustics.treatment')}
            onChange={(value) => set('treatment', value, 'acoustics.treatment')}
          />
          <TextField
            {...text('acousticsNotes', 'acoustics.notes')}
            label={t('venues.fields.acousticsNotes')}
            multiline
            rows={3}
            className="span-2"
          />
          <TextField {...text('paSystem')} label={t('venues.fields.paSystem')} multiline rows={3} />
          <TextField {...text('backline')} label={t('venues.fields.backline')} multiline rows={3} />
          <TextField {...number('paPowerW')} label={t('venues.fields.paPowerW')} />
        </div>
        <fieldset className="subgroup">
          <legend>{t('venues.fields.surfaces')}</legend>
          <div className="form-grid form-grid-3 align-end">
            {SURFACES.map((surface) => (
              <SelectField
                key={surface}
                id={id(`acoustics.surfaces.${surface}`)}
                label={t(`venues.fields.${surface}`)}
                value={draft.surfaces[surface]}
                options={[
                  { value: '' as MaterialChoice, label: t('venues.materials.unknown') },
                  ...SURFACE_MATERIALS.map((value) => ({ value, label: t(`venues.materials.${value}`) })),
                ]}
                error={err(`acoustics.surfaces.${surface}`)}
                onChange={(value) =>
                  set('surfaces', { ...draft.surfaces, [surface]: value }, `acoustics.surfaces.${surface}`)
                }
              />
            ))}
          </div>
          <p className="field-hint">{t('venues.surfacesHint')}</p>
        </fieldset>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('venues.sections.programming')}</legend>
        <div className="form-grid">
          <TextField {...text('genres')} label={t('venues.fields.genres')} hint={t('form.commaSeparated')} />
          <SelectField
            id={id('currency')}
            label={t('venues.fields.currency')}
            value={draft.currency}
            options={[
              { value: 'EUR', label: t('currency.EUR') },
              { value: 'CHF', label: t('currency.CHF') },
            ]}
            error={err('currency')}
            onChange={(value) => set('currency', value)}
          />
          <TextField {...number('ticketPriceMin')} label={t('venues.fields.ticketPriceMin')} />
          <TextField {...number('ticketPriceMax')} label={t('venues.fields.ticketPriceMax')} />
        </div>
        <fieldset className="subgroup" aria-describedby={id('daysOpen') + '-hint'}>
          <legend>{t('venues.fields.daysOpen')}</legend>
          <div className="form-grid form-grid-3">
            {WEEKDAYS.map((day) => (
              <CheckboxField
                key={day}
                id={id(`daysOpen.${day}`)}
                label={t(`venues.days.${day}`)}
                checked={draft.daysOpen.includes(day)}
                onChange={(checked) =>
                  set(
                    'daysOpen',
                    checked ? [...draft.daysOpen, day] : draft.daysOpen.filter((d) => d !== day),
                    'daysOpen',
                  )
                }
              />
            ))}
          </div>
          <p className="field-hint" id={id('daysOpen') + '-hint'}>
            {t('venues.daysHint')}
          </p>
        </fieldset>
        <fieldset className="subgroup" aria-describedby={id('months') + '-hint'}>
          <legend>{t('venues.fields.months')}</legend>
          <div className="form-grid form-grid-3">
            {MONTHS.map((month) => (
              <CheckboxField
                key={month}
                id={id(`months.${month}`)}
                label={t(`venues.monthNames.m${month}`)}
                checked={draft.months.includes(month)}
                onChange={(checked) =>
                  set(
                    'months',
                    checked ? [...draft.months, month] : draft.months.filter((m) => m !== month),
                    'months',
                  )
                }
              />
            ))}
          </div>
          <p className="field-hint" id={id('months') + '-hint'}>
            {t('venues.monthsHint')}
          </p>
        </fieldset>
        <p className="form-note form-note-between">{t('venues.budgetPrivate')}</p>
        <div className="form-grid">
          <TextField {...number('budgetMin')} label={t('venues.fields.budgetMin')} />
          <TextField {...number('budgetMax')} label={t('venues.fields.budgetMax')} />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('venues.sections.contacts')}</legend>
        <ContactsEditor
          formId={formId}
          contacts={draft.contacts}
          errors={errors.fields}
          onChange={(contacts) => set('contacts', contacts)}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('venues.sections.notes')}</legend>
        <TextField
          {...text('notes')}
          label={t('venues.fields.notes')}
          className="visually-hidden-label"
          multiline
          rows={5}
        />
      </fieldset>
    </FormShell>
  );
}

export function VenueDetail({ item }: { item: Venue }) {
  const { t } = useTranslation();
  const address = [item.address, [item.postalCode, item.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  const coords =
    item.latitude !== null && item.longitude !== null
      ? `${formatNumber(item.latitude, 6)}, ${formatNumber(item.longitude, 6)}`
      : null;
  return (
    <div className="detail-body">
      <DetailGroup title={t('venues.sections.identity')}>
        <DetailItem label={t('venues.fields.kind')}>{t(`venues.kinds.${item.kind}`)}</DetailItem>
        <DetailItem label={t('venues.fields.address')}>{address}</DetailItem>
        <DetailItem label={t('venues.fields.region')}>{item.region}</DetailItem>
        <DetailItem label={t('venues.fields.country')}>{formatPlace('', item.country)}</DetailItem>
        <DetailItem label={t('venues.fields.location')}>{coords}</DetailItem>
        <DetailItem label={t('venues.fields.website')}>{item.website}</DetailItem>
        <DetailItem label={t('venues.fields.source')}>
          {item.source.kind === 'user'
            ? null
            : [t(`venues.sources.${item.source.kind}`), item.source.ref].filter(Boolean).join(' — ')}
        </DetailItem>
      </DetailGroup>
      <DetailGroup title={t('venues.sections.capacity')}>
        <DetailItem label={t('venues.fields.capacityStanding')}>
          {item.capacityStanding === null ? null : formatNumber(item.capacityStanding)}
        </DetailItem>
        <DetailItem label={t('venues.fields.capacitySeated')}>
          {item.capacitySeated === null ? null : formatNumber(item.capacitySeated)}
        </DetailItem>
        <DetailItem label={t('venues.fields.room')}>{formatDimensions(item.room)}</DetailItem>
        <DetailItem label={t('venues.fields.stage')}>{formatDimensions(item.stage)}</DetailItem>
      </DetailGroup>
      <DetailGroup title={t('venues.sections.acoustics')}>
        <DetailItem label={t('venues.fields.rt60')}>
          {item.acoustics.rt60Sec === null
            ? null
            : t('common.seconds', { value: formatNumber(item.acoustics.rt60Sec) })}
        </DetailItem>
        <DetailItem label={t('venues.fields.treatment')}>
          {t(`venues.treatment.${item.acoustics.treatment}`)}
        </DetailItem>
        <DetailItem label={t('venues.fields.surfaces')}>
          {SURFACES.every((s) => item.acoustics.surfaces[s] === null)
            ? null
            : SURFACES.map((s) =>
                t('venues.surfaceValue', {
                  surface: t(`venues.fields.${s}`),
                  material: t(`venues.materials.${item.acoustics.surfaces[s] ?? 'unknown'}`),
                }),
              ).join(' · ')}
        </DetailItem>
        <DetailItem label={t('venues.fields.paPowerW')}>
          {item.paPowerW === null ? null : formatNumber(item.paPowerW)}
        </DetailItem>
        {item.acoustics.notes ? (
          <DetailItem label={t('venues.fields.acousticsNotes')} wide>
            <span className="notes">{item.acoustics.notes}</span>
          </DetailItem>
        ) : null}
        <DetailItem label={t('venues.fields.paSystem')} wide>
          {item.paSystem ? <span className="notes">{item.paSystem}</span> : null}
        </DetailItem>
        <DetailItem label={t('venues.fields.backline')} wide>
          {item.backline ? <span className="notes">{item.backline}</span> : null}
        </DetailItem>
      </DetailGroup>
      <DetailGroup title={t('venues.sections.programming')}>
        <DetailItem label={t('venues.fields.genres')} wide>
          {item.genres.length ? <Chips values={item.genres} /> : null}
        </DetailItem>
        <DetailItem label={t('venues.fields.daysOpen')}>
          {item.daysOpen.map((day) => t(`venues.days.${day}`)).join(', ')}
        </DetailItem>
        <DetailItem label={t('venues.fields.months')}>
          {item.months.map((month) => t(`venues.monthNames.m${month as (typeof MONTHS)[number]}`)).join(', ')}
        </DetailItem>
        <DetailItem label={t('venues.fields.ticketPrice')}>
          {formatMoneyRange(item.ticketPrice, item.currency)}
        </DetailItem>
        <DetailItem label={t('venues.fields.budget')}>
          {formatMoneyRange(item.budget, item.currency)}
        </DetailItem>
      </DetailGroup>
      <section className="detail-group">
        <h3>{t('venues.sections.contacts')}</h3>
        <ContactsTable contacts={item.contacts} />
      </section>
      {item.notes ? (
        <section className="detail-group">
          <h3>{t('venues.sections.notes')}</h3>
          <p className="notes">{item.notes}</p>
        </section>
      ) : null}
      <Timestamps createdAt={item.createdAt} updatedAt={item.updatedAt} />
    </div>
  );
}

function VenueRow({ item }: { item: Venue }) {
  const { t } = useTranslation();
  const place = formatPlace(item.city, item.country);
  const capacity = Math.max(item.capacityStanding ?? -1, item.capacitySeated ?? -1);
  const meta = [place, capacity >= 0 ? t('venues.capacityShort', { value: formatNumber(capacity) }) : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <span className="record-name">{item.name}</span>
      {meta ? <span className="record-meta">{meta}</span> : null}
      {item.genres.length ? <span className="record-tags">{item.genres.join(' · ')}</span> : null}
    </>
  );
}

export const venuesKind: EntityKind<Venue> = {
  kind: 'venues',
  icon: 'venues',
  list: (query) => api.invoke('venues.list', { query }),
  remove: (id) => api.invoke('venues.delete', { id }),
  renderItem: (item) => <VenueRow item={item} />,
  Detail: VenueDetail,
  Form: VenueForm,
};
