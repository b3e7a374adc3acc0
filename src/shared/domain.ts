import { z } from 'zod';
import { SurfaceMaterialSchema } from './materials';

// Domain schemas shared by the services, the adapters and the renderer's forms. Limits are part of
// the contract: they keep a stray 10 MB string or a negative capacity out of the store.

/**
 * The schemas' own messages (English, for the CLI and logs). The renderer translates them by these
 * keys, so rewording one here cannot silently break its translation.
 */
export const schemaMessages = {
  nameRequired: 'Name is required',
  minOverMax: 'Minimum must not exceed maximum',
  twoDecimals: 'At most 2 decimals',
  countryCode: 'Two-letter country code (FR, BE, CH…)',
} as const;

const trimmed = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => trimmed(max).default('');
const nonNegative = z.number().finite().nonnegative();
/** A money amount in the record's currency, to the cent. */
const money = z
  .number()
  .finite()
  .nonnegative()
  .max(100_000_000)
  .refine((v) => Math.round(v * 100) === Number((v * 100).toFixed(6)), {
    message: schemaMessages.twoDecimals,
  });

export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** ISO 3166-1 alpha-2; the product focuses on FR, BE and CH but a touring band may come from anywhere. */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: schemaMessages.countryCode });

export const Currency = z.enum(['EUR', 'CHF']);
export type Currency = z.infer<typeof Currency>;

export const Genres = z.array(trimmed(60).min(1)).max(30).default([]);

export const Contact = z.object({
  name: trimmed(200).min(1),
  role: optionalText(100),
  email: z.union([z.literal(''), z.email().max(254)]).default(''),
  phone: optionalText(40),
});
export type Contact = z.infer<typeof Contact>;

export const MoneyRange = z
  .object({ min: money.nullable().default(null), max: money.nullable().default(null) })
  .refine((r) => r.min === null || r.max === null || r.min <= r.max, {
    message: schemaMessages.minOverMax,
    path: ['max'],
  });
export type MoneyRange = z.infer<typeof MoneyRange>;

const metres = nonNegative.max(10_000);
export const Dimensions = z.object({
  lengthM: metres.nullable().default(null),
  widthM: metres.nullable().default(null),
  heightM: metres.nullable().default(null),
});
export type Dimensions = z.infer<typeof Dimensions>;

export const RoomTreatment = z.enum(['unknown', 'untreated', 'partial', 'treated']);

/** The dominant material of each room surface (null unknown): feeds the estimated RT60. */
export const Surfaces = z.object({
  floor: SurfaceMaterialSchema.nullable().default(null),
  walls: SurfaceMaterialSchema.nullable().default(null),
  ceiling: SurfaceMaterialSchema.nullable().default(null),
});
export type Surfaces = z.infer<typeof Surfaces>;

export const Acoustics = z.object({
  /** Measured reverberation time RT60 (s, mid frequencies); null when not measured. */
  rt60Sec: nonNegative.max(20).nullable().default(null),
  treatment: RoomTreatment.default('unknown'),
  notes: optionalText(2000),
  surfaces: Surfaces.default({ floor: null, walls: null, ceiling: null }),
});
export type Acoustics = z.infer<typeof Acoustics>;

// ---- Artists ---------------------------------------------------------------------------------

export const ArtistInput = z.object({
  name: trimmed(200).min(1, { message: schemaMessages.nameRequired }),
  genres: Genres,
  city: optionalText(120),
  country: CountryCode.or(z.literal('')).default(''),
  currency: Currency.default('EUR'),
  /** Private: the artist's usual fee range (never shared by sync unless the agency chooses). */
  fee: MoneyRange.default({ min: null, max: null }),
  members: z.number().int().min(1).max(200).nullable().default(null),
  contacts: z.array(Contact).max(50).default([]),
  notes: optionalText(20_000),
});
export type ArtistInput = z.input<typeof ArtistInput>;
export type ArtistFields = z.output<typeof ArtistInput>;

export const Artist = ArtistInput.extend({
  id: Id,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Artist = z.infer<typeof Artist>;

// ---- Venues ----------------------------------------------------------------------------------

export const VENUE_KINDS = [
  'club',
  'concert_hall',
  'theatre',
  'festival',
  'bar',
  'church',
  'outdoor',
  'arena',
  'other',
] as const;
export const VenueKind = z.enum(VENUE_KINDS);
export type VenueKind = z.infer<typeof VenueKind>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

export const VENUE_SOURCE_KINDS = ['user', 'csv', 'festivals-fr'] as const;
/** Where a venue record came from; for festivals the dataset's id (e.g. FEST_37011_550). */
export const VenueSource = z.object({
  kind: z.enum(VENUE_SOURCE_KINDS),
  ref: z.string().max(200),
});
export type VenueSource = z.infer<typeof VenueSource>;

export const VenueInput = z.object({
  name: trimmed(200).min(1, { message: schemaMessages.nameRequired }),
  kind: VenueKind.default('other'),
  address: optionalText(300),
  postalCode: optionalText(20),
  city: optionalText(120),
  country: CountryCode.or(z.literal('')).default(''),
  /** French region, Belgian region or Swiss canton. */
  region: optionalText(120),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  capacityStanding: z.number().int().min(0).max(200_000).nullable().default(null),
  capacitySeated: z.number().int().min(0).max(200_000).nullable().default(null),
  room: Dimensions.default({ lengthM: null, widthM: null, heightM: null }),
  stage: Dimensions.default({ lengthM: null, widthM: null, heightM: null }),
  acoustics: Acoustics.default({
    rt60Sec: null,
    treatment: 'unknown',
    notes: '',
    surfaces: { floor: null, walls: null, ceiling: null },
  }),
  paSystem: optionalText(2000),
  /** PA power in watts; null when unknown. */
  paPowerW: z.number().min(0).max(2_000_000).nullable().default(null),
  backline: optionalText(2000),
  genres: Genres,
  currency: Currency.default('EUR'),
  ticketPrice: MoneyRange.default({ min: null, max: null }),
  /** Private: the artistic budget the venue usually spends on a show. */
  budget: MoneyRange.default({ min: null, max: null }),
  contacts: z.array(Contact).max(50).default([]),
  notes: optionalText(20_000),
  /** Days with shows; [] = unknown. */
  daysOpen: z.array(Weekday).max(7).default([]),
  /** Programming season or festival months (1–12); [] = all year or unknown. */
  months: z.array(z.number().int().min(1).max(12)).max(12).default([]),
  website: optionalText(500),
  source: VenueSource.default({ kind: 'user', ref: '' }),
});
export type VenueInput = z.input<typeof VenueInput>;
export type VenueFields = z.output<typeof VenueInput>;

export const Venue = VenueInput.extend({
  id: Id,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Venue = z.infer<typeof Venue>;

// ---- Lists -----------------------------------------------------------------------------------

export const ListQuery = z
  .object({
    /** Search-as-you-type: matches name, city, genres (accent- and case-insensitive). */
    query: trimmed(200).default(''),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .default({ query: '', limit: 100, offset: 0 });

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

export const Language = z.enum(['fr', 'en']);
export type Language = z.infer<typeof Language>;

export const Settings = z.object({ language: Language });
export type Settings = z.infer<typeof Settings>;
