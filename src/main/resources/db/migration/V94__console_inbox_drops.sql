-- Files put into a source's inbox from the console (issue 16): uploaded through the browser, or taken
-- again from error/ or archive/. The pipeline that takes the file looks it up by source, name and
-- SHA-256 and records its run with the trigger 'upload' or 'retake' (so the ledger says how the file
-- came), and writes the run's id here, which is how the console finds the run to show. Who did it is
-- kept here, beside the run.
ALTER TABLE ops.ingest_run DROP CONSTRAINT ingest_run_trigger_check;
ALTER TABLE ops.ingest_run ADD CONSTRAINT ingest_run_trigger_check
    CHECK (trigger IN ('file', 'schedule', 'manual', 'upload', 'retake'));

CREATE TABLE ops.inbox_drop (
    id           bigserial PRIMARY KEY,
    source_id    text NOT NULL,
    trigger      text NOT NULL CHECK (trigger IN ('upload', 'retake')),
    file_name    text NOT NULL,               -- the name in the inbox
    file_sha256  char(64) NOT NULL,
    origin       text,                        -- retake: where the file lay (error/… or archive/<day>/…)
    dropped_by   text NOT NULL,
    dropped_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    run_id       bigint REFERENCES ops.ingest_run (id)
);
CREATE INDEX inbox_drop_waiting_idx ON ops.inbox_drop (source_id, file_name, file_sha256) WHERE run_id IS NULL;
