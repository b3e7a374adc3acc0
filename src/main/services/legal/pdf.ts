import type { Content, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces';
import type {
  ChecklistItem,
  ContractDraft,
  ContractLanguage,
  LegalRule,
  MoneyLine,
  SignatureParty,
} from '../../../shared/legal';
import type { Clause } from './clauses';
import { formatCents, formatLongDate, formatPpm, NNBSP, typography } from './format';

// The contract as a pdfmake document: title, parties, numbered articles, the money table, the
// signature blocks (with drawn signatures when given), annexes on their own pages (technical rider,
// hospitality, the rules behind the figures), "Page X / Y" and an initials line on every page, and the
// PDF metadata. A draft with blocking checklist items is watermarked « PROJET » / DRAFT.

export interface DrawnSignatureMark {
  party: SignatureParty;
  name: string;
  /** PNG data URL. */
  image: string;
  signedAt: string;
}

export interface ContractPdfInput {
  draft: ContractDraft;
  clauses: readonly Clause[];
  money: readonly MoneyLine[];
  checklist: readonly ChecklistItem[];
  rules: readonly LegalRule[];
  /** Printed in the header: the contract's id and version. */
  reference: string;
  signatures: readonly DrawnSignatureMark[];
  createdAt: Date;
}

const TITLES: Record<ContractDraft['country'], Record<ContractDraft['kind'], { fr: string; en: string }>> = {
  FR: {
    cession: {
      fr: 'Contrat de cession du droit d’exploitation d’un spectacle',
      en: 'Contract for the sale of a show’s performance rights (contrat de cession)',
    },
    engagement: { fr: 'Contrat d’engagement d’artistes du spectacle', en: 'Performers’ engagement contract' },
    coRealisation: {
      fr: 'Contrat de coréalisation',
      en: 'Co-production and box-office sharing contract (coréalisation)',
    },
  },
  BE: {
    cession: { fr: 'Contrat de cession de spectacle (Belgique)', en: 'Show sale contract (Belgium)' },
    engagement: { fr: 'Contrat d’engagement (Belgique)', en: 'Engagement contract (Belgium)' },
    coRealisation: {
      fr: 'Contrat de coréalisation – partage de recettes (Belgique)',
      en: 'Box-office sharing contract (Belgium)',
    },
  },
  CH: {
    cession: { fr: 'Contrat de représentation (Suisse)', en: 'Performance contract (Switzerland)' },
    engagement: { fr: 'Contrat d’engagement (Suisse)', en: 'Engagement contract (Switzerland)' },
    coRealisation: {
      fr: 'Contrat de coréalisation – partage de recettes (Suisse)',
      en: 'Box-office sharing contract (Switzerland)',
    },
  },
};

export const contractTitle = (d: ContractDraft) => TITLES[d.country][d.kind][d.language];

const L = {
  fr: {
    between: 'Entre les soussignés',
    and: 'Et',
    producerCalled: 'ci-après dénommé « le Producteur »',
    organiserCalled: 'ci-après dénommé « l’Organisateur »',
    employerCalled: 'ci-après dénommé « l’Employeur » ou « l’Organisateur »',
    agreed: 'Il a été convenu ce qui suit :',
    article: (n: number) => `Article ${n}`,
    moneyTitle: 'Récapitulatif des montants',
    item: 'Poste',
    base: 'Base',
    rate: 'Taux',
    amount: 'Montant',
    payer: 'À la charge de',
    estimate: 'estimation',
    payers: {
      organiser: 'Organisateur',
      producer: 'Producteur',
      artist: 'Artiste',
      employer: 'Employeur',
      performer: 'Artiste',
    },
    status: { verified: '', secondary: 'source secondaire', unverified: 'non vérifié' },
    notEstimated: 'non estimé',
    done: (place: string, date: string) => `Fait à ${place}, le ${date}, en deux exemplaires.`,
    forProducer: 'Pour le Producteur',
    forOrganiser: 'Pour l’Organisateur',
    readApproved: 'Lu et approuvé',
    signedOn: (d: string) => `Signé le ${d}`,
    initials: 'Paraphes : Producteur ________   Organisateur ________',
    page: (p: number, n: number) => `Page ${p} / ${n}`,
    annex1: 'Annexe 1 – Fiche technique',
    annex2: 'Annexe 2 – Conditions d’accueil',
    annex3: 'Annexe 3 – Règles et sources des montants',
    noRider: 'Non fournie à la date du contrat : à joindre avant signature.',
    rule: 'Règle',
    source: 'Source',
    statusCol: 'Statut',
    statusNames: { verified: 'vérifiée', secondary: 'secondaire', unverified: 'non vérifiée' },
    watermark: 'PROJET',
    checklistTitle: 'Points à régler avant signature',
    represented: (name: string, role: string) => `représenté par ${name}${role ? `, ${role}` : ''}`,
    registration: { FR: 'SIRET', BE: 'BCE', CH: 'IDE' } as Record<string, string>,
    vat: 'TVA intracommunautaire',
    ape: 'APE',
    licence: 'Licence PLATESV',
  },
  en: {
    between: 'Between',
    and: 'And',
    producerCalled: 'hereinafter "the Producer"',
    organiserCalled: 'hereinafter "the Organiser"',
    employerCalled: 'hereinafter "the Employer" or "the Organiser"',
    agreed: 'It is agreed as follows:',
    article: (n: number) => `Article ${n}`,
    moneyTitle: 'Summary of amounts',
    item: 'Item',
    base: 'Base',
    rate: 'Rate',
    amount: 'Amount',
    payer: 'Paid by',
    estimate: 'estimate',
    payers: {
      organiser: 'Organiser',
      producer: 'Producer',
      artist: 'Artist',
      employer: 'Employer',
      performer: 'Performer',
    },
    status: { verified: '', secondary: 'secondary source', unverified: 'not verified' },
    notEstimated: 'not estimated',
    done: (place: string, date: string) => `Made in ${place} on ${date}, in two originals.`,
    forProducer: 'For the Producer',
    forOrganiser: 'For the Organiser',
    readApproved: 'Read and approved',
    signedOn: (d: string) => `Signed on ${d}`,
    initials: 'Initials: Producer ________   Organiser ________',
    page: (p: number, n: number) => `Page ${p} / ${n}`,
    annex1: 'Annex 1 – Technical rider',
    annex2: 'Annex 2 – Hospitality',
    annex3: 'Annex 3 – Rules and sources of the amounts',
    noRider: 'Not supplied at the date of the contract: to be attached before signing.',
    rule: 'Rule',
    source: 'Source',
    statusCol: 'Status',
    statusNames: { verified: 'verified', secondary: 'secondary', unverified: 'unverified' },
    watermark: 'DRAFT',
    checklistTitle: 'To settle before signing',
    represented: (name: string, role: string) => `represented by ${name}${role ? `, ${role}` : ''}`,
    registration: { FR: 'SIRET', BE: 'Enterprise no.', CH: 'UID' } as Record<string, string>,
    vat: 'VAT number',
    ape: 'APE',
    licence: 'PLATESV licence',
  },
} as const;

/**
 * Text with typographic rules applied, as pdfmake inlines. The PDF font (Roboto) has no glyph for the
 * narrow no-break space U+202F, so each one is set as a no-break space U+00A0 tightened by negative
 * letter spacing to about 1/8 em: it looks like a fine space and never breaks a line.
 */
export function typeset(text: string, language: ContractLanguage, fontSize = 10): ContentText['text'] {
  const typed = typography(text, language);
  if (!typed.includes(NNBSP)) return typed;
  const parts = typed.split(NNBSP);
  const narrow = { text: '\u00a0', characterSpacing: -0.12 * fontSize };
  const inlines: (string | typeof narrow)[] = [];
  parts.forEach((part, i) => {
    if (i > 0) inlines.push(narrow);
    if (part) inlines.push(part);
  });
  return inlines as ContentText['text'];
}

function partyBlock(d: ContractDraft, which: 'producer' | 'organiser'): Content[] {
  const t = L[d.language];
  const p = d[which];
  const country = p.address.country || d.country;
  const ids = [
    p.legalForm,
    [p.address.street, [p.address.postalCode, p.address.city].filter(Boolean).join(' '), p.address.country]
      .filter(Boolean)
      .join(', '),
    p.registrationNumber && `${t.registration[country] ?? 'No.'} ${p.registrationNumber}`,
    p.apeCode && `${t.ape} ${p.apeCode}`,
    p.vatNumber && `${t.vat} ${p.vatNumber}`,
    p.platesvNumber && `${t.licence} ${p.platesvNumber}`,
    p.representative.name && t.represented(p.representative.name, p.representative.role),
  ].filter(Boolean) as string[];
  const called =
    which === 'producer' ? t.producerCalled : d.kind === 'engagement' ? t.employerCalled : t.organiserCalled;
  return [
    { text: typeset(p.legalName || '…', d.language), bold: true, margin: [0, 4, 0, 0] },
    { text: typeset(ids.join(' – '), d.language), fontSize: 9 },
    { text: typeset(called, d.language), italics: true, margin: [0, 2, 0, 6] },
  ];
}

function moneyTable(d: ContractDraft, money: readonly MoneyLine[]): Content {
  const t = L[d.language];
  const lang = d.language;
  const header = [t.item, t.base, t.rate, t.amount, t.payer].map((h) => ({
    text: h,
    bold: true,
    fontSize: 8.5,
  }));
  const rows = money.map((l) => {
    const amountText =
      l.amount === null
        ? t.notEstimated
        : l.range
          ? `${formatCents(l.range.low, l.currency, lang)} – ${formatCents(l.range.high, l.currency, lang)}`
          : formatCents(l.amount, l.currency, lang);
    const flags = [l.estimate ? t.estimate : '', t.status[l.status]].filter(Boolean).join(', ');
    return [
      {
        text: typeset(`${l.label[lang]}${flags ? ` (${flags})` : ''}`, lang, 8.5),
        fontSize: 8.5,
        bold: l.key === 'total' || l.key === 'fee',
      },
      {
        text: typeset(l.base === null ? '' : formatCents(l.base, l.currency, lang), lang, 8.5),
        fontSize: 8.5,
        alignment: 'right',
      },
      {
        text: typeset(l.ratePpm === null ? '' : formatPpm(l.ratePpm, lang), lang, 8.5),
        fontSize: 8.5,
        alignment: 'right',
      },
      {
        text: typeset(amountText, lang, 8.5),
        fontSize: 8.5,
        alignment: 'right',
        bold: l.key === 'total' || l.key === 'fee',
      },
      { text: l.payer ? t.payers[l.payer] : '', fontSize: 8.5 },
    ];
  });
  return {
    table: { headerRows: 1, widths: ['*', 70, 40, 95, 60], body: [header, ...rows], dontBreakRows: true },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 8],
  } as Content;
}

function signatureBlock(input: ContractPdfInput): Content {
  const d = input.draft;
  const t = L[d.language];
  const block = (party: SignatureParty): Content[] => {
    const who = d[party];
    const mark = input.signatures.find((s) => s.party === party);
    return [
      { text: party === 'producer' ? t.forProducer : t.forOrganiser, bold: true },
      { text: typeset(who.representative.name || who.legalName || '', d.language) },
      { text: t.readApproved, italics: true, fontSize: 9, margin: [0, 2, 0, 4] },
      mark
        ? { image: mark.image, fit: [170, 60], margin: [0, 0, 0, 2] }
        : { text: ' ', margin: [0, 0, 0, 58] },
      mark
        ? { text: typeset(`${mark.name} – ${t.signedOn(mark.signedAt)}`, d.language, 8), fontSize: 8 }
        : { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 170, y2: 0, lineWidth: 0.5 }] },
    ];
  };
  const place = d.signaturePlace || d.organiser.address.city || '…';
  return {
    unbreakable: true,
    stack: [
      {
        text: typeset(
          t.done(place, formatLongDate(input.createdAt.toISOString().slice(0, 10), d.language)),
          d.language,
        ),
        margin: [0, 14, 0, 10],
      },
      { columns: [{ stack: block('producer') }, { stack: block('organiser') }], columnGap: 30 },
    ],
  };
}

function annexText(text: string, lang: ContractLanguage, empty: string): Content[] {
  if (!text.trim()) return [{ text: empty, italics: true }];
  return text.split(/\n{2,}|\r\n\r\n/).map((para) => ({
    text: typeset(para.trim(), lang),
    margin: [0, 0, 0, 6] as [number, number, number, number],
  }));
}

export function contractDocument(input: ContractPdfInput): TDocumentDefinitions {
  const d = input.draft;
  const lang = d.language;
  const t = L[lang];
  const title = contractTitle(d);
  const blocking = input.checklist.filter((i) => i.level === 'blocking');

  const content: Content[] = [
    { text: title.toUpperCase(), style: 'title' },
    {
      text: typeset(`« ${d.showTitle} » – ${formatLongDate(d.performance.date, lang)}`, lang),
      alignment: 'center',
      margin: [0, 0, 0, 14],
    },
  ];
  if (blocking.length > 0) {
    content.push({
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                { text: t.checklistTitle, bold: true, color: '#9b1c1c' },
                { ul: blocking.map((b) => ({ text: typeset(b.message[lang], lang, 9), fontSize: 9 })) },
              ],
              fillColor: '#fdf2f2',
            },
          ],
        ],
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 12],
    });
  }
  content.push(
    { text: t.between, style: 'h3' },
    ...partyBlock(d, 'producer'),
    { text: t.and, style: 'h3' },
    ...partyBlock(d, 'organiser'),
    { text: typeset(t.agreed, lang), margin: [0, 6, 0, 6] },
  );
  input.clauses.forEach((clause, i) => {
    const heading: Content = {
      text: typeset(`${t.article(i + 1)} – ${clause.title}`, lang),
      style: 'article',
    };
    const paragraphs: Content[] = clause.paragraphs.map((para) => ({
      text: typeset(para, lang),
      alignment: 'justify',
      margin: [0, 0, 0, 5],
    }));
    // An article's heading stays with its first paragraph, unless that paragraph is too long to move.
    const [first, ...rest] = paragraphs;
    if (first && (clause.paragraphs[0]?.length ?? 0) < 800) {
      content.push({ stack: [heading, first], unbreakable: true }, ...rest);
    } else {
      content.push(heading, ...paragraphs);
    }
    if (clause.id.startsWith('price.'))
      content.push({ text: t.moneyTitle, style: 'h3' }, moneyTable(d, input.money));
  });
  content.push(signatureBlock(input));

  // Annexes, each on its own page.
  content.push(
    { text: t.annex1, style: 'annex', pageBreak: 'before' },
    ...annexText(d.riders.technical, lang, t.noRider),
    { text: t.annex2, style: 'annex', pageBreak: 'before' },
    ...annexText(d.riders.hospitality, lang, t.noRider),
  );
  const used = new Set(input.money.flatMap((l) => l.ruleKeys));
  const usedRules = input.rules.filter((r) => used.has(r.key));
  if (usedRules.length > 0) {
    content.push(
      { text: t.annex3, style: 'annex', pageBreak: 'before' },
      {
        table: {
          headerRows: 1,
          widths: ['*', 45, 55, 190],
          body: [
            [t.rule, t.rate, t.statusCol, t.source].map((h) => ({ text: h, bold: true, fontSize: 8 })),
            ...usedRules.map((r) => [
              { text: typeset(r.label[lang], lang, 8), fontSize: 8 },
              { text: typeset(r.ratePpm === null ? '' : formatPpm(r.ratePpm, lang), lang, 8), fontSize: 8 },
              { text: t.statusNames[r.status], fontSize: 8 },
              { text: r.sources.join('\n'), fontSize: 6.5, color: '#444' },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
    );
  }

  const author = d.producer.legalName || d.organiser.legalName || 'Flow Stage';
  return {
    info: {
      title: `${title} – ${d.showTitle} – ${d.performance.date}`,
      author,
      subject: `${d.producer.legalName} / ${d.organiser.legalName}`,
      creator: 'Flow Stage',
      producer: 'Flow Stage (pdfmake)',
      keywords: `contrat, ${d.kind}, ${d.country}, ${input.reference}`,
      creationDate: input.createdAt,
    },
    pageSize: 'A4',
    pageMargins: [56, 60, 56, 64],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
      h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
      article: { fontSize: 10.5, bold: true, margin: [0, 10, 0, 4] },
      annex: { fontSize: 13, bold: true, margin: [0, 0, 0, 10] },
    },
    content,
    ...(blocking.length > 0 ? { watermark: { text: t.watermark, opacity: 0.08, bold: true } } : {}),
    header: () => ({
      text: `${title} – ${input.reference}`,
      fontSize: 7.5,
      color: '#777',
      margin: [56, 28, 56, 0],
    }),
    footer: (page: number, pages: number) => ({
      columns: [
        { text: t.initials, fontSize: 8, color: '#444' },
        { text: t.page(page, pages), alignment: 'right', fontSize: 8, color: '#444' },
      ],
      margin: [56, 24, 56, 0],
    }),
  };
}
