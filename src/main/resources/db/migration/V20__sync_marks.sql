-- High-water marks of the pull sources, one per source and endpoint. A mark says: every record with
-- gxsj < since is in the warehouse, and so are the records at exactly `since` whose ids are listed.
-- It is written in the same transaction as the records it covers, so it never runs ahead of them.
CREATE TABLE ops.sync_mark (
    source_id     text NOT NULL,
    endpoint      text NOT NULL,                    -- e.g. /api/v1/veterans
    since         timestamp,                        -- the API's wall time (Asia/Shanghai); null: nothing yet
    ids_at_since  text[] NOT NULL DEFAULT '{}',
    run_id        bigint,                           -- the run that last advanced it
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, endpoint)
);
