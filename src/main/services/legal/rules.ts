import type { LegalCountry, LegalRule, LocalizedText, RuleStatus } from '../../../shared/legal';

// The money rules of live-music contracts in France, Belgium and Switzerland, from the research note
// ../shared/research/legal-fr-be-ch.md (sources read up to Feb 2026). Status follows the note: V →
// verified, S → secondary, U → unverified. This list seeds the `legal_rules` table at start-up
// (idempotent: one row per key and version); a changed rate is a NEW VERSION of its key with its own
// validity dates, never an edit of a released one. Computations (money.ts) read rules by key and date.

type Seed = Omit<LegalRule, 'id' | 'version' | 'currency' | 'validFrom' | 'validTo' | 'note'> & {
  version?: number;
  currency?: 'EUR' | 'CHF' | null;
  validFrom?: string | null;
  validTo?: string | null;
  note?: LocalizedText;
};

const SRC = {
  bofip: 'https://bofip.impots.gouv.fr/doctrine/pgp/167-PGP%2340_020',
  legicultureSuper: 'https://www.legiculture.fr/tva-les-spectacles-soumis-au-taux-de-210-billetterie/',
  irmaVat: 'https://www.irma.asso.fr/La-TVA-sur-le-spectacle-vivant',
  legicultureFee: 'https://legiculture.fr/quels-taux-de-tva-appliquer-a-loccasion-dune-vente-de-spectacle',
  cnm: 'https://cnm.fr/?p=920925',
  cnv: 'http://www.cnv.fr/champ-perception-taxe-sur-spectacles-varietes',
  sacemGuide: 'https://myath.athdata.net/videos/GuideAsso2024CroweFideliance/46',
  sacem: 'https://clients.sacem.fr/autorisations/salle-de-concert-et-de-spectacle-ou-theatre',
  sma: 'https://www.sma-syndicat.org/prestation-artistique-fournie-par-des-personnes-ou-societes-etrangeres/',
  gmba: 'https://www.gmba-allinial.com/fr/mag-expert/la-retenue-la-source-en-cas-daccueil-en-france-dartistes-etrangers',
  urssaf:
    'https://www.urssaf.fr/portail/home/artiste-du-spectacle-mannequin/artistes-du-spectacle-mannequins/les-spectacles-vivants/vous-etes-organisateur-de-specta/beneficier-des-taux-reduits-de-c.html',
  chomage: 'https://www.gestionnaire-paie.com/intermittent-du-spectacle-assurance-chomage/',
  dfs: 'https://legiculture.fr/artistes-intermittents-et-permanents',
  platesv:
    'https://www.plus.transformation.gouv.fr/j-ai-droit-a-l-erreur/jexerce-sans-indiquer-sur-les-supports-de-communication-le-numero-de',
  guso: 'https://legiculture.fr/guichet-unique-guso-possibilite-ou-obligation',
  minors:
    'https://normandie.dreets.gouv.fr/Emploi-d-un-enfant-age-de-moins-de-16-ans-dans-les-secteurs-du-spectacle-vivant',
  beVat:
    'https://www.court-circuit.be/actualite/tva-la-reforme-fiscale-et-son-impact-sur-les-concerts-ou-en-est-on-exactement',
  beVatVip: 'https://vatdesk.eu/fr/actualites-tva/ticket-v-i-p-6-ou-21-de-tva',
  beNonProfit:
    'https://www.court-circuit.be/ressource/quelle-fiscalite-pour-les-tickets-de-concerts-et-de-festivals/',
  beFee:
    'https://nft.lauwers-law.be/statut-fiscal/impots-indirects/tva/non-application-des-exemptions-article-44-ctva',
  beWithholding:
    'https://www.wanted.law/fr/Most-Wanted/Wanted-Wiki/Wiki/Id/24761/Des-sportifs-et-des-artistes-%C3%A9trangers-prestent-en-Belgique-Quelles-sont-les-cons%C3%A9quences-fiscales',
  sabam: 'https://www.sabam.be/fr/pour-les-auteurs/musique/votre-musique-en-concert-et-en-festival',
  chVat: 'https://www.efd.admin.ch/efd/fr/home/le-dff/nsb-news_list.msg-id-92155.html',
  chCulture:
    'https://www.gate.estv.admin.ch/mwst-webpublikationen/public/pages/taxInfos/cipherDisplay.xhtml?publicationId=1003047&componentId=1003776',
  chOpted: 'https://www.tva-suisse.ch/actu-tva/actu-tva-n-86-mars-2023/impots-sur-les-billets-d-entree/',
  suisa: 'https://www.suisa.ch/fr/Kunden/Auffuehrungen/Konzerte-allgemein.html',
  suisaKb:
    'https://blog.suisa.ch/fr/quelles-redevances-de-droit-dauteur-un-organisateur-de-concerts-paye-t-il/',
  lifd: 'https://droit-bilingue.ch/fr-it/6/64/642.11-92-98.html',
  ois: 'https://droit-bilingue.ch/fr-de/6/64/642.118.2-16-19.html',
  avs: 'https://faq.bsv.admin.ch/fr/assurance-vieillesse-et-survivants-avs/obligation-de-payer-des-cotisations-dans-lavs/est-ce-que-je',
  lausanne:
    'http://www1.lausanne.ch/lausanne-officielle/administration/securite-et-economie/service-economie/manifestations/contenu-manifestation/exoneration-impot-divertissements.html',
} as const;
export const SOURCES = SRC;

const pct = (percent: number) => Math.round(percent * 10_000);

const SEEDS: Seed[] = [
  // ---- France: VAT ----
  {
    country: 'FR',
    key: 'FR.vat.ticket.reduced',
    label: { fr: 'TVA sur la billetterie (taux réduit)', en: 'VAT on tickets (reduced rate)' },
    ratePpm: pct(5.5),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'CGI art. 278-0 bis F : concerts, variétés. Pas lorsque des consommations sont habituellement servies pendant le spectacle.',
      en: 'CGI art. 278-0 bis F: concerts, variety. Not where drinks are usually consumed during the show.',
    },
    sources: [SRC.bofip],
    status: 'verified',
  },
  {
    country: 'FR',
    key: 'FR.vat.ticket.superReduced',
    label: { fr: 'TVA sur la billetterie (créations, 140 premières)', en: 'VAT on tickets (new creations)' },
    ratePpm: pct(2.1),
    amountCents: null,
    conditions: { firstPerformances: 140 },
    conditionsText: {
      fr: 'CGI art. 281 quater : 140 premières représentations d’une création ou d’une nouvelle mise en scène ; billetterie seulement, jamais le prix de cession ; pas si des consommations sont servies.',
      en: 'CGI art. 281 quater: first 140 performances of a new work or staging; tickets only, never the fee; not if drinks are served.',
    },
    sources: [SRC.legicultureSuper],
    status: 'verified',
  },
  {
    country: 'FR',
    key: 'FR.vat.ticket.standard',
    label: {
      fr: 'TVA sur la billetterie (consommations pendant le spectacle)',
      en: 'VAT on tickets (drinks served)',
    },
    ratePpm: pct(20),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Consommations habituellement servies pendant le spectacle (5,5 % maintenu si le service s’arrête pendant le spectacle).',
      en: 'Drinks usually consumed during the show (5.5 % kept if service stops during the show).',
    },
    sources: [SRC.irmaVat],
    status: 'secondary',
  },
  {
    country: 'FR',
    key: 'FR.vat.fee.reduced',
    label: { fr: 'TVA sur le prix de cession', en: 'VAT on the cession fee' },
    ratePpm: pct(5.5),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Catégories de spectacles listées, payants ou gratuits.',
      en: 'Listed show categories, ticketed or free.',
    },
    sources: [SRC.legicultureFee],
    status: 'secondary',
  },
  {
    country: 'FR',
    key: 'FR.vat.fee.standard',
    label: { fr: 'TVA sur le prix de cession (consommations)', en: 'VAT on the cession fee (drinks served)' },
    ratePpm: pct(20),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Consommations servies pendant le spectacle.',
      en: 'Drinks served during the show.',
    },
    sources: [SRC.legicultureFee],
    status: 'secondary',
  },
  // ---- France: CNM, SACEM ----
  {
    country: 'FR',
    key: 'FR.cnm.tax',
    label: { fr: 'Taxe CNM sur les spectacles de variétés', en: 'CNM tax on variety shows' },
    ratePpm: pct(3.5),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Spectacle payant : recette de billetterie hors TVA, due par le détenteur de la billetterie. Spectacle gratuit : prix de cession hors TVA, dû par le vendeur. CIBS L452-14 à 27.',
      en: 'Paid show: ticket receipts excl. VAT, due from the ticketing holder. Free show: cession price excl. VAT, due from the seller. CIBS L452-14 to 27.',
    },
    validFrom: '2004-01-01',
    sources: [SRC.cnm],
    status: 'verified',
  },
  {
    country: 'FR',
    key: 'FR.cnm.threshold',
    label: { fr: 'Taxe CNM : seuil de perception annuel', en: 'CNM tax: yearly collection threshold' },
    ratePpm: null,
    amountCents: 8000,
    currency: 'EUR',
    conditions: {},
    conditionsText: {
      fr: 'Non perçue en dessous de 80 € par redevable et par an (le spectacle doit tout de même être déclaré).',
      en: 'Not collected below 80 € per payer per year (the show must still be declared).',
    },
    sources: [SRC.cnv],
    status: 'unverified',
    note: {
      fr: 'Règle de l’époque du CNV ; son maintien sous le CIBS n’est pas confirmé.',
      en: 'CNV-era rule; whether it still applies under the CIBS is not confirmed.',
    },
  },
  {
    country: 'FR',
    key: 'FR.sacem.concert',
    label: { fr: 'Droits d’auteur SACEM (concert payant)', en: 'SACEM author rights (paid concert)' },
    ratePpm: pct(8.8),
    amountCents: null,
    conditions: { advanceRequestReductionPpm: pct(20), lateSurchargePpm: pct(25) },
    conditionsText: {
      fr: 'Contrat général de représentation : 8,80 % des recettes ou des dépenses ; −20 % si l’autorisation est demandée à l’avance, +25 % en cas de défaut ou de retard de déclaration.',
      en: 'General representation contract: 8.80 % of receipts or expenses; −20 % if asked in advance, +25 % if undeclared or late.',
    },
    sources: [SRC.sacemGuide, SRC.sacem],
    status: 'secondary',
    note: {
      fr: 'L’assiette (la plus élevée des recettes et du budget artistique) et les minimums ne sont pas confirmés.',
      en: 'The base (receipts or artistic budget, the higher) and the minimums are not confirmed.',
    },
  },
  {
    country: 'FR',
    key: 'FR.sacem.flatFee',
    label: { fr: 'SACEM : forfait petits budgets', en: 'SACEM: small-budget flat fee' },
    ratePpm: null,
    amountCents: null,
    conditions: { maxBudgetCents: 200_000, maxTicketCents: 2_000 },
    conditionsText: {
      fr: 'Budget ≤ 2 000 € et billet ≤ 20 € : barème forfaitaire (par ex. à partir de 49,76 € HT pour une soirée gratuite dans un bar).',
      en: 'Budget ≤ 2,000 € and ticket ≤ 20 €: a flat schedule (e.g. from 49.76 € HT for a free bar event).',
    },
    sources: [SRC.sacemGuide],
    status: 'secondary',
  },
  // ---- France: withholding, social ----
  {
    country: 'FR',
    key: 'FR.withholding.nonResident',
    label: { fr: 'Retenue à la source (artiste non résident)', en: 'Withholding tax (non-resident artist)' },
    ratePpm: pct(15),
    amountCents: null,
    conditions: { deductionPpm: pct(10) },
    conditionsText: {
      fr: 'CGI 182 A bis : 15 % après un abattement de 10 % (13,5 % du brut), sur les salaires et sur les cachets versés aux sociétés étrangères (part artistique). Une convention fiscale peut en disposer autrement.',
      en: 'CGI 182 A bis: 15 % after a 10 % deduction (13.5 % of gross), on salaries and on fees to foreign companies (artistic part). Treaties can override.',
    },
    validFrom: '2009-01-01',
    sources: [SRC.sma, SRC.gmba],
    status: 'secondary',
    note: {
      fr: 'Le plafond actuel du caractère libératoire n’est pas confirmé.',
      en: 'The current ceiling of the final tax is not confirmed.',
    },
  },
  {
    country: 'FR',
    key: 'FR.social.reducedRates',
    label: {
      fr: 'Cotisations des artistes : 70 % des taux de droit commun',
      en: 'Artists’ contributions: 70 % of normal rates',
    },
    ratePpm: pct(70),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Maladie, vieillesse, accidents du travail, allocations familiales, Fnal à 70 % ; CSG et CRDS non réduites.',
      en: 'Illness, old-age, work accident, family, Fnal at 70 %; CSG and CRDS not reduced.',
    },
    sources: [SRC.urssaf],
    status: 'verified',
  },
  {
    country: 'FR',
    key: 'FR.social.employer.general',
    label: {
      fr: 'Cotisations patronales de sécurité sociale (taux réduits)',
      en: 'Employer social security (reduced rates)',
    },
    ratePpm: pct(21),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Ordre de grandeur : 70 % des taux patronaux habituels (environ 30 %).',
      en: 'Order of magnitude: 70 % of the usual employer rates (about 30 %).',
    },
    sources: [SRC.urssaf],
    status: 'unverified',
    note: {
      fr: 'Estimation propre à l’application, pas un taux de la note de recherche : vérifier avec le simulateur de l’URSSAF ou du GUSO.',
      en: 'Estimate made for this app, not a rate from the research note: check with the URSSAF or GUSO simulator.',
    },
  },
  {
    country: 'FR',
    key: 'FR.social.unemployment.employer',
    label: {
      fr: 'Assurance chômage (annexes 8 et 10), part employeur',
      en: 'Unemployment insurance, employer',
    },
    ratePpm: pct(9.05),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: '4,05 % + 5 % de contribution supplémentaire ; +0,5 % pour un CDD d’usage de 3 mois au plus.',
      en: '4.05 % + 5 % additional; +0.5 % for a CDD d’usage of 3 months or less.',
    },
    validFrom: '2018-10-01',
    sources: [SRC.chomage],
    status: 'secondary',
    note: {
      fr: 'Le taux patronal de droit commun serait de 4 % depuis le 1er mai 2025 : le total a pu changer.',
      en: 'The common employer rate was read as 4 % from 2025-05-01: the total may have changed.',
    },
  },
  {
    country: 'FR',
    key: 'FR.social.unemployment.employee',
    label: { fr: 'Assurance chômage, part salariale', en: 'Unemployment insurance, employee' },
    ratePpm: pct(2.4),
    amountCents: null,
    conditions: {},
    conditionsText: { fr: 'Annexes 8 et 10.', en: 'Annexes 8 and 10.' },
    validFrom: '2018-10-01',
    sources: [SRC.chomage],
    status: 'secondary',
  },
  {
    country: 'FR',
    key: 'FR.social.csgCrds',
    label: { fr: 'CSG et CRDS (non réduites)', en: 'CSG and CRDS (not reduced)' },
    ratePpm: pct(9.7),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'CSG 9,20 % + CRDS 0,50 %, part salariale.',
      en: 'CSG 9.20 % + CRDS 0.50 %, employee share.',
    },
    sources: [SRC.urssaf],
    status: 'verified',
    note: {
      fr: 'Appliquées ici à tout le brut (l’assiette légale est un peu plus basse) : légère surestimation.',
      en: 'Applied to the whole gross pay here (the legal base is slightly lower): a small over-estimate.',
    },
  },
  {
    country: 'FR',
    key: 'FR.social.congesSpectacles',
    label: { fr: 'Congés Spectacles', en: 'Congés Spectacles (paid leave fund)' },
    ratePpm: pct(15.5),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Caisse des congés payés des intermittents, part employeur.',
      en: 'Paid-leave fund of intermittent workers, employer share.',
    },
    sources: [SRC.urssaf],
    status: 'unverified',
    note: {
      fr: 'Absent de la note de recherche ; taux couramment cité, à vérifier auprès d’Audiens.',
      en: 'Not in the research note; commonly quoted rate, to be checked with Audiens.',
    },
  },
  {
    country: 'FR',
    key: 'FR.social.dfs',
    label: { fr: 'Déduction forfaitaire spécifique (musiciens)', en: 'Flat expense deduction (musicians)' },
    ratePpm: pct(20),
    amountCents: 760_000,
    currency: 'EUR',
    conditions: { singersActorsPpm: pct(25) },
    conditionsText: {
      fr: 'Musiciens 20 %, comédiens, chanteurs et danseurs 25 %, plafonnée à 7 600 € par an ; avec l’accord de l’artiste.',
      en: 'Musicians 20 %, actors/singers/dancers 25 %, capped at 7,600 € a year; the artist’s consent.',
    },
    sources: [SRC.dfs],
    status: 'secondary',
  },
  // ---- France: conditions behind checklist items ----
  {
    country: 'FR',
    key: 'FR.platesv.mention',
    label: { fr: 'Numéro PLATESV sur le contrat', en: 'PLATESV number on the contract' },
    ratePpm: null,
    amountCents: 200_000,
    currency: 'EUR',
    conditions: { finePersonCents: 80_000, fineCompanyCents: 200_000 },
    conditionsText: {
      fr: 'Absent d’un contrat, d’un billet ou d’une affiche : amende jusqu’à 800 € (personne physique) / 2 000 € (société).',
      en: 'Missing on a contract, ticket or poster: fine up to 800 € (person) / 2,000 € (company).',
    },
    validFrom: '2019-10-01',
    sources: [SRC.platesv],
    status: 'verified',
  },
  {
    country: 'FR',
    key: 'FR.guso',
    label: {
      fr: 'GUSO obligatoire (organisateur occasionnel)',
      en: 'GUSO compulsory (occasional organiser)',
    },
    ratePpm: null,
    amountCents: null,
    conditions: { licenceAboveShowsPerYear: 6 },
    conditionsText: {
      fr: 'Employeurs dont le spectacle n’est pas l’activité principale ; licence obligatoire au-delà de 6 spectacles par an.',
      en: 'Employers whose main activity is not live performance; a licence above 6 shows a year.',
    },
    validFrom: '2004-01-01',
    sources: [SRC.guso],
    status: 'secondary',
  },
  {
    country: 'FR',
    key: 'FR.minor.authorisation',
    label: {
      fr: 'Enfant de moins de 16 ans : autorisation préfectorale',
      en: 'Child under 16: prefect’s authorisation',
    },
    ratePpm: null,
    amountCents: null,
    conditions: { underAge: 16 },
    conditionsText: {
      fr: 'Autorisation préalable du préfet après avis de la commission ; une part de la rémunération est versée à la Caisse des Dépôts (L7124-1).',
      en: 'Prior authorisation of the prefect after the commission’s opinion; part of the pay to the Caisse des Dépôts (L7124-1).',
    },
    sources: [SRC.minors],
    status: 'verified',
  },
  // ---- Belgium ----
  {
    country: 'BE',
    key: 'BE.vat.ticket',
    label: { fr: 'TVA sur la billetterie', en: 'VAT on tickets' },
    ratePpm: pct(6),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: '6 % (taux normal 21 %) ; le projet de passer les concerts non classiques à 12 % a été signalé abandonné en février 2026.',
      en: '6 % (standard 21 %); the plan to move non-classical concerts to 12 % was reported shelved in Feb 2026.',
    },
    sources: [SRC.beVat, SRC.beVatVip],
    status: 'secondary',
  },
  {
    country: 'BE',
    key: 'BE.vat.ticket.nonProfit',
    label: {
      fr: 'Billetterie exonérée (organisateur sans but lucratif)',
      en: 'Tickets exempt (non-profit organiser)',
    },
    ratePpm: 0,
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Art. 44 § 2 9° : organisateurs sans but lucratif reconnus dont les recettes ne font que couvrir les frais.',
      en: 'Art. 44 §2 9°: recognised non-profit organisers whose receipts only cover costs.',
    },
    sources: [SRC.beNonProfit],
    status: 'secondary',
  },
  {
    country: 'BE',
    key: 'BE.vat.fee.exempt',
    label: {
      fr: 'Cachet facturé à l’organisateur : exonéré de TVA',
      en: 'Fee billed to the organiser: VAT exempt',
    },
    ratePpm: 0,
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Art. 44 § 2 8° : le cachet de l’artiste facturé à l’organisateur.',
      en: 'Art. 44 §2 8°: the artist’s fee billed to the organiser.',
    },
    sources: [SRC.beFee],
    status: 'secondary',
  },
  {
    country: 'BE',
    key: 'BE.vat.fee.intermediary',
    label: {
      fr: 'TVA sur le cachet facturé par un intermédiaire',
      en: 'VAT on a fee billed through an intermediary',
    },
    ratePpm: pct(6),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Un musicien qui facture une société autre que l’organisateur applique 6 % (AR n° 20, rubrique XXIX).',
      en: 'A musician billing a company that is not the organiser charges 6 % (AR 20, rubric XXIX).',
    },
    sources: [SRC.beFee],
    status: 'secondary',
  },
  {
    country: 'BE',
    key: 'BE.withholding.nonResident',
    label: {
      fr: 'Précompte professionnel (artiste non résident)',
      en: 'Withholding tax (non-resident artist)',
    },
    ratePpm: pct(18),
    amountCents: null,
    currency: 'EUR',
    conditions: { firstDayDeductionCents: 40_000, nextDayDeductionCents: 10_000, maxDays: 10 },
    conditionsText: {
      fr: '18 %, libératoire, aussi sur les cachets versés à la société employeuse ; forfait de frais facultatif de 400 € le premier jour + 100 € par jour (10 jours au plus). Une convention fiscale peut en exonérer.',
      en: '18 %, final, also on fees paid to the employing company; optional flat deduction 400 € the first day + 100 € a day (10 days at most). Treaties can exempt.',
    },
    sources: [SRC.beWithholding],
    status: 'secondary',
    note: {
      fr: 'Le seuil de 15 000 € n’a été que proposé (2020). L’entrée en vigueur de la nouvelle convention franco-belge n’est pas confirmée.',
      en: 'The 15,000 € threshold was only proposed (2020). The new FR-BE treaty’s entry into force is not confirmed.',
    },
  },
  {
    country: 'BE',
    key: 'BE.sabam.concert',
    label: { fr: 'Droits d’auteur SABAM (concert)', en: 'SABAM author rights (concert)' },
    ratePpm: pct(8),
    amountCents: null,
    conditions: { lowPpm: pct(0.8), highPpm: pct(8) },
    conditionsText: {
      fr: '0,8 à 8 % de l’assiette = le plus élevé du budget artistique et des recettes billetterie + sponsoring ; le taux dépend de la surface et du prix moyen.',
      en: '0.8 to 8 % of the base = the higher of the artistic budget and ticket + sponsor revenue; the rate depends on surface and average price.',
    },
    sources: [SRC.sabam],
    status: 'secondary',
  },
  {
    country: 'BE',
    key: 'BE.sabam.festival',
    label: { fr: 'Droits d’auteur SABAM (festival)', en: 'SABAM author rights (festival)' },
    ratePpm: pct(6),
    amountCents: null,
    conditions: { lowPpm: pct(0.6), highPpm: pct(6) },
    conditionsText: {
      fr: 'Festivals (≥ 5 groupes par jour) : 0,6 à 6 % de la même assiette.',
      en: 'Festivals (≥ 5 acts a day): 0.6 to 6 % of the same base.',
    },
    sources: [SRC.sabam],
    status: 'secondary',
  },
  // ---- Switzerland ----
  {
    country: 'CH',
    key: 'CH.vat.culture',
    label: { fr: 'Culture exclue du champ de la TVA', en: 'Culture outside the scope of VAT' },
    ratePpm: 0,
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'LTVA art. 21 al. 2 ch. 14 : billets et cachets des artistes payés par l’organisateur, devant un public présent. Studio ou diffusion : 8,1 %.',
      en: 'LTVA art. 21 al. 2 ch. 14: tickets and artists’ fees paid by the organiser, before a present public. Studio or broadcast: 8.1 %.',
    },
    sources: [SRC.chCulture],
    status: 'verified',
  },
  {
    country: 'CH',
    key: 'CH.vat.standard',
    label: { fr: 'TVA, taux normal', en: 'VAT, standard rate' },
    ratePpm: pct(8.1),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'La date de la représentation fait foi.',
      en: 'The date of the performance decides.',
    },
    validFrom: '2024-01-01',
    sources: [SRC.chVat],
    status: 'verified',
  },
  {
    country: 'CH',
    key: 'CH.vat.optedTickets',
    label: { fr: 'TVA sur la billetterie (option)', en: 'VAT on tickets (opted in)' },
    ratePpm: pct(2.6),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Un organisateur qui opte pour l’imposition de la culture soumet ses billets au taux réduit (2,5 % en 2023).',
      en: 'An organiser who opts to tax culture shows tickets at the reduced rate (2.5 % in 2023).',
    },
    validFrom: '2024-01-01',
    sources: [SRC.chOpted, SRC.chVat],
    status: 'unverified',
  },
  {
    country: 'CH',
    key: 'CH.suisa.K',
    label: { fr: 'Droits d’auteur SUISA (tarif commun K)', en: 'SUISA author rights (tariff K)' },
    ratePpm: pct(10),
    amountCents: null,
    conditions: {},
    conditionsText: {
      fr: 'Au plus 10 % des recettes de billetterie (ou des frais de musique) ; au prorata de la musique protégée si la liste des œuvres est envoyée à temps.',
      en: 'At most 10 % of ticket receipts (or music costs); pro rata for protected music if the setlist is sent on time.',
    },
    sources: [SRC.suisa],
    status: 'verified',
  },
  {
    country: 'CH',
    key: 'CH.suisa.Kb',
    label: {
      fr: 'Droits d’auteur SUISA (TC Kb, petits concerts)',
      en: 'SUISA author rights (tariff Kb, small concerts)',
    },
    ratePpm: pct(9.5),
    amountCents: null,
    currency: 'CHF',
    conditions: { maxCapacity: 999, maxGrossTicketsCents: 1_500_000, publicDomainPpm: pct(3.5) },
    conditionsText: {
      fr: 'Jauge ≤ 999 et billetterie brute ≤ 15 000 CHF : 9,5 % du budget (3,5 % si plus de la moitié de la musique est du domaine public).',
      en: 'Capacity ≤ 999 and gross tickets ≤ CHF 15,000: 9.5 % of the budget (3.5 % if over half the music is public domain).',
    },
    sources: [SRC.suisaKb],
    status: 'secondary',
  },
  {
    country: 'CH',
    key: 'CH.withholding.federal',
    label: {
      fr: 'Impôt fédéral à la source (artiste non résident)',
      en: 'Federal withholding tax (non-resident artist)',
    },
    ratePpm: null,
    amountCents: null,
    currency: 'CHF',
    conditions: {
      flatDeductionPpm: pct(50),
      // Daily income (CHF cents, after the deduction) up to `upToCents` → rate; the last has no ceiling.
      brackets: [
        { upToCents: 20_000, ratePpm: pct(0.8) },
        { upToCents: 100_000, ratePpm: pct(2.4) },
        { upToCents: 300_000, ratePpm: pct(5) },
        { upToCents: null, ratePpm: pct(7) },
      ],
    },
    conditionsText: {
      fr: 'LIFD art. 92 : net = brut − forfait de 50 % ; revenu journalier = net ÷ (jours de spectacle + de répétition), frais payés par l’organisateur compris (OIS 16) ; l’organisateur est solidairement responsable.',
      en: 'LIFD art. 92: net = gross − 50 % flat deduction; daily income = net ÷ (show + rehearsal days), costs paid by the organiser included (OIS 16); organiser jointly liable.',
    },
    validFrom: '2021-01-01',
    sources: [SRC.lifd, SRC.ois],
    status: 'verified',
  },
  {
    country: 'CH',
    key: 'CH.withholding.cantonal',
    label: { fr: 'Impôt cantonal et communal à la source', en: 'Cantonal and communal withholding tax' },
    ratePpm: null,
    amountCents: null,
    currency: 'CHF',
    conditions: {},
    conditionsText: {
      fr: 'Perçu en plus de l’impôt fédéral, selon le barème propre au canton.',
      en: 'Levied on top of the federal tax, by the canton’s own scale.',
    },
    sources: [SRC.lifd],
    status: 'unverified',
    note: {
      fr: 'Barèmes de Genève et de Vaud introuvables : non estimé.',
      en: 'Geneva and Vaud scales not found: not estimated.',
    },
  },
  {
    country: 'CH',
    key: 'CH.avs',
    label: { fr: 'AVS/AI/APG', en: 'AVS/AI/APG social insurance' },
    ratePpm: pct(10.6),
    amountCents: 250_000,
    currency: 'CHF',
    conditions: {},
    conditionsText: {
      fr: 'Dès le premier franc pour certains employeurs ; pour les autres, sur demande seulement jusqu’à 2 500 CHF par an ; les résidents de l’UE actifs dans plusieurs États cotisent en général chez eux (A1).',
      en: 'From the first franc for some employers; others only on request up to CHF 2,500 a year; EU residents working in several states usually pay at home (A1).',
    },
    sources: [SRC.avs],
    status: 'unverified',
  },
  {
    country: 'CH',
    key: 'CH.lausanne.entertainmentTax',
    label: { fr: 'Impôt sur les divertissements (Lausanne)', en: 'Entertainment tax (Lausanne)' },
    ratePpm: pct(14),
    amountCents: null,
    conditions: { city: 'Lausanne' },
    conditionsText: {
      fr: '14 % du prix d’entrée ; exonérations pour les associations locales, les spectacles pour enfants…',
      en: '14 % of admission; exemptions for local non-profits, children’s shows…',
    },
    sources: [SRC.lausanne],
    status: 'secondary',
  },
];

/** The seed rows, with their stable ids (key@version). */
export const RULES: readonly LegalRule[] = SEEDS.map((s) => ({
  id: `${s.key}@${s.version ?? 1}`,
  country: s.country,
  key: s.key,
  version: s.version ?? 1,
  label: s.label,
  ratePpm: s.ratePpm,
  amountCents: s.amountCents,
  currency: s.currency ?? null,
  conditions: s.conditions,
  conditionsText: s.conditionsText,
  validFrom: s.validFrom ?? null,
  validTo: s.validTo ?? null,
  sources: s.sources,
  status: s.status,
  note: s.note ?? { fr: '', en: '' },
}));

const STATUS_RANK: Record<RuleStatus, number> = { verified: 2, secondary: 1, unverified: 0 };

/** The weakest of several statuses: a figure is only as sure as its least sure rule. */
export function weakest(statuses: readonly RuleStatus[]): RuleStatus {
  return statuses.reduce<RuleStatus>((w, s) => (STATUS_RANK[s] < STATUS_RANK[w] ? s : w), 'verified');
}

/** The rules in force at a date (inclusive bounds), newest version of each key. */
export function rulesAt(rules: readonly LegalRule[], date: string, country?: LegalCountry): LegalRule[] {
  const byKey = new Map<string, LegalRule>();
  for (const rule of rules) {
    if (country && rule.country !== country) continue;
    if (rule.validFrom && rule.validFrom > date) continue;
    if (rule.validTo && rule.validTo < date) continue;
    const seen = byKey.get(rule.key);
    if (!seen || seen.version < rule.version) byKey.set(rule.key, rule);
  }
  return [...byKey.values()];
}

/** A rule lookup bound to a date; throws for a key the table lacks at that date (a bug or a gap). */
export function ruleBook(rules: readonly LegalRule[], date: string) {
  const inForce = new Map(rulesAt(rules, date).map((r) => [r.key, r]));
  return (key: string): LegalRule => {
    const rule = inForce.get(key);
    if (!rule) throw new Error(`No rule ${key} in force on ${date}`);
    return rule;
  };
}
export type RuleBook = ReturnType<typeof ruleBook>;
