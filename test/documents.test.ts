import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Artist, Venue } from '../src/shared/domain';
import type { DealInput } from '../src/shared/deals';
import { localizeBreakdownLabel } from '../src/shared/deal-labels';
import type { Offer } from '../src/shared/offers';
import { call, tempDir, testCore } from './helpers';

const versus = JSON.parse(readFileSync('resources/examples/deal-versus.json', 'utf8')) as { deal: DealInput };

/** The PDF's text as a reader extracts it (pdftotext from poppler-utils, installed by .ci/run). */
function pdfText(bytes: Buffer): string {
  const file = join(tempDir(), 'doc.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('deal documents', () => {
  it('renders a French deal memo and, once settled, a settlement sheet', async () => {
    const core = testCore();
    const artist = await call<Artist>(core, 'artists.create', { name: 'Nadia Kessler Trio' });
    const venue = await call<Venue>(core, 'venues.create', { name: 'Le Périscope', city: 'Lyon' });
    const offer = await call<Offer>(core, 'offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2027-03-12',
      deal: versus.deal,
    });
    const memo = await call<{ filename: string; base64: string; bytes: number }>(core, 'offers.pdf', {
      offerId: offer.id,
      kind: 'dealMemo',
    });
    const memoBytes = Buffer.from(memo.base64, 'base64');
    expect(memoBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(memo.bytes).toBe(memoBytes.length);
    expect(memo.filename).toBe('memo-Nadia-Kessler-Trio-Le-Périscope-2027-03-12.pdf');
    const text = pdfText(memoBytes);
    expect(text).toContain('Mémo de l’accord');
    expect(text).toContain('vendredi 12 mars 2027');
    expect(text).toMatch(/Recette brute \(420 billets\)/);

    expect(await core.dispatch('offers.pdf', { offerId: offer.id, kind: 'settlement' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await call(core, 'offers.addRound', { offerId: offer.id, by: 'us', action: 'sent' });
    await call(core, 'offers.addRound', { offerId: offer.id, by: 'them', action: 'accepted' });
    const settled = await call<Offer>(core, 'offers.settle', { offerId: offer.id, ticketsSold: 520 });
    const sheet = await call<{ base64: string }>(core, 'offers.pdf', {
      offerId: offer.id,
      kind: 'settlement',
      language: 'en',
    });
    const sheetText = pdfText(Buffer.from(sheet.base64, 'base64'));
    const paid = settled.settlement!.settlement.artistTotal / 100;
    const shown = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(paid);
    expect(sheetText).toContain('Show settlement');
    expect(sheetText).toContain(shown);
  });

  it('puts every breakdown label of the arithmetic into French', () => {
    const labels = [
      'Gross receipts (520 tickets)',
      'Ticket VAT (5.5 %)',
      'Ticketing fees',
      'Net receipts',
      'Flat fee',
      'Guarantee (85 % of net receipts would be less)',
      '85 % of net receipts (above the guarantee)',
      '70 % of gross receipts',
      'Guarantee',
      '60 % of net receipts above the split point',
      'Bonus from 450 tickets',
      'Paid to the artist',
      'Production (recouped)',
      "Artist's result",
      "Organiser's result",
    ];
    const french = labels.map((l) => localizeBreakdownLabel(l, 'fr'));
    expect(french).toEqual([
      'Recette brute (520 billets)',
      'TVA sur la billetterie (5.5 %)',
      'Frais de billetterie',
      'Recette nette',
      'Cachet fixe',
      'Minimum garanti (85 % de la recette nette serait inférieur)',
      '85 % de la recette nette (supérieur au minimum garanti)',
      '70 % de la recette brute',
      'Minimum garanti',
      '60 % de la recette nette au-delà du point de partage',
      'Prime à partir de 450 billets',
      "Versé à l'artiste",
      'Production (déduit de la recette)',
      "Résultat de l'artiste",
      "Résultat de l'organisateur",
    ]);
  });
});
