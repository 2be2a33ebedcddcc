package cn.jiangmen.vethub.county;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's recorded time covers its work (issue 19.5): a big county file's run ends after
 * its load committed and its answer was written (the feedback file is written only after
 * the commit, so a {@code finished_at} taken at the start of the load's transaction comes
 * before it), and the duration metric is the recorded duration. The same for the
 * re-delivery of the file ({@code skipped_duplicate}).
 */
class CountyFileRunDurationIT extends HubIntegrationTest {

	private static final int ROWS = 60_000;

	@Autowired
	CountyFileProcessor processor;

	@Autowired
	MeterRegistry meters;

	@Test
	void aRunsRecordedDurationCoversItsLoadAndIsTheDurationMeasured() throws Exception {
		Path dir = Files.createDirectories(DATA_DIR.resolve("durations"));
		Path file = dir.resolve("鹤山花名册_20261121.csv");
		CountyLoadBenchmark.writeCsv(file, ROWS);
		byte[] bytes = Files.readAllBytes(file);
		double secondsBefore = recordedSeconds(RunStatus.SUCCEEDED);

		Instant before = Instant.now();
		CountyFileProcessor.Result loaded = this.processor.process("heshan", file.toString());
		Instant after = Instant.now();

		assertThat(loaded.status()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(loaded.rowsLoaded()).isEqualTo(ROWS);
		Run run = run(loaded.runId());
		assertThat(run.startedAt()).isBetween(before, after);
		assertThat(run.finishedAt()).isBetween(answeredAt(loaded), after);
		assertThat(recordedSeconds(RunStatus.SUCCEEDED) - secondsBefore).isCloseTo(
				run.duration().toNanos() / 1e9 + otherRunsSeconds(loaded.runId(), before, after),
				org.assertj.core.data.Offset.offset(1e-6));

		// the same bytes again: a skipped duplicate, ended after its answer too
		Files.write(file, bytes);
		double skippedBefore = recordedSeconds(RunStatus.SKIPPED_DUPLICATE);
		CountyFileProcessor.Result skipped = this.processor.process("heshan", file.toString());
		Instant afterSkip = Instant.now();

		assertThat(skipped.status()).isEqualTo(RunStatus.SKIPPED_DUPLICATE);
		Run skip = run(skipped.runId());
		assertThat(skip.finishedAt()).isBetween(answeredAt(skipped), afterSkip);
		assertThat(recordedSeconds(RunStatus.SKIPPED_DUPLICATE) - skippedBefore)
			.isCloseTo(skip.duration().toNanos() / 1e9, org.assertj.core.data.Offset.offset(1e-6));
	}

	/** When the feedback file was written: after the load's commit. */
	private static Instant answeredAt(CountyFileProcessor.Result result) throws java.io.IOException {
		return Files.getLastModifiedTime(DATA_DIR.resolve("outbox/heshan").resolve(result.feedbackFile())).toInstant();
	}

	private Run run(long id) {
		Map<String, Object> row = this.jdbc
			.queryForMap("SELECT started_at, finished_at FROM ops.ingest_run WHERE id = ?", id);
		return new Run(((java.sql.Timestamp) row.get("started_at")).toInstant(),
				((java.sql.Timestamp) row.get("finished_at")).toInstant());
	}

	/** The total of the heshan runs' durations of a status, as the metric has it. */
	/**
	 * The recorded durations of other succeeded heshan runs that ended in the window: a
	 * file an earlier test left in the inbox may be loaded meanwhile, and the timer adds
	 * it too.
	 */
	private double otherRunsSeconds(long runId, Instant from, Instant to) {
		Double seconds = this.jdbc.queryForObject("""
				SELECT coalesce(sum(extract(epoch FROM finished_at - started_at)), 0)::float8 FROM ops.ingest_run
				 WHERE source_id = 'heshan' AND status = 'succeeded' AND id <> ? AND finished_at BETWEEN ? AND ?""",
				Double.class, runId, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to));
		return (seconds != null) ? seconds : 0;
	}

	private double recordedSeconds(RunStatus status) {
		Timer timer = this.meters.find("vethub.run.duration")
			.tag("source", "heshan")
			.tag("status", status.code())
			.timer();
		return (timer != null) ? timer.totalTime(TimeUnit.SECONDS) : 0;
	}

	private record Run(Instant startedAt, Instant finishedAt) {

		Duration duration() {
			return Duration.between(this.startedAt, this.finishedAt);
		}

	}

}
