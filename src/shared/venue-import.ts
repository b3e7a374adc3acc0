import { z } from 'zod';
import { Empty, JobId, method } from './contract-method';
import { Id, Language, VenueInput } from './domain';

// Venue catalogue import/export (issue #4): CSV with preview and line-by-line errors, the French
// festivals open data. Its contract methods (spread into contract.ts).
//
// For the screens:
//   venues.importCsv  { path | text, dryRun (default true), onDuplicate ('skip' | 'update'), … } →
//                     a report: counts (new / updated / duplicate / invalid), the first rows as they
//                     will be stored, every error with its line. Show it, then call again with
//                     dryRun: false; that call writes every row in one transaction, or nothing when
//                     any row is invalid. In a browser, upload the file first (POST /api/upload) and
//                     pass the path it returns. File-level problems (missing columns, wrong separator,
//                     over 50 MB, unreadable) fail the call with VALIDATION / PAYLOAD_TOO_LARGE /
//                     NOT_FOUND and one message.
//   venues.exportCsv  { delimiter, headers } → the whole catalogue as CSV text (re-importable).
//   venues.importFestivals { jobId } → a job (progress events, jobs.cancel) that imports or
//                     refreshes the Ministry of Culture's music festivals; idempotent.
//   venues.sources    {} → the open-data sources with their attribution text, to credit in the app,
//                     and whether the festivals were imported yet (offer the import when not).

/** Largest CSV file accepted, in bytes (50 MiB). */
export const MAX_VENUE_CSV_BYTES = 50 * 1024 * 1024;
/** Largest pasted CSV text (larger files go by path). */
export const MAX_VENUE_CSV_TEXT = 1_000_000;

export const CsvDelimiter = z.enum([';', ',', '\t']);
export type CsvDelimiter = z.infer<typeof CsvDelimiter>;

export const DuplicatePolicy = z.enum(['skip', 'update']);
export type DuplicatePolicy = z.infer<typeof DuplicatePolicy>;

export const VenueCsvImportInput = z
  .object({
    /** A file on this machine (Electron: the dropped file; browser: the path POST /api/upload returned). */
    path: z.string().min(1).max(4096).optional(),
    /** Pasted CSV text. */
    text: z.string().max(MAX_VENUE_CSV_TEXT).optional(),
    /** Shown as the venues' source reference for pasted text (a file's own name is used otherwise). */
    fileName: z.string().trim().max(200).optional(),
    dryRun: z.boolean().default(true),
    /**
     * A row naming a venue already in the catalogue (same id, or same name + city + country): 'skip'
     * (default, the catalogue is never overwritten by surprise) or 'update' (the file's columns
     * replace those fields; columns absent from the file keep their stored values).
     */
    onDuplicate: DuplicatePolicy.default('skip'),
    /** Forces the separator; detected from the header line when absent. */
    delimiter: CsvDelimiter.optional(),
    /** Language of the messages; the app's setting when absent. */
    language: Language.optional(),
    /** How many rows the preview carries. */
    previewRows: z.number().int().min(0).max(500).default(20),
  })
  .strict()
  .refine((v) => (v.path === undefined) !== (v.text === undefined), {
    message: 'Give either path or text',
    path: ['path'],
  });
export type VenueCsvImportInput = z.input<typeof VenueCsvImportInput>;

export const CsvRowAction = z.enum(['new', 'update', 'duplicate', 'invalid']);
export type CsvRowAction = z.infer<typeof CsvRowAction>;

export const CsvImportError = z.object({
  /** Line in the file where the row starts (1 = header). */
  line: z.number().int(),
  /** The column as headed in the file; '' for a problem with the whole row. */
  column: z.string(),
  value: z.string(),
  /** The full sentence, e.g. "Ligne 12 : capacité « -5 » : doit être un nombre entier ≥ 0". */
  message: z.string(),
});
export type CsvImportError = z.infer<typeof CsvImportError>;

export const CsvPreviewRow = z.object({
  line: z.number().int(),
  action: CsvRowAction,
  /** The venue as it will be stored (for an update: merged with the stored one); null when invalid. */
  venue: VenueInput.nullable(),
  /** The catalogue venue it updates or duplicates. */
  existingId: Id.nullable(),
  /** For a row repeating an earlier row of the same file: that row's line. */
  duplicateOfLine: z.number().int().nullable(),
});
export type CsvPreviewRow = z.infer<typeof CsvPreviewRow>;

export const VenueCsvImportReport = z.object({
  dryRun: z.boolean(),
  /** True only when the rows were stored (dryRun false and no invalid row). */
  written: z.boolean(),
  delimiter: CsvDelimiter,
  encoding: z.enum(['utf-8', 'windows-1252']),
  /** Field columns recognised, as headed in the file. */
  columns: z.array(z.string()),
  /** Columns not recognised (ignored). */
  ignoredColumns: z.array(z.string()),
  rows: z.number().int(),
  counts: z.object({
    new: z.number().int(),
    updated: z.number().int(),
    duplicate: z.number().int(),
    invalid: z.number().int(),
  }),
  preview: z.array(CsvPreviewRow),
  /** The errors, in file order (at most 1,000; errorCount says how many in all). */
  errors: z.array(CsvImportError),
  errorCount: z.number().int(),
  /** Duplicates found (at most 1,000), so the user can decide between skip and update. */
  duplicates: z.array(
    z.object({
      line: z.number().int(),
      name: z.string(),
      existingId: Id.nullable(),
      duplicateOfLine: z.number().int().nullable(),
    }),
  ),
});
export type VenueCsvImportReport = z.infer<typeof VenueCsvImportReport>;

export const VenueCsvExportInput = z
  .object({
    delimiter: CsvDelimiter.default(';'),
    /** Header names: English (the documented ones) or their French aliases. */
    headers: Language.default('en'),
  })
  .strict()
  .default({ delimiter: ';', headers: 'en' });

export const FestivalImportResult = z.object({
  /** Rows in the data file. */
  rows: z.number().int(),
  /** Music festivals found (dominant discipline Musique, or a music sub-category). */
  music: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Festivals the user deleted from the catalogue: not brought back. */
  keptDeleted: z.number().int(),
  /** Rows not imported, by reason (notMusic, noName…). */
  skipped: z.record(z.string(), z.number().int()),
});
export type FestivalImportResult = z.infer<typeof FestivalImportResult>;

export const DataSource = z.object({
  id: z.string(),
  name: z.string(),
  publisher: z.string(),
  url: z.string(),
  licence: z.string(),
  /** The attribution text to show, as the publisher asks for it. */
  attribution: z.string(),
  /** When the bundled copy was made (ISO date). */
  copiedOn: z.string(),
  /** Live venues from this source in the catalogue (0 = not imported yet: offer the import). */
  venueCount: z.number().int(),
  /** Venues the bundled file would import (music festivals, one per festival id); null when unreadable. */
  fileCount: z.number().int().nullable(),
});
export type DataSource = z.infer<typeof DataSource>;

export const venueImportMethods = {
  /** CSV import: a preview with dryRun (the default), then the write, all rows or none. */
  'venues.importCsv': method(VenueCsvImportInput, VenueCsvImportReport),
  'venues.exportCsv': method(
    VenueCsvExportInput,
    z.object({ csv: z.string(), rows: z.number().int(), fileName: z.string() }),
  ),
  /** Imports or refreshes the French music festivals (a job: progress events, cancellable). */
  'venues.importFestivals': method(z.object({ jobId: JobId }).strict(), FestivalImportResult),
  /** The open-data sources of the catalogue and their attribution. */
  'venues.sources': method(Empty, z.object({ sources: z.array(DataSource) })),
} as const;
