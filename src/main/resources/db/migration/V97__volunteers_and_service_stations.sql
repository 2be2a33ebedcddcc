-- Volunteers (侨都星火志愿服务队) and the four-level network of service stations (退役军人服务中心/站), issue 15:
-- partner targets, so that a partner file, a database, sftp or http-api source and county sheets mapped the
-- same way (hub.county.sheets) feed them. Documented column by column in docs/warehouse.md ("Volunteers and
-- service stations"). Additive.
-- Every table keeps where a row was read (file_name, sheet, row_number: NULL for a database source), the run
-- that last changed it, and county_code: the county of the row's town when it names one (checked against
-- ref.town by the loader, unknown_town otherwise), else the county of a county source, else the county a
-- partner wrote (county_name). A re-delivery of a record (partner_id + its key) updates its row.

-- A volunteer team, about no person. The record key is the team's name (队伍名称) within its source.
CREATE TABLE dw.volunteer_team (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,               -- 队伍名称
    team_name       text NOT NULL,               -- 队伍名称
    county_name     text,                        -- 县（市、区） as a partner wrote it
    town            text REFERENCES ref.town (name),   -- 所在镇街, canonical (ref.town)
    founded_date    date,                        -- 成立日期
    county_code     char(6) REFERENCES ref.county (code),
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);

-- A veteran registered as a volunteer of a team. The volunteer is a person of the warehouse (id_card):
-- a row whose person is not yet known waits for the person. One row per person and team.
CREATE TABLE dw.volunteer (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,               -- 身份证号码 + 所属队伍
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    team_name       text NOT NULL,               -- 所属队伍, as written
    joined_date     date,                        -- 加入日期
    county_code     char(6) REFERENCES ref.county (code),
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);
CREATE INDEX volunteer_person_idx ON dw.volunteer (id_card);

-- A volunteer activity of a team, about no person: how many volunteers took part (人次) and how many people
-- it served.
CREATE TABLE dw.volunteer_activity (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,               -- 活动日期 + 服务队 + 活动名称
    activity_date   date NOT NULL,               -- 活动日期
    team_name       text NOT NULL,               -- 服务队, as written
    title           text NOT NULL,               -- 活动名称
    kind            text,                        -- 活动类型, as written (关爱帮扶, 应急救援, 宣讲 ...)
    county_name     text,                        -- 县（市、区） as a partner wrote it
    town            text REFERENCES ref.town (name),   -- 活动镇街, canonical (ref.town)
    person_times    bigint CHECK (person_times >= 0),   -- 参与志愿者（人次）
    beneficiaries   bigint CHECK (beneficiaries >= 0),  -- 服务对象（人）
    county_code     char(6) REFERENCES ref.county (code),
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key)
);

-- A service centre or station (退役军人服务中心/站) of the four-level network: reference data with its
-- county, town and village. The record key is the place, not the name: a hash of level, county, town and
-- village (compared without spaces), so one station per place and level: the city centre (市级), one
-- centre per county (县级, county), one station per town (镇级, county + town), one per village or
-- community (村级, county + town + village). A renamed station is the same row; a re-delivery updates it.
-- The office phone is the station's, not a person's; the names of staff are not kept.
CREATE TABLE dw.service_station (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,
    partner_id      text NOT NULL,
    record_key      text NOT NULL,               -- hash of level, county_code, town, village
    level           text NOT NULL CHECK (level IN ('市级', '县级', '镇级', '村级')),   -- 层级
    station_name    text NOT NULL,               -- 站点名称
    county_name     text,                        -- 县（市、区） as written
    town            text REFERENCES ref.town (name),   -- 所在镇街, canonical (ref.town)
    village         text,                        -- 所在村（社区）, as written
    address         text,                        -- 地址
    phone           text,                        -- 办公电话 (the station's)
    established_date date,                       -- 建成日期
    county_code     char(6) REFERENCES ref.county (code),
    file_name       text,
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, record_key),
    CHECK (level = '市级' OR county_code IS NOT NULL),
    CHECK (level NOT IN ('镇级', '村级') OR town IS NOT NULL),
    CHECK (level <> '村级' OR village IS NOT NULL)
);
CREATE INDEX service_station_town_idx ON dw.service_station (town);

-- The county of a volunteer team by its name: the county of the team's row (any source; the smallest code
-- when two sources place a team of that name in different counties), NULL when no team of that name is known.
CREATE FUNCTION dw.county_of_team(team text) RETURNS char(6) LANGUAGE sql STABLE AS $$
    SELECT min(t.county_code) FROM dw.volunteer_team t WHERE t.team_name = btrim(team)
$$;

-- Volunteer figures per county and for the city (is_total), for all years (report_year NULL) and per year:
--   teams          = teams founded on or before 31 December of the year or without 成立日期 (all teams when
--                    NULL), in the county of the team (dw.volunteer_team.county_code);
--   volunteers     = distinct persons registered with a team, joined on or before 31 December of the year or
--                    without 加入日期 (all when NULL), in the county of the row, else of the team, else of the
--                    person; the city counts a person once even if in two counties' teams;
--   activities     = activities whose 活动日期 falls in the year (all when NULL), in the county of the row, else
--                    of the team;
--   volunteer_times = the sum of 参与志愿者（人次） (person_times) of those activities (0 when none);
--   beneficiaries  = the sum of 服务对象（人） of those activities (0 when none).
CREATE VIEW dw.v_report_volunteers AS
WITH span AS (
    SELECT min(y) AS first_year, greatest(max(y), extract(year FROM current_date)::int) AS last_year
      FROM (SELECT extract(year FROM founded_date)::int AS y FROM dw.volunteer_team
            UNION ALL SELECT extract(year FROM joined_date)::int FROM dw.volunteer
            UNION ALL SELECT extract(year FROM activity_date)::int FROM dw.volunteer_activity) d),
years AS (
    SELECT NULL::int AS report_year
    UNION ALL
    SELECT generate_series(least(coalesce(first_year, last_year), last_year), last_year) FROM span
     WHERE EXISTS (SELECT 1 FROM dw.volunteer_team) OR EXISTS (SELECT 1 FROM dw.volunteer)
        OR EXISTS (SELECT 1 FROM dw.volunteer_activity)),
counted AS (
    SELECT y.report_year, t.county_code, 'team' AS what, NULL::text AS id_card, 0::bigint AS person_times,
           0::bigint AS beneficiaries
      FROM dw.volunteer_team t
      JOIN years y ON y.report_year IS NULL OR t.founded_date IS NULL
                   OR t.founded_date <= make_date(y.report_year, 12, 31)
    UNION ALL
    SELECT y.report_year, coalesce(v.county_code, dw.county_of_team(v.team_name), per.county_code), 'volunteer',
           v.id_card, 0, 0
      FROM dw.volunteer v JOIN dw.person per ON per.id_card = v.id_card
      JOIN years y ON y.report_year IS NULL OR v.joined_date IS NULL
                   OR v.joined_date <= make_date(y.report_year, 12, 31)
    UNION ALL
    SELECT y.report_year, coalesce(a.county_code, dw.county_of_team(a.team_name)), 'activity', NULL,
           coalesce(a.person_times, 0), coalesce(a.beneficiaries, 0)
      FROM dw.volunteer_activity a
      JOIN years y ON y.report_year IS NULL OR extract(year FROM a.activity_date) = y.report_year),
grouped AS (
    SELECT report_year, county_code, GROUPING(county_code) = 1 AS is_total,
           count(*) FILTER (WHERE what = 'team') AS teams,
           count(DISTINCT id_card) FILTER (WHERE what = 'volunteer') AS volunteers,
           count(*) FILTER (WHERE what = 'activity') AS activities,
           coalesce(sum(person_times) FILTER (WHERE what = 'activity'), 0)::bigint AS volunteer_times,
           coalesce(sum(beneficiaries) FILTER (WHERE what = 'activity'), 0)::bigint AS beneficiaries
      FROM counted
     GROUP BY GROUPING SETS ((report_year, county_code), (report_year)))
SELECT g.county_code, c.name AS county_name, g.is_total, g.report_year, g.teams, g.volunteers, g.activities,
       g.volunteer_times, g.beneficiaries
  FROM grouped g LEFT JOIN ref.county c ON c.code = g.county_code;

-- The stations of the network as places: one per level and place whichever sources reported it (a county
-- and the city's register may both list a village station), with its earliest 建成日期 (NULL when a source
-- gives none, i.e. counted in every year).
CREATE VIEW dw.v_service_station_place AS
SELECT level, county_code, town, regexp_replace(village, '\s', '', 'g') AS village,
       CASE WHEN bool_or(established_date IS NULL) THEN NULL ELSE min(established_date) END AS established_date
  FROM dw.service_station
 GROUP BY level, county_code, town, regexp_replace(village, '\s', '', 'g');

-- Station coverage per county (every county of ref.county, with or without stations) and for the city
-- (is_total), for all stations (report_year NULL) and per year (stations built on or before 31 December
-- of the year, or without 建成日期):
--   city_centres       = 市级 centres (the city row only; 0 in a county row);
--   county_centres     = counties with a 县级 centre (0 or 1 in a county row);
--   towns              = towns of the county in ref.town (the denominator; 73 for the city);
--   towns_with_station = towns of the county with a 镇级 station (the numerator);
--   town_coverage_pct  = 100 × towns_with_station / towns, one decimal;
--   village_stations   = distinct villages (county + town + village) with a 村级 station. There is no
--                        village coverage rate: the warehouse has no reference list of villages.
CREATE VIEW dw.v_report_station_coverage AS
WITH span AS (
    SELECT min(extract(year FROM established_date)::int) AS first_year,
           extract(year FROM current_date)::int AS last_year
      FROM dw.v_service_station_place),
years AS (
    SELECT NULL::int AS report_year, NULL::date AS ref_day
    UNION ALL
    SELECT y, make_date(y, 12, 31) FROM span, generate_series(least(coalesce(first_year, last_year), last_year),
                                                              last_year) y
     WHERE EXISTS (SELECT 1 FROM dw.service_station)),
built AS (
    SELECT y.report_year, s.*
      FROM dw.v_service_station_place s
      JOIN years y ON y.report_year IS NULL OR s.established_date IS NULL OR s.established_date <= y.ref_day),
per_county AS (
    SELECT y.report_year, c.code AS county_code,
           (SELECT count(*) FROM ref.town t WHERE t.county_code = c.code) AS towns,
           (SELECT count(*) FROM built b WHERE b.report_year IS NOT DISTINCT FROM y.report_year
               AND b.level = '县级' AND b.county_code = c.code) AS county_centres,
           (SELECT count(DISTINCT b.town) FROM built b WHERE b.report_year IS NOT DISTINCT FROM y.report_year
               AND b.level = '镇级' AND b.county_code = c.code) AS towns_with_station,
           (SELECT count(*) FROM built b WHERE b.report_year IS NOT DISTINCT FROM y.report_year
               AND b.level = '村级' AND b.county_code = c.code) AS village_stations
      FROM years y CROSS JOIN ref.county c),
lines AS (
    SELECT report_year, county_code, false AS is_total, 0::bigint AS city_centres,
           least(county_centres, 1) AS county_centres, towns, towns_with_station, village_stations
      FROM per_county
    UNION ALL
    SELECT p.report_year, NULL, true,
           (SELECT count(*) FROM built b WHERE b.report_year IS NOT DISTINCT FROM p.report_year AND b.level = '市级'),
           sum(least(p.county_centres, 1))::bigint, sum(p.towns)::bigint, sum(p.towns_with_station)::bigint,
           sum(p.village_stations)::bigint
      FROM per_county p GROUP BY p.report_year)
SELECT r.county_code, c.name AS county_name, r.is_total, r.report_year, r.city_centres, r.county_centres, r.towns,
       r.towns_with_station, round(100.0 * r.towns_with_station / nullif(r.towns, 0), 1) AS town_coverage_pct,
       r.village_stations
  FROM lines r LEFT JOIN ref.county c ON c.code = r.county_code;

-- Stations per town: every town of ref.town with its county, whether it has a 镇级 station (town_station:
-- 是/否) and its count of village stations (distinct villages with a 村级 station), and the city total row
-- (is_total: towns with a station, village stations), for all stations (report_year NULL) and per year
-- (built on or before 31 December of the year, or without 建成日期).
CREATE VIEW dw.v_report_station_towns AS
WITH span AS (
    SELECT min(extract(year FROM established_date)::int) AS first_year,
           extract(year FROM current_date)::int AS last_year
      FROM dw.v_service_station_place),
years AS (
    SELECT NULL::int AS report_year, NULL::date AS ref_day
    UNION ALL
    SELECT y, make_date(y, 12, 31) FROM span, generate_series(least(coalesce(first_year, last_year), last_year),
                                                              last_year) y
     WHERE EXISTS (SELECT 1 FROM dw.service_station)),
built AS (
    SELECT y.report_year, s.*
      FROM dw.v_service_station_place s
      JOIN years y ON y.report_year IS NULL OR s.established_date IS NULL OR s.established_date <= y.ref_day),
per_town AS (
    SELECT y.report_year, t.county_code, t.name AS town,
           EXISTS (SELECT 1 FROM built b WHERE b.report_year IS NOT DISTINCT FROM y.report_year
                    AND b.level = '镇级' AND b.town = t.name) AS has_station,
           (SELECT count(*) FROM built b WHERE b.report_year IS NOT DISTINCT FROM y.report_year
               AND b.level = '村级' AND b.town = t.name) AS village_stations
      FROM years y CROSS JOIN ref.town t)
SELECT p.county_code, c.name AS county_name, false AS is_total, p.report_year, p.town,
       CASE WHEN p.has_station THEN '是' ELSE '否' END AS town_station, p.has_station::int::bigint AS towns_with_station,
       p.village_stations
  FROM per_town p JOIN ref.county c ON c.code = p.county_code
UNION ALL
SELECT NULL, NULL, true, report_year, NULL, NULL, count(*) FILTER (WHERE has_station), sum(village_stations)::bigint
  FROM per_town GROUP BY report_year;
