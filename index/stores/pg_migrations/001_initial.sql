-- planqa's PostgreSQL schema, version 1: documents, chunks and typed facts (one row per fact, in
-- document order by `position`), and the service's jobs, feedback and conversations.
-- Every fact row belongs to a document and goes with it (ON DELETE CASCADE).

CREATE TABLE documents (
    doc_id        TEXT PRIMARY KEY,
    source        TEXT NOT NULL,
    path          TEXT NOT NULL,
    fmt           TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    meta          JSONB NOT NULL,
    text          TEXT NOT NULL,
    pages         JSONB NOT NULL,
    -- DocFilter keys (index.stores.metadata): no case, diacritics or punctuation; year 0 = not stated
    place_key     TEXT NOT NULL DEFAULT '',
    level_key     TEXT NOT NULL DEFAULT '',
    year          INTEGER NOT NULL DEFAULT 0,
    doc_type_key  TEXT NOT NULL DEFAULT '',
    ingested_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX documents_place ON documents (place_key, level_key);
CREATE INDEX documents_year ON documents (year);
CREATE INDEX documents_doc_type ON documents (doc_type_key);

CREATE TABLE chunks (
    id            TEXT PRIMARY KEY,
    doc_id        TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    text          TEXT NOT NULL,
    tokens        TEXT NOT NULL,
    section       TEXT NOT NULL,
    top_section   TEXT NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    page          INTEGER,
    content_hash  TEXT NOT NULL
);
CREATE INDEX chunks_doc ON chunks (doc_id, ordinal);

CREATE TABLE indicators (
    id            TEXT PRIMARY KEY,
    doc_id        TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    number        INTEGER,
    ordinal       INTEGER NOT NULL,
    text          TEXT NOT NULL,
    goal_id       TEXT,
    goal          TEXT,
    targets       JSONB NOT NULL,
    span          JSONB NOT NULL
);
CREATE INDEX indicators_doc_number ON indicators (doc_id, number);

CREATE TABLE assignments (
    id                TEXT PRIMARY KEY,
    doc_id            TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    agency_key        TEXT NOT NULL,
    agency            TEXT NOT NULL,
    indicator_number  INTEGER NOT NULL,
    role              TEXT NOT NULL,
    span              JSONB NOT NULL
);
CREATE INDEX assignments_doc_indicator ON assignments (doc_id, indicator_number);
CREATE INDEX assignments_agency ON assignments (agency_key);

CREATE TABLE duties (
    id            TEXT PRIMARY KEY,
    doc_id        TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    agency_key    TEXT NOT NULL,
    agency        TEXT NOT NULL,
    text          TEXT NOT NULL,
    span          JSONB NOT NULL,
    marker        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX duties_doc_agency ON duties (doc_id, agency_key);
CREATE INDEX duties_agency ON duties (agency_key);

CREATE TABLE agencies (
    doc_id        TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    name          TEXT NOT NULL,
    aliases       JSONB NOT NULL,
    PRIMARY KEY (doc_id, key)
);
CREATE INDEX agencies_key ON agencies (key);

-- The rest of a plan's facts (index.facts_db.PLAN_FACT_KINDS), one JSONB row each, typed by `kind`.
CREATE TABLE plan_facts (
    id            TEXT NOT NULL,
    doc_id        TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    position      INTEGER NOT NULL,
    data          JSONB NOT NULL,
    PRIMARY KEY (doc_id, kind, position)
);

-- Ingest jobs as the API and workers see them (the queue itself lives in Redis).
CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    payload       JSONB NOT NULL DEFAULT '{}'::jsonb,
    result        JSONB,
    error         TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX jobs_status ON jobs (status, created_at);

CREATE TABLE feedback (
    id            BIGSERIAL PRIMARY KEY,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    channel       TEXT NOT NULL DEFAULT '',
    question      TEXT NOT NULL,
    answer        JSONB,
    rating        TEXT,
    comment       TEXT
);
CREATE INDEX feedback_created ON feedback (created_at);

CREATE TABLE conversations (
    id            TEXT PRIMARY KEY,
    channel       TEXT NOT NULL DEFAULT '',
    state         JSONB NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ
);
CREATE INDEX conversations_expiry ON conversations (expires_at);

-- What the library was built with (embedding model, dimension …), checked before vectors are added to it.
CREATE TABLE library_info (
    key           TEXT PRIMARY KEY,
    value         JSONB NOT NULL
);
