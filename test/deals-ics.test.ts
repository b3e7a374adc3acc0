import { describe, expect, it } from 'vitest';
import { AppError } from '../src/shared/errors';
import type { Hold } from '../src/shared/deals';
import {
  escapeText,
  exportIcs,
  foldLine,
  icsEventsFromHolds,
  importIcs,
  type ImportedEvent,
  type IcsImportOptions,
} from '../src/main/services/deals/ics';
import { intlTimeZone, wallToUtc, zoneFromTzid } from '../src/main/services/deals/ics-time-zones';

const crlf = (lines: string) =>
  lines
    .trim()
    .split('\n')
    .map((l) => l.replace(/^ {4}/, ''))
    .join('\r\n') + '\r\n';
const window2025: IcsImportOptions = {
  window: { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') },
};

/** Compact view of timed events: "summary @ start–end". */
const timed = (events: ImportedEvent[], summary?: string) =>
  events
    .filter((e) => !e.allDay && (summary === undefined || e.summary === summary))
    .map((e) => (e.allDay ? '' : `${e.start.slice(0, 16)}–${e.end.slice(11, 16)}`));

function validationError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    return error as AppError;
  }
  throw new Error('expected a VALIDATION error');
}

// A Google Calendar export (shape and headers as Google writes them).
const GOOGLE = crlf(`
    BEGIN:VCALENDAR
    PRODID:-//Google Inc//Google Calendar 70.9054//EN
    VERSION:2.0
    CALSCALE:GREGORIAN
    METHOD:PUBLISH
    X-WR-CALNAME:Ana — tournée 2025
    X-WR-TIMEZONE:Europe/Paris
    BEGIN:VTIMEZONE
    TZID:Europe/Paris
    X-LIC-LOCATION:Europe/Paris
    BEGIN:DAYLIGHT
    TZOFFSETFROM:+0100
    TZOFFSETTO:+0200
    TZNAME:CEST
    DTSTART:19700329T020000
    RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
    END:DAYLIGHT
    BEGIN:STANDARD
    TZOFFSETFROM:+0200
    TZOFFSETTO:+0100
    TZNAME:CET
    DTSTART:19701025T030000
    RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
    END:STANDARD
    END:VTIMEZONE
    BEGIN:VEVENT
    DTSTART;TZID=Europe/Paris:20250314T203000
    DTEND;TZID=Europe/Paris:20250314T223000
    DTSTAMP:20250301T101010Z
    UID:7kq3c1r0v5d8f2b6n4m9p0s1t2@google.com
    CREATED:20250201T090000Z
    DESCRIPTION:Balances 17h\\, concert 20h30.\\nContact : Marc\\; loge 2
    LAST-MODIFIED:20250201T090000Z
    LOCATION:La Cigale\\, 120 Boulevard de Rochechouart\\, 75018 Paris\\, France
    SEQUENCE:0
    STATUS:CONFIRMED
    SUMMARY:Concert – La Cigale
    TRANSP:OPAQUE
    END:VEVENT
    BEGIN:VEVENT
    DTSTART;TZID=Europe/Paris:20250304T190000
    DTEND;TZID=Europe/Paris:20250304T220000
    RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20250415T165959Z;BYDAY=TU
    EXDATE;TZID=Europe/Paris:20250318T190000
    DTSTAMP:20250301T101010Z
    UID:rehearsal-123@google.com
    SEQUENCE:1
    SUMMARY:Répétition
    END:VEVENT
    BEGIN:VEVENT
    DTSTART;TZID=Europe/Paris:20250326T200000
    DTEND;TZID=Europe/Paris:20250326T230000
    DTSTAMP:20250301T101010Z
    RECURRENCE-ID;TZID=Europe/Paris:20250325T190000
    UID:rehearsal-123@google.com
    SEQUENCE:2
    SUMMARY:Répétition (déplacée au mercredi)
    END:VEVENT
    BEGIN:VEVENT
    DTSTART;VALUE=DATE:20250704
    DTEND;VALUE=DATE:20250707
    DTSTAMP:20250301T101010Z
    UID:festival@google.com
    SUMMARY:Festival des Vieilles Charrues (options)
    TRANSP:TRANSPARENT
    END:VEVENT
    BEGIN:VEVENT
    DTSTART:20250320T090000Z
    DTEND:20250320T100000Z
    DTSTAMP:20250301T101010Z
    UID:call@google.com
    SUMMARY:Call label
    BEGIN:VALARM
    ACTION:DISPLAY
    DESCRIPTION:This is an event reminder
    TRIGGER:-P0DT0H30M0S
    END:VALARM
    END:VEVENT
    BEGIN:VEVENT
    DTSTART;TZID=Europe/Paris:20250601T150000
    DTEND;TZID=Europe/Paris:20250601T160000
    UID:cancelled@google.com
    STATUS:CANCELLED
    SUMMARY:Cancelled interview
    END:VEVENT
    END:VCALENDAR
`);

// An Outlook export: Windows zone names, quoted TZIDs, a private "Customized Time Zone", folded lines.
const OUTLOOK = crlf(`
    BEGIN:VCALENDAR
    PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
    VERSION:2.0
    METHOD:PUBLISH
    X-MS-OLK-FORCEINSPECTOROPEN:TRUE
    BEGIN:VTIMEZONE
    TZID:Romance Standard Time
    BEGIN:STANDARD
    DTSTART:16011028T030000
    RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
    TZOFFSETFROM:+0200
    TZOFFSETTO:+0100
    END:STANDARD
    BEGIN:DAYLIGHT
    DTSTART:16010325T020000
    RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
    TZOFFSETFROM:+0100
    TZOFFSETTO:+0200
    END:DAYLIGHT
    END:VTIMEZONE
    BEGIN:VTIMEZONE
    TZID:Customized Time Zone
    BEGIN:STANDARD
    DTSTART:16011104T020000
    RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
    TZOFFSETFROM:-0400
    TZOFFSETTO:-0500
    END:STANDARD
    BEGIN:DAYLIGHT
    DTSTART:16010311T020000
    RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
    TZOFFSETFROM:-0500
    TZOFFSETTO:-0400
    END:DAYLIGHT
    END:VTIMEZONE
    BEGIN:VEVENT
    CLASS:PUBLIC
    CREATED:20250210T083000Z
    DESCRIPTION:Réunion de programmation mensuelle.\\n\\nOrdre du jour : options d
     ’été\\, contrats\\, fiches techniques.\\n
    DTEND;TZID="Romance Standard Time":20250311T113000
    DTSTAMP:20250301T120000Z
    DTSTART;TZID="Romance Standard Time":20250311T100000
    LAST-MODIFIED:20250210T083000Z
    LOCATION:Salle Horta\\, Bruxelles
    PRIORITY:5
    RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=2TU
    EXDATE;TZID="Romance Standard Time":20250513T100000
    SEQUENCE:0
    SUMMARY;LANGUAGE=fr-be:Comité de programmation
    TRANSP:OPAQUE
    UID:040000008200E00074C5B7101A82E00800000000D0B1A2C3D4E5F6010000000000000000100
     00000A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6
    X-MICROSOFT-CDO-BUSYSTATUS:BUSY
    END:VEVENT
    BEGIN:VEVENT
    DTSTART;TZID="W. Europe Standard Time":20250620T210000
    DTEND;TZID="W. Europe Standard Time":20250620T230000
    DTSTAMP:20250301T120000Z
    SUMMARY:Show Zurich
    UID:zurich-1
    END:VEVENT
    BEGIN:VEVENT
    DTSTART;TZID="Customized Time Zone":20250402T200000
    DTEND;TZID="Customized Time Zone":20250402T220000
    DTSTAMP:20250301T120000Z
    SUMMARY:Showcase NYC
    UID:nyc-1
    END:VEVENT
    BEGIN:VTODO
    UID:todo-1
    SUMMARY:Send the rider
    END:VTODO
    END:VCALENDAR
`);

describe('ICS import: real-world shapes', () => {
  it('reads a Google Calendar export: zones, weekly rule, EXDATE, moved instance, all-day, UTC', () => {
    const { events, warnings } = importIcs(GOOGLE, window2025);
    expect(warnings).toEqual([]);
    const concert = events.find((e) => e.summary === 'Concert – La Cigale')!;
    expect(concert).toMatchObject({
      allDay: false,
      start: '2025-03-14T19:30:00.000Z',
      end: '2025-03-14T21:30:00.000Z',
      timeZone: 'Europe/Paris',
      floating: false,
      location: 'La Cigale, 120 Boulevard de Rochechouart, 75018 Paris, France',
      description: 'Balances 17h, concert 20h30.\nContact : Marc; loge 2',
      busy: true,
    });
    // Tuesdays 19:00 Paris until 15 April 16:59:59Z: the 18th excluded, the 25th moved to the 26th;
    // 30 March is the change to summer time, so 19:00 is 18:00Z before and 17:00Z after.
    expect(timed(events, 'Répétition')).toEqual([
      '2025-03-04T18:00–21:00',
      '2025-03-11T18:00–21:00',
      '2025-04-01T17:00–20:00',
      '2025-04-08T17:00–20:00',
    ]);
    expect(timed(events, 'Répétition (déplacée au mercredi)')).toEqual(['2025-03-26T19:00–22:00']);
    expect(events.find((e) => e.uid === 'festival@google.com')).toMatchObject({
      allDay: true,
      startDate: '2025-07-04',
      endDate: '2025-07-06',
      busy: false,
    });
    expect(timed(events, 'Call label')).toEqual(['2025-03-20T09:00–10:00']);
    expect(events.find((e) => e.uid === 'call@google.com')).toMatchObject({ timeZone: 'UTC' });
    expect(events.some((e) => e.summary === 'Cancelled interview')).toBe(false);
    // Sorted by start.
    const starts = events.map((e) => (e.allDay ? `${e.startDate}T00:00` : e.start));
    expect([...starts].sort()).toEqual(starts);
  });

  it('reads an Outlook export: Windows zone names, a private zone, monthly 2nd Tuesday, folded lines', () => {
    const { events, warnings } = importIcs(OUTLOOK, window2025);
    expect(warnings).toEqual([{ line: expect.any(Number), message: 'VTODO entries are not imported' }]);
    // 2nd Tuesday, 6 occurrences (COUNT includes the excluded 13 May), 10:00 Brussels time.
    expect(timed(events, 'Comité de programmation')).toEqual([
      '2025-03-11T09:00–10:30',
      '2025-04-08T08:00–09:30',
      '2025-06-10T08:00–09:30',
      '2025-07-08T08:00–09:30',
      '2025-08-12T08:00–09:30',
    ]);
    const committee = events.find((e) => e.summary === 'Comité de programmation')!;
    expect(committee.description).toBe(
      'Réunion de programmation mensuelle.\n\nOrdre du jour : options d’été, contrats, fiches techniques.\n',
    );
    expect(committee.uid).toMatch(/^040000008200E.*00000A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6$/);
    expect(committee).toMatchObject({ timeZone: 'Europe/Paris', location: 'Salle Horta, Bruxelles' });
    // W. Europe Standard Time (Zurich) 21:00 in June = 19:00Z.
    expect(timed(events, 'Show Zurich')).toEqual(['2025-06-20T19:00–21:00']);
    // The private zone follows US rules: 2 April is daylight time (−4 h), 20:00 → 00:00Z next day.
    expect(events.find((e) => e.uid === 'nyc-1')).toMatchObject({
      start: '2025-04-03T00:00:00.000Z',
      timeZone: 'Customized Time Zone',
    });
  });

  it('agrees with Intl for a private VTIMEZONE all year round', { timeout: 60_000 }, () => {
    const newYork = intlTimeZone('America/New_York')!;
    const ics = (wall: string) => OUTLOOK.replace('20250402T200000', wall).replace('20250402T220000', wall);
    for (let day = 0; day < 365; day += 4) {
      for (const hour of [1, 2, 3, 12]) {
        const wall = Date.UTC(2025, 0, 1 + day, hour, 30);
        const text = new Date(wall).toISOString().replace(/[-:]/g, '').slice(0, 15);
        const nyc = importIcs(ics(text), window2025).events.find((e) => e.uid === 'nyc-1');
        if (!nyc || nyc.allDay) throw new Error('missing');
        expect(nyc.start, text).toBe(new Date(wallToUtc(newYork, wall)).toISOString());
      }
    }
  });
});

describe('ICS import: time zones', () => {
  const one = (dtstart: string, options: Partial<IcsImportOptions> = {}) => {
    const text = crlf(`
      BEGIN:VCALENDAR
      VERSION:2.0
      BEGIN:VEVENT
      UID:x
      ${dtstart}
      END:VEVENT
      END:VCALENDAR
    `).replace(/^ +/gm, '');
    const [event] = importIcs(text, { ...window2025, ...options }).events;
    return event && !event.allDay ? event.start : event;
  };

  it('converts the zones a European booker meets', () => {
    expect(one('DTSTART;TZID=Europe/Paris:20250115T203000')).toBe('2025-01-15T19:30:00.000Z');
    expect(one('DTSTART;TZID=Europe/Brussels:20250715T203000')).toBe('2025-07-15T18:30:00.000Z');
    expect(one('DTSTART;TZID=Europe/Zurich:20251231T235900')).toBe('2025-12-31T22:59:00.000Z');
    expect(one('DTSTART;TZID=Europe/London:20250701T200000')).toBe('2025-07-01T19:00:00.000Z');
    expect(one('DTSTART;TZID=America/New_York:20250115T200000')).toBe('2025-01-16T01:00:00.000Z');
    expect(one('DTSTART;TZID=Romance Standard Time:20250115T200000')).toBe('2025-01-15T19:00:00.000Z');
    expect(one('DTSTART;TZID=GMT Standard Time:20250115T200000')).toBe('2025-01-15T20:00:00.000Z');
    expect(one('DTSTART;TZID=Eastern Standard Time:20250715T200000')).toBe('2025-07-16T00:00:00.000Z');
    expect(one('DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20250115T203000')).toBe(
      '2025-01-15T19:30:00.000Z',
    );
  });

  it('reads floating times in the booker’s zone, or the one given', () => {
    expect(one('DTSTART:20250314T203000')).toBe('2025-03-14T19:30:00.000Z');
    expect(one('DTSTART:20250314T203000', { floatingTimeZone: 'America/New_York' })).toBe(
      '2025-03-15T00:30:00.000Z',
    );
  });

  it('follows RFC 5545 in the daylight-saving gap and overlap', () => {
    // 30 March 2025 02:30 does not exist in Paris: read with the offset before the gap (+1) → 03:30 CEST.
    expect(one('DTSTART;TZID=Europe/Paris:20250330T023000')).toBe('2025-03-30T01:30:00.000Z');
    // 26 October 2025 02:30 happens twice: the first (CEST, +2) is meant.
    expect(one('DTSTART;TZID=Europe/Paris:20251026T023000')).toBe('2025-10-26T00:30:00.000Z');
  });

  it('resolves zone names without a tz database', () => {
    expect(zoneFromTzid('Europe/Zurich')!.name).toBe('Europe/Zurich');
    expect(zoneFromTzid('Romance Standard Time')!.name).toBe('Europe/Paris');
    expect(zoneFromTzid('W. Europe Standard Time')!.offsetMinutesAt(Date.UTC(2025, 6, 1))).toBe(120);
    expect(zoneFromTzid('Not A Zone')).toBeNull();
  });
});

describe('ICS import: recurrence', () => {
  const series = (
    rule: string,
    dtstart = 'DTSTART;TZID=Europe/Paris:20250106T200000',
    extra = '',
    options = window2025,
  ) =>
    importIcs(
      [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:r',
        dtstart,
        `RRULE:${rule}`,
        ...(extra ? [extra] : []),
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
      options,
    ).events.map((e) => (e.allDay ? e.startDate : e.start.slice(0, 16)));

  it('DAILY with INTERVAL and COUNT', () => {
    expect(series('FREQ=DAILY;INTERVAL=2;COUNT=3')).toEqual([
      '2025-01-06T19:00',
      '2025-01-08T19:00',
      '2025-01-10T19:00',
    ]);
  });

  it('WEEKLY on several days keeps the local time across the clock change', () => {
    // Mondays and Thursdays 20:00 Paris from 24 March: 20:00 CET = 19:00Z, 20:00 CEST = 18:00Z.
    expect(series('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4', 'DTSTART;TZID=Europe/Paris:20250324T200000')).toEqual([
      '2025-03-24T19:00',
      '2025-03-27T19:00',
      '2025-03-31T18:00',
      '2025-04-03T18:00',
    ]);
  });

  it('MONTHLY on the 31st skips short months; last weekday with BYSETPOS', () => {
    expect(series('FREQ=MONTHLY;COUNT=4', 'DTSTART;VALUE=DATE:20250131')).toEqual([
      '2025-01-31',
      '2025-03-31',
      '2025-05-31',
      '2025-07-31',
    ]);
    expect(
      series('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3', 'DTSTART;VALUE=DATE:20250131'),
    ).toEqual(['2025-01-31', '2025-02-28', '2025-03-31']);
    expect(series('FREQ=MONTHLY;BYDAY=-1SU;COUNT=2', 'DTSTART;VALUE=DATE:20250330')).toEqual([
      '2025-03-30',
      '2025-04-27',
    ]);
    const toMarch2026 = {
      window: { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') },
    };
    expect(
      series('FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR', 'DTSTART;VALUE=DATE:20250613', '', toMarch2026),
    ).toEqual([
      '2025-06-13', // Friday the 13th
      '2026-02-13',
    ]);
  });

  it('YEARLY, including 29 February only in leap years, and with BYMONTH + BYDAY', () => {
    const wide = { window: { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2033-01-01T00:00:00Z') } };
    expect(series('FREQ=YEARLY;COUNT=3', 'DTSTART;VALUE=DATE:20240229', '', wide)).toEqual([
      '2024-02-29',
      '2028-02-29',
      '2032-02-29',
    ]);
    // Fête de la musique is 21 June; "3rd Saturday of June" as a rule:
    expect(
      series('FREQ=YEARLY;BYMONTH=6;BYDAY=3SA;COUNT=3', 'DTSTART;VALUE=DATE:20240615', '', wide),
    ).toEqual(['2024-06-15', '2025-06-21', '2026-06-20']);
  });

  it('UNTIL as a date includes that day; EXDATE as dates; window clipping keeps COUNT', () => {
    expect(series('FREQ=DAILY;UNTIL=20250108', 'DTSTART;VALUE=DATE:20250106')).toEqual([
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
    ]);
    expect(
      series('FREQ=DAILY;COUNT=4', 'DTSTART;VALUE=DATE:20250106', 'EXDATE;VALUE=DATE:20250107,20250108'),
    ).toEqual(['2025-01-06', '2025-01-09']);
    // Started in 2024, 10 occurrences: only those in 2025 are returned, and the count still ends it.
    expect(series('FREQ=WEEKLY;COUNT=10', 'DTSTART;VALUE=DATE:20241202')).toEqual([
      '2025-01-06',
      '2025-01-13',
      '2025-01-20',
      '2025-01-27',
      '2025-02-03',
    ]);
  });

  it('stops an endless rule at the window and a never-matching rule without hanging', () => {
    expect(series('FREQ=WEEKLY', 'DTSTART;VALUE=DATE:20251215')).toEqual([
      '2025-12-15',
      '2025-12-22',
      '2025-12-29',
    ]);
    expect(series('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'DTSTART;VALUE=DATE:20250101')).toEqual([
      '2025-01-01',
    ]);
  });

  it('imports only the first occurrence of a rule beyond the subset, with a warning', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:h',
      'DTSTART:20250106T200000Z',
      'RRULE:FREQ=HOURLY;COUNT=5',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const { events, warnings } = importIcs(text, window2025);
    expect(events).toHaveLength(1);
    expect(warnings).toEqual([
      { line: 5, message: 'repeat rule not supported (FREQ=HOURLY): only the first occurrence is imported' },
    ]);
  });
});

describe('ICS import: malformed files', () => {
  const cases: [string, string, RegExp][] = [
    ['empty', '', /^Line 1: not a calendar file/],
    ['not a calendar', 'hello world', /^Line 1: "HELLO" has no ":"|^Line 1: "hello" has no ":"/],
    ['no VCALENDAR', 'BEGIN:VEVENT\r\nEND:VEVENT', /^Line 1: expected BEGIN:VCALENDAR/],
    [
      'unclosed',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101\r\n',
      /^Line 2: BEGIN:VEVENT is never closed/,
    ],
    [
      'mismatched END',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR',
      /^Line 3: END:VTODO closes BEGIN:VEVENT of line 2/,
    ],
    [
      'no colon',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY Concert\r\nEND:VEVENT\r\nEND:VCALENDAR',
      /^Line 3: "SUMMARY" has no ":"/,
    ],
    [
      'bad date',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250230T200000\r\nEND:VEVENT\r\nEND:VCALENDAR',
      /^Line 3: "20250230T200000" is not a valid date/,
    ],
    [
      'garbage date',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR',
      /^Line 3: "tomorrow" is not a date/,
    ],
    [
      'no DTSTART',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR',
      /^Line 2: VEVENT without DTSTART/,
    ],
    [
      'end before start',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250102T100000Z\r\nDTEND:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR',
      /^Line 4: DTEND is before DTSTART/,
    ],
    [
      'unknown zone',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Mars/Olympus:20250102T100000\r\nEND:VEVENT\r\nEND:VCALENDAR',
      /^Line 3: unknown time zone "Mars\/Olympus"/,
    ],
    [
      'bad RRULE',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250102\r\nRRULE:COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR',
      /^Line 4: RRULE: FREQ is missing/,
    ],
    [
      'bad duration',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250102T100000Z\r\nDURATION:2 hours\r\nEND:VEVENT\r\nEND:VCALENDAR',
      /^Line 4: "2 hours" is not a duration/,
    ],
    [
      'unclosed quote',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID="Romance:20250102T100000\r\nEND:VEVENT\r\nEND:VCALENDAR',
      /^Line 3: unclosed quote/,
    ],
    ['property outside', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nSUMMARY:stray', /^Line 3: SUMMARY outside/],
  ];
  for (const [label, text, message] of cases) {
    it(`refuses ${label} with the line number`, () => {
      const error = validationError(() => importIcs(text, window2025));
      expect(error.message).toMatch(message);
    });
  }

  it('counts physical lines through folded ones', () => {
    const text =
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a long\r\n  folded summary\r\nDTSTART:2025\r\nEND:VEVENT\r\nEND:VCALENDAR';
    expect(validationError(() => importIcs(text, window2025)).message).toMatch(/^Line 5: /);
  });

  it(
    'never throws anything but a VALIDATION AppError on mangled files (1,500 seeded mutations)',
    { timeout: 60_000 },
    () => {
      const random = mulberry32(5545);
      const samples = [GOOGLE, OUTLOOK, exportIcs(EXPORTED, { now: new Date('2025-02-01T12:00:00Z') })];
      const junk = [
        ':',
        ';',
        '"',
        '\\',
        '\r\n',
        '\r\n ',
        'BEGIN:VEVENT',
        'END:VEVENT',
        'RRULE:FREQ=DAILY',
        '=',
        ',',
        'T',
        'Z',
        '9',
        '-',
      ];
      let refused = 0;
      for (let i = 0; i < 1500; i++) {
        let text = samples[i % samples.length]!;
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
          const at = Math.floor(random() * text.length);
          const cut = Math.floor(random() * 12);
          text =
            text.slice(0, at) +
            (random() < 0.7 ? junk[Math.floor(random() * junk.length)] : '') +
            text.slice(at + cut);
        }
        try {
          importIcs(text, { ...window2025, maxOccurrences: 2_000 });
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('VALIDATION');
          // A refusal names the line at fault; the catch-all message would reveal a defect of ours.
          expect((error as AppError).message).toMatch(/^Line \d+: /);
          refused++;
        }
      }
      expect(refused).toBeGreaterThan(100);
    },
  );
});

// ---- Export -----------------------------------------------------------------------------------------

const EXPORTED = [
  {
    uid: '01956a3c-7d1e-7a40-9b2f-3c4d5e6f7a8b@flowstage',
    summary: 'Ana Quartet — La Cigale, Paris',
    location: 'La Cigale, 120 boulevard de Rochechouart; 75018 Paris',
    description: 'Contrat de cession signé.\nBalances 17:00\\loge 2',
    when: { kind: 'allDay' as const, startDate: '2025-03-14', endDate: '2025-03-14' },
  },
  {
    uid: 'festival@flowstage',
    summary: 'Festival (3 jours)',
    when: { kind: 'allDay' as const, startDate: '2025-07-04', endDate: '2025-07-06' },
  },
  {
    uid: 'timed@flowstage',
    summary: 'Showcase — Botanique, Bruxelles',
    when: { kind: 'timed' as const, start: '2025-10-25T22:30', end: '2025-10-26T02:30' },
  },
];

describe('ICS export', () => {
  const text = exportIcs(EXPORTED, {
    now: new Date('2025-02-01T12:00:00Z'),
    calendarName: 'Flow Stage — dates confirmées',
  });

  it('writes CRLF lines of at most 75 octets, escaped TEXT, UIDs, DTSTAMP and dates', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('UID:01956a3c-7d1e-7a40-9b2f-3c4d5e6f7a8b@flowstage\r\n');
    expect(unfolded).toContain('DTSTAMP:20250201T120000Z\r\n');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20250314\r\nDTEND;VALUE=DATE:20250315\r\n');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20250704\r\nDTEND;VALUE=DATE:20250707\r\n');
    expect(unfolded).toContain('LOCATION:La Cigale\\, 120 boulevard de Rochechouart\\; 75018 Paris\r\n');
    expect(unfolded).toContain('DESCRIPTION:Contrat de cession signé.\\nBalances 17:00\\\\loge 2\r\n');
    expect(unfolded).toContain(
      'DTSTART;TZID=Europe/Paris:20251025T223000\r\nDTEND;TZID=Europe/Paris:20251026T023000\r\n',
    );
    expect(unfolded).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n');
    expect(unfolded).toContain('STATUS:CONFIRMED');
  });

  it('writes a VTIMEZONE only when a time needs one', () => {
    const allDay = exportIcs(EXPORTED.slice(0, 2), { now: new Date() });
    expect(allDay).not.toContain('VTIMEZONE');
    expect(exportIcs(EXPORTED, { now: new Date(), timeZone: 'Europe/Zurich' })).toContain(
      'TZID:Europe/Zurich',
    );
  });

  it('folds by octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(50)}🎸${'a'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
    expect(escapeText('a,b;c\\d\r\ne\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
  });

  it('round-trips export → import', () => {
    const { events, warnings } = importIcs(text, window2025);
    expect(warnings).toEqual([]);
    expect(
      events.map((e) => ({
        uid: e.uid,
        summary: e.summary,
        location: e.location,
        description: e.description,
      })),
    ).toEqual(
      EXPORTED.map((e) => ({
        uid: e.uid,
        summary: e.summary,
        location: e.location ?? '',
        description: e.description ?? '',
      })),
    );
    expect(events[0]).toMatchObject({ allDay: true, startDate: '2025-03-14', endDate: '2025-03-14' });
    expect(events[1]).toMatchObject({ allDay: true, startDate: '2025-07-04', endDate: '2025-07-06' });
    // 25 Oct 22:30 CEST (+2) → 20:30Z; 26 Oct 02:30 is ambiguous (clocks go back at 03:00): the first, CEST.
    expect(events[2]).toMatchObject({
      allDay: false,
      start: '2025-10-25T20:30:00.000Z',
      end: '2025-10-26T00:30:00.000Z',
    });
  });

  it('exports the confirmed holds only, with the hold id as UID', () => {
    const hold = (id: string, status: Hold['status']): Hold => ({
      id,
      artistId: 'ana',
      venueId: 'cigale',
      startDate: '2025-03-14',
      endDate: '2025-03-15',
      level: 1,
      status,
      placedAt: '2025-01-01T00:00:00Z',
      note: '',
    });
    const events = icsEventsFromHolds(
      [hold('h1', 'held'), hold('h2', 'confirmed'), hold('h3', 'released')],
      (h) => ({
        summary: `Ana — La Cigale (${h.id})`,
      }),
    );
    expect(events).toEqual([
      {
        uid: 'h2@flowstage',
        status: 'CONFIRMED',
        summary: 'Ana — La Cigale (h2)',
        when: { kind: 'allDay', startDate: '2025-03-14', endDate: '2025-03-15' },
      },
    ]);
  });

  it('refuses impossible dates and times', () => {
    const bad = (when: (typeof EXPORTED)[number]['when']) => () =>
      exportIcs([{ uid: 'x', summary: 'x', when }], { now: new Date() });
    expect(
      validationError(bad({ kind: 'allDay', startDate: '2025-02-30', endDate: '2025-03-01' })).message,
    ).toMatch(/not a date/);
    expect(
      validationError(bad({ kind: 'allDay', startDate: '2025-03-02', endDate: '2025-03-01' })).message,
    ).toMatch(/before the first day/);
    expect(
      validationError(bad({ kind: 'timed', start: '2025-03-01T25:00', end: '2025-03-01T26:00' })).message,
    ).toMatch(/not a local time/);
  });
});

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
