-- Feedback files put on partners' SFTP servers (kind: sftp), so that a restart does not put them again.
-- upload_key is <file name>/<modification time in ms> of the file in data/outbox/<source>/: a feedback file
-- rewritten for a re-delivered file is put again.
CREATE TABLE ops.sftp_upload (
    source_id   text        NOT NULL,
    upload_key  text        NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, upload_key)
);
