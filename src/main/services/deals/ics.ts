import type { Hold } from '../../../shared/deals';
import { AppError } from '../../../shared/errors';
import { expandRecurrence, parseRecurrenceRule } from './ics-recurrence';
import {
  UTC,
  intlTimeZone,
  utcToWall,
  wallToUtc,
  zoneFromObservances,
  zoneFromTzid,
  type Observance,
  type TimeZone,
} from './ics-time-zones';

// iCalendar (RFC 5545): export of confirmed dates to the booker's calendar, import of an artist's or a
// venue's calendar to see when they are busy. Pure: text in, text or events out.
//
// Import never throws anything but AppError('VALIDATION', "Line N: …"): a file we cannot read is
// refused with the line to look at; a valid file using something beyond what we read (an HOURLY rule,
// a VTODO) still imports, with a warning per skipped part.

const DAY = 86_400_000;
const MINUTE = 60_000;
const MAX_FILE_CHARS = 20 * 1024 * 1024;
const CRLF = '\r\n';

// ==== Export =========================================================================================

/** Zones we write a VTIMEZONE for. They share the EU rules (since 1996), so one definition serves. */
export const EXPORT_TIME_ZONES = ['Europe/Paris', 'Europe/Brussels', 'Europe/Zurich'] as const;
export type ExportTimeZone = (typeof EXPORT_TIME_ZONES)[number];

export interface IcsExportEvent {
  /** Stable across exports so a re-import updates instead of duplicating: the hold id. */
  uid: string;
  summary: string;
  location?: string;
  description?: string;
  /** All-day dates (inclusive), or local times "YYYY-MM-DDTHH:MM" in the export's time zone. */
  when:
    { kind: 'allDay'; startDate: string; endDate: string } | { kind: 'timed'; start: string; end: string };
  status?: 'CONFIRMED' | 'TENTATIVE';
}

export interface IcsExportOptions {
  /** DTSTAMP: when the file was produced. */
  now: Date;
  timeZone?: ExportTimeZone;
  calendarName?: string;
}

/** Confirmed holds as calendar events; `describe` supplies what the engine does not know (names, times). */
export function icsEventsFromHolds(
  book: readonly Hold[],
  describe: (hold: Hold) => Omit<IcsExportEvent, 'uid' | 'when'> & { when?: IcsExportEvent['when'] },
): IcsExportEvent[] {
  return book
    .filter((h) => h.status === 'confirmed')
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id))
    .map((hold) => {
      const { when, ...text } = describe(hold);
      return {
        uid: `${hold.id}@flowstage`,
        status: 'CONFIRMED',
        ...text,
        when: when ?? { kind: 'allDay', startDate: hold.startDate, endDate: hold.endDate },
      };
    });
}

/** An RFC 5545 calendar: CRLF line ends, lines folded at 75 octets, TEXT escaped. */
export function exportIcs(events: readonly IcsExportEvent[], options: IcsExportOptions): string {
  const zone = options.timeZone ?? 'Europe/Paris';
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Flow Stage//Flow Stage//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (options.calendarName) lines.push(`X-WR-CALNAME:${escapeText(options.calendarName)}`);
  if (events.some((e) => e.when.kind === 'timed')) lines.push(...europeanVTimezone(zone));
  const stamp = formatUtc(options.now.getTime());
  for (const [i, event] of events.entries()) {
    lines.push('BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`);
    const { when } = event;
    if (when.kind === 'allDay') {
      const start = parseExportDate(when.startDate, `events.${i}.when.startDate`);
      const end = parseExportDate(when.endDate, `events.${i}.when.endDate`);
      if (end < start) throw exportError(`events.${i}.when.endDate`, 'The last day is before the first day');
      lines.push(`DTSTART;VALUE=DATE:${formatDate(start)}`, `DTEND;VALUE=DATE:${formatDate(end + DAY)}`);
    } else {
      const start = parseExportLocalTime(when.start, `events.${i}.when.start`);
      const end = parseExportLocalTime(when.end, `events.${i}.when.end`);
      if (end < start) throw exportError(`events.${i}.when.end`, 'The end is before the start');
      lines.push(`DTSTART;TZID=${zone}:${formatWall(start)}`, `DTEND;TZID=${zone}:${formatWall(end)}`);
    }
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    lines.push(`STATUS:${event.status ?? 'CONFIRMED'}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** TEXT escaping (§3.3.11): backslash, semicolon, comma, and newlines as \n. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line (§3.1): at most 75 octets per line, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** The EU daylight-saving rules as a VTIMEZONE (last Sunday of March 02:00 → last Sunday of October 03:00). */
function europeanVTimezone(tzid: ExportTimeZone): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    `X-LIC-LOCATION:${tzid}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

const exportError = (path: string, message: string) =>
  new AppError('VALIDATION', `Invalid calendar export — ${path}: ${message}`, [{ path, message }]);

function parseExportDate(text: string, path: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const wall = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) : NaN;
  if (!m || Number.isNaN(wall) || new Date(wall).getUTCDate() !== +m[3]!) {
    throw exportError(path, `"${text}" is not a date (YYYY-MM-DD)`);
  }
  return wall;
}

function parseExportLocalTime(text: string, path: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m || +m[2]! > 23 || +m[3]! > 59)
    throw exportError(path, `"${text}" is not a local time (YYYY-MM-DDTHH:MM)`);
  return parseExportDate(m[1]!, path) + +m[2]! * 3_600_000 + +m[3]! * MINUTE;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
function formatDate(wall: number): string {
  const d = new Date(wall);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}
function formatWall(wall: number): string {
  const d = new Date(wall);
  return `${formatDate(wall)}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}
const formatUtc = (utc: number) => `${formatWall(Math.floor(utc / 1000) * 1000)}Z`;
const isoDate = (wall: number) => new Date(wall).toISOString().slice(0, 10);

// ==== Import =========================================================================================

interface ImportedEventBase {
  uid: string;
  summary: string;
  location: string;
  description: string;
  /** TRANSP:TRANSPARENT events ("free" time) are not busy. */
  busy: boolean;
  /** True for an occurrence generated by an RRULE or for a modified instance (RECURRENCE-ID). */
  recurring: boolean;
  /** Where the VEVENT begins in the file. */
  line: number;
}

/** One occurrence. Cancelled events and instances (STATUS:CANCELLED, EXDATE) are left out. */
export type ImportedEvent = ImportedEventBase &
  (
    | { allDay: true; /** First and last day, inclusive. */ startDate: string; endDate: string }
    | {
        allDay: false;
        /** ISO instants in UTC. */
        start: string;
        end: string;
        /** The zone its times were written in (IANA name, "UTC", or the file's own TZID). */
        timeZone: string;
        /** Written without a zone, read in `floatingTimeZone`. */
        floating: boolean;
      }
  );

export interface IcsWarning {
  line: number;
  message: string;
}

export interface IcsImportOptions {
  /**
   * Occurrences that overlap [from, to) are returned; recurrences are expanded up to `to`. All-day
   * events are compared as UTC days (a day-wide margin is enough for availability).
   */
  window: { from: Date; to: Date };
  /** Zone for times written without one (default Europe/Paris: the booker's). */
  floatingTimeZone?: string;
  /** Safety limit on returned occurrences (default 10,000). */
  maxOccurrences?: number;
}

export interface IcsImportResult {
  events: ImportedEvent[];
  warnings: IcsWarning[];
}

/** Reads an .ics file. Throws only AppError('VALIDATION') naming the line at fault. */
export function importIcs(text: string, options: IcsImportOptions): IcsImportResult {
  try {
    return readCalendar(text, options);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A defect of ours on a strange file: still a readable refusal, never a crash of the caller.
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('VALIDATION', `This calendar file could not be read (${detail})`);
  }
}

const fail = (line: number, message: string): never => {
  throw new AppError('VALIDATION', `Line ${line}: ${message}`, [{ path: `line ${line}`, message }]);
};

// ---- Content lines and components ---------------------------------------------------------------

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

interface Component {
  name: string;
  line: number;
  properties: Property[];
  children: Component[];
}

/** Unfolds (§3.1: CRLF or LF followed by a space or tab) and parses each content line. */
function contentLines(text: string): Property[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const logical: { text: string; line: number }[] = [];
  physical.forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && logical.length > 0) {
      logical[logical.length - 1]!.text += raw.slice(1);
    } else if (raw.trim() !== '') {
      logical.push({ text: raw, line: i + 1 });
    }
  });
  return logical.map(({ text: content, line }) => parseContentLine(content, line));
}

/** name *(";" param "=" value) ":" value — parameter values may be quoted and contain ; : , */
function parseContentLine(content: string, line: number): Property {
  const nameMatch = /^[A-Za-z0-9-]+/.exec(content);
  if (!nameMatch) fail(line, `"${content.slice(0, 40)}" is not a calendar property`);
  const name = nameMatch![0].toUpperCase();
  const params: Record<string, string> = {};
  let i = name.length;
  while (content[i] === ';') {
    const eq = content.indexOf('=', i);
    if (eq < 0) fail(line, `parameter without a value in ${name}`);
    const paramName = content.slice(i + 1, eq).toUpperCase();
    if (!/^[A-Z0-9-]+$/.test(paramName)) fail(line, `bad parameter name "${paramName}" in ${name}`);
    let j = eq + 1;
    let value = '';
    while (j < content.length && content[j] !== ';' && content[j] !== ':') {
      if (content[j] === '"') {
        const close = content.indexOf('"', j + 1);
        if (close < 0) fail(line, `unclosed quote in ${name}`);
        value += content.slice(j + 1, close);
        j = close + 1;
      } else {
        value += content[j];
        j++;
      }
    }
    params[paramName] = value;
    i = j;
  }
  if (content[i] !== ':') fail(line, `"${name}" has no ":" before its value`);
  return { name, params, value: content.slice(i + 1), line };
}

function components(properties: Property[]): Component[] {
  const roots: Component[] = [];
  const stack: Component[] = [];
  for (const p of properties) {
    if (p.name === 'BEGIN') {
      const name = p.value.trim().toUpperCase();
      if (!/^[A-Z0-9-]+$/.test(name)) fail(p.line, `BEGIN:${p.value} is not a component name`);
      if (stack.length === 0 && name !== 'VCALENDAR')
        fail(p.line, `expected BEGIN:VCALENDAR, found BEGIN:${name}`);
      const component: Component = { name, line: p.line, properties: [], children: [] };
      (stack.length > 0 ? stack[stack.length - 1]!.children : roots).push(component);
      stack.push(component);
    } else if (p.name === 'END') {
      const open = stack.pop();
      const name = p.value.trim().toUpperCase();
      if (!open) fail(p.line, `END:${name} without a BEGIN`);
      if (open!.name !== name) fail(p.line, `END:${name} closes BEGIN:${open!.name} of line ${open!.line}`);
    } else if (stack.length === 0) {
      fail(p.line, `${p.name} outside BEGIN:VCALENDAR … END:VCALENDAR`);
    } else {
      stack[stack.length - 1]!.properties.push(p);
    }
  }
  const unclosed = stack.pop();
  if (unclosed) fail(unclosed.line, `BEGIN:${unclosed.name} is never closed (END:${unclosed.name})`);
  if (roots.length === 0) fail(1, 'not a calendar file: BEGIN:VCALENDAR is missing');
  return roots;
}

const first = (c: Component, name: string) => c.properties.find((p) => p.name === name);
const all = (c: Component, name: string) => c.properties.filter((p) => p.name === name);

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

// ---- Values ----------------------------------------------------------------------------------------

/** A DATE or DATE-TIME value: a date (midnight wall), or a wall time in a zone. */
type Moment =
  { kind: 'date'; wall: number } | { kind: 'time'; wall: number; zone: TimeZone; floating: boolean };

interface Zones {
  fromFile: Map<string, TimeZone | null>;
  floating: TimeZone;
}

function parseMoment(raw: string, params: Record<string, string>, line: number, zones: Zones): Moment {
  const value = raw.trim();
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) fail(line, `"${value}" is not a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSS)`);
  const [, y, mo, d, h, mi, s, z] = m!;
  if (+mo! < 1 || +mo! > 12 || +d! < 1 || +h! > 23 || +mi! > 59 || +s! > 60)
    fail(line, `"${value}" is not a valid date`);
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +(h ?? 0), +(mi ?? 0), Math.min(59, +(s ?? 0)));
  if (new Date(wall).getUTCDate() !== +d!) fail(line, `"${value}" is not a valid date`);
  if (h === undefined) {
    return { kind: 'date', wall };
  }
  if (params.VALUE?.toUpperCase() === 'DATE') fail(line, `VALUE=DATE but "${value}" has a time`);
  if (z) return { kind: 'time', wall, zone: UTC, floating: false };
  const tzid = params.TZID;
  if (tzid === undefined) return { kind: 'time', wall, zone: zones.floating, floating: true };
  // The platform's rules for a name it knows win over the file's copy of them, which may be stale.
  const zone = zoneFromTzid(tzid) ?? zones.fromFile.get(tzid) ?? null;
  if (!zone) fail(line, `unknown time zone "${tzid}" (no VTIMEZONE for it in the file)`);
  return { kind: 'time', wall, zone: zone!, floating: false };
}

const momentUtc = (m: Moment) => (m.kind === 'date' ? m.wall : wallToUtc(m.zone, m.wall));

/** DURATION (§3.3.6): [+-]P[nW] or P[nD][T[nH][nM][nS]] → milliseconds (days as 24 h of wall time). */
function parseDuration(value: string, line: number): number {
  const m = /^([+-])?P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/.exec(value.trim());
  if (!m || value.trim() === 'P' || value.trim().endsWith('T')) fail(line, `"${value}" is not a duration`);
  const [, sign, w, d, h, mi, s] = m!;
  const ms =
    (+(w ?? 0) * 7 + +(d ?? 0)) * DAY + +(h ?? 0) * 3_600_000 + +(mi ?? 0) * MINUTE + +(s ?? 0) * 1000;
  return sign === '-' ? -ms : ms;
}

// ---- Time zones defined in the file ----------------------------------------------------------------

function parseOffset(p: Property | undefined, line: number): number {
  const m = p ? /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(p.value.trim()) : null;
  if (!m) fail(p?.line ?? line, `TZOFFSETFROM/TZOFFSETTO must look like +0100`);
  return (m![1] === '-' ? -1 : 1) * (+m![2]! * 60 + +m![3]!);
}

/** VTIMEZONE → zone, or null if its rules are beyond the yearly "nth weekday of a month" shape. */
function zoneFromVTimezone(
  c: Component,
  zones: Zones,
  warnings: IcsWarning[],
): [string, TimeZone | null] | null {
  const tzid = first(c, 'TZID')?.value.trim();
  if (!tzid) return null;
  const observances: Observance[] = [];
  for (const child of c.children.filter((x) => x.name === 'STANDARD' || x.name === 'DAYLIGHT')) {
    const start = first(child, 'DTSTART');
    if (!start) fail(child.line, `${child.name} without DTSTART`);
    const moment = parseMoment(start!.value, {}, start!.line, zones);
    let yearly: Observance['yearly'] = null;
    let lastOnsetWall: number | null = null;
    const rrule = first(child, 'RRULE');
    if (rrule) {
      const parsed = parseRecurrenceRule(rrule.value);
      const rule = parsed.ok ? parsed.rule : null;
      const byDay = rule?.byDay[0];
      if (
        !rule ||
        rule.freq !== 'YEARLY' ||
        rule.byMonth.length !== 1 ||
        rule.byDay.length !== 1 ||
        !byDay ||
        byDay.week === 0
      ) {
        warnings.push({
          line: rrule.line,
          message: `time zone "${tzid}": rule "${rrule.value}" not understood`,
        });
        return [tzid, null];
      }
      yearly = { month: rule.byMonth[0]!, week: byDay.week, weekday: byDay.weekday };
      if (rule.until) lastOnsetWall = rule.until.kind === 'instant' ? rule.until.utc + DAY : rule.until.wall;
    }
    observances.push({
      startWall: moment.wall,
      offsetFrom: parseOffset(first(child, 'TZOFFSETFROM'), child.line),
      offsetTo: parseOffset(first(child, 'TZOFFSETTO'), child.line),
      yearly,
      lastOnsetWall,
    });
  }
  return [tzid, zoneFromObservances(tzid, observances)];
}

// ---- Events ----------------------------------------------------------------------------------------

function readCalendar(text: string, options: IcsImportOptions): IcsImportResult {
  if (typeof text !== 'string') fail(1, 'the calendar must be text');
  if (text.length > MAX_FILE_CHARS) fail(1, `the file is over ${MAX_FILE_CHARS / 1024 / 1024} MB`);
  const from = options.window.from.getTime();
  const to = options.window.to.getTime();
  if (!(from < to)) throw new AppError('VALIDATION', 'The import window must end after it starts');
  const floatingName = options.floatingTimeZone ?? 'Europe/Paris';
  const floating = intlTimeZone(floatingName);
  if (!floating) throw new AppError('VALIDATION', `Unknown time zone "${floatingName}"`);
  const maxOccurrences = options.maxOccurrences ?? 10_000;

  const calendars = components(contentLines(text));
  const warnings: IcsWarning[] = [];
  const zones: Zones = { fromFile: new Map(), floating };
  const children = calendars.flatMap((c) => c.children);
  for (const c of children.filter((x) => x.name === 'VTIMEZONE')) {
    const entry = zoneFromVTimezone(c, zones, warnings);
    if (entry) zones.fromFile.set(entry[0], entry[1]);
  }
  const skipped = new Set(
    children.filter((c) => !['VEVENT', 'VTIMEZONE'].includes(c.name)).map((c) => c.name),
  );
  for (const name of skipped)
    warnings.push({
      line: children.find((c) => c.name === name)!.line,
      message: `${name} entries are not imported`,
    });

  const vevents = children.filter((c) => c.name === 'VEVENT');
  // Modified instances (RECURRENCE-ID) replace the occurrence they name in their master's series.
  const overridden = new Map<string, Exclusions>();
  for (const c of vevents) {
    const rid = first(c, 'RECURRENCE-ID');
    const uid = first(c, 'UID')?.value.trim();
    if (!rid || !uid) continue;
    const exclusions = overridden.get(uid) ?? { instants: new Set<number>(), dates: new Set<string>() };
    addExclusion(exclusions, parseMoment(rid.value, rid.params, rid.line, zones));
    overridden.set(uid, exclusions);
  }

  const events: ImportedEvent[] = [];
  for (const c of vevents) {
    if (events.length >= maxOccurrences) {
      warnings.push({
        line: c.line,
        message: `more than ${maxOccurrences} occurrences: the rest is left out`,
      });
      break;
    }
    events.push(
      ...readEvent(c, { zones, from, to, warnings, overridden, room: maxOccurrences - events.length }),
    );
  }
  events.sort((a, b) => startOf(a) - startOf(b) || a.uid.localeCompare(b.uid));
  return { events, warnings };
}

/** Occurrences left out of a series: by instant (a timed EXDATE) or by whole local day (a DATE one). */
interface Exclusions {
  instants: Set<number>;
  dates: Set<string>;
}

function addExclusion(exclusions: Exclusions, moment: Moment): void {
  if (moment.kind === 'date') exclusions.dates.add(isoDate(moment.wall));
  else exclusions.instants.add(wallToUtc(moment.zone, moment.wall));
}

const startOf = (e: ImportedEvent) => Date.parse(e.allDay ? `${e.startDate}T00:00:00Z` : e.start);

interface EventContext {
  zones: Zones;
  from: number;
  to: number;
  warnings: IcsWarning[];
  overridden: Map<string, Exclusions>;
  room: number;
}

function readEvent(c: Component, ctx: EventContext): ImportedEvent[] {
  const startProp = first(c, 'DTSTART');
  if (!startProp) fail(c.line, 'VEVENT without DTSTART');
  if (first(c, 'STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return [];
  const start = parseMoment(startProp!.value, startProp!.params, startProp!.line, ctx.zones);
  const uid = first(c, 'UID')?.value.trim() || `line-${c.line}`;
  const base: ImportedEventBase = {
    uid,
    summary: unescapeText(first(c, 'SUMMARY')?.value ?? ''),
    location: unescapeText(first(c, 'LOCATION')?.value ?? ''),
    description: unescapeText(first(c, 'DESCRIPTION')?.value ?? ''),
    busy: first(c, 'TRANSP')?.value.trim().toUpperCase() !== 'TRANSPARENT',
    recurring: first(c, 'RECURRENCE-ID') !== undefined,
    line: c.line,
  };

  // Length of each occurrence, in wall time of the start's zone.
  let length = start.kind === 'date' ? DAY : 0;
  const endProp = first(c, 'DTEND');
  const durationProp = first(c, 'DURATION');
  if (endProp) {
    const end = parseMoment(endProp.value, endProp.params, endProp.line, ctx.zones);
    if (start.kind === 'date') length = end.wall - start.wall;
    else length = utcToWall(start.zone, momentUtc(end)) - start.wall;
    if (length < 0) fail(endProp.line, 'DTEND is before DTSTART');
  } else if (durationProp) {
    length = parseDuration(durationProp.value, durationProp.line);
    if (length < 0) fail(durationProp.line, 'negative DURATION');
  }
  if (start.kind === 'date') length = Math.max(DAY, Math.ceil(length / DAY) * DAY);

  const zone = start.kind === 'time' ? start.zone : null;
  const toUtc = (wall: number) => (zone ? wallToUtc(zone, wall) : wall);

  let walls = [start.wall];
  const rruleProp = first(c, 'RRULE');
  if (rruleProp && !base.recurring) {
    const parsed = parseRecurrenceRule(rruleProp.value);
    if (!parsed.ok && parsed.malformed) fail(rruleProp.line, `RRULE: ${parsed.reason}`);
    if (!parsed.ok) {
      ctx.warnings.push({
        line: rruleProp.line,
        message: `repeat rule not supported (${parsed.reason}): only the first occurrence is imported`,
      });
    } else {
      const expanded = expandRecurrence(parsed.rule, start.wall, {
        toUtc,
        endUtc: ctx.to,
        maxOccurrences: 50_000,
      });
      if (expanded.truncated)
        ctx.warnings.push({ line: rruleProp.line, message: 'repeat rule cut at 50,000 occurrences' });
      walls = expanded.walls;
      base.recurring = true;
    }
  }
  if (all(c, 'RDATE').length > 0) {
    ctx.warnings.push({ line: all(c, 'RDATE')[0]!.line, message: 'RDATE (extra dates) is not imported' });
  }

  // EXDATE, and the instances a RECURRENCE-ID event replaces, remove occurrences of a series.
  const master = ctx.overridden.get(uid);
  const excluded: Exclusions = {
    instants: new Set(first(c, 'RECURRENCE-ID') ? [] : (master?.instants ?? [])),
    dates: new Set(first(c, 'RECURRENCE-ID') ? [] : (master?.dates ?? [])),
  };
  for (const ex of all(c, 'EXDATE')) {
    for (const value of ex.value.split(',')) {
      if (value.trim() !== '') addExclusion(excluded, parseMoment(value, ex.params, ex.line, ctx.zones));
    }
  }
  const isExcluded = (wall: number) =>
    excluded.dates.has(isoDate(wall)) || (zone !== null && excluded.instants.has(wallToUtc(zone, wall)));

  const out: ImportedEvent[] = [];
  for (const wall of walls) {
    if (out.length >= ctx.room) break;
    if (isExcluded(wall)) continue;
    const startUtc = toUtc(wall);
    const endUtc = toUtc(wall + length);
    const inWindow =
      length === 0 ? startUtc >= ctx.from && startUtc < ctx.to : startUtc < ctx.to && endUtc > ctx.from;
    if (!inWindow) continue;
    if (start.kind === 'date') {
      out.push({ ...base, allDay: true, startDate: isoDate(wall), endDate: isoDate(wall + length - DAY) });
    } else {
      out.push({
        ...base,
        allDay: false,
        start: new Date(startUtc).toISOString(),
        end: new Date(endUtc).toISOString(),
        timeZone: start.zone.name,
        floating: start.floating,
      });
    }
  }
  return out;
}
