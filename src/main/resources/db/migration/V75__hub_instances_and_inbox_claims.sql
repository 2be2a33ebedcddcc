-- Two hubs on one warehouse (issue 17).

-- The hubs that are (or were) running on this database: each writes a heartbeat every
-- hub.cluster.heartbeat-interval (cluster/HubInstance). A hub whose heartbeat is older than
-- hub.cluster.instance-timeout is gone, and its 'running' runs are closed by the next hub that starts.
CREATE TABLE ops.hub_instance (
    id            uuid PRIMARY KEY,
    host          text NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    heartbeat_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- The hub that ran the run; null for runs of before this version. No foreign key: the rows of hubs
-- long gone are removed, their runs stay.
ALTER TABLE ops.ingest_run ADD COLUMN instance_id uuid;
CREATE INDEX ingest_run_running_idx ON ops.ingest_run (instance_id) WHERE status = 'running';

-- The files a hub is loading now: Camel's JdbcOrphanLockAwareIdempotentRepository (camel-sql), made
-- here and not by the repository at run time. The column names are the repository's. A claim is
-- renewed (createdat) every hub.cluster.claim-keep-alive while its file is loaded and removed when it
-- ends; a claim older than hub.cluster.claim-max-age is a dead hub's and is taken over.
CREATE TABLE ops.inbox_claim (
    processorname  text NOT NULL,
    messageid      text NOT NULL,
    createdat      timestamptz NOT NULL,
    PRIMARY KEY (processorname, messageid)
);
