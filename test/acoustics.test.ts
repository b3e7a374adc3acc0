import { describe, expect, it } from 'vitest';
import type { VenueKind } from '../src/shared/domain';
import type { SurfaceMaterial } from '../src/shared/materials';
import { emptyRoom } from '../src/main/services/venue-fit/venue-index';
import {
  ABSORPTION,
  acousticFit,
  acousticRecommendations,
  estimateRoom,
  reverberation,
  roomFigures,
  soundProfile,
  type RoomInput,
  type SoundInput,
} from '../src/main/services/venue-fit/acoustics';

const room = (over: Partial<RoomInput> & { rt60?: number | null } = {}): RoomInput => ({
  kind: over.kind ?? 'club',
  capacityStanding: over.capacityStanding === undefined ? 300 : over.capacityStanding,
  capacitySeated: over.capacitySeated ?? null,
  room: over.room ?? { lengthM: 20, widthM: 12, heightM: 6 },
  acoustics: over.acoustics ?? {
    rt60Sec: over.rt60 ?? null,
    treatment: 'partial',
    surfaces: { floor: null, walls: null, ceiling: null },
  },
  paPowerW: over.paPowerW ?? null,
});

/** Fast, percussive, loud, compressed: a rock or techno demo. */
const dense: SoundInput = {
  bpm: 172,
  percussiveRatio: 0.7,
  energy: 0.9,
  acousticness: 0.05,
  loudnessLufs: -7,
  loudnessRange: 4,
  brightnessHz: 3200,
  dynamicComplexity: 1.5,
};
/** Slow, soft, dynamic, acoustic: a jazz quartet or chamber music. */
const quartet: SoundInput = {
  bpm: 84,
  percussiveRatio: 0.15,
  energy: 0.3,
  acousticness: 0.9,
  loudnessLufs: -20,
  loudnessRange: 12,
  brightnessHz: 1400,
  dynamicComplexity: 5,
};

const measured = (rt60: number, over: Partial<RoomInput> = {}) =>
  estimateRoom(
    room({
      ...over,
      rt60,
      acoustics: {
        rt60Sec: rt60,
        treatment: 'unknown',
        surfaces: { floor: null, walls: null, ceiling: null },
      },
    }),
  );

describe('RT60 estimates', () => {
  it('matches Sabine and Eyring by hand for a plain concrete box', () => {
    // 10 × 8 × 4 m, every surface concrete (α 500 Hz = 0.02): S = 2·80 + 2·(18·4) = 304 m², V = 320 m³.
    const alpha = ABSORPTION.concrete;
    const bands = reverberation(320, [{ area: 304, alpha }]);
    const b500 = bands[2]!;
    const air = 4 * 0.00063 * 320;
    expect(b500.hz).toBe(500);
    expect(b500.sabineSec).toBeCloseTo((0.161 * 320) / (304 * 0.02 + air), 6);
    expect(b500.eyringSec).toBeCloseTo((0.161 * 320) / (-304 * Math.log(1 - 0.02) + air), 6);
    // Eyring is always a little shorter than Sabine; both long in a bare concrete box.
    expect(b500.eyringSec).toBeLessThan(b500.sabineSec);
    expect(b500.sabineSec).toBeGreaterThan(5);
  });

  it('a measured RT60 always wins over the estimate', () => {
    const r = measured(0.7);
    expect(r.source).toBe('measured');
    expect(r.rt60Mid).toBe(0.7);
  });

  it('estimates per octave band from dimensions and materials, and treatment makes it drier', () => {
    const untreated = estimateRoom(
      room({
        acoustics: {
          rt60Sec: null,
          treatment: 'untreated',
          surfaces: { floor: null, walls: null, ceiling: null },
        },
      }),
    );
    const treated = estimateRoom(
      room({
        acoustics: {
          rt60Sec: null,
          treatment: 'treated',
          surfaces: { floor: null, walls: null, ceiling: null },
        },
      }),
    );
    expect(untreated.source).toBe('estimated');
    expect(untreated.bands.map((b) => b.hz)).toEqual([125, 250, 500, 1000, 2000, 4000]);
    expect(treated.rt60Mid).toBeLessThan(untreated.rt60Mid);
    // Curtains on every wall absorb more than plaster.
    const curtains = estimateRoom(
      room({
        acoustics: {
          rt60Sec: null,
          treatment: 'unknown',
          surfaces: { floor: 'wood_floor', walls: 'heavy_curtain', ceiling: 'plaster' },
        },
      }),
    );
    const plaster = estimateRoom(
      room({
        acoustics: {
          rt60Sec: null,
          treatment: 'unknown',
          surfaces: { floor: 'wood_floor', walls: 'plaster', ceiling: 'plaster' },
        },
      }),
    );
    expect(curtains.rt60Mid).toBeLessThan(plaster.rt60Mid);
    expect(curtains.assumptions).not.toContain('treatment-unknown');
  });

  it('the audience absorbs: a fuller room is drier', () => {
    const small = estimateRoom(room({ capacityStanding: 50 }));
    const full = estimateRoom(room({ capacityStanding: 600 }));
    expect(full.rt60Mid).toBeLessThan(small.rt60Mid);
  });

  it('says how it knows: rough from capacity, open air for a festival, unknown with nothing', () => {
    const rough = estimateRoom(room({ room: { lengthM: null, widthM: null, heightM: null } }));
    expect(rough.source).toBe('rough');
    expect(rough.assumptions).toContain('volume-from-capacity');
    expect(rough.volume).toBeCloseTo(300 * 4, 0);
    expect(
      estimateRoom(room({ kind: 'festival', room: { lengthM: null, widthM: null, heightM: null } })).source,
    ).toBe('open_air');
    expect(
      estimateRoom(room({ capacityStanding: null, room: { lengthM: null, widthM: null, heightM: null } }))
        .source,
    ).toBe('unknown');
  });
});

describe('acoustic compatibility', () => {
  const d = soundProfile(dense)!;
  const q = soundProfile(quartet)!;

  it('derives density and acousticness from the audio DNA', () => {
    expect(d.density).toBeGreaterThan(0.7);
    expect(q.density).toBeLessThan(0.35);
    expect(q.acoustic).toBeGreaterThan(0.8);
  });

  it('more reverberant room → lower fit for fast dense music (monotonic)', () => {
    const fits = [0.5, 0.8, 1.2, 1.8, 2.5, 4].map((rt) => acousticFit(d, measured(rt)).fit);
    for (let i = 1; i < fits.length; i++) expect(fits[i]!).toBeLessThanOrEqual(fits[i - 1]!);
    expect(fits[0]! - fits[fits.length - 1]!).toBeGreaterThan(0.4);
  });

  it('in the same live room, dense music fits worse than an acoustic quartet', () => {
    const live = measured(2);
    expect(acousticFit(d, live).fit).toBeLessThan(acousticFit(q, live).fit);
  });

  it('an acoustic quartet: a dry huge room fits worse than a mid-size room with a fitting RT60', () => {
    const mid = estimateRoom(
      room({
        kind: 'concert_hall',
        capacitySeated: 250,
        capacityStanding: null,
        room: { lengthM: 18, widthM: 12, heightM: 7 },
        acoustics: {
          rt60Sec: 1.2,
          treatment: 'partial',
          surfaces: { floor: null, walls: null, ceiling: null },
        },
      }),
    );
    const dryHuge = estimateRoom(
      room({
        kind: 'arena',
        capacityStanding: 8000,
        room: { lengthM: 90, widthM: 60, heightM: 20 },
        acoustics: {
          rt60Sec: 0.5,
          treatment: 'treated',
          surfaces: { floor: null, walls: null, ceiling: null },
        },
      }),
    );
    const fitMid = acousticFit(q, mid);
    const fitHuge = acousticFit(q, dryHuge);
    expect(fitMid.fit).toBeGreaterThan(0.9);
    expect(fitHuge.fit).toBeLessThan(fitMid.fit - 0.3);
    expect(fitHuge.volume).toBeLessThan(0.5);
  });

  it('a PA too small for the audience lowers the fit, more so for dense music', () => {
    const big = (paPowerW: number) => measured(0.7, { capacityStanding: 800, paPowerW });
    expect(acousticFit(d, big(1000)).fit).toBeLessThan(acousticFit(d, big(8000)).fit);
    expect(acousticFit(d, big(1000)).pa).toBeLessThan(acousticFit(q, big(1000)).pa);
  });

  it('recommends in-ears, low stage volume and more PA for dense music in a live, under-powered room', () => {
    const recs = acousticRecommendations(
      d,
      measured(2.2, { capacityStanding: 800, paPowerW: 1000 }),
      'untreated',
      'fr',
    );
    const topics = recs.map((r) => r.topic);
    expect(topics).toEqual(
      expect.arrayContaining(['reverb', 'monitoring', 'stage_volume', 'pa_power', 'treatment']),
    );
    expect(recs.find((r) => r.topic === 'pa_power')!.severity).toBe('warning');
    expect(recs.find((r) => r.topic === 'monitoring')!.text).toMatch(/intra-auriculaires/);
    const en = acousticRecommendations(q, measured(0.3), 'treated', 'en');
    expect(en.find((r) => r.topic === 'reverb')!.text).toMatch(/dry room/);
  });
});

describe('roomFigures (the venue index fast path)', () => {
  it('gives the same source, RT60, volume and open-air flag as estimateRoom for every kind of input', () => {
    const kinds: VenueKind[] = [
      'club',
      'concert_hall',
      'theatre',
      'festival',
      'bar',
      'church',
      'outdoor',
      'arena',
      'other',
    ];
    const treatments = ['unknown', 'untreated', 'partial', 'treated'] as const;
    const materials: (SurfaceMaterial | null)[] = [
      null,
      'concrete',
      'wood_floor',
      'carpet',
      'acoustic_panel',
      'brick',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const maybe = (p: number, value: number) => (random() < p ? value : null);
    const scratch = emptyRoom();
    const sources = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const input: RoomInput = {
        kind: kinds[i % kinds.length]!,
        capacityStanding: maybe(0.7, Math.round(20 + random() * 3000)),
        capacitySeated: maybe(0.3, Math.round(20 + random() * 2000)),
        room: {
          lengthM: maybe(0.5, 5 + random() * 60),
          widthM: maybe(0.6, 4 + random() * 40),
          heightM: maybe(0.5, 3 + random() * 20),
        },
        acoustics: {
          rt60Sec: maybe(0.2, 0.3 + random() * 3),
          treatment: treatments[Math.floor(random() * 4)]!,
          surfaces: {
            floor: materials[Math.floor(random() * materials.length)]!,
            walls: materials[Math.floor(random() * materials.length)]!,
            ceiling: materials[Math.floor(random() * materials.length)]!,
          },
        },
        paPowerW: maybe(0.5, random() * 20000),
      };
      const full = estimateRoom(input);
      const fast = roomFigures(
        input.kind,
        input.capacityStanding,
        input.capacitySeated,
        input.room.lengthM,
        input.room.widthM,
        input.room.heightM,
        input.acoustics.rt60Sec,
        input.acoustics.treatment,
        input.acoustics.surfaces.floor,
        input.acoustics.surfaces.walls,
        input.acoustics.surfaces.ceiling,
        input.paPowerW,
        scratch,
      );
      sources.add(fast.source);
      expect(fast.source).toBe(full.source);
      expect(fast.openAir).toBe(full.openAir);
      for (const key of ['rt60Mid', 'rt60Low', 'volume', 'capacity', 'paW'] as const) {
        if (Number.isNaN(full[key])) expect(fast[key]).toBeNaN();
        else expect(fast[key]).toBeCloseTo(full[key], 9);
      }
    }
    expect([...sources].sort()).toEqual(['estimated', 'measured', 'open_air', 'rough', 'unknown']);
  });
});
