import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal } from '../../../../shared/deals';
import type { HoldView, Offer, OfferStatus, RoundParty } from '../../../../shared/offers';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DetailItem } from '../../components/Detail';
import { Icon } from '../../components/icons';
import { formatAmount, formatCount, formatDayLong, formatPercent } from '../../lib/money';
import { toastError, toastSuccess } from '../../store/toasts';
import { NegotiationBriefCard } from './Brief';
import { DealPnl } from './DealPnl';
import { usesGuarantee, usesPercentage, usesPromoterProfit } from './draft';
import { NegotiationActions, NegotiationTimeline, ZoneOfAgreement } from './Negotiation';
import { PdfButton } from './PdfButton';
import { PrepareContractButton } from '../contracts/PrepareContractButton';
import { SettlementPanel } from './Settlement';
import { holdLevel } from './text';
import { i18next } from '../../i18n';

export function StatusChip({ status }: { status: OfferStatus }) {
  const { t } = useTranslation();
  return <span className={`status-chip status-${status}`}>{t(`offers.status.${status}`)}</span>;
}

const EDITABLE = new Set<OfferStatus>(['draft', 'sent', 'countered']);

interface OfferDetailProps {
  offerId: string;
  /** Bumped by the section after a save elsewhere (builder), to reload. */
  version: number;
  onEdit(offer: Offer): void;
  onCounter(offer: Offer, by: RoundParty): void;
  onDeleted(): void;
  onLoaded(offer: Offer): void;
}

export function OfferDetail({ offerId, version, onEdit, onCounter, onDeleted, onLoaded }: OfferDetailProps) {
  const { t } = useTranslation();
  const [offer, setOffer] = useState<Offer | null>(null);
  const [failed, setFailed] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [doorSplitTotal, setDoorSplitTotal] = useState<number | null>(null);

  const show = useCallback(
    (next: Offer) => {
      setOffer(next);
      onLoaded(next);
    },
    [onLoaded],
  );

  useEffect(() => {
    let live = true;
    api.invoke('offers.get', { id: offerId }).then(
      (value) => {
        if (live) show(value);
      },
      (error: unknown) => {
        if (!live) return;
        setFailed(true);
        toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [offerId, version, show]);

  if (!offer) {
    return <p className="muted panel-hint">{failed ? t('offers.loadFailed') : t('app.loading')}</p>;
  }

  const remove = async () => {
    setDeleting(true);
    try {
      await api.invoke('offers.delete', { id: offer.id });
      toastSuccess(t('offers.deleted'));
      onDeleted();
    } catch (error) {
      toastError(error);
    } finally {
      setDeleting(false);
      setConfirmDelete(false);
    }
  };

  const settled = offer.status === 'accepted' || offer.status === 'settled';

  return (
    <article className="offer-detail" aria-labelledby="offer-detail-title">
      <header className="offer-header">
        <div>
          <h2 className="panel-title offer-title" id="offer-detail-title" tabIndex={-1}>
            {t('offers.pair', { artist: offer.artistName, venue: offer.venueName })}
          </h2>
          <p className="offer-meta">
            <StatusChip status={offer.status} />
            <span>{formatDayLong(offer.date)}</span>
            {offer.holdId ? (
              <HoldBadge
                holdId={offer.holdId}
                date={offer.date}
                venueId={offer.venueId}
                version={offer.updatedAt}
              />
            ) : null}
            <span className="muted">{t(`offers.sideShort.${offer.side}`)}</span>
          </p>
        </div>
        <div className="panel-actions">
          <PdfButton offerId={offer.id} kind="dealMemo" label={t('offers.memoPdf')} />
          {settled ? <PrepareContractButton offerId={offer.id} /> : null}
          {EDITABLE.has(offer.status) ? (
            <button type="button" className="button" onClick={() => onEdit(offer)}>
              <Icon name="edit" size={16} />
              {t('common.edit')}
            </button>
          ) : null}
          {offer.status !== 'settled' ? (
            <button
              type="button"
              className="button button-danger-ghost"
              onClick={() => setConfirmDelete(true)}
            >
              <Icon name="trash" size={16} />
              {t('common.delete')}
            </button>
          ) : null}
        </div>
      </header>

      {settled ? <SettlementPanel key={offer.updatedAt} offer={offer} onSettled={show} /> : null}

      <div className="offer-columns">
        <div className="offer-main">
          <section className="card" aria-labelledby="negotiation-title">
            <h2 id="negotiation-title">{t('negotiation.title')}</h2>
            <NegotiationActions
              key={offer.updatedAt}
              offer={offer}
              onChanged={show}
              onCounter={(by) => onCounter(offer, by)}
            />
            <h3 className="subheading">{t('zone.title')}</h3>
            <ZoneOfAgreement offer={offer} doorSplitTotal={doorSplitTotal} />
            <h3 className="subheading">{t('negotiation.timeline')}</h3>
            <NegotiationTimeline offer={offer} />
          </section>
          {offer.status !== 'settled' ? <NegotiationBriefCard offer={offer} /> : null}
          <section className="card" aria-labelledby="terms-title">
            <h2 id="terms-title">{t('offers.currentTerms')}</h2>
            <TermsList deal={offer.deal} />
            {offer.note ? <p className="notes offer-note">{offer.note}</p> : null}
          </section>
        </div>
        <div className="offer-side">
          <section className="card">
            <DealPnl
              key={offer.updatedAt}
              deal={offer.deal}
              onEvaluated={(evaluation) => setDoorSplitTotal(evaluation.settlement.artistTotal / 100)}
            />
          </section>
        </div>
      </div>

      {confirmDelete ? (
        <ConfirmDialog
          title={t('offers.deleteTitle', { artist: offer.artistName, venue: offer.venueName })}
          body={t('offers.deleteBody')}
          confirmLabel={deleting ? t('common.deleting') : t('common.delete')}
          cancelLabel={t('common.cancel')}
          danger
          busy={deleting}
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        />
      ) : null}
    </article>
  );
}

export function TermsList({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const money = (value: number) => formatAmount(value, deal.currency);
  const fees = [
    deal.ticketingFeePerTicket > 0
      ? t('offers.feePerTicket', { amount: money(deal.ticketingFeePerTicket) })
      : '',
    deal.ticketingFeeRate > 0 ? formatPercent(deal.ticketingFeeRate * 100, 4) : '',
  ]
    .filter(Boolean)
    .join(' + ');
  const byPayer = (payer: 'organiser' | 'artist') => {
    const items = deal.expenses.filter((e) => e.paidBy === payer);
    if (items.length === 0) return null;
    const total = items.reduce((sum, e) => sum + Math.round(e.amount * 100), 0) / 100;
    return t('offers.expensesSummary', { count: items.length, total: money(total) });
  };
  return (
    <dl className="detail-grid terms-grid">
      <DetailItem label={t('builder.type')} wide>
        {t(`deals.types.${deal.type}`)}
      </DetailItem>
      {usesGuarantee(deal.type) ? (
        <DetailItem label={t(`builder.guaranteeLabel.${deal.type}`)}>{money(deal.guarantee)}</DetailItem>
      ) : null}
      {usesPercentage(deal.type) ? (
        <DetailItem label={t('builder.artistPercentage')}>
          {t('offers.percentOf', {
            percent: formatPercent(deal.artistPercentage, 4),
            base: t(`deals.baseOf.${deal.type === 'guaranteePlus' ? 'netReceipts' : deal.percentageBase}`),
          })}
        </DetailItem>
      ) : null}
      {usesPromoterProfit(deal.type) ? (
        <DetailItem label={t('builder.promoterProfit')}>
          {formatPercent(deal.promoterProfitPercentage, 4)}
        </DetailItem>
      ) : null}
      <DetailItem label={t('builder.ticketPrice')}>{money(deal.ticketPrice)}</DetailItem>
      <DetailItem label={t('builder.capacity')}>{formatCount(deal.capacity)}</DetailItem>
      <DetailItem label={t('builder.ticketVat')}>{formatPercent(deal.ticketVatRate * 100, 4)}</DetailItem>
      <DetailItem label={t('offers.fees')}>{fees || t('offers.none')}</DetailItem>
      <DetailItem label={t('builder.sections.bonuses')} wide>
        {deal.bonuses.length
          ? deal.bonuses
              .map((b) =>
                t('negotiation.bonusAt', {
                  amount: money(b.amount),
                  tickets: formatCount(b.ticketsThreshold),
                }),
              )
              .join(', ')
          : t('offers.none')}
      </DetailItem>
      <DetailItem label={t('offers.organiserExpenses')}>
        {byPayer('organiser') ?? t('offers.none')}
      </DetailItem>
      <DetailItem label={t('offers.artistExpenses')}>{byPayer('artist') ?? t('offers.none')}</DetailItem>
    </dl>
  );
}

/** The offer's hold on its date, as the calendar shows it ("2e option", "Confirmée"). */
function HoldBadge({
  holdId,
  date,
  venueId,
  version,
}: {
  holdId: string;
  date: string;
  venueId: string;
  version: string;
}) {
  const [hold, setHold] = useState<HoldView | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke('holds.list', { from: date, to: date, venueId }).then(
      (value) => {
        if (live) setHold(value.holds.find((h) => h.id === holdId) ?? null);
      },
      () => {
        // The badge is a hint; the calendar reports errors.
      },
    );
    return () => {
      live = false;
    };
  }, [holdId, date, venueId, version]);
  if (!hold || hold.status === 'released') return null;
  const label = hold.status === 'confirmed' ? i18next.t('holds.status.confirmed') : holdLevel(hold.level);
  const className =
    hold.status === 'confirmed'
      ? 'hold-badge hold-confirmed'
      : `hold-badge ${hold.level === 1 ? 'hold-first' : 'hold-later'}${hold.status === 'challenged' ? ' hold-challenged' : ''}`;
  return (
    <span className={className} title={i18next.t('offers.holdBadge')} data-testid="offer-hold">
      {label}
    </span>
  );
}
