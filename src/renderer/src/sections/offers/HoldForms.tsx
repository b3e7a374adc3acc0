import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/errors';
import { api } from '../../api';
import { SelectField, TextField } from '../../components/fields';
import { FormShell } from '../../components/FormShell';
import { Icon } from '../../components/icons';
import { NO_ERRORS, focusFirstError, toFormErrors, type FieldErrors, type FormErrors } from '../../lib/forms';
import { formatCount } from '../../lib/money';
import { toastError, toastSuccess } from '../../store/toasts';
import type { Catalogue } from './catalogue';

export interface PlaceHoldInput {
  artistId: string;
  venueId: string;
  startDate: string;
  endDate?: string;
  note: string;
}

const HOLD_FIELD = /^(artistId|venueId|startDate|endDate|note)$/;

/** « Poser une option »: artist, venue, first and last day, a note. */
export function HoldForm({
  catalogue,
  initial,
  onCancel,
  onPlace,
}: {
  catalogue: Catalogue;
  initial: { artistId: string; venueId: string; startDate: string };
  onCancel(): void;
  onPlace(input: PlaceHoldInput): Promise<void>;
}) {
  const { t } = useTranslation();
  const formId = useId().replace(/:/g, '') + 'hold';
  const [draft, setDraft] = useState({ ...initial, endDate: '', note: '' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = (key: keyof typeof draft, value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      if (!(key in current.fields)) return current;
      const fields = { ...current.fields };
      delete fields[key];
      return { ...current, fields };
    });
  };

  const submit = async () => {
    const fields: FieldErrors = {};
    if (!draft.artistId) fields.artistId = t('builder.errors.artist');
    if (!draft.venueId) fields.venueId = t('builder.errors.venue');
    if (!draft.startDate) fields.startDate = t('builder.errors.date');
    if (draft.endDate && draft.startDate && draft.endDate < draft.startDate)
      fields.endDate = t('validation.dateOrder');
    if (Object.keys(fields).length) {
      setErrors({ fields, general: [] });
      focusFirstError(formRef.current);
      return;
    }
    setErrors(NO_ERRORS);
    setSaving(true);
    try {
      await onPlace({
        artistId: draft.artistId,
        venueId: draft.venueId,
        startDate: draft.startDate,
        ...(draft.endDate && draft.endDate !== draft.startDate ? { endDate: draft.endDate } : {}),
        note: draft.note,
      });
    } catch (error) {
      if (error instanceof AppError && error.issues?.length) {
        setErrors(toFormErrors(error.issues, (path) => HOLD_FIELD.test(path)));
        focusFirstError(formRef.current);
      }
      toastError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormShell
      ref={formRef}
      id={formId}
      errors={errors}
      saving={saving}
      submitLabel={t('holds.placeSubmit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      className="modal-form"
    >
      <div className="form-grid">
        <SelectField
          id={`${formId}-artistId`}
          label={t('builder.artist')}
          value={draft.artistId}
          required
          options={[
            { value: '', label: t('builder.chooseArtist') },
            ...catalogue.artists.map((a) => ({ value: a.id, label: a.name })),
          ]}
          error={errors.fields.artistId}
          onChange={(value) => set('artistId', value)}
        />
        <SelectField
          id={`${formId}-venueId`}
          label={t('builder.venue')}
          value={draft.venueId}
          required
          options={[
            { value: '', label: t('builder.chooseVenue') },
            ...catalogue.venues.map((v) => ({ value: v.id, label: v.name })),
          ]}
          error={errors.fields.venueId}
          onChange={(value) => set('venueId', value)}
        />
        <TextField
          id={`${formId}-startDate`}
          label={t('holds.startDate')}
          type="date"
          required
          value={draft.startDate}
          error={errors.fields.startDate}
          onChange={(value) => set('startDate', value)}
        />
        <TextField
          id={`${formId}-endDate`}
          label={t('holds.endDate')}
          hint={t('holds.endDateHint')}
          type="date"
          value={draft.endDate}
          error={errors.fields.endDate}
          onChange={(value) => set('endDate', value)}
        />
        <TextField
          id={`${formId}-note`}
          label={t('holds.note')}
          value={draft.note}
          multiline
          rows={2}
          className="span-2"
          error={errors.fields.note}
          onChange={(value) => set('note', value)}
        />
      </div>
    </FormShell>
  );
}

/** The host accepts up to 900,000 characters of calendar. */
const MAX_ICS_CHARS = 900_000;

/** « Importer un .ics »: an artist's external calendar becomes busy blocks on their calendar. */
export function IcsImportForm({
  catalogue,
  initialArtistId,
  year,
  onDone,
  onClose,
}: {
  catalogue: Catalogue;
  initialArtistId: string;
  year: number;
  onDone(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const formId = useId().replace(/:/g, '') + 'ics';
  const [artistId, setArtistId] = useState(initialArtistId);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{
    imported: number;
    warnings: { line: number; message: string }[];
    source: string;
  } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const from = `${year}-01-01`;
  const to = `${year + 1}-12-31`;

  const submit = async () => {
    const fields: FieldErrors = {};
    if (!artistId) fields.artistId = t('builder.errors.artist');
    if (!file) fields.file = t('holds.icsNoFile');
    let text = '';
    if (file) {
      try {
        text = await file.text();
        if (text.length > MAX_ICS_CHARS) fields.file = t('holds.icsTooLarge');
      } catch {
        fields.file = t('holds.icsUnreadable');
      }
    }
    if (Object.keys(fields).length || !file) {
      setErrors({ fields, general: [] });
      focusFirstError(formRef.current);
      return;
    }
    setErrors(NO_ERRORS);
    setSaving(true);
    try {
      const value = await api.invoke('holds.importIcs', { artistId, ics: text, source: file.name, from, to });
      setResult({ ...value, source: file.name });
      toastSuccess(t('holds.imported', { count: value.imported, formatted: formatCount(value.imported) }));
      onDone();
    } catch (error) {
      toastError(error);
    } finally {
      setSaving(false);
    }
  };

  if (result) {
    return (
      <div className="ics-result" data-testid="ics-result">
        <p className="ics-count">
          <Icon name="check" size={18} />
          {t('holds.importedDetail', {
            count: result.imported,
            formatted: formatCount(result.imported),
            source: result.source,
          })}
        </p>
        {result.warnings.length > 0 ? (
          <>
            <p>{t('holds.icsWarnings', { count: result.warnings.length })}</p>
            <ul className="ics-warnings">
              {result.warnings.map((w, i) => (
                <li key={`${w.line}-${i}`}>
                  <span className="muted">{t('holds.icsLine', { line: w.line })}</span> {w.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <FormShell
      ref={formRef}
      id={formId}
      errors={errors}
      saving={saving}
      submitLabel={t('holds.importSubmit')}
      onSubmit={() => void submit()}
      onCancel={onClose}
      className="modal-form"
    >
      <p className="form-note">{t('holds.importLead', { from: year, to: year + 1 })}</p>
      <div className="form-grid">
        <SelectField
          id={`${formId}-artistId`}
          label={t('builder.artist')}
          value={artistId}
          required
          options={[
            { value: '', label: t('builder.chooseArtist') },
            ...catalogue.artists.map((a) => ({ value: a.id, label: a.name })),
          ]}
          error={errors.fields.artistId}
          onChange={(value) => {
            setArtistId(value);
            setErrors(NO_ERRORS);
          }}
        />
        <div className={errors.fields.file ? 'field field-invalid' : 'field'}>
          <div className="field-label">
            <label htmlFor={`${formId}-file`}>{t('holds.icsFile')}</label>
          </div>
          <input
            id={`${formId}-file`}
            type="file"
            accept=".ics,text/calendar"
            aria-invalid={errors.fields.file ? true : undefined}
            aria-describedby={errors.fields.file ? `${formId}-file-error` : undefined}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setErrors(NO_ERRORS);
            }}
          />
          {errors.fields.file ? (
            <p className="field-error" id={`${formId}-file-error`}>
              {errors.fields.file}
            </p>
          ) : null}
        </div>
      </div>
    </FormShell>
  );
}
