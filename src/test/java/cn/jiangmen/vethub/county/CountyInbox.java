package cn.jiangmen.vethub.county;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drops files into a running hub's county inboxes and reads back what became of them. */
public final class CountyInbox {

	private final Path dataDir;

	private final JdbcTemplate jdbc;

	public CountyInbox(Path dataDir, JdbcTemplate jdbc) {
		this.dataDir = dataDir;
		this.jdbc = jdbc;
	}

	/**
	 * Drops a file into a source's inbox and waits until the hub has finished with it;
	 * returns the run id.
	 */
	public long load(String sourceId, Path file) {
		String name = file.getFileName().toString();
		Path inbox = folder("inbox/county/" + sourceId);
		CountyFiles.drop(file, inbox);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !Files.exists(inbox.resolve(name)) && this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.ingest_run WHERE file_name = ? AND status <> 'running'", Long.class,
					name) > 0);
		return this.jdbc.queryForObject("SELECT max(id) FROM ops.ingest_run WHERE file_name = ?", Long.class, name);
	}

	public Map<String, Object> run(long runId) {
		return this.jdbc.queryForMap("""
				SELECT status, rows_read, rows_loaded, rows_rejected, feedback_file FROM ops.ingest_run WHERE id = ?""",
				runId);
	}

	/** The feedback file's text (after its BOM, which is asserted). */
	public String feedback(String sourceId, String name) throws IOException {
		byte[] bytes = Files.readAllBytes(folder("outbox/" + sourceId).resolve(name));
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
	}

	public Path folder(String relative) {
		return this.dataDir.resolve(relative);
	}

	/**
	 * A fresh path in a staging folder on the same file system as the inboxes (so drops
	 * are atomic).
	 */
	public Path staging(String name) throws IOException {
		Path dir = Files.createDirectories(this.dataDir.resolve("staging"));
		Path file = dir.resolve(name);
		Files.deleteIfExists(file);
		return file;
	}

}
