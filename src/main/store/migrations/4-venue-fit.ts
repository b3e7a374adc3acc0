import type { Migration } from '../migrations';

// Venue profiles gain what the venue-fit score and the festival import need. Every column has a
// default, so venues written before this migration read back as "unknown" (kind 'other', no days,
// all year, no surfaces, source 'user').
export const venueFitMigration: Migration = {
  version: 4,
  name: 'venue profiles and venue fit',
  sql: `
ALTER TABLE venues ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
  CHECK (kind IN ('club', 'concert_hall', 'theatre', 'festival', 'bar', 'church', 'outdoor', 'arena', 'other'));
ALTER TABLE venues ADD COLUMN region TEXT NOT NULL DEFAULT '';
-- JSON arrays: weekdays ('mon'…'sun') with shows, months (1–12) of the season; [] = unknown / all year.
ALTER TABLE venues ADD COLUMN days_open TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(days_open));
ALTER TABLE venues ADD COLUMN months TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(months));
ALTER TABLE venues ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN pa_power_w REAL CHECK (pa_power_w IS NULL OR pa_power_w >= 0);
ALTER TABLE venues ADD COLUMN floor_material TEXT;
ALTER TABLE venues ADD COLUMN wall_material TEXT;
ALTER TABLE venues ADD COLUMN ceiling_material TEXT;
-- Provenance: 'user' (form), 'csv' (file name), 'festivals-fr' (the dataset id, e.g. FEST_37011_550).
ALTER TABLE venues ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'user'
  CHECK (source_kind IN ('user', 'csv', 'festivals-fr'));
ALTER TABLE venues ADD COLUMN source_ref TEXT NOT NULL DEFAULT '';
-- Re-running the festival import finds its rows by reference instead of duplicating them.
CREATE INDEX venues_source ON venues (source_kind, source_ref) WHERE source_ref <> '';
`,
};
