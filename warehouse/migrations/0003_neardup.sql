-- Near-duplicates and stories: each article's sketch (so the index is rebuilt from the warehouse after a
-- restart), the stories, and the views a user queries. articles.duplicate_of / story_id point here.

CREATE TABLE article_sketches (
    article_id  VARCHAR PRIMARY KEY,      -- articles.id
    signature   BLOB NOT NULL,            -- MinHash: 64 little-endian uint32 (see newsmon/neardup.py)
    size        INTEGER NOT NULL,         -- weighted shingle count, for the containment estimate
    terms       VARCHAR NOT NULL,         -- story terms, 'term:weight' separated by spaces
    seen_at     TIMESTAMP NOT NULL        -- the article's time for story windows (published, else fetched)
);

CREATE TABLE stories (
    id             VARCHAR PRIMARY KEY,   -- the id of the article that founded it: stable across runs
    first_seen     TIMESTAMP NOT NULL,
    last_seen      TIMESTAMP NOT NULL,
    representative VARCHAR NOT NULL       -- the earliest full-text article, else the longest
);

-- one row per story: what it is about, when it started, who reported it
CREATE VIEW story_overview AS
SELECT s.id AS story_id,
       r.title AS title,
       s.representative,
       r.url AS representative_url,
       s.first_seen,
       s.last_seen,
       count(*) AS size,
       count(*) FILTER (WHERE a.duplicate_of IS NULL) AS reports,
       count(*) FILTER (WHERE a.duplicate_of IS NOT NULL) AS copies,
       count(DISTINCT a.outlet) AS outlet_count,
       list_sort(list_distinct(list(a.outlet))) AS outlets,
       bool_or(a.is_seed) AS has_seed
FROM stories s
JOIN articles a ON a.story_id = s.id
LEFT JOIN articles r ON r.id = s.representative
GROUP BY ALL;

-- every copy with its original: "also reported by"; of_seed says the original is in the seed corpus
CREATE VIEW copies AS
SELECT c.id AS copy_id,
       c.outlet AS copy_outlet,
       c.url AS copy_url,
       c.title AS copy_title,
       c.duplicate_kind AS kind,
       c.similarity,
       o.id AS original_id,
       o.outlet AS original_outlet,
       o.url AS original_url,
       o.title AS original_title,
       o.is_seed AS of_seed,
       c.story_id
FROM articles c
JOIN articles o ON o.id = c.duplicate_of;

-- the articles a digest shows: one per original, with the outlets that also carried it
CREATE VIEW originals AS
SELECT a.*,
       (SELECT list_sort(list_distinct(list(c.outlet))) FROM articles c
         WHERE c.duplicate_of = a.id AND c.outlet <> a.outlet) AS also_reported_by
FROM articles a
WHERE a.duplicate_of IS NULL;
