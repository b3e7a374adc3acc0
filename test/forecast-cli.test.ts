import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli/run';
import { startCore } from '../src/main/app';
import type { Artist, Venue } from '../src/shared/domain';
import { call, tempDir } from './helpers';

afterEach(() => {
  delete process.env.FLOWSTAGE_HOME;
});

async function profile(): Promise<{ artistId: string; venueId: string }> {
  const home = tempDir();
  process.env.FLOWSTAGE_HOME = home;
  const core = startCore({ dataDir: home, host: 'test' });
  try {
    const artist = await call<Artist>(core, 'artists.create', {
      name: 'Trio',
      genres: ['jazz'],
      country: 'FR',
    });
    const venue = await call<Venue>(core, 'venues.create', {
      name: 'Sunset',
      city: 'Paris',
      country: 'FR',
      genres: ['jazz'],
      capacitySeated: 300,
      ticketPrice: { min: 18, max: 26 },
    });
    return { artistId: artist.id, venueId: venue.id };
  } finally {
    core.close();
  }
}

describe('flowstage predict', () => {
  it('prints the forecast range and says it rests on the prior only', async () => {
    const { artistId, venueId } = await profile();
    const out: string[] = [];
    const code = await runCli(
      ['predict', '--artist', artistId, '--venue', venueId, '--date', '2031-03-14', '--json'],
      (l) => out.push(l),
    );
    expect(code).toBe(0);
    const forecast = JSON.parse(out[0]!) as {
      capacity: number;
      tickets: { p10: number; p50: number; p90: number };
      soldOutProbability: number;
      basis: { modelKind: string; venueEvents: number };
    };
    expect(forecast.capacity).toBe(300);
    expect(forecast.tickets.p10).toBeLessThanOrEqual(forecast.tickets.p50);
    expect(forecast.tickets.p50).toBeLessThanOrEqual(forecast.tickets.p90);
    expect(forecast.tickets.p90).toBeLessThanOrEqual(300);
    expect(forecast.soldOutProbability).toBeGreaterThanOrEqual(0);
    expect(forecast.basis).toMatchObject({ modelKind: 'prior', venueEvents: 0 });

    const human: string[] = [];
    expect(
      await runCli(['predict', '--artist', artistId, '--venue', venueId, '--date', '2031-03-14'], (l) =>
        human.push(l),
      ),
    ).toBe(0);
    expect(human.join('\n')).toMatch(/Billets : \d+ – \d+ – \d+ \(P10–P50–P90\)/);
  }, 60_000);

  it('refuses a missing option, a bad number and an unknown venue', async () => {
    const { artistId } = await profile();
    const sink = () => {};
    expect(await runCli(['predict', '--artist', artistId], sink)).toBe(64);
    expect(
      await runCli(
        ['predict', '--artist', artistId, '--venue', artistId, '--date', '2031-03-14', '--price', 'vingt'],
        sink,
      ),
    ).toBe(2);
    expect(
      await runCli(['predict', '--artist', artistId, '--venue', artistId, '--date', '2031-03-14'], sink),
    ).toBe(2);
  }, 60_000);
});
