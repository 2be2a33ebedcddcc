package cn.jiangmen.vethub.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Upserts rows into a table by its key, set-based: a new key is inserted, a changed row
 * is updated (its run and {@code loaded_at} with it), an unchanged row is not touched.
 * The caller's transaction is the load's. A key must appear at most once among the rows
 * of a call.
 * <p>
 * Which keys the table already holds is asked first, one index descent a key (a
 * {@code LATERAL} lookup of each key, never a scan of the table), unless the last load of
 * the same leading key values (a partner) found new keys only: then all the rows are
 * COPYed into the table at once, and should one of their keys be there after all, that
 * COPY fails on the key, is rolled back to its savepoint and the rows are probed (a first
 * load, or a source that only adds records, pays no probe). The rows of new keys are
 * streamed by binary COPY ({@link BinaryCopy}) straight into the table, as a plain COPY
 * would load them (PostgreSQL's bulk insert, the same index entries and foreign-key
 * checks); should another transaction have inserted one of those keys since the probe (a
 * waiting fact whose person arrived), that COPY fails on the key, is rolled back to its
 * savepoint and all the rows take the staged way. The rows of known keys are streamed
 * into a temporary stage of the session ({@code pg_temp}, emptied at commit, with the
 * target's column types), then one
 * {@code INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE ... WHERE ... IS DISTINCT FROM ...}
 * writes them (an insert still, should the row have been deleted since the probe). The
 * probe is used where the last key column is {@code text} and the others are text values;
 * otherwise every row takes the staged way.
 * <p>
 * Table and column names come from constants of the code, never from configuration or
 * files; they are checked to be plain identifiers all the same.
 */
public final class StagedUpsert {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	/** How a column's values are written, and what Java values it takes. */
	public enum ColumnType {

		/**
		 * A {@code text} value that repeats row after row as one instance (a source id):
		 * its bytes are encoded once.
		 */
		CODE,
		/** {@code text} or {@code char(n)}, from a String. */
		TEXT,
		/** {@code date}, from a LocalDate. */
		DATE,
		/** {@code numeric}, from a BigDecimal. */
		NUMERIC,
		/** {@code bigint}, from a Long. */
		BIGINT

	}

	/**
	 * A column written by the upsert.
	 *
	 * @param name the column
	 * @param type how its values are written
	 * @param compared whether a change of it updates the row ({@code false} for the run
	 * that wrote it, which is updated with a changed row only)
	 */
	public record Column(String name, ColumnType type, boolean compared) {

		public Column {
			if (!IDENTIFIER.matcher(name).matches()) {
				throw new IllegalArgumentException("Not a plain column name: " + name);
			}
		}

	}

	private final List<Column> columns;

	private final String createStage;

	private final String truncateStage;

	private final String copyStage;

	private final String upsert;

	private final String table;

	private final List<String> key;

	private final int[] keyAt;

	private final String copyTarget;

	private final String probe;

	private final String keyType;

	/**
	 * Whether the probe may be used: null until the type of the last key column is known.
	 */
	private volatile Boolean probing;

	/**
	 * For each leading key value list (a partner), whether its last load found new keys
	 * only: then the next load's rows are COPYed without a probe, a guess that is checked
	 * by the table's unique key ({@link #copyUnprobed}).
	 */
	private final Map<List<Object>, Boolean> onlyNewKeysLast = new ConcurrentHashMap<>();

	/**
	 * @param table the target, e.g. {@code dw.medical_service}; it must have a
	 * {@code loaded_at} column
	 * @param key the columns of its unique key (among the columns)
	 * @param columns the columns written, in the order of each row's values
	 */
	public StagedUpsert(String table, List<String> key, List<Column> columns) {
		String[] parts = table.split("\\.");
		if (parts.length != 2 || !IDENTIFIER.matcher(parts[0]).matches() || !IDENTIFIER.matcher(parts[1]).matches()) {
			throw new IllegalArgumentException("Not a schema-qualified table name: " + table);
		}
		List<String> names = columns.stream().map(Column::name).toList();
		if (!names.containsAll(key)) {
			throw new IllegalArgumentException("The key " + key + " is not among the columns " + names);
		}
		this.columns = List.copyOf(columns);
		this.table = table;
		this.key = List.copyOf(key);
		this.keyAt = key.stream().mapToInt(names::indexOf).toArray();
		String list = String.join(", ", names);
		this.copyTarget = table + " (" + list + ")";
		String last = key.get(key.size() - 1);
		// one index descent a key, whatever the plan cache holds: a LATERAL subquery
		// with LIMIT is never flattened into a join, so the planner cannot scan or hash
		// the whole table (a generic plan of "key = ANY (?)", planned while the table
		// was small, scanned it in every batch of a 1,000,000-row run: 62 s of probes)
		StringBuilder probe = new StringBuilder("SELECT k.key FROM unnest(?::text[]) AS k(key) CROSS JOIN LATERAL"
				+ " (SELECT 1 FROM " + table + " t WHERE ");
		for (String k : key.subList(0, key.size() - 1)) {
			probe.append("t.").append(k).append(" = ? AND ");
		}
		this.probe = probe.append("t.").append(last).append(" = k.key LIMIT 1) AS found").toString();
		this.keyType = "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + table
				+ "'::regclass AND attname = '" + last + "'";
		// a stage lives as long as its pooled connection: its name says its columns, so
		// that upserts of one table with other columns never meet a stage of another
		// shape
		String stage = parts[1] + "_stage_" + Integer.toHexString((table + ":" + list).hashCode());
		this.createStage = "CREATE TEMP TABLE IF NOT EXISTS " + stage + " ON COMMIT DELETE ROWS AS SELECT " + list
				+ " FROM " + table + " WITH NO DATA";
		this.truncateStage = "TRUNCATE pg_temp." + stage;
		this.copyStage = "pg_temp." + stage + " (" + list + ")";
		List<String> updated = names.stream().filter((c) -> !key.contains(c)).toList();
		List<String> compared = columns.stream()
			.filter((c) -> c.compared() && !key.contains(c.name()))
			.map(Column::name)
			.toList();
		this.upsert = "INSERT INTO " + table + " AS t (" + list + ")\nSELECT " + list + " FROM pg_temp." + stage
				+ "\nON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET "
				+ String.join(", ", updated.stream().map((c) -> c + " = EXCLUDED." + c).toList())
				+ ", loaded_at = now()\n WHERE (" + String.join(", ", compared.stream().map((c) -> "t." + c).toList())
				+ ") IS DISTINCT FROM (" + String.join(", ", compared.stream().map((c) -> "EXCLUDED." + c).toList())
				+ ")";
	}

	/**
	 * Upserts the rows on the given connection, in its transaction.
	 * @param rows each row's values in the order of the columns
	 * @return the rows inserted or changed (unchanged rows are not counted)
	 */
	public long upsert(Connection connection, Iterable<Object[]> rows) throws SQLException {
		return upsert(connection, rows, PhaseTimes.NONE);
	}

	/**
	 * {@link #upsert(Connection, Iterable)}, recording the time of the stage COPY and of
	 * the upsert statement.
	 */
	public long upsert(Connection connection, Iterable<Object[]> rows, PhaseTimes times) throws SQLException {
		List<Object[]> all = new ArrayList<>();
		rows.forEach(all::add);
		for (Object[] row : all) {
			if (row.length != this.columns.size()) {
				throw new IllegalArgumentException(
						"A row of " + row.length + " values for the " + this.columns.size() + " columns");
			}
		}
		if (all.isEmpty()) {
			return 0;
		}
		if (connection.getAutoCommit() || !probing(connection)) {
			return staged(connection, all, times);
		}
		long start = System.nanoTime();
		Map<List<Object>, List<Object[]>> byLeading = new LinkedHashMap<>();
		for (Object[] row : all) {
			List<Object> leading = new ArrayList<>(this.keyAt.length - 1);
			for (int i = 0; i < this.keyAt.length - 1; i++) {
				leading.add(row[this.keyAt[i]]);
			}
			byLeading.computeIfAbsent(leading, (l) -> new ArrayList<>()).add(row);
		}
		List<Object> only = (byLeading.size() == 1) ? byLeading.keySet().iterator().next() : null;
		if (only != null && this.onlyNewKeysLast.getOrDefault(only, false)) {
			Long copied = copyUnprobed(connection, all, only, times, start);
			if (copied != null) {
				return copied;
			}
			start = System.nanoTime();
		}
		List<Object[]> fresh = new ArrayList<>();
		List<Object[]> known = new ArrayList<>();
		int last = this.keyAt[this.keyAt.length - 1];
		for (Map.Entry<List<Object>, List<Object[]>> group : byLeading.entrySet()) {
			Set<String> present = present(connection, group.getKey(),
					group.getValue().stream().map((r) -> (String) r[last]).toArray(String[]::new));
			for (Object[] row : group.getValue()) {
				(present.contains((String) row[last]) ? known : fresh).add(row);
			}
			remember(group.getKey(), present.isEmpty());
		}
		start = times.since("probe of the keys already loaded", start);
		long written = 0;
		if (!fresh.isEmpty()) {
			Savepoint savepoint = connection.setSavepoint();
			try {
				written += copy(connection, this.copyTarget, fresh);
				connection.releaseSavepoint(savepoint);
			}
			catch (SQLException ex) {
				if (!UNIQUE_VIOLATION.equals(ex.getSQLState())) {
					throw ex;
				}
				// a key inserted by another transaction since the probe: the staged way
				// for all
				connection.rollback(savepoint);
				times.since("COPY of new keys into the table (with its FK checks)", start);
				return written + staged(connection, all, times);
			}
			start = times.since("COPY of new keys into the table (with its FK checks)", start);
		}
		if (!known.isEmpty()) {
			written += staged(connection, known, times);
		}
		return written;
	}

	private static final String UNIQUE_VIOLATION = "23505";

	/**
	 * The rows COPYed into the table without a probe (the last load of these leading key
	 * values held new keys only, as every batch of a first load or of a source that only
	 * adds records does); null when the COPY met a key already loaded: it is rolled back
	 * to its savepoint, nothing of it stays, and the caller probes.
	 */
	private Long copyUnprobed(Connection connection, List<Object[]> rows, List<Object> leading, PhaseTimes times,
			long start) throws SQLException {
		Savepoint savepoint = connection.setSavepoint();
		try {
			long written = copy(connection, this.copyTarget, rows);
			connection.releaseSavepoint(savepoint);
			times.since("COPY of new keys into the table (with its FK checks)", start);
			return written;
		}
		catch (SQLException ex) {
			if (!UNIQUE_VIOLATION.equals(ex.getSQLState())) {
				throw ex;
			}
			connection.rollback(savepoint);
			remember(leading, false);
			times.since("COPY without a probe refused on a key already loaded (rolled back)", start);
			return null;
		}
	}

	/** Whether the last probe of these leading key values found new keys only. */
	private void remember(List<Object> leading, boolean onlyNew) {
		if (this.onlyNewKeysLast.size() >= MAX_REMEMBERED && !this.onlyNewKeysLast.containsKey(leading)) {
			this.onlyNewKeysLast.clear();
		}
		this.onlyNewKeysLast.put(leading, onlyNew);
	}

	/** How many leading key values (partners) are remembered at most. */
	private static final int MAX_REMEMBERED = 10_000;

	/**
	 * Whether the probe may be used: every key column but the last is a text value, and
	 * the last is of type {@code text} (so that {@code = ANY (?::text[])} takes its index
	 * and the values read back equal those sent).
	 */
	private boolean probing(Connection connection) throws SQLException {
		Boolean known = this.probing;
		if (known == null) {
			boolean texts = this.key.stream()
				.allMatch((k) -> this.columns.stream()
					.anyMatch(
							(c) -> c.name().equals(k) && (c.type() == ColumnType.TEXT || c.type() == ColumnType.CODE)));
			try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(this.keyType)) {
				known = texts && rs.next() && "text".equals(rs.getString(1));
			}
			this.probing = known;
		}
		return known;
	}

	/** The values of the last key column, among those given, that the table holds. */
	private Set<String> present(Connection connection, List<Object> leading, String[] lastValues) throws SQLException {
		Set<String> present = new HashSet<>();
		try (PreparedStatement ps = connection.prepareStatement(this.probe)) {
			ps.setArray(1, connection.createArrayOf("text", lastValues));
			int i = 2;
			for (Object value : leading) {
				ps.setString(i++, (String) value);
			}
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					present.add(rs.getString(1));
				}
			}
		}
		return present;
	}

	/** Streams the rows by binary COPY into the table and columns given. */
	private long copy(Connection connection, String into, List<Object[]> rows) throws SQLException {
		try (BinaryCopy copy = BinaryCopy.open(connection, into)) {
			for (Object[] row : rows) {
				copy.startRow(row.length);
				for (int i = 0; i < row.length; i++) {
					write(copy, this.columns.get(i).type(), row[i]);
				}
			}
			return copy.finish();
		}
	}

	/** The rows through the stage and the {@code INSERT ... ON CONFLICT} statement. */
	private long staged(Connection connection, List<Object[]> rows, PhaseTimes times) throws SQLException {
		long start = System.nanoTime();
		try (Statement st = connection.createStatement()) {
			st.execute(this.createStage);
			st.execute(this.truncateStage);
		}
		copy(connection, this.copyStage, rows);
		start = times.since("stage COPY (known keys)", start);
		try (Statement st = connection.createStatement()) {
			return st.executeUpdate(this.upsert);
		}
		finally {
			times.since("upsert statement (with its FK checks)", start);
		}
	}

	private static void write(BinaryCopy copy, ColumnType type, Object value) throws SQLException {
		if (value == null) {
			copy.nul();
			return;
		}
		switch (type) {
			case CODE -> copy.coded((String) value);
			case TEXT -> copy.text((String) value);
			case DATE -> copy.date((LocalDate) value);
			case NUMERIC -> copy.numeric((BigDecimal) value);
			case BIGINT -> copy.int8((Long) value);
		}
	}

	/** The upsert statement (for tests and plans). */
	String upsertSql() {
		return this.upsert;
	}

}
