-- The warehouse contract. Reports and external checks rely on these names: later changes are additive.
CREATE SCHEMA IF NOT EXISTS ref;
CREATE SCHEMA IF NOT EXISTS dw;
CREATE SCHEMA IF NOT EXISTS ops;

-- Reference data ------------------------------------------------------------------------------------
CREATE TABLE ref.county (
    code        char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name        text NOT NULL UNIQUE
);

CREATE TABLE ref.town (
    name        text PRIMARY KEY,               -- canonical full name, unique city-wide with its suffix
    county_code char(6) NOT NULL REFERENCES ref.county (code),
    kind        text NOT NULL CHECK (kind IN ('镇', '街道')),
    short_name  text NOT NULL                   -- the name without its suffix (沙坪 for 沙坪街道)
);
CREATE INDEX town_county_idx ON ref.town (county_code);

-- Provincial code tables
CREATE TABLE ref.person_category (
    code  text PRIMARY KEY,
    name  text NOT NULL UNIQUE
);
INSERT INTO ref.person_category (code, name) VALUES
    ('11', '退役士兵'), ('12', '军队转业干部'), ('13', '复员军人'),
    ('21', '伤残军人'), ('31', '烈士遗属'), ('99', '其他优抚对象');

CREATE TABLE ref.political_status (
    code          text PRIMARY KEY,
    name          text NOT NULL UNIQUE,
    party_member  boolean NOT NULL
);
INSERT INTO ref.political_status (code, name, party_member) VALUES
    ('01', '中共党员', true), ('02', '中共预备党员', true), ('03', '共青团员', false), ('13', '群众', false);

CREATE TABLE ref.gender (
    code   char(1) PRIMARY KEY,                 -- provincial code: 1 male, 2 female
    dw     char(1) NOT NULL UNIQUE CHECK (dw IN ('M', 'F')),
    name   text NOT NULL
);
INSERT INTO ref.gender (code, dw, name) VALUES ('1', 'M', '男'), ('2', 'F', '女');

CREATE TABLE ref.assistance_category (
    name text PRIMARY KEY
);
INSERT INTO ref.assistance_category (name) VALUES
    ('生活困难救助'), ('医疗困难救助'), ('住房困难救助'), ('应急救助'), ('慰问金');

-- The one vocabulary of reject reasons, in precedence order (a row gets the first that applies).
CREATE TABLE ref.reject_reason (
    code        text PRIMARY KEY,
    precedence  int NOT NULL UNIQUE,
    label_zh    text NOT NULL,
    label_en    text NOT NULL
);
INSERT INTO ref.reject_reason (code, precedence, label_zh, label_en) VALUES
    ('missing_required',       10, '必填项为空（姓名或身份证号码）',            'A required value (name or ID number) is empty'),
    ('id_lost_precision',      20, '身份证号码以数字或科学计数法保存，已丢失位数', 'ID number stored as a number or in scientific notation: digits were lost'),
    ('bad_id_format',          25, '身份证号码格式不正确',                       'ID number is not 18 characters of the right form or its region code is not a province'),
    ('bad_checksum',           30, '身份证号码校验位错误',                       'ID number check digit is wrong'),
    ('invalid_date',           40, '日期无效',                                   'Date is not a real calendar date or cannot be read'),
    ('id_birthdate_mismatch',  50, '出生日期与身份证号码不一致',                 'Stated birth date differs from the ID number'),
    ('bad_value',              55, '代码或取值无法识别',                         'A coded value (category, political status, gender) is not recognised'),
    ('unknown_town',           57, '镇街不属于本县（市、区）',                   'Town is not a town of this county'),
    ('bad_amount',             60, '金额无效',                                   'Amount is negative or not a number'),
    ('duplicate_in_file',      70, '文件内重复，以最后一行为准',                 'Duplicate within the file: the last row wins'),
    ('unknown_person',         80, '库中无此人员，待人员信息到达后自动入库',     'Person unknown to the warehouse: kept and loaded when the person arrives'),
    ('unreadable_file',        90, '文件无法读取',                               'The file cannot be read');

-- Persons -------------------------------------------------------------------------------------------
CREATE TABLE dw.person (
    id_card          char(18) PRIMARY KEY CHECK (id_card ~ '^[0-9]{17}[0-9X]$'),
    name             text NOT NULL,
    gender           char(1) NOT NULL CHECK (gender IN ('M', 'F')),
    birth_date       date NOT NULL,
    enlist_date      date,
    discharge_date   date,
    category         text REFERENCES ref.person_category (name),
    political_status text REFERENCES ref.political_status (name),
    party_member     boolean NOT NULL DEFAULT false,
    phone            text,
    county_code      char(6) REFERENCES ref.county (code),
    town             text REFERENCES ref.town (name),
    village          text,
    name_source      text NOT NULL,
    name_set_at      timestamptz NOT NULL,
    phone_source     text,
    phone_set_at     timestamptz,
    town_source      text,
    town_set_at      timestamptz,
    last_run_id      bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_county_idx ON dw.person (county_code);

-- Every statement a source made about a person; dw.person is derived from these by the merge rules,
-- so the order in which files and syncs arrive never changes the result.
CREATE TABLE dw.person_observation (
    id_card          char(18) NOT NULL,
    source_id        text NOT NULL,
    source_kind      text NOT NULL CHECK (source_kind IN ('province', 'roster')),
    observed_at      timestamptz NOT NULL,      -- roster: the file's as-of date; province: the record's gxsj
    run_id           bigint NOT NULL,
    record_ref       text,                      -- sheet!row or API record id
    name             text,
    category         text,
    political_status text,
    enlist_date      date,
    discharge_date   date,
    phone            text,
    town             text,
    county_code      char(6),
    village          text,
    PRIMARY KEY (id_card, source_id, observed_at)
);

-- Facts ---------------------------------------------------------------------------------------------
CREATE TABLE dw.visit (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    visit_key       text NOT NULL,
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    visit_date      date NOT NULL,
    visit_type      text,
    visitor         text,
    visiting_unit   text,
    notes           text,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, visit_key)
);
CREATE INDEX visit_person_idx ON dw.visit (id_card);

CREATE TABLE dw.assistance_payment (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    category        text NOT NULL REFERENCES ref.assistance_category (name),
    amount          numeric(14, 2) NOT NULL CHECK (amount >= 0),
    paid_date       date NOT NULL,
    handler         text,
    county_code     char(6) NOT NULL REFERENCES ref.county (code),
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id_card, category, amount, paid_date)
);

CREATE TABLE dw.medical_service (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    service_date    date NOT NULL,
    department      text,
    item            text,
    fee             numeric(14, 2),
    discount        numeric(14, 2),
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);
CREATE INDEX medical_service_person_idx ON dw.medical_service (id_card);

CREATE TABLE dw.insurance_policy (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    policy_no       text NOT NULL,
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    start_date      date NOT NULL,
    end_date        date NOT NULL,
    premium         numeric(14, 2),
    sum_insured     numeric(14, 2),
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, policy_no)
);
CREATE INDEX insurance_policy_person_idx ON dw.insurance_policy (id_card);

CREATE TABLE dw.insurance_claim (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    claim_no        text NOT NULL,
    policy_no       text NOT NULL,
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    incident_date   date,
    closed_date     date,
    cause           text,
    paid_amount     numeric(14, 2),
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, claim_no)
);

-- Run ledger ----------------------------------------------------------------------------------------
CREATE TABLE ops.ingest_run (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    trigger         text NOT NULL CHECK (trigger IN ('file', 'schedule', 'manual')),
    file_name       text,
    file_sha256     char(64),
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    status          text NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'succeeded', 'failed', 'skipped_duplicate', 'unreadable')),
    rows_read       bigint NOT NULL DEFAULT 0,
    rows_loaded     bigint NOT NULL DEFAULT 0,
    rows_rejected   bigint NOT NULL DEFAULT 0,
    error_message   text,
    feedback_file   text
);
CREATE INDEX ingest_run_source_idx ON ops.ingest_run (source_id, started_at DESC);
CREATE INDEX ingest_run_sha_idx ON ops.ingest_run (source_id, file_sha256) WHERE status = 'succeeded';

CREATE TABLE ops.rejected_row (
    id              bigserial PRIMARY KEY,
    run_id          bigint NOT NULL REFERENCES ops.ingest_run (id),
    source_id       text NOT NULL,
    file_name       text,
    sheet           text,
    row_number      bigint,                     -- 1-based spreadsheet row; text files: record number, header = 1
    record_key      text,                       -- API records: their id
    reason          text NOT NULL REFERENCES ref.reject_reason (code),
    detail          text,
    raw_values      jsonb,                      -- the row as it arrived, header -> value
    id_card         char(18),                   -- the normalized ID, when it was valid
    fact_table      text,                       -- unknown_person: the dw table the fact waits for
    payload         jsonb,                      -- unknown_person: the normalized fact, column -> value
    resolved_at     timestamptz,                -- unknown_person: when the fact was loaded after all
    resolved_run_id bigint
);
CREATE INDEX rejected_row_run_idx ON ops.rejected_row (run_id);
CREATE INDEX rejected_row_pending_idx ON ops.rejected_row (id_card)
    WHERE reason = 'unknown_person' AND resolved_at IS NULL;
