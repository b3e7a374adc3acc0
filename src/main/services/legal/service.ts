import { Deal } from '../../../shared/deals';
import { AppError } from '../../../shared/errors';
import { uuidv7 } from '../../../shared/ids';
import {
  ContractDraft,
  LegalRule,
  type AuditEntry,
  type ChecklistItem,
  type ChecklistResult,
  type ContractDetail,
  type ContractDocument,
  type ContractClause,
  type ContractDraftInput,
  type ContractKind,
  type ContractLanguage,
  type ContractPreview,
  type ContractStatus,
  type ContractSummary,
  type ContractVersionInfo,
  type LegalCountry,
  type LocalizedText,
  type MoneyLine,
  type SignatureParty,
  type SigningIdentity,
} from '../../../shared/legal';
import type { Store } from '../../store/database';
import { hlcToIso } from '../../store/hlc';
import { createArtistRepository, createVenueRepository } from '../catalogue';
import { buildChecklist } from './checklist';
import { clauseArticles, overrideChecks, type Article } from './clauses';
import { createIdentity, importIdentity, loadIdentity } from './identity';
import { computeMoney } from './money';
import { contractDocument, contractTitle, type DrawnSignatureMark } from './pdf';
import { renderContractPdf } from './render';
import { RULES, rulesAt } from './rules';
import { sha256, signPdf } from './signing';

// Contracts on the store: the rules table (seeded at start-up), drafts pre-filled from offers, the
// checklist, generated versions (PDF bytes + hash, kept), signatures and the audit trail.

/** Today as YYYY-MM-DD (UTC), the reference for "date in the past". */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface Evaluation {
  money: MoneyLine[];
  checklist: ChecklistItem[];
  blocking: number;
  /** The articles as printed (overrides applied); not stored, rebuilt from the draft. */
  articles: Article[];
}

const LEVEL_ORDER = { blocking: 0, warning: 1, info: 2 } as const;

/** Money lines, articles and checklist of a draft: pure, used by the methods, the CLI and the tests. */
export function evaluateDraft(draft: ContractDraft, rules: readonly LegalRule[], today: string): Evaluation {
  const money = computeMoney(draft, rules);
  const articles = clauseArticles(draft, money);
  const checklist = [...buildChecklist(draft, rules, money, today), ...overrideChecks(draft, articles)].sort(
    (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level],
  );
  return { money, checklist, blocking: checklist.filter((i) => i.level === 'blocking').length, articles };
}

/**
 * A text stored in a TEXT column as JSON {fr, en}. Rows written before the texts were bilingual hold
 * one plain (English) string: it is shown in both languages rather than lost.
 */
export function readLocalized(stored: string): LocalizedText {
  if (stored.startsWith('{')) {
    try {
      const value = JSON.parse(stored) as Partial<LocalizedText>;
      if (typeof value.fr === 'string' && typeof value.en === 'string') return { fr: value.fr, en: value.en };
    } catch {
      // Not JSON after all: a plain text that starts with a brace.
    }
  }
  return { fr: stored, en: stored };
}

/** Checklist items stored by a version made before `rule` was bilingual carry a plain string. */
function readChecklist(stored: string): ChecklistItem[] {
  return (
    JSON.parse(stored) as (Omit<ChecklistItem, 'rule'> & { rule: ChecklistItem['rule'] | string })[]
  ).map((item) => ({
    ...item,
    rule: typeof item.rule === 'string' ? { fr: item.rule, en: item.rule } : item.rule,
  }));
}

/** The PDF of a draft (no store): the CLI and the bench use it directly. */
export async function renderContract(
  draft: ContractDraft,
  rules: readonly LegalRule[],
  options: {
    reference: string;
    createdAt: Date;
    signatures?: readonly DrawnSignatureMark[];
    evaluation?: Evaluation | undefined;
    /** The day "in the past" is judged from (default: the creation date). */
    today?: string;
  },
): Promise<{ pdf: Buffer } & Evaluation> {
  const evaluation =
    options.evaluation ?? evaluateDraft(draft, rules, options.today ?? isoDay(options.createdAt));
  const definition = contractDocument({
    draft,
    clauses: evaluation.articles,
    money: evaluation.money,
    checklist: evaluation.checklist,
    rules,
    reference: options.reference,
    signatures: options.signatures ?? [],
    createdAt: options.createdAt,
  });
  let pdf: Buffer;
  try {
    pdf = await renderContractPdf(definition);
  } catch (error) {
    // pdfmake fails on a damaged image (a drawn signature that is not a real PNG).
    if (options.signatures?.length) {
      throw new AppError(
        'VALIDATION',
        `The drawn signature could not be placed: ${(error as Error).message}`,
      );
    }
    throw error;
  }
  return { pdf, ...evaluation };
}

/** Checks a PNG data URL is a real, reasonably sized PNG before it goes into a contract. */
export function checkPng(dataUrl: string): void {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const magic = '89504e470d0a1a0a';
  if (
    bytes.length < 33 ||
    bytes.subarray(0, 8).toString('hex') !== magic ||
    bytes.subarray(12, 16).toString('latin1') !== 'IHDR'
  ) {
    throw new AppError('VALIDATION', 'The drawn signature is not a PNG image');
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width < 1 || height < 1 || width > 4000 || height > 4000) {
    throw new AppError('VALIDATION', `The drawn signature is ${width}×${height} pixels: at most 4000×4000`);
  }
}

const PARTY_TEXT: Record<SignatureParty, LocalizedText> = {
  producer: { fr: 'pour le producteur', en: 'for the producer' },
  organiser: { fr: 'pour l’organisateur', en: 'for the organiser' },
};

/** "2 points bloquants" / "2 blocking items", for the audit trail. */
function blockingDetail(count: number): LocalizedText {
  return count === 0
    ? { fr: 'aucun point bloquant', en: 'no blocking item' }
    : count === 1
      ? { fr: '1 point bloquant', en: '1 blocking item' }
      : { fr: `${count} points bloquants`, en: `${count} blocking items` };
}

interface ContractRow {
  id: string;
  offer_id: string | null;
  kind: ContractKind;
  country: LegalCountry;
  status: ContractStatus;
  body: string;
  document_sha256: string | null;
  created_at: string;
  updated_at: string;
  latest: number;
}

interface VersionRow {
  version: number;
  status: ContractStatus;
  draft: string;
  checklist: string;
  money: string;
  signatures: string;
  digitally_signed: number;
  pdf: Buffer;
  document_sha256: string;
  created_at: string;
}

interface RuleRow {
  id: string;
  country: LegalCountry;
  rule_key: string;
  version: number;
  label_fr: string;
  label_en: string;
  rate_ppm: number | null;
  amount_cents: number | null;
  currency: 'EUR' | 'CHF' | null;
  conditions: string;
  conditions_text: string;
  valid_from: string | null;
  valid_to: string | null;
  sources: string;
  status: LegalRule['status'];
  note: string;
}

export function createContractService(store: Store, dataDir: string, now: () => Date = () => new Date()) {
  const { db } = store;
  const artists = createArtistRepository(store);
  const venues = createVenueRepository(store);

  // ---- Rules table: seeded once per key@version, read back for every computation ----
  // A released rule's figures (rate, amount, conditions, dates) never change: a new rate is a new
  // version. Its wording for people (labels, conditions text, note, as JSON {fr, en}) may be improved
  // or translated, so those columns follow the code.
  const seed = db.prepare(`
    INSERT INTO legal_rules (id, country, rule_key, version, label_fr, label_en, rate_ppm, amount_cents,
      currency, conditions, conditions_text, valid_from, valid_to, sources, status, note, created_at, updated_at)
    VALUES (@id, @country, @key, @version, @labelFr, @labelEn, @ratePpm, @amountCents, @currency, @conditions,
      @conditionsText, @validFrom, @validTo, @sources, @status, @note, @at, @at)
    ON CONFLICT (id) DO UPDATE SET label_fr = excluded.label_fr, label_en = excluded.label_en,
      conditions_text = excluded.conditions_text, note = excluded.note, updated_at = excluded.updated_at
    WHERE legal_rules.label_fr IS NOT excluded.label_fr OR legal_rules.label_en IS NOT excluded.label_en
      OR legal_rules.conditions_text IS NOT excluded.conditions_text OR legal_rules.note IS NOT excluded.note`);
  db.transaction(() => {
    const at = store.clock.tick();
    for (const r of RULES) {
      seed.run({
        ...r,
        labelFr: r.label.fr,
        labelEn: r.label.en,
        conditions: JSON.stringify(r.conditions),
        conditionsText: JSON.stringify(r.conditionsText),
        note: JSON.stringify(r.note),
        sources: JSON.stringify(r.sources),
        at,
      });
    }
  })();

  function allRules(): LegalRule[] {
    const rows = db
      .prepare(`SELECT * FROM legal_rules WHERE deleted_at IS NULL ORDER BY country, rule_key, version`)
      .all() as RuleRow[];
    return rows.map((r) =>
      LegalRule.parse({
        id: r.id,
        country: r.country,
        key: r.rule_key,
        version: r.version,
        label: { fr: r.label_fr, en: r.label_en },
        ratePpm: r.rate_ppm,
        amountCents: r.amount_cents,
        currency: r.currency,
        conditions: JSON.parse(r.conditions) as Record<string, unknown>,
        conditionsText: readLocalized(r.conditions_text),
        validFrom: r.valid_from,
        validTo: r.valid_to,
        sources: JSON.parse(r.sources) as string[],
        status: r.status,
        note: readLocalized(r.note),
      }),
    );
  }

  // ---- Contracts ----
  const CONTRACT_SELECT = `
    SELECT c.id, c.offer_id, c.kind, c.country, c.status, c.body, c.document_sha256, c.created_at, c.updated_at,
           (SELECT max(v.version) FROM contract_versions v WHERE v.contract_id = c.id) AS latest
    FROM contracts c WHERE c.deleted_at IS NULL`;

  function summary(row: ContractRow): ContractSummary {
    const draft = ContractDraft.parse(JSON.parse(row.body));
    return {
      id: row.id,
      offerId: row.offer_id,
      kind: row.kind,
      country: row.country,
      status: row.status,
      title: `${contractTitle(draft)} – ${draft.showTitle}`,
      date: draft.performance.date,
      latestVersion: row.latest ?? 0,
      sha256: row.document_sha256,
      createdAt: hlcToIso(row.created_at),
      updatedAt: hlcToIso(row.updated_at),
    };
  }

  function contractRow(id: string): ContractRow {
    const row = db.prepare(`${CONTRACT_SELECT} AND c.id = ?`).get(id) as ContractRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No contract with id ${id}`);
    return row;
  }

  function versionRow(id: string, version?: number): VersionRow {
    const row = (
      version === undefined
        ? db
            .prepare(`SELECT * FROM contract_versions WHERE contract_id = ? ORDER BY version DESC LIMIT 1`)
            .get(id)
        : db.prepare(`SELECT * FROM contract_versions WHERE contract_id = ? AND version = ?`).get(id, version)
    ) as VersionRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `Contract ${id} has no version ${version ?? ''}`.trim());
    return row;
  }

  const insertVersion = db.prepare(`
    INSERT INTO contract_versions (id, contract_id, version, status, draft, checklist, money, signatures,
      digitally_signed, pdf, document_sha256, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAudit = db.prepare(`
    INSERT INTO contract_audit (id, contract_id, version, at, actor, action, document_sha256, detail, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  function filename(draft: ContractDraft, version: number | string): string {
    const slug = `${draft.showTitle}-${draft.performance.date}`
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '');
    const suffix = typeof version === 'number' ? `v${version}` : version;
    return `${draft.language === 'fr' ? 'contrat' : 'contract'}-${slug}-${suffix}.pdf`;
  }

  function documentOf(id: string, version?: number): ContractDocument {
    const row = contractRow(id);
    const v = versionRow(id, version);
    const draft = ContractDraft.parse(JSON.parse(v.draft));
    return {
      contract: summary(row),
      version: v.version,
      filename: filename(draft, v.version),
      base64: v.pdf.toString('base64'),
      bytes: v.pdf.length,
      sha256: v.document_sha256,
      checklist: readChecklist(v.checklist),
      money: JSON.parse(v.money) as MoneyLine[],
    };
  }

  /** Stores a rendered version (and creates the contract when new), with its audit entries, in one transaction. */
  function storeVersion(args: {
    id: string | undefined;
    offerId: string | null;
    draft: ContractDraft;
    pdf: Buffer;
    evaluation: Evaluation;
    status: ContractStatus;
    signatures: DrawnSignatureMark[];
    digital: boolean;
    audit: { actor: string; action: AuditEntry['action']; detail: LocalizedText }[];
  }): { id: string; version: number } {
    const hash = sha256(args.pdf);
    return db.transaction(() => {
      const at = store.clock.tick();
      let id = args.id;
      let version = 1;
      if (id) {
        const row = contractRow(id);
        version = (row.latest ?? 0) + 1;
        db.prepare(
          `UPDATE contracts SET kind = ?, country = ?, status = ?, body = ?, document_sha256 = ?, updated_at = ? WHERE id = ?`,
        ).run(args.draft.kind, args.draft.country, args.status, JSON.stringify(args.draft), hash, at, id);
      } else {
        id = uuidv7();
        db.prepare(
          `INSERT INTO contracts (id, offer_id, kind, country, status, body, document_sha256, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          args.offerId,
          args.draft.kind,
          args.draft.country,
          args.status,
          JSON.stringify(args.draft),
          hash,
          at,
          at,
        );
      }
      insertVersion.run(
        uuidv7(),
        id,
        version,
        args.status,
        JSON.stringify(args.draft),
        JSON.stringify(args.evaluation.checklist),
        JSON.stringify(args.evaluation.money),
        JSON.stringify(args.signatures),
        args.digital ? 1 : 0,
        args.pdf,
        hash,
        at,
        at,
      );
      const when = now().toISOString();
      for (const entry of args.audit) {
        insertAudit.run(
          uuidv7(),
          id,
          version,
          when,
          entry.actor,
          entry.action,
          hash,
          JSON.stringify(entry.detail),
          at,
          at,
        );
      }
      return { id, version };
    })();
  }

  /** Checks the ids, evaluates and renders a draft as version N+1 of `id` (or of a new contract). */
  async function renderDraft(
    args: { id?: string | undefined; offerId?: string | undefined; draft: ContractDraft },
    purpose: 'version' | 'preview',
  ): Promise<{ pdf: Buffer; evaluation: Evaluation }> {
    const latest = args.id ? (contractRow(args.id).latest ?? 0) : 0;
    if (
      args.offerId &&
      !db.prepare(`SELECT 1 FROM offers WHERE id = ? AND deleted_at IS NULL`).get(args.offerId)
    ) {
      throw new AppError('NOT_FOUND', `No offer with id ${args.offerId}`);
    }
    const createdAt = now();
    const rules = allRules();
    const evaluation = evaluateDraft(args.draft, rules, isoDay(createdAt));
    const fr = args.draft.language === 'fr';
    const base = `${args.id ? args.id.slice(0, 8) : fr ? 'nouveau' : 'new'} v${latest + 1}`;
    const { pdf } = await renderContract(args.draft, rules, {
      reference:
        purpose === 'preview' ? `${base} – ${fr ? 'aperçu non enregistré' : 'unsaved preview'}` : base,
      createdAt,
      evaluation,
    });
    return { pdf, evaluation };
  }

  function currentIdentity(): SigningIdentity | null {
    const row = db
      .prepare(`SELECT * FROM signing_identities WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT 1`)
      .get() as
      | {
          origin: SigningIdentity['origin'];
          subject: string;
          issuer: string;
          serial_number: string;
          fingerprint: string;
          not_before: string;
          not_after: string;
          self_signed: number;
        }
      | undefined;
    if (!row || !loadIdentity(dataDir)) return null;
    return {
      origin: row.origin,
      subject: row.subject,
      issuer: row.issuer,
      serialNumber: row.serial_number,
      fingerprint: row.fingerprint,
      notBefore: row.not_before,
      notAfter: row.not_after,
      selfSigned: row.self_signed === 1,
    };
  }

  return {
    rules(country?: LegalCountry, at?: string): LegalRule[] {
      const rules = allRules();
      if (at) return rulesAt(rules, at, country);
      return country ? rules.filter((r) => r.country === country) : rules;
    },

    checklist(draft: ContractDraft): ChecklistResult {
      const e = evaluateDraft(draft, allRules(), isoDay(now()));
      return { items: e.checklist, money: e.money, blocking: e.blocking };
    },

    fromOffer(offerId: string, kind: ContractKind | undefined, language: ContractLanguage) {
      const offer = db
        .prepare(
          `SELECT id, artist_id, venue_id, date, status, terms FROM offers WHERE id = ? AND deleted_at IS NULL`,
        )
        .get(offerId) as
        | { id: string; artist_id: string; venue_id: string; date: string; status: string; terms: string }
        | undefined;
      if (!offer) throw new AppError('NOT_FOUND', `No offer with id ${offerId}`);
      if (offer.status !== 'accepted' && offer.status !== 'settled') {
        throw new AppError(
          'CONFLICT',
          `The offer is ${offer.status}: a contract is drawn up from an accepted offer (or from a blank form)`,
        );
      }
      const deal = Deal.parse(JSON.parse(offer.terms));
      const artist = artists.get(offer.artist_id);
      const venue = venues.get(offer.venue_id);
      const country = venue.country;
      if (country !== 'FR' && country !== 'BE' && country !== 'CH') {
        throw new AppError(
          'VALIDATION',
          `The venue's country is ${country || 'not set'}: contracts are available for FR, BE and CH — set the venue's country first`,
        );
      }
      const cancellations = db
        .prepare(
          `SELECT (SELECT count(*) FROM events WHERE artist_id = ? AND venue_id = ? AND status = 'cancelled' AND deleted_at IS NULL)
                + (SELECT count(*) FROM offers WHERE artist_id = ? AND venue_id = ? AND status = 'cancelled' AND deleted_at IS NULL AND id <> ?) AS n`,
        )
        .get(artist.id, venue.id, artist.id, venue.id, offerId) as { n: number };
      const chosenKind: ContractKind = kind ?? (deal.type === 'flat' ? 'cession' : 'coRealisation');
      const expectedTickets = Math.round(deal.capacity * 0.7);
      const prefilled = [
        'kind',
        'country',
        'showTitle',
        'performers.0.name',
        'organiser.legalName',
        'organiser.address',
        'performance.venueName',
        'performance.address',
        'performance.date',
        'performance.capacity',
        'money.currency',
        'money.fee',
        'money.ticketPrices',
        'money.expectedBoxOffice',
        'history.pastCancellations',
      ];
      if (artist.country) prefilled.push('performers.0.residenceCountry');
      if (chosenKind === 'coRealisation') prefilled.push('money.producerPercentage');
      const technical = [
        venue.paSystem &&
          `${language === 'fr' ? 'Système de diffusion du lieu' : 'Venue PA'} : ${venue.paSystem}`,
        venue.backline && `Backline : ${venue.backline}`,
      ]
        .filter(Boolean)
        .join('\n\n');
      const address = { street: venue.address, postalCode: venue.postalCode, city: venue.city, country };
      const input: ContractDraftInput = {
        kind: chosenKind,
        country,
        language,
        showTitle: artist.name,
        producer: {},
        organiser: { legalName: venue.name, address },
        performers: [{ name: artist.name, residenceCountry: artist.country || country }],
        performance: {
          venueName: venue.name,
          address,
          date: offer.date,
          setLengthMinutes: 75,
          capacity: deal.capacity,
          drinksServedDuringShow: country === 'FR' && deal.ticketVatRate >= 0.2,
        },
        money: {
          currency: country === 'CH' ? deal.currency : 'EUR',
          fee: deal.type === 'doorSplit' ? 0 : deal.guarantee,
          producerPercentage: chosenKind === 'coRealisation' ? deal.artistPercentage : null,
          ticketPrices:
            deal.ticketPrice > 0
              ? [{ label: language === 'fr' ? 'Tarif unique' : 'Standard', price: deal.ticketPrice }]
              : [],
          expectedBoxOffice:
            deal.ticketPrice > 0 ? Math.round(expectedTickets * deal.ticketPrice * 100) / 100 : null,
          travelCoveredByOrganiser: deal.expenses.some(
            (e) => e.paidBy === 'organiser' && (e.kind === 'travel' || e.kind === 'hospitality'),
          ),
        },
        riders: { technical, hospitality: '' },
        history: { pastCancellations: cancellations.n },
      };
      const parsed = ContractDraft.safeParse(input);
      if (!parsed.success) {
        throw new AppError(
          'VALIDATION',
          `The offer cannot be turned into a contract: ${parsed.error.issues[0]?.message ?? ''}`,
        );
      }
      return { draft: parsed.data, prefilled };
    },

    async generate(args: { id?: string; offerId?: string; draft: ContractDraft }): Promise<ContractDocument> {
      const { pdf, evaluation } = await renderDraft(args, 'version');
      const { id, version } = storeVersion({
        id: args.id,
        offerId: args.offerId ?? null,
        draft: args.draft,
        pdf,
        evaluation,
        status: evaluation.blocking > 0 ? 'draft' : 'ready',
        signatures: [],
        digital: false,
        audit: [{ actor: 'Flow Stage', action: 'generated', detail: blockingDetail(evaluation.blocking) }],
      });
      return documentOf(id, version);
    },

    /** What `generate` would store, rendered the same way, but nothing is written. */
    async preview(args: { id?: string; offerId?: string; draft: ContractDraft }): Promise<ContractPreview> {
      const { pdf, evaluation } = await renderDraft(args, 'preview');
      const fr = args.draft.language === 'fr';
      return {
        filename: filename(args.draft, fr ? 'apercu' : 'preview'),
        base64: pdf.toString('base64'),
        bytes: pdf.length,
        checklist: evaluation.checklist,
        money: evaluation.money,
        blocking: evaluation.blocking,
      };
    },

    /** The articles of a draft with their standard texts, for the clause editor. */
    clauses(draft: ContractDraft): ContractClause[] {
      const money = computeMoney(draft, allRules());
      return clauseArticles(draft, money).map((a) => ({
        id: a.id,
        title: a.title,
        custom: a.custom,
        text: a.paragraphs.join('\n'),
        standardText: a.standard.join('\n'),
        standardHash: a.standardHash,
        overridden: a.overridden,
        outdated: a.outdated,
      }));
    },

    list(offerId?: string): ContractSummary[] {
      const rows = (
        offerId
          ? db.prepare(`${CONTRACT_SELECT} AND c.offer_id = ? ORDER BY c.updated_at DESC`).all(offerId)
          : db.prepare(`${CONTRACT_SELECT} ORDER BY c.updated_at DESC`).all()
      ) as ContractRow[];
      return rows.map(summary);
    },

    get(id: string): ContractDetail {
      const row = contractRow(id);
      const versions = (
        db
          .prepare(
            `SELECT version, status, signatures, digitally_signed, length(pdf) AS bytes, document_sha256, checklist, created_at
             FROM contract_versions WHERE contract_id = ? ORDER BY version`,
          )
          .all(id) as {
          version: number;
          status: ContractStatus;
          signatures: string;
          digitally_signed: number;
          bytes: number;
          document_sha256: string;
          checklist: string;
          created_at: string;
        }[]
      ).map((v): ContractVersionInfo => ({
        version: v.version,
        status: v.status,
        sha256: v.document_sha256,
        bytes: v.bytes,
        blocking: readChecklist(v.checklist).filter((i) => i.level === 'blocking').length,
        drawnSignatures: (JSON.parse(v.signatures) as DrawnSignatureMark[]).map((s) => s.party),
        digitallySigned: v.digitally_signed === 1,
        createdAt: hlcToIso(v.created_at),
      }));
      const audit = (
        db
          .prepare(
            `SELECT at, actor, action, version, document_sha256 AS sha256, detail FROM contract_audit
             WHERE contract_id = ? AND deleted_at IS NULL ORDER BY created_at`,
          )
          .all(id) as (Omit<AuditEntry, 'detail'> & { detail: string })[]
      ).map((a): AuditEntry => ({ ...a, detail: readLocalized(a.detail) }));
      return { ...summary(row), draft: ContractDraft.parse(JSON.parse(row.body)), versions, audit };
    },

    pdf: (id: string, version?: number) => documentOf(id, version),

    async sign(args: {
      id: string;
      signer: { party: SignatureParty; name: string };
      drawnSignature?: string | undefined;
      digital: boolean;
    }): Promise<ContractDocument> {
      if (!args.drawnSignature && !args.digital) {
        throw new AppError(
          'VALIDATION',
          'Nothing to sign with: give a drawn signature, ask for a digital one, or both',
        );
      }
      if (args.drawnSignature) checkPng(args.drawnSignature);
      const row = contractRow(args.id);
      const latest = versionRow(args.id);
      if (latest.digitally_signed) {
        throw new AppError(
          'CONFLICT',
          'The latest version is digitally signed: any change would break its signature. Generate a new version to sign again.',
        );
      }
      const draft = ContractDraft.parse(JSON.parse(row.body));
      const signedAt = now();
      const rules = allRules();
      const evaluation = evaluateDraft(draft, rules, isoDay(signedAt));
      if (evaluation.blocking > 0) {
        throw new AppError(
          'CONFLICT',
          `The contract cannot be signed: ${evaluation.blocking} blocking item(s) — ${evaluation.checklist
            .filter((i) => i.level === 'blocking')
            .map((i) => i.message.en)
            .join(' ')}`,
        );
      }
      const identity = args.digital ? loadIdentity(dataDir) : null;
      if (args.digital && !identity) {
        throw new AppError(
          'CONFLICT',
          'No signing certificate yet: create one or import the agency’s PKCS#12 first',
        );
      }
      const previous = JSON.parse(latest.signatures) as DrawnSignatureMark[];
      const signatures = args.drawnSignature
        ? [
            ...previous.filter((s) => s.party !== args.signer.party),
            {
              party: args.signer.party,
              name: args.signer.name,
              image: args.drawnSignature,
              signedAt: new Intl.DateTimeFormat(draft.language === 'fr' ? 'fr-FR' : 'en-GB', {
                dateStyle: 'long',
                timeZone: 'UTC',
              }).format(signedAt),
            },
          ]
        : previous;
      const version = (row.latest ?? 0) + 1;
      let { pdf } = await renderContract(draft, rules, {
        reference: `${args.id.slice(0, 8)} v${version}`,
        createdAt: signedAt,
        signatures,
        evaluation,
      });
      const audit: { actor: string; action: AuditEntry['action']; detail: LocalizedText }[] = [];
      const forParty = PARTY_TEXT[args.signer.party];
      if (args.drawnSignature) {
        audit.push({ actor: args.signer.name, action: 'signedDrawn', detail: forParty });
      }
      if (identity) {
        pdf = await signPdf(pdf, identity, {
          name: args.signer.name,
          reason: draft.language === 'fr' ? 'Signature du contrat' : 'Contract signature',
          location: draft.signaturePlace || draft.organiser.address.city || '',
          contactInfo: draft[args.signer.party].email,
          signingTime: signedAt,
        });
        const cert = currentIdentity();
        audit.push({
          actor: args.signer.name,
          action: 'signedDigital',
          detail: {
            fr: `${forParty.fr} ; certificat ${cert?.subject ?? ''} (SHA-256 ${cert?.fingerprint ?? ''})`,
            en: `${forParty.en}; certificate ${cert?.subject ?? ''} (SHA-256 ${cert?.fingerprint ?? ''})`,
          },
        });
      }
      const bothDrawn = new Set(signatures.map((s) => s.party)).size === 2;
      storeVersion({
        id: args.id,
        offerId: row.offer_id,
        draft,
        pdf,
        evaluation,
        status: identity || bothDrawn ? 'signed' : 'ready',
        signatures,
        digital: Boolean(identity),
        audit,
      });
      return documentOf(args.id, version);
    },

    identity: currentIdentity,

    createIdentity(fields: { commonName: string; organisation: string; email: string }): SigningIdentity {
      return remember(createIdentity(dataDir, fields, now()));
    },

    importIdentity(p12Base64: string, password: string): SigningIdentity {
      return remember(importIdentity(dataDir, Buffer.from(p12Base64, 'base64'), password, now()));
    },
  };

  /** Records the new identity and retires the previous one (a tombstone: the audit trail still names it). */
  function remember(identity: SigningIdentity): SigningIdentity {
    db.transaction(() => {
      const at = store.clock.tick();
      db.prepare(`UPDATE signing_identities SET deleted_at = ?, updated_at = ? WHERE deleted_at IS NULL`).run(
        at,
        at,
      );
      db.prepare(
        `INSERT INTO signing_identities (id, origin, subject, issuer, serial_number, fingerprint, not_before, not_after,
           self_signed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        uuidv7(),
        identity.origin,
        identity.subject,
        identity.issuer,
        identity.serialNumber,
        identity.fingerprint,
        identity.notBefore,
        identity.notAfter,
        identity.selfSigned ? 1 : 0,
        at,
        at,
      );
    })();
    return identity;
  }
}
export type ContractService = ReturnType<typeof createContractService>;
