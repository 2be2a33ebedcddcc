-- Reports over any period (issue 16, point 8): one function per console report, dw.report_<report>(p_from,
-- p_to), computing the report's figures from the warehouse rows for the days p_from to p_to, both inclusive
-- (a year, a month or any range; NULL p_from: from the first row, NULL p_to: no end). Documented in
-- docs/warehouse.md ("Reports over a period"). Additive: the V40/V80/V87/V90 views stay as they are.
--
-- Every function returns county_code, county_name, is_total (the city row, county_code NULL) and the figures;
-- a person without a county is a row with is_total = false and a NULL county_code. A function returns no
-- row at all when nothing falls in the period (HAVING count(*) > 0), so an empty period is reported as
-- empty, not as a row of zeros; the reports that list every county or category (assistance) are the
-- exception, as their V40 views were.
--
-- Flow figures count the rows dated in the period. Stock figures (persons, insured 80+, party members,
-- plaques, pairs, legal-aid stations) are as of the period's reference day, dw.report_day(p_to): its last
-- day, or today (Asia/Shanghai) when it has no end or ends later. A person belongs to the stock from
-- their discharge (dw.person.discharge_date on or before the day, or not recorded); county, category and
-- party membership are the person's current ones: the warehouse keeps no history of them.
--
-- The bodies are SQL-standard (BEGIN ATOMIC), so PostgreSQL records which tables each function reads: the
-- console finds a report's newest data through those dependencies, and a table cannot be dropped under a
-- report.

CREATE FUNCTION dw.report_day(p_to date) RETURNS date
LANGUAGE sql STABLE
RETURN least(p_to, (now() AT TIME ZONE 'Asia/Shanghai')::date);

-- Persons per county and category as of the reference day; the city rows are per category (is_total).
CREATE FUNCTION dw.report_persons(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, category text, persons bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT p.county_code, c.name, GROUPING(p.county_code) = 1, p.category, count(*)
  FROM dw.person p
  LEFT JOIN ref.county c ON c.code = p.county_code
 WHERE p.discharge_date IS NULL OR p.discharge_date <= dw.report_day(p_to)
 GROUP BY GROUPING SETS ((p.county_code, c.name, p.category), (p.category))
HAVING count(*) > 0;
END;

-- Visit coverage: persons as of the reference day (denominator), those of them visited at least once in the
-- period (numerator).
CREATE FUNCTION dw.report_visit_coverage(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, persons bigint, visited_persons bigint,
               coverage_pct numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT p.county_code, c.name, GROUPING(p.county_code) = 1, count(*), count(v.id_card),
       round(100.0 * count(v.id_card) / nullif(count(*), 0), 1)
  FROM dw.person p
  LEFT JOIN ref.county c ON c.code = p.county_code
  LEFT JOIN (SELECT DISTINCT x.id_card FROM dw.visit x
              WHERE (p_from IS NULL OR x.visit_date >= p_from) AND (p_to IS NULL OR x.visit_date <= p_to)) v
         ON v.id_card = p.id_card
 WHERE p.discharge_date IS NULL OR p.discharge_date <= dw.report_day(p_to)
 GROUP BY GROUPING SETS ((p.county_code, c.name), ())
HAVING count(*) > 0;
END;

-- Hardship payments paid (paid_date) in the period; every county and category of the reference tables
-- appears (0 when none was paid). Rows: per county that paid and category; per county (category NULL); per
-- category for the city (county_code NULL); the grand total (both NULL). is_total marks the city rows.
CREATE FUNCTION dw.report_assistance(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, category text, payments bigint,
               amount numeric(16, 2))
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT k.code, k.name, GROUPING(k.code) = 1, a.name, count(p.id), coalesce(sum(p.amount), 0)::numeric(16, 2)
  FROM ref.county k
 CROSS JOIN ref.assistance_category a
  LEFT JOIN dw.assistance_payment p ON p.county_code = k.code AND p.category = a.name
        AND (p_from IS NULL OR p.paid_date >= p_from) AND (p_to IS NULL OR p.paid_date <= p_to)
 GROUP BY GROUPING SETS ((k.code, k.name, a.name), (k.code, k.name), (a.name), ());
END;

-- 80 and over on the reference day (the 80th birthday counts), and those of them with a policy in force
-- that day (start_date <= day <= end_date, any partner).
CREATE FUNCTION dw.report_insured_80_plus(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, persons_80_plus bigint, insured bigint,
               insured_pct numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT p.county_code, c.name, GROUPING(p.county_code) = 1, count(*), count(i.id_card),
       round(100.0 * count(i.id_card) / nullif(count(*), 0), 1)
  FROM dw.person p
  LEFT JOIN ref.county c ON c.code = p.county_code
  LEFT JOIN (SELECT DISTINCT ip.id_card FROM dw.insurance_policy ip
              WHERE ip.start_date <= dw.report_day(p_to) AND ip.end_date >= dw.report_day(p_to)) i
         ON i.id_card = p.id_card
 WHERE p.birth_date <= (dw.report_day(p_to) - interval '80 years')::date
   AND (p.discharge_date IS NULL OR p.discharge_date <= dw.report_day(p_to))
 GROUP BY GROUPING SETS ((p.county_code, c.name), ())
HAVING count(*) > 0;
END;

-- Persons as of the reference day and the party members among them (中共党员, 中共预备党员).
CREATE FUNCTION dw.report_party_members(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, persons bigint, party_members bigint,
               party_pct numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT p.county_code, c.name, GROUPING(p.county_code) = 1, count(*), count(*) FILTER (WHERE p.party_member),
       round(100.0 * count(*) FILTER (WHERE p.party_member) / nullif(count(*), 0), 1)
  FROM dw.person p
  LEFT JOIN ref.county c ON c.code = p.county_code
 WHERE p.discharge_date IS NULL OR p.discharge_date <= dw.report_day(p_to)
 GROUP BY GROUPING SETS ((p.county_code, c.name), ())
HAVING count(*) > 0;
END;

-- Honour plaques as of the reference day: eligible = persons of a plaque_eligible category (denominator);
-- hung = those of them with a plaque 已悬挂 whose 悬挂日期 is on or before the day or not given (numerator);
-- newly_hung = those of them with a plaque 已悬挂 whose 悬挂日期 falls in the period.
CREATE FUNCTION dw.report_plaques(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, eligible bigint, hung bigint,
               hung_pct numeric, newly_hung bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT p.county_code, c.name, GROUPING(p.county_code) = 1, count(*), count(*) FILTER (WHERE h.hung),
       round(100.0 * count(*) FILTER (WHERE h.hung) / nullif(count(*), 0), 1), count(*) FILTER (WHERE h.newly)
  FROM dw.person p
  JOIN ref.person_category pc ON pc.name = p.category AND pc.plaque_eligible
  LEFT JOIN ref.county c ON c.code = p.county_code
 CROSS JOIN LATERAL (
       SELECT bool_or(x.hung_date IS NULL OR x.hung_date <= dw.report_day(p_to)) AS hung,
              bool_or(x.hung_date IS NOT NULL AND (p_from IS NULL OR x.hung_date >= p_from)
                      AND (p_to IS NULL OR x.hung_date <= p_to)) AS newly
         FROM dw.honour_plaque x WHERE x.id_card = p.id_card AND x.status = '已悬挂') h
 WHERE p.discharge_date IS NULL OR p.discharge_date <= dw.report_day(p_to)
 GROUP BY GROUPING SETS ((p.county_code, c.name), ())
HAVING count(*) > 0;
END;

-- Job fairs held (举办日期) in the period; county as in dw.v_report_job_fairs.
CREATE FUNCTION dw.report_job_fairs(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, fairs bigint, employers bigint,
               posts bigint, attendees bigint, intentions bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT coalesce(j.county_code, n.code), c.name, GROUPING(coalesce(j.county_code, n.code)) = 1, count(*),
       coalesce(sum(j.employers), 0)::bigint, coalesce(sum(j.posts), 0)::bigint,
       coalesce(sum(j.attendees), 0)::bigint, coalesce(sum(j.intentions), 0)::bigint
  FROM dw.job_fair j
  LEFT JOIN ref.county n ON n.name = j.county_name
  LEFT JOIN ref.county c ON c.code = coalesce(j.county_code, n.code)
 WHERE (p_from IS NULL OR j.fair_date >= p_from) AND (p_to IS NULL OR j.fair_date <= p_to)
 GROUP BY GROUPING SETS ((coalesce(j.county_code, n.code), c.name), ())
HAVING count(*) > 0;
END;

-- Placements (推荐日期) in the period and the employment rate, as in dw.v_report_employment.
CREATE FUNCTION dw.report_employment(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, placements bigint, placed_persons bigint,
               intending bigint, employed bigint, employment_pct numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT coalesce(j.county_code, p.county_code), c.name, GROUPING(coalesce(j.county_code, p.county_code)) = 1,
       count(*), count(DISTINCT j.id_card),
       count(DISTINCT j.id_card) FILTER (WHERE j.college_soldier = '是' AND j.intends_work = '是'),
       count(DISTINCT j.id_card) FILTER (WHERE j.college_soldier = '是' AND j.intends_work = '是'
                                           AND j.employed = '是'),
       round(100.0 * count(DISTINCT j.id_card) FILTER (WHERE j.college_soldier = '是' AND j.intends_work = '是'
                                                          AND j.employed = '是')
             / nullif(count(DISTINCT j.id_card) FILTER (WHERE j.college_soldier = '是' AND j.intends_work = '是'), 0),
             1)
  FROM dw.job_placement j
  JOIN dw.person p ON p.id_card = j.id_card
  LEFT JOIN ref.county c ON c.code = coalesce(j.county_code, p.county_code)
 WHERE (p_from IS NULL OR j.placement_date >= p_from) AND (p_to IS NULL OR j.placement_date <= p_to)
 GROUP BY GROUPING SETS ((coalesce(j.county_code, p.county_code), c.name), ())
HAVING count(*) > 0;
END;

-- Adaptive training: discharged in the period (退役时间; no period: every person with a discharge date) is
-- the denominator; trained = distinct persons with a training row in the period (numerator): its 培训日期
-- in the period or, without 培训日期, its whole 培训年度 inside the period (so a year counts its undated rows,
-- a month does not).
CREATE FUNCTION dw.report_adaptive_training(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, discharged bigint, trained bigint,
               trained_pct numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT x.county_code, c.name, GROUPING(x.county_code) = 1,
       count(DISTINCT x.id_card) FILTER (WHERE x.what = 'd'),
       count(DISTINCT x.id_card) FILTER (WHERE x.what = 't'),
       round(100.0 * count(DISTINCT x.id_card) FILTER (WHERE x.what = 't')
             / nullif(count(DISTINCT x.id_card) FILTER (WHERE x.what = 'd'), 0), 1)
  FROM (SELECT 't' AS what, coalesce(a.county_code, p.county_code) AS county_code, a.id_card
          FROM dw.adaptive_training a JOIN dw.person p ON p.id_card = a.id_card
         WHERE CASE WHEN a.training_date IS NOT NULL
                    THEN (p_from IS NULL OR a.training_date >= p_from) AND (p_to IS NULL OR a.training_date <= p_to)
                    ELSE (p_from IS NULL OR make_date(a.training_year::int, 1, 1) >= p_from)
                         AND (p_to IS NULL OR make_date(a.training_year::int, 12, 31) <= p_to) END
        UNION ALL
        SELECT 'd', p.county_code, p.id_card
          FROM dw.person p
         WHERE p.discharge_date IS NOT NULL AND (p_from IS NULL OR p.discharge_date >= p_from)
           AND (p_to IS NULL OR p.discharge_date <= p_to)) x
  LEFT JOIN ref.county c ON c.code = x.county_code
 GROUP BY GROUPING SETS ((x.county_code, c.name), ())
HAVING count(*) > 0;
END;

-- Skills courses started (开班日期) in the period, per county and course; the city rows are per course.
CREATE FUNCTION dw.report_skills_training(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, course text, sessions bigint,
               participants bigint, person_times bigint, certified bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT coalesce(s.county_code, p.county_code), c.name, GROUPING(coalesce(s.county_code, p.county_code)) = 1,
       s.course, count(DISTINCT (s.partner_id, s.session)), count(DISTINCT s.id_card), count(*),
       count(DISTINCT s.id_card) FILTER (WHERE s.certified = '是')
  FROM dw.skills_training s
  JOIN dw.person p ON p.id_card = s.id_card
  LEFT JOIN ref.county c ON c.code = coalesce(s.county_code, p.county_code)
 WHERE (p_from IS NULL OR s.start_date >= p_from) AND (p_to IS NULL OR s.start_date <= p_to)
 GROUP BY GROUPING SETS ((coalesce(s.county_code, p.county_code), c.name, s.course), (s.course))
HAVING count(*) > 0;
END;

-- Degree upgrades enrolled (入学日期) in the period, per county and level; the city rows are per level.
CREATE FUNCTION dw.report_degree_upgrade(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, level text, persons bigint,
               graduated bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT coalesce(d.county_code, p.county_code), c.name, GROUPING(coalesce(d.county_code, p.county_code)) = 1,
       d.level, count(DISTINCT d.id_card), count(DISTINCT d.id_card) FILTER (WHERE d.graduated = '是')
  FROM dw.degree_upgrade d
  JOIN dw.person p ON p.id_card = d.id_card
  LEFT JOIN ref.county c ON c.code = coalesce(d.county_code, p.county_code)
 WHERE (p_from IS NULL OR d.enrol_date >= p_from) AND (p_to IS NULL OR d.enrol_date <= p_to)
 GROUP BY GROUPING SETS ((coalesce(d.county_code, p.county_code), c.name, d.level), (d.level))
HAVING count(*) > 0;
END;

-- Pairing: pairs = pairs paired (结对日期) on or before the period's last day (a pair lasts; no end: all);
-- new_pairs = those paired in the period; veterans = distinct veterans of the pairs; solved = problems
-- solved (解决日期) in the period, and per kind. County: the veteran's.
CREATE FUNCTION dw.report_pairing(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, pairs bigint, new_pairs bigint,
               veterans bigint, solved bigint, solved_thought bigint, solved_study bigint,
               solved_employment bigint, solved_business bigint, solved_hardship bigint, solved_rights bigint,
               solved_health bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT x.county_code, c.name, GROUPING(x.county_code) = 1,
       count(*) FILTER (WHERE x.is_pair), count(*) FILTER (WHERE x.is_pair AND x.is_new),
       count(DISTINCT x.id_card) FILTER (WHERE x.is_pair), count(*) FILTER (WHERE NOT x.is_pair),
       count(*) FILTER (WHERE x.kind = '思想'), count(*) FILTER (WHERE x.kind = '学业'),
       count(*) FILTER (WHERE x.kind = '就业'), count(*) FILTER (WHERE x.kind = '创业'),
       count(*) FILTER (WHERE x.kind = '解困'), count(*) FILTER (WHERE x.kind = '维权'),
       count(*) FILTER (WHERE x.kind = '健康')
  FROM (SELECT per.county_code, pr.id_card, true AS is_pair,
               (p_from IS NULL OR pr.paired_date >= p_from) AS is_new, NULL::text AS kind
          FROM dw.pairing pr JOIN dw.person per ON per.id_card = pr.id_card
         WHERE p_to IS NULL OR pr.paired_date <= p_to
        UNION ALL
        SELECT per.county_code, s.id_card, false, false, s.kind
          FROM dw.pairing_solved s JOIN dw.person per ON per.id_card = s.id_card
         WHERE (p_from IS NULL OR s.solved_date >= p_from) AND (p_to IS NULL OR s.solved_date <= p_to)) x
  LEFT JOIN ref.county c ON c.code = x.county_code
 GROUP BY GROUPING SETS ((x.county_code, c.name), ())
HAVING count(*) > 0;
END;

-- Legal aid: cases accepted (受理日期) in the period in the county of the person, those with judicial aid, their
-- aid amount; stations set up on or before the period's last day or without 设立日期, in the county of
-- their town.
CREATE FUNCTION dw.report_legal_aid(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, cases bigint, judicial_aid_cases bigint,
               judicial_aid_pct numeric, aid_amount numeric, stations bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT x.county_code, c.name, GROUPING(x.county_code) = 1,
       count(*) FILTER (WHERE x.is_case), count(*) FILTER (WHERE x.is_case AND x.is_judicial),
       round(100.0 * count(*) FILTER (WHERE x.is_case AND x.is_judicial)
             / nullif(count(*) FILTER (WHERE x.is_case), 0), 1),
       coalesce(sum(x.aid_amount) FILTER (WHERE x.is_case), 0), count(*) FILTER (WHERE NOT x.is_case)
  FROM (SELECT per.county_code, true AS is_case, l.judicial_aid = '是' AS is_judicial, l.aid_amount
          FROM dw.legal_aid_case l JOIN dw.person per ON per.id_card = l.id_card
         WHERE (p_from IS NULL OR l.accepted_date >= p_from) AND (p_to IS NULL OR l.accepted_date <= p_to)
        UNION ALL
        SELECT dw.county_of_town(s.town), false, false, NULL
          FROM dw.legal_aid_station s
         WHERE s.established_date IS NULL OR p_to IS NULL OR s.established_date <= p_to) x
  LEFT JOIN ref.county c ON c.code = x.county_code
 GROUP BY GROUPING SETS ((x.county_code, c.name), ())
HAVING count(*) > 0;
END;

-- Legal-aid stations per town as written, the same rule as stations above.
CREATE FUNCTION dw.report_legal_aid_stations(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, town text, stations bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT dw.county_of_town(s.town), c.name, GROUPING(dw.county_of_town(s.town)) = 1, btrim(s.town), count(*)
  FROM dw.legal_aid_station s
  LEFT JOIN ref.county c ON c.code = dw.county_of_town(s.town)
 WHERE s.established_date IS NULL OR p_to IS NULL OR s.established_date <= p_to
 GROUP BY GROUPING SETS ((dw.county_of_town(s.town), c.name, btrim(s.town)), ())
HAVING count(*) > 0;
END;

-- Village cadres serving in the period (任职时间 on or before its last day or not given, 离任时间 on or after its
-- first day or not given; an open end is today), by 文化程度 and by full years of age on the period's last day
-- (today when it has none).
CREATE FUNCTION dw.report_village_cadres(p_from date, p_to date)
RETURNS TABLE (county_code char(6), county_name text, is_total boolean, cadres bigint, edu_graduate bigint,
               edu_bachelor bigint, edu_college bigint, edu_senior bigint, edu_junior bigint, edu_unknown bigint,
               age_35_under bigint, age_36_45 bigint, age_46_55 bigint, age_56_over bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT x.county_code, c.name, GROUPING(x.county_code) = 1, count(*),
       count(*) FILTER (WHERE x.education = '研究生'), count(*) FILTER (WHERE x.education = '本科'),
       count(*) FILTER (WHERE x.education = '大专'), count(*) FILTER (WHERE x.education = '高中/中专'),
       count(*) FILTER (WHERE x.education = '初中及以下'), count(*) FILTER (WHERE x.education IS NULL),
       count(*) FILTER (WHERE x.age <= 35), count(*) FILTER (WHERE x.age BETWEEN 36 AND 45),
       count(*) FILTER (WHERE x.age BETWEEN 46 AND 55), count(*) FILTER (WHERE x.age >= 56)
  FROM (SELECT per.county_code, v.education,
               extract(year FROM age(coalesce(p_to, current_date), per.birth_date))::int AS age
          FROM dw.village_cadre v JOIN dw.person per ON per.id_card = v.id_card
         WHERE (v.term_start IS NULL OR v.term_start <= coalesce(p_to, current_date))
           AND (v.term_end IS NULL OR v.term_end >= coalesce(p_from, current_date))) x
  LEFT JOIN ref.county c ON c.code = x.county_code
 GROUP BY GROUPING SETS ((x.county_code, c.name), ())
HAVING count(*) > 0;
END;
