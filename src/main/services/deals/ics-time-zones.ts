// Time zones for calendar import, without a tz database dependency: the IANA rules come from the
// platform's Intl (full ICU in Node 20 and Electron). Times are handled as "wall" milliseconds — the
// local clock reading written as if it were UTC — and converted to real instants per zone.

export interface TimeZone {
  /** The IANA name, "UTC", or the file's own TZID when its VTIMEZONE rules are used. */
  name: string;
  /** Minutes to add to UTC to read the local clock at that instant (+60 for Paris in winter). */
  offsetMinutesAt(utcMs: number): number;
}

export const UTC: TimeZone = { name: 'UTC', offsetMinutesAt: () => 0 };

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Windows zone names (Outlook, Exchange) → IANA, from CLDR's windowsZones.xml "001" territory, for
 * the zones a European booker meets. "W. Europe Standard Time" covers Zurich, Bern, Berlin, Rome…; all
 * share the EU rules, so Europe/Berlin's CLDR default gives the same instants as Europe/Zurich.
 */
export const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'Romance Standard Time': 'Europe/Paris', // Brussels, Copenhagen, Madrid, Paris
  'W. Europe Standard Time': 'Europe/Berlin', // Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna
  'Central Europe Standard Time': 'Europe/Budapest', // Belgrade, Bratislava, Budapest, Ljubljana, Prague
  'Central European Standard Time': 'Europe/Warsaw', // Sarajevo, Skopje, Warsaw, Zagreb
  'GMT Standard Time': 'Europe/London', // Dublin, Edinburgh, Lisbon, London
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev', // Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius
  'GTB Standard Time': 'Europe/Bucharest', // Athens, Bucharest
  'Russian Standard Time': 'Europe/Moscow',
  'Morocco Standard Time': 'Africa/Casablanca',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Atlantic Standard Time': 'America/Halifax',
  'Canada Central Standard Time': 'America/Regina',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'China Standard Time': 'Asia/Shanghai',
  'India Standard Time': 'Asia/Calcutta',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
};

const intlZones = new Map<string, TimeZone | null>();

/** An IANA zone through Intl, or null if the platform does not know the name. */
export function intlTimeZone(name: string): TimeZone | null {
  if (intlZones.has(name)) return intlZones.get(name)!;
  let format: Intl.DateTimeFormat | null = null;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    format = null; // RangeError: unknown time zone
  }
  const zone = format ? memoisedIntlZone(format) : null;
  intlZones.set(name, zone);
  return zone;
}

function memoisedIntlZone(format: Intl.DateTimeFormat): TimeZone {
  const canonical = format.resolvedOptions().timeZone;
  // formatToParts costs microseconds and a recurring event asks for the same instants again and
  // again (each day's ±24 h probes are its neighbours' instants): remember recent answers.
  const memo = new Map<number, number>();
  return {
    name: canonical === 'Etc/UTC' || canonical === 'Etc/GMT' ? 'UTC' : canonical,
    offsetMinutesAt(utcMs: number) {
      const known = memo.get(utcMs);
      if (known !== undefined) return known;
      if (memo.size >= 50_000) memo.clear();
      const offset = intlOffsetMinutes(format, utcMs);
      memo.set(utcMs, offset);
      return offset;
    },
  };
}

/** The local clock Intl shows at an instant, minus the instant: the zone's offset then. */
function intlOffsetMinutes(format: Intl.DateTimeFormat, utcMs: number): number {
  const wholeSecond = Math.floor(utcMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(wholeSecond))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year!,
    fields.month! - 1,
    fields.day!,
    fields.hour! % 24,
    fields.minute!,
    fields.second!,
  );
  return Math.round((wall - wholeSecond) / MINUTE);
}

/**
 * A TZID as calendar programs write it → a zone we can compute: IANA ("Europe/Paris"), Windows
 * ("Romance Standard Time"), or a vendor-prefixed IANA name ("/mozilla.org/20070129_1/Europe/Paris").
 * Returns null when none applies; the caller then tries the file's own VTIMEZONE.
 */
export function zoneFromTzid(tzid: string): TimeZone | null {
  const name = tzid.trim();
  if (/^[A-Za-z]+\/[A-Za-z_+-]+(\/[A-Za-z_+-]+)?$/.test(name) || /^(UTC|GMT|Etc\/\w+)$/i.test(name)) {
    const zone = intlTimeZone(name);
    if (zone) return zone;
  }
  const windows = WINDOWS_ZONES[name];
  if (windows) return intlTimeZone(windows);
  const prefixed = /([A-Za-z]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/.exec(name);
  if (prefixed && name.startsWith('/')) return intlTimeZone(prefixed[1]!);
  return null;
}

/**
 * The instant a wall-clock reading denotes in a zone, by RFC 5545 §3.3.5: a time skipped by a
 * spring-forward gap is read with the offset before the gap (02:30 → 03:30 summer time); a time that
 * happens twice in the autumn is the first one.
 */
export function wallToUtc(zone: TimeZone, wallMs: number): number {
  const before = zone.offsetMinutesAt(wallMs - DAY);
  const after = zone.offsetMinutesAt(wallMs + DAY);
  const valid = [before, after].filter((offset) => zone.offsetMinutesAt(wallMs - offset * MINUTE) === offset);
  if (valid.length === 0) return wallMs - before * MINUTE;
  return Math.min(...valid.map((offset) => wallMs - offset * MINUTE));
}

export const utcToWall = (zone: TimeZone, utcMs: number): number =>
  utcMs + zone.offsetMinutesAt(utcMs) * MINUTE;

// ---- Zones defined by the file (VTIMEZONE) ---------------------------------------------------------

/** One STANDARD or DAYLIGHT block: from its first onset, yearly if `yearly`, the offset is `offsetTo`. */
export interface Observance {
  /** Local wall time of the first onset (in the offset before it). */
  startWall: number;
  offsetFrom: number;
  offsetTo: number;
  /** FREQ=YEARLY;BYMONTH=m;BYDAY=nDD (the only shape Outlook and Apple write); null = one onset. */
  yearly: { month: number; week: number; weekday: number } | null;
  /** UNTIL of the yearly rule as a wall time (historic rules end); null = still in force. */
  lastOnsetWall: number | null;
}

/** A zone from a VTIMEZONE's observances (Outlook's "Customized Time Zone" and other private names). */
export function zoneFromObservances(name: string, observances: readonly Observance[]): TimeZone | null {
  if (observances.length === 0) return null;
  const onsetsAround = (year: number) =>
    observances.flatMap((o) => {
      const walls = o.yearly
        ? [year - 1, year].map((y) =>
            nthWeekdayOfMonth(y, o.yearly!.month, o.yearly!.week, o.yearly!.weekday),
          )
        : [o.startWall];
      return walls
        .filter(
          (w): w is number =>
            w !== null && w >= startOfDay(o.startWall) && (o.lastOnsetWall === null || w <= o.lastOnsetWall),
        )
        .map((wall) => ({
          utc: wall + (o.yearly ? timeOfDay(o.startWall) : 0) - o.offsetFrom * MINUTE,
          offset: o.offsetTo,
        }));
    });
  const earliest = [...observances].sort((a, b) => a.startWall - b.startWall)[0]!;
  return {
    name,
    offsetMinutesAt(utcMs: number) {
      const year = new Date(utcMs).getUTCFullYear();
      let best: { utc: number; offset: number } | null = null;
      for (const onset of onsetsAround(year)) {
        if (onset.utc <= utcMs && (best === null || onset.utc > best.utc)) best = onset;
      }
      return best ? best.offset : earliest.offsetFrom;
    },
  };
}

const startOfDay = (wall: number) => Math.floor(wall / DAY) * DAY;
const timeOfDay = (wall: number) => wall - startOfDay(wall);

/**
 * Midnight (wall ms) of the `week`-th `weekday` (0 = Sunday) of a month (1–12); negative `week`
 * counts from the end (-1 = last). Null if the month has no such day (a 5th Monday).
 */
export function nthWeekdayOfMonth(year: number, month: number, week: number, weekday: number): number | null {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (week > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (week - 1) * 7;
    return day <= daysInMonth ? Date.UTC(year, month - 1, day) : null;
  }
  const last = new Date(Date.UTC(year, month - 1, daysInMonth)).getUTCDay();
  const day = daysInMonth - ((last - weekday + 7) % 7) + (week + 1) * 7;
  return day >= 1 ? Date.UTC(year, month - 1, day) : null;
}
