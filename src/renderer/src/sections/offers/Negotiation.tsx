import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal } from '../../../../shared/deals';
import type { Offer, Round, RoundAction, RoundParty } from '../../../../shared/offers';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/icons';
import { TextField } from '../../components/fields';
import { formatDateTime } from '../../lib/format';
import { i18next } from '../../i18n';
import { formatAmount, formatAmountDelta, formatCount, formatPercent } from '../../lib/money';
import { toastError, toastSuccess } from '../../store/toasts';
import { usesGuarantee, usesPercentage } from './draft';
import { dealTerms } from './text';

/** Who "they" are: the organiser when the booker sells the artist, the artist's side otherwise. */
export function counterpartName(offer: Pick<Offer, 'side' | 'artistName' | 'venueName'>): string {
  return offer.side === 'artist' ? offer.venueName : offer.artistName;
}

export function partyName(offer: Offer, by: RoundParty): string {
  return by === 'us' ? i18next.t('negotiation.us') : counterpartName(offer);
}

// ---- Differences between two rounds -------------------------------------------------------------------

export interface TermChange {
  label: string;
  before: string;
  after: string;
  delta?: string;
}

const expenseTotal = (deal: Deal, payer: 'organiser' | 'artist') =>
  deal.expenses.filter((e) => e.paidBy === payer).reduce((sum, e) => sum + Math.round(e.amount * 100), 0) /
  100;

const bonusText = (deal: Deal) =>
  deal.bonuses.length === 0
    ? i18next.t('negotiation.noBonus')
    : deal.bonuses
        .map((b) =>
          i18next.t('negotiation.bonusAt', {
            amount: formatAmount(b.amount, deal.currency),
            tickets: formatCount(b.ticketsThreshold),
          }),
        )
        .join(', ');

/** What changed from one round's terms to the next, in the words of the form. */
export function diffDeals(before: Deal, after: Deal): TermChange[] {
  const t = i18next.t;
  const changes: TermChange[] = [];
  const money = (value: number) => formatAmount(value, after.currency);
  const amount = (label: string, a: number, b: number) => {
    if (a !== b)
      changes.push({
        label,
        before: money(a),
        after: money(b),
        delta: formatAmountDelta(b - a, after.currency),
      });
  };
  const percent = (label: string, a: number, b: number) => {
    if (a !== b) {
      const points = Number((b - a).toFixed(4));
      changes.push({
        label,
        before: formatPercent(a, 4),
        after: formatPercent(b, 4),
        delta: t('negotiation.points', {
          value: `${points > 0 ? '+' : '−'}${formatCount(Math.abs(points))}`,
        }),
      });
    }
  };
  if (before.type !== after.type) {
    changes.push({
      label: t('negotiation.terms.type'),
      before: t(`deals.typesShort.${before.type}`),
      after: t(`deals.typesShort.${after.type}`),
    });
  }
  if (before.currency !== after.currency) {
    changes.push({ label: t('currency.label'), before: before.currency, after: after.currency });
  }
  amount(t('negotiation.terms.guarantee'), before.guarantee, after.guarantee);
  percent(t('negotiation.terms.percentage'), before.artistPercentage, after.artistPercentage);
  if (before.percentageBase !== after.percentageBase && usesPercentage(after.type)) {
    changes.push({
      label: t('negotiation.terms.base'),
      before: t(`deals.base.${before.percentageBase}`),
      after: t(`deals.base.${after.percentageBase}`),
    });
  }
  if (after.type === 'guaranteePlus' || before.type === 'guaranteePlus') {
    percent(
      t('negotiation.terms.promoterProfit'),
      before.promoterProfitPercentage,
      after.promoterProfitPercentage,
    );
  }
  amount(t('negotiation.terms.ticketPrice'), before.ticketPrice, after.ticketPrice);
  if (before.capacity !== after.capacity) {
    changes.push({
      label: t('negotiation.terms.capacity'),
      before: formatCount(before.capacity),
      after: formatCount(after.capacity),
    });
  }
  percent(t('negotiation.terms.vat'), before.ticketVatRate * 100, after.ticketVatRate * 100);
  amount(t('negotiation.terms.feePerTicket'), before.ticketingFeePerTicket, after.ticketingFeePerTicket);
  percent(t('negotiation.terms.feeRate'), before.ticketingFeeRate * 100, after.ticketingFeeRate * 100);
  const beforeBonuses = bonusText(before);
  const afterBonuses = bonusText(after);
  if (beforeBonuses !== afterBonuses) {
    changes.push({ label: t('negotiation.terms.bonuses'), before: beforeBonuses, after: afterBonuses });
  }
  amount(
    t('negotiation.terms.organiserCosts'),
    expenseTotal(before, 'organiser'),
    expenseTotal(after, 'organiser'),
  );
  amount(t('negotiation.terms.artistCosts'), expenseTotal(before, 'artist'), expenseTotal(after, 'artist'));
  return changes;
}

// ---- Timeline -------------------------------------------------------------------------------------------

function RoundTerms({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  return (
    <p className="round-terms">
      <span className="round-type">{t(`deals.typesShort.${deal.type}`)}</span>
      <span>{dealTerms(deal)}</span>
      <span className="muted">
        {t('negotiation.ticketLine', {
          price: formatAmount(deal.ticketPrice, deal.currency),
          capacity: formatCount(deal.capacity),
        })}
      </span>
    </p>
  );
}

export function NegotiationTimeline({ offer }: { offer: Offer }) {
  const { t } = useTranslation();
  if (offer.rounds.length === 0) {
    return <p className="muted timeline-empty">{t('negotiation.noRound')}</p>;
  }
  return (
    <ol className="timeline" aria-label={t('negotiation.timelineLabel')}>
      {offer.rounds.map((round, index) => {
        const previous = index > 0 ? offer.rounds[index - 1] : undefined;
        const changes =
          previous && round.action !== 'accepted' && round.action !== 'declined'
            ? diffDeals(previous.deal, round.deal)
            : [];
        return (
          <li key={round.id} className={`timeline-item timeline-${round.by} timeline-${round.action}`}>
            <span className="timeline-dot" aria-hidden="true">
              <Icon name={roundIcon(round)} size={14} />
            </span>
            <div className="timeline-body">
              <p className="timeline-head">
                <strong>
                  {t(`negotiation.actions.${round.action}`, { who: partyName(offer, round.by) })}
                </strong>
                <time dateTime={round.at} className="muted">
                  {formatDateTime(round.at)}
                </time>
              </p>
              <RoundTerms deal={round.deal} />
              {changes.length > 0 ? (
                <ul className="round-diff" aria-label={t('negotiation.changesLabel')}>
                  {changes.map((change) => (
                    <li key={change.label}>
                      <span className="diff-label">{change.label}</span> {change.before} →{' '}
                      <strong>{change.after}</strong>
                      {change.delta ? <span className="diff-delta"> ({change.delta})</span> : null}
                    </li>
                  ))}
                </ul>
              ) : previous && round.action === 'countered' ? (
                <p className="muted round-same">{t('negotiation.sameTerms')}</p>
              ) : null}
              {round.note ? <p className="round-note notes">{round.note}</p> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function roundIcon(round: Round) {
  switch (round.action) {
    case 'sent':
      return 'offers' as const;
    case 'countered':
      return 'swap' as const;
    case 'accepted':
      return 'check' as const;
    case 'declined':
      return 'close' as const;
  }
}

// ---- Actions --------------------------------------------------------------------------------------------

const OPEN_STATUSES = new Set(['draft', 'sent', 'countered']);

export function NegotiationActions({
  offer,
  onChanged,
  onCounter,
}: {
  offer: Offer;
  onChanged(offer: Offer): void;
  onCounter(by: RoundParty): void;
}) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDecline, setConfirmDecline] = useState(false);

  if (!OPEN_STATUSES.has(offer.status)) {
    return (
      <p className="negotiation-closed muted">
        {t(`negotiation.closed.${offer.status as 'accepted' | 'declined' | 'cancelled' | 'settled'}`)}
      </p>
    );
  }

  const last = offer.rounds[offer.rounds.length - 1];
  // Whoever did not make the last move answers it.
  const answerBy: RoundParty = last?.by === 'us' ? 'them' : 'us';
  const counterpart = counterpartName(offer);

  const addRound = async (by: RoundParty, action: RoundAction) => {
    setBusy(true);
    try {
      const next = await api.invoke('offers.addRound', {
        offerId: offer.id,
        by,
        action,
        ...(action === 'sent' ? { deal: offer.deal } : {}),
        note,
      });
      setNote('');
      toastSuccess(t(`negotiation.done.${action}`, { who: partyName(offer, by) }));
      onChanged(next);
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };

  const canAnswer = offer.status === 'sent' || offer.status === 'countered';
  return (
    <div className="negotiation-actions">
      <div className="button-row">
        {offer.status === 'draft' ? (
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void addRound('us', 'sent')}
          >
            <Icon name="offers" size={16} />
            {t('negotiation.send')}
          </button>
        ) : null}
        {canAnswer ? (
          <>
            <button
              type="button"
              className="button button-success"
              disabled={busy}
              onClick={() => void addRound(answerBy, 'accepted')}
            >
              <Icon name="check" size={16} />
              {answerBy === 'us'
                ? t('negotiation.accept')
                : t('negotiation.acceptedBy', { who: counterpart })}
            </button>
            <button
              type="button"
              className="button button-danger-ghost"
              disabled={busy}
              onClick={() => setConfirmDecline(true)}
            >
              <Icon name="close" size={16} />
              {answerBy === 'us'
                ? t('negotiation.decline')
                : t('negotiation.declinedBy', { who: counterpart })}
            </button>
          </>
        ) : null}
      </div>
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => onCounter('them')}>
          <Icon name="swap" size={16} />
          {t('negotiation.counterReceivedButton')}
        </button>
        {offer.status === 'countered' && last?.by === 'them' ? (
          <button type="button" className="button" disabled={busy} onClick={() => onCounter('us')}>
            <Icon name="edit" size={16} />
            {t('negotiation.counterUs')}
          </button>
        ) : null}
      </div>
      <TextField
        id={noteId}
        label={t('negotiation.note')}
        hint={t('negotiation.noteHint')}
        value={note}
        multiline
        rows={2}
        onChange={setNote}
        className="negotiation-note"
      />
      {confirmDecline ? (
        <ConfirmDialog
          title={t('negotiation.declineTitle')}
          body={t(answerBy === 'us' ? 'negotiation.declineBodyUs' : 'negotiation.declineBodyThem', {
            who: counterpart,
          })}
          confirmLabel={t('negotiation.declineConfirm')}
          cancelLabel={t('common.cancel')}
          danger
          busy={busy}
          onConfirm={() => {
            setConfirmDecline(false);
            void addRound(answerBy, 'declined');
          }}
          onCancel={() => setConfirmDecline(false)}
        />
      ) : null}
    </div>
  );
}

// ---- Zone of agreement ---------------------------------------------------------------------------------

/** The amount a deal is judged by: its guarantee, or the artist's total at the chosen count for a door split. */
export function headlineAmount(deal: Deal, doorSplitTotal: number | null): number | null {
  return usesGuarantee(deal.type) ? deal.guarantee : doorSplitTotal;
}

export function ZoneOfAgreement({ offer, doorSplitTotal }: { offer: Offer; doorSplitTotal: number | null }) {
  const { t } = useTranslation();
  const { target, walkAway, side } = offer;
  const currency = offer.deal.currency;
  const value = headlineAmount(offer.deal, doorSplitTotal);
  const money = (amount: number) => formatAmount(amount, currency);

  if (target === null && walkAway === null) {
    return <p className="muted">{t('zone.empty')}</p>;
  }

  const history = offer.rounds
    .filter((r) => r.action === 'sent' || r.action === 'countered')
    .map((r) => ({ by: r.by, amount: usesGuarantee(r.deal.type) ? r.deal.guarantee : null, id: r.id }))
    .filter((r): r is { by: RoundParty; amount: number; id: string } => r.amount !== null);

  const points = [target, walkAway, value, ...history.map((h) => h.amount)].filter(
    (v): v is number => v !== null,
  );
  const min = Math.min(...points);
  const max = Math.max(...points);
  const pad = Math.max((max - min) * 0.2, max * 0.1, 1);
  const lo = Math.max(0, min - pad);
  const hi = max + pad;
  const pos = (amount: number) => `${(((amount - lo) / (hi - lo)) * 100).toFixed(2)}%`;

  // An agency wants more (walk-away is a floor), a venue wants less (walk-away is a ceiling).
  const better = (a: number, b: number) => (side === 'artist' ? a >= b : a <= b);
  let verdict: string;
  let tone: 'good' | 'ok' | 'bad' | 'none';
  if (value === null) {
    verdict = t('zone.noValue');
    tone = 'none';
  } else if (target !== null && better(value, target)) {
    verdict = t('zone.reachesTarget', { value: money(value) });
    tone = 'good';
  } else if (walkAway !== null && !better(value, walkAway)) {
    verdict = t(`zone.beyondWalkAway.${side}`, { value: money(value), walkAway: money(walkAway) });
    tone = 'bad';
  } else if (target !== null) {
    verdict = t('zone.between', { value: money(value), gap: money(Math.abs(target - value)) });
    tone = 'ok';
  } else {
    verdict = t('zone.withinWalkAway', { value: money(value) });
    tone = 'ok';
  }

  const zone =
    walkAway === null
      ? null
      : side === 'artist'
        ? { left: pos(walkAway), right: '0%' }
        : { left: '0%', right: `${(100 - Number.parseFloat(pos(walkAway))).toFixed(2)}%` };

  return (
    <div className="zone">
      <div className="zone-bar" role="img" aria-label={verdict}>
        {zone ? <span className="zone-fill" style={{ left: zone.left, right: zone.right }} /> : null}
        {history.map((h) => (
          <span
            key={h.id}
            className={`zone-tick zone-tick-${h.by}`}
            style={{ left: pos(h.amount) }}
            title={`${partyName(offer, h.by)} : ${money(h.amount)}`}
          />
        ))}
        {walkAway !== null ? (
          <span className="zone-mark zone-walkaway" style={{ left: pos(walkAway) }}>
            <span className="zone-mark-label">
              {t('zone.walkAway')} <strong>{money(walkAway)}</strong>
            </span>
          </span>
        ) : null}
        {target !== null ? (
          <span className="zone-mark zone-target" style={{ left: pos(target) }}>
            <span className="zone-mark-label">
              {t('zone.target')} <strong>{money(target)}</strong>
            </span>
          </span>
        ) : null}
        {value !== null ? (
          <span className="zone-current" style={{ left: pos(value) }}>
            <span className="zone-current-label">
              {t('zone.current')} <strong>{money(value)}</strong>
            </span>
          </span>
        ) : null}
      </div>
      <p className={`zone-verdict zone-${tone}`} data-testid="zone-verdict">
        {verdict}
      </p>
      <ul className="zone-legend muted">
        <li>
          <span className="zone-key zone-key-fill" aria-hidden="true" /> {t(`zone.legendZone.${side}`)}
        </li>
        {history.length > 0 ? (
          <li>
            <span className="zone-key zone-key-us" aria-hidden="true" /> {t('zone.legendUs')}{' '}
            <span className="zone-key zone-key-them" aria-hidden="true" />{' '}
            {t('zone.legendThem', { who: counterpartName(offer) })}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
