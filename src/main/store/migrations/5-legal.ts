import type { Migration } from '../migrations';

// Contracts (issue #5). The `contracts` table of migration 1 stays the contract's head row (kind,
// country, status, the latest draft as body, the latest document's SHA-256); its versions, audit trail,
// the rules table and the signing identity get tables of their own. Contracts are private by nature:
// none of these tables is meant for the shared catalogue.
export const legalMigration: Migration = {
  version: 5,
  name: 'contracts, rules table and signatures',
  sql: `
-- The money rules (rates, thresholds, conditions) with their validity and sources. Seeded from
-- services/legal/rules.ts at start-up (INSERT OR IGNORE by id = key@version): a new rate is a new
-- version row, never an update of a released one.
CREATE TABLE legal_rules (
  id              TEXT PRIMARY KEY,
  country         TEXT NOT NULL CHECK (country IN ('FR', 'BE', 'CH')),
  rule_key        TEXT NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  label_fr        TEXT NOT NULL,
  label_en        TEXT NOT NULL,
  rate_ppm        INTEGER CHECK (rate_ppm IS NULL OR rate_ppm BETWEEN 0 AND 1000000),
  amount_cents    INTEGER,
  currency        TEXT CHECK (currency IS NULL OR currency IN ('EUR', 'CHF')),
  conditions      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(conditions)),
  conditions_text TEXT NOT NULL DEFAULT '',
  valid_from      TEXT,
  valid_to        TEXT,
  sources         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources)),
  status          TEXT NOT NULL CHECK (status IN ('verified', 'secondary', 'unverified')),
  note            TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT,
  UNIQUE (rule_key, version)
) STRICT;

-- Every generated or signed document of a contract, kept (history); pdf holds the exact bytes whose
-- SHA-256 is recorded, so a signed version can be handed out again unchanged.
CREATE TABLE contract_versions (
  id              TEXT PRIMARY KEY,
  contract_id     TEXT NOT NULL REFERENCES contracts (id),
  version         INTEGER NOT NULL CHECK (version >= 1),
  status          TEXT NOT NULL CHECK (status IN ('draft', 'ready', 'signed')),
  draft           TEXT NOT NULL CHECK (json_valid(draft)),
  checklist       TEXT NOT NULL CHECK (json_valid(checklist)),
  money           TEXT NOT NULL CHECK (json_valid(money)),
  signatures      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(signatures)),
  digitally_signed INTEGER NOT NULL DEFAULT 0 CHECK (digitally_signed IN (0, 1)),
  pdf             BLOB NOT NULL,
  document_sha256 TEXT NOT NULL CHECK (length(document_sha256) = 64),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT,
  UNIQUE (contract_id, version)
) STRICT;

-- Who did what to which version, with the document's hash at that moment. Append-only.
CREATE TABLE contract_audit (
  id              TEXT PRIMARY KEY,
  contract_id     TEXT NOT NULL REFERENCES contracts (id),
  version         INTEGER NOT NULL,
  at              TEXT NOT NULL,
  actor           TEXT NOT NULL,
  action          TEXT NOT NULL CHECK (action IN ('generated', 'signedDrawn', 'signedDigital')),
  document_sha256 TEXT NOT NULL CHECK (length(document_sha256) = 64),
  detail          TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT
) STRICT;
CREATE INDEX contract_audit_contract ON contract_audit (contract_id, at);

-- The signing identity: the certificate's description only. The PKCS#12 itself lives in the profile
-- folder (identity/signing.p12), wrapped under a random passphrase kept beside it with owner-only
-- permissions (see services/legal/identity.ts). One active row at most.
CREATE TABLE signing_identities (
  id            TEXT PRIMARY KEY,
  origin        TEXT NOT NULL CHECK (origin IN ('created', 'imported')),
  subject       TEXT NOT NULL,
  issuer        TEXT NOT NULL,
  serial_number TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  not_before    TEXT NOT NULL,
  not_after     TEXT NOT NULL,
  self_signed   INTEGER NOT NULL CHECK (self_signed IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT
) STRICT;

CREATE INDEX contracts_offer ON contracts (offer_id) WHERE deleted_at IS NULL;
`,
};
