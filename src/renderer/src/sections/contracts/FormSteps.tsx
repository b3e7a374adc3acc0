import { useTranslation } from 'react-i18next';
import type { ContractDraft, LegalCountry } from '../../../../shared/legal';
import { CheckboxField } from '../../components/fields';
import { Icon } from '../../components/icons';
import { DraftCheck, DraftNumber, DraftSelect, DraftText, useDraftBinding } from './bind';
import { fieldIdOf } from './model';

// The steps of the wizard that edit the draft: the parties, the show, the money, the annexes and the
// clauses. (The first step, type and country, lives in TypeStep.tsx: it also loads offers.)

type PartyKey = 'producer' | 'organiser';

function PartyFields({ party }: { party: PartyKey }) {
  const { t } = useTranslation('legal');
  const { draft } = useDraftBinding();
  const country: LegalCountry = draft.country;
  const p = (leaf: string) => `${party}.${leaf}`;
  const isOrganiser = party === 'organiser';
  return (
    <fieldset className="form-section">
      <legend>{t(`parties.${party}`)}</legend>
      <p className="form-note muted">{t(`parties.${party}Note`)}</p>
      <div className="form-grid">
        <DraftText path={p('legalName')} label={t('parties.legalName')} required />
        <DraftText
          path={p('legalForm')}
          label={t('parties.legalForm')}
          hint={t(`parties.legalFormHint.${country}`)}
        />
        <DraftText path={p('address.street')} label={t('parties.street')} className="span-2" required />
        <DraftText path={p('address.postalCode')} label={t('parties.postalCode')} required />
        <DraftText path={p('address.city')} label={t('parties.city')} required />
        <DraftText
          path={p('registrationNumber')}
          label={t(`parties.registration.${country}`)}
          hint={t(`parties.registrationHint.${country}`)}
          required
        />
        <DraftText
          path={p('vatNumber')}
          label={t('parties.vatNumber')}
          hint={t(`parties.vatHint.${country}`)}
        />
        {country === 'FR' ? (
          <>
            <DraftText
              path={p('platesvNumber')}
              label={t('parties.platesv')}
              hint={t('parties.platesvHint')}
              required
            />
            <DraftText path={p('apeCode')} label={t('parties.apeCode')} hint={t('parties.apeHint')} />
          </>
        ) : null}
        <DraftText path={p('representative.name')} label={t('parties.representative')} required />
        <DraftText path={p('representative.role')} label={t('parties.representativeRole')} />
        <DraftText path={p('email')} label={t('parties.email')} type="email" />
        <DraftText path={p('phone')} label={t('parties.phone')} type="tel" />
        {isOrganiser && country === 'BE' ? (
          <DraftCheck path={p('nonProfit')} label={t('parties.nonProfit')} className="span-2" />
        ) : null}
        {isOrganiser && country === 'FR' ? (
          <>
            <DraftCheck
              path={p('occasionalOrganiser')}
              label={t('parties.occasionalOrganiser')}
              hint={t('parties.occasionalOrganiserHint')}
            />
            <DraftNumber
              path={p('showsPerYear')}
              label={t('parties.showsPerYear')}
              integer
              nullable
              max={10_000}
            />
          </>
        ) : null}
      </div>
    </fieldset>
  );
}

export function PartiesStep() {
  return (
    <>
      <PartyFields party="producer" />
      <PartyFields party="organiser" />
    </>
  );
}

export function ShowStep() {
  const { t } = useTranslation('legal');
  const { draft, update } = useDraftBinding();
  const engagement = draft.kind === 'engagement';
  const addPerformer = () =>
    update('performers', [
      ...draft.performers,
      {
        name: '',
        role: '',
        residenceCountry: draft.country,
        birthDate: null,
        minorAuthorisation: '',
        grossPay: null,
      },
    ]);
  const removePerformer = (index: number) =>
    update(
      'performers',
      draft.performers.filter((_, i) => i !== index),
    );
  return (
    <>
      <fieldset className="form-section">
        <legend>{t('show.title')}</legend>
        <div className="form-grid">
          <DraftText path="showTitle" label={t('show.showTitle')} className="span-2" required />
          <DraftText path="performance.venueName" label={t('show.venueName')} required />
          <DraftText path="performance.date" label={t('show.date')} type="date" required />
          <DraftText path="performance.address.street" label={t('parties.street')} className="span-2" />
          <DraftText path="performance.address.postalCode" label={t('parties.postalCode')} />
          <DraftText path="performance.address.city" label={t('parties.city')} />
        </div>
        <div className="form-grid contract-grid-4">
          <DraftText path="performance.getInTime" label={t('show.getIn')} placeholder="14:00" />
          <DraftText path="performance.soundcheckTime" label={t('show.soundcheck')} placeholder="17:00" />
          <DraftText path="performance.doorsTime" label={t('show.doors')} placeholder="20:00" />
          <DraftText path="performance.startTime" label={t('show.start')} placeholder="21:00" />
          <DraftNumber
            path="performance.setLengthMinutes"
            label={t('show.setLength')}
            integer
            min={1}
            max={1440}
          />
          <DraftNumber
            path="performance.performances"
            label={t('show.performances')}
            integer
            min={1}
            max={400}
          />
          <DraftNumber path="performance.rehearsalDays" label={t('show.rehearsalDays')} integer max={365} />
          <DraftNumber
            path="performance.capacity"
            label={t('show.capacity')}
            integer
            nullable
            max={200_000}
          />
        </div>
        <div className="form-grid contract-checks">
          {draft.country === 'FR' ? (
            <>
              <DraftCheck
                path="performance.drinksServedDuringShow"
                label={t('show.drinks')}
                hint={t('show.drinksHint')}
              />
              <DraftCheck
                path="performance.newCreation"
                label={t('show.newCreation')}
                hint={t('show.newCreationHint')}
              />
            </>
          ) : null}
          <DraftCheck path="performance.festival" label={t('show.festival')} hint={t('show.festivalHint')} />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('show.performers')}</legend>
        <p className="form-note muted">{t('show.performersNote')}</p>
        <ol className="contract-rows">
          {draft.performers.map((_, index) => {
            const p = (leaf: string) => `performers.${index}.${leaf}`;
            return (
              <li key={index} className="contract-row">
                <div className="form-grid form-grid-3">
                  <DraftText path={p('name')} label={t('show.performerName')} required />
                  <DraftText path={p('role')} label={t('show.performerRole')} />
                  <DraftText
                    path={p('residenceCountry')}
                    label={t('show.residence')}
                    hint={t('show.residenceHint')}
                  />
                  <DraftText path={p('birthDate')} label={t('show.birthDate')} type="date" nullable />
                  <DraftText path={p('minorAuthorisation')} label={t('show.minorAuthorisation')} />
                  {engagement ? (
                    <DraftNumber path={p('grossPay')} label={t('show.grossPay')} nullable max={100_000_000} />
                  ) : null}
                </div>
                {draft.performers.length > 1 ? (
                  <button
                    type="button"
                    className="button button-small button-danger-ghost contract-row-remove"
                    onClick={() => removePerformer(index)}
                  >
                    <Icon name="trash" size={14} />
                    {t('show.removePerformer', { name: draft.performers[index]?.name || index + 1 })}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ol>
        <button type="button" className="button button-small" onClick={addPerformer}>
          <Icon name="plus" size={14} />
          {t('show.addPerformer')}
        </button>
      </fieldset>
    </>
  );
}

export function MoneyStep() {
  const { t } = useTranslation('legal');
  const { draft, update } = useDraftBinding();
  const { country, kind } = draft;
  const prices = draft.money.ticketPrices;
  return (
    <>
      <fieldset className="form-section">
        <legend>{t('money.title')}</legend>
        <div className="form-grid">
          {country === 'CH' ? (
            <DraftSelect
              path="money.currency"
              label={t('money.currency')}
              options={[
                { value: 'CHF', label: 'CHF' },
                { value: 'EUR', label: 'EUR' },
              ]}
            />
          ) : (
            <div className="field">
              <div className="field-label">
                <span>{t('money.currency')}</span>
              </div>
              <p className="contract-fixed-value">EUR</p>
              <p className="field-hint">{t('money.euroOnly')}</p>
            </div>
          )}
          <DraftNumber
            path="money.fee"
            label={t(`money.fee.${kind}`)}
            hint={t(`money.feeHint.${kind}`)}
            max={100_000_000}
          />
          {kind === 'coRealisation' ? (
            <DraftNumber
              path="money.producerPercentage"
              label={t('money.producerPercentage')}
              hint={t('money.producerPercentageHint')}
              nullable
              max={100}
              required
            />
          ) : null}
          <DraftNumber
            path="money.expectedBoxOffice"
            label={t('money.expectedBoxOffice')}
            hint={t('money.expectedBoxOfficeHint')}
            nullable
            max={100_000_000}
          />
          <DraftNumber path="money.depositPercentage" label={t('money.deposit')} max={100} />
          <DraftNumber path="money.paymentDays" label={t('money.paymentDays')} integer max={180} />
        </div>
        <div className="form-grid contract-checks">
          <DraftCheck path="money.travelCoveredByOrganiser" label={t('money.travel')} />
          {country === 'CH' ? (
            <DraftCheck
              path="money.vatOptedIn"
              label={t('money.vatOptedIn')}
              hint={t('money.vatOptedInHint')}
            />
          ) : null}
          {country === 'BE' ? (
            <DraftCheck
              path="money.billedThroughIntermediary"
              label={t('money.intermediary')}
              hint={t('money.intermediaryHint')}
            />
          ) : null}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('money.tickets')}</legend>
        {prices.length === 0 ? <p className="form-note muted">{t('money.noTickets')}</p> : null}
        <ol className="contract-rows">
          {prices.map((_, index) => (
            <li key={index} className="contract-row contract-row-inline">
              <DraftText path={`money.ticketPrices.${index}.label`} label={t('money.ticketLabel')} required />
              <DraftNumber
                path={`money.ticketPrices.${index}.price`}
                label={t('money.ticketPrice')}
                max={100_000}
              />
              <button
                type="button"
                className="button button-small button-danger-ghost"
                onClick={() =>
                  update(
                    'money.ticketPrices',
                    prices.filter((__, i) => i !== index),
                  )
                }
              >
                <Icon name="trash" size={14} />
                {t('money.removeTicket')}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button-small"
          disabled={prices.length >= 20}
          onClick={() => update('money.ticketPrices', [...prices, { label: '', price: 0 }])}
        >
          <Icon name="plus" size={14} />
          {t('money.addTicket')}
        </button>
      </fieldset>
    </>
  );
}

/** Templates for the optional clauses the booker adds most often; the text stays editable. */
const CLAUSE_TEMPLATES = ['confidentiality', 'environment', 'safety', 'press'] as const;

export function AnnexesStep() {
  const { t } = useTranslation('legal');
  const { draft, update } = useDraftBinding();
  const { clauses } = draft;
  const addClause = (template: (typeof CLAUSE_TEMPLATES)[number] | 'blank') =>
    update('clauses.custom', [
      ...clauses.custom,
      template === 'blank'
        ? { title: '', text: '' }
        : { title: t(`clauses.templates.${template}.title`), text: t(`clauses.templates.${template}.text`) },
    ]);
  return (
    <>
      <fieldset className="form-section">
        <legend>{t('annexes.riders')}</legend>
        <div className="form-grid">
          <DraftText
            path="riders.technical"
            label={t('annexes.technical')}
            multiline
            rows={5}
            className="span-2"
          />
          <DraftText
            path="riders.hospitality"
            label={t('annexes.hospitality')}
            multiline
            rows={4}
            className="span-2"
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('clauses.title')}</legend>
        <div className="form-grid contract-checks">
          <DraftCheck
            path="clauses.cancellation"
            label={t('clauses.cancellation')}
            hint={t('clauses.cancellationHint')}
          />
          <DraftCheck path="clauses.forceMajeure" label={t('clauses.forceMajeure')} />
          <DraftSelect<ContractDraft['clauses']['recording']>
            path="clauses.recording"
            label={t('clauses.recording')}
            options={(['none', 'promotionOnly', 'allowedWithConsent'] as const).map((value) => ({
              value,
              label: t(`clauses.recordingOptions.${value}`),
            }))}
          />
          <DraftNumber
            path="history.pastCancellations"
            label={t('clauses.pastCancellations')}
            hint={t('clauses.pastCancellationsHint')}
            integer
            max={1000}
          />
        </div>
        <div className="subgroup">
          <CheckboxField
            id={fieldIdOf('clauses.exclusivity')}
            label={t('clauses.exclusivity')}
            checked={clauses.exclusivity !== null}
            onChange={(on) =>
              update('clauses.exclusivity', on ? { radiusKm: 50, daysBefore: 30, daysAfter: 30 } : null)
            }
          />
          {clauses.exclusivity ? (
            <div className="form-grid form-grid-3">
              <DraftNumber
                path="clauses.exclusivity.radiusKm"
                label={t('clauses.radiusKm')}
                integer
                min={1}
                max={2000}
              />
              <DraftNumber
                path="clauses.exclusivity.daysBefore"
                label={t('clauses.daysBefore')}
                integer
                max={365}
              />
              <DraftNumber
                path="clauses.exclusivity.daysAfter"
                label={t('clauses.daysAfter')}
                integer
                max={365}
              />
            </div>
          ) : null}
        </div>
        <div className="subgroup">
          <CheckboxField
            id={fieldIdOf('clauses.merch')}
            label={t('clauses.merch')}
            checked={clauses.merch !== null}
            onChange={(on) => update('clauses.merch', on ? { venuePercentage: 0 } : null)}
          />
          {clauses.merch ? (
            <div className="form-grid">
              <DraftNumber
                path="clauses.merch.venuePercentage"
                label={t('clauses.merchPercentage')}
                max={100}
              />
            </div>
          ) : null}
        </div>

        <h3 className="subheading">{t('clauses.custom')}</h3>
        <p className="form-note muted">{t('clauses.customNote')}</p>
        <ol className="contract-rows">
          {clauses.custom.map((clause, index) => (
            <li key={index} className="contract-row">
              <DraftText path={`clauses.custom.${index}.title`} label={t('clauses.customTitle')} required />
              <DraftText
                path={`clauses.custom.${index}.text`}
                label={t('clauses.customText')}
                multiline
                rows={5}
                required
              />
              <button
                type="button"
                className="button button-small button-danger-ghost contract-row-remove"
                onClick={() =>
                  update(
                    'clauses.custom',
                    clauses.custom.filter((_, i) => i !== index),
                  )
                }
              >
                <Icon name="trash" size={14} />
                {t('clauses.removeClause', { title: clause.title || index + 1 })}
              </button>
            </li>
          ))}
        </ol>
        <div className="button-row contract-clause-add">
          {CLAUSE_TEMPLATES.map((template) => (
            <button
              key={template}
              type="button"
              className="button button-small"
              disabled={clauses.custom.length >= 30}
              onClick={() => addClause(template)}
            >
              <Icon name="plus" size={14} />
              {t(`clauses.templates.${template}.title`)}
            </button>
          ))}
          <button
            type="button"
            className="button button-small"
            disabled={clauses.custom.length >= 30}
            onClick={() => addClause('blank')}
          >
            <Icon name="plus" size={14} />
            {t('clauses.addBlank')}
          </button>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('annexes.insurance')}</legend>
        <div className="form-grid">
          <DraftText path="insurance.organiserLiability" label={t('annexes.organiserLiability')} />
          <DraftText path="insurance.producerLiability" label={t('annexes.producerLiability')} />
          <DraftText
            path="insurance.cancellation"
            label={t('annexes.cancellationInsurance')}
            className="span-2"
          />
          <DraftText
            path="signaturePlace"
            label={t('annexes.signaturePlace')}
            hint={t('annexes.signaturePlaceHint')}
          />
          <DraftText
            path="jurisdiction"
            label={t('annexes.jurisdiction')}
            hint={t('annexes.jurisdictionHint')}
          />
        </div>
      </fieldset>
    </>
  );
}
