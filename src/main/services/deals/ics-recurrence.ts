import { nthWeekdayOfMonth } from './ics-time-zones';

// RRULE (RFC 5545 §3.3.10), the subset calendar programs write for human events: FREQ = DAILY, WEEKLY,
// MONTHLY or YEARLY, with INTERVAL, COUNT, UNTIL, BYDAY (weekdays, or "2TU" / "-1SU" in a month),
// BYMONTHDAY, BYMONTH, BYSETPOS and WKST. Occurrences are generated in wall time (the event's local
// clock) so that a weekly 20:30 stays 20:30 across daylight-saving changes.

const DAY = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

export type Until =
  | { kind: 'instant'; utc: number } // 20250630T215959Z
  | { kind: 'wall'; wall: number } // 20250630T235959 (floating, read in the event's zone)
  | { kind: 'date'; wall: number }; // 20250630: the whole day is included

export interface RecurrenceRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  count: number | null;
  until: Until | null;
  /** week 0 = every such weekday; 2 = the 2nd in the month; -1 = the last. weekday 0 = Sunday. */
  byDay: { week: number; weekday: number }[];
  byMonthDay: number[];
  byMonth: number[];
  bySetPos: number[];
  /** 1 = Monday, the RFC default. */
  weekStart: number;
}

export type ParsedRule =
  | { ok: true; rule: RecurrenceRule }
  | { ok: false; malformed: true; reason: string }
  | { ok: false; malformed: false; reason: string };

const SUPPORTED = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);

/** Parses an RRULE value. `malformed` = not valid RFC 5545; otherwise valid but beyond the subset. */
export function parseRecurrenceRule(value: string): ParsedRule {
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, malformed: true, reason: `"${part}" is not NAME=VALUE` };
    parts.set(part.slice(0, eq).toUpperCase(), part.slice(eq + 1).toUpperCase());
  }
  const bad = (reason: string): ParsedRule => ({ ok: false, malformed: true, reason });
  const unsupported = (reason: string): ParsedRule => ({ ok: false, malformed: false, reason });

  const freq = parts.get('FREQ');
  if (!freq) return bad('FREQ is missing');
  if (['SECONDLY', 'MINUTELY', 'HOURLY'].includes(freq)) return unsupported(`FREQ=${freq}`);
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return bad(`unknown FREQ=${freq}`);
  for (const name of parts.keys()) {
    if (!SUPPORTED.has(name)) return unsupported(name);
  }

  const integers = (name: string, min: number, max: number, allowNegative: boolean): number[] | null => {
    const text = parts.get(name);
    if (text === undefined) return [];
    const values = text.split(',').map((v) => (/^[+-]?\d{1,6}$/.test(v) ? Number(v) : NaN));
    const valid = values.every(
      (v) =>
        Number.isInteger(v) &&
        v !== 0 &&
        Math.abs(v) >= min &&
        Math.abs(v) <= max &&
        (allowNegative || v > 0),
    );
    return valid ? values : null;
  };
  const interval = integers('INTERVAL', 1, 10_000, false);
  const count = integers('COUNT', 1, 1_000_000, false);
  const byMonthDay = integers('BYMONTHDAY', 1, 31, true);
  const byMonth = integers('BYMONTH', 1, 12, false);
  const bySetPos = integers('BYSETPOS', 1, 366, true);
  if (!interval || interval.length > 1) return bad('INTERVAL must be one positive integer');
  if (!count || count.length > 1) return bad('COUNT must be one positive integer');
  if (!byMonthDay) return bad('BYMONTHDAY must list days 1 to 31 or -31 to -1');
  if (!byMonth) return bad('BYMONTH must list months 1 to 12');
  if (!bySetPos) return bad('BYSETPOS must list positions');
  if (parts.has('COUNT') && parts.has('UNTIL')) return bad('COUNT and UNTIL cannot both be given');

  const byDay: RecurrenceRule['byDay'] = [];
  for (const item of parts.get('BYDAY')?.split(',') ?? []) {
    const m = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(item);
    if (!m) return bad(`BYDAY "${item}"`);
    const week = m[1] ? Number(m[1]) : 0;
    if (Math.abs(week) > 53 || (m[1] && week === 0)) return bad(`BYDAY "${item}"`);
    if (week !== 0 && (freq === 'DAILY' || freq === 'WEEKLY'))
      return bad(`BYDAY "${item}" with FREQ=${freq}`);
    if (week !== 0 && freq === 'YEARLY' && !parts.has('BYMONTH'))
      return unsupported('BYDAY ordinal within a year');
    byDay.push({ week, weekday: WEEKDAYS.indexOf(m[2] as (typeof WEEKDAYS)[number]) });
  }
  if (bySetPos.length > 0 && freq !== 'MONTHLY' && freq !== 'YEARLY')
    return unsupported(`BYSETPOS with FREQ=${freq}`);

  const wkst = parts.get('WKST');
  const weekStart = wkst === undefined ? 1 : WEEKDAYS.indexOf(wkst as (typeof WEEKDAYS)[number]);
  if (weekStart < 0) return bad(`WKST=${wkst}`);

  let until: Until | null = null;
  const untilText = parts.get('UNTIL');
  if (untilText !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(untilText);
    const wall = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) : NaN;
    if (!m || Number.isNaN(wall) || new Date(wall).getUTCDate() !== +m[3]!) return bad(`UNTIL=${untilText}`);
    until =
      m[4] === undefined
        ? { kind: 'date', wall }
        : m[7]
          ? { kind: 'instant', utc: wall }
          : { kind: 'wall', wall };
  }

  return {
    ok: true,
    rule: {
      freq: freq as RecurrenceRule['freq'],
      interval: interval[0] ?? 1,
      count: count[0] ?? null,
      until,
      byDay,
      byMonthDay,
      byMonth,
      bySetPos,
      weekStart,
    },
  };
}

export interface ExpandOptions {
  /** The instant of a wall time in the event's zone (identity for UTC and all-day events). */
  toUtc: (wall: number) => number;
  /** Stop once an occurrence starts after this instant. */
  endUtc: number;
  /** Safety limit on generated occurrences. */
  maxOccurrences: number;
}

/**
 * Occurrence start times (wall ms), DTSTART first (RFC 5545: it counts as the first instance), in
 * order, up to COUNT, UNTIL, the window end or the safety limit (`truncated` then says so).
 */
export function expandRecurrence(
  rule: RecurrenceRule,
  startWall: number,
  options: ExpandOptions,
): { walls: number[]; truncated: boolean } {
  const walls = [startWall];
  const beyondUntil = (wall: number) => {
    const u = rule.until;
    if (!u) return false;
    if (u.kind === 'instant') return options.toUtc(wall) > u.utc;
    if (u.kind === 'date') return wall >= u.wall + DAY;
    return wall > u.wall;
  };
  const done = (wall: number) =>
    beyondUntil(wall) ||
    options.toUtc(wall) > options.endUtc ||
    (rule.count !== null && walls.length >= rule.count);

  const timeOfDay = startWall - Math.floor(startWall / DAY) * DAY;
  // A period with no matching day (BYMONTHDAY=29;BYMONTH=2 outside leap years) produces nothing to
  // test against COUNT, UNTIL or the window, so its nominal start is tested instead (±14 h of zone
  // offsets covered by a day of margin); a rule that never matches thus ends at the window's end.
  const periodDays = { DAILY: 1, WEEKLY: 7, MONTHLY: 28, YEARLY: 365 }[rule.freq];
  for (let period = 0; ; period++) {
    const days = daysOfPeriod(rule, startWall, period);
    if (days.length === 0) {
      const nominal = startWall + (period * rule.interval * periodDays - 1) * DAY;
      if (beyondUntil(nominal) || nominal > options.endUtc + DAY) return { walls, truncated: false };
    }
    for (const day of days) {
      const wall = day + timeOfDay;
      if (wall <= startWall) continue;
      if (done(wall)) return { walls, truncated: false };
      if (walls.length >= options.maxOccurrences) return { walls, truncated: true };
      walls.push(wall);
    }
  }
}

/** Midnights (wall ms) of the days a rule selects in its period number `period`, sorted. */
function daysOfPeriod(rule: RecurrenceRule, startWall: number, period: number): number[] {
  const start = new Date(startWall);
  const startDay = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const step = period * rule.interval;
  const inMonths = (day: number) =>
    rule.byMonth.length === 0 || rule.byMonth.includes(new Date(day).getUTCMonth() + 1);

  switch (rule.freq) {
    case 'DAILY': {
      const day = startDay + step * DAY;
      const d = new Date(day);
      const weekdayOk = rule.byDay.length === 0 || rule.byDay.some((b) => b.weekday === d.getUTCDay());
      const monthDayOk = rule.byMonthDay.length === 0 || monthDayMatches(rule.byMonthDay, day);
      return inMonths(day) && weekdayOk && monthDayOk ? [day] : [];
    }
    case 'WEEKLY': {
      const weekBegins = startDay - ((start.getUTCDay() - rule.weekStart + 7) % 7) * DAY + step * 7 * DAY;
      const weekdays = rule.byDay.length > 0 ? rule.byDay.map((b) => b.weekday) : [start.getUTCDay()];
      return [...new Set(weekdays)]
        .map((wd) => weekBegins + ((wd - rule.weekStart + 7) % 7) * DAY)
        .filter(inMonths)
        .sort((a, b) => a - b);
    }
    case 'MONTHLY': {
      const monthIndex = start.getUTCMonth() + step;
      const year = start.getUTCFullYear() + Math.floor(monthIndex / 12);
      const month = (monthIndex % 12) + 1;
      if (!inMonths(Date.UTC(year, month - 1, 1))) return [];
      return withSetPositions(rule, daysOfMonth(rule, year, month, start.getUTCDate()));
    }
    case 'YEARLY': {
      const year = start.getUTCFullYear() + step;
      const months =
        rule.byMonth.length > 0 ? [...rule.byMonth].sort((a, b) => a - b) : [start.getUTCMonth() + 1];
      return withSetPositions(
        rule,
        months.flatMap((month) => daysOfMonth(rule, year, month, start.getUTCDate())),
      );
    }
  }
}

function daysOfMonth(rule: RecurrenceRule, year: number, month: number, startDayOfMonth: number): number[] {
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const fromMonthDays = rule.byMonthDay
    .map((d) => (d > 0 ? d : length + 1 + d))
    .filter((d) => d >= 1 && d <= length)
    .map((d) => Date.UTC(year, month - 1, d));
  const fromWeekdays = rule.byDay.flatMap((b) => {
    if (b.week !== 0) {
      const day = nthWeekdayOfMonth(year, month, b.week, b.weekday);
      return day === null ? [] : [day];
    }
    const all: number[] = [];
    for (
      let day = nthWeekdayOfMonth(year, month, 1, b.weekday)!;
      new Date(day).getUTCMonth() === month - 1;
      day += 7 * DAY
    ) {
      all.push(day);
    }
    return all;
  });
  let days: number[];
  if (rule.byMonthDay.length > 0 && rule.byDay.length > 0) {
    days = fromMonthDays.filter((d) => fromWeekdays.includes(d)); // "Friday the 13th"
  } else if (rule.byMonthDay.length > 0) {
    days = fromMonthDays;
  } else if (rule.byDay.length > 0) {
    days = fromWeekdays;
  } else {
    days = startDayOfMonth <= length ? [Date.UTC(year, month - 1, startDayOfMonth)] : []; // no 31 February
  }
  return [...new Set(days)].sort((a, b) => a - b);
}

function withSetPositions(rule: RecurrenceRule, days: number[]): number[] {
  if (rule.bySetPos.length === 0) return days;
  const picked = rule.bySetPos
    .map((pos) => (pos > 0 ? days[pos - 1] : days[days.length + pos]))
    .filter((d): d is number => d !== undefined);
  return [...new Set(picked)].sort((a, b) => a - b);
}

function monthDayMatches(byMonthDay: number[], day: number): boolean {
  const d = new Date(day);
  const length = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  return byMonthDay.some((m) => (m > 0 ? m : length + 1 + m) === d.getUTCDate());
}
