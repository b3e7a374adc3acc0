import type { MethodOutput } from '../../shared/contract';
import { startCore } from '../app';
import { parseCommandArgs } from './args';
import { defaultDataDir } from '../profile';

/*
README — `flowstage predict`

    flowstage predict --artist ID --venue ID --date YYYY-MM-DD [--price EUR] [--capacity N] [--lang fr|en] [--json]

The ticket forecast of a show (`forecast.predict`): P10–P50–P90 tickets and fill rate, the sold-out
chance, what data stands behind it and the factors that moved it most. With --json, the Forecast object
itself. Exit status: 0, 2 on an unknown artist or venue or an invalid value, 64 on a usage error.
*/

const USAGE =
  'Usage: flowstage predict --artist ID --venue ID --date YYYY-MM-DD [--price EUR] [--capacity N] [--lang fr|en] [--json]';

export async function predictCommand(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void = (line) => console.error(line),
  dataDir: string = defaultDataDir(),
): Promise<number> {
  const parsed = parseCommandArgs(
    'predict',
    args,
    {
      artist: { type: 'string', short: 'a' },
      venue: { type: 'string' },
      date: { type: 'string', short: 'd' },
      price: { type: 'string' },
      capacity: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
    { out, err },
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.artist || !values.venue || !values.date) {
    err('flowstage predict: --artist, --venue and --date are required');
    err(USAGE);
    return 64;
  }
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
    err(`flowstage predict: --lang must be fr or en, not "${values.lang}"`);
    return 2;
  }
  const number = (name: string, text: string | undefined): number | undefined | null => {
    if (text === undefined) return undefined;
    const value = Number(text.replace(',', '.'));
    if (!Number.isFinite(value)) {
      err(`flowstage predict: --${name} must be a number, not "${text}"`);
      return null;
    }
    return value;
  };
  const ticketPrice = number('price', values.price);
  const capacity = number('capacity', values.capacity);
  if (ticketPrice === null || capacity === null) return 2;
  const language = (values.lang ?? 'fr') as 'fr' | 'en';

  const core = startCore({ dataDir, host: 'cli' });
  try {
    const result = await core.dispatch('forecast.predict', {
      artistId: values.artist,
      venueId: values.venue,
      date: values.date,
      ...(ticketPrice === undefined ? {} : { ticketPrice }),
      ...(capacity === undefined ? {} : { capacity }),
    });
    if (!result.ok) {
      err(`flowstage predict: ${result.error.message}`);
      return 2;
    }
    const forecast = result.value as MethodOutput<'forecast.predict'>;
    if (values.json) {
      out(JSON.stringify(forecast));
      return 0;
    }
    const percent = (x: number) => `${Math.round(x * 100)} %`;
    const { tickets } = forecast;
    const fr = language === 'fr';
    out(
      fr
        ? `${forecast.date} — ${forecast.capacity} places à ${forecast.ticketPrice} ${forecast.currency}`
        : `${forecast.date} — ${forecast.capacity} tickets at ${forecast.ticketPrice} ${forecast.currency}`,
    );
    out(
      fr
        ? `Billets : ${Math.round(tickets.p10)} – ${Math.round(tickets.p50)} – ${Math.round(tickets.p90)} (P10–P50–P90), remplissage médian ${percent(forecast.fill.p50)}`
        : `Tickets: ${Math.round(tickets.p10)} – ${Math.round(tickets.p50)} – ${Math.round(tickets.p90)} (P10–P50–P90), median fill ${percent(forecast.fill.p50)}`,
    );
    out(
      fr
        ? `Chance de complet : ${percent(forecast.soldOutProbability)}`
        : `Sold-out chance: ${percent(forecast.soldOutProbability)}`,
    );
    out(forecast.basis.summary[language]);
    for (const factor of forecast.factors.slice(0, 5)) {
      const sign = factor.effect >= 0 ? '+' : '−';
      out(`  ${sign}${Math.abs(Math.round(factor.effect))}  ${factor.label[language]}`);
    }
    for (const warning of forecast.warnings) out(`! ${warning[language]}`);
    return 0;
  } finally {
    core.close();
  }
}
