-- The Communique store. One DuckDB file; every statement here is idempotent.
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY,
    command VARCHAR,
    started TIMESTAMP,
    finished TIMESTAMP,
    documents_new INTEGER,
    documents_seen INTEGER,
    events INTEGER,
    problems INTEGER,
    version VARCHAR
);

-- The large tables have no keys. DuckDB keeps a key's index in memory, outside what its buffer cap
-- can evict: at 100k documents the keys of documents, sentences and event mentions passed a 64 MB
-- cap and the ingest failed, and they cost a third of each write. A document's rows are written
-- once, with it, in the transaction that checks it is not stored yet (Store.write_tables);
-- events are replaced by the linker, in its own transaction (store/links.py).
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    lang VARCHAR,
    title VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    published DATE,
    published_end DATE,
    published_precision VARCHAR,
    path VARCHAR,
    n_sentences INTEGER,
    run_id VARCHAR,
    ingested TIMESTAMP
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR,
    kind VARCHAR,
    code VARCHAR,
    sector VARCHAR,
    actor_id VARCHAR,
    name VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR
);

CREATE TABLE IF NOT EXISTS event_mentions (
    id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    sentence INTEGER,
    category VARCHAR NOT NULL,
    mode VARCHAR,
    contexts VARCHAR[],
    actor_codes VARCHAR[],
    recipient_codes VARCHAR[],
    actors JSON,
    recipients JSON,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger_text VARCHAR,
    location JSON,
    location_country VARCHAR,
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    date_text VARCHAR,
    date_inferred BOOLEAN,
    aux VARCHAR,
    confidence DOUBLE,
    pattern VARCHAR,
    cameo VARCHAR,
    score DOUBLE,
    quad INTEGER,
    event_id VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    id VARCHAR NOT NULL,
    category VARCHAR,
    mode VARCHAR,
    actor_codes VARCHAR[],
    recipient_codes VARCHAR[],
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    location_country VARCHAR,
    n_mentions INTEGER,
    n_documents INTEGER,
    sources VARCHAR[],
    languages VARCHAR[],
    first_report DATE,
    last_report DATE,
    confidence DOUBLE
);

CREATE TABLE IF NOT EXISTS problems (
    id VARCHAR PRIMARY KEY,
    source VARCHAR,
    stage VARCHAR,
    message VARCHAR,
    location VARCHAR,
    run_id VARCHAR,
    recorded TIMESTAMP
);

-- Linking (communique.link): how each event mention was linked, and the blocking keys that
-- let an incremental link find the stored mentions a new one could touch.
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS link_kind VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS link_basis VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS link_confidence DOUBLE;
-- a date taken from the linked event (date_inferred is then true too); the coder's own inferences stay apart
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS date_pinned BOOLEAN;
-- the ids of the named people among the actors and recipients (link.rules.named_people), kept as a
-- list so that the linker reads them without parsing JSON; NULL in a store written before it
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS persons VARCHAR[];
ALTER TABLE events ADD COLUMN IF NOT EXISTS aux VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS persons VARCHAR[];
ALTER TABLE events ADD COLUMN IF NOT EXISTS cameo VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS score DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS quad INTEGER;

CREATE TABLE IF NOT EXISTS link_keys (
    mention_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    family VARCHAR NOT NULL,
    stream VARCHAR NOT NULL,
    lo DATE,
    hi DATE
);
