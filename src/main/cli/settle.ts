import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Deal, Expense, type BreakdownLine, type BreakEven, type Settlement } from '../../shared/deals';
import { AppError, issuesFromZod } from '../../shared/errors';
import { breakEvenTickets, settle } from '../services/deals/arithmetic';
import { centsToDecimal } from '../services/deals/cents';

/*
README — `flowstage settle`

    flowstage settle --input DEAL.json [--tickets N] [--json]

Settles a show from a deal file: each party's share and result, and the break-even ticket counts.
DEAL.json holds one object:

    {
      "description": "optional free text",
      "deal": { …the offer's terms: type, currency, capacity, ticketPrice, ticketVatRate, guarantee,
                artistPercentage, percentageBase, bonuses, expenses, taxes… },
      "ticketsSold": 480,
      "actualExpenses": [ …optional: the costs of the night, replacing the deal's estimates… ]
    }

--tickets N overrides ticketsSold (to try "what if we sell 350?"). --json prints one JSON object
whose amounts are integer cents. Exit status: 0 on success, 2 on an invalid file or argument, with
each problem named by its path (deal.bonuses.1.ticketsThreshold: …). Examples of every deal type are
in resources/examples/deal-*.json; the meaning of each term is documented in src/shared/deals.ts.
*/

export const SettleFile = z.strictObject({
  description: z.string().max(2000).optional(),
  deal: Deal,
  ticketsSold: z.number().int({ message: 'A whole number of tickets' }).min(0).optional(),
  actualExpenses: z.array(Expense).max(100).optional(),
});

const USAGE = 'Usage: flowstage settle --input DEAL.json [--tickets N] [--json]';
const INVALID = 2;

export async function settleCommand(
  args: string[],
  out: (line: string) => void,
  readFile: (path: string) => Promise<string>,
  err: (line: string) => void = (line) => console.error(line),
): Promise<number> {
  const refuse = (...lines: string[]) => {
    for (const line of lines) err(line);
    return INVALID;
  };

  let values: { input?: string; tickets?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: 'string', short: 'i' },
        tickets: { type: 'string', short: 't' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return refuse(`flowstage settle: ${(error as Error).message}`, USAGE);
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (!values.input) return refuse('flowstage settle: --input DEAL.json is required', USAGE);

  let ticketsOverride: number | undefined;
  if (values.tickets !== undefined) {
    if (!/^\d{1,7}$/.test(values.tickets)) {
      return refuse(`flowstage settle: --tickets must be a whole number of tickets, not "${values.tickets}"`);
    }
    ticketsOverride = Number(values.tickets);
  }

  let text: string;
  try {
    text = await readFile(values.input);
  } catch (error) {
    return refuse(`flowstage settle: cannot read ${values.input}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refuse(`flowstage settle: ${values.input} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = SettleFile.safeParse(json);
  if (!parsed.success) {
    return refuse(
      `flowstage settle: ${values.input} is not a valid deal file:`,
      ...issuesFromZod(parsed.error).map((issue) => `  ${issue.path || '(file)'}: ${issue.message}`),
    );
  }
  const file = parsed.data;
  const ticketsSold = ticketsOverride ?? file.ticketsSold;
  if (ticketsSold === undefined) {
    return refuse('flowstage settle: no ticket count: give "ticketsSold" in the file or --tickets N');
  }

  let settlement: Settlement;
  try {
    settlement = settle(file.deal, ticketsSold, file.actualExpenses);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION')
      return refuse(`flowstage settle: ${error.message}`);
    throw error;
  }
  const breakEven = breakEvenTickets(file.deal);

  if (values.json) {
    out(JSON.stringify({ amountsIn: 'cents', ticketsSold, settlement, breakEven }));
  } else {
    for (const line of report(file.deal, settlement, breakEven, file.description)) out(line);
  }
  return 0;
}

// ---- Human-readable report -----------------------------------------------------------------------

const TYPE_NAMES = {
  flat: 'Flat fee',
  doorSplit: 'Door split',
  versus: 'Versus',
  guaranteePlus: 'Guarantee plus percentage',
};

/** 1234567 cents → "12,345.67"; exact (no float division). */
function money(cents: number): string {
  const [whole, fraction] = centsToDecimal(cents).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

function report(deal: Deal, s: Settlement, breakEven: BreakEven, description?: string): string[] {
  const width = Math.max(...s.breakdown.map((l) => l.label.length)) + 4;
  const row = (l: BreakdownLine) => `  ${l.label.padEnd(width)}${money(l.amount).padStart(14)}`;
  const section = (title: string, party: BreakdownLine['party']) => [
    title,
    ...s.breakdown.filter((l) => l.party === party).map(row),
  ];
  const breakEvenText = (n: number | null) =>
    n === null ? `never within the capacity (${deal.capacity})` : `at ${n} ticket${n === 1 ? '' : 's'}`;
  return [
    `${TYPE_NAMES[s.type]} deal, ${s.currency}: ${s.receipts.ticketsSold} of ${deal.capacity} tickets at ${money(Math.round(deal.ticketPrice * 100))}`,
    ...(description ? [description] : []),
    '',
    ...section('Receipts', 'receipts'),
    ...section('Artist', 'artist'),
    ...section('Organiser', 'organiser'),
    '',
    `Artist:     ${money(s.artistTotal)} ${s.currency} paid by the organiser, result ${money(s.artistResult)} ${s.currency}`,
    `Organiser:  result ${money(s.organiserResult)} ${s.currency}${s.organiserResult < 0 ? ' (a loss)' : ''}`,
    `Break-even: organiser ${breakEvenText(breakEven.organiser)}; artist ${breakEvenText(breakEven.artist)}`,
  ];
}
