import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../documents';

// Contract PDFs are rendered often (the wizard's live preview, each version, each signature). Profiled
// on the 10-page bench contract, reading the font files was negligible (~1 %): most of pdfmake's time
// went to measuring text, i.e. fontkit shaping every word (GSUB/GPOS lookups) — and pdfkit keeps its
// per-word layout cache and the parsed font PER DOCUMENT, so every render re-parsed the font tables
// and re-shaped every word from scratch.
//
// Here the parsed fontkit font and pdfkit's word-layout cache are shared by every document of the
// process, per font file: a document still gets its own font subset (what is embedded in the PDF), so
// the output is byte for byte what it was. The hook is on pdfmake's PDFDocument.provideFont (pdfmake
// 0.3.x); if a future pdfmake changes its shape, the hook is not installed and rendering is merely
// slower. The word cache is dropped past MAX_WORDS entries so a long session cannot grow it unbounded.

const MAX_WORDS = 50_000;

interface EmbeddedFontLike {
  font?: { createSubset(): unknown };
  subset?: unknown;
  layoutCache?: Record<string, unknown>;
}
interface PdfDocumentLike {
  fonts: Record<string, Record<string, unknown>>;
  fontCache: Record<string, Record<string, unknown> | undefined>;
  getFontType(bold: boolean, italics: boolean): string;
}
type ProvideFont = (this: PdfDocumentLike, family: string, bold: boolean, italics: boolean) => unknown;

const shared = new Map<string, { font: { createSubset(): unknown }; words: Record<string, unknown> }>();
let installed: boolean | null = null;

function installSharedFonts(): boolean {
  if (installed !== null) return installed;
  installed = false;
  try {
    const require = createRequire(import.meta.url);
    const PdfDocument = (require('pdfmake/js/PDFDocument') as { default?: { prototype: object } }).default;
    const proto = PdfDocument?.prototype as { provideFont?: ProvideFont } | undefined;
    const original = proto?.provideFont;
    if (!proto || typeof original !== 'function') return false;
    proto.provideFont = function (this: PdfDocumentLike, family, bold, italics) {
      const type = this.getFontType(bold, italics);
      const fresh = !this.fontCache[family]?.[type];
      const embedded = original.call(this, family, bold, italics) as EmbeddedFontLike;
      const file = this.fonts[family]?.[type];
      // Only fonts named by a file path are shared (a Buffer given inline has no stable identity).
      if (!fresh || typeof file !== 'string' || !embedded.font || !embedded.layoutCache) return embedded;
      const known = shared.get(file);
      if (!known || Object.keys(known.words).length > MAX_WORDS) {
        shared.set(file, { font: embedded.font, words: embedded.layoutCache });
      } else {
        embedded.font = known.font;
        embedded.subset = known.font.createSubset();
        embedded.layoutCache = known.words;
      }
      return embedded;
    };
    installed = true;
  } catch {
    installed = false;
  }
  return installed;
}

/** Renders a contract's pdfmake definition, with the fonts shared across renders (see above). */
export function renderContractPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  installSharedFonts();
  return renderPdf(definition);
}

/** Whether the shared-font hook is active (the bench prints it; a pdfmake upgrade may turn it off). */
export const sharedFontsActive = () => installSharedFonts();

/** Forgets the shared fonts: the next render pays the cold cost every render paid before (the bench's baseline). */
export function forgetSharedFonts(): void {
  shared.clear();
}
