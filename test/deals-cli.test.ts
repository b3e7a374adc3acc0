import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { settleCommand } from '../src/main/cli/settle';
import { runCli } from '../src/main/cli/run';
import { Deal, type Settlement } from '../src/shared/deals';
import { settle } from '../src/main/services/deals/arithmetic';

const readReal = (path: string) => readFile(path, 'utf8');
const EXAMPLES = ['flat', 'door-split', 'versus', 'guarantee-plus'].map(
  (n) => `resources/examples/deal-${n}.json`,
);

/** Runs the command with in-memory files; returns exit code, stdout and stderr lines. */
async function run(args: string[], files: Record<string, unknown> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const read = async (path: string) => {
    if (path in files)
      return typeof files[path] === 'string' ? (files[path] as string) : JSON.stringify(files[path]);
    return readReal(path);
  };
  const code = await settleCommand(
    args,
    (l) => out.push(l),
    read,
    (l) => err.push(l),
  );
  return { code, out, err, text: out.join('\n') };
}

const smallDeal = {
  type: 'doorSplit',
  currency: 'EUR',
  capacity: 100,
  ticketPrice: 10,
  ticketVatRate: 0,
  artistPercentage: 50,
};

describe('flowstage settle', () => {
  it('settles the versus example in words', async () => {
    const { code, text, err } = await run(['--input', 'resources/examples/deal-versus.json']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    // 520 × 24.00 = 12,480.00; VAT × 55/1055 ≈ 650.6161 → 650.62; fees 5 % = 624.00; net 11,205.38;
    // CNM 3.5 % ≈ 392.188 → 392.19; SACEM 8.8 % ≈ 986.073 → 986.07;
    // base 11,205.38 − 3,000.00 (house nut) − 392.19 − 986.07 = 6,827.12; 85 % ≈ 5,803.052 → 5,803.05;
    // artist result 5,803.05 − 650.00 bus = 5,153.05;
    // organiser 11,205.38 − 5,803.05 − 3,400.00 − 1,378.26 = 624.07.
    expect(text).toMatch(/^Versus deal, EUR: 520 of 600 tickets at 24\.00/);
    expect(text).toMatch(/Gross receipts \(520 tickets\)\s+12,480\.00/);
    expect(text).toMatch(/Ticket VAT \(5\.5 %\)\s+-650\.62/);
    expect(text).toMatch(/85 % of net receipts \(above the guarantee\)\s+5,803\.05/);
    expect(text).toContain('Artist:     5,803.05 EUR paid by the organiser, result 5,153.05 EUR');
    expect(text).toContain('Organiser:  result 624.07 EUR');
    // Below the crossover the fee is the guarantee: net ≈ 2,154.88 × t, taxes 12.3 % of it, so the
    // organiser needs 0.877 × net ≥ 3,000 + 3,400 → net ≥ 7,297.61 → t ≥ 338.7 → 339 tickets.
    expect(text).toContain('Break-even: organiser at 339 tickets; artist at 0 tickets');
  });

  it('prints one JSON object in cents with --json, equal to the service result', async () => {
    const { code, out } = await run(['--input', 'resources/examples/deal-guarantee-plus.json', '--json']);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const result = JSON.parse(out[0]!) as {
      amountsIn: string;
      ticketsSold: number;
      settlement: Settlement;
      breakEven: unknown;
    };
    const file = JSON.parse(await readReal('resources/examples/deal-guarantee-plus.json')) as {
      deal: unknown;
    };
    expect(result.amountsIn).toBe('cents');
    expect(result.settlement).toEqual(settle(Deal.parse(file.deal), 1040));
    // Hand check (see the guarantee-plus tests): CHF 9,000 + 85 % × 16,965 = 23,420.25.
    expect(result.settlement.artistTotal).toBe(2342025);
  });

  it('settles every shipped example', async () => {
    for (const path of EXAMPLES) {
      const { code, text } = await run(['-i', path]);
      expect(code, path).toBe(0);
      expect(text, path).toMatch(/Break-even: /);
    }
  });

  it('--tickets overrides the file and can stand in for a missing count', async () => {
    const { out } = await run(['--input', 'd.json', '--tickets', '40', '--json'], {
      'd.json': { deal: smallDeal, ticketsSold: 10 },
    });
    expect(JSON.parse(out[0]!)).toMatchObject({ ticketsSold: 40, settlement: { artistTotal: 20000 } });
    const { code } = await run(['--input', 'd.json', '--tickets', '0'], { 'd.json': { deal: smallDeal } });
    expect(code).toBe(0);
    const none = await run(['--input', 'd.json'], { 'd.json': { deal: smallDeal } });
    expect([none.code, none.err[0]]).toEqual([
      2,
      'flowstage settle: no ticket count: give "ticketsSold" in the file or --tickets N',
    ]);
  });

  it('says when the organiser never breaks even', async () => {
    const { text } = await run(['--input', 'd.json'], {
      'd.json': { deal: { ...smallDeal, type: 'flat', guarantee: 5000 }, ticketsSold: 100 },
    });
    expect(text).toContain('Organiser:  result -4,000.00 EUR (a loss)');
    expect(text).toContain('Break-even: organiser never within the capacity (100); artist at 0 tickets');
  });

  it('refuses invalid input with exit 2 and readable messages naming the paths', async () => {
    const cases: [string[], Record<string, unknown>, RegExp][] = [
      [[], {}, /--input DEAL\.json is required/],
      [['--input'], {}, /--input/],
      [['--input', 'd.json', '--frobnicate'], {}, /Unknown option '--frobnicate'/],
      [['--input', 'd.json', 'extra'], {}, /Unexpected argument 'extra'/],
      [['--input', 'missing.json'], {}, /cannot read missing\.json: ENOENT/],
      [['--input', 'd.json'], { 'd.json': '{ "deal": ' }, /d\.json is not valid JSON/],
      [
        ['--input', 'd.json', '--tickets', 'many'],
        { 'd.json': { deal: smallDeal } },
        /--tickets must be a whole number of tickets, not "many"/,
      ],
      [
        ['--input', 'd.json', '--tickets', '101'],
        { 'd.json': { deal: smallDeal } },
        /between 0 and the capacity \(100\), got 101/,
      ],
    ];
    for (const [args, files, message] of cases) {
      const { code, err, out } = await run(args, files);
      expect(code, args.join(' ')).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('\n')).toMatch(message);
    }
  });

  it('lists every zod issue with its path', async () => {
    const { code, err } = await run(['--input', 'd.json'], {
      'd.json': {
        deal: {
          ...smallDeal,
          artistPercentage: 150,
          bonuses: [{ ticketsThreshold: 500, amount: 10 }],
          expenses: [{ label: 'Van', kind: 'travel', amount: -3, paidBy: 'artist' }],
        },
        ticketsSold: 5,
        ticketSold: 5,
      },
    });
    expect(code).toBe(2);
    expect(err[0]).toBe('flowstage settle: d.json is not a valid deal file:');
    expect(err.slice(1)).toEqual(
      expect.arrayContaining([
        "  deal.artistPercentage: The artist's percentage cannot exceed 100 %",
        '  deal.expenses.0.amount: An expense cannot be negative',
        expect.stringMatching(/^ {2}\(file\): Unrecognized key.*ticketSold/),
      ]),
    );
    // The bonus refinement runs once the fields themselves are valid.
    const again = await run(['--input', 'd.json'], {
      'd.json': { deal: { ...smallDeal, bonuses: [{ ticketsThreshold: 500, amount: 10 }] }, ticketsSold: 5 },
    });
    expect(again.err[1]).toBe(
      '  deal.bonuses.0.ticketsThreshold: A bonus at 500 tickets can never be reached: the capacity is 100',
    );
  });

  it('is reachable from the main command line, with its own help', async () => {
    const out: string[] = [];
    expect(
      await runCli(['settle', '--input', 'resources/examples/deal-flat.json', '--json'], (l) => out.push(l)),
    ).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({
      ticketsSold: 372,
      settlement: { type: 'flat', currency: 'EUR' },
    });
    out.length = 0;
    expect(await runCli(['settle', '--help'], (l) => out.push(l))).toBe(0);
    expect(out).toEqual(['Usage: flowstage settle --input DEAL.json [--tickets N] [--json]']);
    out.length = 0;
    await runCli(['--help'], (l) => out.push(l));
    expect(out.join('\n')).toContain('flowstage settle --input DEAL.json [--tickets N] [--json]');
  });
});
