import type { AudioAnalysis } from '../../../shared/audio';
import type { VenueKind } from '../../../shared/domain';
import type { SurfaceMaterial } from '../../../shared/materials';
import {
  OCTAVE_BANDS_HZ,
  type Recommendation,
  type RoomAcoustics,
  type Rt60Source,
} from '../../../shared/venue-fit';
import { clamp01, num, say, type Lang } from './words';

/*
 * Room acoustics and the acoustic compatibility of a sound with a room.
 *
 * RT60 per octave band (125 Hz–4 kHz) by Sabine, T = 0.161 V / (Σ Sᵢαᵢ + 4mV), and Eyring,
 * T = 0.161 V / (−S ln(1 − ᾱ) + 4mV), for a shoebox room of the venue's dimensions. A measured RT60
 * always wins; without dimensions the volume is guessed from the capacity ("rough"); open-air venues
 * have no reverberation to speak of.
 *
 * The compatibility score compares the room's mid-frequency RT60 with an ideal band for the sound
 * (dense, fast, loud music wants a drier room than an acoustic quartet or a choir), checks that an
 * unamplified-sounding act is not lost in a huge volume, and that the PA can cover the audience.
 */

type Bands = readonly [number, number, number, number, number, number];

/**
 * Absorption coefficients per octave band (125, 250, 500, 1k, 2k, 4k Hz): typical values of the
 * standard tables (Everest & Pohlmann, Master Handbook of Acoustics, 5th ed., appendix "Absorption
 * coefficients of general building materials", ISO 354 reverberation-room measurements), rounded.
 * Audience values after Beranek, Concert Halls and Opera Houses (2004), per m² of audience area.
 */
export const ABSORPTION: Record<SurfaceMaterial | 'audience_seated', Bands> = {
  concrete: [0.01, 0.01, 0.02, 0.02, 0.02, 0.03], // poured, unpainted
  brick: [0.03, 0.03, 0.03, 0.04, 0.05, 0.07], // unglazed
  plaster: [0.013, 0.015, 0.02, 0.03, 0.04, 0.05], // gypsum plaster on masonry
  wood_panel: [0.28, 0.22, 0.17, 0.09, 0.1, 0.11], // 10 mm plywood on battens, air gap
  wood_floor: [0.15, 0.11, 0.1, 0.07, 0.06, 0.07], // boards on joists
  glass: [0.18, 0.06, 0.04, 0.03, 0.02, 0.02], // large heavy panes
  carpet: [0.02, 0.06, 0.14, 0.37, 0.6, 0.65], // heavy, on concrete
  heavy_curtain: [0.14, 0.35, 0.55, 0.72, 0.7, 0.65], // velour, draped to half its area
  acoustic_panel: [0.2, 0.65, 0.95, 0.98, 0.95, 0.9], // 50 mm mineral wool panel on a rigid backing
  upholstered_seats: [0.19, 0.37, 0.56, 0.67, 0.61, 0.59], // unoccupied
  audience_standing: [0.25, 0.45, 0.7, 0.85, 0.9, 0.9], // dense standing crowd
  audience_seated: [0.39, 0.57, 0.8, 0.94, 0.92, 0.87], // occupied upholstered seats
};

/**
 * Air absorption m (1/m, intensity) at 20 °C and 50 % relative humidity, from ISO 9613-1
 * (0.44, 1.31, 2.73, 4.66, 9.86, 29.4 dB/km divided by 10·log10(e)·1000).
 */
const AIR_M: Bands = [0.0001, 0.0003, 0.00063, 0.00107, 0.00227, 0.00677];

type Mix = ReadonlyArray<readonly [SurfaceMaterial, number]>;
interface SurfaceMix {
  floor: Mix;
  walls: Mix;
  ceiling: Mix;
}

/** Surfaces assumed from the treatment when the materials are not given. */
const TREATMENT_SURFACES: Record<'untreated' | 'partial' | 'treated', SurfaceMix> = {
  untreated: { floor: [['concrete', 1]], walls: [['plaster', 1]], ceiling: [['plaster', 1]] },
  partial: {
    floor: [['wood_floor', 1]],
    walls: [
      ['plaster', 0.75],
      ['heavy_curtain', 0.25],
    ],
    ceiling: [
      ['plaster', 0.7],
      ['acoustic_panel', 0.3],
    ],
  },
  treated: {
    floor: [['wood_floor', 1]],
    walls: [
      ['plaster', 0.5],
      ['acoustic_panel', 0.5],
    ],
    ceiling: [
      ['plaster', 0.3],
      ['acoustic_panel', 0.7],
    ],
  },
};

/** Volume per person (m³) and ceiling height (m) typical of each kind of venue, for rough estimates. */
const KIND_SHAPE: Record<VenueKind, { m3PerPerson: number; heightM: number }> = {
  club: { m3PerPerson: 4, heightM: 4.5 },
  bar: { m3PerPerson: 3.5, heightM: 3.2 },
  concert_hall: { m3PerPerson: 8, heightM: 12 },
  theatre: { m3PerPerson: 6, heightM: 10 },
  festival: { m3PerPerson: 5, heightM: 8 },
  church: { m3PerPerson: 12, heightM: 15 },
  outdoor: { m3PerPerson: 5, heightM: 8 },
  arena: { m3PerPerson: 7, heightM: 20 },
  other: { m3PerPerson: 5, heightM: 5 },
};

/** What the room estimate needs of a venue (a subset of Venue, so the index can pass plain numbers). */
export interface RoomInput {
  kind: VenueKind;
  capacityStanding: number | null;
  capacitySeated: number | null;
  room: { lengthM: number | null; widthM: number | null; heightM: number | null };
  acoustics: {
    rt60Sec: number | null;
    treatment: 'unknown' | 'untreated' | 'partial' | 'treated';
    surfaces: {
      floor: SurfaceMaterial | null;
      walls: SurfaceMaterial | null;
      ceiling: SurfaceMaterial | null;
    };
  };
  paPowerW: number | null;
}

/** Assumptions made by an estimate, as codes (worded by `assumptionText`). */
export type Assumption =
  | 'treatment-unknown'
  | 'height-from-kind'
  | 'volume-from-capacity'
  | 'full-house'
  | 'materials-from-treatment'
  | 'stone-church';

export interface RoomEstimate {
  source: Rt60Source;
  /** Mid-frequency RT60 (mean of 500 Hz and 1 kHz, Eyring when estimated), s; NaN when unknown/open air. */
  rt60Mid: number;
  /** RT60 at 125 Hz (Eyring), s; NaN unless estimated. */
  rt60Low: number;
  bands: { hz: number; sabineSec: number; eyringSec: number }[];
  /** m³; NaN when unknown. */
  volume: number;
  /** Largest known capacity; NaN when unknown. */
  capacity: number;
  /** PA power, W; NaN when unknown. */
  paW: number;
  openAir: boolean;
  assumptions: Assumption[];
}

const known = (x: number | null | undefined): x is number => x !== null && x !== undefined && x > 0;

function mixBands(mix: Mix): number[] {
  const out = [0, 0, 0, 0, 0, 0];
  for (const [material, share] of mix) {
    const coeffs = ABSORPTION[material];
    for (let b = 0; b < 6; b++) out[b]! += coeffs[b]! * share;
  }
  return out;
}

/** The treatment fallbacks as per-band coefficients, mixed once. */
const FALLBACK_BANDS = Object.fromEntries(
  Object.entries(TREATMENT_SURFACES).map(([treatment, mix]) => [
    treatment,
    { floor: mixBands(mix.floor), walls: mixBands(mix.walls), ceiling: mixBands(mix.ceiling) },
  ]),
) as Record<keyof typeof TREATMENT_SURFACES, { floor: number[]; walls: number[]; ceiling: number[] }>;

/** Sabine and Eyring RT60 per band for surfaces (area m², absorption per band) and a volume. */
export function reverberation(
  volume: number,
  surfaces: ReadonlyArray<{ area: number; alpha: readonly number[] }>,
): { hz: number; sabineSec: number; eyringSec: number }[] {
  const total = surfaces.reduce((sum, s) => sum + s.area, 0);
  return OCTAVE_BANDS_HZ.map((hz, b) => {
    const absorption = surfaces.reduce((sum, s) => sum + s.area * s.alpha[b]!, 0);
    const air = 4 * AIR_M[b]! * volume;
    const mean = Math.min(0.99, absorption / total);
    return {
      hz,
      sabineSec: (0.161 * volume) / (absorption + air),
      eyringSec: (0.161 * volume) / (-total * Math.log(1 - mean) + air),
    };
  });
}

/** The room's reverberation: measured, estimated from geometry, roughly from capacity, open air or unknown. */
export function estimateRoom(venue: RoomInput): RoomEstimate {
  const capacity = Math.max(venue.capacityStanding ?? 0, venue.capacitySeated ?? 0) || NaN;
  const paW = known(venue.paPowerW) ? venue.paPowerW : NaN;
  const { lengthM, widthM, heightM } = venue.room;
  const hasFloorPlan = known(lengthM) && known(widthM);
  const assumptions: Assumption[] = [];
  const base = { capacity, paW, bands: [] as RoomEstimate['bands'], rt60Low: NaN, assumptions };

  const openAir = (venue.kind === 'outdoor' || venue.kind === 'festival') && !hasFloorPlan;
  if (openAir && !known(venue.acoustics.rt60Sec)) {
    return { ...base, source: 'open_air', rt60Mid: NaN, volume: NaN, openAir: true };
  }

  // Geometry: the room's own, or a shoebox of the volume its capacity suggests.
  const shape = KIND_SHAPE[venue.kind];
  let length: number, width: number, height: number;
  let rough = false;
  if (hasFloorPlan) {
    length = lengthM;
    width = widthM;
    if (known(heightM)) height = heightM;
    else {
      height = shape.heightM;
      assumptions.push('height-from-kind');
      rough = true;
    }
  } else if (Number.isFinite(capacity)) {
    const volume = capacity * shape.m3PerPerson;
    height = shape.heightM;
    width = Math.sqrt(volume / (1.5 * height));
    length = 1.5 * width;
    assumptions.push('volume-from-capacity');
    rough = true;
  } else {
    // No geometry at all: only a measured RT60 can say anything.
    if (known(venue.acoustics.rt60Sec)) {
      return { ...base, source: 'measured', rt60Mid: venue.acoustics.rt60Sec, volume: NaN, openAir: false };
    }
    return { ...base, source: 'unknown', rt60Mid: NaN, volume: NaN, openAir: false };
  }
  const volume = length * width * height;

  if (known(venue.acoustics.rt60Sec)) {
    return {
      ...base,
      assumptions: rough ? assumptions : [],
      source: 'measured',
      rt60Mid: venue.acoustics.rt60Sec,
      volume,
      openAir: false,
    };
  }

  let treatment = venue.acoustics.treatment;
  const materials = venue.acoustics.surfaces;
  const anyMissing = !materials.floor || !materials.walls || !materials.ceiling;
  if (anyMissing) {
    if (treatment === 'unknown') {
      if (venue.kind === 'church') {
        treatment = 'untreated';
        assumptions.push('stone-church');
      } else {
        treatment = 'partial';
        assumptions.push('treatment-unknown');
      }
    } else assumptions.push('materials-from-treatment');
  }
  const fallback = TREATMENT_SURFACES[treatment === 'unknown' ? 'partial' : treatment];
  const floorAlpha = materials.floor ? [...ABSORPTION[materials.floor]] : mixBands(fallback.floor);
  const wallAlpha = materials.walls ? [...ABSORPTION[materials.walls]] : mixBands(fallback.walls);
  const ceilingAlpha = materials.ceiling ? [...ABSORPTION[materials.ceiling]] : mixBands(fallback.ceiling);

  const floorArea = length * width;
  const wallArea = 2 * (length + width) * height;
  // A full house: the audience covers part of the floor (≈ 3 standing per m², 0.6 m² per seat).
  const surfaces: { area: number; alpha: readonly number[] }[] = [
    { area: wallArea, alpha: wallAlpha },
    { area: floorArea, alpha: ceilingAlpha }, // the ceiling, as large as the floor
  ];
  if (Number.isFinite(capacity)) {
    const seated = (venue.capacitySeated ?? 0) >= (venue.capacityStanding ?? 0);
    const audienceArea = Math.min(floorArea, seated ? capacity * 0.6 : capacity / 3);
    surfaces.push({
      area: audienceArea,
      alpha: ABSORPTION[seated ? 'audience_seated' : 'audience_standing'],
    });
    surfaces.push({ area: floorArea - audienceArea, alpha: floorAlpha });
    assumptions.push('full-house');
  } else {
    surfaces.push({ area: floorArea, alpha: floorAlpha });
  }
  const bands = reverberation(
    volume,
    surfaces.filter((s) => s.area > 0),
  );
  return {
    ...base,
    assumptions,
    source: rough ? 'rough' : 'estimated',
    rt60Mid: (bands[2]!.eyringSec + bands[3]!.eyringSec) / 2,
    rt60Low: bands[0]!.eyringSec,
    bands,
    volume,
    openAir: false,
  };
}

/**
 * The numbers of `estimateRoom` (source, mid and low RT60, volume, open air) without its explanation
 * (bands, assumptions) and without allocating: the venue index computes them for every venue when it
 * is built (100,000 rooms in a few milliseconds instead of seconds of short-lived arrays). Same
 * formulas, same order of operations; test/acoustics.test.ts checks both agree.
 */
export function roomFigures(
  kind: VenueKind,
  capacityStanding: number | null,
  capacitySeated: number | null,
  lengthM: number | null,
  widthM: number | null,
  heightM: number | null,
  rt60Sec: number | null,
  treatment: RoomInput['acoustics']['treatment'],
  floor: SurfaceMaterial | null,
  walls: SurfaceMaterial | null,
  ceiling: SurfaceMaterial | null,
  paPowerW: number | null,
  into: RoomEstimate,
): RoomEstimate {
  const capacity = Math.max(capacityStanding ?? 0, capacitySeated ?? 0) || NaN;
  into.capacity = capacity;
  into.paW = known(paPowerW) ? paPowerW : NaN;
  into.rt60Low = NaN;
  into.openAir = false;
  const hasFloorPlan = known(lengthM) && known(widthM);
  if ((kind === 'outdoor' || kind === 'festival') && !hasFloorPlan && !known(rt60Sec)) {
    into.source = 'open_air';
    into.rt60Mid = NaN;
    into.volume = NaN;
    into.openAir = true;
    return into;
  }
  const shape = KIND_SHAPE[kind];
  let length: number, width: number, height: number;
  let rough = false;
  if (hasFloorPlan) {
    length = lengthM;
    width = widthM;
    if (known(heightM)) height = heightM;
    else {
      height = shape.heightM;
      rough = true;
    }
  } else if (Number.isFinite(capacity)) {
    const volume = capacity * shape.m3PerPerson;
    height = shape.heightM;
    width = Math.sqrt(volume / (1.5 * height));
    length = 1.5 * width;
    rough = true;
  } else {
    into.volume = NaN;
    into.source = known(rt60Sec) ? 'measured' : 'unknown';
    into.rt60Mid = known(rt60Sec) ? rt60Sec : NaN;
    return into;
  }
  const volume = length * width * height;
  into.volume = volume;
  if (known(rt60Sec)) {
    into.source = 'measured';
    into.rt60Mid = rt60Sec;
    return into;
  }
  // Missing materials come from the treatment; unknown treatment: partial, or bare stone for a church.
  const mix =
    treatment === 'unknown'
      ? FALLBACK_BANDS[kind === 'church' ? 'untreated' : 'partial']
      : FALLBACK_BANDS[treatment];
  const floorAlpha = floor ? ABSORPTION[floor] : mix.floor;
  const wallAlpha = walls ? ABSORPTION[walls] : mix.walls;
  const ceilingAlpha = ceiling ? ABSORPTION[ceiling] : mix.ceiling;
  const floorArea = length * width;
  const wallArea = 2 * (length + width) * height;
  let audienceArea = 0;
  let audienceAlpha: readonly number[] = ABSORPTION.audience_standing;
  if (Number.isFinite(capacity)) {
    const seated = (capacitySeated ?? 0) >= (capacityStanding ?? 0);
    audienceArea = Math.min(floorArea, seated ? capacity * 0.6 : capacity / 3);
    audienceAlpha = ABSORPTION[seated ? 'audience_seated' : 'audience_standing'];
  }
  const restArea = floorArea - audienceArea;
  const total =
    (wallArea > 0 ? wallArea : 0) +
    (floorArea > 0 ? floorArea : 0) +
    (audienceArea > 0 ? audienceArea : 0) +
    (restArea > 0 ? restArea : 0);
  const eyring = (b: number) => {
    let absorption = 0;
    if (wallArea > 0) absorption += wallArea * wallAlpha[b]!;
    if (floorArea > 0) absorption += floorArea * ceilingAlpha[b]!;
    if (audienceArea > 0) absorption += audienceArea * audienceAlpha[b]!;
    if (restArea > 0) absorption += restArea * floorAlpha[b]!;
    const air = 4 * AIR_M[b]! * volume;
    const mean = Math.min(0.99, absorption / total);
    return (0.161 * volume) / (-total * Math.log(1 - mean) + air);
  };
  into.source = rough ? 'rough' : 'estimated';
  into.rt60Mid = (eyring(2) + eyring(3)) / 2;
  into.rt60Low = eyring(0);
  return into;
}

// ---- The sound ----------------------------------------------------------------------------------

/** What the acoustic fit needs of a demo's analysis (AudioAnalysis or its stored summary). */
export type SoundInput = Pick<
  AudioAnalysis,
  | 'bpm'
  | 'percussiveRatio'
  | 'energy'
  | 'acousticness'
  | 'loudnessLufs'
  | 'loudnessRange'
  | 'brightnessHz'
  | 'dynamicComplexity'
>;

export interface SoundProfile {
  /**
   * 0–1: how fast, percussive, loud and compressed the music is. The analysis has no onset-density
   * descriptor; tempo × percussive share stands for it.
   */
  density: number;
  /** 0–1: how acoustic (unamplified-sounding) it is. */
  acoustic: number;
  loudnessLufs: number | null;
  bpm: number | null;
  brightnessHz: number | null;
}

/** The density/acoustic summary of a demo; null when the analysis found nothing (silence). */
export function soundProfile(a: SoundInput): SoundProfile | null {
  const parts: Array<[number, number]> = [];
  if (a.bpm !== null) parts.push([clamp01((a.bpm - 60) / 120), 0.2]);
  if (a.bpm !== null && a.percussiveRatio !== null)
    parts.push([clamp01(((a.bpm / 120) * a.percussiveRatio) / 0.6), 0.2]);
  else if (a.percussiveRatio !== null) parts.push([a.percussiveRatio, 0.2]);
  if (a.energy !== null) parts.push([a.energy, 0.2]);
  if (a.loudnessLufs !== null) parts.push([clamp01((a.loudnessLufs + 30) / 22), 0.2]);
  if (a.loudnessRange !== null) parts.push([1 - clamp01(a.loudnessRange / 20), 0.1]);
  if (a.dynamicComplexity !== null) parts.push([1 - clamp01(a.dynamicComplexity / 8), 0.1]);
  if (parts.length === 0 && a.acousticness === null) return null;
  const totalWeight = parts.reduce((s, [, w]) => s + w, 0);
  const density = totalWeight > 0 ? parts.reduce((s, [v, w]) => s + v * w, 0) / totalWeight : 0.5;
  const acoustic = a.acousticness ?? (a.energy !== null ? 1 - a.energy : 0.5);
  return {
    density,
    acoustic,
    loudnessLufs: a.loudnessLufs,
    bpm: a.bpm,
    brightnessHz: a.brightnessHz,
  };
}

// ---- Compatibility ------------------------------------------------------------------------------

export interface AcousticFit {
  /** 0–1; NaN when neither the reverberation, the volume nor the PA can be judged. */
  fit: number;
  /** Sub-scores 0–1 (NaN when not judged). */
  reverb: number;
  volume: number;
  pa: number;
  idealLow: number;
  idealHigh: number;
  /** PA power this sound needs for this audience, W; NaN when the capacity is unknown. */
  neededW: number;
}

/**
 * The ideal mid-frequency RT60 band for a sound: about 0.65 s for dense amplified music, 1.1–1.3 s
 * for an acoustic jazz group, 1.6 s and more for slow acoustic music, a little longer in large rooms
 * (optimum reverberation grows with volume).
 */
export function idealRt60(sound: SoundProfile, volume: number): { low: number; high: number } {
  const base = 0.6 + 1.2 * (1 - sound.density) * (0.4 + 0.6 * sound.acoustic);
  const sizeFactor = Number.isFinite(volume) ? Math.min(1.2, Math.max(0.85, (volume / 2000) ** 0.1)) : 1;
  const centre = base * sizeFactor;
  return { low: centre * 0.8, high: centre * 1.2 };
}

/** Acoustic compatibility of a sound with a room, 0–1, with its parts. Pure and cheap (the ranking loop). */
export function acousticFit(sound: SoundProfile, room: RoomEstimate, into?: AcousticFit): AcousticFit {
  const base = 0.6 + 1.2 * (1 - sound.density) * (0.4 + 0.6 * sound.acoustic);
  const sizeFactor = Number.isFinite(room.volume)
    ? Math.min(1.2, Math.max(0.85, (room.volume / 2000) ** 0.1))
    : 1;
  const low = base * sizeFactor * 0.8;
  const high = base * sizeFactor * 1.2;
  const d = sound.density;
  const a = sound.acoustic;
  let reverb = NaN;
  if (room.openAir) {
    // Nothing reverberates: fine for amplified music, an acoustic act loses the room's support.
    reverb = 1 - 0.45 * a * (1 - d);
  } else if (Number.isFinite(room.rt60Mid)) {
    const rt = Math.max(0.05, room.rt60Mid);
    if (rt > high) {
      // Dense music smears quickly in a live room: the penalty is steeper the denser the sound.
      const sigma = 0.25 + 0.45 * (1 - d);
      reverb = Math.exp(-((Math.log(rt / high) / sigma) ** 2));
    } else if (rt < low) {
      const sigma = 0.55 + 0.3 * d;
      reverb = Math.exp(-((Math.log(low / rt) / sigma) ** 2));
    } else reverb = 1;
  }

  // An unamplified-sounding act carries naturally up to a few thousand m³, then needs help.
  let volume = NaN;
  if (Number.isFinite(room.volume) && !room.openAir) {
    const natural = room.volume <= 2500 ? 1 : Math.exp(-((Math.log(room.volume / 2500) / 1.4) ** 2));
    volume = 1 - a * (1 - d) * (1 - natural);
  }

  // Rule of thumb for live sound: ≈1 W per person for acoustic music, 6–8 W for dense rock or
  // electronic music, twice as much in the open air.
  const wattsPerPerson = (0.5 + 7.5 * d * (1 - 0.6 * a)) * (room.openAir ? 2 : 1);
  const neededW = Number.isFinite(room.capacity) ? wattsPerPerson * room.capacity : NaN;
  const pa =
    Number.isFinite(neededW) && Number.isFinite(room.paW) ? Math.min(1, room.paW / neededW) ** 0.75 : NaN;

  let sum = 0;
  let weights = 0;
  if (!Number.isNaN(reverb)) {
    sum += 0.6 * reverb;
    weights += 0.6;
  }
  if (!Number.isNaN(volume)) {
    sum += 0.15 * volume;
    weights += 0.15;
  }
  if (!Number.isNaN(pa)) {
    sum += 0.25 * pa;
    weights += 0.25;
  }
  // The ranking loop passes a scratch object: no allocation per venue.
  const out = into ?? ({} as AcousticFit);
  out.fit = weights > 0 ? sum / weights : NaN;
  out.reverb = reverb;
  out.volume = volume;
  out.pa = pa;
  out.idealLow = low;
  out.idealHigh = high;
  out.neededW = neededW;
  return out;
}

// ---- Words --------------------------------------------------------------------------------------

export function assumptionText(code: Assumption, lang: Lang): string {
  switch (code) {
    case 'treatment-unknown':
      return say(
        lang,
        'traitement acoustique inconnu : partiel supposé',
        'acoustic treatment unknown: partial assumed',
      );
    case 'materials-from-treatment':
      return say(lang, 'matériaux déduits du traitement', 'materials inferred from the treatment');
    case 'height-from-kind':
      return say(lang, 'hauteur sous plafond typique supposée', 'typical ceiling height assumed');
    case 'volume-from-capacity':
      return say(lang, 'volume déduit de la jauge', 'volume inferred from the capacity');
    case 'full-house':
      return say(lang, 'salle pleine', 'full house');
    case 'stone-church':
      return say(lang, 'église en pierre non traitée supposée', 'untreated stone church assumed');
  }
}

export function roomAcousticsView(room: RoomEstimate, lang: Lang): RoomAcoustics {
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    source: room.source,
    rt60MidSec: Number.isFinite(room.rt60Mid) ? round2(room.rt60Mid) : null,
    bands: room.bands.map((b) => ({
      hz: b.hz,
      sabineSec: round2(b.sabineSec),
      eyringSec: round2(b.eyringSec),
    })),
    volumeM3: Number.isFinite(room.volume) ? Math.round(room.volume) : null,
    assumptions: room.assumptions.map((code) => assumptionText(code, lang)),
  };
}

function soundWords(sound: SoundProfile, lang: Lang): string {
  if (sound.density >= 0.6) return say(lang, 'un son dense et énergique', 'a dense, energetic sound');
  if (sound.acoustic >= 0.6)
    return sound.density < 0.35
      ? say(lang, 'un son acoustique et calme', 'a calm acoustic sound')
      : say(lang, 'un son acoustique', 'an acoustic sound');
  return say(lang, 'ce son', 'this sound');
}

function rtWords(room: RoomEstimate, lang: Lang): string {
  const value = `${num(room.rt60Mid, lang, 1)}\u00a0s`;
  switch (room.source) {
    case 'measured':
      return say(lang, `RT60 mesuré ${value}`, `measured RT60 ${value}`);
    case 'estimated':
      return say(lang, `RT60 estimé ${value}`, `estimated RT60 ${value}`);
    default:
      return say(lang, `RT60 estimé grossièrement ${value}`, `roughly estimated RT60 ${value}`);
  }
}

/** The acoustics component's sentence. */
export function acousticSentence(
  sound: SoundProfile | null,
  room: RoomEstimate,
  fit: AcousticFit | null,
  lang: Lang,
): string {
  if (!sound)
    return say(
      lang,
      "pas encore de démo analysée pour cet artiste : l'acoustique n'est pas notée",
      'no analysed demo for this artist yet: acoustics not scored',
    );
  if (!fit || Number.isNaN(fit.fit))
    return say(
      lang,
      'acoustique de la salle inconnue (ni RT60, ni dimensions, ni jauge)',
      "the room's acoustics are unknown (no RT60, dimensions or capacity)",
    );
  const ideal = `${num(fit.idealLow, lang, 1)}–${num(fit.idealHigh, lang, 1)}\u00a0s`;
  const parts: string[] = [];
  if (room.openAir) parts.push(say(lang, 'plein air : pas de réverbération', 'open air: no reverberation'));
  else if (Number.isFinite(room.rt60Mid)) {
    const verdict =
      fit.reverb >= 0.95
        ? say(lang, `idéal pour ${soundWords(sound, lang)}`, `ideal for ${soundWords(sound, lang)}`)
        : room.rt60Mid > fit.idealHigh
          ? say(
              lang,
              `trop réverbérant pour ${soundWords(sound, lang)} (idéal ${ideal})`,
              `too reverberant for ${soundWords(sound, lang)} (ideal ${ideal})`,
            )
          : say(
              lang,
              `un peu sec pour ${soundWords(sound, lang)} (idéal ${ideal})`,
              `rather dry for ${soundWords(sound, lang)} (ideal ${ideal})`,
            );
    parts.push(`${rtWords(room, lang)}, ${verdict}`);
  }
  if (!Number.isNaN(fit.volume) && fit.volume < 0.8)
    parts.push(
      say(
        lang,
        `volume de ${num(room.volume, lang)}\u00a0m³ : grand pour un son acoustique`,
        `${num(room.volume, lang)}\u00a0m³: large for an acoustic sound`,
      ),
    );
  if (!Number.isNaN(fit.pa) && fit.pa < 0.95)
    parts.push(
      say(
        lang,
        `diffusion de ${num(room.paW / 1000, lang, 1)}\u00a0kW pour ${num(fit.neededW / 1000, lang, 1)}\u00a0kW nécessaires`,
        `${num(room.paW / 1000, lang, 1)}\u00a0kW PA for ${num(fit.neededW / 1000, lang, 1)}\u00a0kW needed`,
      ),
    );
  return parts.join(' ; ') || say(lang, 'acoustique adaptée', 'suitable acoustics');
}

/** Technical advice for this sound in this room (monitoring, stage volume, reverb, PA power, treatment). */
export function acousticRecommendations(
  sound: SoundProfile | null,
  room: RoomEstimate,
  treatment: RoomInput['acoustics']['treatment'],
  lang: Lang,
): Recommendation[] {
  const out: Recommendation[] = [];
  if (!sound) {
    if (Number.isFinite(room.capacity) && !Number.isFinite(room.paW))
      out.push({
        topic: 'pa_power',
        severity: 'info',
        text: say(
          lang,
          'Puissance de la diffusion inconnue : à demander à la salle.',
          'PA power unknown: ask the venue.',
        ),
      });
    return out;
  }
  const fit = acousticFit(sound, room);
  const live = Number.isFinite(room.rt60Mid) && room.rt60Mid > fit.idealHigh;
  const dry = Number.isFinite(room.rt60Mid) && room.rt60Mid < fit.idealLow;
  const dense = sound.density >= 0.55;
  const loud = dense || (sound.loudnessLufs !== null && sound.loudnessLufs > -12);

  if (live && dense) {
    out.push({
      topic: 'reverb',
      severity: 'warning',
      text: say(
        lang,
        'Salle réverbérante pour ce son : aucune réverbération ajoutée en façade, micros au plus près des sources, façade orientée vers le public plutôt que vers les murs.',
        'A reverberant room for this sound: no added reverb at front of house, close miking, PA aimed at the audience rather than the walls.',
      ),
    });
    out.push({
      topic: 'monitoring',
      severity: 'advice',
      text: say(
        lang,
        "Retours intra-auriculaires conseillés : les retours de scène repiquent la réverbération et brouillent l'écoute.",
        'In-ear monitors recommended: wedges feed the reverberation back and blur what the band hears.',
      ),
    });
  } else if (live) {
    out.push({
      topic: 'reverb',
      severity: 'advice',
      text: say(
        lang,
        'Peu ou pas de réverbération artificielle : la salle en apporte assez.',
        'Little or no artificial reverb: the room provides enough.',
      ),
    });
  }
  if (dry && sound.acoustic >= 0.5) {
    out.push({
      topic: 'reverb',
      severity: 'advice',
      text: say(
        lang,
        'Salle sèche : une réverbération légère en façade (ou une sonorisation d’appoint) redonnera de l’ampleur aux instruments acoustiques.',
        'A dry room: a light reverb at front of house (or discreet reinforcement) restores the acoustic instruments’ bloom.',
      ),
    });
  }
  if (live && loud) {
    out.push({
      topic: 'stage_volume',
      severity: 'advice',
      text: say(
        lang,
        'Volume plateau bas : amplis orientés vers les musiciens, écran de batterie si possible.',
        'Keep stage volume low: amps aimed at the players, a drum shield if possible.',
      ),
    });
  }
  if (Number.isFinite(room.volume) && room.volume < 600 && dense) {
    out.push({
      topic: 'stage_volume',
      severity: 'advice',
      text: say(
        lang,
        'Petite salle : le son de scène couvre déjà la façade, limiter les amplis et la batterie.',
        'Small room: the stage sound already covers the audience, keep amps and drums down.',
      ),
    });
  }
  if (!live && !dense && Number.isFinite(room.volume) && room.volume > 2500 && sound.acoustic >= 0.6) {
    out.push({
      topic: 'monitoring',
      severity: 'advice',
      text: say(
        lang,
        'Grand volume pour un son acoustique : retours discrets, musiciens resserrés sur scène pour s’entendre.',
        'A large room for an acoustic sound: discreet monitors, players close together on stage to hear each other.',
      ),
    });
  }
  if (Number.isFinite(room.rt60Low) && room.rt60Low > 1.4 * room.rt60Mid && dense) {
    out.push({
      topic: 'low_end',
      severity: 'advice',
      text: say(
        lang,
        `Basses qui traînent (RT60 à 125 Hz : ${num(room.rt60Low, lang, 1)} s) : filtrer le bas, caissons en configuration cardioïde.`,
        `Lingering low end (RT60 at 125 Hz: ${num(room.rt60Low, lang, 1)} s): high-pass generously, cardioid subwoofer arrays.`,
      ),
    });
  }
  if (live && (treatment === 'untreated' || treatment === 'unknown')) {
    out.push({
      topic: 'treatment',
      severity: 'info',
      text: say(
        lang,
        'Des rideaux lourds ou tentures sur le mur du fond réduiraient la réverbération.',
        'Heavy curtains or drapes on the back wall would reduce the reverberation.',
      ),
    });
  }
  if (Number.isFinite(fit.neededW)) {
    const needed = `${num(fit.neededW / 1000, lang, 1)}\u00a0kW`;
    if (!Number.isFinite(room.paW))
      out.push({
        topic: 'pa_power',
        severity: 'info',
        text: say(
          lang,
          `Puissance de la diffusion inconnue : compter environ ${needed} pour ce son et ${num(room.capacity, lang)} personnes.`,
          `PA power unknown: plan on about ${needed} for this sound and ${num(room.capacity, lang)} people.`,
        ),
      });
    else if (room.paW < fit.neededW)
      out.push({
        topic: 'pa_power',
        severity: room.paW < 0.6 * fit.neededW ? 'warning' : 'advice',
        text: say(
          lang,
          `Diffusion de ${num(room.paW / 1000, lang, 1)} kW pour environ ${needed} nécessaires : prévoir un renfort.`,
          `${num(room.paW / 1000, lang, 1)} kW PA for about ${needed} needed: plan extra reinforcement.`,
        ),
      });
  }
  return out;
}
