import type {
  ChecklistItem,
  ChecklistLevel,
  ContractDraft,
  LegalRule,
  LocalizedText,
  MoneyLine,
  RuleStatus,
} from '../../../shared/legal';
import { ruleBook } from './rules';

// The compliance checklist of a draft: what is missing or risky before signing, each item with its
// level (blocking: the law requires it; warning: a risk; info: a formality to know), the rule behind
// it and its source. A pure function of the draft, the rules and today's date.

const CND_MODEL = 'https://doczz.fr/doc/2136420/contrat-de-cession-de-droits-d-exploitation-d-un-spectacle';
const PRESUMPTION =
  'https://adami.fr/je-suis-un-artiste/les-services/3-1-s-comprendre-la-presomption-de-salariat';
const PRODISS_PERMITS =
  'https://www.prodiss.org/actualites/2016/11/avancee-majeure-pour-la-circulation-des-artistes-etrangers-en-france';
const CROWDS = 'https://www.maine-et-loire.gouv.fr/grands-rassemblements-r553.html';
const NOISE =
  'https://bruit.fr/collectivites/gestion-du-bruit-a-l-echelon-communal/gestion-de-la-vie-nocturne-et-sons-amplifies';
const BE_PERMITS = 'https://economy-employment.brussels/authorisation-work-artist';
const CH_PERMITS = 'https://lawbrary.ch/law/art/OASA-v2022.03-fr-art-14/';

/** The European Economic Area (+ CH): no work permit question between them. */
const EEA = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH'.split(' '),
);

interface Item {
  key: string;
  level: ChecklistLevel;
  path?: string;
  fr: string;
  en: string;
  rule: LocalizedText;
  source: string;
  status?: RuleStatus;
}

/** SIRET: 14 digits with a Luhn check digit (La Poste's establishments excepted). */
export function siretLooksValid(value: string): 'ok' | 'format' | 'checksum' {
  const digits = value.replace(/\s/g, '');
  if (!/^\d{14}$/.test(digits)) return 'format';
  if (digits.startsWith('356000000')) return 'ok';
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let n = Number(digits[13 - i]);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0 ? 'ok' : 'checksum';
}

/** BCE/KBO enterprise number: 10 digits (0 or 1 first), the last two = 97 − (first eight mod 97). */
export function bceLooksValid(value: string): 'ok' | 'format' | 'checksum' {
  const digits = value.replace(/^BE/i, '').replace(/[\s.]/g, '');
  if (!/^[01]\d{9}$/.test(digits)) return 'format';
  return 97 - (Number(digits.slice(0, 8)) % 97) === Number(digits.slice(8)) ? 'ok' : 'checksum';
}

/** Swiss IDE/UID: CHE-123.456.789, mod-11 check digit with weights 5 4 3 2 7 6 5 4. */
export function ideLooksValid(value: string): 'ok' | 'format' | 'checksum' {
  const m = /^CHE[-\s]?(\d{3})\.?(\d{3})\.?(\d{3})(\s*(MWST|TVA|IVA))?$/i.exec(value.trim());
  if (!m) return 'format';
  const digits = (m[1]! + m[2]! + m[3]!).split('').map(Number);
  const weights = [5, 4, 3, 2, 7, 6, 5, 4];
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 'checksum';
  return (check === 11 ? 0 : check) === digits[8] ? 'ok' : 'checksum';
}

/** PLATESV-R-2021-000123 (or D), or the older L-R-21-123 form. */
export const platesvLooksValid = (value: string) =>
  /^PLATESV-[DR]-\d{4}-\d{4,}$/i.test(value.trim()) || /^L-[DR]-\d{2}-\d+$/i.test(value.trim());

/** Whole years between a birth date and a date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function buildChecklist(
  d: ContractDraft,
  rules: readonly LegalRule[],
  money: readonly MoneyLine[],
  today: string,
): ChecklistItem[] {
  const rule = ruleBook(rules, d.performance.date < today ? today : d.performance.date);
  const items: Item[] = [];
  const add = (item: Item) => items.push(item);
  const fr = d.country === 'FR';

  // ---- Dates ----
  if (d.performance.date < today) {
    add({
      key: 'performance.date.past',
      level: 'blocking',
      path: 'performance.date',
      fr: `La date de la représentation (${d.performance.date}) est passée.`,
      en: `The performance date (${d.performance.date}) is in the past.`,
      rule: {
        fr: 'Le contrat se signe avant la représentation',
        en: 'A contract is signed before the performance',
      },
      source: CND_MODEL,
    });
  }

  // ---- Parties ----
  const parties = [
    ['producer', d.producer, { fr: 'du producteur', en: 'of the producer' }],
    ['organiser', d.organiser, { fr: 'de l’organisateur', en: 'of the organiser' }],
  ] as const;
  for (const [name, party, of] of parties) {
    if (!party.legalName) {
      add({
        key: `${name}.legalName.missing`,
        level: 'blocking',
        path: `${name}.legalName`,
        fr: `Raison sociale ${of.fr} manquante.`,
        en: `Legal name ${of.en} missing.`,
        rule: {
          fr: 'Identification des parties (contrats types, art. 1)',
          en: 'Identification of the parties (model contracts, art. 1)',
        },
        source: CND_MODEL,
      });
    }
    if (!party.address.street || !party.address.city) {
      add({
        key: `${name}.address.missing`,
        level: 'blocking',
        path: `${name}.address`,
        fr: `Adresse du siège ${of.fr} incomplète.`,
        en: `Registered address ${of.en} incomplete.`,
        rule: {
          fr: 'Identification des parties (contrats types, art. 1)',
          en: 'Identification of the parties (model contracts, art. 1)',
        },
        source: CND_MODEL,
      });
    }
    if (!party.representative.name) {
      add({
        key: `${name}.representative.missing`,
        level: 'blocking',
        path: `${name}.representative.name`,
        fr: `Signataire ${of.fr} (titulaire de la licence ou représentant légal) manquant.`,
        en: `Signatory ${of.en} (licence holder or legal representative) missing.`,
        rule: {
          fr: 'Le signataire est le titulaire de la licence ou le représentant légal',
          en: 'The signatory is the licence holder or legal representative',
        },
        source: CND_MODEL,
      });
    }
    registration(d, name, party, of, add);
  }

  // ---- French licence (PLATESV) ----
  if (fr) {
    const platesv = rule('FR.platesv.mention');
    const producerIsFrench = d.producer.address.country === '' || d.producer.address.country === 'FR';
    const needs: { name: 'producer' | 'organiser'; required: boolean; why: { fr: string; en: string } }[] = [
      {
        name: 'producer',
        required: d.kind !== 'engagement' && producerIsFrench,
        why: { fr: 'producteur, catégorie 2', en: 'producer, category 2' },
      },
      {
        name: 'organiser',
        required:
          !d.organiser.occasionalOrganiser ||
          (d.organiser.showsPerYear ?? 0) >
            (rule('FR.guso').conditions as { licenceAboveShowsPerYear: number }).licenceAboveShowsPerYear,
        why: { fr: 'organisateur, catégorie 3', en: 'organiser, category 3' },
      },
    ];
    for (const need of needs) {
      const value = d[need.name].platesvNumber;
      if (need.required && !value) {
        add({
          key: `${need.name}.platesvNumber.missing`,
          level: 'blocking',
          path: `${need.name}.platesvNumber`,
          fr: `Numéro PLATESV ${need.name === 'producer' ? 'du producteur' : 'de l’organisateur'} manquant (${need.why.fr}) : amende jusqu’à 2 000 €.`,
          en: `PLATESV licence number of the ${need.name} missing (${need.why.en}): fine up to 2,000 €.`,
          rule: {
            fr: 'Numéro de licence sur les contrats, billets et affiches (depuis le 1er octobre 2019)',
            en: 'Licence number on contracts, tickets and posters (since 2019-10-01)',
          },
          source: platesv.sources[0]!,
          status: platesv.status,
        });
      } else if (value && !platesvLooksValid(value)) {
        add({
          key: `${need.name}.platesvNumber.format`,
          level: 'warning',
          path: `${need.name}.platesvNumber`,
          fr: `Numéro PLATESV « ${value} » inattendu (forme PLATESV-R-2021-000123 ou L-R-21-123).`,
          en: `Unexpected PLATESV number "${value}" (PLATESV-R-2021-000123 or L-R-21-123).`,
          rule: { fr: 'Forme du numéro PLATESV', en: 'PLATESV format' },
          source: platesv.sources[0]!,
        });
      }
    }
    if (!producerIsFrench && d.kind !== 'engagement') {
      add({
        key: 'producer.foreignLicence',
        level: 'warning',
        path: 'producer.platesvNumber',
        fr: 'Producteur établi hors de France : licence équivalente de son pays ou déclaration préalable à vérifier.',
        en: 'Producer established outside France: check its home-country licence or the prior declaration.',
        rule: {
          fr: 'Prestataires de l’EEE intervenant temporairement en France',
          en: 'EEA providers working temporarily in France',
        },
        source: 'https://mobiculture.fr/?p=83',
        status: 'unverified',
      });
    }
  }

  // ---- Engagement: GUSO, formalities ----
  if (d.kind === 'engagement') {
    const guso = rule('FR.guso');
    if (d.organiser.occasionalOrganiser && !d.guso) {
      add({
        key: 'engagement.guso.required',
        level: 'blocking',
        path: 'guso',
        fr: 'L’organisateur n’a pas le spectacle pour activité principale : la déclaration au GUSO est obligatoire.',
        en: 'Live performance is not the organiser’s main activity: the GUSO declaration is compulsory.',
        rule: { fr: 'GUSO obligatoire depuis le 1er janvier 2004', en: 'GUSO compulsory since 2004-01-01' },
        source: guso.sources[0]!,
        status: guso.status,
      });
    }
    add({
      key: 'engagement.formalities',
      level: 'info',
      fr: d.guso
        ? 'GUSO : une seule déclaration vaut DPAE, contrat de travail et paiement des cotisations.'
        : 'Formalités de l’employeur : DPAE, objet France Travail, Audiens, Congés Spectacles ; accord de l’artiste pour la DFS.',
      en: d.guso
        ? 'GUSO: one declaration covers the DPAE, the employment contract and the contributions.'
        : 'Employer formalities: DPAE, France Travail object number, Audiens, Congés Spectacles; the artist’s consent to the DFS.',
      rule: { fr: 'Contrat d’engagement (L7121-3)', en: 'Engagement contract (L7121-3)' },
      source: PRESUMPTION,
      status: 'secondary',
    });
  }

  // ---- Performers: minors, permits, residence ----
  d.performers.forEach((p, i) => {
    if (p.birthDate) {
      const age = ageOn(p.birthDate, d.performance.date);
      if (age < 0) return;
      if (age < 16) {
        const minors = rule('FR.minor.authorisation');
        if (fr && !p.minorAuthorisation) {
          add({
            key: 'performer.minor.authorisation',
            level: 'blocking',
            path: `performers.${i}.minorAuthorisation`,
            fr: `${p.name} aura ${age} ans — artiste mineur de moins de 16 ans : autorisation préfectorale requise (et part du cachet à la Caisse des Dépôts).`,
            en: `${p.name} will be ${age}: a performer under 16 needs the prefect’s prior authorisation (part of the pay goes to the Caisse des Dépôts).`,
            rule: { fr: 'Code du travail L7124-1', en: 'French Labour Code L7124-1' },
            source: minors.sources[0]!,
            status: minors.status,
          });
        } else if (!fr) {
          add({
            key: 'performer.minor.local',
            level: 'warning',
            path: `performers.${i}.birthDate`,
            fr: `${p.name} aura ${age} ans : vérifier les règles locales sur le travail des enfants dans le spectacle.`,
            en: `${p.name} will be ${age}: check local rules on children performing.`,
            rule: { fr: 'Enfants dans le spectacle', en: 'Child performers' },
            source: minors.sources[0]!,
            status: 'unverified',
          });
        }
      } else if (age < 18) {
        add({
          key: 'performer.minor.consent',
          level: 'warning',
          path: `performers.${i}.birthDate`,
          fr: `${p.name} aura ${age} ans : accord écrit du représentant légal.`,
          en: `${p.name} will be ${age}: written consent of a legal guardian.`,
          rule: { fr: 'Mineurs', en: 'Minors' },
          source: rule('FR.minor.authorisation').sources[0]!,
          status: 'unverified',
        });
      }
    }
    if (!EEA.has(p.residenceCountry)) {
      const permit =
        d.country === 'FR'
          ? {
              fr: `${p.name} réside hors de l’EEE : pas d’autorisation de travail jusqu’à 3 mois, mais un visa peut être nécessaire.`,
              en: `${p.name} lives outside the EEA: no work permit up to 3 months, but a visa may be needed.`,
              source: PRODISS_PERMITS,
              status: 'secondary' as const,
            }
          : d.country === 'BE'
            ? {
                fr: `${p.name} réside hors de l’UE : autorisation de travail de courte durée, sauf artiste de renommée internationale (≤ 21 jours par trimestre, Bruxelles).`,
                en: `${p.name} lives outside the EU: short-term work authorisation unless internationally renowned (≤ 21 days a quarter, Brussels).`,
                source: BE_PERMITS,
                status: 'secondary' as const,
              }
            : {
                fr: `${p.name} réside hors de l’UE/AELE : autorisation de travail requise quelle que soit la durée.`,
                en: `${p.name} lives outside the EU/EFTA: a work permit is required whatever the stay.`,
                source: CH_PERMITS,
                status: 'verified' as const,
              };
      add({
        key: 'performer.workPermit',
        level: 'warning',
        path: `performers.${i}.residenceCountry`,
        ...permit,
        rule: {
          fr: 'Autorisations de travail des artistes étrangers',
          en: 'Work permits for foreign artists',
        },
      });
    }
  });
  if (d.country === 'CH' && d.performers.some((p) => p.residenceCountry !== 'CH')) {
    add({
      key: 'performer.ch.announce',
      level: 'info',
      fr: 'Suisse : les artistes étrangers annoncent toujours leur arrivée (OASA 12) ; prestations transfrontalières ≤ 8 jours par an dispensées d’autorisation (OASA 14).',
      en: 'Switzerland: foreign artists always declare their arrival (OASA 12); cross-border services ≤ 8 days a year need no permit (OASA 14).',
      rule: { fr: 'OASA 12 et 14', en: 'OASA 12 and 14' },
      source: CH_PERMITS,
      status: 'verified',
    });
  }
  if (d.performers.some((p) => p.residenceCountry !== d.country)) {
    add({
      key: 'withholding.treaty',
      level: 'info',
      fr: 'Artiste non résident : retenue à la source calculée ci-dessous ; vérifier la convention fiscale avec son pays.',
      en: 'Non-resident performer: withholding tax computed below; check the tax treaty with their country.',
      rule: {
        fr: 'Retenue à la source des artistes non résidents',
        en: 'Withholding on non-resident artists',
      },
      source:
        rules.find(
          (r) => r.key === `${d.country}.withholding.${d.country === 'CH' ? 'federal' : 'nonResident'}`,
        )?.sources[0] ?? '',
      status: 'secondary',
    });
  }

  // ---- Money and annexes ----
  if (d.kind !== 'engagement' && d.money.fee === 0 && d.kind === 'cession') {
    add({
      key: 'money.fee.zero',
      level: 'warning',
      path: 'money.fee',
      fr: 'Prix de cession à 0 : une cession gratuite est inhabituelle, vérifier.',
      en: 'A cession fee of 0: unusual, check it.',
      rule: { fr: 'Prix (contrats types, art. 7)', en: 'Price (model contracts, art. 7)' },
      source: CND_MODEL,
    });
  }
  if (!d.riders.technical) {
    add({
      key: 'riders.technical.missing',
      level: 'warning',
      path: 'riders.technical',
      fr: 'Fiche technique non jointe : l’annexe technique sera vide.',
      en: 'No technical rider: the technical annex will be empty.',
      rule: { fr: 'Annexes (contrats types, art. 8)', en: 'Annexes (model contracts, art. 8)' },
      source: CND_MODEL,
    });
  }
  if (!d.riders.hospitality) {
    add({
      key: 'riders.hospitality.missing',
      level: 'info',
      path: 'riders.hospitality',
      fr: 'Pas de conditions d’accueil (repas, hébergement) : l’annexe accueil sera vide.',
      en: 'No hospitality rider (meals, lodging): the hospitality annex will be empty.',
      rule: { fr: 'Annexes (contrats types, art. 8)', en: 'Annexes (model contracts, art. 8)' },
      source: CND_MODEL,
    });
  }

  // ---- Insurance ----
  if (!d.insurance.cancellation) {
    add({
      key: 'insurance.cancellation.missing',
      level: 'warning',
      path: 'insurance.cancellation',
      fr: 'Assurance annulation non renseignée.',
      en: 'No cancellation insurance given.',
      rule: {
        fr: 'Annulation et force majeure (contrats types, art. 11)',
        en: 'Cancellation and force majeure (model contracts, art. 11)',
      },
      source: CND_MODEL,
      status: 'unverified',
    });
  }
  if (!d.insurance.organiserLiability) {
    add({
      key: 'insurance.organiserLiability.missing',
      level: 'warning',
      path: 'insurance.organiserLiability',
      fr: 'Responsabilité civile de l’organisateur (lieu et public) non renseignée.',
      en: 'The organiser’s civil liability insurance (venue and public) is not given.',
      rule: { fr: 'Assurances (contrats types, art. 10)', en: 'Insurance (model contracts, art. 10)' },
      source: CND_MODEL,
      status: 'unverified',
    });
  }
  if (d.history.pastCancellations > 0) {
    add({
      key: 'history.cancellations',
      level: 'info',
      path: 'history.pastCancellations',
      fr: `${d.history.pastCancellations} annulation(s) passée(s) entre ces parties : la clause d’annulation renforcée (acompte non remboursable) est utilisée.`,
      en: `${d.history.pastCancellations} past cancellation(s) between these parties: the stricter cancellation clause (non-refundable deposit) is used.`,
      rule: { fr: 'Clause d’annulation', en: 'Cancellation clause' },
      source: CND_MODEL,
    });
  }

  // ---- Public safety ----
  if (fr && (d.performance.capacity ?? 0) > 1500) {
    add({
      key: 'safety.crowd',
      level: 'info',
      fr: 'Plus de 1 500 personnes : déclarer les mesures de sécurité et d’incendie en préfecture 1 à 3 mois avant.',
      en: 'Over 1,500 people: declare security and fire measures to the prefecture 1 to 3 months ahead.',
      rule: { fr: 'Grands rassemblements', en: 'Large gatherings' },
      source: CROWDS,
      status: 'verified',
    });
  }
  if (fr) {
    add({
      key: 'safety.noise',
      level: 'info',
      fr: 'Sons amplifiés : 102 dB(A) et 118 dB(C) sur 15 minutes au plus (décret 2017-1244).',
      en: 'Amplified sound: at most 102 dB(A) and 118 dB(C) over 15 minutes (décret 2017-1244).',
      rule: { fr: 'Décret 2017-1244', en: 'Décret 2017-1244' },
      source: NOISE,
      status: 'verified',
    });
    add({
      key: 'vigilance.certificates',
      level: 'info',
      fr: 'Attestations de vigilance (D8222-5) à remettre à la signature puis tous les 6 mois.',
      en: 'Anti-undeclared-work certificates (D8222-5) at signature and every 6 months.',
      rule: { fr: 'Code du travail D8222-5', en: 'French Labour Code D8222-5' },
      source: CND_MODEL,
      status: 'secondary',
    });
  }

  // ---- Figures resting on non-verified rules ----
  const doubtful = money.filter((l) => l.status !== 'verified' && (l.amount !== null || l.range !== null));
  if (doubtful.length > 0) {
    add({
      key: 'money.unverifiedRates',
      level: 'info',
      fr: `Montants fondés sur des taux non vérifiés à la source officielle : ${doubtful.map((l) => l.label.fr).join(' ; ')}. À revérifier avant signature.`,
      en: `Amounts resting on rates not verified at an official source: ${doubtful.map((l) => l.label.en).join('; ')}. Re-check before signing.`,
      rule: { fr: 'Statut de la table des règles', en: 'Rules table status' },
      source: 'docs/contracts.md',
      status: 'unverified',
    });
  }

  const order: Record<ChecklistLevel, number> = { blocking: 0, warning: 1, info: 2 };
  return items
    .map((i) => ({
      key: i.key,
      level: i.level,
      path: i.path ?? '',
      message: { fr: i.fr, en: i.en },
      rule: i.rule,
      source: i.source,
      status: i.status ?? 'secondary',
    }))
    .sort((a, b) => order[a.level] - order[b.level]);
}

function registration(
  d: ContractDraft,
  name: 'producer' | 'organiser',
  party: ContractDraft['producer'],
  of: { fr: string; en: string },
  add: (item: Item) => void,
): void {
  const country = party.address.country || d.country;
  const value = party.registrationNumber;
  const known =
    country === 'FR' ? 'SIRET' : country === 'BE' ? 'BCE/KBO' : country === 'CH' ? 'IDE/UID' : null;
  const label = { fr: known ?? 'd’immatriculation', en: known ?? 'Registration' };
  if (!value) {
    // A French company must state its SIRET; abroad the number is expected but its absence is a risk.
    add({
      key: `${name}.registrationNumber.missing`,
      level: country === 'FR' || country === d.country ? 'blocking' : 'warning',
      path: `${name}.registrationNumber`,
      fr: `Numéro ${label.fr} ${of.fr} manquant.`,
      en: `${label.en} number ${of.en} missing.`,
      rule: {
        fr: 'Identification des parties : SIRET/APE, numéro de TVA (contrats types, art. 1)',
        en: 'Identification of the parties: SIRET/APE, VAT number (model contracts, art. 1)',
      },
      source: CND_MODEL,
      status: country === 'FR' ? 'secondary' : 'unverified',
    });
    return;
  }
  const check =
    country === 'FR'
      ? siretLooksValid(value)
      : country === 'BE'
        ? bceLooksValid(value)
        : country === 'CH'
          ? ideLooksValid(value)
          : 'ok';
  if (check !== 'ok') {
    add({
      key: `${name}.registrationNumber.${check}`,
      level: check === 'format' ? 'blocking' : 'warning',
      path: `${name}.registrationNumber`,
      fr:
        check === 'format'
          ? `Numéro ${label.fr} ${of.fr} mal formé (« ${value} »).`
          : `Numéro ${label.fr} ${of.fr} : la clé de contrôle ne correspond pas (« ${value} »).`,
      en:
        check === 'format'
          ? `${label.en} number ${of.en} is malformed ("${value}").`
          : `${label.en} number ${of.en}: the check digit does not match ("${value}").`,
      rule: { fr: `Forme du numéro ${label.fr}`, en: `${label.en} format` },
      source: CND_MODEL,
    });
  }
  if (name === 'organiser' && d.country === 'FR' && !party.apeCode && country === 'FR') {
    add({
      key: 'organiser.apeCode.missing',
      level: 'info',
      path: 'organiser.apeCode',
      fr: 'Code APE de l’organisateur non renseigné.',
      en: 'The organiser’s APE code is not given.',
      rule: { fr: 'Identification des parties', en: 'Identification of the parties' },
      source: CND_MODEL,
    });
  }
}
