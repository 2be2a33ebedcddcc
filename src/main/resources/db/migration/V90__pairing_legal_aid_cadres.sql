-- Pairing assistance (手拉手帮战友), legal aid and village cadres (两委干部), issue 15: partner targets, so that
-- a partner file, a database, sftp or http-api source (and county sheets mapped the same way) feed them.
-- Documented column by column in docs/warehouse.md ("Facts" and "Report views"). Additive.
-- Every table keeps where a row was read (file_name, sheet, row_number: NULL for a database source) and
-- the run that last changed it; a re-delivery of a record (partner_id + its key) updates its row.

-- A pair: a helper (帮扶人) and a veteran in difficulty (帮扶对象). The veteran is a person of the warehouse
-- (id_card); the helper is often not (a cadre, a party member, a veteran of another county), so the
-- helper is kept by name and, when given, a checked ID number that is deliberately not a reference.
CREATE TABLE dw.pairing (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    pair_no         text NOT NULL,               -- 结对编号, the record key
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),   -- the veteran helped
    helper_name     text NOT NULL,               -- 帮扶人
    helper_id_card  char(18),                    -- 帮扶人身份证号 (checked, not linked)
    helper_unit     text,                        -- 帮扶人单位或职务
    paired_date     date NOT NULL,               -- 结对日期
    difficulty      text,                        -- 困难情况, as written
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, pair_no)
);
CREATE INDEX pairing_person_idx ON dw.pairing (id_card);

-- A problem solved for a veteran in difficulty, by kind.
CREATE TABLE dw.pairing_solved (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,               -- 台账编号, or a hash of the configured key fields
    pair_no         text,                        -- 结对编号, when the sheet gives it
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),   -- the veteran helped
    kind            text NOT NULL CHECK (kind IN ('思想', '学业', '就业', '创业', '解困', '维权', '健康')),
    solved_date     date NOT NULL,               -- 解决日期
    content         text,                        -- 帮扶内容
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);
CREATE INDEX pairing_solved_person_idx ON dw.pairing_solved (id_card);

-- A legal-aid station (法律援助工作站): reference-like rows, about no person. The town is as written; the
-- report finds its county through ref.town (full or short name).
CREATE TABLE dw.legal_aid_station (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    station_name    text NOT NULL,               -- 站点名称, the record key
    town            text NOT NULL,               -- 所在镇街
    village         text,                        -- 所在村（社区）
    address         text,                        -- 地址
    established_date date,                       -- 设立日期
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, station_name)
);

-- A legal-aid case accepted for a person.
CREATE TABLE dw.legal_aid_case (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    case_no         text NOT NULL,               -- 案件编号, the record key
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    accepted_date   date NOT NULL,               -- 受理日期
    case_kind       text,                        -- 案件类型, as written (民事, 劳动争议, ...)
    judicial_aid    text CHECK (judicial_aid IN ('是', '否')),   -- 是否司法救助; NULL: not stated
    aid_amount      numeric(14, 2),              -- 救助金额（元）
    station_name    text,                        -- 承办站点
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, case_no)
);
CREATE INDEX legal_aid_case_person_idx ON dw.legal_aid_case (id_card);

-- A veteran serving as a village cadre (村两委干部). The age is the person's (dw.person.birth_date, which
-- the ID number fixes); the record key is the ID number: one row per person and partner.
CREATE TABLE dw.village_cadre (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,               -- the ID number, or a hash of the configured key fields
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    town            text,                        -- 镇街, as written
    village         text NOT NULL,               -- 村（社区）
    post            text NOT NULL,               -- 职务 (党组织书记, 村委会主任, 两委委员, ...), as written
    education       text CHECK (education IN ('研究生', '本科', '大专', '高中/中专', '初中及以下')),   -- 文化程度
    term_start      date,                        -- 任职时间
    term_end        date,                        -- 离任时间; NULL: serving
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);
CREATE INDEX village_cadre_person_idx ON dw.village_cadre (id_card);

-- The county of a town as written: its full name (沙坪街道) or, when unambiguous, its short name (沙坪).
CREATE FUNCTION dw.county_of_town(town text) RETURNS char(6) LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT t.county_code FROM ref.town t WHERE t.name = btrim(town)),
                    (SELECT min(t.county_code) FROM ref.town t WHERE t.short_name = btrim(town)
                      HAVING count(DISTINCT t.county_code) = 1))
$$;

-- Pairing figures per county (of the veteran helped, dw.person.county_code) and for the city (is_total),
-- for all years (report_year NULL) and per year:
--   pairs      = pairs whose 结对日期 is on or before 31 December of the year (pairs last): all pairs when
--                report_year is NULL;
--   new_pairs  = pairs whose 结对日期 falls in the year (all pairs when report_year is NULL);
--   veterans   = distinct veterans of those pairs;
--   solved     = problems solved (dw.pairing_solved) whose 解决日期 falls in the year (all when NULL), and
--   solved_<kind> the same for each kind. No rate: the bureau reports counts.
CREATE VIEW dw.v_report_pairing AS
WITH span AS (
    SELECT min(y) AS first_year, greatest(max(y), extract(year FROM current_date)::int) AS last_year
      FROM (SELECT extract(year FROM paired_date)::int AS y FROM dw.pairing
            UNION ALL SELECT extract(year FROM solved_date)::int FROM dw.pairing_solved) d),
years AS (
    SELECT NULL::int AS report_year
    UNION ALL
    SELECT generate_series(first_year, last_year) FROM span WHERE first_year IS NOT NULL),
counted AS (
    SELECT y.report_year, per.county_code, p.id_card, true AS is_pair,
           (y.report_year IS NULL OR extract(year FROM p.paired_date) = y.report_year) AS is_new, NULL AS kind
      FROM dw.pairing p JOIN dw.person per ON per.id_card = p.id_card
      JOIN years y ON y.report_year IS NULL OR p.paired_date <= make_date(y.report_year, 12, 31)
    UNION ALL
    SELECT y.report_year, per.county_code, s.id_card, false, false, s.kind
      FROM dw.pairing_solved s JOIN dw.person per ON per.id_card = s.id_card
      JOIN years y ON y.report_year IS NULL OR extract(year FROM s.solved_date) = y.report_year),
grouped AS (
    SELECT report_year, county_code, GROUPING(county_code) = 1 AS is_total,
           count(*) FILTER (WHERE is_pair) AS pairs,
           count(*) FILTER (WHERE is_pair AND is_new) AS new_pairs,
           count(DISTINCT id_card) FILTER (WHERE is_pair) AS veterans,
           count(*) FILTER (WHERE NOT is_pair) AS solved,
           count(*) FILTER (WHERE kind = '思想') AS solved_thought,
           count(*) FILTER (WHERE kind = '学业') AS solved_study,
           count(*) FILTER (WHERE kind = '就业') AS solved_employment,
           count(*) FILTER (WHERE kind = '创业') AS solved_business,
           count(*) FILTER (WHERE kind = '解困') AS solved_hardship,
           count(*) FILTER (WHERE kind = '维权') AS solved_rights,
           count(*) FILTER (WHERE kind = '健康') AS solved_health
      FROM counted
     GROUP BY GROUPING SETS ((report_year, county_code), (report_year)))
SELECT g.county_code, c.name AS county_name, g.is_total, g.report_year, g.pairs, g.new_pairs, g.veterans, g.solved,
       g.solved_thought, g.solved_study, g.solved_employment, g.solved_business, g.solved_hardship,
       g.solved_rights, g.solved_health
  FROM grouped g LEFT JOIN ref.county c ON c.code = g.county_code;

-- Legal-aid figures per county and for the city (is_total), for all years (report_year NULL) and per year:
--   cases              = cases whose 受理日期 falls in the year (all cases when NULL), counted in the county of
--                        the person (dw.person.county_code);
--   judicial_aid_cases = those of them marked 是 in 是否司法救助;
--   judicial_aid_pct   = 100 × judicial_aid_cases / cases, one decimal, NULL when there is no case;
--   aid_amount         = the sum of 救助金额 of those cases (0 when none);
--   stations           = stations whose 设立日期 is on or before 31 December of the year or not given (all
--                        stations when NULL), counted in the county of their town (dw.county_of_town).
CREATE VIEW dw.v_report_legal_aid AS
WITH span AS (
    SELECT min(y) AS first_year, greatest(max(y), extract(year FROM current_date)::int) AS last_year
      FROM (SELECT extract(year FROM accepted_date)::int AS y FROM dw.legal_aid_case
            UNION ALL SELECT extract(year FROM established_date)::int FROM dw.legal_aid_station) d),
years AS (
    SELECT NULL::int AS report_year
    UNION ALL
    SELECT generate_series(first_year, last_year) FROM span WHERE first_year IS NOT NULL),
counted AS (
    SELECT y.report_year, per.county_code, true AS is_case, l.judicial_aid = '是' AS is_judicial, l.aid_amount
      FROM dw.legal_aid_case l JOIN dw.person per ON per.id_card = l.id_card
      JOIN years y ON y.report_year IS NULL OR extract(year FROM l.accepted_date) = y.report_year
    UNION ALL
    SELECT y.report_year, dw.county_of_town(s.town), false, false, NULL
      FROM dw.legal_aid_station s
      JOIN years y ON y.report_year IS NULL OR s.established_date IS NULL
                   OR s.established_date <= make_date(y.report_year, 12, 31)),
grouped AS (
    SELECT report_year, county_code, GROUPING(county_code) = 1 AS is_total,
           count(*) FILTER (WHERE is_case) AS cases,
           count(*) FILTER (WHERE is_case AND is_judicial) AS judicial_aid_cases,
           coalesce(sum(aid_amount) FILTER (WHERE is_case), 0) AS aid_amount,
           count(*) FILTER (WHERE NOT is_case) AS stations
      FROM counted
     GROUP BY GROUPING SETS ((report_year, county_code), (report_year)))
SELECT g.county_code, c.name AS county_name, g.is_total, g.report_year, g.cases, g.judicial_aid_cases,
       round(100.0 * g.judicial_aid_cases / nullif(g.cases, 0), 1) AS judicial_aid_pct, g.aid_amount, g.stations
  FROM grouped g LEFT JOIN ref.county c ON c.code = g.county_code;

-- Legal-aid stations per town (as written) with the county of the town, and the city total (is_total),
-- for all years (report_year NULL) and per year (stations set up on or before 31 December of the year, or
-- without 设立日期).
CREATE VIEW dw.v_report_legal_aid_stations AS
WITH span AS (
    SELECT min(extract(year FROM established_date)::int) AS first_year,
           extract(year FROM current_date)::int AS last_year
      FROM dw.legal_aid_station),
years AS (
    SELECT NULL::int AS report_year
    UNION ALL
    SELECT generate_series(least(first_year, last_year), last_year) FROM span
     WHERE EXISTS (SELECT 1 FROM dw.legal_aid_station)),
counted AS (
    SELECT y.report_year, dw.county_of_town(s.town) AS county_code, btrim(s.town) AS town
      FROM dw.legal_aid_station s
      JOIN years y ON y.report_year IS NULL OR s.established_date IS NULL
                   OR s.established_date <= make_date(y.report_year, 12, 31)),
grouped AS (
    SELECT report_year, county_code, town, GROUPING(county_code) = 1 AS is_total, count(*) AS stations
      FROM counted
     GROUP BY GROUPING SETS ((report_year, county_code, town), (report_year)))
SELECT g.county_code, c.name AS county_name, g.is_total, g.report_year, g.town, g.stations
  FROM grouped g LEFT JOIN ref.county c ON c.code = g.county_code;

-- Veterans serving as village cadres per county (of the person) and for the city (is_total), for today
-- (report_year NULL) and per year:
--   cadres        = cadres serving in the year: 任职时间 on or before 31 December (or not given) and 离任时间
--                   on or after 1 January (or not given); report_year NULL: those not left by today;
--   edu_<level>   = those of them by 文化程度 (edu_unknown: not given);
--   age_<band>    = those of them by full years of age on the reference day (31 December of the year, or
--                   today), from dw.person.birth_date: 35 and under, 36–45, 46–55, 56 and over.
CREATE VIEW dw.v_report_village_cadres AS
WITH span AS (
    SELECT min(extract(year FROM coalesce(term_start, loaded_at::date))::int) AS first_year,
           extract(year FROM current_date)::int AS last_year
      FROM dw.village_cadre),
years AS (
    SELECT NULL::int AS report_year, current_date AS ref_day
    UNION ALL
    SELECT y, make_date(y, 12, 31) FROM span, generate_series(least(first_year, last_year), last_year) y
     WHERE first_year IS NOT NULL),
counted AS (
    SELECT y.report_year, per.county_code, v.education,
           extract(year FROM age(y.ref_day, per.birth_date))::int AS age
      FROM dw.village_cadre v JOIN dw.person per ON per.id_card = v.id_card
      JOIN years y ON (v.term_start IS NULL OR v.term_start <= y.ref_day)
                  AND (v.term_end IS NULL OR v.term_end >= CASE WHEN y.report_year IS NULL THEN current_date
                                                               ELSE make_date(y.report_year, 1, 1) END)),
grouped AS (
    SELECT report_year, county_code, GROUPING(county_code) = 1 AS is_total, count(*) AS cadres,
           count(*) FILTER (WHERE education = '研究生') AS edu_graduate,
           count(*) FILTER (WHERE education = '本科') AS edu_bachelor,
           count(*) FILTER (WHERE education = '大专') AS edu_college,
           count(*) FILTER (WHERE education = '高中/中专') AS edu_senior,
           count(*) FILTER (WHERE education = '初中及以下') AS edu_junior,
           count(*) FILTER (WHERE education IS NULL) AS edu_unknown,
           count(*) FILTER (WHERE age <= 35) AS age_35_under,
           count(*) FILTER (WHERE age BETWEEN 36 AND 45) AS age_36_45,
           count(*) FILTER (WHERE age BETWEEN 46 AND 55) AS age_46_55,
           count(*) FILTER (WHERE age >= 56) AS age_56_over
      FROM counted
     GROUP BY GROUPING SETS ((report_year, county_code), (report_year)))
SELECT g.county_code, c.name AS county_name, g.is_total, g.report_year, g.cadres, g.edu_graduate, g.edu_bachelor,
       g.edu_college, g.edu_senior, g.edu_junior, g.edu_unknown, g.age_35_under, g.age_36_45, g.age_46_55,
       g.age_56_over
  FROM grouped g LEFT JOIN ref.county c ON c.code = g.county_code;
