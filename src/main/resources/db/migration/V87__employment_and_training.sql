-- Employment and training (issue 15): the bureau's job fairs and placements (推荐就业), adaptive training
-- (适应性培训), skills courses and degree upgrades (学历提升), each a fact table fed through the partner
-- mapping and loader (county sheets recognised by their header, partner files, database sources).
-- Documented column by column in docs/warehouse.md ("Employment and training"). Additive only.
--
-- Every table: source_id = partner_id = the source that reported the row (a county source, or a partner
-- such as a training school or the employment platform); record_key identifies the record within that
-- source (a re-delivery updates its row, never adds one); county_code is the source's county for a county
-- sheet, NULL for a partner row (the reports then take county_name, else the person's county);
-- file_name, sheet, row_number say where the row was read (NULL from a database source); run_id the run
-- that last changed it.

CREATE TABLE dw.job_fair (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,                -- 举办日期 + 招聘会名称
    fair_date       date NOT NULL,                -- 举办日期
    fair_name       text,                         -- 招聘会名称
    county_name     text,                         -- 县（市、区） as a partner wrote it
    venue           text,                         -- 举办地点
    employers       bigint CHECK (employers >= 0),      -- 参会企业（家）
    posts           bigint CHECK (posts >= 0),          -- 提供岗位（个）
    attendees       bigint CHECK (attendees >= 0),      -- 参会退役军人（人）
    intentions      bigint CHECK (intentions >= 0),     -- 达成就业意向（人）
    county_code     char(6) REFERENCES ref.county (code),
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);

CREATE TABLE dw.job_placement (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,                -- 身份证号码 + 推荐日期
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    placement_date  date NOT NULL,                -- 推荐日期
    employer        text,                         -- 推荐单位
    post            text,                         -- 推荐岗位
    placement_kind  text,                         -- 就业方式 (推荐就业, 自主就业, 公益性岗位 ...)
    college_soldier text CHECK (college_soldier IN ('是', '否')),   -- 是否当年退役大学生士兵
    intends_work    text CHECK (intends_work IN ('是', '否')),      -- 是否有就业意向
    employed        text CHECK (employed IN ('是', '否')),          -- 是否已就业
    county_code     char(6) REFERENCES ref.county (code),
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);
CREATE INDEX job_placement_person_idx ON dw.job_placement (id_card);

CREATE TABLE dw.adaptive_training (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,                -- 身份证号码 + 培训年度
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    training_year   bigint NOT NULL CHECK (training_year BETWEEN 1950 AND 2100),   -- 培训年度
    training_date   date,                         -- 培训日期
    hours           bigint CHECK (hours >= 0),    -- 培训学时
    completed       text CHECK (completed IN ('是', '否')),   -- 是否结业
    county_code     char(6) REFERENCES ref.county (code),
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);
CREATE INDEX adaptive_training_person_idx ON dw.adaptive_training (id_card);

-- One row per participant of a skills course session: the course and its session are columns, so that
-- sessions = distinct (course, session) and participants = distinct persons are counted from the rows.
CREATE TABLE dw.skills_training (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,                -- 身份证号码 + 培训项目 + 期次
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    course          text NOT NULL,                -- 培训项目 (工业机器人, 无人机, 电商, 叉车 ...)
    session         text NOT NULL,                -- 期次 (第1期 ...)
    start_date      date NOT NULL,                -- 开班日期
    end_date        date,                         -- 结业日期
    school          text,                         -- 培训机构
    certified       text CHECK (certified IN ('是', '否')),   -- 是否取得证书
    county_code     char(6) REFERENCES ref.county (code),
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);
CREATE INDEX skills_training_person_idx ON dw.skills_training (id_card);

CREATE TABLE dw.degree_upgrade (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,                -- 身份证号码 + 学历层次
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    level           text NOT NULL CHECK (level IN ('中职', '高职')),   -- 学历层次
    school          text,                         -- 就读院校
    major           text,                         -- 专业
    enrol_date      date NOT NULL,                -- 入学日期
    graduated       text CHECK (graduated IN ('是', '否')),   -- 是否毕业
    county_code     char(6) REFERENCES ref.county (code),
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);
CREATE INDEX degree_upgrade_person_idx ON dw.degree_upgrade (id_card);

-- Report views. Each has county_code, county_name, is_total (the city row) and report_year (NULL: all
-- years); the console filters on report_year and county_code. The county of a row: the county source that
-- reported it, else (a partner row) the county named in it, else the person's county.

-- Job fairs per county and year of 举办日期: fairs = rows; employers, posts, attendees, intentions = sums
-- of the rows (a fair is reported once, by the source that held it).
CREATE VIEW dw.v_report_job_fairs AS
WITH f AS (
    SELECT coalesce(j.county_code, c.code) AS county_code, extract(year FROM j.fair_date)::int AS y,
           j.employers, j.posts, j.attendees, j.intentions
      FROM dw.job_fair j LEFT JOIN ref.county c ON c.name = j.county_name),
years AS (SELECT NULL::int AS report_year UNION SELECT DISTINCT y FROM f)
SELECT f.county_code, c.name AS county_name, GROUPING(f.county_code) = 1 AS is_total, yr.report_year,
       count(*) AS fairs, coalesce(sum(f.employers), 0) AS employers, coalesce(sum(f.posts), 0) AS posts,
       coalesce(sum(f.attendees), 0) AS attendees, coalesce(sum(f.intentions), 0) AS intentions
  FROM f
  JOIN years yr ON yr.report_year IS NULL OR yr.report_year = f.y
  LEFT JOIN ref.county c ON c.code = f.county_code
 GROUP BY GROUPING SETS ((yr.report_year, f.county_code, c.name), (yr.report_year));

-- Placements and the employment rate (就业率) per county and year of 推荐日期:
--   placed_persons  = distinct persons with a placement row;
--   intending       = distinct persons marked 当年退役大学生士兵 = 是 and 有就业意向 = 是 (denominator);
--   employed        = those of them with a row marked 已就业 = 是 (numerator);
--   employment_pct  = 100 × employed / intending, one decimal, NULL when nobody intends to work.
CREATE VIEW dw.v_report_employment AS
WITH f AS (
    SELECT coalesce(j.county_code, p.county_code) AS county_code,
           extract(year FROM j.placement_date)::int AS y, j.id_card,
           (j.college_soldier = '是' AND j.intends_work = '是') AS intending,
           (j.college_soldier = '是' AND j.intends_work = '是' AND j.employed = '是') AS employed
      FROM dw.job_placement j JOIN dw.person p ON p.id_card = j.id_card),
years AS (SELECT NULL::int AS report_year UNION SELECT DISTINCT y FROM f)
SELECT f.county_code, c.name AS county_name, GROUPING(f.county_code) = 1 AS is_total, yr.report_year,
       count(*) AS placements,
       count(DISTINCT f.id_card) AS placed_persons,
       count(DISTINCT f.id_card) FILTER (WHERE f.intending) AS intending,
       count(DISTINCT f.id_card) FILTER (WHERE f.employed) AS employed,
       round(100.0 * count(DISTINCT f.id_card) FILTER (WHERE f.employed)
             / nullif(count(DISTINCT f.id_card) FILTER (WHERE f.intending), 0), 1) AS employment_pct
  FROM f
  JOIN years yr ON yr.report_year IS NULL OR yr.report_year = f.y
  LEFT JOIN ref.county c ON c.code = f.county_code
 GROUP BY GROUPING SETS ((yr.report_year, f.county_code, c.name), (yr.report_year));

-- Adaptive training per county and 培训年度:
--   discharged = persons of dw.person in that county discharged (退役时间) in that year (denominator;
--                for all years: every person with a discharge date);
--   trained    = distinct persons with an adaptive training row of that year (numerator; a person of
--                another county trained here counts where the row was reported);
--   trained_pct = 100 × trained / discharged, one decimal, NULL when nobody was discharged.
CREATE VIEW dw.v_report_adaptive_training AS
WITH t AS (
    SELECT DISTINCT coalesce(a.county_code, p.county_code) AS county_code, a.training_year::int AS y, a.id_card
      FROM dw.adaptive_training a JOIN dw.person p ON p.id_card = a.id_card),
d AS (
    SELECT p.county_code, extract(year FROM p.discharge_date)::int AS y, p.id_card
      FROM dw.person p WHERE p.discharge_date IS NOT NULL),
years AS (SELECT NULL::int AS report_year UNION SELECT DISTINCT y FROM t),
counts AS (
    SELECT yr.report_year, x.county_code, GROUPING(x.county_code) = 1 AS is_total,
           count(DISTINCT x.id_card) FILTER (WHERE x.what = 'd') AS discharged,
           count(DISTINCT x.id_card) FILTER (WHERE x.what = 't') AS trained
      FROM (SELECT 't' AS what, county_code, y, id_card FROM t
            UNION ALL SELECT 'd', county_code, y, id_card FROM d) x
      JOIN years yr ON yr.report_year IS NULL OR yr.report_year = x.y
     GROUP BY GROUPING SETS ((yr.report_year, x.county_code), (yr.report_year)))
SELECT k.county_code, c.name AS county_name, k.is_total, k.report_year, k.discharged, k.trained,
       round(100.0 * k.trained / nullif(k.discharged, 0), 1) AS trained_pct
  FROM counts k
  LEFT JOIN ref.county c ON c.code = k.county_code;

-- Skills courses per county, course and year of 开班日期:
--   sessions     = distinct (source, course, 期次) with a participant row (第1期 of a county and 第1期 of a
--                  training school are two sessions);
--   participants = distinct persons; person_times = rows (a person in two sessions counts twice);
--   certified    = distinct persons with a row marked 取得证书 = 是.
CREATE VIEW dw.v_report_skills_training AS
WITH f AS (
    SELECT coalesce(s.county_code, p.county_code) AS county_code, extract(year FROM s.start_date)::int AS y,
           s.course, s.partner_id, s.session, s.id_card, s.certified
      FROM dw.skills_training s JOIN dw.person p ON p.id_card = s.id_card),
years AS (SELECT NULL::int AS report_year UNION SELECT DISTINCT y FROM f)
SELECT f.county_code, c.name AS county_name, GROUPING(f.county_code) = 1 AS is_total, yr.report_year, f.course,
       count(DISTINCT (f.partner_id, f.session)) AS sessions,
       count(DISTINCT f.id_card) AS participants,
       count(*) AS person_times,
       count(DISTINCT f.id_card) FILTER (WHERE f.certified = '是') AS certified
  FROM f
  JOIN years yr ON yr.report_year IS NULL OR yr.report_year = f.y
  LEFT JOIN ref.county c ON c.code = f.county_code
 GROUP BY GROUPING SETS ((yr.report_year, f.county_code, c.name, f.course), (yr.report_year, f.course));

-- Degree upgrades per county, level (中职/高职) and year of 入学日期: persons = distinct persons enrolled;
-- graduated = those of them marked 毕业 = 是.
CREATE VIEW dw.v_report_degree_upgrade AS
WITH f AS (
    SELECT coalesce(d.county_code, p.county_code) AS county_code, extract(year FROM d.enrol_date)::int AS y,
           d.level, d.id_card, d.graduated
      FROM dw.degree_upgrade d JOIN dw.person p ON p.id_card = d.id_card),
years AS (SELECT NULL::int AS report_year UNION SELECT DISTINCT y FROM f)
SELECT f.county_code, c.name AS county_name, GROUPING(f.county_code) = 1 AS is_total, yr.report_year, f.level,
       count(DISTINCT f.id_card) AS persons,
       count(DISTINCT f.id_card) FILTER (WHERE f.graduated = '是') AS graduated
  FROM f
  JOIN years yr ON yr.report_year IS NULL OR yr.report_year = f.y
  LEFT JOIN ref.county c ON c.code = f.county_code
 GROUP BY GROUPING SETS ((yr.report_year, f.county_code, c.name, f.level), (yr.report_year, f.level));
