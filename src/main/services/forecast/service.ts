import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deal } from '../../../shared/deals';
import { AppError } from '../../../shared/errors';
import type {
  BestDates,
  Bilingual,
  DateCell,
  DateConflict,
  DateFlags,
  FeeRecommendation,
  Forecast,
  ForecastBasis,
  ForecastFactor,
  ForecastRequest,
  ModelCard,
  PriceCurve,
} from '../../../shared/forecast';
import type { Store } from '../../store/database';
import type { ForecastInput } from './features';
import { dayNumber, isoOfDay, publicHolidayOnOrEve, schoolHolidayOn, weekdayOfDay } from './holidays';
import { pairContext, type InputParts, type PairContext } from './inputs';
import { loadForecastModel, type ForecastModel, type TicketForecast } from './model';
import {
  bestBy,
  breakEvenUnder,
  dealAt,
  feeLevel,
  maxAffordable,
  priceGrid,
  pricePoint,
  ticketDistribution,
  topDates,
} from './optimise';

// Forecasts over the store: resolves the current model (the booker's retrained one, else the shipped
// prior), builds inputs (inputs.ts), predicts in batches, and runs the optimisers (optimise.ts).

/** Assumed when neither the request, the deal nor the venue gives a price: about the median French ticket (CNM: 13–14 €). */
export const FALLBACK_TICKET_PRICE = 14;

const MODEL_CARD = 'model-card.json';

/**
 * The folder of the shipped models (holding `prior/`), found in this order: FLOWSTAGE_MODELS; the packaged
 * app's resources (`process.resourcesPath/models`, electron-builder extraResources); the repository's
 * `models/` above this file (vitest runs the sources from src/main/services/forecast, the built host and
 * CLI run from out/main or out/main/chunks); the working directory's `models/`.
 */
export function shippedModelsDir(): string | null {
  const candidates: string[] = [];
  if (process.env.FLOWSTAGE_MODELS) candidates.push(resolve(process.env.FLOWSTAGE_MODELS));
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'models'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'models'));
    dir = dirname(dir);
  }
  candidates.push(join(process.cwd(), 'models'));
  return candidates.find((c) => existsSync(join(c, 'prior', MODEL_CARD))) ?? null;
}

export function userModelDir(dataDir: string): string {
  return join(dataDir, 'models', 'current');
}

export interface LoadedModel {
  model: ForecastModel;
  source: 'prior' | 'user';
  dir: string;
  /** Why the user model could not be used, when the prior stands in for it. */
  fallbackReason: string | null;
}

/** Keeps the current model open; reloaded after a retraining replaced it. */
export function createModelRegistry(dataDir: string) {
  let loading: Promise<LoadedModel> | null = null;

  async function load(): Promise<LoadedModel> {
    const userDir = userModelDir(dataDir);
    let fallbackReason: string | null = null;
    if (existsSync(join(userDir, MODEL_CARD))) {
      try {
        return {
          model: await loadForecastModel(userDir),
          source: 'user',
          dir: userDir,
          fallbackReason: null,
        };
      } catch (error) {
        fallbackReason = error instanceof Error ? error.message : String(error);
      }
    }
    const shipped = shippedModelsDir();
    if (!shipped) {
      throw new AppError(
        'NOT_FOUND',
        'No forecast model is installed: models/prior is missing (run `npm run train:prior`, or set FLOWSTAGE_MODELS).',
      );
    }
    const dir = join(shipped, 'prior');
    return { model: await loadForecastModel(dir), source: 'prior', dir, fallbackReason };
  }

  return {
    current(): Promise<LoadedModel> {
      loading ??= load().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    /** Forget the open model (after the files changed); the next call loads the new one. */
    async reload(): Promise<void> {
      const previous = loading;
      loading = null;
      if (previous) await previous.then((m) => m.model.close()).catch(() => undefined);
    },
    async close(): Promise<void> {
      await this.reload();
    },
  };
}
export type ModelRegistry = ReturnType<typeof createModelRegistry>;

// ---- Words -----------------------------------------------------------------------------------------

/** The factors' names for the booker (the explanation groups of model.ts, and the input fields). */
const FACTOR_LABELS: Record<string, Bilingual> = {
  capacity: { fr: 'Jauge', en: 'Capacity' },
  ticketPrice: { fr: 'Prix du billet', en: 'Ticket price' },
  leadTimeDays: { fr: "Délai d'annonce", en: 'Lead time' },
  artistDraw: { fr: "Public habituel de l'artiste dans la région", en: "Artist's usual draw in the region" },
  artistFillRate: { fr: "Remplissage habituel de l'artiste", en: "Artist's usual fill rate" },
  artistEvents: { fr: "Historique de l'artiste", en: "Artist's history" },
  venueFillRate: { fr: 'Remplissage habituel de la salle', en: "Venue's usual fill rate" },
  venueEvents: { fr: 'Historique de la salle', en: "Venue's history" },
  genreFit: { fr: 'Affinité de genre avec la salle', en: 'Genre fit with the venue' },
  energy: { fr: 'Énergie (ADN audio)', en: 'Energy (audio DNA)' },
  danceability: { fr: 'Dansabilité (ADN audio)', en: 'Danceability (audio DNA)' },
  publicHoliday: { fr: 'Jour férié ou veille', en: 'Public holiday or eve' },
  schoolHoliday: { fr: 'Vacances scolaires (approximation)', en: 'School holidays (approximation)' },
  competingEvents: { fr: 'Concerts concurrents à proximité', en: 'Competing shows nearby' },
  promotionSpend: { fr: 'Budget de promotion', en: 'Promotion spend' },
  dayOfWeek: { fr: 'Jour de la semaine', en: 'Day of the week' },
  month: { fr: 'Mois', en: 'Month' },
  country: { fr: 'Pays', en: 'Country' },
};

function factorLabel(feature: string): Bilingual {
  return FACTOR_LABELS[feature] ?? { fr: feature, en: feature };
}

/** French counts 0 and 1 as singular ("0 concert passé"), English only 1. */
const pluralFr = (n: number, one: string, many: string) => `${n} ${n < 2 ? one : many}`;
const pluralEn = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function basisOf(
  card: ModelCard | ForecastModel['card'],
  venueEvents: number,
  artistEvents: number,
): ForecastBasis {
  const prior = card.kind === 'prior';
  const local = {
    fr: `${pluralFr(venueEvents, 'concert passé', 'concerts passés')} dans cette salle, ${artistEvents} pour cet artiste`,
    en: `${pluralEn(venueEvents, 'past event', 'past events')} at this venue, ${artistEvents} for this artist`,
  };
  const own = card.trainingRows - card.syntheticRows;
  const error = card.typicalError === null ? null : Math.round(card.typicalError);
  const summary: Bilingual = prior
    ? {
        fr: `Modèle a priori seulement (données synthétiques tirées des statistiques CNM) — ${local.fr}`,
        en: `Prior only (synthetic data from CNM statistics) — ${local.en}`,
      }
    : {
        fr: `Entraîné sur ${own} de vos concerts${error === null ? '' : `, erreur typique ±${error} billets`} — ${local.fr}`,
        en: `Trained on ${own} of your events${error === null ? '' : `, typical error ±${error} tickets`} — ${local.en}`,
      };
  return {
    modelKind: card.kind,
    modelVersion: card.version,
    trainingRows: card.trainingRows,
    syntheticRows: card.syntheticRows,
    venueEvents,
    artistEvents,
    typicalError: prior ? null : card.typicalError,
    summary,
  };
}

function flagsOf(input: ForecastInput, ctx: PairContext): DateFlags {
  const region = { country: ctx.venue.country, postalCode: ctx.venue.postalCode };
  const holiday = publicHolidayOnOrEve(input.date, region);
  const school = schoolHolidayOn(input.date, region);
  return {
    publicHoliday: holiday ? (holiday.eve ? `Veille : ${holiday.holiday.fr}` : holiday.holiday.fr) : null,
    schoolHoliday: school !== null,
    schoolHolidayName: school ? `${school.fr} (approximation)` : null,
    competingEvents: input.competingEvents,
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const range = (f: TicketForecast) => ({ p10: round1(f.p10), p50: round1(f.p50), p90: round1(f.p90) });

// ---- The service -----------------------------------------------------------------------------------

export interface Target {
  ctx: PairContext;
  capacity: number;
  ticketPrice: number;
  currency: 'EUR' | 'CHF';
  warnings: Bilingual[];
}

export function createForecastService(store: Store, models: ModelRegistry) {
  const today = () => new Date().toISOString().slice(0, 10);

  /** Capacity and price of a request, each from the request, else the deal, else the venue — or a clear error. */
  function resolveTarget(request: {
    artistId: string;
    venueId: string;
    ticketPrice?: number | undefined;
    capacity?: number | undefined;
    deal?: Deal | undefined;
  }): Target {
    const ctx = pairContext(store, request.artistId, request.venueId);
    const warnings: Bilingual[] = [];
    let capacity = request.capacity ?? request.deal?.capacity ?? ctx.venue.capacity;
    if ((capacity === null || capacity === undefined) && ctx.usualCapacity !== null) {
      capacity = Math.round(ctx.usualCapacity);
      warnings.push({
        fr: `Jauge de ${ctx.venue.name} non renseignée : ${capacity} places, la jauge de ses derniers concerts.`,
        en: `${ctx.venue.name} has no capacity set: ${capacity}, the capacity of its recent shows, is used.`,
      });
    }
    if (capacity === 0) {
      throw new AppError(
        'VALIDATION',
        'A capacity of 0 cannot be forecast: give the number of tickets on sale (or set the venue’s capacity).',
        [{ path: 'capacity', message: 'Capacity must be at least 1 ticket' }],
      );
    }
    if (capacity === null || capacity === undefined) {
      throw new AppError(
        'VALIDATION',
        `The capacity of ${ctx.venue.name} is unknown: set its standing or seated capacity, or give a capacity.`,
        [{ path: 'capacity', message: 'Capacity unknown' }],
      );
    }
    let ticketPrice = request.ticketPrice ?? request.deal?.ticketPrice ?? ctx.usualPriceNow;
    if (ticketPrice === null || ticketPrice === undefined) {
      ticketPrice = FALLBACK_TICKET_PRICE;
      warnings.push({
        fr: `Prix du billet inconnu : ${FALLBACK_TICKET_PRICE} € supposés (billet médian en France, CNM).`,
        en: `Ticket price unknown: ${FALLBACK_TICKET_PRICE} assumed (the median French ticket, CNM).`,
      });
    }
    const currency = request.deal?.currency ?? ctx.venue.currency;
    if (currency === 'CHF') {
      warnings.push({
        fr: 'Prix en CHF : le modèle a priori a appris sur des prix en euros ; lisez l’effet du prix avec prudence.',
        en: 'Prices in CHF: the prior learned from prices in euros; read the price effect with care.',
      });
    }
    if (ctx.venue.country && !['FR', 'BE', 'CH'].includes(ctx.venue.country)) {
      warnings.push({
        fr: `Pays ${ctx.venue.country} : jours fériés et vacances scolaires non pris en compte.`,
        en: `Country ${ctx.venue.country}: public and school holidays are not taken into account.`,
      });
    }
    return { ctx, capacity, ticketPrice, currency, warnings };
  }

  function partsFor(
    target: Target,
    date: string,
    overrides: {
      ticketPrice?: number;
      announcedOn?: string | undefined;
      promotionSpend?: number | undefined;
    } = {},
  ): InputParts {
    const announced = overrides.announcedOn ?? today();
    const lead = dayNumber(date) - dayNumber(announced);
    return {
      date,
      capacity: target.capacity,
      ticketPrice: overrides.ticketPrice ?? target.ticketPrice,
      leadTimeDays: lead >= 0 ? lead : null,
      promotionSpend: overrides.promotionSpend ?? null,
    };
  }

  async function factorsFor(model: ForecastModel, input: ForecastInput): Promise<ForecastFactor[]> {
    const effects = await model.explain(input);
    return effects
      .slice(0, 6)
      .map((e) => ({ feature: e.feature, label: factorLabel(e.feature), effect: round1(e.effect) }));
  }

  return {
    async predict(request: ForecastRequest): Promise<Forecast> {
      const target = resolveTarget(request);
      const { model, fallbackReason } = await models.current();
      const [input] = target.ctx.inputs([
        partsFor(target, request.date, {
          announcedOn: request.announcedOn,
          promotionSpend: request.promotionSpend,
        }),
      ]);
      const [forecast] = await model.predict([input!]);
      const distribution = ticketDistribution(forecast!, target.capacity);
      const warnings = [...target.warnings];
      if (fallbackReason) {
        warnings.push({
          fr: `Votre modèle réentraîné n'a pas pu être chargé (${fallbackReason}) : modèle a priori utilisé.`,
          en: `Your retrained model could not be loaded (${fallbackReason}): the prior is used.`,
        });
      }
      return {
        artistId: request.artistId,
        venueId: request.venueId,
        date: request.date,
        currency: target.currency,
        country: target.ctx.venue.country,
        capacity: target.capacity,
        ticketPrice: target.ticketPrice,
        tickets: range(forecast!),
        fill: {
          p10: forecast!.p10 / target.capacity,
          p50: forecast!.fill50,
          p90: forecast!.p90 / target.capacity,
        },
        soldOutProbability: forecast!.soldOutProbability,
        breakEven: request.deal
          ? breakEvenUnder(dealAt(request.deal, target.ticketPrice, target.capacity), distribution)
          : null,
        flags: flagsOf(input!, target.ctx),
        basis: basisOf(model.card, target.ctx.venueEvents, target.ctx.artistEvents),
        factors: await factorsFor(model, input!),
        warnings,
      };
    },

    async priceCurve(
      request: ForecastRequest & { prices?: { min: number; max: number; steps: number } | undefined },
    ): Promise<PriceCurve> {
      const target = resolveTarget(request);
      const { model } = await models.current();
      const prices = priceGrid(target.ticketPrice, request.prices);
      const parts = prices.map((price) =>
        partsFor(target, request.date, {
          ticketPrice: price,
          announcedOn: request.announcedOn,
          promotionSpend: request.promotionSpend,
        }),
      );
      const forecasts = await model.predict(target.ctx.inputs(parts));
      const points = prices.map((price, i) =>
        pricePoint(price, forecasts[i]!, target.capacity, request.deal),
      );
      const revenue = bestBy(points, (p) => p.expectedRevenue)!;
      const profit = request.deal ? bestBy(points, (p) => p.expectedProfit) : null;
      const warnings = [...target.warnings];
      const edges = [prices[0], prices.at(-1)];
      if (edges.includes(revenue.price) || (profit && edges.includes(profit.price))) {
        warnings.push({
          fr: 'Le meilleur prix est au bord de la plage étudiée : l’optimum peut se trouver au-delà (élargissez la plage).',
          en: 'The best price is at the edge of the range studied: the optimum may lie beyond it (widen the range).',
        });
      }
      return {
        currency: target.currency,
        capacity: target.capacity,
        referencePrice: target.ticketPrice,
        points: points.map((p) => ({
          ...p,
          tickets: { p10: round1(p.tickets.p10), p50: round1(p.tickets.p50), p90: round1(p.tickets.p90) },
        })),
        bestForRevenue: { price: revenue.price, expectedRevenue: revenue.expectedRevenue },
        bestForProfit: profit ? { price: profit.price, expectedProfit: profit.expectedProfit! } : null,
        basis: basisOf(model.card, target.ctx.venueEvents, target.ctx.artistEvents),
        warnings,
      };
    },

    async bestDates(request: {
      artistId: string;
      venueId: string;
      from: string;
      to: string;
      ticketPrice?: number | undefined;
      capacity?: number | undefined;
      top: number;
    }): Promise<BestDates> {
      const target = resolveTarget(request);
      const { model } = await models.current();
      const first = dayNumber(request.from);
      const last = dayNumber(request.to);
      const dates: string[] = [];
      for (let d = first; d <= last; d++) dates.push(isoOfDay(d));
      const inputs = target.ctx.inputs(dates.map((date) => partsFor(target, date)));
      const forecasts = await model.predict(inputs);
      const conflicts = conflictsByDate(store, request.artistId, request.venueId, request.from, request.to);
      const days: DateCell[] = dates.map((date, i) => {
        const f = forecasts[i]!;
        const dayConflicts = conflicts.get(date) ?? [];
        return {
          date,
          weekday: weekdayOfDay(first + i),
          tickets: range(f),
          fill50: f.fill50,
          soldOutProbability: f.soldOutProbability,
          flags: flagsOf(inputs[i]!, target.ctx),
          conflicts: dayConflicts,
          available: !dayConflicts.some((c) => c.severity === 'error'),
        };
      });
      return {
        capacity: target.capacity,
        ticketPrice: target.ticketPrice,
        days,
        top: topDates(days, request.top),
        basis: basisOf(model.card, target.ctx.venueEvents, target.ctx.artistEvents),
      };
    },

    async feeRecommendation(request: {
      artistId: string;
      venueId: string;
      date: string;
      deal: Deal;
    }): Promise<FeeRecommendation> {
      const target = resolveTarget(request);
      const { model } = await models.current();
      const [input] = target.ctx.inputs([partsFor(target, request.date)]);
      const [forecast] = await model.predict([input!]);
      const distribution = ticketDistribution(forecast!, target.capacity);
      const deal = dealAt(request.deal, target.ticketPrice, target.capacity);
      const adjusts = deal.type === 'doorSplit' ? 'artistPercentage' : 'guarantee';
      const at = (tickets: number) =>
        feeLevel(deal, maxAffordable(deal, Math.round(tickets), adjusts), adjusts, distribution);
      const current = feeLevel(
        deal,
        adjusts === 'guarantee' ? deal.guarantee : deal.artistPercentage,
        adjusts,
        distribution,
      );
      const safe = at(forecast!.p10);
      const targetLevel = at(forecast!.p50);
      const stretch = at(forecast!.p90);
      // The explanation is a sentence per language, so its amounts are formatted the way the renderer formats
      // money (locales fr-FR / en-GB, as `localeOf` in the renderer): "10 274,88 €" / "€10,274.88".
      const fmtIn = (locale: string) => {
        const format =
          adjusts === 'guarantee'
            ? new Intl.NumberFormat(locale, { style: 'currency', currency: target.currency })
            : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
        return (v: number) => format.format(adjusts === 'guarantee' ? v : v / 100);
      };
      const fmtFr = fmtIn('fr-FR');
      const fmtEn = fmtIn('en-GB');
      const what =
        adjusts === 'guarantee'
          ? { fr: 'la garantie', en: 'the guarantee' }
          : { fr: 'le pourcentage', en: 'the percentage' };
      return {
        currency: target.currency,
        dealType: deal.type,
        adjusts,
        tickets: range(forecast!),
        safe,
        target: targetLevel,
        stretch,
        current,
        artistUsualFee: { min: target.ctx.artist.feeMin, max: target.ctx.artist.feeMax },
        explanation: {
          fr:
            `Avec ${Math.round(forecast!.p50)} billets attendus (${Math.round(forecast!.p10)}–${Math.round(forecast!.p90)}), ` +
            `l'organisateur équilibre ses comptes jusqu'à ${what.fr} de ${fmtFr(targetLevel.value)} ; ` +
            `${fmtFr(safe.value)} reste sûr même au bas de la fourchette. ` +
            `Au niveau actuel (${fmtFr(current.value)}), chance d'équilibre pour l'organisateur : ${Math.round(current.organiserBreakEvenProbability * 100)} %.`,
          en:
            `With ${Math.round(forecast!.p50)} tickets expected (${Math.round(forecast!.p10)}–${Math.round(forecast!.p90)}), ` +
            `the organiser breaks even up to ${what.en} of ${fmtEn(targetLevel.value)}; ` +
            `${fmtEn(safe.value)} stays safe even at the low end. ` +
            `At the current level (${fmtEn(current.value)}), the organiser's chance of breaking even: ${Math.round(current.organiserBreakEvenProbability * 100)} %.`,
        },
        basis: basisOf(model.card, target.ctx.venueEvents, target.ctx.artistEvents),
      };
    },
  };
}
export type ForecastService = ReturnType<typeof createForecastService>;

const EVENT_STATUS_FR: Record<string, string> = { planned: 'prévu', confirmed: 'confirmé', played: 'joué' };

/**
 * What stands in the way of each date: the artist's own holds and shows (anywhere), holds and shows of
 * others at the venue, and the artist's imported busy blocks. Confirmed ones block; holds warn.
 */
function conflictsByDate(
  store: Store,
  artistId: string,
  venueId: string,
  from: string,
  to: string,
): Map<string, DateConflict[]> {
  const out = new Map<string, DateConflict[]>();
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  const add = (start: string, end: string, conflict: DateConflict) => {
    for (let d = Math.max(dayNumber(start), fromDay); d <= Math.min(dayNumber(end), toDay); d++) {
      const date = isoOfDay(d);
      const list = out.get(date) ?? out.set(date, []).get(date)!;
      list.push(conflict);
    }
  };
  const holds = store.db
    .prepare(
      `SELECT h.artist_id, h.venue_id, h.start_date, h.end_date, h.status, a.name AS artist_name, v.name AS venue_name
       FROM holds h JOIN artists a ON a.id = h.artist_id JOIN venues v ON v.id = h.venue_id
       WHERE h.deleted_at IS NULL AND h.status <> 'released' AND h.start_date <= ? AND h.end_date >= ?
         AND (h.artist_id = ? OR h.venue_id = ?)`,
    )
    .all(to, from, artistId, venueId) as {
    artist_id: string;
    venue_id: string;
    start_date: string;
    end_date: string;
    status: string;
    artist_name: string;
    venue_name: string;
  }[];
  for (const h of holds) {
    const confirmed = h.status === 'confirmed';
    add(h.start_date, h.end_date, {
      kind: h.artist_id === artistId ? 'artistBooked' : 'venueTaken',
      severity: confirmed ? 'error' : 'warning',
      description: {
        fr: `${confirmed ? 'Confirmé' : 'Option'} : ${h.artist_name} à ${h.venue_name}`,
        en: `${confirmed ? 'Confirmed' : 'Hold'}: ${h.artist_name} at ${h.venue_name}`,
      },
    });
  }
  const events = store.db
    .prepare(
      `SELECT e.artist_id, e.date, e.status, a.name AS artist_name, v.name AS venue_name
       FROM events e JOIN artists a ON a.id = e.artist_id JOIN venues v ON v.id = e.venue_id
       WHERE e.deleted_at IS NULL AND e.status IN ('planned', 'confirmed', 'played') AND e.source <> 'synthetic'
         AND e.date BETWEEN ? AND ? AND (e.artist_id = ? OR e.venue_id = ?)`,
    )
    .all(from, to, artistId, venueId) as {
    artist_id: string;
    date: string;
    status: string;
    artist_name: string;
    venue_name: string;
  }[];
  for (const e of events) {
    const blocking = e.status !== 'planned';
    add(e.date, e.date, {
      kind: e.artist_id === artistId ? 'artistBooked' : 'venueTaken',
      severity: blocking ? 'error' : 'warning',
      description: {
        fr: `Concert (${EVENT_STATUS_FR[e.status] ?? e.status}) : ${e.artist_name} à ${e.venue_name}`,
        en: `Show (${e.status}): ${e.artist_name} at ${e.venue_name}`,
      },
    });
  }
  const blocks = store.db
    .prepare(
      `SELECT start_date, end_date, summary FROM calendar_blocks
       WHERE deleted_at IS NULL AND artist_id = ? AND start_date <= ? AND end_date >= ?`,
    )
    .all(artistId, to, from) as { start_date: string; end_date: string; summary: string }[];
  for (const b of blocks) {
    add(b.start_date, b.end_date, {
      kind: 'artistBusy',
      severity: 'error',
      description: {
        fr: `Indisponible : ${b.summary || 'agenda externe'}`,
        en: `Busy: ${b.summary || 'external calendar'}`,
      },
    });
  }
  return out;
}
