-- Two hubs on one warehouse (issue 17), second slice.

-- A pause is a decision about a source, not about a hub: kept here, it holds on every hub that
-- shares the warehouse (ops.SourcePauses) and across restarts, until an admin resumes the source.
CREATE TABLE ops.source_pause (
    source_id  text PRIMARY KEY,
    paused_by  text NOT NULL,
    paused_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- the hub the admin asked; no foreign key: the rows of hubs long gone are removed
    instance_id uuid
);

-- What the console's instances page shows of each hub: its process id, its web port, and the cluster
-- namespaces it leads now (written with its heartbeat and when its leadership changes).
ALTER TABLE ops.hub_instance
    ADD COLUMN pid bigint,
    ADD COLUMN port integer,
    ADD COLUMN leads text[] NOT NULL DEFAULT '{}';
