-- Database sources (kind: database) keep their high-water mark in ops.sync_mark too, one row per source with
-- endpoint 'query': a timestamp watermark in `since`, a numeric one (a sequence, a row version) here. As for
-- the province, the mark is written in the transaction of the records it covers.
ALTER TABLE ops.sync_mark ADD COLUMN since_number numeric;
