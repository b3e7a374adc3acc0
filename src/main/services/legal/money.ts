import type { ContractDraft, LegalRule, MoneyLine, MoneyPayer, RuleStatus } from '../../../shared/legal';
import { applyPpm, mulDivHalfUp, PPM, toCents } from '../deals/cents';
import { ruleBook, weakest, type RuleBook } from './rules';

// The money side of a contract as pure functions of the draft and the rules table: fee excl. VAT,
// VAT, total, the expected box office, author rights (SACEM / SABAM / SUISA), the CNM tax, withholding
// tax for non-resident artists, social contributions of an engagement, local taxes. Every amount is an
// integer number of cents; every product by a rate is rounded half up once (deals/cents.ts). The date
// that selects the rules is the performance date. Lines built on a non-verified rule carry its status.

type Texts = { fr: string; en: string };

interface LineSpec {
  key: string;
  label: Texts;
  amount: number | null;
  currency: ContractDraft['money']['currency'];
  rules: LegalRule[];
  base?: number | null;
  ratePpm?: number | null;
  payer?: MoneyPayer | null;
  estimate?: boolean;
  range?: { low: number; high: number } | null;
  note?: Texts;
  /** Extra doubt on top of the rules' status (a base the sources do not fix). */
  status?: RuleStatus;
}

function line(spec: LineSpec): MoneyLine {
  const statuses = spec.rules.map((r) => r.status);
  if (spec.status) statuses.push(spec.status);
  return {
    key: spec.key,
    label: spec.label,
    amount: spec.amount,
    range: spec.range ?? null,
    currency: spec.currency,
    base: spec.base ?? null,
    ratePpm: spec.ratePpm ?? null,
    payer: spec.payer ?? null,
    estimate: spec.estimate ?? false,
    ruleKeys: spec.rules.map((r) => r.key),
    status: weakest(statuses),
    note: spec.note ?? { fr: '', en: '' },
  };
}

const rateOf = (rule: LegalRule): number => {
  if (rule.ratePpm === null) throw new Error(`Rule ${rule.key} has no rate`);
  return rule.ratePpm;
};

/** The facts every computation starts from, in cents. */
export interface MoneyFacts {
  /** Expected box office, VAT included, and without VAT (by the ticket VAT rate). */
  boxOfficeGross: number;
  boxOfficeNet: number;
  ticketVatPpm: number;
  ticketVatRule: LegalRule | null;
  /** The contractual fee excl. VAT (coRealisation: the greater of the guarantee and the share). */
  fee: number;
  /** Performers who are not resident in the contract's country. */
  nonResidents: ContractDraft['performers'];
  foreignProducer: boolean;
}

/** How the box office is taxed: the VAT rule for tickets in this contract's situation. */
function ticketVatRule(d: ContractDraft, rule: RuleBook): LegalRule {
  switch (d.country) {
    case 'FR':
      if (d.performance.drinksServedDuringShow) return rule('FR.vat.ticket.standard');
      return d.performance.newCreation ? rule('FR.vat.ticket.superReduced') : rule('FR.vat.ticket.reduced');
    case 'BE':
      return d.organiser.nonProfit ? rule('BE.vat.ticket.nonProfit') : rule('BE.vat.ticket');
    case 'CH':
      return d.money.vatOptedIn ? rule('CH.vat.optedTickets') : rule('CH.vat.culture');
  }
}

function feeVatRule(d: ContractDraft, rule: RuleBook): LegalRule | null {
  if (d.kind === 'engagement') return null; // a salary: no VAT
  switch (d.country) {
    case 'FR':
      return d.performance.drinksServedDuringShow ? rule('FR.vat.fee.standard') : rule('FR.vat.fee.reduced');
    case 'BE':
      return d.money.billedThroughIntermediary ? rule('BE.vat.fee.intermediary') : rule('BE.vat.fee.exempt');
    case 'CH':
      return rule('CH.vat.culture');
  }
}

/** Without VAT: gross × 1 / (1 + rate), half up, exact in integers. */
const withoutVat = (gross: number, ratePpm: number) => mulDivHalfUp(gross, PPM, PPM + ratePpm);

/** The performers' pay: per performer when given, otherwise the fee shared equally (largest remainder). */
export function payShares(d: ContractDraft, total: number): number[] {
  if (d.performers.every((p) => p.grossPay !== null)) return d.performers.map((p) => toCents(p.grossPay!));
  const n = d.performers.length;
  const each = Math.floor(total / n);
  return d.performers.map((_, i) => each + (i < total - each * n ? 1 : 0));
}

export function computeMoney(d: ContractDraft, rules: readonly LegalRule[]): MoneyLine[] {
  const rule = ruleBook(rules, d.performance.date);
  const currency = d.money.currency;
  const lines: MoneyLine[] = [];
  const fr = d.country === 'FR';

  // ---- Box office ----
  const vatRule = ticketVatRule(d, rule);
  const boxOfficeGross = d.money.expectedBoxOffice === null ? 0 : toCents(d.money.expectedBoxOffice);
  const boxOfficeNet = withoutVat(boxOfficeGross, rateOf(vatRule));
  const paidShow = boxOfficeGross > 0 || d.money.ticketPrices.some((t) => t.price > 0);
  if (boxOfficeGross > 0) {
    lines.push(
      line({
        key: 'boxOffice.gross',
        label: { fr: 'Recette de billetterie prévue (TTC)', en: 'Expected box office (incl. VAT)' },
        amount: boxOfficeGross,
        currency,
        rules: [],
        estimate: true,
      }),
      line({
        key: 'boxOffice.vat',
        label: { fr: `${vatRule.label.fr}`, en: `${vatRule.label.en}` },
        amount: boxOfficeGross - boxOfficeNet,
        base: boxOfficeNet,
        ratePpm: rateOf(vatRule),
        currency,
        rules: [vatRule],
        payer: 'organiser',
        estimate: true,
      }),
      line({
        key: 'boxOffice.net',
        label: { fr: 'Recette prévue hors TVA', en: 'Expected box office excl. VAT' },
        amount: boxOfficeNet,
        currency,
        rules: [vatRule],
        estimate: true,
      }),
    );
  }

  // ---- Author rights and CNM come before the coréalisation share (it shares the net after them) ----
  const authorLines = authorRights(d, rule, boxOfficeGross, boxOfficeNet);
  const cnmLines: MoneyLine[] = [];

  // ---- Fee ----
  let fee: number;
  const guarantee = toCents(d.money.fee);
  if (d.kind === 'engagement') {
    fee = payShares(d, guarantee).reduce((a, b) => a + b, 0);
  } else if (d.kind === 'coRealisation') {
    // French practice: the share applies to the box office excl. VAT after author rights and CNM tax.
    const cnm = fr ? applyPpm(boxOfficeNet, rateOf(rule('FR.cnm.tax'))) : 0;
    const rights = authorLines.find((l) => l.key === 'authorRights')?.amount ?? 0;
    const shareBase = Math.max(0, boxOfficeNet - cnm - rights);
    const share = mulDivHalfUp(shareBase, Math.round((d.money.producerPercentage ?? 0) * 10_000), PPM);
    lines.push(
      line({
        key: 'coRealisation.share',
        label: {
          fr: 'Part du producteur sur la recette nette prévue',
          en: 'Producer’s share of the expected net box office',
        },
        amount: share,
        base: shareBase,
        ratePpm: Math.round((d.money.producerPercentage ?? 0) * 10_000),
        currency,
        rules: [],
        payer: 'organiser',
        estimate: true,
        note: {
          fr: 'Recette hors TVA, après droits d’auteur et taxe CNM.',
          en: 'Box office excl. VAT, after author rights and the CNM tax.',
        },
      }),
    );
    fee = Math.max(guarantee, share);
  } else {
    fee = guarantee;
  }

  const feeLabel: Texts =
    d.kind === 'engagement'
      ? { fr: 'Rémunération brute des artistes (cachets)', en: 'Performers’ gross pay' }
      : d.kind === 'coRealisation'
        ? {
            fr: 'Montant dû au producteur hors TVA (minimum garanti ou part)',
            en: 'Due to the producer excl. VAT (guarantee or share)',
          }
        : { fr: 'Prix de cession hors TVA', en: 'Fee excl. VAT' };
  lines.push(
    line({
      key: 'fee',
      label: feeLabel,
      amount: fee,
      currency,
      rules: [],
      payer: d.kind === 'engagement' ? 'employer' : 'organiser',
      estimate: d.kind === 'coRealisation' && fee !== guarantee,
    }),
  );

  const foreignProducer = d.producer.address.country !== '' && d.producer.address.country !== d.country;
  const feeRule = feeVatRule(d, rule);
  if (feeRule) {
    const vat = applyPpm(fee, rateOf(feeRule));
    const unsureReverseCharge = fr && foreignProducer;
    lines.push(
      line({
        key: 'vat',
        label: {
          fr: `TVA sur le prix (${formatRate(rateOf(feeRule), 'fr')})`,
          en: `VAT on the fee (${formatRate(rateOf(feeRule), 'en')})`,
        },
        amount: vat,
        base: fee,
        ratePpm: rateOf(feeRule),
        currency,
        rules: [feeRule],
        payer: 'organiser',
        ...(unsureReverseCharge
          ? {
              status: 'unverified' as const,
              note: {
                fr: 'Producteur établi hors de France : autoliquidation possible (question ouverte).',
                en: 'Producer established outside France: reverse charge may apply (open question).',
              },
            }
          : {}),
      }),
      line({
        key: 'total',
        label: { fr: 'Total TTC dû par l’organisateur', en: 'Total incl. VAT due by the organiser' },
        amount: fee + vat,
        currency,
        rules: [feeRule],
        payer: 'organiser',
      }),
    );
  }

  lines.push(...authorLines);

  // ---- CNM tax (France, variety and current music) ----
  const cnmBase = paidShow ? boxOfficeNet : d.kind === 'engagement' ? 0 : fee;
  if (fr && cnmBase > 0) {
    const tax = rule('FR.cnm.tax');
    const threshold = rule('FR.cnm.threshold');
    const base = cnmBase;
    const amount = applyPpm(base, rateOf(tax));
    const below = amount < (threshold.amountCents ?? 0);
    cnmLines.push(
      line({
        key: 'cnmTax',
        label: tax.label,
        amount,
        base,
        ratePpm: rateOf(tax),
        currency,
        rules: below ? [tax, threshold] : [tax],
        payer: paidShow ? 'organiser' : 'producer',
        estimate: paidShow,
        note: {
          fr:
            (paidShow
              ? 'Sur la recette de billetterie hors TVA, due par le détenteur de la billetterie.'
              : 'Spectacle gratuit : sur le prix de cession hors TVA, due par le vendeur.') +
            (below ? ' Moins de 80 € : non perçue si le total annuel du redevable reste sous ce seuil.' : ''),
          en:
            (paidShow
              ? 'On ticket receipts excl. VAT, due from the ticketing holder.'
              : 'Free show: on the cession price excl. VAT, due from the seller.') +
            (below ? ' Under 80 €: not collected if the payer’s yearly total stays below it.' : ''),
        },
      }),
    );
    lines.push(...cnmLines);
  }

  lines.push(...withholding(d, rule, fee, foreignProducer));
  if (d.kind === 'engagement') lines.push(...socialContributions(d, rule, fee));

  if (d.country === 'CH' && normalise(d.performance.address.city) === 'lausanne' && boxOfficeGross > 0) {
    const tax = rule('CH.lausanne.entertainmentTax');
    lines.push(
      line({
        key: 'localTax',
        label: tax.label,
        amount: applyPpm(boxOfficeGross, rateOf(tax)),
        base: boxOfficeGross,
        ratePpm: rateOf(tax),
        currency,
        rules: [tax],
        payer: 'organiser',
        estimate: true,
      }),
    );
  }
  return lines;
}

function authorRights(d: ContractDraft, rule: RuleBook, gross: number, net: number): MoneyLine[] {
  const currency = d.money.currency;
  const budget = toCents(d.money.fee);
  const maxTicket = Math.max(0, ...d.money.ticketPrices.map((t) => toCents(t.price)));
  switch (d.country) {
    case 'FR': {
      const flat = rule('FR.sacem.flatFee');
      const c = flat.conditions as { maxBudgetCents: number; maxTicketCents: number };
      if (budget <= c.maxBudgetCents && maxTicket <= c.maxTicketCents) {
        return [
          line({
            key: 'authorRights',
            label: flat.label,
            amount: null,
            currency,
            rules: [flat],
            payer: 'organiser',
            estimate: true,
            note: {
              fr: 'Budget ≤ 2 000 € et billet ≤ 20 € : forfait selon le barème SACEM (non estimé ici).',
              en: 'Budget ≤ 2,000 € and ticket ≤ 20 €: SACEM flat schedule (not estimated here).',
            },
          }),
        ];
      }
      const sacem = rule('FR.sacem.concert');
      const base = Math.max(net, budget);
      return [
        line({
          key: 'authorRights',
          label: sacem.label,
          amount: applyPpm(base, rateOf(sacem)),
          base,
          ratePpm: rateOf(sacem),
          currency,
          rules: [sacem],
          payer: 'organiser',
          estimate: true,
          status: 'unverified',
          note: {
            fr: 'Assiette retenue : la plus élevée de la recette hors TVA et du budget artistique ; −20 % si l’autorisation est demandée à l’avance.',
            en: 'Base used: the higher of the box office excl. VAT and the artistic budget; −20 % if authorisation is asked in advance.',
          },
        }),
      ];
    }
    case 'BE': {
      const sabam = rule(d.performance.festival ? 'BE.sabam.festival' : 'BE.sabam.concert');
      const c = sabam.conditions as { lowPpm: number; highPpm: number };
      const base = Math.max(net, budget);
      const low = applyPpm(base, c.lowPpm);
      const high = applyPpm(base, c.highPpm);
      return [
        line({
          key: 'authorRights',
          label: sabam.label,
          amount: high,
          range: { low, high },
          base,
          ratePpm: c.highPpm,
          currency,
          rules: [sabam],
          payer: 'organiser',
          estimate: true,
          note: {
            fr: `Entre ${formatRate(c.lowPpm, 'fr')} et ${formatRate(c.highPpm, 'fr')} de la plus élevée de la recette et du budget artistique, selon la surface et le prix moyen.`,
            en: `Between ${formatRate(c.lowPpm, 'en')} and ${formatRate(c.highPpm, 'en')} of the higher of receipts and artistic budget, by surface and average price.`,
          },
        }),
      ];
    }
    case 'CH': {
      const kb = rule('CH.suisa.Kb');
      const c = kb.conditions as { maxCapacity: number; maxGrossTicketsCents: number };
      const small =
        d.performance.capacity !== null &&
        d.performance.capacity <= c.maxCapacity &&
        gross <= c.maxGrossTicketsCents;
      if (small) {
        return [
          line({
            key: 'authorRights',
            label: kb.label,
            amount: applyPpm(budget, rateOf(kb)),
            base: budget,
            ratePpm: rateOf(kb),
            currency,
            rules: [kb],
            payer: 'organiser',
            estimate: true,
            note: {
              fr: '3,5 % si plus de la moitié de la musique est du domaine public ou non affiliée.',
              en: '3.5 % if over half of the music is public-domain or unaffiliated.',
            },
          }),
        ];
      }
      const k = rule('CH.suisa.K');
      const base = gross > 0 ? gross : budget;
      return [
        line({
          key: 'authorRights',
          label: k.label,
          amount: applyPpm(base, rateOf(k)),
          base,
          ratePpm: rateOf(k),
          currency,
          rules: [k],
          payer: 'organiser',
          estimate: true,
          note: {
            fr: 'Au plus 10 % de la recette (ou des frais de musique pour un concert gratuit) ; au prorata de la musique protégée si la setlist est envoyée à temps.',
            en: 'At most 10 % of receipts (or music costs for a free show); pro rata of protected music if the setlist is sent on time.',
          },
        }),
      ];
    }
  }
}

/** Withholding tax on what non-resident artists (or a foreign producer) receive. */
function withholding(d: ContractDraft, rule: RuleBook, fee: number, foreignProducer: boolean): MoneyLine[] {
  const currency = d.money.currency;
  const shares = payShares(d, fee);
  const nonResident = d.performers
    .map((p, i) => ({ p, share: shares[i]! }))
    .filter(({ p }) => p.residenceCountry !== d.country);
  if (!foreignProducer && nonResident.length === 0) return [];
  // A foreign company selling the show is taxed on the whole fee; otherwise each non-resident performer
  // on their pay (the producer, their employer, withholds).
  const bases = foreignProducer ? [fee] : nonResident.map((n) => n.share);
  const base = bases.reduce((a, b) => a + b, 0);
  const who: Texts = foreignProducer
    ? {
        fr: 'sur le prix payé au producteur étranger (part artistique)',
        en: 'on the fee paid to the foreign producer (artistic part)',
      }
    : {
        fr: `sur la rémunération de ${nonResident.length} artiste(s) non résident(s)`,
        en: `on the pay of ${nonResident.length} non-resident performer(s)`,
      };
  switch (d.country) {
    case 'FR': {
      const r = rule('FR.withholding.nonResident');
      const c = r.conditions as { deductionPpm: number };
      const amount = bases
        .map((b) => applyPpm(b - applyPpm(b, c.deductionPpm), rateOf(r)))
        .reduce((a, b) => a + b, 0);
      return [
        line({
          key: 'withholding',
          label: r.label,
          amount,
          base,
          ratePpm: rateOf(r),
          currency,
          rules: [r],
          payer: foreignProducer ? 'organiser' : 'producer',
          note: {
            fr: `15 % après abattement de 10 % (13,5 % du brut), ${who.fr} ; une convention fiscale peut l’écarter.`,
            en: `15 % after a 10 % deduction (13.5 % of gross), ${who.en}; a tax treaty may override it.`,
          },
        }),
      ];
    }
    case 'BE': {
      const r = rule('BE.withholding.nonResident');
      const c = r.conditions as {
        firstDayDeductionCents: number;
        nextDayDeductionCents: number;
        maxDays: number;
      };
      const days = Math.min(c.maxDays, Math.max(1, d.performance.performances + d.performance.rehearsalDays));
      const deduction = c.firstDayDeductionCents + (days - 1) * c.nextDayDeductionCents;
      const taxable = bases.map((b) => Math.max(0, b - deduction));
      const amount = taxable.map((t) => applyPpm(t, rateOf(r))).reduce((a, b) => a + b, 0);
      return [
        line({
          key: 'withholding',
          label: r.label,
          amount,
          base: taxable.reduce((a, b) => a + b, 0),
          ratePpm: rateOf(r),
          currency,
          rules: [r],
          payer: 'organiser',
          note: {
            fr: `18 % ${who.fr}, après la déduction forfaitaire de ${days} jour(s) (400 € le premier, 100 € les suivants) ; une convention peut exonérer.`,
            en: `18 % ${who.en}, after the flat deduction for ${days} day(s) (400 € the first, 100 € the next); a treaty may exempt.`,
          },
        }),
      ];
    }
    case 'CH': {
      const r = rule('CH.withholding.federal');
      const cantonal = rule('CH.withholding.cantonal');
      const c = r.conditions as {
        flatDeductionPpm: number;
        brackets: { upToCents: number | null; ratePpm: number }[];
      };
      const days = Math.max(1, d.performance.performances + d.performance.rehearsalDays);
      let amount = 0;
      let rateUsed = 0;
      let netTotal = 0;
      for (const gross of bases) {
        const net = gross - applyPpm(gross, c.flatDeductionPpm);
        const daily = mulDivHalfUp(net, 1, days);
        const bracket = c.brackets.find((b) => b.upToCents === null || daily <= b.upToCents)!;
        rateUsed = Math.max(rateUsed, bracket.ratePpm);
        amount += applyPpm(net, bracket.ratePpm);
        netTotal += net;
      }
      const notChf = currency !== 'CHF';
      return [
        line({
          key: 'withholding',
          label: r.label,
          amount,
          base: netTotal,
          ratePpm: rateUsed,
          currency,
          rules: [r],
          payer: 'organiser',
          ...(notChf ? { status: 'unverified' as const } : {}),
          note: {
            fr:
              `LIFD art. 92 ${who.fr} : 50 % de déduction forfaitaire, taux selon le revenu journalier sur ${days} jour(s) de représentation et de répétition ; l’organisateur est solidairement responsable.` +
              (notChf ? ' Barème en CHF appliqué au montant en euros : convertir au cours du jour.' : '') +
              (d.money.travelCoveredByOrganiser
                ? ' Ajouter les frais pris en charge par l’organisateur (OIS 16).'
                : ''),
            en:
              `LIFD art. 92 ${who.en}: 50 % flat deduction, rate by daily income over ${days} show and rehearsal day(s); the organiser is jointly liable.` +
              (notChf ? ' CHF brackets applied to a euro amount: convert at the day’s rate.' : '') +
              (d.money.travelCoveredByOrganiser ? ' Add the costs the organiser pays (OIS 16).' : ''),
          },
        }),
        line({
          key: 'withholding.cantonal',
          label: cantonal.label,
          amount: null,
          currency,
          rules: [cantonal],
          payer: 'organiser',
          note: {
            fr: 'S’ajoute à l’impôt fédéral selon le barème du canton (non estimé).',
            en: 'On top of the federal tax, by the canton’s scale (not estimated).',
          },
        }),
      ];
    }
  }
}

/** Engagement (France): the employer's and the performers' contributions on the gross pay, estimated. */
function socialContributions(d: ContractDraft, rule: RuleBook, gross: number): MoneyLine[] {
  const currency = d.money.currency;
  const via: Texts = d.guso
    ? { fr: ' (déclarées et payées au GUSO)', en: ' (declared and paid through the GUSO)' }
    : { fr: '', en: '' };
  const employerRules = [
    rule('FR.social.employer.general'),
    rule('FR.social.unemployment.employer'),
    rule('FR.social.congesSpectacles'),
  ];
  const employeeRules = [rule('FR.social.csgCrds'), rule('FR.social.unemployment.employee')];
  const part = (r: LegalRule, payer: MoneyPayer) =>
    line({
      key: `social.${r.key.replace(/^FR\.social\./, '')}`,
      label: r.label,
      amount: applyPpm(gross, rateOf(r)),
      base: gross,
      ratePpm: rateOf(r),
      currency,
      rules: [r],
      payer,
      estimate: true,
    });
  const employer = employerRules.map((r) => part(r, 'employer'));
  const employee = employeeRules.map((r) => part(r, 'performer'));
  const sum = (ls: MoneyLine[]) => ls.reduce((a, l) => a + (l.amount ?? 0), 0);
  return [
    ...employer,
    line({
      key: 'social.employerTotal',
      label: {
        fr: `Cotisations patronales estimées${via.fr}`,
        en: `Estimated employer contributions${via.en}`,
      },
      amount: sum(employer),
      base: gross,
      currency,
      rules: [...employerRules, rule('FR.social.reducedRates')],
      payer: 'employer',
      estimate: true,
      note: {
        fr: 'Ordre de grandeur : vérifier avec le simulateur GUSO ou URSSAF (taux partiellement non vérifiés).',
        en: 'Order of magnitude: check with the GUSO or URSSAF simulator (some rates not verified).',
      },
    }),
    ...employee,
    line({
      key: 'social.employerCost',
      label: { fr: 'Coût employeur total estimé', en: 'Estimated total employer cost' },
      amount: gross + sum(employer),
      currency,
      rules: employerRules,
      payer: 'employer',
      estimate: true,
    }),
  ];
}

const normalise = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/** 55,000 ppm → "5,5 %" / "5.5 %" (no-break space before %). */
export function formatRate(ppm: number, language: 'fr' | 'en'): string {
  const value = ppm / 10_000;
  const text = Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  return `${language === 'fr' ? text.replace('.', ',') : text}\u00a0%`;
}

export { ruleBook };
