import { createHash } from 'node:crypto';
import type {
  ChecklistItem,
  ContractDraft,
  ContractKind,
  ContractLanguage,
  LegalCountry,
  MoneyLine,
} from '../../../shared/legal';
import { formatCents, formatLongDate, formatPercent, formatPpm, formatTime } from './format';

// The clause library: per contract type and country, French text with its English translation, each
// clause a template over named variables ({{fee}}, {{organiser}}…). Optional clauses follow the
// draft's choices; the cancellation clause follows the parties' history (a stricter deposit once a
// show between them was cancelled). Sources of the clause lists: the research note, § 2.

export interface ClauseTemplate {
  id: string;
  kinds?: readonly ContractKind[];
  countries?: readonly LegalCountry[];
  /** Included only when this holds (optional clauses, variants). */
  when?: (d: ContractDraft) => boolean;
  title: { fr: string; en: string };
  body: { fr: string; en: string };
}

export interface Clause {
  id: string;
  title: string;
  /** Paragraphs, typographic rules not yet applied (the PDF applies them). */
  paragraphs: string[];
}

const ALL_KINDS: readonly ContractKind[] = ['cession', 'engagement', 'coRealisation'];
const SELLING: readonly ContractKind[] = ['cession', 'coRealisation'];

export const CLAUSE_LIBRARY: readonly ClauseTemplate[] = [
  {
    id: 'recitals',
    kinds: SELLING,
    title: { fr: 'Préambule', en: 'Recitals' },
    body: {
      fr: '{{producerShort}} détient les droits d’exploitation du spectacle « {{showTitle}} » et a engagé les artistes et techniciens nécessaires à sa représentation.\n{{organiserShort}} dispose du lieu de représentation et déclare en connaître les caractéristiques ; il a pris connaissance de la fiche technique du spectacle et l’accepte.',
      en: '{{producerShort}} holds the performance rights of the show "{{showTitle}}" and has hired the artists and crew it requires.\n{{organiserShort}} has the use of the venue and knows its specifications; it has read and accepts the show’s technical rider.',
    },
  },
  {
    id: 'object.cession',
    kinds: ['cession'],
    title: { fr: 'Objet', en: 'Purpose' },
    body: {
      fr: 'Par le présent contrat, {{producerShort}} cède à {{organiserShort}} le droit d’exploitation du spectacle « {{showTitle}} » pour {{performancesText}} dans les conditions définies ci-après. Le présent contrat ne crée aucune société ni association en participation entre les parties.',
      en: 'Under this contract, {{producerShort}} grants {{organiserShort}} the right to present the show "{{showTitle}}" for {{performancesText}} on the terms below. This contract creates no partnership between the parties.',
    },
  },
  {
    id: 'object.coRealisation',
    kinds: ['coRealisation'],
    title: { fr: 'Objet', en: 'Purpose' },
    body: {
      fr: 'Les parties s’associent pour présenter le spectacle « {{showTitle}} » ({{performancesText}}) et en partager la recette selon l’article « Conditions financières ». {{producerShort}} apporte le spectacle prêt à être représenté ; {{organiserShort}} apporte le lieu en ordre de marche, son personnel et la billetterie.',
      en: 'The parties join to present the show "{{showTitle}}" ({{performancesText}}) and share its box office as set out under "Financial terms". {{producerShort}} provides the show ready to perform; {{organiserShort}} provides the venue in working order, its staff and the ticketing.',
    },
  },
  {
    id: 'object.engagement',
    kinds: ['engagement'],
    title: { fr: 'Objet et nature de l’engagement', en: 'Purpose and nature of the engagement' },
    body: {
      fr: '{{organiserShort}} engage, en qualité d’employeur, les artistes du spectacle désignés ci-dessous pour {{performancesText}} du spectacle « {{showTitle}} ». Conformément à l’article L7121-3 du Code du travail, ce contrat est un contrat de travail à durée déterminée d’usage.\nArtistes engagés : {{performersList}}.',
      en: '{{organiserShort}} hires, as employer, the performers named below for {{performancesText}} of the show "{{showTitle}}". Under article L7121-3 of the French Labour Code this is a fixed-term employment contract (CDD d’usage).\nPerformers: {{performersList}}.',
    },
  },
  {
    id: 'performances',
    title: { fr: 'Représentation', en: 'Performance' },
    body: {
      fr: 'Date : {{date}}. Lieu : {{venue}}, {{venueAddress}}.\nHoraires : {{schedule}}. Durée du spectacle : {{setLength}}.\nJauge : {{capacity}}.',
      en: 'Date: {{date}}. Venue: {{venue}}, {{venueAddress}}.\nSchedule: {{schedule}}. Set length: {{setLength}}.\nCapacity: {{capacity}}.',
    },
  },
  {
    id: 'producer.obligations',
    kinds: SELLING,
    title: { fr: 'Obligations du producteur', en: 'Producer’s obligations' },
    body: {
      fr: '{{producerShort}} fournit le spectacle entièrement monté et en assume la responsabilité artistique. Il a la qualité d’employeur du personnel artistique et technique attaché au spectacle et s’acquitte des rémunérations, charges sociales et fiscales correspondantes. Il fournit le matériel de promotion (photographies, textes, affiches) et la liste des œuvres interprétées.',
      en: '{{producerShort}} delivers the show fully staged and is responsible for its artistic content. It is the employer of the show’s artists and crew and pays their wages, social contributions and taxes. It supplies the promotional material (photographs, texts, posters) and the list of works performed.',
    },
  },
  {
    id: 'organiser.obligations',
    title: { fr: 'Obligations de l’organisateur', en: 'Organiser’s obligations' },
    body: {
      fr: '{{organiserShort}} fournit le lieu de représentation en ordre de marche, son personnel d’accueil, de sécurité et technique, et assure la billetterie, la promotion locale et les déclarations et autorisations nécessaires (sécurité, débit de boissons, bruit). Il respecte la fiche technique annexée.',
      en: '{{organiserShort}} provides the venue in working order with its front-of-house, security and technical staff, runs the ticketing and local promotion, and makes the required declarations and applications (safety, drinks licence, noise). It complies with the attached technical rider.',
    },
  },
  {
    id: 'performers.obligations',
    kinds: ['engagement'],
    title: { fr: 'Obligations des artistes', en: 'Performers’ obligations' },
    body: {
      fr: 'Les artistes se présentent aux horaires convenus pour les répétitions, les balances et la représentation, et se conforment au règlement intérieur du lieu.',
      en: 'The performers attend the agreed rehearsals, soundcheck and performance, and follow the venue’s house rules.',
    },
  },
  {
    id: 'price.cession',
    kinds: ['cession'],
    title: { fr: 'Prix', en: 'Price' },
    body: {
      fr: 'En contrepartie de la cession, {{organiserShort}} verse à {{producerShort}} la somme de {{fee}} hors taxes, soit {{total}} toutes taxes comprises ({{vatSentence}}).\n{{paymentSentence}}',
      en: 'In return, {{organiserShort}} pays {{producerShort}} {{fee}} excluding VAT, that is {{total}} including VAT ({{vatSentence}}).\n{{paymentSentence}}',
    },
  },
  {
    id: 'price.coRealisation',
    kinds: ['coRealisation'],
    title: { fr: 'Conditions financières', en: 'Financial terms' },
    body: {
      fr: 'La recette nette (billetterie hors TVA, déduction faite des droits d’auteur et de la taxe fiscale) est partagée à raison de {{producerPercentage}} pour {{producerShort}} et du solde pour {{organiserShort}}. {{guaranteeSentence}}\nLes prix des places sont fixés d’un commun accord : {{ticketPrices}}.\n{{organiserShort}} tient la billetterie et remet un état de recettes signé dans les huit jours suivant la représentation ; le règlement intervient sous {{paymentDays}} jours.',
      en: 'The net box office (ticket receipts excl. VAT, after author rights and the show tax) is shared {{producerPercentage}} to {{producerShort}} and the rest to {{organiserShort}}. {{guaranteeSentence}}\nTicket prices are agreed as follows: {{ticketPrices}}.\n{{organiserShort}} runs the ticketing and sends a signed box-office statement within eight days of the performance; payment follows within {{paymentDays}} days.',
    },
  },
  {
    id: 'price.engagement',
    kinds: ['engagement'],
    title: { fr: 'Rémunération', en: 'Pay' },
    body: {
      fr: 'Chaque artiste perçoit un cachet brut, avant cotisations salariales : {{payList}}, soit {{fee}} au total, payable à l’issue de la représentation. Les frais de voyage et de séjour sont remboursés sur justificatifs ou pris en charge directement par l’employeur. Sous réserve de l’accord écrit de chaque artiste, l’employeur applique la déduction forfaitaire spécifique pour frais professionnels.\n{{gusoSentence}}',
      en: 'Each performer receives a gross fee (cachet), before employee contributions: {{payList}}, {{fee}} in total, payable after the performance. Travel and subsistence are refunded on receipts or paid directly by the employer. With each performer’s written consent, the employer applies the flat professional expense deduction (DFS).\n{{gusoSentence}}',
    },
  },
  {
    id: 'vat.be',
    countries: ['BE'],
    kinds: SELLING,
    title: { fr: 'TVA', en: 'VAT' },
    body: {
      fr: '{{beVatSentence}}',
      en: '{{beVatSentence}}',
    },
  },
  {
    id: 'vat.ch',
    countries: ['CH'],
    kinds: SELLING,
    title: { fr: 'TVA', en: 'VAT' },
    body: {
      fr: 'La représentation ayant lieu devant un public présent, le prix et la billetterie sont exclus du champ de la TVA (LTVA art. 21 al. 2 ch. 14){{chOptSentence}}. Les prestations publicitaires, la restauration et le merchandising restent imposables.',
      en: 'As the performance takes place before a present audience, the fee and the tickets are outside the scope of VAT (LTVA art. 21 para. 2 no. 14){{chOptSentence}}. Advertising, food and merchandise remain taxable.',
    },
  },
  {
    id: 'rights.taxes',
    title: { fr: 'Droits d’auteur et taxes', en: 'Author rights and taxes' },
    body: {
      fr: '{{authorRightsSentence}}\n{{cnmSentence}}{{withholdingSentence}}',
      en: '{{authorRightsSentence}}\n{{cnmSentence}}{{withholdingSentence}}',
    },
  },
  {
    id: 'annexes',
    title: { fr: 'Annexes : technique et accueil', en: 'Annexes: technical and hospitality' },
    body: {
      fr: 'La fiche technique (annexe 1) et les conditions d’accueil (annexe 2) font partie du contrat. {{travelSentence}}',
      en: 'The technical rider (annex 1) and the hospitality terms (annex 2) are part of this contract. {{travelSentence}}',
    },
  },
  {
    id: 'insurance',
    title: { fr: 'Assurances', en: 'Insurance' },
    body: {
      fr: '{{organiserShort}} assure le lieu et le public ({{organiserInsurance}}). {{producerShort}} assure son matériel et son personnel ({{producerInsurance}}). Assurance annulation : {{cancellationInsurance}}.',
      en: '{{organiserShort}} insures the venue and the audience ({{organiserInsurance}}). {{producerShort}} insures its equipment and staff ({{producerInsurance}}). Cancellation insurance: {{cancellationInsurance}}.',
    },
  },
  {
    id: 'cancellation.standard',
    when: (d) => d.clauses.cancellation && d.history.pastCancellations === 0,
    title: { fr: 'Annulation', en: 'Cancellation' },
    body: {
      fr: 'Le contrat se trouverait suspendu ou annulé de plein droit et sans indemnité en cas de force majeure. Hors ce cas, la partie qui annule la représentation verse à l’autre une indemnité égale à 50 {{pct}} du prix si l’annulation intervient plus de 30 jours avant la date, et à la totalité du prix au-delà, sous déduction des frais non engagés.',
      en: 'The contract is suspended or cancelled without compensation in case of force majeure. Otherwise, the party cancelling the performance pays the other 50 {{pct}} of the price if it cancels more than 30 days before the date, and the whole price after that, less costs not incurred.',
    },
  },
  {
    id: 'cancellation.strict',
    when: (d) => d.clauses.cancellation && d.history.pastCancellations > 0,
    title: { fr: 'Annulation', en: 'Cancellation' },
    body: {
      fr: 'Compte tenu de {{pastCancellations}} annulation(s) survenue(s) entre les parties, un acompte de 50 {{pct}} du prix est versé à la signature ; il reste acquis à {{producerShort}} en cas d’annulation par {{organiserShort}} pour un motif autre que la force majeure. Toute annulation hors force majeure moins de 60 jours avant la date oblige la partie qui annule à verser la totalité du prix, sous déduction des frais non engagés.',
      en: 'As {{pastCancellations}} cancellation(s) occurred between the parties, a deposit of 50 {{pct}} of the price is paid on signature; {{producerShort}} keeps it if {{organiserShort}} cancels for any reason other than force majeure. Any cancellation other than by force majeure less than 60 days before the date obliges the cancelling party to pay the whole price, less costs not incurred.',
    },
  },
  {
    id: 'forceMajeure',
    when: (d) => d.clauses.forceMajeure,
    title: { fr: 'Force majeure', en: 'Force majeure' },
    body: {
      fr: 'Est un cas de force majeure l’événement échappant au contrôle des parties, qui ne pouvait être raisonnablement prévu lors de la conclusion du contrat et dont les effets ne peuvent être évités par des mesures appropriées (article 1218 du Code civil) : notamment la maladie d’un artiste attestée par certificat médical, une décision administrative d’interdiction, un deuil familial proche. Chaque partie supporte alors ses propres frais engagés ; les parties s’efforcent de reporter la représentation.',
      en: 'Force majeure is an event beyond the parties’ control, which could not reasonably be foreseen when the contract was made and whose effects cannot be avoided by appropriate measures (French Civil Code art. 1218): in particular an artist’s illness certified by a doctor, an administrative ban, a close family bereavement. Each party then bears its own costs; the parties try to reschedule the performance.',
    },
  },
  {
    id: 'recording.none',
    when: (d) => d.clauses.recording === 'none',
    title: { fr: 'Enregistrement et droit à l’image', en: 'Recording and image rights' },
    body: {
      fr: 'Toute captation, diffusion ou reproduction du spectacle, même partielle, par quelque procédé que ce soit, est interdite sans l’accord écrit et préalable de {{producerShort}} et des artistes. Les photographies de presse sont admises pendant les trois premiers titres, sans flash.',
      en: 'Any recording, broadcast or reproduction of the show, even in part and by any means, is forbidden without the prior written consent of {{producerShort}} and the artists. Press photographs are allowed during the first three songs, without flash.',
    },
  },
  {
    id: 'recording.promotion',
    when: (d) => d.clauses.recording === 'promotionOnly',
    title: { fr: 'Enregistrement et droit à l’image', en: 'Recording and image rights' },
    body: {
      fr: '{{organiserShort}} peut enregistrer des extraits de trois minutes au plus, à seule fin de promotion du spectacle et pour une durée d’un an ; toute autre utilisation requiert l’accord écrit de {{producerShort}} et des artistes.',
      en: '{{organiserShort}} may record excerpts of at most three minutes, solely to promote the show and for one year; any other use requires the written consent of {{producerShort}} and the artists.',
    },
  },
  {
    id: 'recording.consent',
    when: (d) => d.clauses.recording === 'allowedWithConsent',
    title: { fr: 'Enregistrement et droit à l’image', en: 'Recording and image rights' },
    body: {
      fr: 'Une captation est envisagée ; elle fera l’objet d’un accord écrit distinct fixant sa destination, sa durée et la rémunération des artistes et ayants droit.',
      en: 'A recording is planned; a separate written agreement will set its use, duration and the pay of the artists and right holders.',
    },
  },
  {
    id: 'exclusivity',
    when: (d) => d.clauses.exclusivity !== null,
    title: { fr: 'Exclusivité', en: 'Exclusivity' },
    body: {
      fr: '{{producerShort}} s’engage à ce que le spectacle ne soit pas présenté à moins de {{exclusivityRadius}} du lieu de représentation pendant les {{exclusivityBefore}} jours qui précèdent et les {{exclusivityAfter}} jours qui suivent la date, sauf accord écrit de {{organiserShort}}.',
      en: '{{producerShort}} undertakes that the show will not be presented within {{exclusivityRadius}} of the venue during the {{exclusivityBefore}} days before and the {{exclusivityAfter}} days after the date, unless {{organiserShort}} agrees in writing.',
    },
  },
  {
    id: 'merch',
    when: (d) => d.clauses.merch !== null,
    title: { fr: 'Vente de produits dérivés', en: 'Merchandise' },
    body: {
      fr: 'Les artistes vendent leurs disques et produits dérivés sur un emplacement fourni par {{organiserShort}}, qui perçoit une commission de {{merchPercentage}} du chiffre d’affaires toutes taxes comprises.',
      en: 'The artists sell their records and merchandise at a stand provided by {{organiserShort}}, which receives a commission of {{merchPercentage}} of sales including VAT.',
    },
  },
  {
    id: 'minors',
    countries: ['FR'],
    when: (d) =>
      d.performers.some((p) => p.birthDate !== null && ageAt(p.birthDate, d.performance.date) < 16),
    title: { fr: 'Artistes mineurs', en: 'Child performers' },
    body: {
      fr: 'L’emploi des artistes de moins de seize ans ({{minorsList}}) est subordonné à l’autorisation préalable du préfet (article L7124-1 du Code du travail). Une part de leur rémunération, fixée par l’autorisation, est versée à la Caisse des Dépôts et Consignations.',
      en: 'Employing performers under sixteen ({{minorsList}}) requires the prefect’s prior authorisation (French Labour Code art. L7124-1). Part of their pay, as set by the authorisation, is paid to the Caisse des Dépôts et Consignations.',
    },
  },
  {
    id: 'vigilance',
    countries: ['FR'],
    kinds: SELLING,
    title: { fr: 'Obligation de vigilance', en: 'Due diligence certificates' },
    body: {
      fr: '{{producerShort}} remet à la signature, puis tous les six mois jusqu’à la fin de l’exécution du contrat, les attestations prévues à l’article D8222-5 du Code du travail.',
      en: '{{producerShort}} supplies, on signature and every six months until the contract is performed, the certificates required by article D8222-5 of the French Labour Code.',
    },
  },
  {
    id: 'law',
    title: { fr: 'Droit applicable et litiges', en: 'Governing law and disputes' },
    body: {
      fr: 'Le présent contrat est soumis au droit {{lawName}}. Les parties recherchent d’abord une solution amiable ; à défaut, le litige est porté devant les tribunaux compétents de {{jurisdiction}}. Le contrat est établi en deux exemplaires originaux{{languageSentence}}.',
      en: 'This contract is governed by {{lawName}} law. The parties first seek an amicable settlement; failing that, disputes go to the competent courts of {{jurisdiction}}. It is made in two originals{{languageSentence}}.',
    },
  },
];

export function ageAt(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Fills {{name}} placeholders; an unknown name is a bug in the library, reported loudly. */
export function fillTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`Clause variable {{${name}}} has no value`);
    return value;
  });
}

/** The variable names a template uses. */
export const templateVariables = (template: string): string[] =>
  [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);

const LAW = {
  FR: { fr: 'français', en: 'French' },
  BE: { fr: 'belge', en: 'Belgian' },
  CH: { fr: 'suisse', en: 'Swiss' },
};

/** The values of every clause variable for a draft and its money lines, in the contract's language. */
export function clauseVariables(d: ContractDraft, money: readonly MoneyLine[]): Record<string, string> {
  const lang: ContractLanguage = d.language;
  const fr = lang === 'fr';
  const cur = d.money.currency;
  const amount = (key: string) => money.find((l) => l.key === key);
  const cents = (key: string) => amount(key)?.amount ?? 0;
  const m = (c: number) => formatCents(c, cur, lang);
  // Lower case here; sentence starts are capitalised and « à le » / « de le » contracted by buildClauses.
  const producerShort = fr ? 'le Producteur' : 'the Producer';
  const organiserShort = fr ? 'l’Organisateur' : 'the Organiser';
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const p = d.performance;
  const schedule = [
    p.getInTime && `${fr ? 'arrivée' : 'get-in'} ${formatTime(p.getInTime, lang)}`,
    p.soundcheckTime && `${fr ? 'balances' : 'soundcheck'} ${formatTime(p.soundcheckTime, lang)}`,
    p.doorsTime && `${fr ? 'ouverture des portes' : 'doors'} ${formatTime(p.doorsTime, lang)}`,
    p.startTime && `${fr ? 'début du spectacle' : 'show'} ${formatTime(p.startTime, lang)}`,
  ].filter(Boolean);
  const vat = amount('vat');
  const deposit = Math.round((cents('fee') * d.money.depositPercentage) / 100);
  const authorRights = amount('authorRights');
  const cnm = amount('cnmTax');
  const withholding = amount('withholding');
  const minors = d.performers.filter((x) => x.birthDate !== null && ageAt(x.birthDate, p.date) < 16);
  const excl = d.clauses.exclusivity;
  const rightsSociety = { FR: 'SACEM', BE: 'SABAM', CH: 'SUISA' }[d.country];

  const address = [p.address.street, [p.address.postalCode, p.address.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  const totalPay = cents('fee');

  return {
    producerShort,
    organiserShort,
    showTitle: d.showTitle,
    performancesText: fr
      ? `${p.performances} représentation${p.performances > 1 ? 's' : ''}`
      : `${p.performances} performance${p.performances > 1 ? 's' : ''}`,
    performersList: d.performers.map((x) => (x.role ? `${x.name} (${x.role})` : x.name)).join(', '),
    date: formatLongDate(p.date, lang),
    venue: p.venueName || (fr ? 'lieu à préciser' : 'venue to be confirmed'),
    venueAddress: address || (fr ? 'adresse à préciser' : 'address to be confirmed'),
    schedule: schedule.length ? schedule.join(', ') : fr ? 'à convenir' : 'to be agreed',
    setLength: fr ? `${p.setLengthMinutes}\u00a0minutes` : `${p.setLengthMinutes}\u00a0minutes`,
    capacity:
      p.capacity === null
        ? fr
          ? 'non précisée'
          : 'not specified'
        : `${p.capacity} ${fr ? 'places' : 'seats/standing'}`,
    fee: m(cents('fee')),
    total: m(cents('total') || cents('fee')),
    vatSentence: vat
      ? vat.ratePpm === 0
        ? fr
          ? 'hors champ ou exonéré de TVA'
          : 'outside the scope of or exempt from VAT'
        : fr
          ? `TVA au taux de ${formatPpm(vat.ratePpm ?? 0, lang)}, soit ${m(vat.amount ?? 0)}`
          : `VAT at ${formatPpm(vat.ratePpm ?? 0, lang)}, that is ${m(vat.amount ?? 0)}`
      : fr
        ? 'sans TVA'
        : 'no VAT',
    paymentSentence:
      deposit > 0
        ? fr
          ? `Un acompte de ${formatPercent(d.money.depositPercentage, lang)} du prix hors taxes, soit ${m(deposit)}, est versé à la signature ; le solde est réglé sur facture dans les ${d.money.paymentDays} jours suivant la représentation.`
          : `A deposit of ${formatPercent(d.money.depositPercentage, lang)} of the price excl. VAT, ${m(deposit)}, is paid on signature; the balance is paid on invoice within ${d.money.paymentDays} days of the performance.`
        : fr
          ? `Le prix est réglé sur facture dans les ${d.money.paymentDays} jours suivant la représentation.`
          : `The price is paid on invoice within ${d.money.paymentDays} days of the performance.`,
    producerPercentage: formatPercent(d.money.producerPercentage ?? 0, lang),
    guaranteeSentence:
      d.money.fee > 0
        ? fr
          ? `${cap(producerShort)} bénéficie d’un minimum garanti de ${m(Math.round(d.money.fee * 100))} hors taxes, dû quelle que soit la recette.`
          : `${cap(producerShort)} is guaranteed a minimum of ${m(Math.round(d.money.fee * 100))} excl. VAT, whatever the box office.`
        : fr
          ? 'Aucun minimum garanti n’est prévu.'
          : 'There is no minimum guarantee.',
    ticketPrices: d.money.ticketPrices.length
      ? d.money.ticketPrices.map((t) => `${t.label} ${m(Math.round(t.price * 100))}`).join(', ')
      : fr
        ? 'à fixer d’un commun accord'
        : 'to be agreed',
    paymentDays: String(d.money.paymentDays),
    payList: payList(d, totalPay, m),
    gusoSentence: d.guso
      ? fr
        ? 'L’employeur, dont le spectacle n’est pas l’activité principale, déclare l’engagement au Guichet unique du spectacle occasionnel (GUSO), qui vaut déclaration préalable à l’embauche, et y verse les cotisations sociales.'
        : 'The employer, whose main activity is not live performance, declares the engagement to the GUSO (Guichet unique du spectacle occasionnel), which stands for the prior hiring declaration, and pays the social contributions through it.'
      : fr
        ? 'L’employeur accomplit la déclaration préalable à l’embauche et verse les cotisations aux organismes du spectacle (France Travail, Audiens, Congés Spectacles).'
        : 'The employer files the prior hiring declaration and pays contributions to the live-performance bodies (France Travail, Audiens, Congés Spectacles).',
    beVatSentence: d.money.billedThroughIntermediary
      ? fr
        ? 'Le cachet étant facturé par un intermédiaire qui n’est pas l’organisateur, il est soumis à la TVA au taux de 6 %.'
        : 'As the fee is billed through an intermediary other than the organiser, it bears VAT at 6 %.'
      : fr
        ? 'Le cachet de l’artiste facturé à l’organisateur est exonéré de TVA (article 44, § 2, 8° du Code de la TVA).'
        : 'The artist’s fee billed to the organiser is exempt from VAT (Belgian VAT Code art. 44 §2 8°).',
    chOptSentence: d.money.vatOptedIn
      ? fr
        ? ', sauf option de l’organisateur pour l’imposition de la billetterie'
        : ', except that the organiser opted to tax the tickets'
      : '',
    authorRightsSentence: fr
      ? `${cap(organiserShort)} sollicite l’autorisation de la ${rightsSociety} et acquitte les droits d’auteur${authorRights?.amount != null ? ` (estimation : ${m(authorRights.amount)})` : ''} ; ${producerShort} lui transmet la liste des œuvres interprétées.`
      : `${cap(organiserShort)} obtains the ${rightsSociety} licence and pays the author rights${authorRights?.amount != null ? ` (estimate: ${m(authorRights.amount)})` : ''}; ${producerShort} sends it the list of works performed.`,
    cnmSentence: cnm
      ? fr
        ? `La taxe sur les spectacles de variétés perçue par le CNM (3,5 %) est due par ${cnm.payer === 'producer' ? producerShort : organiserShort}${cnm.amount ? ` (estimation : ${m(cnm.amount)})` : ''}.`
        : `The CNM tax on variety shows (3.5 %) is due from ${cnm.payer === 'producer' ? producerShort : organiserShort}${cnm.amount ? ` (estimate: ${m(cnm.amount)})` : ''}.`
      : '',
    withholdingSentence: withholding
      ? (cnm ? '\n' : '') +
        (d.country === 'BE'
          ? fr
            ? `${cap(organiserShort)} retient le précompte professionnel des non-résidents (18 %), soit ${m(withholding.amount ?? 0)}, et le verse au fisc belge ; si les parties conviennent d’un cachet net, le précompte est calculé en dedans (« gross-up ») et à la charge de ${organiserShort}. Une convention préventive de la double imposition peut en exonérer.`
            : `${cap(organiserShort)} withholds the Belgian non-resident tax (18 %), ${m(withholding.amount ?? 0)}, and pays it to the tax office; if the parties agree a net fee, the tax is grossed up and borne by ${organiserShort}. A double-taxation treaty may exempt it.`
          : d.country === 'CH'
            ? fr
              ? `${cap(organiserShort)} retient l’impôt à la source des artistes non résidents (LIFD art. 92 et impôt cantonal) dont il est solidairement responsable ; estimation de l’impôt fédéral : ${m(withholding.amount ?? 0)}.`
              : `${cap(organiserShort)} withholds the non-resident artists’ tax (LIFD art. 92 and cantonal tax), for which it is jointly liable; federal tax estimate: ${m(withholding.amount ?? 0)}.`
            : fr
              ? `La retenue à la source de l’article 182 A bis du CGI s’applique aux artistes non résidents (estimation : ${m(withholding.amount ?? 0)}), sauf convention fiscale contraire.`
              : `The withholding tax of CGI art. 182 A bis applies to non-resident artists (estimate: ${m(withholding.amount ?? 0)}), unless a tax treaty provides otherwise.`)
      : '',
    travelSentence: d.money.travelCoveredByOrganiser
      ? fr
        ? `Les frais de transport, d’hébergement et de repas sont à la charge de ${organiserShort}.`
        : `Travel, lodging and meals are paid by ${organiserShort}.`
      : fr
        ? `Les frais de transport sont à la charge de ${producerShort}.`
        : `Travel is paid by ${producerShort}.`,
    organiserInsurance:
      d.insurance.organiserLiability || (fr ? 'police à préciser' : 'policy to be specified'),
    producerInsurance: d.insurance.producerLiability || (fr ? 'police à préciser' : 'policy to be specified'),
    cancellationInsurance: d.insurance.cancellation || (fr ? 'aucune' : 'none'),
    pct: '%',
    pastCancellations: String(d.history.pastCancellations),
    exclusivityRadius: excl ? `${excl.radiusKm}\u00a0km` : '',
    exclusivityBefore: excl ? String(excl.daysBefore) : '',
    exclusivityAfter: excl ? String(excl.daysAfter) : '',
    merchPercentage: d.clauses.merch ? formatPercent(d.clauses.merch.venuePercentage, lang) : '',
    minorsList: minors.map((x) => x.name).join(', '),
    lawName: LAW[d.country][lang],
    jurisdiction:
      d.jurisdiction ||
      d.organiser.address.city ||
      (fr ? 'le siège de l’Organisateur' : 'the Organiser’s seat'),
    languageSentence:
      lang === 'en'
        ? d.country === 'CH'
          ? ''
          : '; this English text is a translation, the French version prevails'
        : '',
  };
}

function payList(d: ContractDraft, total: number, m: (c: number) => string): string {
  const each = d.performers.every((p) => p.grossPay !== null)
    ? d.performers.map((p) => Math.round(p.grossPay! * 100))
    : d.performers.map((_, i) => {
        const n = d.performers.length;
        const base = Math.floor(total / n);
        return base + (i < total - base * n ? 1 : 0);
      });
  return d.performers.map((p, i) => `${p.name} ${m(each[i]!)}`).join(', ');
}

/** Sentence starts capitalised; French contractions of the article after « à » and « de ». */
export function polish(text: string, lang: ContractLanguage): string {
  let out = text.replace(
    /(^|[.!?]\s+)(\p{Ll})/gu,
    (_m, before: string, letter: string) => before + letter.toUpperCase(),
  );
  if (lang === 'fr')
    out = out
      // Letter-aware boundaries: \b is ASCII-only and never sees a word start before « à ».
      .replace(/(?<!\p{L})à le(?!\p{L})/gu, 'au')
      .replace(/(?<!\p{L})de le(?!\p{L})/gu, 'du')
      .replace(/(?<!\p{L})à les(?!\p{L})/gu, 'aux')
      .replace(/(?<!\p{L})de les(?!\p{L})/gu, 'des');
  return out;
}

/** An article of a draft with what the clause editor needs: the standard text behind it, its override. */
export interface Article extends Clause {
  custom: boolean;
  /** The library's paragraphs for this draft (filled, polished), before any override. */
  standard: string[];
  /** SHA-256 (hex) of the standard paragraphs joined by "\n" (an override's `basedOn`). */
  standardHash: string;
  overridden: boolean;
  outdated: boolean;
}

const paragraphsOf = (text: string) =>
  text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const textHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The articles of a draft, in order, filled and in its language, the booker's overrides applied;
 * custom clauses come before the law clause.
 */
export function clauseArticles(d: ContractDraft, money: readonly MoneyLine[]): Article[] {
  const vars = clauseVariables(d, money);
  const lang = d.language;
  const overrides = new Map(d.clauses.overrides.map((o) => [o.id, o]));
  const selected = CLAUSE_LIBRARY.filter(
    (c) =>
      (c.kinds ?? ALL_KINDS).includes(d.kind) &&
      (!c.countries || c.countries.includes(d.country)) &&
      (!c.when || c.when(d)),
  );
  const toArticle = (c: ClauseTemplate): Article => {
    const standard = fillTemplate(c.body[lang], vars)
      .split('\n')
      .map((s) => polish(s.trim(), lang))
      .filter(Boolean);
    const standardHash = textHash(standard.join('\n'));
    const override = overrides.get(c.id);
    return {
      id: c.id,
      title: c.title[lang],
      // The booker's words are printed as typed (typography only): no capitalisation or contraction.
      paragraphs: override ? paragraphsOf(override.text) : standard,
      custom: false,
      standard,
      standardHash,
      overridden: Boolean(override),
      outdated: Boolean(override?.basedOn && override.basedOn !== standardHash),
    };
  };
  const articles = selected.filter((c) => c.id !== 'law').map(toArticle);
  for (const [i, custom] of d.clauses.custom.entries()) {
    const paragraphs = paragraphsOf(custom.text);
    articles.push({
      id: `custom.${i}`,
      title: custom.title,
      paragraphs,
      custom: true,
      standard: paragraphs,
      standardHash: textHash(paragraphs.join('\n')),
      overridden: false,
      outdated: false,
    });
  }
  const law = selected.find((c) => c.id === 'law');
  if (law) articles.push(toArticle(law));
  return articles;
}

/** The clauses of a draft as the PDF prints them. */
export function buildClauses(d: ContractDraft, money: readonly MoneyLine[]): Clause[] {
  return clauseArticles(d, money).map(({ id, title, paragraphs }) => ({ id, title, paragraphs }));
}

/**
 * Checklist items about the booker's overrides: one that no longer applies (another contract type or
 * option) is ignored and said so; one written from a standard text that has since changed (the fee,
 * the date…) is to be re-read; and the hand-edited articles are listed, as a lawyer would want to know.
 */
export function overrideChecks(d: ContractDraft, articles: readonly Article[]): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const byId = new Map(articles.map((a) => [a.id, a]));
  const rule = { fr: 'Clauses modifiées à la main', en: 'Hand-edited clauses' };
  d.clauses.overrides.forEach((override, i) => {
    const article = byId.get(override.id);
    if (!article || article.custom) {
      items.push({
        key: `clauses.override.unused.${override.id}`,
        level: 'warning',
        path: `clauses.overrides.${i}.text`,
        message: {
          fr: `Le texte modifié de la clause « ${override.id} » ne correspond à aucun article de ce contrat (type ou options changés) : il n’est pas imprimé.`,
          en: `The edited text of clause "${override.id}" matches no article of this contract (type or options changed): it is not printed.`,
        },
        rule,
        source: '',
        status: 'verified',
      });
    } else if (article.outdated) {
      items.push({
        key: `clauses.override.outdated.${override.id}`,
        level: 'warning',
        path: `clauses.overrides.${i}.text`,
        message: {
          fr: `Clause « ${article.title} » modifiée à la main : son texte standard a changé depuis (montants, dates ou noms). Relisez-la.`,
          en: `Clause "${article.title}" was edited by hand and its standard text has changed since (amounts, dates or names). Re-read it.`,
        },
        rule,
        source: '',
        status: 'verified',
      });
    }
  });
  const edited = articles.filter((a) => a.overridden);
  if (edited.length > 0) {
    items.push({
      key: 'clauses.override.list',
      level: 'info',
      path: '',
      message: {
        fr: `Clauses modifiées à la main : ${edited.map((a) => a.title).join(', ')}.`,
        en: `Clauses edited by hand: ${edited.map((a) => a.title).join(', ')}.`,
      },
      rule,
      source: '',
      status: 'verified',
    });
  }
  return items;
}
