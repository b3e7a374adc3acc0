import { z } from 'zod';
import { IsoDate } from './deals';
import { Id } from './domain';
import { ById, Empty, method } from './contract-method';

/*
 * Contracts and compliance (issue #5): the rules table, the contract draft, the compliance checklist,
 * the money lines, the PDF, the signatures and the audit trail. Domain schemas and this feature's
 * contract methods (spread into contract.ts).
 *
 * API for the screens (every amount a method RETURNS is an integer number of CENTS; every amount in a
 * ContractDraft is a decimal amount with at most 2 decimals, as the booker types it):
 *
 *   contracts.rules           {country?, at?}           → {rules}        the rates with conditions, dates,
 *                                                                        sources and status (show them)
 *   contracts.fromOffer       {offerId, kind?, language?} → {draft, prefilled, history}
 *                                                        a draft pre-filled from the offer, its artist
 *                                                        and venue; `prefilled` lists the filled paths
 *   contracts.checklist       {draft}                   → {items, money, blocking}   live, no store write
 *   contracts.generate        {id?, offerId?, draft}    → a new VERSION of the contract (id given) or a
 *                                                        new contract: the PDF (base64), checklist, money.
 *                                                        Blocking items do not prevent a draft PDF (it is
 *                                                        watermarked « PROJET »); they prevent signing.
 *   contracts.preview         {id?, offerId?, draft}    → the same PDF + checklist + money, NOT stored
 *   contracts.clauses         {draft}                   → {clauses}      each article's title, printed
 *                                                        text and standard text (for overrides)
 *   contracts.list            {offerId?}                → {items}        newest first
 *   contracts.get             {id}                      → the contract with its draft, versions, audit
 *   contracts.pdf             {id, version?}            → one stored version's PDF (latest by default)
 *   contracts.sign            {id, signer, drawnSignature?, digital}
 *                                                      → a new signed version: drawn signature placed in
 *                                                        the signer's block, then (digital: true) a
 *                                                        PAdES-style signature with the stored identity
 *   contracts.identity.get    {}                        → {identity | null}
 *   contracts.identity.create {commonName, organisation?, email?} → the app-made certificate
 *   contracts.identity.import {p12Base64, password}     → the imported certificate (password used once,
 *                                                        never stored: see services/legal/identity.ts)
 *
 * A draft is deliberately lenient about what is MISSING (a blank SIRET is allowed by the schema and
 * reported as a blocking checklist item) and strict about what is WRONG (a negative fee, an unknown
 * country, an impossible date are validation errors). Messages are English in the schemas (for the CLI
 * and logs); everything the screens show (checklist items and their rules, rule conditions and notes,
 * audit details, money lines) carries French and English texts.
 */

// ---- Small building blocks ------------------------------------------------------------------------

/** A text the app shows people, in both interface languages (the screens pick the booker's one). */
export const LocalizedText = z.object({ fr: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

const hasAtMostTwoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

/** A decimal amount (≥ 0, ≤ 100,000,000, at most 2 decimals). */
export const moneyAmount = (what: string) =>
  z
    .number({ message: `${what} must be a number` })
    .finite()
    .nonnegative({ message: `${what} cannot be negative` })
    .max(100_000_000, { message: `${what} is over 100,000,000` })
    .refine(hasAtMostTwoDecimals, { message: `${what}: at most 2 decimals (cents)` });

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters` });
const optionalText = (max: number) => text(max).default('');

/** Countries whose contracts and rules the app knows. */
export const LegalCountry = z.enum(['FR', 'BE', 'CH'], {
  message: 'Unknown country: contracts are available for FR (France), BE (Belgium) and CH (Switzerland)',
});
export type LegalCountry = z.infer<typeof LegalCountry>;

/** Any ISO 3166-1 alpha-2 country (residence of an artist, seat of a foreign company). */
export const AnyCountry = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: 'A country is a two-letter ISO code (FR, BE, CH, NL…)' });

const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'A time is written HH:MM (24 h)' })
  .or(z.literal(''))
  .default('');

export const ContractLanguage = z.enum(['fr', 'en']);
export type ContractLanguage = z.infer<typeof ContractLanguage>;

/**
 * cession:       contrat de cession du droit d'exploitation (FR), contrat de vente / cession de spectacle
 *                (BE), contrat de représentation (CH): the producer sells the show for a fee.
 * engagement:    contrat d'engagement (FR only): the organiser employs the artists (GUSO when its main
 *                activity is not live performance).
 * coRealisation: contrat de coréalisation (FR) and its BE / CH counterparts (partage de recettes): the
 *                box office is shared, with or without a minimum guarantee.
 */
export const ContractKind = z.enum(['cession', 'engagement', 'coRealisation']);
export type ContractKind = z.infer<typeof ContractKind>;

// ---- Contract draft (the input) ---------------------------------------------------------------------

export const PostalAddress = z.strictObject({
  street: optionalText(300),
  postalCode: optionalText(20),
  city: optionalText(120),
  country: AnyCountry.or(z.literal('')).default(''),
});
export type PostalAddress = z.infer<typeof PostalAddress>;

/** A company or person that signs: the producer (artist side) or the organiser. */
export const ContractParty = z.strictObject({
  legalName: optionalText(200),
  /** SARL, SAS, association loi 1901, ASBL, Sàrl… */
  legalForm: optionalText(100),
  address: PostalAddress.default({ street: '', postalCode: '', city: '', country: '' }),
  /**
   * The company's register number in its country: SIRET (FR, 14 digits), numéro d'entreprise BCE/KBO
   * (BE, 10 digits), IDE/UID (CH, CHE-123.456.789). Checked by the checklist, not the schema.
   */
  registrationNumber: optionalText(40),
  /** FR: code APE/NAF (9001Z…). */
  apeCode: optionalText(10),
  vatNumber: optionalText(30),
  /** FR live-performance licence (récépissé PLATESV-R-2021-000123 or the older L-R-21-123 form). */
  platesvNumber: optionalText(40),
  /** Signatory: the licence holder or legal representative. */
  representative: z
    .strictObject({ name: optionalText(200), role: optionalText(100) })
    .default({ name: '', role: '' }),
  email: optionalText(254),
  phone: optionalText(40),
  /** BE: a recognised non-profit organiser whose receipts only cover costs (VAT art. 44 §2 9°). */
  nonProfit: z.boolean().default(false),
  /** FR engagement: live performance is NOT the organiser's main activity (a bar, a town hall…) → GUSO. */
  occasionalOrganiser: z.boolean().default(false),
  /** FR: shows organised per year (the licence is compulsory for an occasional organiser above 6). */
  showsPerYear: z.number().int().min(0).max(10_000).nullable().default(null),
});
export type ContractPartyInput = z.input<typeof ContractParty>;
export type ContractParty = z.output<typeof ContractParty>;

export const Performer = z.strictObject({
  name: text(200).min(1, { message: 'A performer needs a name' }),
  /** Instrument or role (chant, batterie, régie son…). */
  role: optionalText(100),
  /** Where the performer is resident for tax purposes (withholding for non-residents). */
  residenceCountry: AnyCountry,
  /** Needed for minors; optional otherwise. */
  birthDate: IsoDate.nullable().default(null),
  /** FR: reference of the prefect's authorisation for a performer under 16 (L7124-1). */
  minorAuthorisation: optionalText(200),
  /** Engagement: the gross pay (cachet) of this performer, excl. employer contributions. */
  grossPay: moneyAmount('A performer’s gross pay').nullable().default(null),
});
export type PerformerInput = z.input<typeof Performer>;
export type Performer = z.output<typeof Performer>;

export const Performance = z.strictObject({
  venueName: optionalText(200),
  address: PostalAddress.default({ street: '', postalCode: '', city: '', country: '' }),
  date: IsoDate,
  getInTime: Time,
  soundcheckTime: Time,
  doorsTime: Time,
  startTime: Time,
  setLengthMinutes: z
    .number()
    .int({ message: 'A set length is a whole number of minutes' })
    .min(1, { message: 'A set lasts at least 1 minute' })
    .max(24 * 60),
  /** Number of performances under this contract (same day or successive days). */
  performances: z.number().int().min(1).max(400).default(1),
  /** Rehearsal days paid by the organiser (CH withholding divides the income by show + rehearsal days). */
  rehearsalDays: z.number().int().min(0).max(365).default(0),
  capacity: z.number().int().min(0).max(200_000).nullable().default(null),
  /** Drinks usually consumed during the show: FR VAT 20 % instead of 5.5 %. */
  drinksServedDuringShow: z.boolean().default(false),
  /** FR: one of the first 140 performances of a new creation (tickets at 2.1 %, never the fee). */
  newCreation: z.boolean().default(false),
  /** A festival (≥ 5 acts a day): SABAM's festival rates. */
  festival: z.boolean().default(false),
});
export type Performance = z.output<typeof Performance>;

export const TicketPrice = z.strictObject({
  label: text(80).min(1, { message: 'A ticket category needs a label' }),
  /** Face value paid by the buyer, VAT included. */
  price: moneyAmount('A ticket price').max(100_000, { message: 'A ticket price is over 100,000' }),
});

export const ContractMoney = z.strictObject({
  currency: z.enum(['EUR', 'CHF']),
  /**
   * cession: the fee excl. VAT. engagement: the total gross pay of the performers (when not given per
   * performer). coRealisation: the minimum guarantee (0 for none).
   */
  fee: moneyAmount('The fee'),
  /** coRealisation: the producer's share of the net box office, in percent (70 = 70 %). */
  producerPercentage: z
    .number()
    .finite()
    .min(0, { message: 'A percentage cannot be negative' })
    .max(100, { message: 'A percentage cannot exceed 100' })
    .nullable()
    .default(null),
  ticketPrices: z.array(TicketPrice).max(20).default([]),
  /** Expected box office, VAT included (for the estimates: author rights, CNM tax, the coréalisation). */
  expectedBoxOffice: moneyAmount('The expected box office').nullable().default(null),
  /** Deposit on signature, in percent of the fee. */
  depositPercentage: z.number().min(0).max(100).default(0),
  /** Days after the show to pay the balance. */
  paymentDays: z.number().int().min(0).max(180).default(30),
  /** Travel, lodging and meals the organiser covers (described in the hospitality annex). */
  travelCoveredByOrganiser: z.boolean().default(false),
  /** CH: the organiser opted to tax culture (tickets at the reduced rate; see the rules). */
  vatOptedIn: z.boolean().default(false),
  /** The fee is billed to the organiser by someone other than the producer (BE 6 % on the fee). */
  billedThroughIntermediary: z.boolean().default(false),
});
export type ContractMoney = z.output<typeof ContractMoney>;

export const CustomClause = z.strictObject({
  title: text(200).min(1, { message: 'A clause needs a title' }),
  /** Free text; 20,000 characters at most (a 10,000-character clause renders over several pages). */
  text: text(20_000).min(1, { message: 'A clause needs its text' }),
});

/**
 * The booker's own wording of a STANDARD clause (the custom clauses above are the booker's from the
 * start). `contracts.clauses` lists the clauses of a draft with their ids and standard texts.
 */
export const ClauseOverride = z.strictObject({
  /** The standard clause replaced: "price.cession", "cancellation.standard", "law"… */
  id: z
    .string()
    .max(60)
    .regex(/^[a-z][A-Za-z]*(\.[A-Za-z]+)*$/, { message: 'A clause id looks like "price.cession"' }),
  /** The text printed instead of the standard one; paragraphs separated by line breaks. */
  text: text(20_000).min(1, { message: 'A clause needs its text' }),
  /**
   * SHA-256 (hex) of the standard text the booker started from. When the standard text moves (a new
   * fee, another date), the checklist asks to re-read the override. Null: not tracked (hand-written JSON).
   */
  basedOn: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { message: 'basedOn is a SHA-256 in hex' })
    .nullable()
    .default(null),
});
export type ClauseOverride = z.output<typeof ClauseOverride>;

export const ClauseChoices = z.strictObject({
  /** Cancellation terms; the variant also depends on the parties' history (past cancellations). */
  cancellation: z.boolean().default(true),
  forceMajeure: z.boolean().default(true),
  /** Recording, broadcast and image rights: 'forbidden' unless written consent; 'allowed' for promotion. */
  recording: z.enum(['none', 'promotionOnly', 'allowedWithConsent']).default('none'),
  /** No other show by the artist within this radius for these days before and after. */
  exclusivity: z
    .strictObject({
      radiusKm: z.number().int().min(1).max(2000),
      daysBefore: z.number().int().min(0).max(365),
      daysAfter: z.number().int().min(0).max(365),
    })
    .nullable()
    .default(null),
  /** Merchandise sold at the venue: the venue's commission in percent (0 = none). */
  merch: z
    .strictObject({ venuePercentage: z.number().min(0).max(100) })
    .nullable()
    .default(null),
  custom: z.array(CustomClause).max(30).default([]),
  overrides: z
    .array(ClauseOverride)
    .max(40)
    .default([])
    .refine((list) => new Set(list.map((o) => o.id)).size === list.length, {
      message: 'A clause is overridden at most once',
    }),
});
export type ClauseChoices = z.output<typeof ClauseChoices>;

export const Insurance = z.strictObject({
  /** The organiser's civil liability (venue and public). */
  organiserLiability: optionalText(300),
  /** The producer's equipment and staff. */
  producerLiability: optionalText(300),
  /** Cancellation insurance (insurer and policy), '' when none. */
  cancellation: optionalText(300),
});

export const ContractHistory = z.strictObject({
  /** Shows between these parties (or of this artist at this venue) cancelled before, from the store. */
  pastCancellations: z.number().int().min(0).max(1000).default(0),
});

export const ContractDraft = z
  .strictObject({
    kind: ContractKind,
    country: LegalCountry,
    language: ContractLanguage.default('fr'),
    /** FR engagement: declared through the GUSO (compulsory for an occasional organiser). */
    guso: z.boolean().default(false),
    /** The show as billed ("Nadia Kessler Trio — tournée Lumière"). */
    showTitle: text(200).min(1, { message: 'The show needs a title' }),
    producer: ContractParty,
    organiser: ContractParty,
    performers: z.array(Performer).min(1, { message: 'At least one performer' }).max(100),
    performance: Performance,
    money: ContractMoney,
    riders: z
      .strictObject({ technical: optionalText(50_000), hospitality: optionalText(50_000) })
      .default({ technical: '', hospitality: '' }),
    clauses: ClauseChoices.default({
      cancellation: true,
      forceMajeure: true,
      recording: 'none',
      exclusivity: null,
      merch: null,
      custom: [],
      overrides: [],
    }),
    insurance: Insurance.default({ organiserLiability: '', producerLiability: '', cancellation: '' }),
    history: ContractHistory.default({ pastCancellations: 0 }),
    /** Where the contract is signed and disputes are heard (defaults to the organiser's city). */
    signaturePlace: optionalText(120),
    jurisdiction: optionalText(120),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'engagement' && d.country !== 'FR') {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message:
          'A contrat d’engagement is available for France only: for Belgium and Switzerland use a cession or a coréalisation',
      });
    }
    if (d.guso && d.kind !== 'engagement') {
      ctx.addIssue({ code: 'custom', path: ['guso'], message: 'The GUSO applies to an engagement only' });
    }
    if (d.kind === 'coRealisation' && d.money.producerPercentage === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['money', 'producerPercentage'],
        message: 'A coréalisation needs the producer’s share of the box office (producerPercentage)',
      });
    }
    // A Swiss organiser may pay in CHF or EUR; French and Belgian contracts are in euros.
    if (d.country !== 'CH' && d.money.currency !== 'EUR') {
      ctx.addIssue({
        code: 'custom',
        path: ['money', 'currency'],
        message: `A contract in ${d.country} is in EUR`,
      });
    }
  });
export type ContractDraftInput = z.input<typeof ContractDraft>;
export type ContractDraft = z.output<typeof ContractDraft>;

// ---- Rules table --------------------------------------------------------------------------------------

/**
 * verified: an official or primary source (the law, the tax administration, the collecting society).
 * secondary: a trade body, law firm or guide only. unverified: the research could not confirm it.
 * Money lines and checklist items built on a non-verified rule say so.
 */
export const RuleStatus = z.enum(['verified', 'secondary', 'unverified']);
export type RuleStatus = z.infer<typeof RuleStatus>;

export const LegalRule = z.object({
  id: z.string(),
  country: LegalCountry,
  /** Stable key ("FR.vat.ticket.reduced"); a new rate is a new version of the same key. */
  key: z.string(),
  version: z.number().int().min(1),
  label: LocalizedText,
  /** A rate in parts per million (55,000 = 5.5 %), or null for an amount or a condition-only rule. */
  ratePpm: z.number().int().nullable(),
  /** An amount in cents (a threshold, a deduction), or null. */
  amountCents: z.number().int().nullable(),
  currency: z.enum(['EUR', 'CHF']).nullable(),
  /** Machine-readable conditions the computations use (brackets, thresholds…) and a sentence for people. */
  conditions: z.record(z.string(), z.unknown()),
  conditionsText: LocalizedText,
  validFrom: IsoDate.nullable(),
  validTo: IsoDate.nullable(),
  sources: z.array(z.string()),
  status: RuleStatus,
  note: LocalizedText,
});
export type LegalRule = z.infer<typeof LegalRule>;

// ---- Computation results ----------------------------------------------------------------------------

export const MoneyPayer = z.enum(['organiser', 'producer', 'artist', 'employer', 'performer']);
export type MoneyPayer = z.infer<typeof MoneyPayer>;

export const MoneyLine = z.object({
  /** Stable key: fee, vat, total, authorRights, cnmTax, withholding, social.employer, … */
  key: z.string(),
  label: z.object({ fr: z.string(), en: z.string() }),
  /** Integer cents; null when the rules give no amount (a flat schedule not published, a cantonal tax…). */
  amount: z.number().int().nullable(),
  /** For a range (SABAM 0.8–8 %): the bounds in cents; amount is then the upper bound. */
  range: z.object({ low: z.number().int(), high: z.number().int() }).nullable(),
  currency: z.enum(['EUR', 'CHF']),
  /** The base in cents the rate applies to, and the rate in ppm, when there is one. */
  base: z.number().int().nullable(),
  ratePpm: z.number().int().nullable(),
  payer: MoneyPayer.nullable(),
  /** An estimate (author rights, social charges) rather than a contractual figure. */
  estimate: z.boolean(),
  ruleKeys: z.array(z.string()),
  /** The weakest status among the rules used. */
  status: RuleStatus,
  note: z.object({ fr: z.string(), en: z.string() }),
});
export type MoneyLine = z.infer<typeof MoneyLine>;

export const ChecklistLevel = z.enum(['blocking', 'warning', 'info']);
export type ChecklistLevel = z.infer<typeof ChecklistLevel>;

export const ChecklistItem = z.object({
  /** Stable key for the screens and tests: "producer.registrationNumber.missing", "date.past"… */
  key: z.string(),
  level: ChecklistLevel,
  /** The draft field concerned ("organiser.platesvNumber"), '' when the item is general. */
  path: z.string(),
  message: z.object({ fr: z.string(), en: z.string() }),
  /** The rule behind the item, in a few words ("Code du travail L7124-1"), and its source URL. */
  rule: LocalizedText,
  source: z.string(),
  status: RuleStatus,
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistResult = z.object({
  items: z.array(ChecklistItem),
  money: z.array(MoneyLine),
  /** Number of blocking items: 0 means the contract may be signed. */
  blocking: z.number().int(),
});
export type ChecklistResult = z.infer<typeof ChecklistResult>;

// ---- Stored contracts ---------------------------------------------------------------------------------

export const ContractStatus = z.enum(['draft', 'ready', 'signed']);
export type ContractStatus = z.infer<typeof ContractStatus>;

export const SignatureParty = z.enum(['producer', 'organiser']);
export type SignatureParty = z.infer<typeof SignatureParty>;

export const ContractVersionInfo = z.object({
  version: z.number().int().min(1),
  status: ContractStatus,
  /** SHA-256 (hex) of the PDF bytes of this version. */
  sha256: z.string(),
  bytes: z.number().int(),
  blocking: z.number().int(),
  drawnSignatures: z.array(SignatureParty),
  digitallySigned: z.boolean(),
  createdAt: z.string(),
});
export type ContractVersionInfo = z.infer<typeof ContractVersionInfo>;

export const AuditAction = z.enum(['generated', 'signedDrawn', 'signedDigital']);
export const AuditEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: AuditAction,
  version: z.number().int(),
  sha256: z.string(),
  /** What happened, for people: "0 point bloquant" / "0 blocking item(s)", the party and certificate… */
  detail: LocalizedText,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ContractSummary = z.object({
  id: Id,
  offerId: Id.nullable(),
  kind: ContractKind,
  country: LegalCountry,
  status: ContractStatus,
  title: z.string(),
  date: IsoDate,
  latestVersion: z.number().int(),
  sha256: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContractSummary = z.infer<typeof ContractSummary>;

export const ContractDetail = ContractSummary.extend({
  /** The draft of the latest version (what the wizard edits). */
  draft: ContractDraft,
  versions: z.array(ContractVersionInfo),
  audit: z.array(AuditEntry),
});
export type ContractDetail = z.infer<typeof ContractDetail>;

export const ContractDocument = z.object({
  contract: ContractSummary,
  version: z.number().int(),
  filename: z.string(),
  base64: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  checklist: z.array(ChecklistItem),
  money: z.array(MoneyLine),
});
export type ContractDocument = z.infer<typeof ContractDocument>;

/** An unstored rendering of a draft (the wizard's live preview): nothing is written. */
export const ContractPreview = z.object({
  filename: z.string(),
  base64: z.string(),
  bytes: z.number().int(),
  checklist: z.array(ChecklistItem),
  money: z.array(MoneyLine),
  blocking: z.number().int(),
});
export type ContractPreview = z.infer<typeof ContractPreview>;

/** One article of a draft as the PDF prints it, with the standard text behind it. */
export const ContractClause = z.object({
  id: z.string(),
  title: z.string(),
  /** true for the booker's custom clauses (edited in their own list, not overridden). */
  custom: z.boolean(),
  /** The printed text, paragraphs separated by "\n": the override when there is one. */
  text: z.string(),
  /** The library's text for this draft (variables filled, contract language). */
  standardText: z.string(),
  /** SHA-256 (hex) of standardText: store it as the override's `basedOn`. */
  standardHash: z.string(),
  overridden: z.boolean(),
  /** The override was written from another standard text (figures, dates or names changed since). */
  outdated: z.boolean(),
});
export type ContractClause = z.infer<typeof ContractClause>;

export const SigningIdentity = z.object({
  /** created: made by the app; imported: the agency's own PKCS#12. */
  origin: z.enum(['created', 'imported']),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  /** SHA-256 of the certificate (DER), hex, as a reader shows it. */
  fingerprint: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  selfSigned: z.boolean(),
});
export type SigningIdentity = z.infer<typeof SigningIdentity>;

/** A PNG data URL as a canvas produces it; ~700 kB keeps the request under the browser host's 1 MB cap. */
export const DrawnSignature = z
  .string()
  .max(700_000, { message: 'The drawn signature image is too large (700 kB at most)' })
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, {
    message: 'A drawn signature is a PNG data URL (data:image/png;base64,…)',
  });

// ---- Methods ---------------------------------------------------------------------------------------

export const legalMethods = {
  /** The rules table (rates, thresholds, conditions, validity, sources, status), optionally at a date. */
  'contracts.rules': method(
    z.strictObject({ country: LegalCountry.optional(), at: IsoDate.optional() }).default({}),
    z.object({ rules: z.array(LegalRule) }),
  ),
  /** A draft pre-filled from an offer (artist, venue, date, deal) and the parties' history. */
  'contracts.fromOffer': method(
    z.strictObject({
      offerId: Id,
      kind: ContractKind.optional(),
      language: ContractLanguage.default('fr'),
    }),
    z.object({
      draft: ContractDraft,
      /** Dotted paths of the fields taken from the store; the others are for the booker to fill. */
      prefilled: z.array(z.string()),
    }),
  ),
  /** The compliance checklist and the money lines of a draft; writes nothing. */
  'contracts.checklist': method(z.strictObject({ draft: ContractDraft }), ChecklistResult),
  /** Renders the draft to PDF and stores it as a new version (of `id`, or of a new contract). */
  'contracts.generate': method(
    z.strictObject({ id: Id.optional(), offerId: Id.optional(), draft: ContractDraft }),
    ContractDocument,
  ),
  /**
   * Renders the draft exactly as `contracts.generate` would (watermarked « PROJET » while anything
   * blocks) but stores nothing: the wizard's live preview.
   */
  'contracts.preview': method(
    z.strictObject({ id: Id.optional(), offerId: Id.optional(), draft: ContractDraft }),
    ContractPreview,
  ),
  /** The articles of a draft in order, in the contract's language, with their standard texts. */
  'contracts.clauses': method(
    z.strictObject({ draft: ContractDraft }),
    z.object({ clauses: z.array(ContractClause), language: ContractLanguage }),
  ),
  'contracts.list': method(
    z.strictObject({ offerId: Id.optional() }).default({}),
    z.object({ items: z.array(ContractSummary) }),
  ),
  'contracts.get': method(ById, ContractDetail),
  /** One stored version's PDF (the latest when `version` is omitted). */
  'contracts.pdf': method(
    z.strictObject({ id: Id, version: z.number().int().min(1).optional() }),
    ContractDocument,
  ),
  /**
   * Signs the latest version: the drawn signature (if given) is placed in the signer's block, then a
   * digital signature with the stored identity (digital: true). Refused (CONFLICT) while the checklist
   * has blocking items, or once the latest version carries a digital signature (a new version is then
   * needed: any change breaks it).
   */
  'contracts.sign': method(
    z.strictObject({
      id: Id,
      signer: z.strictObject({
        party: SignatureParty,
        name: text(200).min(1, { message: 'The signer’s name is required' }),
      }),
      drawnSignature: DrawnSignature.optional(),
      digital: z.boolean().default(false),
    }),
    ContractDocument,
  ),
  'contracts.identity.get': method(Empty, z.object({ identity: SigningIdentity.nullable() })),
  /** Creates a self-signed signing certificate (RSA 2048, SHA-256, 5 years) kept in the profile folder. */
  'contracts.identity.create': method(
    z.strictObject({
      commonName: text(64).min(1, { message: 'The certificate needs a name' }),
      organisation: optionalText(64),
      email: z.union([z.literal(''), z.email().max(254)]).default(''),
    }),
    z.object({ identity: SigningIdentity }),
  ),
  /** Imports the agency's PKCS#12 (.p12/.pfx, base64) with its password; replaces the current identity. */
  'contracts.identity.import': method(
    z.strictObject({
      p12Base64: z
        .string()
        .min(1)
        .max(200_000, { message: 'A PKCS#12 file over 150 kB is not a signing certificate' })
        .regex(/^[A-Za-z0-9+/\r\n]+=*\s*$/, { message: 'The certificate must be base64' }),
      password: z.string().max(1024),
    }),
    z.object({ identity: SigningIdentity }),
  ),
} as const;
