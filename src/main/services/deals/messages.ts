import type { Deal } from '../../../shared/deals';

// Wording of the negotiation brief and the message drafts, French and English. Each text is a
// function of the facts it states; nothing is sent by the app: the booker copies and edits.

export type Language = 'fr' | 'en';

/**
 * French number formatting puts U+202F (narrow no-break space) between thousands, which the PDF font
 * and many mail clients lack; U+00A0 keeps the number on one line everywhere.
 */
const portableSpaces = (text: string) => text.replace(/\u202f/g, '\u00a0');

export function formatMoney(amount: number, currency: string, language: Language): string {
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  return portableSpaces(new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount));
}

export function formatDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}

const pct = (value: number, language: Language) =>
  `${portableSpaces(new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(value))}\u00a0%`;

/** The deal's terms in one sentence fragment, as a contract or an e-mail would state them. */
export function describeDeal(deal: Deal, language: Language): string {
  const money = (v: number) => formatMoney(v, deal.currency, language);
  const base =
    deal.percentageBase === 'grossReceipts'
      ? language === 'fr'
        ? 'de la recette brute'
        : 'of the gross box office'
      : language === 'fr'
        ? 'de la recette nette'
        : 'of the net box office';
  let terms: string;
  switch (deal.type) {
    case 'flat':
      terms =
        language === 'fr'
          ? `un cachet fixe de ${money(deal.guarantee)} HT`
          : `a flat fee of ${money(deal.guarantee)} excl. VAT`;
      break;
    case 'doorSplit':
      terms =
        language === 'fr'
          ? `${pct(deal.artistPercentage, language)} ${base}`
          : `${pct(deal.artistPercentage, language)} ${base}`;
      break;
    case 'versus':
      terms =
        language === 'fr'
          ? `un minimum garanti de ${money(deal.guarantee)} contre ${pct(deal.artistPercentage, language)} ${base} (le plus favorable des deux)`
          : `a ${money(deal.guarantee)} guarantee versus ${pct(deal.artistPercentage, language)} ${base}, whichever is greater`;
      break;
    case 'guaranteePlus':
      terms =
        language === 'fr'
          ? `un minimum garanti de ${money(deal.guarantee)} plus ${pct(deal.artistPercentage, language)} ${base} au-delà du point de partage`
          : `a ${money(deal.guarantee)} guarantee plus ${pct(deal.artistPercentage, language)} ${base} above the split point`;
      break;
  }
  const bonuses = [...deal.bonuses]
    .sort((a, b) => a.ticketsThreshold - b.ticketsThreshold)
    .map((b) =>
      language === 'fr'
        ? `une prime de ${money(b.amount)} à partir de ${b.ticketsThreshold} billets`
        : `a ${money(b.amount)} bonus from ${b.ticketsThreshold} tickets`,
    );
  const hosted = deal.expenses.some(
    (e) => e.paidBy === 'organiser' && (e.kind === 'hospitality' || e.kind === 'travel'),
  );
  const extras = [
    ...bonuses,
    ...(hosted
      ? [
          language === 'fr'
            ? "l'accueil (repas, hébergement ou transport) à la charge de l'organisateur"
            : 'hospitality (meals, lodging or travel) covered by the organiser',
        ]
      : []),
  ];
  if (extras.length === 0) return terms;
  const joiner = language === 'fr' ? ', avec ' : ', with ';
  return terms + joiner + extras.join(language === 'fr' ? ' et ' : ' and ');
}

export interface DraftFacts {
  language: Language;
  side: 'artist' | 'organiser';
  artistName: string;
  venueName: string;
  city: string;
  date: string;
  contactName: string | null;
  deal: Deal;
  talkingPoints: string[];
}

function greeting(f: DraftFacts): string {
  if (f.language === 'fr') return f.contactName ? `Bonjour ${f.contactName},` : 'Bonjour,';
  return f.contactName ? `Dear ${f.contactName},` : 'Hello,';
}

function points(f: DraftFacts): string {
  if (f.talkingPoints.length === 0) return '';
  const intro =
    f.language === 'fr'
      ? 'Quelques éléments qui plaident pour cette date :'
      : 'A few reasons this date works:';
  return `\n\n${intro}\n${f.talkingPoints.map((p) => `- ${p}`).join('\n')}`;
}

const close = (f: DraftFacts) => (f.language === 'fr' ? '\n\nBien cordialement,' : '\n\nBest regards,');

export function draftMessages(
  f: DraftFacts,
  kinds: readonly ('proposal' | 'followUp' | 'counter' | 'acceptance' | 'decline')[],
) {
  const when = formatDate(f.date, f.language);
  const place = f.city ? `${f.venueName} (${f.city})` : f.venueName;
  const terms = describeDeal(f.deal, f.language);
  const fr = f.language === 'fr';
  const subjectBase = `${f.artistName} — ${place} — ${when}`;
  const texts = {
    proposal: {
      subject: fr ? `Proposition : ${subjectBase}` : `Offer: ${subjectBase}`,
      body: fr
        ? f.side === 'artist'
          ? `${greeting(f)}\n\nJe vous propose ${f.artistName} à ${place} le ${when}, pour ${terms}.${points(f)}\n\nLa date est posée en option de notre côté ; dites-moi si elle vous convient.${close(f)}`
          : `${greeting(f)}\n\nNous aimerions accueillir ${f.artistName} à ${place} le ${when}. Notre proposition : ${terms}.${points(f)}\n\nJe reste disponible pour en parler.${close(f)}`
        : f.side === 'artist'
          ? `${greeting(f)}\n\nI would like to offer ${f.artistName} at ${place} on ${when}, for ${terms}.${points(f)}\n\nWe are holding the date on our side; let me know if it suits you.${close(f)}`
          : `${greeting(f)}\n\nWe would love to host ${f.artistName} at ${place} on ${when}. Our offer: ${terms}.${points(f)}\n\nHappy to discuss.${close(f)}`,
    },
    followUp: {
      subject: fr ? `Relance : ${subjectBase}` : `Following up: ${subjectBase}`,
      body: fr
        ? `${greeting(f)}\n\nJe reviens vers vous au sujet de ${f.artistName} à ${place} le ${when} (${terms}). Avez-vous pu en parler de votre côté ? L'option reste posée pour le moment.${close(f)}`
        : `${greeting(f)}\n\nFollowing up on ${f.artistName} at ${place} on ${when} (${terms}). Have you had a chance to discuss it? We are still holding the date for now.${close(f)}`,
    },
    counter: {
      subject: fr ? `Contre-proposition : ${subjectBase}` : `Counter-offer: ${subjectBase}`,
      body: fr
        ? `${greeting(f)}\n\nMerci pour votre retour. Pour ${f.artistName} le ${when}, nous pouvons vous proposer ${terms}.${points(f)}\n\nJ'espère que nous trouverons un accord rapidement.${close(f)}`
        : `${greeting(f)}\n\nThank you for coming back to us. For ${f.artistName} on ${when}, we can propose ${terms}.${points(f)}\n\nI hope we can agree quickly.${close(f)}`,
    },
    acceptance: {
      subject: fr ? `Accord : ${subjectBase}` : `Agreed: ${subjectBase}`,
      body: fr
        ? `${greeting(f)}\n\nC'est d'accord pour ${f.artistName} à ${place} le ${when}, sur la base de ${terms}. Je vous envoie le contrat dans la foulée.${close(f)}`
        : `${greeting(f)}\n\nWe are happy to confirm ${f.artistName} at ${place} on ${when}, on the basis of ${terms}. The contract will follow shortly.${close(f)}`,
    },
    decline: {
      subject: fr ? `Réponse : ${subjectBase}` : `Reply: ${subjectBase}`,
      body: fr
        ? `${greeting(f)}\n\nMerci pour votre proposition pour ${f.artistName} le ${when}. Nous ne pourrons malheureusement pas donner suite dans ces conditions. Au plaisir de retravailler ensemble sur une autre date.${close(f)}`
        : `${greeting(f)}\n\nThank you for your offer for ${f.artistName} on ${when}. Unfortunately we cannot go ahead on these terms. We hope to work together on another date.${close(f)}`,
    },
  };
  return kinds.map((kind) => ({ kind, ...texts[kind] }));
}
