package cn.jiangmen.vethub.console;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.jiangmen.vethub.ops.ColumnRoles;
import cn.jiangmen.vethub.ops.OpsQueries;
import cn.jiangmen.vethub.ops.PersonalColumns;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.OpsQueries.RunView;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the console reads from the run ledger beyond the ops API: runs filtered by date,
 * loaded and rejected rows per day for the chart, and a run's rejected rows with their
 * reason labels. Days are counted in the bureau's time zone. Parameters only.
 */
@Component
class ConsoleQueries {

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final ConsoleProperties properties;

	ConsoleQueries(JdbcTemplate jdbc, JsonMapper json, ConsoleProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.properties = properties;
	}

	/** One page of the runs matching the filter, newest first. */
	List<RunView> runs(RunFilter filter, long offset, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + OpsQueries.RUN_COLUMNS + " FROM ops.ingest_run WHERE true");
		List<Object> args = new ArrayList<>();
		where(filter, sql, args);
		sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
		args.add(limit);
		args.add(offset);
		return this.jdbc.query(sql.toString(), OpsQueries.RUN, args.toArray());
	}

	/** How many runs match the filter. */
	long count(RunFilter filter) {
		StringBuilder sql = new StringBuilder("SELECT count(*) FROM ops.ingest_run WHERE true");
		List<Object> args = new ArrayList<>();
		where(filter, sql, args);
		Long count = this.jdbc.queryForObject(sql.toString(), Long.class, args.toArray());
		return (count != null) ? count : 0;
	}

	/**
	 * Rows loaded and rejected per day of the chart's window (all sources the filter
	 * keeps, added up), oldest day first; only days with runs are returned, the caller
	 * fills in the others.
	 */
	List<DailyCounts> daily(RunFilter filter, ChartWindow window) {
		RunFilter bounded = new RunFilter(filter.source(), filter.status(), window.from(), window.to());
		StringBuilder sql = new StringBuilder("""
				SELECT (started_at AT TIME ZONE ?)::date AS day, sum(rows_loaded), sum(rows_rejected)
				  FROM ops.ingest_run WHERE true""");
		List<Object> args = new ArrayList<>();
		args.add(zone());
		where(bounded, sql, args);
		sql.append(" GROUP BY 1 ORDER BY 1");
		return this.jdbc.query(sql.toString(),
				(rs, i) -> new DailyCounts(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)),
				args.toArray());
	}

	/**
	 * The days the chart shows for a filter: its from and to days where given, else up to
	 * today and {@code chartDays} back; never more than {@link #MAX_CHART_DAYS} days (the
	 * last ones of a longer range), so that a range from 1900 is not a chart of 45,000
	 * bars.
	 */
	ChartWindow window(RunFilter filter) {
		LocalDate to = (filter.to() != null) ? filter.to() : LocalDate.now(this.properties.timeZone());
		LocalDate from = (filter.from() != null) ? filter.from() : to.minusDays(this.properties.chartDays() - 1L);
		if (from.isAfter(to)) {
			from = to;
		}
		if (from.plusDays(MAX_CHART_DAYS - 1L).isBefore(to)) {
			from = to.minusDays(MAX_CHART_DAYS - 1L);
		}
		return new ChartWindow(from, to);
	}

	static final int MAX_CHART_DAYS = 366;

	private void where(RunFilter filter, StringBuilder sql, List<Object> args) {
		if (filter.source() != null) {
			sql.append(" AND source_id = ?");
			args.add(filter.source());
		}
		if (filter.status() != null) {
			sql.append(" AND status = ?");
			args.add(filter.status());
		}
		if (filter.from() != null) {
			sql.append(" AND started_at >= (?::date)::timestamp AT TIME ZONE ?");
			args.add(filter.from().toString());
			args.add(zone());
		}
		if (filter.to() != null) {
			sql.append(" AND started_at < (?::date + 1)::timestamp AT TIME ZONE ?");
			args.add(filter.to().toString());
			args.add(zone());
		}
	}

	/** Reject counts by reason with their labels, in the reasons' precedence order. */
	List<ReasonCount> reasonCounts(long runId) {
		return this.jdbc.query("""
				SELECT r.reason, rr.label_zh, rr.label_en, count(*)
				  FROM ops.rejected_row r JOIN ref.reject_reason rr ON rr.code = r.reason
				 WHERE r.run_id = ?
				 GROUP BY r.reason, rr.label_zh, rr.label_en, rr.precedence
				 ORDER BY rr.precedence""",
				(rs, i) -> new ReasonCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), runId);
	}

	/** One page of a run's rejected rows in file order, unmasked: the caller masks. */
	List<RejectedRowView> rejectedRows(long runId, String reason, long offset, int limit) {
		StringBuilder sql = new StringBuilder("""
				SELECT r.id, r.file_name, r.sheet, r.row_number, r.record_key, r.reason, rr.label_zh, rr.label_en,
				       r.detail, r.raw_values::text, r.id_card, r.resolved_at
				  FROM ops.rejected_row r JOIN ref.reject_reason rr ON rr.code = r.reason
				 WHERE r.run_id = ?""");
		List<Object> args = new ArrayList<>();
		args.add(runId);
		if (reason != null) {
			sql.append(" AND r.reason = ?");
			args.add(reason);
		}
		sql.append(" ORDER BY r.sheet NULLS FIRST, r.row_number NULLS LAST, r.id LIMIT ? OFFSET ?");
		args.add(limit);
		args.add(offset);
		return this.jdbc.query(sql.toString(),
				(rs, i) -> new RejectedRowView(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
						rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
						parse(rs.getString(10)), rs.getString(11), rs.getObject(12, OffsetDateTime.class)),
				args.toArray());
	}

	private Map<String, Object> parse(String raw) {
		return (raw != null) ? this.json.readValue(raw, MAP) : Map.of();
	}

	private String zone() {
		return this.properties.timeZone().getId();
	}

	/** Filters of the runs page; blank values mean "any". */
	record RunFilter(String source, String status, LocalDate from, LocalDate to) {

		RunFilter {
			source = blankToNull(source);
			status = blankToNull(status);
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

	}

	public record DailyCounts(LocalDate day, long loaded, long rejected) {
	}

	/** The first and last day (both included) of the runs chart. */
	record ChartWindow(LocalDate from, LocalDate to) {
	}

	public record ReasonCount(String code, String labelZh, String labelEn, long count) {

		public String label(Locale locale) {
			return "zh".equals(locale.getLanguage()) ? this.labelZh : this.labelEn;
		}

	}

	/**
	 * A rejected row as stored.
	 *
	 * @param rawValues the row as it arrived, header to value, in the sender's column
	 * order (rows stored before V101 in the order jsonb sorted them into)
	 */
	public record RejectedRowView(long id, String fileName, String sheet, Long rowNumber, String recordKey,
			String reason, String labelZh, String labelEn, String detail, Map<String, Object> rawValues, String idCard,
			OffsetDateTime resolvedAt) {

		public String label(Locale locale) {
			return "zh".equals(locale.getLanguage()) ? this.labelZh : this.labelEn;
		}

		/**
		 * The row as it may be shown masked: raw values by their columns' roles, the
		 * detail, sheet and file name scanned, the ID masked, an ID-derived key replaced
		 * by its pseudonym.
		 */
		RejectedRowView masked(PersonalColumns columns, ColumnRoles roles) {
			return new RejectedRowView(this.id, PersonalDataMask.text(this.fileName), PersonalDataMask.text(this.sheet),
					this.rowNumber, columns.recordKey(roles, this.recordKey), this.reason, this.labelZh, this.labelEn,
					PersonalDataMask.text(this.detail, PersonalDataMask.namesIn(this.rawValues, roles::roleOf)),
					columns.rawValues(roles, this.rawValues), PersonalDataMask.idCard(this.idCard), this.resolvedAt);
		}

	}

}
