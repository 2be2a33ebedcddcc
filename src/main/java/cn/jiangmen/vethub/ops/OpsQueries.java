package cn.jiangmen.vethub.ops;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Read side of the run ledger, for the ops API and the console. Parameters only, never
 * concatenation.
 */
@Component
public class OpsQueries {

	/** The columns of a run, in the order {@link #RUN} reads them. */
	public static final String RUN_COLUMNS = """
			id, source_id, trigger, file_name, file_sha256, started_at, finished_at, status, rows_read, rows_loaded,
			rows_rejected, error_message, feedback_file, instance_id""";

	/** Reads a run selected with {@link #RUN_COLUMNS}. */
	public static final RowMapper<RunView> RUN = (rs, i) -> new RunView(rs.getLong("id"), rs.getString("source_id"),
			rs.getString("trigger"), rs.getString("file_name"), rs.getString("file_sha256"),
			rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
			rs.getString("status"), rs.getLong("rows_read"), rs.getLong("rows_loaded"), rs.getLong("rows_rejected"),
			rs.getString("error_message"), rs.getString("feedback_file"), rs.getString("instance_id"));

	private final JdbcTemplate jdbc;

	OpsQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public List<RunView> runs(String sourceId, String status, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM ops.ingest_run WHERE true");
		List<Object> args = new ArrayList<>();
		if (sourceId != null && !sourceId.isBlank()) {
			sql.append(" AND source_id = ?");
			args.add(sourceId);
		}
		if (status != null && !status.isBlank()) {
			sql.append(" AND status = ?");
			args.add(status);
		}
		sql.append(" ORDER BY id DESC LIMIT ?");
		args.add(limit);
		return this.jdbc.query(sql.toString(), RUN, args.toArray());
	}

	public Optional<RunView> run(long id) {
		return this.jdbc.query("SELECT " + RUN_COLUMNS + " FROM ops.ingest_run WHERE id = ?", RUN, id)
			.stream()
			.findFirst();
	}

	public Optional<RunView> lastRun(String sourceId) {
		return this.jdbc
			.query("SELECT " + RUN_COLUMNS + " FROM ops.ingest_run WHERE source_id = ? ORDER BY id DESC LIMIT 1", RUN,
					sourceId)
			.stream()
			.findFirst();
	}

	/**
	 * When the source's last successful run started ({@code succeeded}, or a
	 * {@code skipped_duplicate}: the source delivered); empty when it never succeeded.
	 */
	public Optional<OffsetDateTime> lastSuccess(String sourceId) {
		return Optional.ofNullable(this.jdbc.queryForObject("""
				SELECT max(started_at) FROM ops.ingest_run
				 WHERE source_id = ? AND status IN ('succeeded', 'skipped_duplicate')""", OffsetDateTime.class,
				sourceId));
	}

	/** Reject counts by reason, most frequent first. */
	public Map<String, Long> rejectCounts(long runId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT reason, count(*) FROM ops.rejected_row WHERE run_id = ?
				 GROUP BY reason ORDER BY count(*) DESC, reason""", (rs) -> {
			counts.put(rs.getString(1), rs.getLong(2));
		}, runId);
		return counts;
	}

	/**
	 * The runs among the given ones (those this hub runs, {@link RunLedger#openRuns()})
	 * that are still running: a {@code running} row that this hub does not run (its end
	 * waits to be written, or another hub runs it) is not reported.
	 */
	public List<RunView> running(Collection<Long> runIds) {
		if (runIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query(
				"SELECT " + RUN_COLUMNS + " FROM ops.ingest_run WHERE id = ANY (?) AND status = 'running' ORDER BY id",
				RUN, (Object) runIds.toArray(Long[]::new));
	}

	/**
	 * One run as the API and console show it.
	 *
	 * @param instanceId the hub that ran it ({@code ops.hub_instance}), or null for a run
	 * of before hubs had ids
	 */
	public record RunView(long id, String sourceId, String trigger, String fileName, String fileSha256,
			OffsetDateTime startedAt, OffsetDateTime finishedAt, String status, long rowsRead, long rowsLoaded,
			long rowsRejected, String errorMessage, String feedbackFile, String instanceId) {

		/** The first eight digits of the hub's id, as the console shows it, or null. */
		public String shortInstanceId() {
			return (this.instanceId != null && this.instanceId.length() >= 8) ? this.instanceId.substring(0, 8)
					: this.instanceId;
		}

		/**
		 * The run as a VIEWER sees it: any ID number, phone or announced name in its file
		 * name, error message or feedback file name masked.
		 */
		public RunView masked() {
			return new RunView(this.id, this.sourceId, this.trigger, PersonalDataMask.text(this.fileName),
					this.fileSha256, this.startedAt, this.finishedAt, this.status, this.rowsRead, this.rowsLoaded,
					this.rowsRejected, PersonalDataMask.text(this.errorMessage),
					PersonalDataMask.text(this.feedbackFile), this.instanceId);
		}

	}

}
