import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArtistInput, type Artist, type Currency } from '../../../shared/domain';
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
import { SelectField, TextField } from '../components/fields';
import { FormShell } from '../components/FormShell';
import { formatMoneyRange, formatNumber, formatPlace, numberToInput } from '../lib/format';
import { validateAndSave, fieldId, readNumber, splitList, type FieldErrors } from '../lib/forms';
import { useDraft } from '../lib/useDraft';
import { toastError } from '../store/toasts';

interface ArtistDraft {
  name: string;
  genres: string;
  city: string;
  country: string;
  currency: Currency;
  feeMin: string;
  feeMax: string;
  members: string;
  contacts: ContactDraft[];
  notes: string;
}

function toDraft(artist: Artist | null): ArtistDraft {
  return {
    name: artist?.name ?? '',
    genres: artist?.genres.join(', ') ?? '',
    city: artist?.city ?? '',
    country: artist?.country ?? '',
    currency: artist?.currency ?? 'EUR',
    feeMin: numberToInput(artist?.fee.min ?? null),
    feeMax: numberToInput(artist?.fee.max ?? null),
    members: numberToInput(artist?.members ?? null),
    contacts: artist?.contacts.map((contact) => newContactDraft(contact)) ?? [],
    notes: artist?.notes ?? '',
  };
}

const FIELD =
  /^(name|genres|city|country|currency|fee\.min|fee\.max|members|notes|contacts\.\d+\.(name|role|email|phone))$/;
const isField = (path: string) => FIELD.test(path);

export function ArtistForm({ formId, initial, onSaved, onCancel, onDirtyChange }: EntityFormProps<Artist>) {
  const { t } = useTranslation();
  const { draft, set, errors, setErrors } = useDraft(() => toDraft(initial), onDirtyChange);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (path: string) => fieldId(formId, path);
  const err = (path: string) => errors.fields[path];

  const submit = async () => {
    const numberErrors: FieldErrors = {};
    const input = {
      name: draft.name,
      genres: splitList(draft.genres),
      city: draft.city,
      country: draft.country,
      currency: draft.currency,
      fee: {
        min: readNumber(draft.feeMin, 'fee.min', numberErrors),
        max: readNumber(draft.feeMax, 'fee.max', numberErrors),
      },
      members: readNumber(draft.members, 'members', numberErrors, { integer: true }),
      contacts: contactsToInput(draft.contacts),
      notes: draft.notes,
    };
    await validateAndSave({
      schema: ArtistInput,
      input,
      numberErrors,
      isField,
      form: formRef.current,
      setErrors,
      setSaving,
      save: (fields) =>
        initial
          ? api.invoke('artists.update', { id: initial.id, fields })
          : api.invoke('artists.create', { id: uuidv7(), ...fields }),
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
        <legend>{t('artists.sections.identity')}</legend>
        <div className="form-grid">
          <TextField
            id={id('name')}
            label={t('artists.fields.name')}
            value={draft.name}
            required
            error={err('name')}
            onChange={(value) => set('name', value)}
          />
          <TextField
            id={id('genres')}
            label={t('artists.fields.genres')}
            hint={t('form.commaSeparated')}
            value={draft.genres}
            error={err('genres')}
            onChange={(value) => set('genres', value)}
          />
          <TextField
            id={id('city')}
            label={t('artists.fields.city')}
            value={draft.city}
            error={err('city')}
            onChange={(value) => set('city', value)}
          />
          <TextField
            id={id('country')}
            label={t('artists.fields.country')}
            hint={t('form.countryHint')}
            value={draft.country}
            inputClassName="uppercase input-short"
            error={err('country')}
            onChange={(value) => set('country', value)}
          />
          <TextField
            id={id('members')}
            label={t('artists.fields.members')}
            value={draft.members}
            inputMode="numeric"
            inputClassName="input-short"
            error={err('members')}
            onChange={(value) => set('members', value)}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('artists.sections.fee')}</legend>
        <p className="form-note">{t('artists.feePrivate')}</p>
        <div className="form-grid form-grid-3">
          <SelectField
            id={id('currency')}
            label={t('artists.fields.currency')}
            value={draft.currency}
            options={[
              { value: 'EUR', label: t('currency.EUR') },
              { value: 'CHF', label: t('currency.CHF') },
            ]}
            error={err('currency')}
            onChange={(value) => set('currency', value)}
          />
          <TextField
            id={id('fee.min')}
            label={t('artists.fields.feeMin')}
            value={draft.feeMin}
            inputMode="decimal"
            error={err('fee.min')}
            onChange={(value) => set('feeMin', value, 'fee.min')}
          />
          <TextField
            id={id('fee.max')}
            label={t('artists.fields.feeMax')}
            value={draft.feeMax}
            inputMode="decimal"
            error={err('fee.max')}
            onChange={(value) => set('feeMax', value, 'fee.max')}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('artists.sections.contacts')}</legend>
        <ContactsEditor
          formId={formId}
          contacts={draft.contacts}
          errors={errors.fields}
          onChange={(contacts) => set('contacts', contacts)}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('artists.sections.notes')}</legend>
        <TextField
          id={id('notes')}
          label={t('artists.fields.notes')}
          className="visually-hidden-label"
          value={draft.notes}
          multiline
          rows={5}
          error={err('notes')}
          onChange={(value) => set('notes', value)}
        />
      </fieldset>
    </FormShell>
  );
}

export function ArtistDetail({ item }: { item: Artist }) {
  const { t } = useTranslation();
  return (
    <div className="detail-body">
      <DetailGroup title={t('artists.sections.identity')}>
        <DetailItem label={t('artists.fields.genres')} wide>
          {item.genres.length ? <Chips values={item.genres} /> : null}
        </DetailItem>
        <DetailItem label={t('artists.fields.place')}>{formatPlace(item.city, item.country)}</DetailItem>
        <DetailItem label={t('artists.fields.members')}>
          {item.members === null ? null : formatNumber(item.members)}
        </DetailItem>
        <DetailItem label={t('artists.fields.fee')}>{formatMoneyRange(item.fee, item.currency)}</DetailItem>
      </DetailGroup>
      <section className="detail-group">
        <h3>{t('artists.sections.contacts')}</h3>
        <ContactsTable contacts={item.contacts} />
      </section>
      {item.notes ? (
        <section className="detail-group">
          <h3>{t('artists.sections.notes')}</h3>
          <p className="notes">{item.notes}</p>
        </section>
      ) : null}
      <Timestamps createdAt={item.createdAt} updatedAt={item.updatedAt} />
    </div>
  );
}

function ArtistRow({ item }: { item: Artist }) {
  const place = formatPlace(item.city, item.country);
  return (
    <>
      <span className="record-name">{item.name}</span>
      {place ? <span className="record-meta">{place}</span> : null}
      {item.genres.length ? <span className="record-tags">{item.genres.join(' · ')}</span> : null}
    </>
  );
}

export const artistsKind: EntityKind<Artist> = {
  kind: 'artists',
  icon: 'artists',
  list: (query) => api.invoke('artists.list', { query }),
  remove: (id) => api.invoke('artists.delete', { id }),
  renderItem: (item) => <ArtistRow item={item} />,
  Detail: ArtistDetail,
  Form: ArtistForm,
};
