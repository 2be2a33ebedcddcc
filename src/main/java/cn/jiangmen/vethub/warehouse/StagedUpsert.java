package cn.jiangmen.vethub.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Upserts rows into a table by its key, set-based: the rows are streamed by binary COPY
 * ({@link BinaryCopy}) into a temporary stage of the session ({@code pg_temp}, emptied at
 * commit, with the target's column types), then one
 * {@code INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE ... WHERE ... IS DISTINCT FROM ...}
 * writes them: a new key is inserted, a changed row is updated (its run and
 * {@code loaded_at} with it), an unchanged row is not touched. The caller's transaction
 * is the load's. A key must appear at most once among the rows of a call.
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
		String list = String.join(", ", names);
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
		return upsert(connection, rows, new long[2]);
	}

	/**
	 * Upserts the rows as {@link #upsert(Connection, Iterable)}, adding the time spent
	 * filling the stage to {@code nanos[0]} and the time of the upsert statement to
	 * {@code nanos[1]} (a benchmark's figures).
	 * @param nanos two sums of {@link System#nanoTime()} differences
	 * @return the rows inserted or changed
	 */
	public long upsert(Connection connection, Iterable<Object[]> rows, long[] nanos) throws SQLException {
		long t0 = System.nanoTime();
		try (Statement st = connection.createStatement()) {
			st.execute(this.createStage);
			st.execute(this.truncateStage);
		}
		try (BinaryCopy copy = BinaryCopy.open(connection, this.copyStage)) {
			for (Object[] row : rows) {
				if (row.length != this.columns.size()) {
					throw new IllegalArgumentException(
							"A row of " + row.length + " values for the " + this.columns.size() + " columns");
				}
				copy.startRow(row.length);
				for (int i = 0; i < row.length; i++) {
					write(copy, this.columns.get(i).type(), row[i]);
				}
			}
			copy.finish();
		}
		long t1 = System.nanoTime();
		nanos[0] += t1 - t0;
		try (Statement st = connection.createStatement()) {
			return st.executeUpdate(this.upsert);
		}
		finally {
			nanos[1] += System.nanoTime() - t1;
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
