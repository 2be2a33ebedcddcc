package cn.jiangmen.vethub.province;

import java.sql.Array;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The high-water marks in {@code ops.sync_mark}. {@link #save} runs in the caller's
 * transaction: the mark is committed with the records it covers, never before them.
 */
@Component
class SyncMarks {

	private final JdbcTemplate jdbc;

	SyncMarks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	SyncMark load(String sourceId, String endpoint) {
		List<SyncMark> marks = this.jdbc
			.query("SELECT since, ids_at_since FROM ops.sync_mark WHERE source_id = ? AND endpoint = ?", (rs, n) -> {
				LocalDateTime since = rs.getObject(1, LocalDateTime.class);
				Array ids = rs.getArray(2);
				return new SyncMark(since, (ids != null) ? Set.of((String[]) ids.getArray()) : Set.of());
			}, sourceId, endpoint);
		return marks.isEmpty() ? SyncMark.START : marks.get(0);
	}

	void save(String sourceId, String endpoint, SyncMark mark, long runId) {
		LocalDateTime since = mark.since();
		String[] ids = mark.idsAtSince().stream().sorted().toArray(String[]::new);
		this.jdbc.update((con) -> {
			var ps = con.prepareStatement("""
					INSERT INTO ops.sync_mark (source_id, endpoint, since, ids_at_since, run_id, updated_at)
					VALUES (?, ?, ?, ?, ?, now())
					ON CONFLICT (source_id, endpoint) DO UPDATE
					   SET since = excluded.since, ids_at_since = excluded.ids_at_since, run_id = excluded.run_id,
					       updated_at = now()""");
			ps.setString(1, sourceId);
			ps.setString(2, endpoint);
			ps.setObject(3, since, java.sql.Types.TIMESTAMP);
			ps.setArray(4, con.createArrayOf("text", ids));
			ps.setLong(5, runId);
			return ps;
		});
	}

}
