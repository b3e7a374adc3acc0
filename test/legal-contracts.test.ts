import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import type { Artist, Venue } from '../src/shared/domain';
import type { Offer } from '../src/shared/offers';
import type {
  ChecklistResult,
  ContractDetail,
  ContractDocument,
  ContractDraft,
  ContractDraftInput,
  LegalRule,
  SigningIdentity,
} from '../src/shared/legal';
import { runCli } from '../src/main/cli/run';
import { call, tempDir, testCore } from './helpers';

// Contracts as a reader sees them: text extracted by poppler's pdftotext, structure checked by
// qpdf --check, signatures checked by poppler's pdfsig (installed by .ci/run with poppler-utils, qpdf).

const example = (name: string): ContractDraftInput =>
  (
    JSON.parse(readFileSync(`resources/examples/contracts/${name}.json`, 'utf8')) as {
      draft: ContractDraftInput;
    }
  ).draft;

function save(bytes: Buffer, name = 'contract.pdf'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, bytes);
  return file;
}
/** Text as pdftotext extracts it, spaces (no-break ones included) and line ends collapsed for matching. */
const pdfText = (file: string) =>
  execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
const qpdfCheck = (file: string) => spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
const pdfsig = (file: string) => spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

/** A real PNG (RGBA, w×h, a dark stroke) built by hand, as a canvas would export it. */
function pngDataUrl(w = 60, h = 20): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++)
      rows.push(20, 20, 80, Math.abs(y - Math.round(h / 2 + 6 * Math.sin(x / 6))) < 2 ? 255 : 0);
  }
  const png = Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** A PKCS#12 as an agency would import it (made here with node-forge, RSA 2048, self-signed). */
function agencyP12(password: string): Buffer {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '0a1b2c';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attrs = [
    { name: 'commonName', value: 'Agence Levant Booking' },
    { name: 'organizationName', value: 'Les Productions du Levant' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

describe('contracts: PDF as a reader sees it', () => {
  it(
    'generates a French cession with every mandatory mention, the figures, annexes, pages and metadata',
    { timeout: 30_000 },
    async () => {
      const core = testCore();
      const doc = await call<ContractDocument>(core, 'contracts.generate', { draft: example('fr-cession') });
      expect(doc.version).toBe(1);
      expect(doc.contract.status).toBe('ready');
      const bytes = Buffer.from(doc.base64, 'base64');
      expect(doc.bytes).toBe(bytes.length);
      const file = save(bytes);
      const check = qpdfCheck(file);
      expect(check.status, check.stdout + check.stderr).toBe(0);

      const text = pdfText(file);
      for (const mention of [
        'CONTRAT DE CESSION DU DROIT D’EXPLOITATION D’UN SPECTACLE',
        'Les Productions du Levant',
        'SIRET 51234567800019',
        'Licence PLATESV PLATESV-R-2021-000123',
        'Licence PLATESV PLATESV-R-2020-000456',
        'représenté par Camille Roussel, gérante',
        'Julien Bœuf',
        'ci-après dénommé « le Producteur »',
        'jeudi 17 octobre 2030',
        '20 h 30',
        '5 000,00 € hors taxes, soit 5 275,00 € toutes taxes comprises',
        'TVA au taux de 5,5 %',
        'Un acompte de 30 % du prix hors taxes, soit 1 500,00 €',
        'SACEM',
        'CNM',
        '291,94 €',
        'Force majeure',
        'D8222-5',
        'Annexe 1 – Fiche technique',
        'Hugo « Hug’ » Martin',
        'Annexe 2 – Conditions d’accueil',
        'Annexe 3 – Règles et sources des montants',
        'Paraphes : Producteur',
        'Pour le Producteur',
        'Pour l’Organisateur',
      ]) {
        expect(text, mention).toContain(mention);
      }
      const pages = Number(/Pages:\s+(\d+)/.exec(pdfinfo(file))![1]);
      expect(text).toContain(`Page 1 / ${pages}`);
      expect(text).toContain(`Page ${pages} / ${pages}`);
      expect(text.match(/Paraphes : Producteur/g)).toHaveLength(pages);
      const info = pdfinfo(file);
      expect(info).toMatch(
        /Title:\s+Contrat de cession du droit d’exploitation d’un spectacle – Nadia Kessler Trio/,
      );
      expect(info).toMatch(/Author:\s+Les Productions du Levant/);
      expect(info).toMatch(/CreationDate:\s+\S+/);
    },
  );

  it(
    'renders a 10,000-character clause with « » ’ € œ, watermarks a draft with blocking items, in English too',
    { timeout: 30_000 },
    async () => {
      const core = testCore();
      const base = example('fr-cession');
      const words = 'Le cœur de l’œuvre « Lumière » coûte 1 000 € ; n’est-ce pas ? ';
      const long = words.repeat(Math.ceil(10_000 / words.length)).slice(0, 10_000);
      const doc = await call<ContractDocument>(core, 'contracts.generate', {
        draft: {
          ...base,
          producer: { ...base.producer, registrationNumber: '' },
          clauses: { ...base.clauses, custom: [{ title: 'Clause particulière', text: long }] },
        },
      });
      expect(doc.contract.status).toBe('draft');
      expect(doc.checklist.filter((i) => i.level === 'blocking').map((i) => i.key)).toEqual([
        'producer.registrationNumber.missing',
      ]);
      const file = save(Buffer.from(doc.base64, 'base64'));
      expect(qpdfCheck(file).status).toBe(0);
      const text = pdfText(file).replace(/\s+/g, ' ');
      expect(text).toContain('Clause particulière');
      expect(text).toContain('Le cœur de l’œuvre « Lumière » coûte 1 000 € ; n’est-ce pas ?');
      // The « PROJET » watermark is drawn diagonally (pdftotext splits it); the banner lists what blocks.
      expect(text).toContain('Points à régler avant signature');
      expect(text).toContain('Numéro SIRET du producteur manquant.');
      // The clause's text is all there: count a word that appears once per repetition.
      expect(text.match(/Lumière/g)!.length).toBeGreaterThanOrEqual(Math.floor(10_000 / words.length));

      const en = await call<ContractDocument>(core, 'contracts.generate', {
        draft: { ...example('ch-cession'), language: 'en' },
      });
      const enText = pdfText(save(Buffer.from(en.base64, 'base64')));
      expect(enText).toContain('PERFORMANCE CONTRACT (SWITZERLAND)');
      expect(enText).toContain('CHF 12,000.00');
      expect(enText).toContain('Federal withholding tax (non-resident artist)');
      expect(enText).toContain('CHF 420.00');
    },
  );

  it('refuses bad input with clear messages and writes nothing', async () => {
    const core = testCore();
    const base = example('fr-cession');
    const negative = await core.dispatch('contracts.generate', {
      draft: { ...base, money: { ...base.money, fee: -1 } },
    });
    expect(negative).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!negative.ok && negative.error.message).toContain('draft.money.fee: The fee cannot be negative');
    const country = await core.dispatch('contracts.checklist', { draft: { ...base, country: 'XX' } });
    expect(!country.ok && country.error.message).toContain('Unknown country');
    expect((await call<{ items: unknown[] }>(core, 'contracts.list', {})).items).toEqual([]);
  });
});

describe('contracts: from an offer, versions, signatures, audit', () => {
  it(
    'pre-fills a draft from an accepted offer, signs it (drawn + digital) and keeps every version',
    { timeout: 60_000 },
    async () => {
      const core = testCore();
      const artist = await call<Artist>(core, 'artists.create', {
        name: 'Nadia Kessler Trio',
        country: 'FR',
      });
      const venue = await call<Venue>(core, 'venues.create', {
        name: 'Le Périscope',
        address: '13 rue Delandine',
        postalCode: '69002',
        city: 'Lyon',
        country: 'FR',
      });
      const flat = JSON.parse(readFileSync('resources/examples/deal-flat.json', 'utf8')) as { deal: unknown };
      const offer = await call<Offer>(core, 'offers.create', {
        artistId: artist.id,
        venueId: venue.id,
        date: '2030-10-17',
        deal: flat.deal,
      });
      expect(await core.dispatch('contracts.fromOffer', { offerId: offer.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      await call(core, 'offers.addRound', { offerId: offer.id, by: 'us', action: 'sent' });
      await call(core, 'offers.addRound', { offerId: offer.id, by: 'them', action: 'accepted' });
      const { draft, prefilled } = await call<{ draft: ContractDraft; prefilled: string[] }>(
        core,
        'contracts.fromOffer',
        {
          offerId: offer.id,
        },
      );
      expect(draft).toMatchObject({
        kind: 'cession',
        country: 'FR',
        showTitle: 'Nadia Kessler Trio',
        organiser: { legalName: 'Le Périscope', address: { city: 'Lyon' } },
        performance: { venueName: 'Le Périscope', date: '2030-10-17' },
        money: { currency: 'EUR', fee: offer.deal.guarantee },
      });
      expect(prefilled).toContain('money.fee');
      // What the store does not know is reported, not invented.
      const live = await call<ChecklistResult>(core, 'contracts.checklist', { draft });
      expect(live.items.filter((i) => i.level === 'blocking').map((i) => i.key)).toEqual(
        expect.arrayContaining([
          'producer.legalName.missing',
          'producer.registrationNumber.missing',
          'organiser.platesvNumber.missing',
        ]),
      );

      // The booker completes the parties and generates; blocking items forbid signing.
      const draftDoc = await call<ContractDocument>(core, 'contracts.generate', { offerId: offer.id, draft });
      const refused = await core.dispatch('contracts.sign', {
        id: draftDoc.contract.id,
        signer: { party: 'producer', name: 'Camille Roussel' },
        drawnSignature: pngDataUrl(),
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

      const full = example('fr-cession');
      const complete = {
        ...draft,
        producer: full.producer,
        organiser: full.organiser,
        insurance: full.insurance,
        riders: full.riders,
      };
      const v2 = await call<ContractDocument>(core, 'contracts.generate', {
        id: draftDoc.contract.id,
        draft: complete,
      });
      expect(v2).toMatchObject({ version: 2, contract: { status: 'ready', offerId: offer.id } });

      // Digital signature needs an identity.
      expect(
        await core.dispatch('contracts.sign', {
          id: v2.contract.id,
          signer: { party: 'producer', name: 'Camille Roussel' },
          digital: true,
        }),
      ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      const { identity } = await call<{ identity: SigningIdentity }>(core, 'contracts.identity.create', {
        commonName: 'Les Productions du Levant – Camille Roussel',
        email: 'camille@levant-prod.fr',
      });
      expect(identity).toMatchObject({ origin: 'created', selfSigned: true });
      expect(identity.subject).toContain('CN=Les Productions du Levant ? Camille Roussel');
      expect(await call(core, 'contracts.identity.get', {})).toEqual({ identity });

      const signed = await call<ContractDocument>(core, 'contracts.sign', {
        id: v2.contract.id,
        signer: { party: 'producer', name: 'Camille Roussel' },
        drawnSignature: pngDataUrl(),
        digital: true,
      });
      expect(signed).toMatchObject({ version: 3, contract: { status: 'signed' } });
      const bytes = Buffer.from(signed.base64, 'base64');
      const file = save(bytes, 'signed.pdf');
      expect(qpdfCheck(file).status).toBe(0);
      const sig = pdfsig(file);
      expect(sig).toContain('Signature Validation: Signature is Valid.');
      expect(sig).toContain('Signature Type: ETSI.CAdES.detached');
      expect(sig).toContain('Total document signed');
      expect(pdfText(file)).toContain('Camille Roussel – Signé le');

      // One changed byte inside the signed range breaks the signature.
      const tampered = Buffer.from(bytes);
      const at = tampered.indexOf('Flow Stage');
      expect(at).toBeGreaterThan(0);
      expect(at).toBeLessThan(tampered.indexOf('/ByteRange'));
      tampered[at] = 'G'.charCodeAt(0);
      const broken = pdfsig(save(tampered, 'tampered.pdf'));
      expect(broken).not.toContain('Signature is Valid.');
      expect(broken).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);

      // A digitally signed version is final: signing again needs a new version.
      expect(
        await core.dispatch('contracts.sign', {
          id: v2.contract.id,
          signer: { party: 'organiser', name: 'Julien Bœuf' },
          drawnSignature: pngDataUrl(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

      const detail = await call<ContractDetail>(core, 'contracts.get', { id: v2.contract.id });
      expect(detail.versions.map((v) => [v.version, v.status, v.digitallySigned, v.drawnSignatures])).toEqual(
        [
          [1, 'draft', false, []],
          [2, 'ready', false, []],
          [3, 'signed', true, ['producer']],
        ],
      );
      expect(detail.audit.map((a) => [a.version, a.action, a.actor])).toEqual([
        [1, 'generated', 'Flow Stage'],
        [2, 'generated', 'Flow Stage'],
        [3, 'signedDrawn', 'Camille Roussel'],
        [3, 'signedDigital', 'Camille Roussel'],
      ]);
      // The audit's hash is the SHA-256 of the bytes handed out, and older versions stay available.
      const { createHash } = await import('node:crypto');
      expect(detail.audit[3]!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      const first = await call<ContractDocument>(core, 'contracts.pdf', { id: v2.contract.id, version: 1 });
      expect(first.sha256).toBe(detail.versions[0]!.sha256);
      expect(
        (await call<{ items: unknown[] }>(core, 'contracts.list', { offerId: offer.id })).items,
      ).toHaveLength(1);
    },
  );

  it(
    'imports an agency PKCS#12 (password used once) and refuses a wrong password or a fake image',
    { timeout: 60_000 },
    async () => {
      const core = testCore();
      const p12 = agencyP12('s3cret-mot-de-passe');
      const wrong = await core.dispatch('contracts.identity.import', {
        p12Base64: p12.toString('base64'),
        password: 'nope',
      });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(!wrong.ok && wrong.error.message).toContain('Wrong password');
      const { identity } = await call<{ identity: SigningIdentity }>(core, 'contracts.identity.import', {
        p12Base64: p12.toString('base64'),
        password: 's3cret-mot-de-passe',
      });
      expect(identity).toMatchObject({
        origin: 'imported',
        subject: 'CN=Agence Levant Booking, O=Les Productions du Levant',
      });
      // The user's password is not kept in the profile folder.
      const stored = readFileSync(join(core.dataDir, 'identity', 'passphrase'), 'utf8');
      expect(stored).not.toContain('s3cret');

      const doc = await call<ContractDocument>(core, 'contracts.generate', { draft: example('be-cession') });
      const fake = await core.dispatch('contracts.sign', {
        id: doc.contract.id,
        signer: { party: 'organiser', name: 'Lise Dupont' },
        drawnSignature: 'data:image/png;base64,SGVsbG8gd29ybGQ=',
      });
      expect(fake).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: 'The drawn signature is not a PNG image' },
      });
      const signed = await call<ContractDocument>(core, 'contracts.sign', {
        id: doc.contract.id,
        signer: { party: 'organiser', name: 'Lise Dupont' },
        digital: true,
      });
      const sig = pdfsig(save(Buffer.from(signed.base64, 'base64')));
      expect(sig).toContain('Signer Certificate Common Name: Agence Levant Booking');
      expect(sig).toContain('Signature Validation: Signature is Valid.');
    },
  );

  it('lists the rules with their sources and status', async () => {
    const core = testCore();
    const { rules } = await call<{ rules: LegalRule[] }>(core, 'contracts.rules', { country: 'CH' });
    const federal = rules.find((r) => r.key === 'CH.withholding.federal')!;
    expect(federal).toMatchObject({ status: 'verified', validFrom: '2021-01-01', version: 1 });
    expect(federal.sources[0]).toMatch(/^https:\/\//);
    expect(rules.every((r) => r.country === 'CH')).toBe(true);
    expect(rules.some((r) => r.status === 'unverified')).toBe(true);
  });
});

describe('flowstage contract (CLI)', () => {
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      const code = await runCli(args, (l) => lines.push(l));
      return { code, out: lines.join('\n'), err: errors.join('\n') };
    } finally {
      console.error = original;
    }
  };

  it(
    'writes the PDF of every example, prints money lines and checklist, exits 0',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      for (const name of [
        'fr-cession',
        'fr-engagement-guso',
        'fr-corealisation',
        'be-cession',
        'be-corealisation',
        'ch-cession',
        'ch-corealisation',
      ]) {
        const out = join(dir, `${name}.pdf`);
        const r = await run([
          'contract',
          '--input',
          `resources/examples/contracts/${name}.json`,
          '--out',
          out,
          '--today',
          '2026-06-01',
        ]);
        expect({ name, code: r.code, err: r.err }).toEqual({ name, code: 0, err: '' });
        expect(qpdfCheck(out).status).toBe(0);
        if (name === 'fr-cession') {
          expect(r.out).toContain('Prix de cession hors TVA');
          expect(r.out).toContain('5 000,00 €');
          expect(r.out).toContain('Taxe CNM sur les spectacles de variétés');
        }
      }
    },
  );

  it(
    'exits 2 on a blocking item, a bad file or bad JSON, and signs with --sign',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      const base = example('fr-cession');
      const missing = join(dir, 'missing.json');
      writeFileSync(
        missing,
        JSON.stringify({ draft: { ...base, organiser: { ...base.organiser, platesvNumber: '' } } }),
      );
      const blocked = await run([
        'contract',
        '--input',
        missing,
        '--out',
        join(dir, 'm.pdf'),
        '--today',
        '2026-06-01',
      ]);
      expect(blocked.code).toBe(2);
      expect(blocked.out).toContain('[BLOQUANT] Numéro PLATESV de l’organisateur manquant');

      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{ "draft": { "kind": ');
      const badJson = await run(['contract', '--input', bad, '--out', join(dir, 'b.pdf')]);
      expect(badJson.code).toBe(2);
      expect(badJson.err).toContain('is not valid JSON');

      const negative = join(dir, 'neg.json');
      writeFileSync(
        negative,
        JSON.stringify({ draft: { ...base, country: 'IT', money: { ...base.money, fee: -5 } } }),
      );
      const invalid = await run(['contract', '--input', negative, '--out', join(dir, 'n.pdf')]);
      expect(invalid.code).toBe(2);
      expect(invalid.err).toContain('draft.country: Unknown country');
      expect(invalid.err).toContain('draft.money.fee: The fee cannot be negative');

      const p12 = join(dir, 'agency.p12');
      writeFileSync(p12, agencyP12('pw-cli'));
      const pass = join(dir, 'pass.txt');
      writeFileSync(pass, 'pw-cli\n');
      const signedOut = join(dir, 'signed.pdf');
      const signed = await run([
        'contract',
        '--input',
        'resources/examples/contracts/fr-cession.json',
        '--out',
        signedOut,
        '--sign',
        p12,
        '--password-file',
        pass,
        '--today',
        '2026-06-01',
      ]);
      expect(signed.code).toBe(0);
      expect(pdfsig(signedOut)).toContain('Signature Validation: Signature is Valid.');
      writeFileSync(pass, 'wrong\n');
      const wrong = await run([
        'contract',
        '--input',
        'resources/examples/contracts/fr-cession.json',
        '--out',
        signedOut,
        '--sign',
        p12,
        '--password-file',
        pass,
      ]);
      expect(wrong.code).toBe(2);
      expect(wrong.err).toContain('Wrong password');
    },
  );
});
