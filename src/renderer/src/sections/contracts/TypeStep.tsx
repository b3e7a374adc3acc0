import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractKind, LegalCountry } from '../../../../shared/legal';
import type { OfferSummary } from '../../../../shared/offers';
import { api } from '../../api';
import { CheckboxField, RadioGroup, SelectField } from '../../components/fields';
import { Icon } from '../../components/icons';
import { formatDay } from '../../lib/money';
import { toastError } from '../../store/toasts';
import { useDraftBinding } from './bind';
import { KINDS_BY_COUNTRY, fieldIdOf, withKindAndCountry } from './model';

/** The accepted (or settled) offers a contract can start from, newest first. */
function useContractableOffers(): OfferSummary[] | null {
  const [offers, setOffers] = useState<OfferSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([
      api.invoke('offers.list', { status: 'accepted' }),
      api.invoke('offers.list', { status: 'settled' }),
    ]).then(
      ([accepted, settled]) => {
        if (live)
          setOffers([...accepted.items, ...settled.items].sort((a, b) => a.date.localeCompare(b.date)));
      },
      (error: unknown) => {
        if (!live) return;
        setOffers([]);
        toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return offers;
}

interface TypeStepProps {
  /** The offer the draft was pre-filled from, if any. */
  offerId: string | null;
  /** Whether the draft is already stored (a contract's type cannot be re-seeded from an offer then). */
  stored: boolean;
  busy: boolean;
  onPrefill(offerId: string): void;
  onBlank(): void;
}

export function TypeStep({ offerId, stored, busy, onPrefill, onBlank }: TypeStepProps) {
  const { t } = useTranslation('legal');
  const { draft, update, errors } = useDraftBinding();
  const offers = useContractableOffers();
  const [chosen, setChosen] = useState(offerId ?? '');
  const [start, setStart] = useState<'offer' | 'blank'>(offerId ? 'offer' : 'blank');
  const shownOffer = chosen || offers?.[0]?.id || '';

  const setCountryKind = (country: LegalCountry, kind: ContractKind) =>
    update('', withKindAndCountry(draft, country, kind));

  return (
    <>
      {!stored ? (
        <fieldset className="form-section">
          <legend>{t('type.start')}</legend>
          <RadioGroup<'offer' | 'blank'>
            id="contract-start"
            legend={t('type.startLegend')}
            className="visually-hidden-legend"
            value={start}
            onChange={(value) => {
              setStart(value);
              if (value === 'blank' && offerId) onBlank();
            }}
            options={[
              { value: 'offer', label: t('type.fromOffer'), hint: t('type.fromOfferHint') },
              { value: 'blank', label: t('type.blank'), hint: t('type.blankHint') },
            ]}
          />
          {start === 'offer' ? (
            <div className="contract-offer-pick">
              {offers === null ? (
                <p className="muted">{t('common.loading')}</p>
              ) : offers.length === 0 ? (
                <p className="muted">{t('type.noOffers')}</p>
              ) : (
                <>
                  <SelectField
                    id="contract-offer"
                    label={t('type.offer')}
                    value={shownOffer}
                    onChange={setChosen}
                    options={offers.map((offer) => ({
                      value: offer.id,
                      label: t('type.offerOption', {
                        artist: offer.artistName,
                        venue: offer.venueName,
                        date: formatDay(offer.date),
                      }),
                    }))}
                  />
                  <button
                    type="button"
                    className="button"
                    disabled={busy || !shownOffer}
                    aria-busy={busy}
                    onClick={() => onPrefill(shownOffer)}
                  >
                    <Icon name="retry" size={16} />
                    {offerId === shownOffer ? t('type.prefillAgain') : t('type.prefill')}
                  </button>
                </>
              )}
            </div>
          ) : null}
        </fieldset>
      ) : null}

      <fieldset className="form-section">
        <legend>{t('type.title')}</legend>
        <RadioGroup<LegalCountry>
          id={fieldIdOf('country')}
          legend={t('type.country')}
          value={draft.country}
          onChange={(country) => setCountryKind(country, draft.kind)}
          options={(['FR', 'BE', 'CH'] as const).map((value) => ({ value, label: t(`countries.${value}`) }))}
          className="radio-cards contract-radio-row"
        />
        <RadioGroup<ContractKind>
          id={fieldIdOf('kind')}
          legend={t('type.kind')}
          value={draft.kind}
          onChange={(kind) => setCountryKind(draft.country, kind)}
          options={KINDS_BY_COUNTRY[draft.country].map((value) => ({
            value,
            label: t(`kinds.${draft.country}.${value}.label`),
            hint: t(`kinds.${draft.country}.${value}.hint`),
          }))}
          error={errors.kind}
          className="radio-cards"
        />
        <div className="form-grid">
          <SelectField<'fr' | 'en'>
            id={fieldIdOf('language')}
            label={t('type.language')}
            value={draft.language}
            onChange={(language) => update('language', language)}
            options={[
              { value: 'fr', label: t('type.languages.fr') },
              { value: 'en', label: t('type.languages.en') },
            ]}
          />
          {draft.kind === 'engagement' ? (
            <CheckboxField
              id={fieldIdOf('guso')}
              label={t('type.guso')}
              hint={t('type.gusoHint')}
              checked={draft.guso}
              onChange={(guso) => update('guso', guso)}
              error={errors.guso}
            />
          ) : null}
        </div>
      </fieldset>
    </>
  );
}
