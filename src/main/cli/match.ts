import type { MethodOutput } from '../../shared/contract';
import { startCore } from '../app';
import { parseCommandArgs } from './args';
import { defaultDataDir } from '../profile';

/*
README — `flowstage match`

    flowstage match --artist ID [--limit N] [--lang fr|en] [--json]

The venues that fit an artist best, ranked. Without --json, one block per venue: rank, score, name and
city, then one line per component (genre, acoustique, jauge, public, budget, historique) with its score
and sentence. With --json, one JSON object: {"artistId","artistName","sound":{"demoId","demoName"},
"weights":{…},"total","items":[{"venueId","name","city","country","kind","capacity","score","coverage",
"summary","components":[{"key","score","weight","share","sentence","details"}],"acoustics",
"recommendations","similarArtists"}]} — the `fit.forArtist` result. Exit status: 0, 2 when the artist
does not exist or an argument is invalid, 64 on a usage error.
*/

const USAGE = 'Usage: flowstage match --artist ID [--limit N] [--lang fr|en] [--json]';

export async function matchCommand(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void = (line) => console.error(line),
  dataDir: string = defaultDataDir(),
): Promise<number> {
  const parsed = parseCommandArgs(
    'match',
    args,
    {
      artist: { type: 'string', short: 'a' },
      limit: { type: 'string', short: 'n' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
    { out, err },
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.artist) {
    err('flowstage match: --artist ID is required');
    err(USAGE);
    return 64;
  }
  if (values.limit !== undefined && !/^\d{1,3}$/.test(values.limit)) {
    err(`flowstage match: --limit must be a whole number from 1 to 100, not "${values.limit}"`);
    return 2;
  }
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
    err(`flowstage match: --lang must be fr or en, not "${values.lang}"`);
    return 2;
  }
  const language = (values.lang ?? 'fr') as 'fr' | 'en';
  const core = startCore({ dataDir, host: 'cli' });
  try {
    const result = await core.dispatch('fit.forArtist', {
      artistId: values.artist,
      limit: values.limit === undefined ? 20 : Number(values.limit),
      language,
    });
    if (!result.ok) {
      err(`flowstage match: ${result.error.message}`);
      return 2;
    }
    const ranking = result.value as MethodOutput<'fit.forArtist'>;
    if (values.json) {
      out(JSON.stringify(ranking));
      return 0;
    }
    const fr = language === 'fr';
    out(
      `${ranking.artistName} — ${ranking.total} ${fr ? 'salles' : 'venues'}` +
        (ranking.sound.demoName
          ? fr
            ? ` (son : ${ranking.sound.demoName})`
            : ` (sound: ${ranking.sound.demoName})`
          : fr
            ? ' (pas de démo analysée)'
            : ' (no analysed demo)'),
    );
    ranking.items.forEach((v, i) => {
      const score = v.score === null ? '—' : `${v.score} %`;
      out(`${i + 1}. ${score}  ${v.name}${v.city ? `, ${v.city}` : ''}`);
      for (const c of v.components)
        out(
          `     ${c.key.padEnd(9)} ${c.score === null ? '  —' : String(c.score).padStart(3)}  ${c.sentence}`,
        );
    });
    return 0;
  } finally {
    core.close();
  }
}
