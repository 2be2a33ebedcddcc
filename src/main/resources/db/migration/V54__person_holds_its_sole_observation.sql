-- A person stated once holds that statement in its own dw.person row, instead of also in a row of the
-- observation log. In a first bulk load every person is stated once, and writing each of them twice (the
-- observation, then the derived person) was half of the load: 3.8 s of a 1,000,000-row county file, with
-- the person itself 3.9 s (measured on the writer thread of PersonMerger, county benchmark, 2026-11-29).
--
-- The observation log keeps its meaning through a view: dw.person_observation is every statement a source
-- made about a person, the union of
--   dw.person_observation_log    the observations of persons stated more than once, and
--   dw.person_sole_observation   the single observation of every other person, rebuilt from its row.
-- The table is renamed to the log, so the name everyone reads keeps returning all observations.
--
-- A person row holds its sole observation when sole_province is set (true: a provincial record, false: a
-- roster row). Most of the observation is the person itself, gender and birth date coming from the ID
-- number either way: source_id = name_source, observed_at = name_set_at, run_id = last_run_id, and name,
-- enlist_date, discharge_date and phone as stated (an empty value is stored as NULL by every path). Besides
-- the record ref, the rest is stored only where it differs from the person, which in a bulk load is almost
-- never: sole_stated holds the stated category, political status, town, county code and village whose value
-- the person does not show (a value the reference tables do not know, a village of an unknown town or of a
-- provincial record, a county other than the town's), a key with a JSON null being "stated nothing".
-- Every column added costs the bulk load: seven plain columns (kind, ref, county and the four values) made
-- the binary COPY of 1,000,000 persons 0.45 s slower, measured on its own against a copy of the table.
--
-- When a second statement of the person arrives, PersonMerger first moves the sole observation into the log
-- (rebuilt by dw.person_sole_observation), then merges, and the person row's sole_* columns are cleared.
ALTER TABLE dw.person_observation RENAME TO person_observation_log;
ALTER INDEX dw.person_observation_pkey RENAME TO person_observation_log_pkey;

ALTER TABLE dw.person
    ADD COLUMN sole_province   boolean,
    ADD COLUMN sole_record_ref text,
    ADD COLUMN sole_stated     jsonb;

CREATE VIEW dw.person_sole_observation AS
SELECT id_card, name_source AS source_id,
       CASE WHEN sole_province THEN 'province' ELSE 'roster' END AS source_kind,
       name_set_at AS observed_at, last_run_id AS run_id, sole_record_ref AS record_ref, name,
       CASE WHEN sole_stated ? 'category' THEN sole_stated ->> 'category' ELSE category END AS category,
       CASE WHEN sole_stated ? 'political_status' THEN sole_stated ->> 'political_status'
            ELSE political_status END AS political_status,
       enlist_date, discharge_date, phone,
       CASE WHEN sole_stated ? 'town' THEN sole_stated ->> 'town' ELSE town END AS town,
       CASE WHEN sole_stated ? 'county_code' THEN (sole_stated ->> 'county_code')::char(6)
            ELSE county_code END AS county_code,
       CASE WHEN sole_stated ? 'village' THEN sole_stated ->> 'village' ELSE village END AS village
  FROM dw.person
 WHERE sole_province IS NOT NULL;

CREATE VIEW dw.person_observation AS
SELECT id_card, source_id, source_kind, observed_at, run_id, record_ref, name, category, political_status,
       enlist_date, discharge_date, phone, town, county_code, village
  FROM dw.person_observation_log
UNION ALL
SELECT id_card, source_id, source_kind, observed_at, run_id, record_ref, name, category, political_status,
       enlist_date, discharge_date, phone, town, county_code, village
  FROM dw.person_sole_observation;
