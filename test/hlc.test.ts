import { describe, expect, it } from 'vitest';
import { HybridClock, hlcToIso, parseHlc } from '../src/main/store/hlc';
import { uuidv7 } from '../src/shared/ids';

describe('hybrid logical clock', () => {
  it('issues strictly increasing timestamps even when the wall clock stalls or goes back', () => {
    let wall = Date.parse('2026-11-25T10:00:00.000Z');
    const clock = new HybridClock('0123456789abcdef', () => wall);
    const stamps = [clock.tick(), clock.tick()];
    wall -= 5_000; // clock set back
    stamps.push(clock.tick());
    wall += 10_000;
    stamps.push(clock.tick());
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
    expect(hlcToIso(stamps[0]!)).toBe('2026-11-25T10:00:00.000Z');
  });

  it('moves past a remote timestamp', () => {
    const clock = new HybridClock('0123456789abcdef', () => Date.parse('2026-01-01T00:00:00.000Z'));
    const remote = '2026-06-01T00:00:00.000Z_0003_fedcba9876543210';
    clock.receive(remote);
    const next = clock.tick();
    expect(next > remote).toBe(true);
    expect(parseHlc(next).counter).toBe(4);
    expect(() => parseHlc('garbage')).toThrow(/Not a hybrid logical clock/);
  });
});

describe('uuidv7', () => {
  it('is a version-7 UUID ordered by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});
