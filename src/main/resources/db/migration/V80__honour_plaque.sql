-- Honour plaques (光荣牌, issue 15): one row per plaque a county reports, linked to its person by ID number.
-- Documented in docs/warehouse.md ("Facts" and "Report views"). Additive: nothing of the contract changes.

-- Which person categories the bureau hangs a plaque for: the denominator of the hanging rate.
-- 其他优抚对象 (99) is a catch-all of persons cared for by the bureau who are not themselves entitled to a
-- plaque, so it is not counted; every other category of ref.person_category is.
ALTER TABLE ref.person_category ADD COLUMN plaque_eligible boolean NOT NULL DEFAULT false;
UPDATE ref.person_category SET plaque_eligible = true WHERE code IN ('11', '12', '13', '21', '31');

CREATE TABLE dw.honour_plaque (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL,               -- the source that reported it (a county source)
    plaque_no       text NOT NULL,               -- 光荣牌编号, the record key: a re-delivery updates its row
    id_card         char(18) NOT NULL REFERENCES dw.person (id_card),
    status          text NOT NULL CHECK (status IN ('已悬挂', '未悬挂')),   -- 悬挂情况
    hung_date       date,                        -- 悬挂日期
    county_code     char(6) NOT NULL REFERENCES ref.county (code),
    town            text REFERENCES ref.town (name),
    village         text,
    notes           text,                        -- 备注
    file_name       text,                        -- where the row was read: file, sheet, 1-based row
    sheet           text,
    row_number      bigint,
    run_id          bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, plaque_no)
);
CREATE INDEX honour_plaque_person_idx ON dw.honour_plaque (id_card);

-- The hanging rate per county and for the city (is_total), for every year and per year of 悬挂日期.
--   eligible = persons of dw.person in that county whose category is plaque_eligible;
--   hung     = those of them with at least one plaque marked 已悬挂 (any source; a row with hung_year
--              counts only plaques whose 悬挂日期 falls in that year; hung_year NULL: all plaques);
--   hung_pct = 100 × hung / eligible, one decimal, NULL when nobody is eligible.
-- The county of a person is dw.person.county_code, so a plaque counts where its person lives.
CREATE VIEW dw.v_report_plaques AS
WITH eligible AS (
    SELECT p.id_card, p.county_code
      FROM dw.person p
      JOIN ref.person_category pc ON pc.name = p.category AND pc.plaque_eligible),
hung AS (
    SELECT DISTINCT h.id_card, NULL::int AS hung_year FROM dw.honour_plaque h WHERE h.status = '已悬挂'
    UNION
    SELECT DISTINCT h.id_card, extract(year FROM h.hung_date)::int FROM dw.honour_plaque h
     WHERE h.status = '已悬挂' AND h.hung_date IS NOT NULL),
years AS (
    SELECT NULL::int AS hung_year UNION SELECT DISTINCT hung_year FROM hung WHERE hung_year IS NOT NULL)
SELECT e.county_code, c.name AS county_name, GROUPING(e.county_code) = 1 AS is_total, y.hung_year,
       count(*) AS eligible,
       count(h.id_card) AS hung,
       round(100.0 * count(h.id_card) / nullif(count(*), 0), 1) AS hung_pct
  FROM eligible e
 CROSS JOIN years y
  LEFT JOIN ref.county c ON c.code = e.county_code
  LEFT JOIN hung h ON h.id_card = e.id_card AND h.hung_year IS NOT DISTINCT FROM y.hung_year
 GROUP BY GROUPING SETS ((y.hung_year, e.county_code, c.name), (y.hung_year));
