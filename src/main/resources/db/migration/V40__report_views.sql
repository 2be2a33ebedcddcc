-- Report views of the console (issue 6). Read-only; documented in docs/warehouse.md, "Report views".
-- "Today" is the bureau's calendar day (Asia/Shanghai), whatever the database server's time zone.
-- Views with a per-county breakdown also carry one city-wide total row (is_total = true).

CREATE VIEW dw.v_report_persons_by_county_category AS
SELECT p.county_code, c.name AS county_name, p.category, count(*) AS persons
  FROM dw.person p
  LEFT JOIN ref.county c ON c.code = p.county_code
 GROUP BY p.county_code, c.name, p.category;

CREATE VIEW dw.v_report_visit_coverage AS
SELECT p.county_code, c.name AS county_name, GROUPING(p.county_code) = 1 AS is_total,
       count(*) AS persons,
       count(v.id_card) AS visited_persons,
       round(100.0 * count(v.id_card) / nullif(count(*), 0), 1) AS coverage_pct
  FROM dw.person p
  LEFT JOIN ref.county c ON c.code = p.county_code
  LEFT JOIN (SELECT DISTINCT id_card FROM dw.visit) v ON v.id_card = p.id_card
 GROUP BY GROUPING SETS ((p.county_code, c.name), ());

CREATE VIEW dw.v_report_assistance_by_category AS
SELECT a.name AS category, count(p.id) AS payments, coalesce(sum(p.amount), 0)::numeric(16, 2) AS amount
  FROM ref.assistance_category a
  LEFT JOIN dw.assistance_payment p ON p.category = a.name
 GROUP BY a.name;

CREATE VIEW dw.v_report_assistance_by_county AS
SELECT c.code AS county_code, c.name AS county_name, count(p.id) AS payments,
       coalesce(sum(p.amount), 0)::numeric(16, 2) AS amount
  FROM ref.county c
  LEFT JOIN dw.assistance_payment p ON p.county_code = c.code
 GROUP BY c.code, c.name;

CREATE VIEW dw.v_report_insured_80_plus AS
WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d)
SELECT p.county_code, c.name AS county_name, GROUPING(p.county_code) = 1 AS is_total,
       count(*) AS persons_80_plus,
       count(i.id_card) AS insured,
       round(100.0 * count(i.id_card) / nullif(count(*), 0), 1) AS insured_pct
  FROM dw.person p
 CROSS JOIN today t
  LEFT JOIN ref.county c ON c.code = p.county_code
  LEFT JOIN (SELECT DISTINCT ip.id_card
               FROM dw.insurance_policy ip, today t2
              WHERE ip.start_date <= t2.d AND ip.end_date >= t2.d) i ON i.id_card = p.id_card
 WHERE p.birth_date <= (t.d - interval '80 years')::date
 GROUP BY GROUPING SETS ((p.county_code, c.name), ());

CREATE VIEW dw.v_report_party_members AS
SELECT p.county_code, c.name AS county_name, GROUPING(p.county_code) = 1 AS is_total,
       count(*) AS persons,
       count(*) FILTER (WHERE p.party_member) AS party_members,
       round(100.0 * count(*) FILTER (WHERE p.party_member) / nullif(count(*), 0), 1) AS party_pct
  FROM dw.person p
  LEFT JOIN ref.county c ON c.code = p.county_code
 GROUP BY GROUPING SETS ((p.county_code, c.name), ());
