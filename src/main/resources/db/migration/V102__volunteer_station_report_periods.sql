-- The volunteer and service-station reports over any period (issue 16 point 8, for the V97 reports of
-- issue 15): dw.report_volunteers, dw.report_station_coverage and dw.report_station_towns (p_from, p_to),
-- the same contract as the V100 functions (docs/warehouse.md, "Reports over a period"): both days included,
-- NULL for no bound; county_code, county_name, is_total, then the figures. Additive: the V97 views stay.
--
-- Stock figures are counted on the reference day dw.report_day(p_to) (the period's last day, or today when
-- it has no end or ends later): teams founded on or before it or without 成立日期, volunteers joined on or
-- before it or without 加入日期, station places built on or before it or without 建成日期. The flow figures
-- (activities, volunteer-times, beneficiaries) count the activities whose 活动日期 is in the period.

-- Volunteers per county and for the city (is_total): a volunteer is in the county the row names, else the
-- team's (dw.county_of_team), else the person's; the city row counts a person in two teams once. An
-- activity is in the county the row names, else the team's. No row when nothing counts in the period.
CREATE FUNCTION dw.report_volunteers(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, teams bigint, volunteers bigint,
               activities bigint, volunteer_times bigint, beneficiaries bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT x.county_code, c.name, GROUPING(x.county_code) = 1,
       count(*) FILTER (WHERE x.what = 'team'),
       count(DISTINCT x.id_card) FILTER (WHERE x.what = 'volunteer'),
       count(*) FILTER (WHERE x.what = 'activity'),
       coalesce(sum(x.person_times) FILTER (WHERE x.what = 'activity'), 0)::bigint,
       coalesce(sum(x.beneficiaries) FILTER (WHERE x.what = 'activity'), 0)::bigint
  FROM (SELECT t.county_code, 'team' AS what, NULL::text AS id_card, 0::bigint AS person_times,
               0::bigint AS beneficiaries
          FROM dw.volunteer_team t
         WHERE t.founded_date IS NULL OR t.founded_date <= dw.report_day(p_to)
        UNION ALL
        SELECT coalesce(v.county_code, dw.county_of_team(v.team_name), per.county_code), 'volunteer',
               v.id_card, 0, 0
          FROM dw.volunteer v JOIN dw.person per ON per.id_card = v.id_card
         WHERE v.joined_date IS NULL OR v.joined_date <= dw.report_day(p_to)
        UNION ALL
        SELECT coalesce(a.county_code, dw.county_of_team(a.team_name)), 'activity', NULL,
               coalesce(a.person_times, 0), coalesce(a.beneficiaries, 0)
          FROM dw.volunteer_activity a
         WHERE (p_from IS NULL OR a.activity_date >= p_from) AND (p_to IS NULL OR a.activity_date <= p_to)) x
  LEFT JOIN ref.county c ON c.code = x.county_code
 GROUP BY GROUPING SETS ((x.county_code, c.name), ())
HAVING count(*) > 0;
END;

-- Station coverage per county (every county of ref.county) and for the city (is_total), over the station
-- places (dw.v_service_station_place) built on the reference day, as the V97 view's figures:
-- city_centres (city row only), county_centres (0 or 1 a county), towns (the denominator, ref.town),
-- towns_with_station (a 镇级 place), town_coverage_pct, village_stations (村级 places). No row when no
-- station place is built on the reference day.
CREATE FUNCTION dw.report_station_coverage(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, city_centres bigint, county_centres bigint,
               towns bigint, towns_with_station bigint, town_coverage_pct numeric, village_stations bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT k.code, k.name, GROUPING(k.code) = 1,
       CASE WHEN GROUPING(k.code) = 1
            THEN (SELECT count(*) FROM dw.v_service_station_place b
                   WHERE b.level = '市级' AND (b.established_date IS NULL OR b.established_date <= dw.report_day(p_to)))
            ELSE 0 END,
       sum(k.county_centres)::bigint, sum(k.towns)::bigint, sum(k.towns_with_station)::bigint,
       round(100.0 * sum(k.towns_with_station) / nullif(sum(k.towns), 0), 1), sum(k.village_stations)::bigint
  FROM (SELECT c.code, c.name,
               (SELECT count(*) FROM ref.town t WHERE t.county_code = c.code) AS towns,
               least(count(*) FILTER (WHERE b.level = '县级'), 1) AS county_centres,
               count(DISTINCT b.town) FILTER (WHERE b.level = '镇级') AS towns_with_station,
               count(*) FILTER (WHERE b.level = '村级') AS village_stations
          FROM ref.county c
          LEFT JOIN dw.v_service_station_place b
                 ON b.county_code = c.code
                AND (b.established_date IS NULL OR b.established_date <= dw.report_day(p_to))
         GROUP BY c.code, c.name) k
 WHERE EXISTS (SELECT 1 FROM dw.v_service_station_place s
                WHERE s.established_date IS NULL OR s.established_date <= dw.report_day(p_to))
 GROUP BY GROUPING SETS ((k.code, k.name), ());
END;

-- Stations per town: every town of ref.town with its county, town_station 是/否 (a 镇级 place built on the
-- reference day), towns_with_station 1/0 and its village stations (村级 places), and the city row (towns
-- with a station, village stations). No row when no station place is built on the reference day.
CREATE FUNCTION dw.report_station_towns(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, town text, town_station text,
               towns_with_station bigint, village_stations bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT CASE WHEN GROUPING(p.town) = 0 THEN min(p.county_code) END,
       CASE WHEN GROUPING(p.town) = 0 THEN min(p.county_name) END, GROUPING(p.town) = 1,
       p.town, CASE WHEN GROUPING(p.town) = 1 THEN NULL WHEN bool_or(p.has_station) THEN '是' ELSE '否' END,
       count(*) FILTER (WHERE p.has_station), sum(p.village_stations)::bigint
  FROM (SELECT t.county_code, c.name AS county_name, t.name AS town,
               bool_or(b.level = '镇级') IS TRUE AS has_station,
               count(*) FILTER (WHERE b.level = '村级') AS village_stations
          FROM ref.town t
          JOIN ref.county c ON c.code = t.county_code
          LEFT JOIN dw.v_service_station_place b
                 ON b.town = t.name
                AND (b.established_date IS NULL OR b.established_date <= dw.report_day(p_to))
         GROUP BY t.county_code, c.name, t.name) p
 WHERE EXISTS (SELECT 1 FROM dw.v_service_station_place s
                WHERE s.established_date IS NULL OR s.established_date <= dw.report_day(p_to))
 GROUP BY GROUPING SETS ((p.town), ());
END;
