import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, issuesFromZod } from '../../shared/errors';
import { ContractDraft, type ChecklistItem, type ContractLanguage, type MoneyLine } from '../../shared/legal';
import { formatCents, formatPpm } from '../services/legal/format';
import { createIdentityFromP12, type StoredIdentity } from '../services/legal/identity';
import { RULES } from '../services/legal/rules';
import { renderContract } from '../services/legal/service';
import { sha256, signPdf } from '../services/legal/signing';

/*
README — `flowstage contract`

    flowstage contract --input DEAL.json --out FILE.pdf [--sign CERT.p12 --password-file F] [--today YYYY-MM-DD] [--lang fr|en] [--json]

Builds a performance contract from a JSON file, prints the compliance checklist and the money lines
(in French, or English with --lang en; the PDF itself is in the draft's `language`), and writes the PDF. DEAL.json holds { "description"?: "…", "draft": { …a ContractDraft, see
src/shared/legal.ts and docs/contracts.md… } } (a bare draft object is accepted too). Examples of
every contract type and country: resources/examples/contracts/*.json.

Exit status: 0 when the contract has no blocking item (the PDF is written, signed if asked); 2 when
the file or an argument is invalid (nothing written) or when blocking items remain (the PDF is written
as a draft watermarked « PROJET », never signed); 1 when signing fails (wrong password…).
--sign signs with a PKCS#12 file, its password read from the first line of --password-file (never
on the command line, where other users could read it in the process list).
*/

const ContractFile = z.union([
  z.strictObject({ description: z.string().max(2000).optional(), draft: z.unknown() }),
  z.record(z.string(), z.unknown()),
]);

const USAGE =
  'Usage: flowstage contract --input DEAL.json --out FILE.pdf [--sign CERT.p12 --password-file F] [--today YYYY-MM-DD] [--lang fr|en] [--json]';
const INVALID = 2;
const BLOCKED = 2;
const SIGN_FAILED = 1;

export interface ContractCliIo {
  readFile: (path: string) => Promise<Buffer>;
  writeFile: (path: string, bytes: Buffer) => Promise<void>;
  err?: (line: string) => void;
  now?: () => Date;
}

const LEVEL = {
  fr: { blocking: 'BLOQUANT', warning: 'ATTENTION', info: 'info' },
  en: { blocking: 'BLOCKING', warning: 'WARNING', info: 'info' },
} as const;

export async function contractCommand(
  args: string[],
  out: (line: string) => void,
  io: ContractCliIo,
): Promise<number> {
  const err = io.err ?? ((line: string) => console.error(line));
  const refuse = (...lines: string[]) => {
    for (const line of lines) err(line);
    return INVALID;
  };
  let values: {
    input?: string;
    out?: string;
    sign?: string;
    'password-file'?: string;
    today?: string;
    lang?: string;
    json?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: 'string', short: 'i' },
        out: { type: 'string', short: 'o' },
        sign: { type: 'string' },
        'password-file': { type: 'string' },
        today: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return refuse(`flowstage contract: ${(error as Error).message}`, USAGE);
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (!values.input) return refuse('flowstage contract: --input DEAL.json is required', USAGE);
  if (!values.out) return refuse('flowstage contract: --out FILE.pdf is required', USAGE);
  if (values.sign && !values['password-file']) {
    return refuse(
      'flowstage contract: --sign needs --password-file (the password is never taken on the command line)',
    );
  }
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
    return refuse(`flowstage contract: --lang is fr or en, not "${values.lang}"`);
  }
  const lang: ContractLanguage = values.lang === 'en' ? 'en' : 'fr';
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    return refuse(`flowstage contract: --today must be YYYY-MM-DD, not "${values.today}"`);
  }

  let json: unknown;
  try {
    const text = (await io.readFile(values.input)).toString('utf8');
    try {
      json = JSON.parse(text);
    } catch (error) {
      return refuse(`flowstage contract: ${values.input} is not valid JSON: ${(error as Error).message}`);
    }
  } catch (error) {
    return refuse(`flowstage contract: cannot read ${values.input}: ${(error as Error).message}`);
  }
  const file = ContractFile.safeParse(json);
  if (!file.success || typeof json !== 'object' || json === null || Array.isArray(json)) {
    return refuse(`flowstage contract: ${values.input} must hold one JSON object ({ "draft": { … } })`);
  }
  const rawDraft = 'draft' in json ? (json as { draft: unknown }).draft : json;
  const parsed = ContractDraft.safeParse(rawDraft);
  if (!parsed.success) {
    return refuse(
      `flowstage contract: ${values.input} is not a valid contract:`,
      ...issuesFromZod(parsed.error).map((issue) => `  draft.${issue.path || '(root)'}: ${issue.message}`),
    );
  }
  const draft = parsed.data;

  // Read the signing material before doing any work: a bad certificate is an argument error.
  let identity: StoredIdentity | null = null;
  if (values.sign) {
    let password: string;
    let p12: Buffer;
    try {
      password = (await io.readFile(values['password-file']!)).toString('utf8').split(/\r?\n/)[0] ?? '';
      p12 = await io.readFile(values.sign);
    } catch (error) {
      return refuse(
        `flowstage contract: cannot read the certificate or its password file: ${(error as Error).message}`,
      );
    }
    try {
      identity = createIdentityFromP12(p12, password);
    } catch (error) {
      return refuse(`flowstage contract: ${values.sign}: ${(error as Error).message}`);
    }
  }

  const now = io.now?.() ?? new Date();
  const today = values.today ?? now.toISOString().slice(0, 10);
  const createdAt = values.today ? new Date(`${values.today}T12:00:00Z`) : now;
  let result: Awaited<ReturnType<typeof renderContract>>;
  try {
    result = await renderContract(draft, RULES, { reference: 'CLI', createdAt, today });
  } catch (error) {
    if (error instanceof AppError) return refuse(`flowstage contract: ${error.message}`);
    throw error;
  }
  let pdf = result.pdf;
  let signed = false;
  if (identity && result.blocking === 0) {
    try {
      pdf = await signPdf(pdf, identity, {
        name: draft.producer.representative.name || draft.producer.legalName,
        reason: draft.language === 'fr' ? 'Signature du contrat' : 'Contract signature',
        location: draft.signaturePlace,
        contactInfo: draft.producer.email,
        signingTime: now,
      });
      signed = true;
    } catch (error) {
      err(`flowstage contract: signing failed: ${(error as Error).message}`);
      return SIGN_FAILED;
    }
  }
  await io.writeFile(values.out, pdf);

  if (values.json) {
    out(
      JSON.stringify({
        amountsIn: 'cents',
        out: values.out,
        sha256: sha256(pdf),
        signed,
        blocking: result.blocking,
        checklist: result.checklist,
        money: result.money,
      }),
    );
  } else {
    for (const line of report(lang, result.money, result.checklist)) out(line);
    out('');
    const n = result.blocking;
    out(
      lang === 'fr'
        ? n > 0
          ? `${values.out} écrit comme PROJET (${n} point${n > 1 ? 's' : ''} bloquant${n > 1 ? 's' : ''})${identity ? ', non signé' : ''}.`
          : `${values.out} écrit${signed ? ' et signé' : ''} (SHA-256 ${sha256(pdf)}).`
        : n > 0
          ? `${values.out} written as a DRAFT (${n} blocking item${n > 1 ? 's' : ''})${identity ? ', not signed' : ''}.`
          : `${values.out} written${signed ? ' and signed' : ''} (SHA-256 ${sha256(pdf)}).`,
    );
  }
  return result.blocking > 0 ? BLOCKED : 0;
}

function report(
  lang: ContractLanguage,
  money: readonly MoneyLine[],
  checklist: readonly ChecklistItem[],
): string[] {
  const fr = lang === 'fr';
  const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
  const lines = [fr ? 'Montants :' : 'Amounts:'];
  const width = Math.max(...money.map((l) => l.label[lang].length)) + 2;
  for (const l of money) {
    const amount =
      l.amount === null
        ? fr
          ? 'non estimé'
          : 'not estimated'
        : l.range
          ? `${formatCents(l.range.low, l.currency, lang)} – ${formatCents(l.range.high, l.currency, lang)}`
          : formatCents(l.amount, l.currency, lang);
    const rate = l.ratePpm === null ? '' : ` (${formatPpm(l.ratePpm, lang)})`;
    const flag =
      l.status === 'verified'
        ? ''
        : l.status === 'secondary'
          ? fr
            ? '  [source secondaire]'
            : '  [secondary source]'
          : fr
            ? '  [non vérifié]'
            : '  [not verified]';
    lines.push(plain(`  ${l.label[lang].padEnd(width)}${amount.padStart(18)}${rate}${flag}`));
  }
  lines.push('', fr ? 'Vérifications :' : 'Checks:');
  if (checklist.length === 0) lines.push(fr ? '  rien à signaler' : '  nothing to report');
  for (const item of checklist) {
    const source = item.source ? ` (${item.source})` : '';
    lines.push(plain(`  [${LEVEL[lang][item.level]}] ${item.message[lang]} — ${item.rule[lang]}${source}`));
  }
  return lines;
}
