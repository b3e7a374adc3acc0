// Regenerates the FR_FESTIVAL_CITIES block of src/shared/places.ts from the Ministry of Culture's
// festival list: every commune hosting at least MIN_FESTIVALS music festivals, with its department,
// unless the hand-written list already has it. Run: `npx jiti scripts/build-places.ts [CSV]`
// (default ../shared/data/festivals-france.csv, relative to the repository). Deterministic: sorted
// by festival count, then name.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { placeKey } from '../src/shared/places';

const MIN_FESTIVALS = 2;
const root = resolve(import.meta.dirname, '..');
const csvPath = resolve(process.argv[2] ?? resolve(root, '../shared/data/festivals-france.csv'));
const placesPath = resolve(root, 'src/shared/places.ts');

const rows: string[][] = parse(readFileSync(csvPath, 'utf8'), { delimiter: ';', relax_column_count: true });
const header = rows[0] ?? [];
const col = (name: string) => {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`${csvPath}: missing column "${name}"`);
  return index;
};
const DISCIPLINE = col('Discipline dominante');
const COMMUNE = col('Commune principale de déroulement');
const INSEE = col('Code Insee commune');

/** Department of an INSEE commune code; the file lost leading zeros ("2110" is 02110). */
function departmentOf(insee: string): string | undefined {
  const code = insee.trim().toUpperCase().padStart(5, '0');
  if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) return undefined;
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

const counts = new Map<string, { name: string; department: string; count: number }>();
for (const row of rows.slice(1)) {
  if (row[DISCIPLINE] !== 'Musique') continue;
  const name = (row[COMMUNE] ?? '').trim();
  const department = departmentOf(row[INSEE] ?? '');
  if (!name || !department) continue;
  const key = `${name}|${department}`;
  const entry = counts.get(key) ?? { name, department, count: 0 };
  entry.count += 1;
  counts.set(key, entry);
}

const source = readFileSync(placesPath, 'utf8');
// The hand-written cities (same name and department) are not repeated; homonyms elsewhere are kept
// (Saint-Denis 93 is hand-written, Saint-Denis 974 may come from the festivals).
const handKeys = new Set(
  source
    .slice(source.indexOf('const FR_CITIES'), source.indexOf('/** Belgian regions'))
    .split('\n')
    .map((line) => line.split('|'))
    .filter((f) => f.length >= 2)
    .map(([name = '', code = '']) => `${placeKey(name)}|${code.trim()}`),
);
const lines = [...counts.values()]
  .filter((c) => c.count >= MIN_FESTIVALS)
  .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr'))
  .filter((c) => !handKeys.has(`${placeKey(c.name)}|${c.department}`))
  .map((c) => `${c.name}|${c.department}|`);

const begin = '// BEGIN GENERATED FESTIVAL CITIES\n';
const end = '// END GENERATED FESTIVAL CITIES';
const from = source.indexOf(begin);
const to = source.indexOf(end);
if (from < 0 || to < 0) throw new Error(`${placesPath}: generated-block markers not found`);
const block = `const FR_FESTIVAL_CITIES = \`\n${lines.join('\n')}\n\`;\n`;
writeFileSync(placesPath, source.slice(0, from + begin.length) + block + source.slice(to));
console.log(`${lines.length} festival communes written (of ${counts.size} with a music festival).`);
