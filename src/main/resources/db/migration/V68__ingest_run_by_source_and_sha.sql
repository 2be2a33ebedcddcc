-- Every file taken from an inbox asks how often the hub has failed on the same bytes (ops.RunLedger
-- failedRunsOf, which bounds the tries of a file that fails for a fault of ours): runs of every status, by
-- source and SHA-256. The index of V1 holds only the succeeded runs.
CREATE INDEX ingest_run_source_sha_any_status_idx ON ops.ingest_run (source_id, file_sha256, id);
