-- The ground floor: feeds and their state, articles, the feeds that carried them, runs.
-- Times are UTC (TIMESTAMP without zone, always written as UTC).

CREATE TABLE feeds (
    name                 VARCHAR PRIMARY KEY,
    url                  VARCHAR NOT NULL,
    etag                 VARCHAR,          -- exactly as the server sent it
    last_modified        VARCHAR,          -- exactly as the server sent it
    last_status          INTEGER,
    last_error           VARCHAR,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_fetched         TIMESTAMP,
    last_ok              TIMESTAMP,
    last_new_item        TIMESTAMP,
    next_due             TIMESTAMP,
    retry_after_until    TIMESTAMP,
    gone                 BOOLEAN NOT NULL DEFAULT false,
    permanent_redirect   VARCHAR,
    last_elapsed         DOUBLE,
    last_items           INTEGER
);

CREATE TABLE articles (
    id             VARCHAR PRIMARY KEY,   -- first 16 hex digits of sha256(canonical_url)
    canonical_url  VARCHAR NOT NULL UNIQUE,
    url            VARCHAR NOT NULL,      -- the link as the feed gave it
    feed           VARCHAR NOT NULL,      -- first feed that carried it ('seed' for the seed corpus)
    outlet         VARCHAR NOT NULL,
    title          VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,      -- full text, or the feed summary when full_text is false
    summary        VARCHAR NOT NULL,
    fingerprint    VARCHAR NOT NULL,      -- sha256 of normalised text, see newsmon/identity.py
    published      TIMESTAMP,
    fetched        TIMESTAMP NOT NULL,
    language       VARCHAR,
    author         VARCHAR,
    full_text      BOOLEAN NOT NULL,
    extract_error  VARCHAR,
    is_seed        BOOLEAN NOT NULL DEFAULT false,
    duplicate_of   VARCHAR,               -- the first-seen original when this is a copy
    duplicate_kind VARCHAR,               -- 'exact' (same fingerprint) or 'near' (near-duplicate)
    similarity     DOUBLE,                -- to duplicate_of, for near-duplicates
    story_id       VARCHAR                -- set by story grouping
);
CREATE INDEX articles_fingerprint ON articles (fingerprint);
CREATE INDEX articles_fetched ON articles (fetched);

-- every feed that carried an article (the same URL from two feeds is one article, two rows here)
CREATE TABLE article_feeds (
    article_id VARCHAR NOT NULL,
    feed       VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, feed)
);

CREATE TABLE runs (
    id              VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,      -- 'ingest' or 'digest'
    started         TIMESTAMP NOT NULL,
    finished        TIMESTAMP,
    feeds_ok        INTEGER,
    feeds_failed    INTEGER,
    feeds_skipped   INTEGER,
    articles_new    INTEGER,
    articles_copies INTEGER,
    pages_fetched   INTEGER,
    digest_path     VARCHAR,
    error           VARCHAR
);

-- one row per feed per run: the feed-health history a digest footer reads
CREATE TABLE feed_events (
    run_id   VARCHAR NOT NULL,
    feed     VARCHAR NOT NULL,
    seen_at  TIMESTAMP NOT NULL,
    status   INTEGER,
    outcome  VARCHAR NOT NULL,             -- 'ok', 'not-modified', 'failed', 'skipped', 'gone', 'refused'
    error    VARCHAR,
    items    INTEGER,
    new      INTEGER,
    elapsed  DOUBLE,
    PRIMARY KEY (run_id, feed)
);
