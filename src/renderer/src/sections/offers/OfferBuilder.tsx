import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEAL_TYPES,
  ExpenseKind,
  type DealType,
  type Party,
  type PercentageBase,
} from '../../../../shared/deals';
import type { Currency } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { uuidv7 } from '../../../../shared/ids';
import type { BookerSide, Offer, RoundParty } from '../../../../shared/offers';
import { api } from '../../api';
import { CheckboxField, RadioGroup, SelectField, TextField } from '../../components/fields';
import { FormShell } from '../../components/FormShell';
import { Icon } from '../../components/icons';
import { errorCount, fieldId, focusFirstError, toFormErrors, NO_ERRORS } from '../../lib/forms';
import { useDraft } from '../../lib/useDraft';
import { formatDay, formatPercent } from '../../lib/money';
import { toastError, toastSuccess } from '../../store/toasts';
import type { Catalogue } from './catalogue';
import { DealPnl } from './DealPnl';
import {
  isOfferField,
  newBonus,
  newExpense,
  offerToDraft,
  readDeal,
  readOffer,
  usesGuarantee,
  usesPercentage,
  usesPromoterProfit,
  venueDefaults,
  type BonusDraft,
  type DealDraft,
  type ExpenseDraft,
  type OfferDraft,
} from './draft';

export type BuilderMode =
  | { kind: 'create'; defaults?: Partial<OfferDraft> }
  | { kind: 'edit'; offer: Offer }
  /** New terms in a negotiation round: a counter-proposal received ("them") or made ("us"). */
  | { kind: 'round'; offer: Offer; by: RoundParty };

interface OfferBuilderProps {
  formId: string;
  mode: BuilderMode;
  catalogue: Catalogue;
  onSaved(offer: Offer): void;
  onCancel(): void;
  onDirtyChange(dirty: boolean): void;
}

const EXPENSE_KINDS = ExpenseKind.options;
const PARTIES: readonly Party[] = ['organiser', 'artist'];
const SIDES: readonly BookerSide[] = ['artist', 'organiser'];

export function OfferBuilder({
  formId,
  mode,
  catalogue,
  onSaved,
  onCancel,
  onDirtyChange,
}: OfferBuilderProps) {
  const { t } = useTranslation();
  const offer = mode.kind === 'create' ? null : mode.offer;
  const round = mode.kind === 'round';
  const { draft, setDraft, set, errors, setErrors, clearError } = useDraft(
    () =>
      mode.kind === 'create'
        ? offerToDraft(null, mode.defaults)
        : offerToDraft(mode.offer, round ? { note: '' } : {}),
    onDirtyChange,
  );
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (path: string) => fieldId(formId, path);
  const err = (path: string) => errors.fields[path];
  const deal = draft.deal;

  const live = useMemo(() => readDeal(deal), [deal]);
  const firstProblem = live.deal
    ? undefined
    : (Object.values(live.errors.fields)[0] ?? live.errors.general[0] ?? undefined);

  const setDeal = <K extends keyof DealDraft>(key: K, value: DealDraft[K], path: string = String(key)) => {
    setDraft((current) => ({ ...current, deal: { ...current.deal, [key]: value } }));
    clearError(`deal.${path}`);
  };

  const pickVenue = (venueId: string) => {
    const venue = catalogue.venueById.get(venueId);
    setDraft((current) => ({
      ...current,
      venueId,
      deal: venue ? { ...current.deal, ...venueDefaults(venue) } : current.deal,
    }));
    clearError('venueId');
  };

  const numberField = (key: keyof DealDraft & string, path: string = key) => ({
    id: id(`deal.${path}`),
    value: String(deal[key]),
    error: err(`deal.${path}`),
    inputMode: 'decimal' as const,
    onChange: (value: string) => setDeal(key, value as never, path),
  });

  const updateBonus = (index: number, field: 'ticketsThreshold' | 'amount', value: string) => {
    setDeal(
      'bonuses',
      deal.bonuses.map((b, i) => (i === index ? { ...b, [field]: value } : b)),
      `bonuses.${index}.${field}`,
    );
  };
  const updateExpense = <K extends keyof Omit<ExpenseDraft, 'key'>>(
    index: number,
    field: K,
    value: ExpenseDraft[K],
  ) => {
    setDeal(
      'expenses',
      deal.expenses.map((e, i) => {
        if (i !== index) return e;
        const next = { ...e, [field]: value };
        if (field === 'paidBy' && value === 'artist') next.recoupable = false;
        return next;
      }),
      `expenses.${index}.${field}`,
    );
  };

  const focusLater = (path: string) =>
    requestAnimationFrame(() => document.getElementById(id(path))?.focus());

  const submit = async () => {
    const read = round
      ? (() => {
          const r = readDeal(deal);
          return { ok: r.deal !== null, errors: r.errors, deal: r.deal };
        })()
      : (() => {
          const r = readOffer(draft);
          return { ok: r.fields !== null, errors: r.errors, fields: r.fields };
        })();
    if (!read.ok || errorCount(read.errors) > 0) {
      setErrors(read.errors);
      focusFirstError(formRef.current);
      return;
    }
    setErrors(NO_ERRORS);
    setSaving(true);
    try {
      let saved: Offer;
      if (mode.kind === 'round' && 'deal' in read && read.deal) {
        saved = await api.invoke('offers.addRound', {
          offerId: mode.offer.id,
          by: mode.by,
          action: 'countered',
          deal: read.deal,
          note: draft.note,
        });
        toastSuccess(t(mode.by === 'them' ? 'negotiation.counterReceived' : 'negotiation.counterSent'));
      } else if ('fields' in read && read.fields) {
        if (mode.kind === 'edit') {
          saved = await api.invoke('offers.update', { id: mode.offer.id, fields: read.fields });
          toastSuccess(t('offers.saved'));
        } else {
          saved = await api.invoke('offers.create', { id: uuidv7(), ...read.fields });
          toastSuccess(t('offers.created'), t('offers.createdHold', { date: formatDay(saved.date) }));
        }
      } else {
        return;
      }
      onSaved(saved);
    } catch (error) {
      if (error instanceof AppError && error.issues?.length) {
        setErrors(toFormErrors(error.issues, isOfferField(deal.type), mode.kind === 'edit' ? 'fields.' : ''));
        focusFirstError(formRef.current);
      }
      toastError(error);
    } finally {
      setSaving(false);
    }
  };

  const guaranteeLabel = t(`builder.guaranteeLabel.${deal.type}`);
  const submitLabel =
    mode.kind === 'create'
      ? t('builder.create')
      : mode.kind === 'round'
        ? t(mode.by === 'them' ? 'builder.saveCounterReceived' : 'builder.saveCounterSent')
        : t('common.save');

  const artistOptions = [
    { value: '', label: t('builder.chooseArtist') },
    ...catalogue.artists.map((a) => ({ value: a.id, label: a.name })),
  ];
  const venueOptions = [
    { value: '', label: t('builder.chooseVenue') },
    ...catalogue.venues.map((v) => ({
      value: v.id,
      label: v.city ? `${v.name} (${v.city})` : v.name,
    })),
  ];

  return (
    <div className="builder">
      <FormShell
        ref={formRef}
        id={formId}
        errors={errors}
        saving={saving}
        onSubmit={() => void submit()}
        onCancel={onCancel}
        submitLabel={submitLabel}
        className="builder-form"
      >
        {round ? (
          <p className="form-note builder-round-note">
            {t(mode.by === 'them' ? 'builder.roundThemLead' : 'builder.roundUsLead')}
          </p>
        ) : (
          <fieldset className="form-section">
            <legend>{t('builder.sections.offer')}</legend>
            <div className="form-grid">
              <SelectField
                id={id('artistId')}
                label={t('builder.artist')}
                value={draft.artistId}
                options={artistOptions}
                required
                error={err('artistId')}
                onChange={(value) => set('artistId', value)}
              />
              <SelectField
                id={id('venueId')}
                label={t('builder.venue')}
                value={draft.venueId}
                options={venueOptions}
                required
                error={err('venueId')}
                hint={mode.kind === 'create' ? t('builder.venueHint') : undefined}
                onChange={pickVenue}
              />
              <TextField
                id={id('date')}
                label={t('builder.date')}
                type="date"
                value={draft.date}
                required
                error={err('date')}
                hint={mode.kind === 'create' ? t('builder.dateHint') : undefined}
                onChange={(value) => set('date', value)}
              />
              <RadioGroup
                id={id('side')}
                legend={t('builder.side')}
                value={draft.side}
                options={SIDES.map((value) => ({ value, label: t(`offers.side.${value}`) }))}
                error={err('side')}
                onChange={(value) => set('side', value)}
                className="radio-compact"
              />
            </div>
          </fieldset>
        )}

        <fieldset className="form-section">
          <legend>{t('builder.sections.type')}</legend>
          <RadioGroup<DealType>
            id={id('deal.type')}
            legend={t('builder.type')}
            value={deal.type}
            options={DEAL_TYPES.map((value) => ({
              value,
              label: t(`deals.types.${value}`),
              hint: t(`deals.typeHints.${value}`),
            }))}
            error={err('deal.type')}
            onChange={(value) => setDeal('type', value)}
            className="radio-cards visually-hidden-legend"
          />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('builder.sections.ticketing')}</legend>
          <div className="form-grid">
            <SelectField<Currency>
              id={id('deal.currency')}
              label={t('currency.label')}
              value={deal.currency}
              options={[
                { value: 'EUR', label: t('currency.EUR') },
                { value: 'CHF', label: t('currency.CHF') },
              ]}
              error={err('deal.currency')}
              onChange={(value) => setDeal('currency', value)}
            />
            <TextField
              {...numberField('capacity')}
              inputMode="numeric"
              label={t('builder.capacity')}
              required
            />
            <TextField {...numberField('ticketPrice')} label={t('builder.ticketPrice')} required />
            <TextField
              {...numberField('ticketVat', 'ticketVatRate')}
              label={t('builder.ticketVat')}
              hint={t('builder.ticketVatHint')}
              required
            />
            <TextField {...numberField('ticketingFeePerTicket')} label={t('builder.ticketingFeePerTicket')} />
            <TextField {...numberField('ticketingFeeRate')} label={t('builder.ticketingFeeRate')} />
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('builder.sections.fee')}</legend>
          <div className="form-grid">
            {usesGuarantee(deal.type) ? (
              <TextField {...numberField('guarantee')} label={guaranteeLabel} required />
            ) : null}
            {usesPercentage(deal.type) ? (
              <>
                <TextField
                  {...numberField('artistPercentage')}
                  label={t('builder.artistPercentage')}
                  required
                />
                {deal.type === 'guaranteePlus' ? (
                  <TextField
                    {...numberField('promoterProfitPercentage')}
                    label={t('builder.promoterProfit')}
                    hint={t('builder.promoterProfitHint')}
                    required
                  />
                ) : (
                  <SelectField<PercentageBase>
                    id={id('deal.percentageBase')}
                    label={t('builder.percentageBase')}
                    value={deal.percentageBase}
                    options={(['netReceipts', 'grossReceipts'] as const).map((value) => ({
                      value,
                      label: t(`deals.base.${value}`),
                    }))}
                    error={err('deal.percentageBase')}
                    hint={t(`deals.baseHints.${deal.percentageBase}`)}
                    onChange={(value) => setDeal('percentageBase', value)}
                  />
                )}
              </>
            ) : null}
          </div>
          {usesPromoterProfit(deal.type) ? (
            <p className="form-note form-note-between">{t('builder.splitPointNote')}</p>
          ) : null}
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('builder.sections.bonuses')}</legend>
          <p className="form-note">{t('builder.bonusesLead')}</p>
          <Rows
            items={deal.bonuses}
            empty={t('builder.noBonus')}
            addLabel={t('builder.addBonus')}
            onAdd={() => {
              setDeal('bonuses', [...deal.bonuses, newBonus()]);
              focusLater(`deal.bonuses.${deal.bonuses.length}.ticketsThreshold`);
            }}
            onRemove={(index) =>
              setDeal(
                'bonuses',
                deal.bonuses.filter((_, i) => i !== index),
              )
            }
            rowLabel={(index) => t('builder.bonusRow', { index: index + 1 })}
            removeLabel={(index) => t('builder.removeBonus', { index: index + 1 })}
            render={(bonus: BonusDraft, index) => (
              <div className="form-grid">
                <TextField
                  id={id(`deal.bonuses.${index}.ticketsThreshold`)}
                  label={t('builder.bonusThreshold')}
                  value={bonus.ticketsThreshold}
                  inputMode="numeric"
                  error={err(`deal.bonuses.${index}.ticketsThreshold`)}
                  onChange={(value) => updateBonus(index, 'ticketsThreshold', value)}
                />
                <TextField
                  id={id(`deal.bonuses.${index}.amount`)}
                  label={t('builder.bonusAmount')}
                  value={bonus.amount}
                  inputMode="decimal"
                  error={err(`deal.bonuses.${index}.amount`)}
                  onChange={(value) => updateBonus(index, 'amount', value)}
                />
              </div>
            )}
          />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('builder.sections.expenses')}</legend>
          <p className="form-note">{t('builder.expensesLead')}</p>
          <Rows
            items={deal.expenses}
            empty={t('builder.noExpense')}
            addLabel={t('builder.addExpense')}
            onAdd={() => {
              setDeal('expenses', [...deal.expenses, newExpense()]);
              focusLater(`deal.expenses.${deal.expenses.length}.label`);
            }}
            onRemove={(index) =>
              setDeal(
                'expenses',
                deal.expenses.filter((_, i) => i !== index),
              )
            }
            rowLabel={(index) => t('builder.expenseRow', { index: index + 1 })}
            removeLabel={(index) => t('builder.removeExpense', { index: index + 1 })}
            render={(expense: ExpenseDraft, index) => (
              <ExpenseRow
                formId={formId}
                prefix={`deal.expenses.${index}`}
                expense={expense}
                errors={errors.fields}
                onChange={(field, value) => updateExpense(index, field, value)}
              />
            )}
          />
        </fieldset>

        {deal.taxes.length > 0 ? (
          <fieldset className="form-section">
            <legend>{t('builder.sections.taxes')}</legend>
            <p className="form-note">{t('builder.taxesLead')}</p>
            <ul className="taxes-list">
              {deal.taxes.map((tax, index) => (
                <li key={`${tax.label}-${index}`}>
                  {t('builder.taxLine', {
                    label: tax.label,
                    percent: formatPercent(tax.rate * 100, 4),
                    base: t(`breakdown.taxBase.${tax.base}`),
                    party: t(`deals.parties.${tax.paidBy}`),
                  })}
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}

        {round ? (
          <fieldset className="form-section">
            <legend>{t('builder.sections.roundNote')}</legend>
            <TextField
              id={id('note')}
              label={t('builder.roundNote')}
              value={draft.note}
              multiline
              rows={3}
              error={err('note')}
              onChange={(value) => set('note', value)}
            />
          </fieldset>
        ) : (
          <fieldset className="form-section">
            <legend>{t('builder.sections.negotiation')}</legend>
            <p className="form-note">{t(`builder.negotiationLead.${draft.side}`)}</p>
            <div className="form-grid">
              <TextField
                id={id('target')}
                label={t('builder.target')}
                value={draft.target}
                inputMode="decimal"
                error={err('target')}
                onChange={(value) => set('target', value)}
              />
              <TextField
                id={id('walkAway')}
                label={t('builder.walkAway')}
                hint={t(`builder.walkAwayHint.${draft.side}`)}
                value={draft.walkAway}
                inputMode="decimal"
                error={err('walkAway')}
                onChange={(value) => set('walkAway', value)}
              />
              <TextField
                id={id('note')}
                label={t('builder.note')}
                value={draft.note}
                multiline
                rows={3}
                className="span-2"
                error={err('note')}
                onChange={(value) => set('note', value)}
              />
            </div>
          </fieldset>
        )}
      </FormShell>
      <aside className="builder-pnl" aria-label={t('pnl.title')}>
        <DealPnl
          deal={live.deal}
          invalidReason={firstProblem}
          {...(offer ? { initialTickets: Math.round(offer.deal.capacity * 0.7) } : {})}
        />
      </aside>
    </div>
  );
}

export function ExpenseRow({
  formId,
  prefix,
  expense,
  errors,
  onChange,
}: {
  formId: string;
  prefix: string;
  expense: ExpenseDraft;
  errors: Record<string, string>;
  onChange<K extends keyof Omit<ExpenseDraft, 'key'>>(field: K, value: ExpenseDraft[K]): void;
}) {
  const { t } = useTranslation();
  const id = (field: string) => fieldId(formId, `${prefix}.${field}`);
  const err = (field: string) => errors[`${prefix}.${field}`];
  return (
    <div className="form-grid expense-grid">
      <TextField
        id={id('label')}
        label={t('builder.expenseLabel')}
        value={expense.label}
        error={err('label')}
        onChange={(value) => onChange('label', value)}
      />
      <SelectField
        id={id('kind')}
        label={t('builder.expenseKind')}
        value={expense.kind}
        options={EXPENSE_KINDS.map((value) => ({ value, label: t(`deals.expenseKinds.${value}`) }))}
        error={err('kind')}
        onChange={(value) => onChange('kind', value)}
      />
      <TextField
        id={id('amount')}
        label={t('builder.expenseAmount')}
        value={expense.amount}
        inputMode="decimal"
        error={err('amount')}
        onChange={(value) => onChange('amount', value)}
      />
      <SelectField<Party>
        id={id('paidBy')}
        label={t('builder.expensePaidBy')}
        value={expense.paidBy}
        options={PARTIES.map((value) => ({ value, label: t(`deals.parties.${value}`) }))}
        error={err('paidBy')}
        onChange={(value) => onChange('paidBy', value)}
      />
      <CheckboxField
        id={id('recoupable')}
        label={t('builder.expenseRecoupable')}
        checked={expense.recoupable}
        disabled={expense.paidBy === 'artist'}
        error={err('recoupable')}
        hint={expense.paidBy === 'artist' ? t('builder.recoupableArtist') : undefined}
        onChange={(value) => onChange('recoupable', value)}
        className="span-2"
      />
    </div>
  );
}

/** Repeatable rows, each a group named "Bonus 1"…, with its remove button; add focuses the new row. */
export function Rows<T extends { key: number }>({
  items,
  empty,
  addLabel,
  onAdd,
  onRemove,
  rowLabel,
  removeLabel,
  render,
}: {
  items: readonly T[];
  empty: string;
  addLabel: string;
  onAdd(): void;
  onRemove(index: number): void;
  rowLabel(index: number): string;
  removeLabel(index: number): string;
  render(item: T, index: number): ReactNode;
}) {
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <div className="rows-editor">
      {items.length === 0 ? <p className="muted">{empty}</p> : null}
      {items.map((item, index) => (
        <fieldset key={item.key} className="contact-row repeat-row">
          <legend className="contact-legend">{rowLabel(index)}</legend>
          {render(item, index)}
          <button
            type="button"
            className="icon-button contact-remove"
            aria-label={removeLabel(index)}
            title={removeLabel(index)}
            onClick={() => {
              onRemove(index);
              requestAnimationFrame(() => addRef.current?.focus());
            }}
          >
            <Icon name="trash" size={16} />
          </button>
        </fieldset>
      ))}
      <button type="button" ref={addRef} className="button button-ghost" onClick={onAdd}>
        <Icon name="plus" size={16} />
        {addLabel}
      </button>
    </div>
  );
}
