-- Honour plaques (光荣牌, issue 15) become a partner target like every other line of work: a county sheet of
-- plaques (hub.county.sheets), a partner file, a database or http-api source all load dw.honour_plaque through
-- the shared partner mapping and loader, which keeps the record's partner and upserts on (partner_id, key).
-- Documented in docs/warehouse.md ("Facts"). Additive: no column is dropped, no row changes meaning.

-- partner_id: the source that reported the plaque (always source_id, as in every partner target).
ALTER TABLE dw.honour_plaque ADD COLUMN partner_id text;
UPDATE dw.honour_plaque SET partner_id = source_id;
ALTER TABLE dw.honour_plaque ALTER COLUMN partner_id SET NOT NULL;
ALTER TABLE dw.honour_plaque ADD CONSTRAINT honour_plaque_partner_id_plaque_no_key UNIQUE (partner_id, plaque_no);

-- county_code: the county of the county source that reported it; a partner (not tied to one county) leaves it
-- NULL. dw.v_report_plaques counts a plaque in the county of its person, so the figures do not change.
ALTER TABLE dw.honour_plaque ALTER COLUMN county_code DROP NOT NULL;

-- Plaques still waiting for their person carry their row as JSON; give them their partner too, so that
-- PendingFactResolver loads them into the new column when the person arrives.
UPDATE ops.rejected_row
   SET payload = payload || jsonb_build_object('partner_id', payload->>'source_id')
 WHERE fact_table = 'dw.honour_plaque' AND resolved_at IS NULL AND payload IS NOT NULL
   AND NOT payload ? 'partner_id';
