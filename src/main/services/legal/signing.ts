import { createHash } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
// The named class, not the default instance: the bundled build sees the CommonJS module object as the default.
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { asciiFold, type StoredIdentity } from './identity';

// PAdES-style digital signature: an incremental update adds a signature field whose /Contents is a
// detached CMS (ETSI.CAdES.detached) over every byte of the file but the signature itself (ByteRange).
// Any later change to a signed byte makes readers (Acrobat, pdfsig) report the signature broken.

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * @signpdf/placeholder-plain writes a blank line before its `xref` but points `startxref` at that line:
 * strict readers (qpdf --check) warn. The offset is fixed before signing, so the signature covers it.
 */
export function fixStartXref(pdf: Buffer): Buffer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 64)).toString('latin1');
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match) return pdf;
  const offset = Number(match[1]);
  if (pdf.subarray(offset, offset + 4).toString('latin1') === 'xref') return pdf;
  let fixed = offset;
  while (fixed < pdf.length && (pdf[fixed] === 0x0a || pdf[fixed] === 0x0d || pdf[fixed] === 0x20)) fixed++;
  if (pdf.subarray(fixed, fixed + 4).toString('latin1') !== 'xref') return pdf;
  const start = pdf.length - tail.length + match.index;
  const before = pdf.subarray(0, start);
  return Buffer.concat([before, Buffer.from(`startxref\n${fixed}\n%%EOF\n`, 'latin1')]);
}

export interface SignatureMeta {
  name: string;
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

export async function signPdf(pdf: Buffer, identity: StoredIdentity, meta: SignatureMeta): Promise<Buffer> {
  const withPlaceholder = fixStartXref(
    plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: asciiFold(meta.reason),
      contactInfo: asciiFold(meta.contactInfo),
      name: asciiFold(meta.name),
      location: asciiFold(meta.location),
      signingTime: meta.signingTime,
      // Room for a certificate chain of a few certificates.
      signatureLength: 16_384,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    }),
  );
  const signer = new P12Signer(identity.p12, { passphrase: identity.passphrase });
  return new SignPdf().sign(withPlaceholder, signer, meta.signingTime);
}
