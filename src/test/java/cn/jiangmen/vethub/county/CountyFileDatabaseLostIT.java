package cn.jiangmen.vethub.county;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A county file whose database connection is lost in the middle of the load (the backend
 * writing the persons is terminated while its COPY runs, as when the server restarts):
 * nothing of the file is kept, the run is recorded as failed, the file stays where it
 * was, and the next attempt loads it whole, with no duplicates.
 */
class CountyFileDatabaseLostIT extends HubIntegrationTest {

	private static final int ROWS = 200_000;

	@Autowired
	CountyFileProcessor processor;

	@Test
	void aLoadThatLosesItsDatabaseMidFileKeepsNothingAndLoadsWhollyWhenTriedAgain() throws Exception {
		Path dir = Files.createDirectories(DATA_DIR.resolve("lost-db"));
		Path file = dir.resolve("鹤山花名册_20261120.csv");
		CountyLoadBenchmark.writeCsv(file, ROWS);

		ExecutorService load = Executors.newSingleThreadExecutor();
		try {
			Future<CountyFileProcessor.Result> first = load
				.submit(() -> this.processor.process("heshan", file.toString()));
			// the backend of the load, once it is writing persons (some chunks are
			// written by then)
			List<Integer> backend = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> this.jdbc.queryForList("""
						SELECT pid FROM pg_stat_activity
						 WHERE state = 'active' AND query LIKE 'COPY dw.person %' AND pid <> pg_backend_pid()""",
						Integer.class), (pids) -> !pids.isEmpty() || first.isDone());
			assertThat(backend).as("the load was caught while writing").hasSize(1);
			this.jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, backend.get(0));

			assertThatExceptionOfType(ExecutionException.class).isThrownBy(first::get);
		}
		finally {
			load.shutdownNow();
		}

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person_observation", Long.class)).isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT status FROM ops.ingest_run WHERE source_id = 'heshan'", String.class))
			.isEqualTo("failed");
		assertThat(file).as("the file stays to be tried again").exists();

		CountyFileProcessor.Result again = this.processor.process("heshan", file.toString());

		assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(again.rowsLoaded()).isEqualTo(ROWS);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isEqualTo(ROWS);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person_observation", Long.class)).isEqualTo(ROWS);
	}

}
