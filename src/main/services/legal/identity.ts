import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { AppError } from '../../../shared/errors';
import type { SigningIdentity } from '../../../shared/legal';

// The agency's signing identity: a PKCS#12 (private key + certificate chain) in the profile folder.
//
// Where the secret lives, and why: the app must sign without asking for a password each time, so the
// key cannot stay under a password only the user knows. Both created and imported identities are
// therefore written as identity/signing.p12 encrypted (AES-256, PBKDF2) under a random 256-bit
// passphrase stored in identity/passphrase; both files and the folder are owner-only (0600 / 0700),
// like the profile database beside them. The password of an imported file is used once, to open it,
// and never stored. The protection boundary is thus the user's OS account (the same as for the
// contracts themselves); an Electron build can later wrap the passphrase with safeStorage (OS
// keychain) without changing this format.

const FOLDER = 'identity';
const P12_FILE = 'signing.p12';
const PASS_FILE = 'passphrase';

export interface StoredIdentity {
  p12: Buffer;
  passphrase: string;
}

/** forge's PKCS#7 signer mis-encodes non-ASCII names: the certificate an app creates uses ASCII (é → e, œ → oe). */
export function asciiFold(text: string): string {
  return text
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .replace(/[’‘]/g, "'")
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

const dn = (attrs: forge.pki.CertificateField[]) =>
  attrs.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');

function describe(cert: forge.pki.Certificate, origin: SigningIdentity['origin']): SigningIdentity {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  const fingerprint = createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex');
  const subject = dn(cert.subject.attributes);
  const issuer = dn(cert.issuer.attributes);
  return {
    origin,
    subject,
    issuer,
    serialNumber: cert.serialNumber,
    fingerprint,
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    selfSigned: subject === issuer,
  };
}

function writeSecretFiles(dataDir: string, p12Der: string, passphrase: string): void {
  const dir = join(dataDir, FOLDER);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  // Write both beside, then rename: a crash never leaves a key without its passphrase.
  const tmpP12 = join(dir, `${P12_FILE}.tmp`);
  const tmpPass = join(dir, `${PASS_FILE}.tmp`);
  writeFileSync(tmpP12, Buffer.from(p12Der, 'binary'), { mode: 0o600 });
  writeFileSync(tmpPass, passphrase, { mode: 0o600 });
  renameSync(tmpPass, join(dir, PASS_FILE));
  renameSync(tmpP12, join(dir, P12_FILE));
}

function wrap(
  key: forge.pki.rsa.PrivateKey,
  certs: forge.pki.Certificate[],
  friendlyName: string,
): {
  der: string;
  passphrase: string;
} {
  const passphrase = randomBytes(32).toString('base64url');
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, {
    algorithm: 'aes256',
    generateLocalKeyId: true,
    friendlyName,
  });
  return { der: forge.asn1.toDer(asn1).getBytes(), passphrase };
}

/** A self-signed RSA-2048 / SHA-256 signing certificate, valid 5 years. */
export function createIdentity(
  dataDir: string,
  fields: { commonName: string; organisation: string; email: string },
  now: Date = new Date(),
): SigningIdentity {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  // A positive serial: 16 random bytes with the top bit cleared.
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setFullYear(now.getFullYear() + 5);
  const attrs: forge.pki.CertificateField[] = [{ name: 'commonName', value: asciiFold(fields.commonName) }];
  if (fields.organisation) attrs.push({ name: 'organizationName', value: asciiFold(fields.organisation) });
  if (fields.email) attrs.push({ name: 'emailAddress', value: fields.email });
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const { der, passphrase } = wrap(keys.privateKey, [cert], asciiFold(fields.commonName));
  writeSecretFiles(dataDir, der, passphrase);
  return describe(cert, 'created');
}

/** Opens the user's PKCS#12 with its password, then stores it re-wrapped (the password is not kept). */
export function importIdentity(
  dataDir: string,
  p12: Buffer,
  password: string,
  now: Date = new Date(),
): SigningIdentity {
  const { key, chain } = unwrap(p12, password, now);
  const { der, passphrase } = wrap(key, chain, 'Flow Stage signing identity');
  writeSecretFiles(dataDir, der, passphrase);
  return describe(chain[0]!, 'imported');
}

/** A PKCS#12 checked (password, key, matching certificate, validity) for a one-off signature (the CLI). */
export function createIdentityFromP12(p12: Buffer, password: string, now: Date = new Date()): StoredIdentity {
  unwrap(p12, password, now);
  return { p12, passphrase: password };
}

function unwrap(
  p12: Buffer,
  password: string,
  now: Date,
): { key: forge.pki.rsa.PrivateKey; chain: forge.pki.Certificate[] } {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))),
      false,
      password,
    );
  } catch (error) {
    const message = (error as Error).message;
    throw new AppError(
      'VALIDATION',
      /MAC|password|Invalid/i.test(message)
        ? 'Wrong password for this certificate file (PKCS#12), or the file is damaged'
        : `This file is not a PKCS#12 certificate (.p12 / .pfx): ${message}`,
    );
  }
  const bags = (oid: string): forge.pkcs12.Bag[] => parsed.getBags({ bagType: oid })[oid] ?? [];
  const keyBags = [...bags(forge.pki.oids['pkcs8ShroudedKeyBag']!), ...bags(forge.pki.oids['keyBag']!)];
  const certs = bags(forge.pki.oids['certBag']!)
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => Boolean(c));
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key)
    throw new AppError(
      'VALIDATION',
      'This certificate file holds no private key: a signing identity needs one',
    );
  // The signer's certificate is the one whose public key matches the private key.
  const rsaKey = key;
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n && rsaKey.n && pub.n.equals(rsaKey.n);
  });
  if (!own) throw new AppError('VALIDATION', 'No certificate in this file matches its private key');
  if (own.validity.notAfter < now) {
    throw new AppError(
      'VALIDATION',
      `This certificate expired on ${own.validity.notAfter.toISOString().slice(0, 10)}`,
    );
  }
  return { key, chain: [own, ...certs.filter((c) => c !== own)] };
}

/** The stored PKCS#12 and its passphrase, or null when no identity was created or imported. */
export function loadIdentity(dataDir: string): StoredIdentity | null {
  const dir = join(dataDir, FOLDER);
  if (!existsSync(join(dir, P12_FILE)) || !existsSync(join(dir, PASS_FILE))) return null;
  return { p12: readFileSync(join(dir, P12_FILE)), passphrase: readFileSync(join(dir, PASS_FILE), 'utf8') };
}
