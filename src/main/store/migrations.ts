/**
 * Forward-only, numbered schema migrations. Never edit a released migration: add the next number.
 * Sync is coming, so from the first one: ids are client-generated UUIDv7 strings, every synced row has
 * `updated_at` (a hybrid logical clock, see hlc.ts) and `deleted_at` (a tombstone instead of DELETE),
 * and private columns (fees, budgets, contacts, notes, deals, contracts) live in tables of their own.
 */
import { venueFitMigration } from './migrations/4-venue-fit';
import { legalMigration } from './migrations/5-legal';
import { forecastMigration } from './migrations/6-forecast';
import { demoHeardMigration } from './migrations/7-demo-heard';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'catalogue, demos, events, offers, contracts',
    sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE artists (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  genres      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(genres)),
  city        TEXT NOT NULL DEFAULT '',
  country     TEXT NOT NULL DEFAULT '',
  members     INTEGER CHECK (members IS NULL OR members >= 1),
  search_text TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT
) STRICT;
CREATE INDEX artists_live_name ON artists (deleted_at, name COLLATE NOCASE);

CREATE TABLE artists_private (
  artist_id  TEXT PRIMARY KEY REFERENCES artists (id),
  currency   TEXT NOT NULL DEFAULT 'EUR' CHECK (currency IN ('EUR', 'CHF')),
  fee_min    REAL CHECK (fee_min IS NULL OR fee_min >= 0),
  fee_max    REAL CHECK (fee_max IS NULL OR fee_max >= 0),
  contacts   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(contacts)),
  notes      TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE venues (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  address           TEXT NOT NULL DEFAULT '',
  postal_code       TEXT NOT NULL DEFAULT '',
  city              TEXT NOT NULL DEFAULT '',
  country           TEXT NOT NULL DEFAULT '',
  latitude          REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude         REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  capacity_standing INTEGER CHECK (capacity_standing IS NULL OR capacity_standing >= 0),
  capacity_seated   INTEGER CHECK (capacity_seated IS NULL OR capacity_seated >= 0),
  room_length_m     REAL,
  room_width_m      REAL,
  room_height_m     REAL,
  stage_length_m    REAL,
  stage_width_m     REAL,
  stage_height_m    REAL,
  rt60_sec          REAL,
  treatment         TEXT NOT NULL DEFAULT 'unknown',
  acoustic_notes    TEXT NOT NULL DEFAULT '',
  pa_system         TEXT NOT NULL DEFAULT '',
  backline          TEXT NOT NULL DEFAULT '',
  genres            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(genres)),
  currency          TEXT NOT NULL DEFAULT 'EUR' CHECK (currency IN ('EUR', 'CHF')),
  ticket_price_min  REAL,
  ticket_price_max  REAL,
  search_text       TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  deleted_at        TEXT
) STRICT;
CREATE INDEX venues_live_name ON venues (deleted_at, name COLLATE NOCASE);

CREATE TABLE venues_private (
  venue_id   TEXT PRIMARY KEY REFERENCES venues (id),
  budget_min REAL CHECK (budget_min IS NULL OR budget_min >= 0),
  budget_max REAL CHECK (budget_max IS NULL OR budget_max >= 0),
  contacts   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(contacts)),
  notes      TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) STRICT;

-- Demos are identified by the SHA-256 of their bytes; the file is referenced, not copied.
CREATE TABLE demos (
  id           TEXT PRIMARY KEY,
  sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  artist_id    TEXT REFERENCES artists (id),
  file_path    TEXT NOT NULL,
  format       TEXT NOT NULL DEFAULT '',
  size_bytes   INTEGER NOT NULL DEFAULT 0,
  duration_sec REAL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
) STRICT;

-- Past and future shows; outcomes feed the forecasts. Money columns are private by nature.
CREATE TABLE events (
  id           TEXT PRIMARY KEY,
  artist_id    TEXT NOT NULL REFERENCES artists (id),
  venue_id     TEXT NOT NULL REFERENCES venues (id),
  date         TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'planned'
               CHECK (status IN ('planned', 'confirmed', 'played', 'cancelled')),
  currency     TEXT NOT NULL DEFAULT 'EUR' CHECK (currency IN ('EUR', 'CHF')),
  ticket_price REAL CHECK (ticket_price IS NULL OR ticket_price >= 0),
  fee          REAL CHECK (fee IS NULL OR fee >= 0),
  capacity     INTEGER CHECK (capacity IS NULL OR capacity >= 0),
  tickets_sold INTEGER CHECK (tickets_sold IS NULL OR tickets_sold >= 0),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
) STRICT;
CREATE INDEX events_artist ON events (artist_id, date);
CREATE INDEX events_venue ON events (venue_id, date);

-- Placeholders that the offers and contracts work fills: terms and documents are JSON for now.
CREATE TABLE offers (
  id         TEXT PRIMARY KEY,
  event_id   TEXT REFERENCES events (id),
  artist_id  TEXT NOT NULL REFERENCES artists (id),
  venue_id   TEXT NOT NULL REFERENCES venues (id),
  status     TEXT NOT NULL DEFAULT 'draft',
  terms      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(terms)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;

CREATE TABLE contracts (
  id              TEXT PRIMARY KEY,
  offer_id        TEXT REFERENCES offers (id),
  kind            TEXT NOT NULL,
  country         TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'draft',
  body            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(body)),
  document_sha256 TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT
) STRICT;
`,
  },
  {
    version: 2,
    name: 'holds, calendar blocks, offer rounds and settlements',
    sql: `
-- Holds on (venue, dates) for an artist; levels are recomputed by the holds engine on every change.
CREATE TABLE holds (
  id         TEXT PRIMARY KEY,
  artist_id  TEXT NOT NULL REFERENCES artists (id),
  venue_id   TEXT NOT NULL REFERENCES venues (id),
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL CHECK (end_date >= start_date),
  level      INTEGER NOT NULL CHECK (level >= 1),
  status     TEXT NOT NULL CHECK (status IN ('held', 'challenged', 'confirmed', 'released')),
  placed_at  TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX holds_venue_dates ON holds (venue_id, start_date) WHERE status <> 'released';
CREATE INDEX holds_artist_dates ON holds (artist_id, start_date);

-- Busy periods imported from an artist's external calendar (.ics); replaced per source on re-import.
CREATE TABLE calendar_blocks (
  id         TEXT PRIMARY KEY,
  artist_id  TEXT NOT NULL REFERENCES artists (id),
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL,
  summary    TEXT NOT NULL DEFAULT '',
  source     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX calendar_blocks_artist ON calendar_blocks (artist_id, start_date);

-- Offers gain their date, the booker's side and private negotiation bounds; terms stay JSON (a Deal).
ALTER TABLE offers ADD COLUMN date TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN side TEXT NOT NULL DEFAULT 'artist' CHECK (side IN ('artist', 'organiser'));
ALTER TABLE offers ADD COLUMN walk_away REAL;
ALTER TABLE offers ADD COLUMN target REAL;
ALTER TABLE offers ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN hold_id TEXT REFERENCES holds (id);
CREATE INDEX offers_artist ON offers (artist_id, date);
CREATE INDEX offers_venue ON offers (venue_id, date);

CREATE TABLE offer_rounds (
  id         TEXT PRIMARY KEY,
  offer_id   TEXT NOT NULL REFERENCES offers (id),
  at         TEXT NOT NULL,
  by_party   TEXT NOT NULL CHECK (by_party IN ('us', 'them')),
  action     TEXT NOT NULL CHECK (action IN ('sent', 'countered', 'accepted', 'declined')),
  terms      TEXT NOT NULL CHECK (json_valid(terms)),
  note       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX offer_rounds_offer ON offer_rounds (offer_id, at);

CREATE TABLE settlements (
  offer_id        TEXT PRIMARY KEY REFERENCES offers (id),
  tickets_sold    INTEGER NOT NULL CHECK (tickets_sold >= 0),
  actual_expenses TEXT NOT NULL CHECK (json_valid(actual_expenses)),
  result          TEXT NOT NULL CHECK (json_valid(result)),
  event_id        TEXT REFERENCES events (id),
  settled_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
`,
  },
  {
    version: 3,
    name: 'demo analysis queue and results',
    sql: `
-- Demos become an analysis queue that survives restarts. The table is rebuilt (SQLite cannot relax a
-- column constraint in place) so that sha256 may be NULL for a path that could not be read at all
-- (missing file, a folder): such a demo is kept, failed, with its error.
CREATE TABLE demos_v3 (
  id               TEXT PRIMARY KEY,
  sha256           TEXT UNIQUE CHECK (sha256 IS NULL OR length(sha256) = 64),
  artist_id        TEXT REFERENCES artists (id),
  file_path        TEXT NOT NULL,
  file_name        TEXT NOT NULL DEFAULT '',
  search_text      TEXT NOT NULL DEFAULT '',
  format           TEXT NOT NULL DEFAULT '',
  size_bytes       INTEGER NOT NULL DEFAULT 0,
  duration_sec     REAL,
  status           TEXT NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'analysing', 'done', 'failed', 'cancelled')),
  error_code       TEXT,
  error_message    TEXT,
  -- ANALYSIS_VERSION of the newest stored result (demo_analyses), NULL before the first.
  analysis_version INTEGER,
  -- Analyses started since the last retry: a file that keeps taking the app down is failed, not retried forever.
  attempts         INTEGER NOT NULL DEFAULT 0,
  queued_at        TEXT,
  started_at       TEXT,
  finished_at      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  deleted_at       TEXT
) STRICT;
INSERT INTO demos_v3 (id, sha256, artist_id, file_path, file_name, format, size_bytes, duration_sec,
                      status, queued_at, created_at, updated_at, deleted_at)
  SELECT id, sha256, artist_id, file_path,
         replace(file_path, rtrim(file_path, replace(replace(file_path, '/', ''), '\\', '')), ''),
         format, size_bytes, duration_sec, 'queued', updated_at, created_at, updated_at, deleted_at
  FROM demos;
DROP TABLE demos;
ALTER TABLE demos_v3 RENAME TO demos;
CREATE INDEX demos_queue ON demos (status, queued_at) WHERE deleted_at IS NULL;
CREATE INDEX demos_created ON demos (created_at);
CREATE INDEX demos_artist ON demos (artist_id, created_at);
CREATE INDEX demos_unread_path ON demos (file_path) WHERE sha256 IS NULL;

-- Analysis results, one per demo and ANALYSIS_VERSION (older versions are dropped once redone).
-- summary is what lists carry: the result without embedding, with a waveform thumbnail.
CREATE TABLE demo_analyses (
  demo_id          TEXT NOT NULL REFERENCES demos (id),
  analysis_version INTEGER NOT NULL,
  result           TEXT NOT NULL CHECK (json_valid(result)),
  summary          TEXT NOT NULL CHECK (json_valid(summary)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (demo_id, analysis_version)
) STRICT;
`,
  },
  // From 4 on, a feature's migration lives in migrations/ beside the others' (one file each).
  venueFitMigration,
  legalMigration,
  forecastMigration,
  demoHeardMigration,
];

export const latestSchemaVersion = migrations.at(-1)!.version;
