-- The digests: one row per rendered day (what it said, where it is, whether and when it was sent),
-- the stories each digest showed (so a later digest can call a story "continuing"), and every
-- delivery attempt with its outcome. Times are UTC. The SMTP password is never stored.

CREATE TABLE digests (
    day          DATE PRIMARY KEY,        -- the digest day in the configured time zone
    rendered     TIMESTAMP NOT NULL,
    stories      INTEGER NOT NULL,
    subject      VARCHAR NOT NULL,
    path         VARCHAR NOT NULL,        -- the Markdown file; .html, .txt and .png lie beside it
    message_id   VARCHAR,                 -- kept across retries so a resent copy is the same message
    recipients   VARCHAR,                 -- comma-separated, as sent
    sent         TIMESTAMP,               -- NULL until an SMTP server accepted the message
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_attempt TIMESTAMP,
    error        VARCHAR                  -- the last attempt's error, NULL after a success
);

CREATE TABLE digest_stories (
    day      DATE NOT NULL,
    story_id VARCHAR NOT NULL,
    PRIMARY KEY (day, story_id)
);

CREATE TABLE digest_attempts (
    day        DATE NOT NULL,
    attempt    INTEGER NOT NULL,
    started    TIMESTAMP NOT NULL,
    finished   TIMESTAMP,                 -- NULL: the process died mid-send, the outcome is unknown
    recipients VARCHAR NOT NULL,
    message_id VARCHAR NOT NULL,
    error      VARCHAR,
    PRIMARY KEY (day, attempt)
);
