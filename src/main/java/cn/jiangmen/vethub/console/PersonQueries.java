package cn.jiangmen.vethub.console;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.ops.OpsQueries;
import cn.jiangmen.vethub.ops.OpsQueries.RunView;
import cn.jiangmen.vethub.warehouse.PersonLineage;
import cn.jiangmen.vethub.warehouse.PersonObservation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the search and the person page read from the warehouse and the ledger: persons by
 * ID number or name, runs by file name, a person's row, every observation of the person
 * (the union {@code dw.person_observation}), the facts linked to the person in every
 * {@code dw} table that has an {@code id_card} column (found in the catalog, so that a
 * new fact table appears without code), and the facts still waiting for the person.
 * Unmasked: the caller masks. Parameters only; the fact tables' names come from the
 * catalog and are quoted.
 */
@Component
class PersonQueries {

	/** Tables with an {@code id_card} column that are not facts about the person. */
	private static final List<String> NOT_FACTS = List.of("person", "person_observation_log");

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** Fact rows listed per table at most. */
	static final int FACT_ROWS = 100;

	private final JdbcTemplate jdbc;

	private final ZoneId zone;

	PersonQueries(JdbcTemplate jdbc, ConsoleProperties properties) {
		this.jdbc = jdbc;
		this.zone = properties.timeZone();
	}

	Optional<PersonHit> byId(String idCard) {
		return this.jdbc.query(HIT + " WHERE p.id_card = ?", this::hit, idCard).stream().findFirst();
	}

	/**
	 * Persons whose warehouse name or any observed name contains the text, by name; at
	 * most {@code limit}.
	 */
	List<PersonHit> byName(String text, int limit) {
		String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return this.jdbc.query(HIT + "\n" + """
				WHERE p.name LIKE ? ESCAPE '\\'
				   OR EXISTS (SELECT 1 FROM dw.person_observation_log o WHERE o.id_card = p.id_card
				               AND o.name LIKE ? ESCAPE '\\')
				ORDER BY p.name, p.id_card LIMIT ?""", this::hit, like, like, limit);
	}

	private static final String HIT = """
			SELECT p.id_card, p.name, k.name AS county, p.town FROM dw.person p
			  LEFT JOIN ref.county k ON k.code = p.county_code""";

	private PersonHit hit(ResultSet rs, int i) throws SQLException {
		return new PersonHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
	}

	/** Runs whose file name contains the text (any case), newest first. */
	List<RunView> runsByFileName(String text, int limit) {
		String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return this.jdbc.query(
				"SELECT " + OpsQueries.RUN_COLUMNS
						+ " FROM ops.ingest_run WHERE file_name ILIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?",
				OpsQueries.RUN, like, limit);
	}

	/** The person's warehouse row, column by column in the table's order. */
	Optional<Map<String, Object>> person(String idCard) {
		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				SELECT p.id_card, p.name, p.gender, p.birth_date, p.enlist_date, p.discharge_date, p.category,
				       p.political_status, p.party_member, p.phone, p.county_code, k.name AS county_name, p.town,
				       p.village, p.name_source, p.name_set_at, p.phone_source, p.phone_set_at, p.town_source,
				       p.town_set_at, p.last_run_id, p.created_at, p.updated_at
				  FROM dw.person p LEFT JOIN ref.county k ON k.code = p.county_code
				 WHERE p.id_card = ?""", idCard);
		return rows.stream().findFirst();
	}

	/**
	 * Every observation of the person, as the merge orders them: newest first, then by
	 * source id (in the database's collation).
	 */
	List<ObservationRow> observations(String idCard) {
		return this.jdbc.query("""
				SELECT o.source_id, o.source_kind, o.observed_at, o.run_id, o.record_ref, o.name, o.category,
				       o.political_status, o.enlist_date, o.discharge_date, o.phone, o.town, o.county_code, o.village,
				       r.file_name, r.started_at
				  FROM dw.person_observation o LEFT JOIN ops.ingest_run r ON r.id = o.run_id
				 WHERE o.id_card = ?
				 ORDER BY o.observed_at DESC, o.source_id""", (rs, i) -> {
			PersonObservation o = new PersonObservation(idCard, rs.getString(1),
					"province".equals(rs.getString(2)) ? PersonObservation.Kind.PROVINCE
							: PersonObservation.Kind.ROSTER,
					rs.getObject(3, OffsetDateTime.class), rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getString(8), rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class),
					rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14));
			return new ObservationRow(new PersonLineage.Seen(o, rs.getLong(4)), rs.getString(15),
					rs.getObject(16, OffsetDateTime.class));
		}, idCard);
	}

	/** The {@code dw} tables holding facts about persons: every one with an id_card. */
	List<String> factTables() {
		return this.jdbc.queryForList("""
				SELECT c.relname FROM pg_catalog.pg_class c
				  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
				  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id_card' AND NOT a.attisdropped
				 WHERE n.nspname = 'dw' AND c.relkind IN ('r', 'p') AND c.relname <> ALL (?)
				 ORDER BY c.relname""", String.class, (Object) NOT_FACTS.toArray(String[]::new));
	}

	/**
	 * The person's rows of one fact table (newest first when it has an {@code id}), at
	 * most {@link #FACT_ROWS}, with how many there are.
	 */
	FactTable facts(String table, String idCard) {
		String quoted = "dw.\"" + table.replace("\"", "\"\"") + "\"";
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM " + quoted + " WHERE id_card = ?", Long.class,
				idCard);
		List<String> columns = new ArrayList<>(this.jdbc.queryForList("""
				SELECT attname FROM pg_catalog.pg_attribute
				 WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'id_card'
				 ORDER BY attnum""", String.class, quoted));
		List<Map<String, String>> rows = new ArrayList<>();
		String order = columns.contains("id") ? " ORDER BY id DESC" : "";
		this.jdbc.query("SELECT * FROM " + quoted + " WHERE id_card = ?" + order + " LIMIT " + FACT_ROWS,
				(ResultSet rs) -> {
					Map<String, String> row = new LinkedHashMap<>();
					for (String column : columns) {
						row.put(column, text(rs.getObject(column)));
					}
					rows.add(row);
				}, idCard);
		return new FactTable(table, columns, rows, (total != null) ? total : 0);
	}

	/** Facts that wait for the person to arrive, by source and table. */
	List<WaitingFacts> waiting(String idCard) {
		return this.jdbc.query("""
				SELECT x.source_id, x.fact_table, count(*), min(x.run_id), min(r.started_at)
				  FROM ops.rejected_row x JOIN ops.ingest_run r ON r.id = x.run_id
				 WHERE x.id_card = ? AND x.reason = 'unknown_person' AND x.resolved_at IS NULL
				 GROUP BY x.source_id, x.fact_table ORDER BY x.source_id, x.fact_table""",
				(rs, i) -> new WaitingFacts(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
						rs.getObject(5, OffsetDateTime.class)),
				idCard);
	}

	private String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof BigDecimal d) {
			return d.toPlainString();
		}
		if (value instanceof Timestamp t) {
			return t.toInstant().atZone(this.zone).format(SECONDS);
		}
		return String.valueOf(value).stripTrailing();
	}

	/** A person found: ID number, name, county name and town of the warehouse row. */
	record PersonHit(String idCard, String name, String county, String town) {
	}

	/** An observation with the file and start of the run that stored it. */
	record ObservationRow(PersonLineage.Seen seen, String fileName, OffsetDateTime runStarted) {
	}

	/**
	 * @param columns the table's columns but id_card, in the table's order
	 * @param rows up to {@link #FACT_ROWS} rows, column to value as text
	 * @param total how many rows the person has in the table
	 */
	record FactTable(String table, List<String> columns, List<Map<String, String>> rows, long total) {
	}

	record WaitingFacts(String sourceId, String table, long count, long firstRunId, OffsetDateTime since) {
	}

}
