import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEAL_TYPES, type DealType } from '../../../../shared/deals';
import type { Venue } from '../../../../shared/domain';
import { readTerms, termsFromVenue, type ReadTerms, type TermsDraft } from './terms';

interface DealTermsProps {
  draft: TermsDraft;
  onChange(draft: TermsDraft): void;
  errors: ReadTerms['errors'];
  currency: string;
}

/** « Conditions envisagées »: off by default (a forecast needs no deal), on for break-even and fee advice. */
export function DealTerms({ draft, onChange, errors, currency }: DealTermsProps) {
  const { t } = useTranslation('forecast');
  const { t: tc } = useTranslation();
  const id = useId();
  const patch = (fields: Partial<TermsDraft>) => onChange({ ...draft, ...fields });
  const field = (name: Exclude<keyof TermsDraft, 'enabled' | 'type'>, label: string, unit: string) => (
    <div className={errors[name] ? 'fc-term field-invalid' : 'fc-term'}>
      <label htmlFor={`${id}-${name}`}>
        {label} <span className="muted">({unit})</span>
      </label>
      <input
        id={`${id}-${name}`}
        inputMode="decimal"
        value={draft[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
        onChange={(event) => patch({ [name]: event.target.value })}
      />
      {errors[name] ? (
        <p className="field-error" id={`${id}-${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  return (
    <fieldset className="fc-terms" data-testid="deal-terms">
      <legend className="visually-hidden">{t('terms.legend')}</legend>
      <label className="check-label fc-terms-toggle">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(event) => patch({ enabled: event.target.checked })}
        />
        {t('terms.enable')}
      </label>
      {draft.enabled ? (
        <div className="fc-terms-fields">
          <div className="fc-term">
            <label htmlFor={`${id}-type`}>{t('terms.type')}</label>
            <select
              id={`${id}-type`}
              value={draft.type}
              onChange={(event) => patch({ type: event.target.value as DealType })}
            >
              {DEAL_TYPES.map((type) => (
                <option key={type} value={type}>
                  {tc(`deals.typesShort.${type}`)}
                </option>
              ))}
            </select>
            {errors.type ? <p className="field-error">{errors.type}</p> : null}
          </div>
          {field('ticketPrice', t('terms.ticketPrice'), currency)}
          {field('capacity', t('terms.capacity'), t('terms.tickets'))}
          {draft.type !== 'doorSplit' ? field('guarantee', t('terms.guarantee'), currency) : null}
          {draft.type !== 'flat' ? field('artistPercentage', t('terms.percentage'), '%') : null}
          {field('costs', t('terms.costs'), currency)}
        </div>
      ) : null}
    </fieldset>
  );
}

/** Draft state that follows the venue: a new venue brings its price and capacity. */
export function useTermsDraft(venue: Venue | undefined) {
  const [draft, setDraft] = useState<TermsDraft>(() => termsFromVenue(venue));
  const venueId = venue?.id ?? '';
  // A new venue brings its price and capacity (adjusted while rendering, as React advises, not in an effect).
  const [draftVenue, setDraftVenue] = useState(venueId);
  if (venue && venueId !== draftVenue) {
    setDraftVenue(venueId);
    const fresh = termsFromVenue(venue);
    setDraft({ ...draft, ticketPrice: fresh.ticketPrice, capacity: fresh.capacity });
  }
  const { t } = useTranslation('forecast');
  const read = useMemo(() => readTerms(draft, venue, (key) => t(key as 'terms.required')), [draft, venue, t]);
  return { draft, setDraft, ...read };
}
