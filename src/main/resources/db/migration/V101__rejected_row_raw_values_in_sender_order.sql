-- A rejected row's raw values are shown "as the sender sees them" (run page, rejects export): in the sender's
-- column order. jsonb sorts an object's keys (by length, then bytes), so a roster's 姓名, 身份证号码, 金额 came back
-- as 金额, 姓名, 身份证号码. json keeps the text as written, so the keys stay in the order the hub wrote them: the
-- file's header order, a query's column order, an API record's mapping order.
-- Rows written before keep the order jsonb gave them (it cannot be recovered). Every reader of raw_values uses
-- ->> or ::text, which json has too; nothing indexes, compares or groups by it. The waiting facts' payload
-- (unknown_person) stays jsonb: it is read by jsonb_populate_record, by column name, and is never shown.
ALTER TABLE ops.rejected_row ALTER COLUMN raw_values TYPE json USING raw_values::json;

COMMENT ON COLUMN ops.rejected_row.raw_values IS
    'the row as it arrived, header -> value, in the sender''s column order (json, not jsonb, which sorts keys)';
