import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { localizeBreakdownLabel } from '../../shared/deal-labels';
import { AppError } from '../../shared/errors';
import type { Offer } from '../../shared/offers';
import { settle } from './deals/arithmetic';
import { describeDeal, formatDate, formatMoney, type Language } from './deals/messages';

// Deal memo and settlement sheet as PDF (pdfmake, Roboto shipped with it), built from an offer.
// Amounts come from the same arithmetic as the screens, so the paper and the app never disagree.

const require = createRequire(import.meta.url);
let fontsReady = false;

function ensureFonts(): void {
  if (fontsReady) return;
  const fonts = require('pdfmake/fonts/Roboto.js') as Record<string, Record<string, string>>;
  const fontDir = dirname(require.resolve('pdfmake/fonts/Roboto.js'));
  pdfmake.setFonts(fonts);
  // The document reads nothing from disk or network but its own fonts.
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
  pdfmake.setUrlAccessPolicy(() => false);
  fontsReady = true;
}

const TEXT = {
  fr: {
    memo: 'Mémo de l’accord',
    settlement: 'Décompte de la soirée',
    artist: 'Artiste',
    venue: 'Lieu',
    date: 'Date',
    terms: 'Conditions',
    status: 'Statut',
    capacity: 'Jauge',
    price: 'Prix du billet (TTC)',
    rounds: 'Historique de la négociation',
    us: 'Nous',
    them: 'Autre partie',
    action: { sent: 'envoyée', countered: 'contre-proposition', accepted: 'acceptée', declined: 'refusée' },
    receipts: 'Recettes',
    artistCol: 'Artiste',
    organiserCol: 'Organisateur',
    ticketsSold: 'Billets vendus',
    expectedAt: (n: number) => `Projection à ${n} billets (70 % de la jauge)`,
    generated: (d: string) => `Document établi par Flow Stage le ${d}`,
    page: (p: number, n: number) => `Page ${p} / ${n}`,
    notSettled:
      'Cette offre n’a pas encore de décompte : il faut une offre acceptée et la billetterie de la soirée.',
  },
  en: {
    memo: 'Deal memo',
    settlement: 'Show settlement',
    artist: 'Artist',
    venue: 'Venue',
    date: 'Date',
    terms: 'Terms',
    status: 'Status',
    capacity: 'Capacity',
    price: 'Ticket price (incl. VAT)',
    rounds: 'Negotiation history',
    us: 'Us',
    them: 'Other side',
    action: { sent: 'sent', countered: 'countered', accepted: 'accepted', declined: 'declined' },
    receipts: 'Receipts',
    artistCol: 'Artist',
    organiserCol: 'Organiser',
    ticketsSold: 'Tickets sold',
    expectedAt: (n: number) => `Projection at ${n} tickets (70 % of capacity)`,
    generated: (d: string) => `Prepared with Flow Stage on ${d}`,
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    notSettled: 'This offer has no settlement yet: it needs an accepted offer and the night’s ticket count.',
  },
} as const;

function breakdownTable(settlement: ReturnType<typeof settle>, language: Language): Content {
  const money = (cents: number) => formatMoney(cents / 100, settlement.currency, language);
  const t = TEXT[language];
  const sections: Content[] = [];
  for (const party of ['receipts', 'artist', 'organiser'] as const) {
    const lines = settlement.breakdown.filter((l) => l.party === party);
    if (lines.length === 0) continue;
    sections.push({
      text: party === 'receipts' ? t.receipts : party === 'artist' ? t.artistCol : t.organiserCol,
      style: 'h2',
    });
    sections.push({
      table: {
        widths: ['*', 110],
        body: lines.map((l) => [
          { text: localizeBreakdownLabel(l.label, language), bold: l.subtotal },
          { text: money(l.amount), alignment: 'right', bold: l.subtotal },
        ]),
      },
      layout: 'lightHorizontalLines',
    });
  }
  return sections;
}

export function dealDocument(
  offer: Offer,
  kind: 'dealMemo' | 'settlement',
  language: Language,
): TDocumentDefinitions {
  const t = TEXT[language];
  const fmtMoney = (v: number) => formatMoney(v, offer.deal.currency, language);
  const today = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' }).format(
    new Date(),
  );
  const facts: Content = {
    table: {
      widths: [150, '*'],
      body: [
        [t.artist, offer.artistName],
        [t.venue, offer.venueName],
        [t.date, formatDate(offer.date, language)],
        [t.terms, describeDeal(offer.deal, language)],
        [t.capacity, String(offer.deal.capacity)],
        [t.price, fmtMoney(offer.deal.ticketPrice)],
      ].map(([a, b]) => [{ text: a!, bold: true }, b!]),
    },
    layout: 'noBorders',
  };
  const content: Content[] = [{ text: kind === 'dealMemo' ? t.memo : t.settlement, style: 'h1' }, facts];
  if (kind === 'settlement') {
    if (!offer.settlement) throw new AppError('CONFLICT', t.notSettled);
    content.push({ text: `${t.ticketsSold} : ${offer.settlement.ticketsSold}`, margin: [0, 12, 0, 0] });
    content.push(breakdownTable(offer.settlement.settlement, language));
  } else {
    const projected = Math.round(offer.deal.capacity * 0.7);
    content.push({ text: t.expectedAt(projected), style: 'h2' });
    content.push(breakdownTable(settle(offer.deal, projected), language));
    if (offer.rounds.length > 0) {
      content.push({ text: t.rounds, style: 'h2' });
      content.push({
        ul: offer.rounds.map((r) => {
          const when = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
            dateStyle: 'medium',
            timeStyle: 'short',
          }).format(new Date(r.at));
          return `${when} — ${r.by === 'us' ? t.us : t.them} : ${t.action[r.action]} — ${describeDeal(r.deal, language)}${r.note ? ` (${r.note})` : ''}`;
        }),
      });
    }
  }
  return {
    info: {
      title: `${kind === 'dealMemo' ? t.memo : t.settlement} — ${offer.artistName} — ${offer.venueName} — ${offer.date}`,
      author: 'Flow Stage',
      creator: 'Flow Stage',
      creationDate: new Date(),
    },
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    styles: {
      h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 12] },
      h2: { fontSize: 12, bold: true, margin: [0, 14, 0, 6] },
    },
    content,
    footer: (page, pages) => ({
      columns: [
        { text: t.generated(today), fontSize: 8, color: '#666' },
        { text: t.page(page, pages), alignment: 'right', fontSize: 8, color: '#666' },
      ],
      margin: [48, 16, 48, 0],
    }),
  };
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  ensureFonts();
  return pdfmake.createPdf(definition).getBuffer();
}
