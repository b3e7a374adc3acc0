import type { Migration } from '../migrations';

/**
 * What the booker heard (issue #3): the tempo and key they confirmed or corrected on a demo card.
 * Kept on the demo, not on its analysis, so that a re-analysis (a new ANALYSIS_VERSION) keeps
 * them and is scored against them (demos.accuracy).
 */
export const demoHeardMigration: Migration = {
  version: 7,
  name: 'tempo and key heard by the booker',
  sql: `
ALTER TABLE demos ADD COLUMN heard_bpm REAL CHECK (heard_bpm IS NULL OR (heard_bpm >= 30 AND heard_bpm <= 300));
ALTER TABLE demos ADD COLUMN heard_key TEXT
  CHECK (heard_key IS NULL OR heard_key IN ('C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'));
ALTER TABLE demos ADD COLUMN heard_mode TEXT
  CHECK ((heard_mode IS NULL) = (heard_key IS NULL) AND (heard_mode IS NULL OR heard_mode IN ('major', 'minor')));
ALTER TABLE demos ADD COLUMN heard_at TEXT;
CREATE INDEX demos_heard ON demos (heard_at) WHERE heard_at IS NOT NULL AND deleted_at IS NULL;
`,
};
