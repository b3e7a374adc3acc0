import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli/run';
import { startCore } from '../src/main/app';
import type { Artist } from '../src/shared/domain';
import { call, tempDir } from './helpers';

afterEach(() => {
  delete process.env.FLOWSTAGE_HOME;
});

/** A profile with a jazz artist and three venues, closed before the CLI opens it. */
async function profile(): Promise<{ artistId: string }> {
  const home = tempDir();
  process.env.FLOWSTAGE_HOME = home;
  const core = startCore({ dataDir: home, host: 'test' });
  try {
    const artist = await call<Artist>(core, 'artists.create', {
      name: 'Trio',
      genres: ['jazz'],
      city: 'Paris',
      country: 'FR',
    });
    await call(core, 'venues.create', {
      name: 'Sunset',
      city: 'Paris',
      country: 'FR',
      genres: ['jazz'],
      capacitySeated: 300,
    });
    await call(core, 'venues.create', {
      name: 'Zénith',
      city: 'Paris',
      country: 'FR',
      genres: ['pop'],
      capacityStanding: 6000,
    });
    await call(core, 'venues.create', {
      name: 'Jazz Lyon',
      city: 'Lyon',
      country: 'FR',
      genres: ['jazz'],
      capacitySeated: 250,
    });
    await call(core, 'venues.create', {
      name: 'Jazz sous les pommiers',
      city: 'Coutances',
      country: 'FR',
      kind: 'festival',
      genres: ['jazz'],
    });
    return { artistId: artist.id };
  } finally {
    core.close();
  }
}

describe('flowstage search / match', () => {
  it('search --json prints one object with the parsed filters and the venues', async () => {
    await profile();
    const out: string[] = [];
    expect(
      await runCli(['search', '--json', 'salle jazz 300 places Paris février'], (l) => out.push(l)),
    ).toBe(0);
    expect(out).toHaveLength(1);
    const result = JSON.parse(out[0]!) as {
      query: string;
      filters: Record<string, unknown>;
      venues: { name: string; score: number }[];
    };
    expect(Object.keys(result)).toEqual(['query', 'filters', 'venues']);
    expect(Object.keys(result.filters)).toEqual([
      'genres',
      'capacityMin',
      'capacityMax',
      'city',
      'region',
      'country',
      'months',
      'daysOfWeek',
      'budgetMax',
      'kinds',
    ]);
    expect(result.filters).toMatchObject({ genres: ['jazz'], city: 'Paris', months: [2] });
    expect(result.venues.map((v) => v.name)).toEqual(['Sunset']);
    expect(Object.keys(result.venues[0]!)).toEqual(['id', 'name', 'score']);
  });

  it('search --json understands a kind of venue: "festival jazz" finds the festival only', async () => {
    await profile();
    const out: string[] = [];
    expect(await runCli(['search', '--json', 'festival jazz'], (l) => out.push(l))).toBe(0);
    const result = JSON.parse(out[0]!) as { filters: { kinds: string[] }; venues: { name: string }[] };
    expect(result.filters.kinds).toEqual(['festival']);
    expect(result.venues.map((v) => v.name)).toEqual(['Jazz sous les pommiers']);
    out.length = 0;
    expect(await runCli(['search', '--json', 'jazz'], (l) => out.push(l))).toBe(0);
    expect((JSON.parse(out[0]!) as { venues: unknown[] }).venues).toHaveLength(3);
  });

  it('search without --json is readable; no query is a usage error', async () => {
    await profile();
    const out: string[] = [];
    expect(await runCli(['search', 'jazz Lyon'], (l) => out.push(l))).toBe(0);
    expect(out.join('\n')).toMatch(/Jazz Lyon/);
    expect(await runCli(['search'], () => undefined)).toBe(64);
  });

  it('match --artist ID --json ranks venues with components; human output too', async () => {
    const { artistId } = await profile();
    const out: string[] = [];
    expect(await runCli(['match', '--artist', artistId, '--json'], (l) => out.push(l))).toBe(0);
    const ranking = JSON.parse(out[0]!) as {
      items: { name: string; score: number; components: { key: string; sentence: string }[] }[];
    };
    expect(ranking.items[0]!.name).toBe('Sunset');
    expect(ranking.items[0]!.components.map((c) => c.key)).toEqual([
      'genre',
      'acoustics',
      'capacity',
      'audience',
      'fee',
      'history',
    ]);
    const text: string[] = [];
    expect(await runCli(['match', '--artist', artistId], (l) => text.push(l))).toBe(0);
    expect(text.join('\n')).toMatch(/1\. \d+ % {2}Sunset, Paris/);
    expect(text.join('\n')).toMatch(/la salle programme du jazz/);
    expect(
      await runCli(['match', '--artist', '00000000-0000-7000-8000-000000000000', '--json'], () => undefined),
    ).toBe(2);
    expect(await runCli(['match'], () => undefined)).toBe(64);
  });
});
