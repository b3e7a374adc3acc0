import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Expense } from '../../../../shared/deals';
import type { Offer } from '../../../../shared/offers';
import { api } from '../../api';
import { FormShell } from '../../components/FormShell';
import { Icon } from '../../components/icons';
import { TextField } from '../../components/fields';
import { formatDateTime } from '../../lib/format';
import {
  NO_ERRORS,
  errorCount,
  errorMap,
  focusFirstError,
  issuesOf,
  mergeErrors,
  readNumber,
  toFormErrors,
  type FieldErrors,
  type FormErrors,
} from '../../lib/forms';
import { formatCents, formatCount, formatDayLong, formatPercent } from '../../lib/money';
import { toastError, toastSuccess } from '../../store/toasts';
import { BreakdownTable } from './Breakdown';
import { expensesToDraft, newExpense, type ExpenseDraft } from './draft';
import { ExpenseRow, Rows } from './OfferBuilder';
import { PdfButton } from './PdfButton';

const EXPENSE_FIELD = /^expenses\.\d+\.(label|kind|amount|paidBy|recoupable)$/;
const isField = (path: string) => path === 'ticketsSold' || EXPENSE_FIELD.test(path);

/**
 * After the show: tickets sold and the real costs in, each party's share out (offers.settle), and a
 * printable settlement sheet (the print stylesheet shows only `.print-area`).
 */
export function SettlementPanel({ offer, onSettled }: { offer: Offer; onSettled(offer: Offer): void }) {
  const { t } = useTranslation();
  const formId = useId().replace(/:/g, '') + 'settle';
  const record = offer.settlement;
  const [editing, setEditing] = useState(record === null);
  const [tickets, setTickets] = useState(record ? String(record.ticketsSold) : '');
  const [expenses, setExpenses] = useState<ExpenseDraft[]>(() =>
    expensesToDraft(record?.actualExpenses ?? offer.deal.expenses),
  );
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const capacity = offer.deal.capacity;

  const clearError = (path: string) =>
    setErrors((current) => {
      if (!(path in current.fields)) return current;
      const fields = { ...current.fields };
      delete fields[path];
      return { ...current, fields };
    });

  const submit = async () => {
    const numberErrors: FieldErrors = {};
    const ticketsSold = readNumber(tickets, 'ticketsSold', numberErrors, { integer: true });
    if (ticketsSold === null && !numberErrors.ticketsSold)
      numberErrors.ticketsSold = t('validation.required');
    else if (
      ticketsSold !== null &&
      (!Number.isInteger(ticketsSold) || ticketsSold < 0 || ticketsSold > capacity)
    )
      numberErrors.ticketsSold = t('settlement.ticketsRange', { capacity: formatCount(capacity) });
    const input = expenses.map((e, i) => ({
      label: e.label,
      kind: e.kind,
      amount: readNumber(e.amount, `expenses.${i}.amount`, numberErrors) ?? 0,
      paidBy: e.paidBy,
      recoupable: e.paidBy === 'organiser' && e.recoupable,
    }));
    const parsed = z.array(Expense).max(100).safeParse(input, { error: errorMap });
    const found = mergeErrors(
      { fields: numberErrors, general: [] },
      parsed.success
        ? NO_ERRORS
        : toFormErrors(
            issuesOf(parsed.error).map((issue) => ({ ...issue, path: `expenses.${issue.path}` })),
            isField,
          ),
    );
    if (errorCount(found) > 0 || !parsed.success || ticketsSold === null) {
      setErrors(found);
      focusFirstError(formRef.current);
      return;
    }
    setErrors(NO_ERRORS);
    setSaving(true);
    try {
      const next = await api.invoke('offers.settle', {
        offerId: offer.id,
        ticketsSold,
        actualExpenses: parsed.data,
      });
      toastSuccess(t('settlement.saved'));
      setEditing(false);
      onSettled(next);
    } catch (error) {
      toastError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card settlement" aria-labelledby={`${formId}-title`}>
      <div className="settlement-header">
        <h2 id={`${formId}-title`}>{t('settlement.title')}</h2>
        {record && !editing ? (
          <div className="button-row no-print">
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              <Icon name="printer" size={16} />
              {t('settlement.print')}
            </button>
            <PdfButton offerId={offer.id} kind="settlement" label={t('settlement.pdf')} />
            <button type="button" className="button" onClick={() => setEditing(true)}>
              <Icon name="edit" size={16} />
              {t('settlement.redo')}
            </button>
          </div>
        ) : null}
      </div>

      {editing ? (
        <>
          <p className="card-lead">{t('settlement.lead')}</p>
          <FormShell
            ref={formRef}
            id={formId}
            errors={errors}
            saving={saving}
            submitLabel={t('settlement.compute')}
            onSubmit={() => void submit()}
            onCancel={() => {
              setErrors(NO_ERRORS);
              if (record) setEditing(false);
              else {
                setTickets('');
                setExpenses(expensesToDraft(offer.deal.expenses));
              }
            }}
            className="settlement-form"
          >
            <div className="form-grid">
              <TextField
                id={`${formId}-ticketsSold`}
                label={t('settlement.ticketsSold')}
                hint={t('settlement.ticketsHint', { capacity: formatCount(capacity) })}
                value={tickets}
                inputMode="numeric"
                required
                error={errors.fields.ticketsSold}
                onChange={(value) => {
                  setTickets(value);
                  clearError('ticketsSold');
                }}
              />
            </div>
            <fieldset className="form-section settlement-expenses">
              <legend>{t('settlement.expenses')}</legend>
              <p className="form-note">{t('settlement.expensesLead')}</p>
              <Rows
                items={expenses}
                empty={t('builder.noExpense')}
                addLabel={t('builder.addExpense')}
                onAdd={() => setExpenses((current) => [...current, newExpense()])}
                onRemove={(index) => setExpenses((current) => current.filter((_, i) => i !== index))}
                rowLabel={(index) => t('builder.expenseRow', { index: index + 1 })}
                removeLabel={(index) => t('builder.removeExpense', { index: index + 1 })}
                render={(expense: ExpenseDraft, index) => (
                  <ExpenseRow
                    formId={formId}
                    prefix={`expenses.${index}`}
                    expense={expense}
                    errors={errors.fields}
                    onChange={(field, value) => {
                      setExpenses((current) =>
                        current.map((e, i) => {
                          if (i !== index) return e;
                          const next = { ...e, [field]: value };
                          if (field === 'paidBy' && value === 'artist') next.recoupable = false;
                          return next;
                        }),
                      );
                      clearError(`expenses.${index}.${field}`);
                    }}
                  />
                )}
              />
            </fieldset>
          </FormShell>
        </>
      ) : record ? (
        <div className="print-area" data-testid="settlement-sheet">
          <header className="print-header">
            <p className="print-title">{t('settlement.sheetTitle')}</p>
            <p className="print-show">
              {t('offers.pair', { artist: offer.artistName, venue: offer.venueName })} —{' '}
              {formatDayLong(offer.date)}
            </p>
            <p className="muted">
              {t('settlement.sheetMeta', {
                tickets: formatCount(record.ticketsSold),
                share: capacity > 0 ? formatPercent((record.ticketsSold / capacity) * 100, 0) : '—',
                capacity: formatCount(capacity),
                type: t(`deals.types.${record.settlement.type}`),
              })}
            </p>
          </header>
          <div className="settlement-parties">
            <div className="party-card party-artist">
              <p className="party-name">{t('settlement.artistShare', { name: offer.artistName })}</p>
              <p className="party-amount" data-testid="settlement-artist-total">
                {formatCents(record.settlement.artistTotal, record.settlement.currency)}
              </p>
              <p className="muted">
                {t('settlement.artistResult', {
                  amount: formatCents(record.settlement.artistResult, record.settlement.currency),
                })}
              </p>
            </div>
            <div className="party-card party-organiser">
              <p className="party-name">{t('settlement.organiserShare', { name: offer.venueName })}</p>
              <p
                className={record.settlement.organiserResult < 0 ? 'party-amount negative' : 'party-amount'}
                data-testid="settlement-organiser-result"
              >
                {formatCents(record.settlement.organiserResult, record.settlement.currency)}
              </p>
              <p className="muted">
                {t('settlement.netReceipts', {
                  amount: formatCents(record.settlement.receipts.net, record.settlement.currency),
                })}
              </p>
            </div>
          </div>
          <BreakdownTable settlement={record.settlement} caption={t('settlement.title')} />
          <p className="muted print-footer">
            {t('settlement.settledAt', { date: formatDateTime(record.settledAt) })}
          </p>
        </div>
      ) : null}
    </section>
  );
}
