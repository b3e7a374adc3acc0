import { i18next } from '../../i18n';
import { translateMessage } from '../../lib/forms';

/** The event schema's own English messages, in the interface's words (the rest go through translateMessage). */
export function eventMessage(message: string): string {
  const t = i18next.getFixedT(null, 'forecast');
  let m = /^Tickets sold \((\d+)\) exceed the capacity \((\d+)\)$/.exec(message);
  if (m) return t('event.errors.soldOverCapacity', { sold: m[1], capacity: m[2] });
  if (message === 'The announcement date is after the show') return t('event.errors.announcedAfter');
  m = /^Capacity must be at least 1 ticket/.exec(message);
  if (m) return t('event.errors.capacityMin');
  if (message === 'Tickets sold cannot be negative') return t('event.errors.soldNegative');
  return translateMessage(message);
}
