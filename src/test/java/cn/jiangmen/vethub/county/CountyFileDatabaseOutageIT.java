package cn.jiangmen.vethub.county;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.system.HubProperties;
import cn.jiangmen.vethub.system.PostgresOutage;
import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database really stops in the middle of a county file's load and starts again while
 * the hub keeps running (issue 19.5): the broken run is closed {@code failed}, "database
 * unavailable", as soon as the database is back, without a restart; {@code /api/status}
 * goes idle; the file, left in the inbox, is loaded exactly once by a new run. The pool
 * waits at most a second for a connection during the outage, so that the run's end is
 * certain to find the database gone (with the default 30 s, a short outage is over before
 * the end is written, and it is written directly).
 */
class CountyFileDatabaseOutageIT extends HubIntegrationTest {

	private static final int ROWS = 300_000;

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	HubProperties hub;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Test
	void aRunBrokenByADatabaseOutageIsClosedWhenTheDatabaseIsBackAndItsFileLoadsOnce() throws Exception {
		Path written = Files.createDirectories(DATA_DIR.resolve("outage")).resolve("鹤山花名册_20261120.csv");
		CountyLoadBenchmark.writeCsv(written, ROWS);
		Path inbox = DATA_DIR.resolve("inbox/county/heshan/鹤山花名册_20261120.csv");
		Files.move(written, inbox);
		// the route took the file and the load is under way (its first progress written)
		long broken = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.jdbc.queryForList("""
					SELECT id FROM ops.ingest_run
					 WHERE source_id = 'heshan' AND status = 'running' AND rows_read > 0""", Long.class),
					(ids) -> !ids.isEmpty())
			.get(0);

		PostgresOutage outage = PostgresOutage.of(this.hub.embeddedDbDir());
		HikariConfigMXBean pool = ((HikariDataSource) this.dataSource).getHikariConfigMXBean();
		long connectionTimeout = pool.getConnectionTimeout();
		pool.setConnectionTimeout(1000);
		try {
			outage.stop();
			// the load failed and could not write its end: it waits, and is no longer
			// reported running
			await().atMost(Duration.ofSeconds(60)).until(() -> awaitingClose() == 1);
		}
		finally {
			outage.start();
			pool.setConnectionTimeout(connectionTimeout);
		}

		// the server may take a moment to accept connections again
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> this.jdbc.queryForObject("SELECT status FROM ops.ingest_run WHERE id = ?", String.class,
					broken), "failed"::equals);
		assertThat(awaitingClose()).isZero();
		Map<String, Object> closed = this.jdbc.queryForMap(
				"SELECT error_message, finished_at > started_at AS ended FROM ops.ingest_run WHERE id = ?", broken);
		assertThat((String) closed.get("error_message")).startsWith("database unavailable");
		assertThat(closed).containsEntry("ended", true);

		// the file stayed in the inbox and is loaded by a new run, once
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> !Files.exists(inbox));
		Map<String, Object> status = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> viewerApi().get().uri("/api/status").retrieve().body(MAP),
					(s) -> Boolean.TRUE.equals(s.get("idle")));
		assertThat(status).containsEntry("runsInProgress", 0).containsEntry("running", List.of());
		List<Map<String, Object>> runs = this.jdbc
			.queryForList("SELECT id, status, rows_loaded FROM ops.ingest_run WHERE source_id = 'heshan' ORDER BY id");
		assertThat(runs).hasSize(2);
		assertThat(runs.get(0)).containsEntry("id", broken).containsEntry("status", "failed");
		assertThat(runs.get(1)).containsEntry("status", "succeeded").containsEntry("rows_loaded", (long) ROWS);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isEqualTo(ROWS);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person_observation", Long.class)).isEqualTo(ROWS);
	}

	private double awaitingClose() {
		return this.meters.get("vethub.runs.awaiting.close").gauge().value();
	}

}
