import { Deal } from '../../shared/deals';
import { AppError } from '../../shared/errors';
import type { NegotiationBrief, Offer } from '../../shared/offers';
import type { Store } from '../store/database';
import {
  acceptanceAt,
  fitAcceptanceModel,
  xForProbability,
  type AcceptanceObservation,
} from './deals/acceptance';
import { settle } from './deals/arithmetic';
import { draftMessages, formatMoney, type Language } from './deals/messages';

// The negotiation brief of an offer: the amount on the table, the chance the other side accepts it
// (fitted on the booker's own rounds), the zone of possible agreement, anchors, friction points the
// data shows, talking points, concessions and message drafts. Read-only: it changes nothing.

/** Without a forecast (the prediction work supplies one), a percentage deal is read at this fill rate. */
const DEFAULT_FILL = 0.7;
/** An exclusivity radius clause typically covers ~100 km and a few weeks around the date. */
const RADIUS_KM = 100;
const RADIUS_DAYS = 30;

interface PartyFacts {
  name: string;
  genres: string[];
  city: string;
  latitude: number | null;
  longitude: number | null;
  rangeMin: number | null;
  rangeMax: number | null;
  contact: string | null;
}

const mid = (min: number | null, max: number | null) =>
  min !== null && max !== null ? (min + max) / 2 : (max ?? min);
const roundTo = (value: number, step: number) => Math.round(value / step) * step;

function km(a: PartyFacts, b: PartyFacts): number | null {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return null;
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export function createNegotiationService(store: Store, getOffer: (id: string) => Offer) {
  const { db } = store;

  function artistFacts(id: string): PartyFacts {
    const r = db
      .prepare(
        `SELECT a.name, a.genres, a.city, p.fee_min, p.fee_max, p.contacts FROM artists a
         JOIN artists_private p ON p.artist_id = a.id WHERE a.id = ?`,
      )
      .get(id) as {
      name: string;
      genres: string;
      city: string;
      fee_min: number | null;
      fee_max: number | null;
      contacts: string;
    };
    const contacts = JSON.parse(r.contacts) as { name: string }[];
    return {
      name: r.name,
      genres: JSON.parse(r.genres) as string[],
      city: r.city,
      latitude: null,
      longitude: null,
      rangeMin: r.fee_min,
      rangeMax: r.fee_max,
      contact: contacts[0]?.name ?? null,
    };
  }

  function venueFacts(id: string): PartyFacts {
    const r = db
      .prepare(
        `SELECT v.name, v.genres, v.city, v.latitude, v.longitude, p.budget_min, p.budget_max, p.contacts FROM venues v
         JOIN venues_private p ON p.venue_id = v.id WHERE v.id = ?`,
      )
      .get(id) as {
      name: string;
      genres: string;
      city: string;
      latitude: number | null;
      longitude: number | null;
      budget_min: number | null;
      budget_max: number | null;
      contacts: string;
    };
    const contacts = JSON.parse(r.contacts) as { name: string }[];
    return {
      name: r.name,
      genres: JSON.parse(r.genres) as string[],
      city: r.city,
      latitude: r.latitude,
      longitude: r.longitude,
      rangeMin: r.budget_min,
      rangeMax: r.budget_max,
      contact: contacts[0]?.name ?? null,
    };
  }

  /** The booker's past fill rate at a venue (played events), else the default. */
  function fillAt(venueId: string): { fill: number; known: boolean } {
    const r = db
      .prepare(
        `SELECT sum(tickets_sold) AS sold, sum(capacity) AS cap FROM events
         WHERE venue_id = ? AND status = 'played' AND deleted_at IS NULL AND capacity > 0 AND tickets_sold IS NOT NULL`,
      )
      .get(venueId) as { sold: number | null; cap: number | null };
    return r.cap
      ? { fill: Math.min(1, (r.sold ?? 0) / r.cap), known: true }
      : { fill: DEFAULT_FILL, known: false };
  }

  /** The amount a deal puts on the table: the guarantee, or for a door split the expected share. */
  function amountOf(deal: Deal, fill: number): number {
    if (deal.type !== 'doorSplit') return deal.guarantee;
    return settle(deal, Math.round(deal.capacity * fill)).artistTotal / 100;
  }

  function referenceFor(side: 'artist' | 'organiser', artist: PartyFacts, venue: PartyFacts) {
    const venueBudget = mid(venue.rangeMin, venue.rangeMax);
    const artistFee = mid(artist.rangeMin, artist.rangeMax);
    return side === 'artist'
      ? venueBudget !== null
        ? { amount: venueBudget, key: 'venueBudget' as const }
        : artistFee !== null
          ? { amount: artistFee, key: 'artistFee' as const }
          : null
      : artistFee !== null
        ? { amount: artistFee, key: 'artistFee' as const }
        : venueBudget !== null
          ? { amount: venueBudget, key: 'venueBudget' as const }
          : null;
  }

  /** Labelled rounds from other offers: our proposal, then their acceptance (1) or counter/decline (0). */
  function history(excludeOfferId: string): AcceptanceObservation[] {
    const rows = db
      .prepare(
        `SELECT o.id AS offer_id, o.side, o.artist_id, o.venue_id, r.by_party, r.action, r.terms
         FROM offer_rounds r JOIN offers o ON o.id = r.offer_id
         WHERE r.deleted_at IS NULL AND o.deleted_at IS NULL AND o.id <> ? ORDER BY o.id, r.at, r.updated_at`,
      )
      .all(excludeOfferId) as {
      offer_id: string;
      side: 'artist' | 'organiser';
      artist_id: string;
      venue_id: string;
      by_party: 'us' | 'them';
      action: string;
      terms: string;
    }[];
    const observations: AcceptanceObservation[] = [];
    for (let i = 0; i < rows.length - 1; i++) {
      const ours = rows[i]!;
      const theirs = rows[i + 1]!;
      if (ours.offer_id !== theirs.offer_id || ours.by_party !== 'us' || theirs.by_party !== 'them') continue;
      if (
        !['sent', 'countered'].includes(ours.action) ||
        !['accepted', 'countered', 'declined'].includes(theirs.action)
      )
        continue;
      const deal = Deal.safeParse(JSON.parse(ours.terms));
      if (!deal.success) continue;
      const reference = referenceFor(ours.side, artistFacts(ours.artist_id), venueFacts(ours.venue_id));
      const amount = amountOf(deal.data, fillAt(ours.venue_id).fill);
      if (!reference || reference.amount <= 0 || amount <= 0) continue;
      const sign = ours.side === 'artist' ? 1 : -1;
      observations.push({
        x: sign * Math.log(amount / reference.amount),
        accepted: theirs.action === 'accepted',
      });
    }
    return observations;
  }

  return {
    brief(offerId: string, language: Language): NegotiationBrief {
      const offer = getOffer(offerId);
      const fr = language === 'fr';
      const artist = artistFacts(offer.artistId);
      const venue = venueFacts(offer.venueId);
      const money = (v: number) => formatMoney(v, offer.deal.currency, language);
      const { fill, known: fillKnown } = fillAt(offer.venueId);
      const amount = amountOf(offer.deal, fill);
      const fillText = `${Math.round(fill * 100)} %`;
      const amountBasis =
        offer.deal.type === 'doorSplit'
          ? fr
            ? `part artiste attendue à ${fillText} de remplissage (${fillKnown ? 'votre historique dans ce lieu' : 'hypothèse par défaut, sans prévision'})`
            : `expected artist share at ${fillText} fill (${fillKnown ? 'your history at this venue' : 'default assumption, no forecast'})`
          : fr
            ? 'cachet garanti'
            : 'guaranteed fee';

      const reference = referenceFor(offer.side, artist, venue);
      const referenceBasis = !reference
        ? fr
          ? "aucune référence : renseignez le budget du lieu ou la fourchette de cachet de l'artiste"
          : "no yardstick: fill in the venue's budget or the artist's fee range"
        : reference.key === 'venueBudget'
          ? fr
            ? 'budget artistique habituel du lieu'
            : "the venue's usual artist budget"
          : fr
            ? "fourchette de cachet habituelle de l'artiste"
            : "the artist's usual fee range";
      const sign = offer.side === 'artist' ? 1 : -1;
      const refAmount = reference && reference.amount > 0 ? reference.amount : amount > 0 ? amount : 1;
      const xOf = (value: number) => sign * Math.log(Math.max(value, 1e-6) / refAmount);

      const observations = history(offer.id);
      const model = fitAcceptanceModel(observations);
      const now = acceptanceAt(model, xOf(amount));
      const explanation =
        observations.length === 0
          ? fr
            ? "Estimation a priori : aucun tour de négociation clos dans votre historique. À la référence, l'autre partie accepte environ une fois sur deux ; 30 % au-dessus, une fois sur quatre."
            : 'Prior only: no closed negotiation round in your history yet. At the yardstick the other side accepts about half the time; 30 % above it, a quarter of the time.'
          : fr
            ? `Ajusté sur ${observations.length} tour(s) de vos négociations passées (réponse de l'autre partie à vos propositions).`
            : `Fitted on ${observations.length} round(s) of your past negotiations (the other side's answer to your proposals).`;

      const curve = Array.from({ length: 23 }, (_, i) => {
        const value = refAmount * (0.5 + (1.1 * i) / 22);
        return { amount: Math.round(value), ...acceptanceAt(model, xOf(value)) };
      });

      // Zone of possible agreement: our limit against theirs, when both are known.
      const theirLimit = offer.side === 'artist' ? venue.rangeMax : artist.rangeMin;
      const ourLimit = offer.walkAway;
      const overlap =
        ourLimit === null || theirLimit === null
          ? null
          : offer.side === 'artist'
            ? ourLimit <= theirLimit
            : theirLimit <= ourLimit;
      const zoneExplanation =
        overlap === null
          ? fr
            ? 'Zone d’accord inconnue : il manque votre seuil de rupture ou la limite connue de l’autre partie.'
            : 'Agreement zone unknown: your walk-away or the other side’s known limit is missing.'
          : overlap
            ? fr
              ? `Zone d’accord entre ${money(Math.min(ourLimit!, theirLimit!))} et ${money(Math.max(ourLimit!, theirLimit!))}.`
              : `Agreement zone between ${money(Math.min(ourLimit!, theirLimit!))} and ${money(Math.max(ourLimit!, theirLimit!))}.`
            : fr
              ? `Pas de zone d’accord visible : votre seuil (${money(ourLimit!)}) et la limite connue de l’autre partie (${money(theirLimit!)}) ne se recouvrent pas.`
              : `No visible agreement zone: your walk-away (${money(ourLimit!)}) and the other side’s known limit (${money(theirLimit!)}) do not overlap.`;

      // Opening anchor: where acceptance falls to ~30 %, kept within 30 % of the target.
      const x30 = xForProbability(model, 0.3);
      let opening: number | null = x30 === null ? null : refAmount * Math.exp(sign * x30);
      if (opening !== null && offer.target !== null) {
        opening =
          offer.side === 'artist'
            ? Math.min(Math.max(opening, offer.target), offer.target * 1.3)
            : Math.max(Math.min(opening, offer.target), offer.target * 0.75);
      }
      const anchors = {
        opening: opening === null ? null : roundTo(opening, 50),
        target: offer.target,
        walkAway: offer.walkAway,
      };

      const frictions: NegotiationBrief['frictions'] = [];
      if (offer.side === 'artist' && venue.rangeMax !== null && amount > venue.rangeMax) {
        frictions.push({
          key: 'aboveBudget',
          severity: 'warning',
          message: fr
            ? `Le montant (${money(amount)}) dépasse le budget habituel du lieu (${money(venue.rangeMax)}).`
            : `The amount (${money(amount)}) is above the venue's usual budget (${money(venue.rangeMax)}).`,
        });
      }
      if (offer.side === 'organiser' && artist.rangeMin !== null && amount < artist.rangeMin) {
        frictions.push({
          key: 'belowFee',
          severity: 'warning',
          message: fr
            ? `Le montant (${money(amount)}) est sous le cachet habituel de l'artiste (${money(artist.rangeMin)}).`
            : `The amount (${money(amount)}) is below the artist's usual fee (${money(artist.rangeMin)}).`,
        });
      }
      if (
        offer.walkAway !== null &&
        (offer.side === 'artist' ? amount < offer.walkAway : amount > offer.walkAway)
      ) {
        frictions.push({
          key: 'pastWalkAway',
          severity: 'blocking',
          message: fr
            ? `Les conditions actuelles franchissent votre seuil de rupture (${money(offer.walkAway)}).`
            : `The current terms cross your walk-away (${money(offer.walkAway)}).`,
        });
      }
      const hold = offer.holdId
        ? (db.prepare('SELECT level, status FROM holds WHERE id = ?').get(offer.holdId) as
            { level: number; status: string } | undefined)
        : undefined;
      if (hold && hold.status !== 'released' && hold.level > 1) {
        frictions.push({
          key: 'holdLevel',
          severity: 'warning',
          message: fr
            ? `Votre option n'est que la ${hold.level}e sur cette date : d'autres passent avant.`
            : `Your hold is only ${hold.level === 2 ? '2nd' : hold.level === 3 ? '3rd' : `${hold.level}th`} on this date: others come first.`,
        });
      }
      const confirmedOther = db
        .prepare(
          `SELECT a.name FROM holds h JOIN artists a ON a.id = h.artist_id WHERE h.venue_id = ? AND h.status = 'confirmed'
             AND h.start_date <= ? AND h.end_date >= ? AND h.artist_id <> ? AND h.deleted_at IS NULL LIMIT 1`,
        )
        .get(offer.venueId, offer.date, offer.date, offer.artistId) as { name: string } | undefined;
      if (confirmedOther) {
        frictions.push({
          key: 'venueConfirmed',
          severity: 'blocking',
          message: fr
            ? `Le lieu est déjà confirmé ce jour-là (${confirmedOther.name}).`
            : `The venue is already confirmed that day (${confirmedOther.name}).`,
        });
      }
      const busy = db
        .prepare(
          `SELECT summary, source FROM calendar_blocks WHERE artist_id = ? AND start_date <= ? AND end_date >= ? AND deleted_at IS NULL LIMIT 1`,
        )
        .get(offer.artistId, offer.date, offer.date) as { summary: string; source: string } | undefined;
      if (busy) {
        frictions.push({
          key: 'artistBusy',
          severity: 'warning',
          message: fr
            ? `L'agenda de l'artiste (${busy.source}) indique « ${busy.summary} » ce jour-là.`
            : `The artist's calendar (${busy.source}) shows "${busy.summary}" that day.`,
        });
      }
      // Radius clause: other dates of the artist near this venue, within a few weeks.
      const nearby = db
        .prepare(
          `SELECT h.start_date, h.venue_id, v.name, v.city FROM holds h JOIN venues v ON v.id = h.venue_id
           WHERE h.artist_id = ? AND h.venue_id <> ? AND h.status IN ('held', 'challenged', 'confirmed') AND h.deleted_at IS NULL
             AND abs(julianday(h.start_date) - julianday(?)) <= ?`,
        )
        .all(offer.artistId, offer.venueId, offer.date, RADIUS_DAYS) as {
        start_date: string;
        venue_id: string;
        name: string;
        city: string;
      }[];
      for (const other of nearby) {
        const distance = km(venue, venueFacts(other.venue_id));
        if (distance === null || distance > RADIUS_KM) continue;
        frictions.push({
          key: 'radius',
          severity: 'warning',
          message: fr
            ? `Clause d'exclusivité probable : l'artiste a une date à ${Math.round(distance)} km (${other.name}, ${other.city}) le ${other.start_date}.`
            : `Likely radius clause: the artist has a date ${Math.round(distance)} km away (${other.name}, ${other.city}) on ${other.start_date}.`,
        });
      }

      const talkingPoints: string[] = [];
      const shared = artist.genres.filter((g) =>
        venue.genres.some((v) => v.toLowerCase() === g.toLowerCase()),
      );
      if (shared.length > 0) {
        talkingPoints.push(
          fr
            ? `${venue.name} programme ${shared.join(', ')}, l'esthétique de ${artist.name}.`
            : `${venue.name} programmes ${shared.join(', ')}, ${artist.name}'s style.`,
        );
      }
      const past = db
        .prepare(
          `SELECT e.date, e.tickets_sold, e.capacity, v.name, v.city, e.venue_id FROM events e JOIN venues v ON v.id = e.venue_id
           WHERE e.artist_id = ? AND e.status = 'played' AND e.deleted_at IS NULL AND e.capacity > 0 ORDER BY e.date DESC LIMIT 10`,
        )
        .all(offer.artistId) as {
        date: string;
        tickets_sold: number;
        capacity: number;
        name: string;
        city: string;
        venue_id: string;
      }[];
      if (past.length > 0) {
        const avgFill = past.reduce((s, e) => s + e.tickets_sold / e.capacity, 0) / past.length;
        talkingPoints.push(
          fr
            ? `${Math.round(avgFill * 100)} % de remplissage en moyenne sur ses ${past.length} dernière(s) date(s).`
            : `${Math.round(avgFill * 100)} % average fill over the last ${past.length} show(s).`,
        );
        const here =
          past.find((e) => e.venue_id === offer.venueId) ?? past.find((e) => e.city && e.city === venue.city);
        if (here) {
          talkingPoints.push(
            fr
              ? `Dernier passage à ${here.city || here.name} : ${here.tickets_sold} billets sur ${here.capacity} (${here.date}).`
              : `Last show in ${here.city || here.name}: ${here.tickets_sold} of ${here.capacity} tickets (${here.date}).`,
          );
        }
      }

      const organiserPays = (kind: string) =>
        offer.deal.expenses
          .filter((e) => e.kind === kind && e.paidBy === 'organiser')
          .reduce((s, e) => s + e.amount, 0) || null;
      const concessions: NegotiationBrief['concessions'] = [
        {
          key: 'catering',
          label: fr ? 'Repas et loges pris en charge' : 'Catering and dressing room covered',
          estimatedCost: organiserPays('hospitality'),
        },
        {
          key: 'accommodation',
          label: fr ? 'Hébergement de l’équipe' : 'Accommodation for the crew',
          estimatedCost: null,
        },
        {
          key: 'travel',
          label: fr ? 'Participation au transport' : 'Contribution to travel',
          estimatedCost: organiserPays('travel'),
        },
        {
          key: 'merch',
          label: fr ? 'Merch : 100 % des ventes à l’artiste' : 'Merch: 100 % of sales to the artist',
          estimatedCost: null,
        },
        {
          key: 'promotion',
          label: fr ? 'Plan de promotion partagé' : 'Shared promotion plan',
          estimatedCost: organiserPays('promotion'),
        },
        {
          key: 'backline',
          label: fr ? 'Backline fourni par le lieu' : 'Backline provided by the venue',
          estimatedCost: null,
        },
      ];

      const kinds: ('proposal' | 'followUp' | 'counter' | 'acceptance' | 'decline')[] =
        offer.status === 'draft'
          ? ['proposal']
          : offer.status === 'sent'
            ? ['followUp']
            : offer.status === 'countered'
              ? offer.rounds.at(-1)?.by === 'them'
                ? ['counter', 'acceptance', 'decline']
                : ['followUp']
              : offer.status === 'accepted'
                ? ['acceptance']
                : [];
      const drafts = draftMessages(
        {
          language,
          side: offer.side,
          artistName: artist.name,
          venueName: venue.name,
          city: venue.city,
          date: offer.date,
          contactName: offer.side === 'artist' ? venue.contact : artist.contact,
          deal: offer.deal,
          talkingPoints,
        },
        kinds,
      );

      if (!Number.isFinite(now.probability)) throw new AppError('INTERNAL', 'The acceptance model diverged');
      return {
        language,
        currency: offer.deal.currency,
        amount,
        amountBasis,
        reference: { amount: reference?.amount ?? null, basis: referenceBasis },
        acceptance: { ...now, observations: observations.length, explanation },
        curve,
        zone: { ourLimit, theirLimit, overlap, explanation: zoneExplanation },
        anchors,
        frictions,
        talkingPoints,
        concessions,
        drafts,
      };
    },
  };
}
