import type { Migration } from '../migrations';

/**
 * Event history for the forecasts (issue #6). The `events` table of migration 1 is private as a whole
 * (fees, prices, outcomes), so the new columns join it rather than a side table:
 * - announced_on: when the show was booked or announced (the forecasts' lead time);
 * - promotion_spend, deal_type, notes;
 * - source: manual | csv | settlement | synthetic (synthetic rows are never "the booker's events").
 *
 * The post-show settlement of an offer (offers.settle) writes a played event without knowing these
 * columns; triggers on `settlements` complete that event from its offer (source, deal type, the offer's
 * creation as the booking date, promotion expenses), and an UPDATE backfills events settled before
 * this migration. Retraining reports are kept per device (the model is a file of this profile).
 */
export const forecastMigration: Migration = {
  version: 6,
  name: 'event history and forecast models',
  sql: `
ALTER TABLE events ADD COLUMN announced_on TEXT;
ALTER TABLE events ADD COLUMN promotion_spend REAL CHECK (promotion_spend IS NULL OR promotion_spend >= 0);
ALTER TABLE events ADD COLUMN deal_type TEXT
  CHECK (deal_type IS NULL OR deal_type IN ('flat', 'doorSplit', 'versus', 'guaranteePlus'));
ALTER TABLE events ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
  CHECK (source IN ('manual', 'csv', 'settlement', 'synthetic'));
ALTER TABLE events ADD COLUMN notes TEXT NOT NULL DEFAULT '';
CREATE INDEX events_status_date ON events (status, date) WHERE deleted_at IS NULL;
CREATE INDEX events_date ON events (date) WHERE deleted_at IS NULL;

CREATE TRIGGER settlements_complete_event_insert AFTER INSERT ON settlements
WHEN NEW.event_id IS NOT NULL
BEGIN
  UPDATE events SET
    source = 'settlement',
    deal_type = (SELECT json_extract(o.terms, '$.type') FROM offers o WHERE o.id = NEW.offer_id),
    announced_on = coalesce(announced_on, (SELECT substr(o.created_at, 1, 10) FROM offers o WHERE o.id = NEW.offer_id)),
    promotion_spend = (SELECT sum(json_extract(x.value, '$.amount')) FROM json_each(NEW.actual_expenses) x
                       WHERE json_extract(x.value, '$.kind') = 'promotion')
  WHERE id = NEW.event_id;
END;

CREATE TRIGGER settlements_complete_event_update AFTER UPDATE ON settlements
WHEN NEW.event_id IS NOT NULL
BEGIN
  UPDATE events SET
    source = 'settlement',
    deal_type = (SELECT json_extract(o.terms, '$.type') FROM offers o WHERE o.id = NEW.offer_id),
    announced_on = coalesce(announced_on, (SELECT substr(o.created_at, 1, 10) FROM offers o WHERE o.id = NEW.offer_id)),
    promotion_spend = (SELECT sum(json_extract(x.value, '$.amount')) FROM json_each(NEW.actual_expenses) x
                       WHERE json_extract(x.value, '$.kind') = 'promotion')
  WHERE id = NEW.event_id;
END;

UPDATE events SET
  source = 'settlement',
  deal_type = (SELECT json_extract(o.terms, '$.type') FROM settlements s JOIN offers o ON o.id = s.offer_id
               WHERE s.event_id = events.id),
  announced_on = (SELECT substr(o.created_at, 1, 10) FROM settlements s JOIN offers o ON o.id = s.offer_id
                  WHERE s.event_id = events.id),
  promotion_spend = (SELECT sum(json_extract(x.value, '$.amount')) FROM settlements s, json_each(s.actual_expenses) x
                     WHERE s.event_id = events.id AND json_extract(x.value, '$.kind') = 'promotion')
WHERE id IN (SELECT event_id FROM settlements WHERE event_id IS NOT NULL);

-- One row per retraining attempt: the evaluation report, and whether it replaced the current model.
CREATE TABLE forecast_retrains (
  id            TEXT PRIMARY KEY,
  at            TEXT NOT NULL,
  replaced      INTEGER NOT NULL CHECK (replaced IN (0, 1)),
  reason        TEXT NOT NULL CHECK (json_valid(reason)),
  rows          INTEGER NOT NULL CHECK (rows >= 0),
  model_version TEXT,
  report        TEXT CHECK (report IS NULL OR json_valid(report)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX forecast_retrains_at ON forecast_retrains (at);
`,
};
