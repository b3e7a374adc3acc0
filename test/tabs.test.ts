import { describe, expect, it } from 'vitest';
import { tabForKey } from '../src/renderer/src/lib/tabs';

describe('tabForKey', () => {
  const tabs = ['list', 'calendar', 'offer'] as const;
  it('wraps with the arrows and jumps with Home and End', () => {
    expect(tabForKey('ArrowRight', tabs, 'list')).toBe('calendar');
    expect(tabForKey('ArrowRight', tabs, 'offer')).toBe('list');
    expect(tabForKey('ArrowLeft', tabs, 'list')).toBe('offer');
    expect(tabForKey('Home', tabs, 'offer')).toBe('list');
    expect(tabForKey('End', tabs, 'list')).toBe('offer');
  });
  it('ignores other keys', () => {
    expect(tabForKey('Enter', tabs, 'list')).toBeUndefined();
    expect(tabForKey('ArrowDown', tabs, 'list')).toBeUndefined();
  });
});
