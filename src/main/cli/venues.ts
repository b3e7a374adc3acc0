import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FestivalImportResult, VenueCsvImportReport } from '../../shared/venue-import';
import { startCore } from '../app';
import { defaultDataDir } from '../profile';

/*
README — `flowstage venues`

    flowstage venues import FILE.csv [--dry-run] [--update] [--delimiter ';'|','|tab] [--lang fr|en] [--json]
    flowstage venues export [--out FILE.csv] [--fr] [--delimiter ';'|','|tab]
    flowstage venues import-festivals [--json]

import: validates every row of a venue CSV (columns in docs/venue-data.md) and writes them all in one
transaction, or nothing when any row is invalid. --dry-run only prints the preview. Venues already in
the catalogue (same id, or same name + city + country) are skipped unless --update. Errors are printed
one per line with their line number. Exit status: 0 done, 1 invalid rows (nothing written), 2 bad
arguments or an unreadable file (missing columns, wrong separator, over 50 MB).
export: the whole catalogue as CSV on stdout, or into --out (with a byte-order mark, for Excel);
--fr writes the French headers and decimal commas.
import-festivals: imports or refreshes the French music festivals (Ministry of Culture open data).
*/

const USAGE = `Usage:
  flowstage venues import FILE.csv [--dry-run] [--update] [--delimiter ';'|','|tab] [--lang fr|en] [--json]
  flowstage venues export [--out FILE.csv] [--fr] [--delimiter ';'|','|tab]
  flowstage venues import-festivals [--json]`;

const INVALID_ROWS = 1;
const BAD_INPUT = 2;

type Out = (line: string) => void;

function delimiterOption(value: string | undefined): ';' | ',' | '\t' | undefined | null {
  if (value === undefined) return undefined;
  if (value === ';' || value === ',') return value;
  if (value === 'tab' || value === '\t' || value === '\\t') return '\t';
  return null;
}

function summary(report: VenueCsvImportReport, fr: boolean): string {
  const c = report.counts;
  return fr
    ? `${report.rows} ligne(s) : ${c.new} nouvelle(s), ${c.updated} mise(s) à jour, ${c.duplicate} doublon(s), ${c.invalid} invalide(s)`
    : `${report.rows} row(s): ${c.new} new, ${c.updated} updated, ${c.duplicate} duplicate, ${c.invalid} invalid`;
}

export async function venuesCommand(
  args: string[],
  out: Out,
  err: Out = (l) => console.error(l),
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean' },
        update: { type: 'boolean' },
        delimiter: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string', short: 'o' },
        fr: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    err(`flowstage venues: ${(error as Error).message}`);
    err(USAGE);
    return BAD_INPUT;
  }
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  if (values.help || sub === undefined) {
    (values.help ? out : err)(USAGE);
    return values.help ? 0 : BAD_INPUT;
  }
  const delimiter = delimiterOption(values.delimiter);
  if (delimiter === null) {
    err(`flowstage venues: --delimiter must be ';', ',' or tab, not "${values.delimiter}"`);
    return BAD_INPUT;
  }
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
    err(`flowstage venues: --lang must be fr or en, not "${values.lang}"`);
    return BAD_INPUT;
  }

  if (sub === 'import') {
    if (rest.length !== 1) {
      err('flowstage venues import: give exactly one CSV file');
      err(USAGE);
      return BAD_INPUT;
    }
    const core = startCore({ dataDir: defaultDataDir(), host: 'cli' });
    try {
      const result = await core.dispatch('venues.importCsv', {
        path: resolve(rest[0]!),
        dryRun: Boolean(values['dry-run']),
        onDuplicate: values.update ? 'update' : 'skip',
        ...(delimiter ? { delimiter } : {}),
        ...(values.lang ? { language: values.lang } : {}),
      });
      if (!result.ok) {
        err(`flowstage venues import: ${result.error.message}`);
        return BAD_INPUT;
      }
      const report = result.value as VenueCsvImportReport;
      const fr = (values.lang ?? (await settingsLanguage(core))) === 'fr';
      if (values.json) out(JSON.stringify(report));
      else {
        out(summary(report, fr));
        for (const d of report.duplicates.slice(0, 50)) {
          const where =
            d.duplicateOfLine !== null
              ? fr
                ? `répète la ligne ${d.duplicateOfLine}`
                : `repeats line ${d.duplicateOfLine}`
              : fr
                ? 'déjà au catalogue'
                : 'already in the catalogue';
          out(fr ? `Ligne ${d.line} : « ${d.name} » ${where}` : `Line ${d.line}: "${d.name}" ${where}`);
        }
        if (report.ignoredColumns.length > 0)
          out(`${fr ? 'Colonnes ignorées' : 'Ignored columns'}: ${report.ignoredColumns.join(', ')}`);
      }
      for (const e of report.errors) err(e.message);
      if (report.errorCount > report.errors.length)
        err(
          fr
            ? `… et ${report.errorCount - report.errors.length} autres erreurs`
            : `… and ${report.errorCount - report.errors.length} more errors`,
        );
      if (report.errorCount > 0) {
        err(fr ? 'Rien n’a été écrit.' : 'Nothing was written.');
        return INVALID_ROWS;
      }
      if (!values.json)
        out(
          report.written
            ? fr
              ? 'Importé.'
              : 'Imported.'
            : fr
              ? 'Aperçu seulement (--dry-run) : rien n’a été écrit.'
              : 'Preview only (--dry-run): nothing was written.',
        );
      return 0;
    } finally {
      core.close();
    }
  }

  if (sub === 'export') {
    const core = startCore({ dataDir: defaultDataDir(), host: 'cli' });
    try {
      const result = await core.dispatch('venues.exportCsv', {
        delimiter: delimiter ?? ';',
        headers: values.fr ? 'fr' : 'en',
      });
      if (!result.ok) {
        err(`flowstage venues export: ${result.error.message}`);
        return BAD_INPUT;
      }
      const { csv, rows } = result.value as { csv: string; rows: number };
      if (values.out) {
        await writeFile(values.out, `\uFEFF${csv}`, 'utf8');
        err(`${rows} venue(s) → ${values.out}`);
      } else out(csv.replace(/\r\n$/, ''));
      return 0;
    } finally {
      core.close();
    }
  }

  if (sub === 'import-festivals') {
    const core = startCore({ dataDir: defaultDataDir(), host: 'cli' });
    try {
      const result = await core.dispatch('venues.importFestivals', { jobId: randomUUID() });
      if (!result.ok) {
        err(`flowstage venues import-festivals: ${result.error.message}`);
        return BAD_INPUT;
      }
      const r = result.value as FestivalImportResult;
      if (values.json) out(JSON.stringify(r));
      else {
        const skipped = Object.entries(r.skipped)
          .map(([reason, n]) => `${n} ${reason}`)
          .join(', ');
        out(
          `${r.rows} rows, ${r.music} music festivals: ${r.created} created, ${r.updated} updated, ` +
            `${r.unchanged} unchanged, ${r.keptDeleted} deleted by you (kept deleted); skipped: ${skipped || 'none'}`,
        );
      }
      return 0;
    } finally {
      core.close();
    }
  }

  err(`flowstage venues: unknown subcommand "${sub}"`);
  err(USAGE);
  return BAD_INPUT;
}

async function settingsLanguage(core: ReturnType<typeof startCore>): Promise<string> {
  const result = await core.dispatch('settings.get', {});
  return result.ok ? (result.value as { language: string }).language : 'fr';
}
