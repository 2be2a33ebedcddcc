-- Staging of the payment rows of one county file while it loads. Rows live only inside the file's own
-- transaction (inserted and deleted by it), so other sessions never see them; unlogged because they are
-- scratch data that a crash may lose.
CREATE UNLOGGED TABLE ops.county_payment_stage (
    run_id      bigint NOT NULL,
    seq         bigint NOT NULL,
    sheet       text,
    row_number  bigint NOT NULL,
    id_card     char(18) NOT NULL,
    category    text NOT NULL,
    amount      numeric(14, 2) NOT NULL,
    paid_date   date NOT NULL,
    handler     text,
    PRIMARY KEY (run_id, seq)
);
