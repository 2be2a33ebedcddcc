package cn.jiangmen.vethub.ingest;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

import cn.jiangmen.vethub.ops.RunTrigger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The register of files put into an inbox from the console ({@code ops.inbox_drop}): an
 * upload through the browser or a file taken again from {@code error/} or
 * {@code archive/}. The console records the drop before the file appears in the inbox;
 * the pipeline that takes the file finds it by source, name and SHA-256
 * ({@link InboxFiles#start}), records its run with the drop's trigger and writes the
 * run's id here, which is how the console shows the run the drop became. A file that
 * arrives by itself has no drop and is a {@code file} run. In the database, not in
 * memory, so that another hub on the same warehouse that takes the file finds the drop as
 * well.
 */
@Component
public class InboxDrops {

	private static final RowMapper<Drop> DROP = (rs, i) -> new Drop(rs.getLong("id"), rs.getString("source_id"),
			RunTrigger.valueOf(rs.getString("trigger").toUpperCase(Locale.ROOT)), rs.getString("file_name"),
			rs.getString("file_sha256"), rs.getString("origin"), rs.getString("dropped_by"),
			rs.getObject("dropped_at", OffsetDateTime.class), (Long) rs.getObject("run_id"));

	private static final String COLUMNS = "id, source_id, trigger, file_name, file_sha256, origin, dropped_by, dropped_at, run_id";

	private final JdbcTemplate jdbc;

	InboxDrops(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a drop about to be placed in the inbox; returns its id. */
	public long record(String sourceId, RunTrigger trigger, String fileName, String sha256, String origin,
			String user) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.update((con) -> {
			var ps = con.prepareStatement("""
					INSERT INTO ops.inbox_drop (source_id, trigger, file_name, file_sha256, origin, dropped_by)
					VALUES (?, ?, ?, ?, ?, ?)""", new String[] { "id" });
			ps.setString(1, sourceId);
			ps.setString(2, trigger.code());
			ps.setString(3, fileName);
			ps.setString(4, sha256);
			ps.setString(5, origin);
			ps.setString(6, user);
			return ps;
		}, key);
		return key.getKey().longValue();
	}

	/** Forgets a drop whose file could not be placed. */
	public void cancel(long id) {
		this.jdbc.update("DELETE FROM ops.inbox_drop WHERE id = ? AND run_id IS NULL", id);
	}

	/** The oldest drop of this file that no run has taken yet. */
	Optional<Drop> waiting(String sourceId, String fileName, String sha256) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM ops.inbox_drop"
				+ " WHERE source_id = ? AND file_name = ? AND file_sha256 = ? AND run_id IS NULL ORDER BY id LIMIT 1",
				DROP, sourceId, fileName, sha256)
			.stream()
			.findFirst();
	}

	/** Notes the run a drop became. */
	void taken(long dropId, long runId) {
		this.jdbc.update("UPDATE ops.inbox_drop SET run_id = ? WHERE id = ?", runId, dropId);
	}

	public Optional<Drop> find(long id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM ops.inbox_drop WHERE id = ?", DROP, id)
			.stream()
			.findFirst();
	}

	/**
	 * One drop.
	 *
	 * @param origin where a retaken file lay ({@code error/x.xlsx},
	 * {@code archive/2026-03-01/x.xlsx}); null for an upload
	 * @param runId the run it became, null while it waits in the inbox
	 */
	public record Drop(long id, String sourceId, RunTrigger trigger, String fileName, String sha256, String origin,
			String droppedBy, OffsetDateTime droppedAt, Long runId) {
	}

}
