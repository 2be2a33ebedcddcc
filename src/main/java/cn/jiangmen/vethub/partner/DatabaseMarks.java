package cn.jiangmen.vethub.partner;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The high-water marks of database sources, in {@code ops.sync_mark} (endpoint
 * {@value #ENDPOINT}): the largest watermark value among the committed rows, a timestamp
 * in {@code since} or a number in {@code since_number}. {@link #save} runs in the
 * caller's transaction, so the mark commits with the rows it covers, never before them.
 */
@Component
class DatabaseMarks {

	static final String ENDPOINT = "query";

	private final JdbcTemplate jdbc;

	DatabaseMarks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The mark of a source: a {@link Timestamp} or a {@link BigDecimal}, or null when
	 * nothing was read yet.
	 */
	Object load(String sourceId) {
		return load(sourceId, ENDPOINT);
	}

	/**
	 * The mark of a source's endpoint (an http-api source keeps its mark as
	 * {@code http}).
	 */
	Object load(String sourceId, String endpoint) {
		List<Object> marks = this.jdbc
			.query("SELECT since, since_number FROM ops.sync_mark WHERE source_id = ? AND endpoint = ?", (rs, n) -> {
				LocalDateTime since = rs.getObject(1, LocalDateTime.class);
				BigDecimal number = rs.getBigDecimal(2);
				return (since != null) ? Timestamp.valueOf(since) : number;
			}, sourceId, endpoint);
		return marks.isEmpty() ? null : marks.get(0);
	}

	void save(String sourceId, Object mark, long runId) {
		save(sourceId, ENDPOINT, mark, runId);
	}

	void save(String sourceId, String endpoint, Object mark, long runId) {
		LocalDateTime since = (mark instanceof Timestamp ts) ? ts.toLocalDateTime() : null;
		BigDecimal number = (mark instanceof BigDecimal n) ? n : null;
		this.jdbc.update((con) -> {
			var ps = con.prepareStatement("""
					INSERT INTO ops.sync_mark (source_id, endpoint, since, since_number, run_id, updated_at)
					VALUES (?, ?, ?, ?, ?, now())
					ON CONFLICT (source_id, endpoint) DO UPDATE
					   SET since = excluded.since, since_number = excluded.since_number, run_id = excluded.run_id,
					       updated_at = now()""");
			ps.setString(1, sourceId);
			ps.setString(2, endpoint);
			ps.setObject(3, since, java.sql.Types.TIMESTAMP);
			ps.setBigDecimal(4, number);
			ps.setLong(5, runId);
			return ps;
		});
	}

}
