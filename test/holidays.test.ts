import { describe, expect, it } from 'vitest';
import {
  belgianCommunity,
  easterSunday,
  frenchZone,
  publicHolidayOnOrEve,
  publicHolidays,
  schoolHolidayOn,
} from '../src/main/services/forecast/holidays';

const dates = (year: number, country: string, postalCode?: string) =>
  publicHolidays(year, { country, ...(postalCode ? { postalCode } : {}) }).map((h) => h.date);

describe('Easter and movable feasts', () => {
  it('computes Easter Sunday for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2008)).toBe('2008-03-23');
  });

  it('places Easter Monday, Ascension and Whit Monday from Easter', () => {
    const fr2025 = dates(2025, 'FR');
    expect(fr2025).toContain('2025-04-21'); // Easter Monday
    expect(fr2025).toContain('2025-05-29'); // Ascension
    expect(fr2025).toContain('2025-06-09'); // Whit Monday
    const fr2026 = dates(2026, 'FR');
    expect(fr2026).toContain('2026-04-06');
    expect(fr2026).toContain('2026-05-14');
    expect(fr2026).toContain('2026-05-25');
  });
});

describe('public holidays by country', () => {
  it('France: 11 days, 14 juillet, and Alsace-Moselle adds Good Friday and 26 December', () => {
    expect(dates(2025, 'FR')).toHaveLength(11);
    expect(dates(2025, 'FR')).toContain('2025-07-14');
    expect(dates(2025, 'FR')).not.toContain('2025-04-18');
    const strasbourg = dates(2025, 'FR', '67000');
    expect(strasbourg).toContain('2025-04-18');
    expect(strasbourg).toContain('2025-12-26');
    expect(strasbourg).toHaveLength(13);
  });

  it('Belgium: 21 juillet, no 14 juillet, no 8 mai', () => {
    const be = dates(2025, 'BE');
    expect(be).toContain('2025-07-21');
    expect(be).not.toContain('2025-07-14');
    expect(be).not.toContain('2025-05-08');
    expect(be).toHaveLength(10);
  });

  it('Switzerland: 1er août, Good Friday, Saint-Étienne', () => {
    const ch = dates(2026, 'CH');
    expect(ch).toContain('2026-08-01');
    expect(ch).toContain('2026-04-03');
    expect(ch).toContain('2026-12-26');
    expect(ch).not.toContain('2026-07-14');
  });

  it('flags the eve of a holiday, and nothing for a plain day or another country', () => {
    expect(publicHolidayOnOrEve('2025-07-13', { country: 'FR' })).toMatchObject({
      eve: true,
      holiday: { date: '2025-07-14', fr: 'Fête nationale' },
    });
    expect(publicHolidayOnOrEve('2025-07-14', { country: 'FR' })?.eve).toBe(false);
    expect(publicHolidayOnOrEve('2025-07-10', { country: 'FR' })).toBeNull();
    expect(publicHolidayOnOrEve('2025-07-14', { country: 'DE' })).toBeNull();
    // New Year's Eve is the eve of 1 January of the next year.
    expect(publicHolidayOnOrEve('2025-12-31', { country: 'BE' })?.holiday.date).toBe('2026-01-01');
  });
});

describe('school holidays (approximation, checked against published calendars)', () => {
  it('maps postal codes to French zones and Belgian communities', () => {
    expect(frenchZone('69001')).toBe('A'); // Lyon
    expect(frenchZone('44000')).toBe('B'); // Nantes
    expect(frenchZone('75011')).toBe('C'); // Paris
    expect(frenchZone('20000')).toBeNull(); // Corsica: national periods only
    expect(belgianCommunity('4000')).toBe('fr'); // Liège
    expect(belgianCommunity('1000')).toBe('fr'); // Brussels
    expect(belgianCommunity('9000')).toBe('nl'); // Ghent
  });

  it('France: published 2024–2026 periods', () => {
    const lyon = { country: 'FR', postalCode: '69003' };
    const nantes = { country: 'FR', postalCode: '44000' };
    const paris = { country: 'FR', postalCode: '75011' };
    // Toussaint 2025: 18 Oct – 2 Nov (back 3 Nov), all zones.
    expect(schoolHolidayOn('2025-10-18', paris)?.en).toBe('All Saints holidays');
    expect(schoolHolidayOn('2025-11-02', paris)).not.toBeNull();
    expect(schoolHolidayOn('2025-11-03', paris)).toBeNull();
    // Noël 2025: 20 Dec – 4 Jan.
    expect(schoolHolidayOn('2025-12-20', lyon)?.en).toBe('Christmas holidays');
    expect(schoolHolidayOn('2026-01-04', lyon)).not.toBeNull();
    expect(schoolHolidayOn('2026-01-05', lyon)).toBeNull();
    // Winter 2025: B 8–23 Feb, C 15 Feb – 2 Mar, A 22 Feb – 9 Mar.
    expect(schoolHolidayOn('2025-02-10', nantes)).not.toBeNull();
    expect(schoolHolidayOn('2025-02-10', paris)).toBeNull();
    expect(schoolHolidayOn('2025-03-05', lyon)).not.toBeNull();
    expect(schoolHolidayOn('2025-03-05', nantes)).toBeNull();
    // Spring 2026: A 4–19 Apr, C 11–26 Apr, B 18 Apr – 3 May.
    expect(schoolHolidayOn('2026-04-06', lyon)).not.toBeNull();
    expect(schoolHolidayOn('2026-04-06', nantes)).toBeNull();
    expect(schoolHolidayOn('2026-05-01', nantes)).not.toBeNull();
    // Summer 2025: 5 July – 31 August.
    expect(schoolHolidayOn('2025-07-04', paris)).toBeNull();
    expect(schoolHolidayOn('2025-07-05', paris)?.en).toBe('Summer holidays');
    expect(schoolHolidayOn('2025-08-31', paris)).not.toBeNull();
    expect(schoolHolidayOn('2025-09-01', paris)).toBeNull();
  });

  it('Belgium: the reformed FWB calendar differs from the Flemish one', () => {
    const liege = { country: 'BE', postalCode: '4000' };
    const ghent = { country: 'BE', postalCode: '9000' };
    // FWB 2025: autumn 20 Oct – 2 Nov; summer from 5 July, back on 25 August (Flanders: 1 September).
    expect(schoolHolidayOn('2025-10-22', liege)).not.toBeNull();
    expect(schoolHolidayOn('2025-10-22', ghent)).toBeNull();
    expect(schoolHolidayOn('2025-10-29', ghent)).not.toBeNull();
    expect(schoolHolidayOn('2025-08-26', liege)).toBeNull();
    expect(schoolHolidayOn('2025-08-26', ghent)).not.toBeNull();
    // FWB spring 2025: 28 April – 9 May; Flemish Easter holidays 2025: 7–21 April.
    expect(schoolHolidayOn('2025-05-05', liege)).not.toBeNull();
    expect(schoolHolidayOn('2025-04-10', ghent)).not.toBeNull();
    expect(schoolHolidayOn('2025-04-10', liege)).toBeNull();
  });

  it('Switzerland: a generic calendar with summer and Christmas', () => {
    const lausanne = { country: 'CH', postalCode: '1003' };
    expect(schoolHolidayOn('2025-07-20', lausanne)).not.toBeNull();
    expect(schoolHolidayOn('2025-12-29', lausanne)).not.toBeNull();
    expect(schoolHolidayOn('2025-06-10', lausanne)).toBeNull();
  });

  it('knows nothing outside FR, BE and CH', () => {
    expect(schoolHolidayOn('2025-08-01', { country: 'DE' })).toBeNull();
  });
});
