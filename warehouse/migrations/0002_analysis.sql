-- What the analysis found in each article: level, de-escalation, score; regions, actors and events
-- with the evidence sentence (identifiers of the labelling guideline).

CREATE TABLE article_analysis (
    article_id   VARCHAR PRIMARY KEY,
    level        INTEGER NOT NULL,        -- 0 unrelated, 1 conflict coverage, 2 threats/posturing, 3 material
    deescalation BOOLEAN NOT NULL,
    score        DOUBLE NOT NULL,         -- ranks articles within a level
    analyzed     TIMESTAMP NOT NULL
);

CREATE TABLE article_regions (
    article_id VARCHAR NOT NULL,
    region     VARCHAR NOT NULL,          -- ISO 3166-1 alpha-2 or a sub-region such as 'gaza'
    rank       INTEGER NOT NULL,
    PRIMARY KEY (article_id, region)
);

CREATE TABLE article_actors (
    article_id VARCHAR NOT NULL,
    actor      VARCHAR NOT NULL,          -- ISO 3166-1 alpha-3 or an id such as 'hezbollah'
    rank       INTEGER NOT NULL,
    PRIMARY KEY (article_id, actor)
);

CREATE TABLE article_events (
    article_id VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    event      VARCHAR NOT NULL,          -- PLOVER event type
    sentence   VARCHAR NOT NULL,          -- the evidence
    mode       VARCHAR,
    source     VARCHAR,
    target     VARCHAR,
    killed     INTEGER,
    wounded    INTEGER,
    PRIMARY KEY (article_id, seq)
);

-- one row per article with its analysis, for users' queries
CREATE VIEW article_overview AS
SELECT a.id, a.title, a.outlet, a.url, a.published, a.fetched, a.full_text, a.is_seed,
       a.duplicate_of, a.story_id, x.level, x.deescalation, x.score,
       (SELECT string_agg(region, ',' ORDER BY rank) FROM article_regions r WHERE r.article_id = a.id) AS regions,
       (SELECT string_agg(actor, ',' ORDER BY rank) FROM article_actors c WHERE c.article_id = a.id) AS actors
FROM articles a LEFT JOIN article_analysis x ON x.article_id = a.id;
