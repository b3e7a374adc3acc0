import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Deal, Hold, IsoDate, TICKET_VAT_RATES, type DealInput } from '../src/shared/deals';
import { issuesFromZod } from '../src/shared/errors';
import { SettleFile } from '../src/main/cli/settle';

const base: DealInput = {
  type: 'versus',
  currency: 'EUR',
  capacity: 500,
  ticketPrice: 20,
  ticketVatRate: 0.055,
  guarantee: 1000,
  artistPercentage: 80,
};

/** The issues of an invalid deal, as "path: message". */
function problems(input: unknown): string[] {
  const result = Deal.safeParse(input);
  if (result.success) return [];
  return issuesFromZod(result.error).map((i) => `${i.path}: ${i.message}`);
}

describe('Deal schema', () => {
  it('accepts a complete deal and fills the defaults', () => {
    const deal = Deal.parse({ ...base, type: 'flat', ticketPrice: 0 });
    expect(deal).toMatchObject({
      ticketingFeePerTicket: 0,
      ticketingFeeRate: 0,
      percentageBase: 'netReceipts',
      promoterProfitPercentage: 0,
      bonuses: [],
      expenses: [],
      taxes: [],
    });
    expect(
      Deal.parse({ ...base, expenses: [{ label: 'PA', kind: 'production', amount: 1, paidBy: 'organiser' }] })
        .expenses[0]!.recoupable,
    ).toBe(false);
  });

  it('refuses negative money with a clear message', () => {
    expect(problems({ ...base, guarantee: -1 })).toEqual(['guarantee: The guarantee cannot be negative']);
    expect(problems({ ...base, bonuses: [{ ticketsThreshold: 10, amount: -5 }] })).toEqual([
      'bonuses.0.amount: A bonus cannot be negative',
    ]);
    expect(
      problems({ ...base, expenses: [{ label: 'x', kind: 'other', amount: -1, paidBy: 'artist' }] }),
    ).toEqual(['expenses.0.amount: An expense cannot be negative']);
  });

  it('refuses a percentage over 100 and a rate written as a percentage', () => {
    expect(problems({ ...base, artistPercentage: 120 })).toEqual([
      "artistPercentage: The artist's percentage cannot exceed 100 %",
    ]);
    expect(problems({ ...base, ticketVatRate: 5.5 })[0]).toMatch(/^ticketVatRate: .*write 0\.055 for 5\.5 %/);
  });

  it('refuses a share of the door without a ticket price', () => {
    for (const type of ['doorSplit', 'versus'] as const) {
      expect(problems({ ...base, type, ticketPrice: 0 })).toEqual([
        'ticketPrice: A door split or versus deal needs a ticket price: a share of free entry is always zero',
      ]);
    }
    expect(problems({ ...base, type: 'guaranteePlus', ticketPrice: 0 })[0]).toMatch(/^ticketPrice: /);
    expect(problems({ ...base, type: 'flat', ticketPrice: 0 })).toEqual([]);
  });

  it('refuses bonus thresholds above the capacity and duplicate thresholds', () => {
    expect(
      problems({
        ...base,
        bonuses: [
          { ticketsThreshold: 300, amount: 100 },
          { ticketsThreshold: 600, amount: 100 },
          { ticketsThreshold: 300, amount: 50 },
        ],
      }),
    ).toEqual([
      'bonuses.1.ticketsThreshold: A bonus at 600 tickets can never be reached: the capacity is 500',
      'bonuses.2.ticketsThreshold: Two bonuses share the threshold of 300 tickets',
    ]);
    expect(problems({ ...base, bonuses: [{ ticketsThreshold: 500, amount: 1 }] })).toEqual([]);
  });

  it('refuses terms that cannot work', () => {
    expect(problems({ ...base, type: 'doorSplit', artistPercentage: 0 })).toEqual([
      'artistPercentage: A door split at 0 % gives the artist nothing',
    ]);
    expect(problems({ ...base, type: 'guaranteePlus', percentageBase: 'grossReceipts' })[0]).toMatch(
      /^percentageBase: .*use netReceipts/,
    );
    expect(problems({ ...base, ticketingFeePerTicket: 19 })).toEqual([
      'ticketingFeePerTicket: The ticketing fees take the whole ticket price (after VAT)',
    ]);
    expect(
      problems({
        ...base,
        expenses: [{ label: 'Van', kind: 'travel', amount: 1, paidBy: 'artist', recoupable: true }],
      }),
    ).toEqual(["expenses.0.recoupable: Only the organiser's expenses can be recouped from the receipts"]);
  });

  it('refuses sub-cent amounts, odd precisions, unknown keys and non-integers', () => {
    expect(problems({ ...base, ticketPrice: 12.999 })).toEqual([
      'ticketPrice: The ticket price: at most 2 decimals (cents)',
    ]);
    expect(problems({ ...base, ticketPrice: 0.1 + 0.2 })).toEqual([]);
    expect(problems({ ...base, artistPercentage: 33.33333 })[0]).toMatch(/at most 4 decimals/);
    expect(problems({ ...base, artistPercentge: 70 })[0]).toMatch(/artistPercentge/);
    expect(problems({ ...base, capacity: 10.5 })).toEqual([
      'capacity: Capacity is a whole number of tickets',
    ]);
    expect(problems({ ...base, capacity: -1 })).toEqual(['capacity: Capacity cannot be negative']);
    expect(problems({ ...base, currency: 'USD' })[0]).toMatch(/^currency: /);
  });

  it('offers the usual ticket VAT rates as valid defaults', () => {
    for (const rate of Object.values(TICKET_VAT_RATES))
      expect(problems({ ...base, ticketVatRate: rate })).toEqual([]);
  });

  it('parses every shipped example', () => {
    for (const name of ['flat', 'door-split', 'versus', 'guarantee-plus']) {
      const file = JSON.parse(readFileSync(`resources/examples/deal-${name}.json`, 'utf8')) as unknown;
      const parsed = SettleFile.safeParse(file);
      expect(parsed.success ? [] : issuesFromZod(parsed.error), name).toEqual([]);
    }
  });
});

describe('Hold and date schemas', () => {
  it('accepts only real calendar dates', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2025-02-29').success).toBe(false);
    expect(IsoDate.safeParse('2025-3-1').success).toBe(false);
  });

  it('requires a level of at least 1 and a known status', () => {
    const hold = {
      id: 'h1',
      artistId: 'a',
      venueId: 'v',
      startDate: '2025-03-14',
      endDate: '2025-03-14',
      level: 1,
      status: 'held',
      placedAt: '2025-01-01T10:00:00Z',
    };
    expect(Hold.parse(hold).note).toBe('');
    expect(Hold.safeParse({ ...hold, level: 0 }).success).toBe(false);
    expect(Hold.safeParse({ ...hold, status: 'pencilled' }).success).toBe(false);
  });
});
