import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startCore, version } from '../app';
import { defaultDataDir } from '../profile';
import { runAnalyzeCommand } from './analyze';
import { matchCommand } from './match';
import { predictCommand } from './predict';
import { searchCommand } from './search';
import { settleCommand } from './settle';
import { contractCommand } from './contract';
import { demosCommand } from './demos';
import { venuesCommand } from './venues';

// `flowstage`: the command line over the same services as the app; each command is a thin
// parse → dispatch → print.

const HELP = `Flow Stage ${version} — the booker's desktop, on the command line

Usage:
  flowstage [--help] [--version]
  flowstage info [--json]        show the profile folder, database and schema version
  flowstage analyze [--json] FILE...   tempo, key, loudness, energy, mood of audio files (or folders)
  flowstage settle --input DEAL.json [--tickets N] [--json]
                                 settle a deal: each party's share and the break-even
  flowstage contract --input DEAL.json --out FILE.pdf [--sign CERT.p12 --password-file F] [--json]
                                 contract PDF with its checklist and money lines (exit 2 if blocking)
  flowstage venues import FILE.csv [--dry-run] [--update] [--json]
                                 import venues from a CSV (all rows or none; errors by line)
  flowstage venues export [--out FILE.csv] [--fr]
                                 the venue catalogue as CSV
  flowstage venues import-festivals
                                 import or refresh the French music festivals (open data)
  flowstage search [--json] [--artist ID] "QUERY"
                                 venues matching a natural-language query ("salle jazz 300 places Paris")
  flowstage match --artist ID [--limit N] [--json]
                                 the venues that fit an artist best, with the score explained
  flowstage predict --artist ID --venue ID --date YYYY-MM-DD [--price EUR] [--json]
                                 tickets forecast (P10–P50–P90), sold-out chance, what it rests on
  flowstage demos heard [--json]
                                 tempo and key you confirmed or corrected, as labels (TSV), and
                                 how the analysis scores against them

Options:
  -h, --help       show this help
  -v, --version    print the version

Environment:
  FLOWSTAGE_HOME   profile folder (default: the desktop app's own, ${defaultDataDir()})
`;

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      json: { type: 'boolean' },
    },
  });
  if (values.version) {
    out(version);
    return 0;
  }
  const [command] = positionals;
  // settle parses its own options (strictly): it gets the raw arguments after its name.
  if (command === 'contract') {
    return contractCommand(argv.slice(argv.indexOf('contract') + 1), out, { readFile, writeFile });
  }
  if (command === 'settle') {
    return settleCommand(argv.slice(argv.indexOf('settle') + 1), out, (path) => readFile(path, 'utf8'));
  }
  if (command === 'venues') return venuesCommand(argv.slice(argv.indexOf('venues') + 1), out);
  if (command === 'search') return searchCommand(argv.slice(argv.indexOf('search') + 1), out);
  if (command === 'match') return matchCommand(argv.slice(argv.indexOf('match') + 1), out);
  if (command === 'predict') return predictCommand(argv.slice(argv.indexOf('predict') + 1), out);
  if (command === 'demos') return demosCommand(argv.slice(argv.indexOf('demos') + 1), out);
  if (values.help || command === undefined || command === 'help') {
    out(HELP);
    return 0;
  }
  if (command === 'info') {
    const core = startCore({ dataDir: defaultDataDir(), host: 'cli' });
    try {
      const result = await core.dispatch('app.info', {});
      if (!result.ok) throw new Error(result.error.message);
      const info = result.value as Record<string, unknown>;
      out(
        values.json
          ? JSON.stringify(info)
          : Object.entries(info)
              .map(([k, v]) => `${k}: ${String(v)}`)
              .join('\n'),
      );
      return 0;
    } finally {
      core.close();
    }
  }
  if (command === 'analyze')
    return runAnalyzeCommand(positionals.slice(1), { json: Boolean(values.json) }, out);
  console.error(`flowstage: unknown command "${command}". See flowstage --help.`);
  return 64;
}
